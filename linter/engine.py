"""Lint one file: read, parse, run the selected rules, and sort the results.

A rule that raises never stops the run: its failure becomes an
``internal-error`` violation that names the rule.
"""

from __future__ import annotations

from .document import Document
from .model import Finding, RelatedLocation, Violation
from .rules import Rule, all_rules
from .settings import Settings
from .source import load


def lint_bytes(data: bytes, path: str, settings: Settings | None = None) -> list[Violation]:
    """Lint the raw bytes of one file.  ``path`` is used in messages and for per-path settings."""
    settings = settings or Settings()
    return lint_document(load(data, settings.max_file_size), path, settings)


def lint_text(text: str, path: str = "<stdin>", settings: Settings | None = None) -> list[Violation]:
    """Lint descriptor text (an editor buffer, a test string)."""
    return lint_bytes(text.encode("utf-8"), path, settings)


def lint_document(doc: Document, path: str, settings: Settings) -> list[Violation]:
    rules = all_rules()
    violations: list[Violation] = []
    for rule_id in settings.rule_ids_for(path):
        rule = rules[rule_id]
        if not _applies(rule, doc):
            continue
        try:
            findings = list(rule().check(doc))
        except Exception as exc:  # noqa: BLE001 - a rule bug must not stop the run
            findings = []
            crash = Finding(f"Rule '{rule_id}' failed: {type(exc).__name__}: {exc}")
            violations.append(_violation(rules["internal-error"], crash, doc, path, settings))
        violations.extend(_violation(rule, finding, doc, path, settings) for finding in findings)
    return sorted(set(violations), key=Violation.sort_key)


def _applies(rule: type[Rule], doc: Document) -> bool:
    if rule.needs == "source":
        return True
    if rule.needs == "data":
        return doc.usable
    return isinstance(doc.data, dict)


def _violation(rule: type[Rule], finding: Finding, doc: Document, path: str, settings: Settings) -> Violation:
    span = finding.span or doc.locate(finding.pointer, finding.part)
    related = tuple(
        RelatedLocation(r.pointer, r.message, doc.locate(r.pointer, r.part)) for r in finding.related
    )
    return Violation(
        path=path,
        rule_id=rule.id,
        title=rule.title,
        description=finding.description,
        severity=settings.severity_of(rule.id, rule.severity),
        rule_link=rule.link(),
        pointer=finding.pointer,
        span=span,
        related=related,
    )
