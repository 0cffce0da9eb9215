"""One ``path:line:col: SEVERITY [rule-id] message`` line per violation, and nothing else.

For editors and ``errorformat``-style parsers (``%f:%l:%c: %m``): no colour,
no related notes, no summary.  Failures (a file that could not be read,
Cortex could not check a file, ...) are reported on standard error only, so
this output never claims a run passed.
"""

from __future__ import annotations

from ..report import Report


def render(report: Report) -> str:
    return "".join(
        f"{v.path}:{v.span.start_line}:{v.span.start_column}: {v.violation_type} [{v.rule_id}] {_one_line(v.description)}\n"
        for v in report.violations
    )


def _one_line(text: str) -> str:
    """A remote (Cortex) message may span lines; the contract is one line per violation."""
    return " ".join(text.splitlines())
