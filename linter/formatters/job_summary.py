"""The GitHub Actions job summary: a short Markdown report appended to ``$GITHUB_STEP_SUMMARY``.

``check`` writes it by itself when that variable is set (GitHub sets it in
every step).  It starts with the verdict, in the words of the ``text``
summary line, then a table of the findings per file and rule (at most
:data:`MAX_ROWS` rows), then each failure.
"""

from __future__ import annotations

from collections import Counter

from ..report import Report
from .paths import repo_path
from .printable import one_line
from .text import summary

MAX_ROWS = 50


def render(report: Report) -> str:
    code = report.exit_code()
    verdict = "passed" if code == 0 else "failed"
    lines = [f"### cortex-workflow-lint {verdict} (exit code {code})", "", _cell(summary(report)), ""]
    rows = Counter((repo_path(v.path), v.rule_id, v.violation_type) for v in report.violations)
    if rows:
        lines += ["| File | Rule | violationType | Findings |", "| --- | --- | --- | ---: |"]
        ordered = sorted(rows.items(), key=lambda item: (item[0][0], -item[1], item[0][1]))
        lines += [f"| {_code(path)} | {_code(rule)} | {kind} | {count} |" for (path, rule, kind), count in ordered[:MAX_ROWS]]
        if len(ordered) > MAX_ROWS:
            lines.append(f"| ... | {len(ordered) - MAX_ROWS} more rows | | {sum(count for _, count in ordered[MAX_ROWS:])} |")
        lines.append("")
    failures = report.failures()
    if failures:
        lines += ["**Failures**", "", *(f"- {_cell(f.message)}" for f in failures), ""]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """One line of Markdown that cannot break the table or start markup."""
    return one_line(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("`", "'")


def _code(text: str) -> str:
    return f"`{one_line(text).replace('`', chr(39)).replace('|', chr(92) + '|')}`"
