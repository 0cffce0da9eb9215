"""Rule documentation, generated from each rule module's docstring.

``python -m linter.docs`` rewrites ``docs/rules/``; a test fails when the
pages are out of date.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from .rules import Rule, all_rules


def rule_doc(rule: type[Rule]) -> str:
    return inspect.getdoc(sys.modules[rule.__module__]) or ""


def rule_page(rule: type[Rule]) -> str:
    summary, _, body = rule_doc(rule).partition("\n")
    default = "on" if rule.enabled_by_default else "off"
    return (
        f"# {rule.id}\n\n"
        f"**{rule.title}** · violationType `{rule.severity.name}` · on by default: {default}\n\n"
        f"{summary}\n{body.rstrip()}\n"
    )


def index_page() -> str:
    lines = ["# Rules", "", "| Rule | violationType | Title |", "| --- | --- | --- |"]
    for rule_id, rule in all_rules().items():
        lines.append(f"| [{rule_id}]({rule_id}.md) | {rule.severity.name} | {rule.title} |")
    return "\n".join(lines) + "\n"


def expected_pages() -> dict[str, str]:
    pages = {f"{rule_id}.md": rule_page(rule) for rule_id, rule in all_rules().items()}
    pages["README.md"] = index_page()
    return pages


def write(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    pages = expected_pages()
    for stale in directory.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    for name, text in pages.items():
        (directory / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(Path(__file__).resolve().parent.parent / "docs" / "rules")
