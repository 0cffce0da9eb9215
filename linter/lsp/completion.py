"""Completion: slugs where a block is named, names inside templates, block types and schema fields.

The text being typed is often not valid YAML yet, so the place is read from
the line before the cursor, and the names come from the last version of the
document that parsed:

* after ``outgoingActions:`` (a ``- `` item under it, or inside ``[...]``),
  ``outgoingAction:`` and ``joiningAction:``: the slugs of the other blocks.
  Blocks that run before this one would make a cycle: they come last,
  marked so;
* after ``actions.``, ``actions["``, ``.actions."`` (templates, jq, CEL,
  JavaScript): the block slugs, those that run before the current block
  first; after ``variables.`` (or ``variables["``): the variable slugs;
  after ``actions.<slug>.outputs.``: the input keys of a USER_INPUT block;
* after ``type:`` in a block's ``schema``: the block types;
* on a new key in a block's ``schema``: the fields its type takes, from the
  published schema (``schemas/workflow.schema.json``), without those already
  written.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from lsprotocol import types

from ..structure import block_fields, block_types

if TYPE_CHECKING:
    from ..document import Document
    from .server import WorkflowServer

TRIGGERS = [".", "[", '"', "'", " ", ":"]

_SLUG_VALUE = re.compile(r"^\s*(?:-\s+)?(?:outgoingAction|joiningAction)\s*:\s*[\"']?[\w-]*$")
_FLOW_ITEM = re.compile(r"^\s*(?:-\s+)?outgoingActions\s*:\s*\[[^\]]*$")
_BLOCK_ITEM = re.compile(r"^(\s*)-\s+[\"']?[\w-]*$")
_LIST_KEY = re.compile(r"^(\s*)(?:-\s+)?([\w-]+)\s*:\s*(?:#.*)?$")
_ACTION_REF = re.compile(r"""(?:\.?actions\s*\.\s*"?|actions\s*\[\s*["'])[\w-]*$""")
_VARIABLE_REF = re.compile(r"""(?:\.?variables\s*\.\s*"?|variables\s*\[\s*["'])[\w-]*$""")
_OUTPUT_REF = re.compile(
    r"""\.?actions\s*(?:\.\s*"?([\w-]+)"?|\[\s*["']([\w-]+)["']\s*\])\s*\.\s*outputs\s*(?:\.\s*"?|\[\s*["'])[\w-]*$"""
)
_TYPE_VALUE = re.compile(r"^\s*type\s*:\s*[A-Z_]*$")
_NEW_KEY = re.compile(r"^(\s*)[A-Za-z]*$")


class Completion:
    def __init__(self, server: WorkflowServer) -> None:
        self.server = server

    def complete(self, params: types.CompletionParams) -> types.CompletionList | None:
        uri = params.text_document.uri
        self.server.linting.current(uri)  # lint a pending change first
        doc = self.server.linting.parsed.get(uri)
        if doc is None:
            return None
        text_document = self.server.workspace.get_text_document(uri)
        lines = text_document.lines
        if params.position.line >= len(lines):
            return None
        line = lines[params.position.line]
        prefix = line[: _character(line, params.position.character, self.server)]
        items = _items(doc, prefix, params.position.line, [ln.rstrip("\r\n") for ln in lines])
        return types.CompletionList(is_incomplete=False, items=items) if items else None


def _character(line: str, units: int, server: WorkflowServer) -> int:
    """The Python index in ``line`` of a position given in the client's code units."""
    codec = server.workspace.position_codec
    position = codec.position_from_client_units([line], types.Position(line=0, character=units))
    return position.character


def _items(doc: Document, prefix: str, line: int, lines: list[str]) -> list[types.CompletionItem]:
    workflow = doc.analysis.workflow
    symbols = doc.analysis.symbols
    current = _block_at(doc, line + 1)
    output = _OUTPUT_REF.search(prefix)
    if output:
        block = workflow.by_slug.get(output.group(1) or output.group(2))
        keys = symbols.names("input", block) if block is not None else []
        return [_item(key, types.CompletionItemKind.Field, "input of " + (output.group(1) or output.group(2))) for key in keys]
    if _ACTION_REF.search(prefix):
        return _block_items(doc, current, before_first=True)
    if _VARIABLE_REF.search(prefix):
        return [_item(slug, types.CompletionItemKind.Variable, "variable") for slug in symbols.names("variable")]
    if _SLUG_VALUE.match(prefix) or _FLOW_ITEM.match(prefix) or _in_outgoing_list(prefix, line, lines):
        return _block_items(doc, current, before_first=False)
    schema_type = _schema_type_at(doc, current, line + 1)
    if schema_type is not None and _TYPE_VALUE.match(prefix):
        return [_item(kind, types.CompletionItemKind.EnumMember, "block type") for kind in block_types()]
    new_key = _NEW_KEY.match(prefix)
    if schema_type and new_key and _is_schema_child_indent(doc, current, len(new_key.group(1))):
        written = _schema(doc, current) or {}
        return [
            _item(name, types.CompletionItemKind.Property, description, insert=f"{name}: ")
            for name, description in block_fields(schema_type).items()
            if name not in written
        ]
    return []


def _item(label: str, kind: types.CompletionItemKind, detail: str, sort: str = "0", insert: str | None = None) -> types.CompletionItem:
    return types.CompletionItem(label=label, kind=kind, detail=detail, sort_text=f"{sort}{label}", insert_text=insert)


def _block_items(doc: Document, current: int | None, before_first: bool) -> list[types.CompletionItem]:
    """The block slugs: for an edge, the blocks that would close a cycle last; for a reference,
    the blocks that run before ``current`` first."""
    workflow = doc.analysis.workflow
    items = []
    for index, _ in workflow.actions:
        slug = workflow.slug_of(index)
        if slug is None or index == current:
            continue
        kind = workflow.block_type(index) or "block"
        runs_before = current is not None and workflow.is_ancestor(index, current)
        if before_first:
            items.append(_item(slug, types.CompletionItemKind.Reference, kind, "0" if runs_before or current is None else "1"))
        elif runs_before:
            items.append(_item(slug, types.CompletionItemKind.Reference, f"{kind}: runs before this block, so an edge to it would make a cycle", "1"))
        else:
            items.append(_item(slug, types.CompletionItemKind.Reference, kind))
    return items


def _in_outgoing_list(prefix: str, line: int, lines: list[str]) -> bool:
    """True on a ``- `` item of a block-style ``outgoingActions:`` list."""
    item = _BLOCK_ITEM.match(prefix)
    if item is None:
        return False
    indent = len(item.group(1))
    for above in reversed(lines[:line]):
        key = _LIST_KEY.match(above)
        if key is not None and len(key.group(1)) <= indent:
            return key.group(2) == "outgoingActions"
        if above.strip() and not above.lstrip().startswith(("-", "#")) and len(above) - len(above.lstrip()) < indent:
            return False
    return False


def _block_at(doc: Document, line: int) -> int | None:
    """The block whose text holds the 1-based ``line``."""
    workflow = doc.analysis.workflow
    for index, _ in workflow.actions:
        span = doc.locate(workflow.pointer(index))
        if span.start_line <= line <= span.end_line + 1:
            return index
    return None


def _schema(doc: Document, block: int | None) -> dict[str, Any] | None:
    if block is None:
        return None
    schema = dict(doc.analysis.workflow.actions)[block].get("schema")
    return schema if isinstance(schema, dict) else None


def _schema_type_at(doc: Document, block: int | None, line: int) -> str | None:
    """The block's type when ``line`` lies in its ``schema`` (``""`` when it has none yet)."""
    if block is None or doc.nodes.get(doc.analysis.workflow.pointer(block, "schema")) is None:
        return None
    span = doc.locate(doc.analysis.workflow.pointer(block, "schema"), "key")
    end = doc.locate(doc.analysis.workflow.pointer(block, "schema")).end_line
    if not span.start_line <= line <= end + 1:
        return None
    return doc.analysis.workflow.block_type(block) or ""


def _is_schema_child_indent(doc: Document, block: int | None, indent: int) -> bool:
    """True when ``indent`` is the indentation of the keys of the block's ``schema`` mapping."""
    if block is None:
        return False
    pointer = doc.analysis.workflow.pointer(block, "schema", "type")
    return doc.nodes.get(pointer) is not None and doc.locate(pointer, "key").start_column - 1 == indent


def register(server: WorkflowServer) -> None:
    completion = Completion(server)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=TRIGGERS))
    def on_completion(params: types.CompletionParams) -> types.CompletionList | None:
        return completion.complete(params)
