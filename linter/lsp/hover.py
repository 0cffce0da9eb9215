"""Hover on a diagnostic: the rule's title, violationType, what it checks, and its link."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from ..docs import first_paragraph
from ..rules import all_rules

if TYPE_CHECKING:
    from .server import WorkflowServer


def register(server: WorkflowServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        linted = server.linting.current(params.text_document.uri)
        if linted is None:
            return None
        hits = [
            (violation, diagnostic)
            for violation, diagnostic in zip(linted.violations, linted.diagnostics)
            if contains(diagnostic.range, params.position)
        ]
        if not hits:
            return None
        sections = {violation.rule_id: explain(violation.rule_id, violation.violation_type) for violation, _ in hits}
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(sections.values())),
            range=hits[0][1].range,
        )


def explain(rule_id: str, violation_type: str) -> str:
    rule = all_rules()[rule_id]
    return f"**{rule.title}**\n\n`{rule_id}` · violationType `{violation_type}`\n\n{first_paragraph(rule)}\n\n[Documentation]({rule.link()})"


def contains(span: types.Range, position: types.Position) -> bool:
    return (span.start.line, span.start.character) <= (position.line, position.character) <= (span.end.line, span.end.character)
