"""``path:line:col: MUST [rule-id] description`` lines, then a summary."""

from __future__ import annotations

from ..model import Severity
from ..report import Report

_ORDER = [s.name for s in sorted(Severity, reverse=True)]
_SOURCE_NOTES = {
    "both": " (Cortex agrees)",
    "remote": " (only Cortex reports this: a local rule is missing)",
    "local": " (Cortex does not report this)",
}
"""After ``check --remote``: who reported each violation."""


def render(report: Report) -> str:
    lines = []
    for v in report.violations:
        s = v.span
        source = _SOURCE_NOTES.get(v.source, f" ({v.source})") if v.source != "local" or v.extra.get("crossChecked") else ""
        lines.append(f"{v.path}:{s.start_line}:{s.start_column}: {v.violation_type} [{v.rule_id}]{source} {v.description}")
        for r in v.related:
            lines.append(f"    {r.path or v.path}:{r.span.start_line}:{r.span.start_column}: note: {r.message}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def summary(report: Report) -> str:
    checked = sum(1 for r in report.results if r.error is None)
    files = f"{checked} file{'s' if checked != 1 else ''} checked"
    total = len(report.violations)
    if not total:
        return f"All checks passed ({files})."
    counts = report.counts()
    parts = ", ".join(f"{counts[name]} {name}" for name in [*_ORDER, *sorted(set(counts) - set(_ORDER))] if counts[name])
    with_problems = sum(1 for r in report.results if r.violations)
    noun = "violation" if total == 1 else "violations"
    return f"Found {total} {noun} ({parts}) in {with_problems} of {files}."
