"""One ``path:line:col: SEVERITY [rule-id] message`` line per violation, and nothing else.

For editors and ``errorformat``-style parsers (``%f:%l:%c: %m``): no colour,
no related notes, no summary.  File names and messages are made
:mod:`printable`, so each violation is one line whatever a file is called or
Cortex sends.  Failures (a file that could not be read,
Cortex could not check a file, ...) are reported on standard error only, so
this output never claims a run passed.
"""

from __future__ import annotations

from ..report import Report
from .printable import one_line, printable


def render(report: Report) -> str:
    return "".join(
        f"{printable(v.path)}:{v.span.start_line}:{v.span.start_column}: "
        f"{printable(v.violation_type)} [{printable(v.rule_id)}] {one_line(v.description)}\n"
        for v in report.violations
    )
