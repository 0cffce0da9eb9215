"""Text edits located by the document's nodes, for the rules' fixes.

A fix never re-dumps YAML: it replaces a few characters found through the
nodes' marks (``mark.index`` is a character offset into the text), so
comments, quoting, key order, indentation, flow style and line endings
around it stay as written.  Each helper returns None where it cannot be sure
of the edit (an alias, a scalar whose escapes hide the text to change); the
rule then offers no fix.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import TYPE_CHECKING

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .document import Document
from .model import Edit
from .positions import LINE_BREAK

if TYPE_CHECKING:
    from .templates import Reference

_PLAIN_SAFE = re.compile(r"[A-Za-z_][\w.-]*")
_INDICATOR = re.compile(r"""[-?:,\[\]{}#&*!|>'"%@`\s]|$""")
"""What a plain scalar cannot start with."""
_NOT_PLAIN = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "null"})


class LineIndex:
    """Offsets to 1-based (line, column) and back, counting line breaks as YAML does."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [match.end() for match in LINE_BREAK.finditer(text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def offset(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1


def _entry(doc: Document, pointer: str) -> tuple[Node, Node | None] | None:
    return doc.nodes.get(pointer)


def _parent(doc: Document, pointer: str) -> Node | None:
    entry = doc.nodes.get(pointer.rsplit("/", 1)[0])
    return entry[0] if entry is not None else None


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _line_end(text: str, offset: int) -> int:
    """The offset after the line break that ends the line holding ``offset`` (or the end of the text)."""
    match = LINE_BREAK.search(text, offset)
    return match.end() if match else len(text)


def _end(node: Node) -> int:
    """Where a node's own text ends; a block collection ends with its last child."""
    while isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node.end_mark.index


def _is_flow_document(doc: Document) -> bool:
    root = doc.nodes.get("")
    return root is not None and getattr(root[0], "flow_style", False) is True


def scalar_text(value: str, like: Node | None, doc: Document) -> str:
    """``value`` written as a scalar in the style of ``like`` (plain only when it reads back as the same string)."""
    style = (like.style or None) if isinstance(like, ScalarNode) else ('"' if _is_flow_document(doc) else None)
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style is None and _PLAIN_SAFE.fullmatch(value) and value.lower() not in _NOT_PLAIN:
        return value
    return json.dumps(value, ensure_ascii=False)


def replace_value(doc: Document, pointer: str, value: str) -> Edit | None:
    """Replace the scalar at ``pointer`` with ``value``, in the node's quoting style."""
    entry = _entry(doc, pointer)
    if entry is None or not isinstance(entry[0], ScalarNode) or entry[0].style in ("|", ">"):
        return None
    node = entry[0]
    return Edit(node.start_mark.index, node.end_mark.index, scalar_text(value, node, doc))


def rename_key(doc: Document, pointer: str, key: str) -> Edit | None:
    """Rename the mapping key that introduces ``pointer``."""
    entry = _entry(doc, pointer)
    if entry is None or not isinstance(entry[1], ScalarNode):
        return None
    node = entry[1]
    return Edit(node.start_mark.index, node.end_mark.index, scalar_text(key, node, doc))


def remove(doc: Document, pointer: str) -> Edit | None:
    """Remove the mapping entry or sequence item at ``pointer``, with its separator (and its line, in block style)."""
    entry = _entry(doc, pointer)
    parent = _parent(doc, pointer)
    if entry is None or parent is None:
        return None
    value, key = entry
    text = doc.text
    if isinstance(parent, MappingNode):
        pairs = parent.value
        index = next((i for i, (k, _) in enumerate(pairs) if k is key), None)
        if index is None or key is None:
            return None
        nodes = [k for k, _ in pairs]
        start, end = key.start_mark.index, _end(value)
    elif isinstance(parent, SequenceNode):
        nodes = parent.value
        index = int(pointer.rsplit("/", 1)[1])  # the item's index: a look-up, not a scan per removal
        if not (index < len(nodes) and nodes[index] is value):
            return None
        start, end = value.start_mark.index, _end(value)
    else:
        return None
    if start < parent.start_mark.index:
        return None  # an alias to a node defined elsewhere
    if parent.flow_style:
        if index + 1 < len(nodes):
            return Edit(start, nodes[index + 1].start_mark.index, "")
        if index > 0:
            previous = pairs[index - 1][1] if isinstance(parent, MappingNode) else nodes[index - 1]
            return Edit(_end(previous), end, "")
        return Edit(start, end, "")
    line_start = _line_start(text, start)
    before = text[line_start:start]
    if isinstance(parent, SequenceNode):
        if not re.fullmatch(r"[ \t]*-[ \t]+", before):
            return None
    elif before.strip():
        # The first key of a sequence item (``- slug: x``): the next key moves up to its place.
        if index + 1 == len(nodes) or "#" in text[end : nodes[index + 1].start_mark.index]:
            return None
        return Edit(start, nodes[index + 1].start_mark.index, "")
    if len(nodes) == 1:
        return None  # the collection would be left empty, which block style cannot write
    return Edit(line_start, _line_end(text, end), "")


