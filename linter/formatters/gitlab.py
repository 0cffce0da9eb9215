"""GitLab Code Quality (a subset of the Code Climate format), for ``artifacts:reports:codequality``.

A JSON array of ``{description, check_name, fingerprint, severity,
location: {path, lines: {begin, end}}}``.  GitLab has five severities and we
use four, one per violationType: MUST is ``critical`` (Cortex rejects the
descriptor), SHOULD ``major``, MAY ``minor``, HINT ``info``; an unknown type
from Cortex is ``critical``.  ``blocker`` is left for tools that find
security problems.

``fingerprint`` is the MD5 of the path and the finding's identity
(:mod:`linter.fingerprint`, the one the baseline and SARIF use: rule id,
block slug, pointer below the block, hash of the offending value or of the
message).  GitLab matches findings across pipelines by it, so it holds
neither line numbers nor block indexes.  A count is appended before hashing
when the same identity occurs again in a file, because GitLab shows only the
first finding of each fingerprint.  Failures (a file that could not be read,
Cortex could not check a file, ...) are not code quality findings: they go to
standard error and the exit code, and the output stays a valid report of
what was checked.
"""

from __future__ import annotations

import hashlib
from collections import Counter

from ..fingerprint import key as identity_key
from ..fingerprint import of as identity_of
from ..report import Report
from .paths import repo_path
from .printable import json_text

SEVERITIES = {"MUST": "critical", "SHOULD": "major", "MAY": "minor", "HINT": "info"}


def render(report: Report) -> str:
    seen: Counter[tuple[str, str]] = Counter()
    issues = []
    for v in report.violations:
        path = repo_path(v.path)
        key = (path, identity_key(identity_of(v)))
        seen[key] += 1
        text = "\n".join(key) + ("" if seen[key] == 1 else f"\n{seen[key]}")
        issues.append(
            {
                "description": v.description,
                "check_name": v.rule_id,
                "fingerprint": hashlib.md5(text.encode("utf-8", "surrogateescape"), usedforsecurity=False).hexdigest(),
                "severity": SEVERITIES.get(v.violation_type, "critical"),
                "location": {"path": path, "lines": {"begin": v.span.start_line, "end": v.span.end_line}},
            }
        )
    return json_text(issues)
