"""Exactly the body of Cortex's ``POST /api/v1/workflows/validate`` response.

``{"ok": bool, "violations": [{title, description, violationType, ruleLink,
paths, pointer, startLine, endLine}]}``, with those keys and no others.
``ok`` is false when any MUST violation exists.  With several inputs the
output is one object mapping each path to such a response.  Files that
could not be read, or that Cortex could not check with ``--remote=required``,
are left out (no verdict is claimed for them; the error goes to standard
error and the exit code says so).
"""

from __future__ import annotations

from ..model import Severity, Violation
from ..report import FileResult, Report
from .printable import json_text


def response(violations: list[Violation]) -> dict:
    return {
        "ok": not any(v.rank >= Severity.MUST for v in violations),  # an unknown Cortex type ranks as MUST
        "violations": [
            {
                "title": v.title,
                "description": v.description,
                "violationType": v.violation_type,
                "ruleLink": v.rule_link,
                "paths": [v.pointer],
                "pointer": v.pointer,
                "startLine": v.span.start_line,
                "endLine": v.span.end_line,
            }
            for v in violations
        ],
    }


def render(report: Report) -> str:
    failed = {f.path for f in report.failures()}
    readable: list[FileResult] = [r for r in report.results if r.path not in failed]
    if len(report.results) == 1:
        if not readable:
            return ""
        body: dict = response(readable[0].violations)
    else:
        body = {r.path: response(r.violations) for r in readable}
    return json_text(body)
