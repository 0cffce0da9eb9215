"""Where each block, variable and input of a workflow is defined, and every place that names it.

A workflow is held together by slugs.  A **block** (``actions[].slug``) is
named by ``outgoingActions`` entries, a branch's ``outgoingAction``, a branch
block's ``joiningAction`` and every ``actions.<slug>`` reference in templates,
jq, CEL and JavaScript (read in each field's language by
:mod:`linter.templates`, so a slug inside a string literal or a comment is
not a reference, and ``actions["slug"]`` is one).  A **variable**
(``variables[].slug``) is named by ``variables.<slug>`` references.  An
**input** of a USER_INPUT block (``schema.inputs[].key``) is named by its
block's ``inputOverrides[].inputKey`` and by ``actions.<slug>.outputs.<key>``.
A **branch** (``schema.branches[].slug``, ``schema.fallbackBranch.slug``) is
only defined: nothing in a workflow refers to a branch by its slug.

Each :class:`Occurrence` says where: the pointer of a string, and which
characters of it (``text_range``) when the name is part of a longer text.
The language server answers "go to definition", "find references" and
"rename" from this table, and the ``slug-not-kebab-case`` fix renames with
:func:`rename_edits`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .document import pointer_of

if TYPE_CHECKING:
    from .document import Document
    from .model import Edit
    from .templates import Reference
    from .workflow import Workflow

Kind = Literal["block", "variable", "input", "branch"]

_OUTPUT_KEY = re.compile(
    r"""["']?\s*\]?\s*\.\s*outputs\s*(?:\.\s*"?(?P<dotted>[A-Za-z0-9_$-]+)|\[\s*["'](?P<indexed>[^"'\\\]]+)["']\s*\])"""
)
"""What follows a block's slug in ``actions.<slug>.outputs.<key>`` (or ``actions["slug"].outputs["key"]``)."""


@dataclass(frozen=True, slots=True)
class Symbol:
    kind: Kind
    name: str
    block: int | None = None
    """For an input or a branch: the index of its block (an input key is unique within its block)."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    symbol: Symbol
    pointer: str
    """The string that holds the name."""
    text_range: tuple[int, int]
    """Which characters of that string are the name."""
    definition: bool
    reference: Reference | None = None
    """The template reference, for a name inside a template, jq, CEL or JavaScript."""


class Symbols:
    """Every definition and reference of one document (whose data is a mapping)."""

    def __init__(self, doc: Document) -> None:
        self.occurrences: list[Occurrence] = []
        self._collect(doc)

    def definitions(self, symbol: Symbol) -> list[Occurrence]:
        return [o for o in self.occurrences if o.symbol == symbol and o.definition]

    def of(self, symbol: Symbol) -> list[Occurrence]:
        """Definitions and references of ``symbol``, in document order of discovery."""
        return [o for o in self.occurrences if o.symbol == symbol]

    def names(self, kind: Kind, block: int | None = None) -> list[str]:
        """The defined names of a kind (the inputs of ``block``), in document order, without repeats."""
        found = (o.symbol.name for o in self.occurrences if o.definition and o.symbol.kind == kind and o.symbol.block == block)
        return list(dict.fromkeys(found))

    def _add(self, kind: Kind, name: object, pointer: str, definition: bool, block: int | None = None) -> None:
        if isinstance(name, str) and name:
            self.occurrences.append(Occurrence(Symbol(kind, name, block), pointer, (0, len(name)), definition))

    def _collect(self, doc: Document) -> None:
        workflow = doc.analysis.workflow
        for index, action in workflow.actions:
            self._add("block", action.get("slug"), workflow.pointer(index, "slug"), True)
        variables = doc.data.get("variables")
        for position, variable in enumerate(variables if isinstance(variables, list) else []):
            if isinstance(variable, dict):
                self._add("variable", variable.get("slug"), pointer_of("variables", position, "slug"), True)
        for index, action in workflow.actions:
            self._block(workflow, index, action)
        for ref in doc.analysis.templates.references:
            if ref.kind in ("action", "variable"):
                self._reference(workflow, ref)

    def _block(self, workflow: Workflow, index: int, action: dict) -> None:
        outgoing = action.get("outgoingActions")
        for position, slug in enumerate(outgoing if isinstance(outgoing, list) else []):
            self._add("block", slug, workflow.pointer(index, "outgoingActions", position), False)
        schema = action.get("schema")
        if not isinstance(schema, dict):
            return
        for tokens, branch in workflow.branches(index):
            self._add("branch", branch.get("slug"), workflow.pointer(index, *tokens, "slug"), True, index)
            self._add("block", branch.get("outgoingAction"), workflow.pointer(index, *tokens, "outgoingAction"), False)
        if workflow.block_type(index) == "CONDITIONAL_BRANCH":
            self._add("block", schema.get("joiningAction"), workflow.pointer(index, "schema", "joiningAction"), False)
        if workflow.block_type(index) != "USER_INPUT":
            return
        for key, position in _list_items(schema, "inputs", "key"):
            self._add("input", key, workflow.pointer(index, "schema", "inputs", position, "key"), True, index)
        for key, position in _list_items(schema, "inputOverrides", "inputKey"):
            self._add("input", key, workflow.pointer(index, "schema", "inputOverrides", position, "inputKey"), False, index)

    def _reference(self, workflow: Workflow, ref: Reference) -> None:
        written = ref.written
        root = written.find(ref.kind + "s")
        inner = written.find(ref.name, root + len(ref.kind) + 1 if root >= 0 else 0)
        if inner < 0:
            return
        start = ref.start + inner
        end = start + len(ref.name)
        kind: Kind = "block" if ref.kind == "action" else "variable"
        self.occurrences.append(Occurrence(Symbol(kind, ref.name), ref.pointer, (start, end), False, ref))
        block = workflow.by_slug.get(ref.name) if kind == "block" else None
        if block is None or workflow.block_type(block) != "USER_INPUT":
            return
        match = _OUTPUT_KEY.match(ref.field.text, end)
        if match is not None:
            group = "dotted" if match.group("dotted") is not None else "indexed"
            key_range = (match.start(group), match.end(group))
            self.occurrences.append(Occurrence(Symbol("input", match.group(group), block), ref.pointer, key_range, False))


def _list_items(schema: dict, field: str, key: str) -> list[tuple[object, int]]:
    items = schema.get(field)
    return [(item.get(key), i) for i, item in enumerate(items if isinstance(items, list) else []) if isinstance(item, dict)]


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What a new slug must look like: lowercase letters and digits in words joined by single hyphens."""


def rename_edits(doc: Document, symbol: Symbol, new: str) -> list[Edit] | None:
    """Edits that rename a block or variable and every reference to it in the file, in each
    place's quoting; None when one of them cannot be edited exactly (an escape inside it)."""
    from .edits import rename_references, replace_value  # noqa: PLC0415

    edits: list[Edit | None] = []
    references = []
    for occurrence in doc.analysis.symbols.of(symbol):
        if occurrence.reference is not None:
            references.append(occurrence.reference)
        else:
            edits.append(replace_value(doc, occurrence.pointer, new))
    renamed = rename_references(doc, references, new)
    if renamed is None or None in edits:
        return None
    return [e for e in edits if e is not None] + renamed
