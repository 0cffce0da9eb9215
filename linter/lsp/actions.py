"""Code actions: suppress a finding with a comment (on its line or in the whole file).

The comment is inserted in the form :mod:`linter.suppress` accepts, with a
placeholder for the required reason: a snippet where the client takes one
(``workspace.workspaceEdit.snippetEditSupport``), otherwise plain text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from lsprotocol import types

from .. import suppress
from ..model import Violation
from ..rules import all_rules
from .diagnostics import to_position

if TYPE_CHECKING:
    from .linting import Linted
    from .server import WorkflowServer

REASON = "reason"
"""The placeholder for the reason a suppression comment must give."""


def register(server: WorkflowServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        linted = server.linting.current(params.text_document.uri)
        if linted is None:
            return None
        edits = Edits(server, linted)
        found: dict[str, types.CodeAction] = {}
        for violation, diagnostic in zip(linted.violations, linted.diagnostics):
            if overlaps(diagnostic.range, params.range):
                for action in edits.suppressions(violation, diagnostic):
                    found.setdefault(action.title, action)
        return [action for action in found.values() if wanted(action.kind, params.context.only)] or None


def overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (b.start.line, b.start.character) <= (
        a.end.line,
        a.end.character,
    )


def wanted(kind: str | None, only: list[str] | None) -> bool:
    """Whether ``kind`` is one of the ``only`` kinds or a sub-kind of one (``source.fixAll`` takes ``source.fixAll.x``)."""
    return not only or any(kind == prefix or (kind or "").startswith(prefix + ".") for prefix in only)


class Edits:
    """Builds the edits of the code actions for one lint result."""

    def __init__(self, server: WorkflowServer, linted: Linted) -> None:
        self.server = server
        self.linted = linted
        self.lines = linted.document.lines
        self.codec = server.workspace.position_codec
        workspace = server.client_capabilities.workspace
        edit_capabilities = workspace.workspace_edit if workspace else None
        self.snippets = bool(edit_capabilities and edit_capabilities.snippet_edit_support)
        found = linted.document.analysis.suppressions
        self.directives = found.directives if found else []

    def suppressions(self, violation: Violation, diagnostic: types.Diagnostic) -> Iterator[types.CodeAction]:
        rule = all_rules().get(violation.rule_id)
        if rule is None or rule.needs == "suppressions" or self.linted.path.lower().endswith(".json"):
            return
        line = violation.span.start_line
        on_line = next((d for d in self.directives if not d.file_wide and d.target == line), None)
        in_file = next((d for d in self.directives if d.file_wide), None)
        yield self._action(
            f"Suppress {rule.id} on this line",
            diagnostic,
            self._add_rule(on_line, rule.id) if on_line else self._append(line, f"  # {suppress.MARKER} disable={rule.id} -- "),
        )
        newline = "\r\n" if "\r\n" in self.linted.document.text else "\n"
        yield self._action(
            f"Suppress {rule.id} in this file",
            diagnostic,
            self._add_rule(in_file, rule.id)
            if in_file
            else self._insert(types.Position(line=0, character=0), f"# {suppress.MARKER} disable-file={rule.id} -- ", newline),
        )

    def _action(self, title: str, diagnostic: types.Diagnostic, edit: types.WorkspaceEdit) -> types.CodeAction:
        return types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], edit=edit)

    def _add_rule(self, directive: suppress.Suppression, rule_id: str) -> types.WorkspaceEdit:
        """Name one more rule in an existing comment."""
        last = max(directive.rules.values(), key=lambda span: span.end_column)
        position = to_position(last.end_line, last.end_column, self.lines, self.codec)
        return self._edit(types.Range(start=position, end=position), f",{rule_id}")

    def _append(self, line: int, text: str) -> types.WorkspaceEdit:
        """Put a comment at the end of ``line`` (1-based), in place of its trailing blanks."""
        content = self.lines[line - 1] if line <= len(self.lines) else ""
        start = to_position(line, len(content.rstrip()) + 1, self.lines, self.codec)
        end = to_position(line, len(content) + 1, self.lines, self.codec)
        return self._edit(types.Range(start=start, end=end), text, reason=True)

    def _insert(self, position: types.Position, text: str, after: str) -> types.WorkspaceEdit:
        return self._edit(types.Range(start=position, end=position), text, reason=True, after=after)

    def _edit(self, span: types.Range, text: str, reason: bool = False, after: str = "") -> types.WorkspaceEdit:
        uri = self.linted.uri
        if not (reason and self.snippets):
            return types.WorkspaceEdit(changes={uri: [types.TextEdit(range=span, new_text=text + (REASON if reason else "") + after)]})
        snippet = types.StringValue(value=_escape(text) + "${1:" + REASON + "}" + _escape(after))
        document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=self.linted.version)
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=document, edits=[types.SnippetTextEdit(range=span, snippet=snippet)])]
        )


def _escape(text: str) -> str:
    """Literal text inside a snippet."""
    return text.replace("\\", "\\\\").replace("$", "\\$").replace("}", "\\}")
