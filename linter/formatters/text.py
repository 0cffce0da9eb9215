"""``path:line:col: MUST [rule-id] description`` lines, then a summary.

File names and messages are made :mod:`printable`: one line per violation and
per note, whatever a file is called or Cortex sends.
"""

from __future__ import annotations

from ..model import Severity
from ..report import Report
from .printable import one_line, printable

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
        path = printable(v.path)
        source = _SOURCE_NOTES.get(v.source, f" ({v.source})") if v.source != "local" or v.cross_checked else ""
        marker = " [*]" if v.fix is not None and (v.fix.safe or report.unsafe_fixes) else ""
        head = f"{path}:{s.start_line}:{s.start_column}: {printable(v.violation_type)} [{printable(v.rule_id)}]"
        lines.append(f"{head}{marker}{source} {one_line(v.description)}")
        for r in v.related:
            where = printable(r.path or v.path)
            lines.append(f"    {where}:{r.span.start_line}:{r.span.start_column}: note: {one_line(r.message)}")
    lines.append(summary(report))
    lines.extend(fix_summary(report))
    return "\n".join(lines) + "\n"


def summary(report: Report) -> str:
    """One line.  It says "passed" only when nothing failed and no violation is at or above
    ``fail-on`` (exit 0); a run with failures starts with "Failed:" and names them."""
    checked = sum(1 for r in report.results if r.error is None)
    files = f"{checked} file{'s' if checked != 1 else ''} checked"
    total = len(report.violations)
    baselined = report.baselined()
    in_baseline = f"; {baselined} finding{'s' if baselined != 1 else ''} in the baseline" if baselined else ""
    failed = report.failure_summary()
    if not total:
        return f"Failed: {failed}. No violations in {files}{in_baseline}." if failed else f"All checks passed ({files}{in_baseline})."
    counts = report.counts()
    parts = ", ".join(f"{counts[name]} {printable(name)}" for name in [*_ORDER, *sorted(set(counts) - set(_ORDER))] if counts[name])
    with_problems = sum(1 for r in report.results if r.violations)
    noun = "violation" if total == 1 else "violations"
    found = f"Found {total} {noun} ({parts}) in {with_problems} of {files}{in_baseline}."
    return f"Failed: {failed}. {found}" if failed else found


def fix_summary(report: Report) -> list[str]:
    """How many findings were fixed, and how many more ``--fix`` (and ``--unsafe-fixes``) would fix."""
    lines = []
    fixed = report.fixed()
    if fixed:
        lines.append(f"Fixed {fixed} finding{'s' if fixed != 1 else ''}.")
    runnable, hidden = report.fixable()
    more = f"{hidden} more with --unsafe-fixes" if hidden else ""
    if runnable:
        lines.append(f"[*] {runnable} fixable with --fix{f' ({more})' if more else ''}.")
    elif hidden:
        lines.append(f"{hidden} fixable with --fix --unsafe-fixes.")
    return lines
