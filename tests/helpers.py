"""Small helpers shared by the tests."""

from linter.engine import lint_bytes
from linter.settings import Settings


def lint(text: str | bytes, path: str = "test.yaml", **settings) -> list:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return lint_bytes(data, path, Settings(**settings))


def lines(violations) -> list[str]:
    """Violations as ``LINE:COL-ENDLINE:ENDCOL TYPE [rule] message`` strings."""
    return [
        f"{v.span.start_line}:{v.span.start_column}-{v.span.end_line}:{v.span.end_column} "
        f"{v.violation_type} [{v.rule_id}] {v.description}"
        for v in violations
    ]