def append(doc: Document, pointer: str, value: str) -> Edit | None:
    """Add the string ``value`` as the last item of the sequence at ``pointer``."""
    entry = _entry(doc, pointer)
    if entry is None or not isinstance(entry[0], SequenceNode):
        return None
    node = entry[0]
    items = node.value
    if not items:  # only a flow sequence, '[]', can be empty
        return Edit(node.start_mark.index, node.end_mark.index, f"[{scalar_text(value, None, doc)}]")
    like = items[-1]
    if node.flow_style:
        return Edit(_end(like), _end(like), ", " + scalar_text(value, like, doc))
    text = doc.text
    last_start = like.start_mark.index
    line_start = _line_start(text, last_start)
    indent = text[line_start:last_start]
    if not re.fullmatch(r"[ \t]*-[ \t]+", indent):
        return None
    at = _line_end(text, _end(like))
    match = LINE_BREAK.search(text, line_start) or LINE_BREAK.search(text)
    newline = match.group() if match else "\n"
    item = indent + scalar_text(value, like, doc)
    if at == len(text) and not text.endswith(("\n", "\r", "\x85", "\u2028", "\u2029")):
        return Edit(at, at, newline + item)  # the last line of the file has no line break
    return Edit(at, at, item + newline)


def within_scalar(doc: Document, pointer: str, start: int, end: int, replacement: str) -> Edit | None:
    """Replace ``value[start:end]`` of the string scalar at ``pointer`` with ``replacement``.

    Only where those characters are written literally in the source (no
    escape or line folding inside them), and ``replacement`` needs no
    escaping in the node's style; otherwise None.
    """
    entry = _entry(doc, pointer)
    if entry is None or not isinstance(entry[0], ScalarNode):
        return None
    node = entry[0]
    style = node.style or None  # plain is None or "", depending on the parser
    if style == '"' and ('"' in replacement or "\\" in replacement):
        replacement = json.dumps(replacement, ensure_ascii=False)[1:-1]
    elif style == "'" and "'" in replacement:
        replacement = replacement.replace("'", "''")
    elif style is None and ((start == 0 and _INDICATOR.match(replacement)) or re.search(r"[:#]|^\s|\s$", replacement)):
        return None
    if "\n" in replacement or "\r" in replacement:
        return None
    located = doc.source_offsets(node).locate(start, end)
    return Edit(*located, replacement) if located else None


def rename_references(doc: Document, references: list[Reference], name: str) -> list[Edit] | None:
    """Edits that write ``name`` for the block or variable each reference names; None when one
    of them cannot be edited.

    In jq, CEL and JavaScript a dotted name that is not an identifier is quoted
    (``.actions."new-slug"``, ``actions["new-slug"]``): unquoted, its hyphen would be a minus.
    """
    edits = []
    for ref in references:
        written = ref.written
        root = written.find(ref.kind + "s")
        inner = written.find(ref.name, root + len(ref.kind) + 1 if root >= 0 else 0)
        if inner < 0:
            return None
        dotted = inner > 0 and written[inner - 1] == "." and not _IDENTIFIER.fullmatch(name)
        quoted = _QUOTED_NAME.get(ref.language) if dotted else None
        if dotted and quoted is None and ref.language not in ("mustache", "path"):
            return None
        start, end = ref.start + inner, ref.start + inner + len(ref.name)
        if quoted:
            edit = within_scalar(doc, ref.pointer, start - 1, end, quoted.format(name))
        else:
            edit = within_scalar(doc, ref.pointer, start, end, name)
        if edit is None:
            return None
        edits.append(edit)
    return edits


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_QUOTED_NAME = {"jq": '."{}"', "cel": '["{}"]', "javascript": '["{}"]'}
"""How each language writes a member whose name is not an identifier."""
