"""Go to definition, find references, rename and the outline, from :mod:`linter.symbols`.

Every place that names a block, a variable or an input counts: ``outgoingActions``,
a branch's ``outgoingAction``, ``joiningAction``, ``inputOverrides[].inputKey``
and the references inside templates, jq, CEL and JavaScript (a slug in a
string literal or a comment is not one).  Rename works on block and variable
slugs: the new name must be a lowercase kebab-case slug that no other block
(or variable) has, and the edit changes every place that names it in the file
and nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.exceptions import JsonRpcException

from ..edits import LineIndex
from ..symbols import SLUG, Occurrence, Symbol, rename_edits
from .diagnostics import to_position, to_range
from .hover import contains

if TYPE_CHECKING:
    from ..document import Document
    from ..model import Edit
    from ..workflow import Workflow
    from .linting import Linted
    from .server import WorkflowServer

RENAMEABLE = ("block", "variable")


def refuse(message: str) -> JsonRpcException:
    """An error the client shows to the user (LSP's RequestFailed)."""
    return JsonRpcException(message, code=types.LSPErrorCodes.RequestFailed)


class Navigator:
    """The symbols of one lint result, with their ranges in the client's position encoding."""

    def __init__(self, linted: Linted, server: WorkflowServer) -> None:
        self.uri = linted.uri
        self.doc: Document = linted.document
        self.codec = server.workspace.position_codec
        usable = isinstance(self.doc.data, dict)
        self.occurrences = self.doc.analysis.symbols.occurrences if usable else []

    def range_of(self, occurrence: Occurrence) -> types.Range:
        span = self.doc.locate(occurrence.pointer, "value", occurrence.text_range)
        return to_range(span, self.doc.lines, self.codec)

    def at(self, position: types.Position) -> Occurrence | None:
        """The occurrence under the cursor (the innermost, when ranges nest)."""
        hits = [o for o in self.occurrences if contains(self.range_of(o), position)]
        return min(hits, key=lambda o: o.text_range[1] - o.text_range[0]) if hits else None

    def location(self, occurrence: Occurrence) -> types.Location:
        return types.Location(uri=self.uri, range=self.range_of(occurrence))

    def text_edit(self, edit: Edit, lines: LineIndex) -> types.TextEdit:
        start, end = lines.position(edit.start), lines.position(edit.end)
        return types.TextEdit(
            range=types.Range(
                start=to_position(*start, self.doc.lines, self.codec), end=to_position(*end, self.doc.lines, self.codec)
            ),
            new_text=edit.replacement,
        )


def _navigator(server: WorkflowServer, uri: str) -> Navigator | None:
    linted = server.linting.current(uri)
    return Navigator(linted, server) if linted is not None else None


def definition(server: WorkflowServer, params: types.DefinitionParams) -> list[types.Location] | None:
    nav = _navigator(server, params.text_document.uri)
    found = nav.at(params.position) if nav else None
    if nav is None or found is None:
        return None
    return [nav.location(o) for o in nav.doc.analysis.symbols.definitions(found.symbol)] or None


def references(server: WorkflowServer, params: types.ReferenceParams) -> list[types.Location] | None:
    nav = _navigator(server, params.text_document.uri)
    found = nav.at(params.position) if nav else None
    if nav is None or found is None:
        return None
    include = params.context.include_declaration
    return [nav.location(o) for o in nav.doc.analysis.symbols.of(found.symbol) if include or not o.definition]


def prepare_rename(server: WorkflowServer, params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
    nav = _navigator(server, params.text_document.uri)
    found = nav.at(params.position) if nav else None
    if nav is None or found is None:
        return None
    _check_renameable(nav, found.symbol)
    return types.PrepareRenamePlaceholder(range=nav.range_of(found), placeholder=found.symbol.name)


def rename(server: WorkflowServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
    nav = _navigator(server, params.text_document.uri)
    found = nav.at(params.position) if nav else None
    if nav is None or found is None:
        return None
    symbol = found.symbol
    _check_renameable(nav, symbol)
    new = params.new_name
    if new == symbol.name:
        return types.WorkspaceEdit(changes={nav.uri: []})
    if not SLUG.fullmatch(new):
        raise refuse(f"'{new}' is not a valid slug: use lowercase letters and digits, in words joined by single hyphens")
    if new in nav.doc.analysis.symbols.names(symbol.kind):
        raise refuse(f"Another {symbol.kind} is already named '{new}'")
    edits = rename_edits(nav.doc, symbol, new)
    if edits is None:
        raise refuse(f"'{symbol.name}' is written somewhere in a way that cannot be renamed exactly (an escape inside it)")
    lines = LineIndex(nav.doc.text)
    return types.WorkspaceEdit(changes={nav.uri: [nav.text_edit(edit, lines) for edit in sorted(edits, key=lambda e: e.start)]})


def _check_renameable(nav: Navigator, symbol: Symbol) -> None:
    if symbol.kind not in RENAMEABLE:
        raise refuse(f"Only block and variable slugs can be renamed, not {symbol.kind} '{symbol.name}'")
    if not nav.doc.analysis.symbols.definitions(symbol):
        raise refuse(f"No {symbol.kind} is named '{symbol.name}': there is nothing to rename")
    if len(nav.doc.analysis.symbols.definitions(symbol)) > 1:
        raise refuse(f"Two {symbol.kind}s are named '{symbol.name}': make the slugs unique first")


def document_symbols(server: WorkflowServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
    """The outline: the variables, then the blocks in run order (from the root, then the blocks
    it does not reach, in file order) with their types, and each branch under its block."""
    nav = _navigator(server, params.text_document.uri)
    if nav is None or not isinstance(nav.doc.data, dict):
        return None
    doc, workflow = nav.doc, nav.doc.analysis.workflow
    outline: list[types.DocumentSymbol] = []
    variables = doc.data.get("variables")
    for position, variable in enumerate(variables if isinstance(variables, list) else []):
        if isinstance(variable, dict) and isinstance(variable.get("slug"), str):
            kind = variable.get("type")
            outline.append(_symbol(nav, variable["slug"], f"/variables/{position}", types.SymbolKind.Variable, kind))
    for index in run_order(workflow):
        name = workflow.slug_of(index) or f"actions[{index}]"
        block = _symbol(nav, name, workflow.pointer(index), types.SymbolKind.Function, workflow.block_type(index))
        block.children = [
            _symbol(nav, str(branch.get("slug") or branch.get("name") or tokens[-1]), workflow.pointer(index, *tokens), types.SymbolKind.Event, branch.get("name"))
            for tokens, branch in workflow.branches(index)
        ] or None
        outline.append(block)
    return outline


def run_order(workflow: Workflow) -> list[int]:
    """Block indexes breadth-first from the root, then the blocks it does not reach, in file order."""
    order: list[int] = []
    if workflow.root is not None:
        queue, seen = [workflow.root], {workflow.root}
        while queue:
            index = queue.pop(0)
            order.append(index)
            for target in workflow.successors(index):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
    placed = set(order)
    return order + [index for index, _ in workflow.actions if index not in placed]


def _symbol(nav: Navigator, name: str, pointer: str, kind: types.SymbolKind, detail: object) -> types.DocumentSymbol:
    whole = to_range(nav.doc.locate(pointer), nav.doc.lines, nav.codec)
    slug = nav.doc.nodes.get(pointer + "/slug")
    selection = to_range(nav.doc.locate(pointer + "/slug"), nav.doc.lines, nav.codec) if slug else whole
    return types.DocumentSymbol(
        name=name, kind=kind, range=whole, selection_range=selection, detail=detail if isinstance(detail, str) else None
    )


def register(server: WorkflowServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def on_definition(params: types.DefinitionParams) -> list[types.Location] | None:
        return definition(server, params)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def on_references(params: types.ReferenceParams) -> list[types.Location] | None:
        return references(server, params)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def on_prepare_rename(params: types.PrepareRenameParams) -> types.PrepareRenamePlaceholder | None:
        return prepare_rename(server, params)

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    def on_rename(params: types.RenameParams) -> types.WorkspaceEdit | None:
        return rename(server, params)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def on_document_symbols(params: types.DocumentSymbolParams) -> list[types.DocumentSymbol] | None:
        return document_symbols(server, params)
