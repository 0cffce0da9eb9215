"""Violations as LSP diagnostics: ranges in the client's position encoding, severities, links."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types
from pygls.workspace import PositionCodec

from ..model import Severity, Span, Violation

SOURCE = "cortex-workflow-lint"

SEVERITIES = {
    Severity.MUST: types.DiagnosticSeverity.Error,
    Severity.SHOULD: types.DiagnosticSeverity.Warning,
    Severity.MAY: types.DiagnosticSeverity.Information,
    Severity.HINT: types.DiagnosticSeverity.Hint,
}


def to_diagnostic(violation: Violation, uri: str, lines: Sequence[str], codec: PositionCodec) -> types.Diagnostic:
    return types.Diagnostic(
        range=to_range(violation.span, lines, codec),
        severity=SEVERITIES[Severity(violation.rank)],  # a type only Cortex knows ranks as MUST: an error
        code=violation.rule_id,
        code_description=types.CodeDescription(href=violation.rule_link),
        source=SOURCE,
        message=violation.description,
        related_information=[
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=to_range(related.span, lines, codec)), message=related.message
            )
            for related in violation.related
        ]
        or None,
    )


def to_range(span: Span, lines: Sequence[str], codec: PositionCodec) -> types.Range:
    """A 1-based span (columns in characters) as a 0-based LSP range (columns in the client's code units)."""
    return types.Range(
        start=to_position(span.start_line, span.start_column, lines, codec),
        end=to_position(span.end_line, span.end_column, lines, codec),
    )


def to_position(line: int, column: int, lines: Sequence[str], codec: PositionCodec) -> types.Position:
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    prefix = text[: column - 1]
    return types.Position(line=line - 1, character=len(prefix) if prefix.isascii() else codec.client_num_units(prefix))

