"""SARIF 2.1.0, as GitHub code scanning accepts it (``github/codeql-action/upload-sarif``).

One run.  ``tool.driver.rules`` describes only the rules that have results,
in id order: the file stays small, and adding a rule to the linter does not
change the output for a workflow that does not trigger it.  Each rule
carries its whole documentation as ``help`` and its page as ``helpUri``.

Levels: MUST is ``error``, SHOULD ``warning``, MAY and HINT ``note``.
Columns count Unicode code points (``columnKind``); end columns are
exclusive, as SARIF's are.

``partialFingerprints.primaryLocationLineHash`` is the first 16 hex digits
of SHA-256 over the finding's identity (:mod:`linter.fingerprint`, the one
the baseline uses: rule id, block slug, pointer below the block and a hash
of the offending value or of the message), then ``:N`` where N counts the
same hash earlier in the same file.  It depends on neither line numbers nor
the order of the blocks, so a finding keeps its identity (and its dismissal
on GitHub) when lines are added above it or blocks are reordered; it changes
when the finding itself changes.  GitHub would otherwise hash the source
line, which a report does not hold.

Every failure (a file that could not be read, a file Cortex could not check
with ``--remote=required``, a PATH with no workflows, an output that could
not be written) is a ``toolExecutionNotification`` of the run's invocation,
whose ``descriptor.id`` is the kind of failure; the invocation is then not
``executionSuccessful``, and its ``exitCode`` is the run's.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from ..fingerprint import key as identity_key
from ..fingerprint import of as identity_of
from ..model import Span, Violation
from ..report import Failure, Report
from .paths import repo_path
from .printable import json_text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"MUST": "error", "SHOULD": "warning", "MAY": "note", "HINT": "note"}
PROBLEM_SEVERITIES = {"error": "error", "warning": "warning", "note": "recommendation"}


def render(report: Report) -> str:
    from .. import PROJECT_URL, __version__  # noqa: PLC0415 - read at call time

    violations = report.violations
    rule_ids = sorted({v.rule_id for v in violations})
    rule_index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    first_of: dict[str, Violation] = {}
    for v in violations:
        first_of.setdefault(v.rule_id, v)
    seen: Counter[tuple[str, str]] = Counter()
    results = []
    for v in violations:
        line_hash = fingerprint(v)
        seen[v.path, line_hash] += 1
        results.append(result(v, rule_index[v.rule_id], f"{line_hash}:{seen[v.path, line_hash]}"))
    failures = report.failures()
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cortex-workflow-lint",
                        "semanticVersion": __version__,
                        "version": __version__,
                        "informationUri": PROJECT_URL,
                        "rules": [descriptor(first_of[rule_id]) for rule_id in rule_ids],
                    }
                },
                "invocations": [
                    {
                        "executionSuccessful": not failures,
                        "exitCode": report.exit_code(),
                        "toolExecutionNotifications": [notification(f) for f in failures],
                    }
                ],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json_text(log)


def notification(failure: Failure) -> dict:
    note: dict = {"level": "error", "message": {"text": failure.message}, "descriptor": {"id": failure.kind}}
    if failure.path is not None and failure.kind != "output":
        note["locations"] = [{"physicalLocation": {"artifactLocation": artifact(failure.path)}}]
    return note


def fingerprint(v: Violation) -> str:
    text = identity_key(identity_of(v))
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def level(violation_type: str) -> str:
    return LEVELS.get(violation_type, "error")  # an unknown type from Cortex ranks as MUST


def descriptor(v: Violation) -> dict:
    """The rule's metadata; for a rule the registry does not know (a remote one), what ``v`` says."""
    from ..docs import rule_doc  # noqa: PLC0415
    from ..rules import all_rules  # noqa: PLC0415

    rule = all_rules().get(v.rule_id)
    if rule is None:
        default, summary, doc = level(v.violation_type), v.title, f"{v.title}\n\nSee {v.rule_link}"
    else:
        default, doc = level(rule.severity.name), rule_doc(rule)
        summary = doc.partition("\n")[0] or rule.title
    return {
        "id": v.rule_id,
        "name": v.rule_id,
        "shortDescription": {"text": v.title},
        "fullDescription": {"text": summary},
        "help": {"text": doc, "markdown": doc},
        "helpUri": v.rule_link,
        "defaultConfiguration": {"level": default},
        "properties": {
            "tags": ["cortex-workflow", (rule.severity.name if rule else v.violation_type)],
            "precision": "very-high",
            "problem.severity": PROBLEM_SEVERITIES[default],
        },
    }


def result(v: Violation, index: int, line_hash: str) -> dict:
    return {
        "ruleId": v.rule_id,
        "ruleIndex": index,
        "level": level(v.violation_type),
        "message": {"text": v.description},
        "locations": [{"physicalLocation": physical(v.path, v.span)}],
        "partialFingerprints": {"primaryLocationLineHash": line_hash},
        "relatedLocations": [
            {"id": i, "message": {"text": r.message}, "physicalLocation": physical(r.path or v.path, r.span)}
            for i, r in enumerate(v.related, start=1)
        ],
        "properties": {"pointer": v.pointer, "violationType": v.violation_type},
    }


def physical(path: str, span: Span) -> dict:
    return {
        "artifactLocation": artifact(path),
        "region": {
            "startLine": span.start_line,
            "startColumn": span.start_column,
            "endLine": span.end_line,
            "endColumn": span.end_column,
        },
    }


def artifact(path: str) -> dict:
    """A repository-relative URI; a file outside the checkout gets an absolute ``file:`` URI."""
    relative = repo_path(path)
    if os.path.isabs(relative):
        return {"uri": Path(relative).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": "%SRCROOT%"}
