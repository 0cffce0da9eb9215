"""Code actions: the rules' fixes, and suppressing a finding with a comment.

* Each fix a rule offers for a finding is a ``quickfix`` action (the
  preferred one when the fix is safe).
* ``source.fixAll.cortex-workflow-lint`` applies every safe fix, in passes,
  as ``check --fix`` does (:func:`linter.fixes.fix_text`); for a client that
  resolves code actions, its edit is worked out only when it is picked.
* "Suppress RULE on this line" and "... in this file" insert a suppression
  comment.  It is inserted in the form :mod:`linter.suppress` accepts, with a
placeholder for the required reason: a snippet where the client takes one
(``workspace.workspaceEdit.snippetEditSupport``), otherwise plain text.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from lsprotocol import types

from .. import suppress
from ..fixes import fix_text
from ..model import Violation
from ..rules import all_rules
from .diagnostics import to_position, to_range

if TYPE_CHECKING:
    from .linting import Linted
    from .server import WorkflowServer

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.cortex-workflow-lint"

REASON = "reason"
"""The placeholder for the reason a suppression comment must give."""


def register(server: WorkflowServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        linted = server.linting.current(params.text_document.uri)
        if linted is None:
            return None
        only = params.context.only
        edits = Edits(server, linted)
        found: dict[str, types.CodeAction] = {}
        if wanted(types.CodeActionKind.QuickFix, only):
            for violation, diagnostic in zip(linted.violations, linted.diagnostics):
                if overlaps(diagnostic.range, params.range):
                    for action in edits.fixes(violation, diagnostic):
                        found.setdefault(f"{action.title} at {diagnostic.range}", action)
                    for action in edits.suppressions(violation, diagnostic):
                        found.setdefault(action.title, action)
        if wanted(FIX_ALL, only) and any(v.fix is not None and v.fix.safe for v in linted.violations):
            found["fix all"] = edits.fix_all(deferred=resolves_edits(server))
        return list(found.values()) or None

    @server.feature(types.CODE_ACTION_RESOLVE)
    def resolve(action: types.CodeAction) -> types.CodeAction:
        """The edit of a fix-all action sent without one: every safe fix, on the current text."""
        uri = action.data.get("uri") if isinstance(action.data, dict) else None
        linted = server.linting.current(uri) if isinstance(uri, str) and action.kind == FIX_ALL else None
        return action if linted is None else Edits(server, linted).fix_all(deferred=False)


def resolves_edits(server: WorkflowServer) -> bool:
    """Whether the client asks for a code action's edit when the user picks the action
    (``codeAction/resolve``, keeping the action's ``data``)."""
    text_document = server.client_capabilities.text_document
    capabilities = text_document.code_action if text_document else None
    resolve = capabilities.resolve_support if capabilities else None
    return bool(capabilities and capabilities.data_support and resolve and "edit" in resolve.properties)


def overlaps(a: types.Range, b: types.Range) -> bool:
    return (a.start.line, a.start.character) <= (b.end.line, b.end.character) and (b.start.line, b.start.character) <= (
        a.end.line,
        a.end.character,
    )


def wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Whether ``kind`` is one of the ``only`` kinds or a sub-kind of one (``source.fixAll`` takes ``source.fixAll.x``)."""
    return not only or any(kind == prefix or kind.startswith(prefix + ".") for prefix in only)


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

    def fixes(self, violation: Violation, diagnostic: types.Diagnostic) -> Iterator[types.CodeAction]:
        fix = violation.fix
        if fix is None:
            return
        edits = []
        for edit in fix.edits:
            if edit.span is None:
                return  # not located by the engine: nothing to send
            edits.append(types.TextEdit(range=to_range(edit.span, self.lines, self.codec), new_text=edit.replacement))
        yield types.CodeAction(
            title=fix.message if fix.safe else f"{fix.message} (unsafe: check the result)",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            is_preferred=fix.safe,
            edit=types.WorkspaceEdit(changes={self.linted.uri: edits}),
        )

    def fix_all(self, deferred: bool) -> types.CodeAction:
        """Every safe fix, applied in passes; the edit replaces only the part of the text that changed.

        Working it out lints the text again, once per pass, and editors ask for code actions
        whenever the cursor moves: when ``deferred``, the action goes without its edit, which
        ``codeAction/resolve`` computes if the user picks the action."""
        linted = self.linted
        title = "Fix all safe problems (cortex-workflow-lint)"
        if deferred:
            return types.CodeAction(title=title, kind=FIX_ALL, data={"uri": linted.uri})
        unbaselined = linted.baseline.unbaselined if linted.baseline else list
        fixed = fix_text(linted.text, linted.path, linted.settings, unbaselined=unbaselined).text
        return types.CodeAction(
            title=title, kind=FIX_ALL, edit=types.WorkspaceEdit(changes={linted.uri: [self._difference(linted.text, fixed)]})
        )

    def _difference(self, old: str, new: str) -> types.TextEdit:
        """One edit that turns ``old`` into ``new``: the part between their common start and end."""
        start = _common_start(old, new)
        end = _common_start(old[start:][::-1], new[start:][::-1])
        if start and old[start - 1] == "\r":
            start -= 1  # never between the two characters of a CRLF
        span = types.Range(start=self._position(old, start), end=self._position(old, len(old) - end))
        return types.TextEdit(range=span, new_text=new[start : len(new) - end])

    def _position(self, text: str, offset: int) -> types.Position:
        line_start = text.rfind("\n", 0, offset) + 1
        return types.Position(line=text.count("\n", 0, offset), character=self.codec.client_num_units(text[line_start:offset]))

    def suppressions(self, violation: Violation, diagnostic: types.Diagnostic) -> Iterator[types.CodeAction]:
        rule = all_rules().get(violation.rule_id)
        if rule is None or rule.needs == "suppressions" or self.linted.document.is_json:
            return
        line, above = suppress.placement(self.covered, violation.span.start_line)
        on_line = next((d for d in self.directives if not d.file_wide and d.target == line), None)
        in_file = next((d for d in self.directives if d.file_wide), None)
        comment = f"# {suppress.MARKER} disable={rule.id} -- "
        yield self._action(
            f"Suppress {rule.id} on this line",
            diagnostic,
            self._add_rule(on_line, rule.id)
            if on_line
            else self._above(line, comment)
            if above
            else self._append(line, "  " + comment),
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

    @functools.cached_property
    def covered(self) -> dict[int, suppress.Scalar]:
        return suppress.multi_line_scalars(self.linted.document)

    def _above(self, line: int, text: str) -> types.WorkspaceEdit:
        """Put a comment on a line of its own above ``line`` (1-based), indented like it."""
        content = self.lines[line - 1] if line <= len(self.lines) else ""
        indent = content[: len(content) - len(content.lstrip())]
        newline = "\r\n" if "\r\n" in self.linted.text else "\n"
        return self._insert(types.Position(line=line - 1, character=0), indent + text, newline)

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


def _common_start(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` start with in common: a binary search that compares
    slices, so a megabyte is compared in C, not one character at a time."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low
