"""GitLab Code Quality (a subset of the Code Climate format), for ``artifacts:reports:codequality``.

A JSON array of ``{description, check_name, fingerprint, severity,
location: {path, lines: {begin, end}}}``.  GitLab has five severities and we
use four, one per violationType: MUST is ``critical`` (Cortex rejects the
descriptor), SHOULD ``major``, MAY ``minor``, HINT ``info``; an unknown type
from Cortex is ``critical``.  ``blocker`` is left for tools that find
security problems.

``fingerprint`` is the MD5 of path, rule id and JSON pointer (GitLab
matches findings across pipelines by it, so it has no line numbers), with a
count appended before hashing when the same triple occurs again, because
GitLab shows only the first finding of each fingerprint.  Files that could
not be read are left out (their error goes to standard error).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from ..report import Report
from .paths import repo_path

SEVERITIES = {"MUST": "critical", "SHOULD": "major", "MAY": "minor", "HINT": "info"}


def render(report: Report) -> str:
    seen: Counter[tuple[str, str, str]] = Counter()
    issues = []
    for v in report.violations:
        path = repo_path(v.path)
        key = (path, v.rule_id, v.pointer)
        seen[key] += 1
        text = "\n".join(key) + ("" if seen[key] == 1 else f"\n{seen[key]}")
        issues.append(
            {
                "description": v.description,
                "check_name": v.rule_id,
                "fingerprint": hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest(),
                "severity": SEVERITIES.get(v.violation_type, "critical"),
                "location": {"path": path, "lines": {"begin": v.span.start_line, "end": v.span.end_line}},
            }
        )
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
