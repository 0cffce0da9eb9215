"""Small helpers shared by the tests."""

from linter.engine import lint as lint_file
from linter.settings import Settings


def lint(text: str | bytes, path: str = "test.yaml", **settings) -> list:
    return lint_file(text, path, Settings(**settings)).violations


def lines(violations) -> list[str]:
    """Violations as ``LINE:COL-ENDLINE:ENDCOL TYPE [rule] message`` strings."""
    return [
        f"{v.span.start_line}:{v.span.start_column}-{v.span.end_line}:{v.span.end_column} "
        f"{v.violation_type} [{v.rule_id}] {v.description}"
        for v in violations
    ]
