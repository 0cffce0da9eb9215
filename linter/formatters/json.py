"""Our full report: every violation with exact positions, rule id and pointer.

The shape is published as ``schemas/report.schema.json``.
"""

from __future__ import annotations

from .. import __version__
from ..model import Fix, Severity, Violation
from ..report import Report
from .printable import json_text


def violation_dict(v: Violation) -> dict:
    s = v.span
    return {
        "ruleId": v.rule_id,
        "title": v.title,
        "description": v.description,
        "violationType": v.violation_type,
        "ruleLink": v.rule_link,
        "pointer": v.pointer,
        "paths": [v.pointer],
        "startLine": s.start_line,
        "startColumn": s.start_column,
        "endLine": s.end_line,
        "endColumn": s.end_column,
        "source": v.source,
        "related": [
            {
                "pointer": r.pointer,
                "message": r.message,
                "startLine": r.span.start_line,
                "startColumn": r.span.start_column,
                "endLine": r.span.end_line,
                "endColumn": r.span.end_column,
                **({"path": r.path} if r.path else {}),
            }
            for r in v.related
        ],
        "fix": fix_dict(v.fix) if v.fix else None,
    }


def fix_dict(fix: Fix) -> dict:
    return {
        "applicability": fix.applicability,
        "message": fix.message,
        "edits": [
            {
                "startOffset": e.start,
                "endOffset": e.end,
                "startLine": e.span.start_line,
                "startColumn": e.span.start_column,
                "endLine": e.span.end_line,
                "endColumn": e.span.end_column,
                "replacement": e.replacement,
            }
            for e in fix.edits
            if e.span is not None
        ],
    }


def render(report: Report) -> str:
    counts = report.counts()
    body = {
        "tool": {"name": "cortex-workflow-lint", "version": __version__},
        "ok": report.exit_code() == 0,
        "exitCode": report.exit_code(),
        "failOn": report.fail_on.name,
        "summary": {
            "files": len(report.results),
            "violations": len(report.violations),
            "byViolationType": {name: counts[name] for name in sorted(counts)},
            "fixed": report.fixed(),
            "baselined": report.baselined(),
        },
        "failures": [{"kind": f.kind, "path": f.path, "message": f.message} for f in report.failures()],
        "files": [
            {
                "path": r.path,
                "ok": r.error is None and not (report.remote_required and r.remote_error)
                and not any(v.rank >= Severity.MUST for v in r.violations),
                "error": r.error,
                "remoteError": r.remote_error,
                "violations": [violation_dict(v) for v in r.violations],
            }
            for r in report.results
        ],
    }
    return json_text(body)
