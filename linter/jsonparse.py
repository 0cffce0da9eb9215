"""Strict JSON (RFC 8259) with a position for every node, keys included.

Cortex reads a ``.json`` descriptor with a strict JSON parser, so we do too:
no comments, no single quotes, no unquoted keys, no trailing commas, no
``NaN``; ``"\\ud83d\\ude00"`` surrogate pairs are fine.  The standard ``json``
module keeps no positions, so this module scans the text itself and builds
the same ruamel.yaml nodes (with start and end marks) that the YAML composer
builds; :mod:`linter.document` then indexes both the same way, so spans,
duplicate keys and every rule work unchanged.

The scanner is a loop with an explicit stack (deep nesting cannot hit the
recursion limit and stops at ``max_depth``), regular expressions for
whitespace and numbers, and the C-accelerated ``json.decoder.scanstring``
for strings.  Linear in the size of the text.
"""

from __future__ import annotations

import bisect
import json.decoder
import re
from collections.abc import Callable

from ruamel.yaml.error import StreamMark
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.tag import Tag

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_WORD = re.compile(r"[A-Za-z_$][A-Za-z0-9_$-]*")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_LITERALS = {"true": "bool", "false": "bool", "null": "null"}
_TAGS = {name: Tag(suffix=f"tag:yaml.org,2002:{name}") for name in ("str", "int", "float", "bool", "null", "map", "seq")}
_scanstring = json.decoder.scanstring  # type: ignore[attr-defined]


class JsonSyntaxError(Exception):
    """Invalid JSON: ``message`` about the character at ``index``."""

    def __init__(self, message: str, index: int) -> None:
        super().__init__(message)
        self.message = message
        self.index = index


class JsonTooDeep(Exception):
    """Nesting deeper than allowed; ``index`` is where the first container too many opens."""

    def __init__(self, index: int) -> None:
        super().__init__(index)
        self.index = index


class Positions:
    """0-based (line, column) of a character index; lines end at ``\\n``, ``\\r\\n`` or ``\\r``."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]

    def of(self, index: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, index) - 1
        return line, index - self._starts[line]

    def mark(self, index: int) -> StreamMark:
        line, column = self.of(index)
        return StreamMark(None, index, line, column)


def compose(text: str, max_depth: int) -> Node | None:
    """The root node of the JSON document ``text``, or None when it holds only whitespace.

    Raises :class:`JsonSyntaxError` or :class:`JsonTooDeep`.
    """
    end = len(text)
    i = _skip_whitespace(text, 0)
    if i == end:
        return None
    positions = Positions(text)
    mark = positions.mark
    # Open containers: [node, is_object, pending key node].
    stack: list[list] = []
    while True:
        # A value starts at i.
        char = text[i] if i < end else ""
        if char == "{" or char == "[":
            if len(stack) >= max_depth:
                raise JsonTooDeep(i)
            is_object = char == "{"
            node: Node = (
                MappingNode(_TAGS["map"], [], mark(i), None, flow_style=True)
                if is_object
                else SequenceNode(_TAGS["seq"], [], mark(i), None, flow_style=True)
            )
            i = _skip_whitespace(text, i + 1)
            closer = "}" if is_object else "]"
            if i < end and text[i] == closer:
                i += 1
                node.end_mark = mark(i)
            else:
                frame: list = [node, is_object, None]
                stack.append(frame)
                if is_object:
                    frame[2], i = _key(text, i, mark, first=True)
                continue
        elif char == '"':
            value, after = _string(text, i)
            node = ScalarNode(_TAGS["str"], value, mark(i), mark(after), style='"')
            i = after
        elif char == "-" or "0" <= char <= "9":
            match = _NUMBER.match(text, i)
            if match is None:
                raise JsonSyntaxError("Invalid number: '-' must be followed by a digit", i)
            after = match.end()
            if after < end and "0" <= text[after] <= "9":
                raise JsonSyntaxError("Numbers must not have leading zeros", i)
            tag = _TAGS["float"] if match.group(1) or match.group(2) else _TAGS["int"]
            node = ScalarNode(tag, match.group(), mark(i), mark(after))
            i = after
        else:
            word = _WORD.match(text, i)
            if word is None or word.group() not in _LITERALS:
                raise JsonSyntaxError(_not_a_value(text, i, word.group() if word else None), i)
            after = word.end()
            node = ScalarNode(_TAGS[_LITERALS[word.group()]], word.group(), mark(i), mark(after))
            i = after
        # A value ended at i: attach it, then close every container that ends here.
        while True:
            if not stack:
                i = _skip_whitespace(text, i)
                if i < end:
                    raise JsonSyntaxError(_after_document(text, i), i)
                return node
            frame = stack[-1]
            parent, is_object = frame[0], frame[1]
            if is_object:
                parent.value.append((frame[2], node))
            else:
                parent.value.append(node)
            i = _skip_whitespace(text, i)
            closer = "}" if is_object else "]"
            char = text[i] if i < end else ""
            if char == ",":
                comma = i
                i = _skip_whitespace(text, i + 1)
                if i < end and text[i] == closer:
                    raise JsonSyntaxError(f"Trailing comma before '{closer}'; JSON allows no comma after the last item", comma)
                if is_object:
                    frame[2], i = _key(text, i, mark, first=False)
                break
            if char == closer:
                i += 1
                parent.end_mark = mark(i)
                node = parent
                stack.pop()
                continue
            raise JsonSyntaxError(_after_item(text, i, is_object), i)


def _skip_whitespace(text: str, i: int) -> int:
    """The index of the first character at or after ``i`` that is not JSON whitespace."""
    match = _WHITESPACE.match(text, i)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _key(text: str, i: int, mark: Callable[[int], StreamMark], first: bool) -> tuple[ScalarNode, int]:
    """Read ``"key" :`` at ``i``; return the key node and the index of the value."""
    if i >= len(text) or text[i] != '"':
        raise JsonSyntaxError(_not_a_key(text, i, first), i)
    value, after = _string(text, i)
    key = ScalarNode(_TAGS["str"], value, mark(i), mark(after), style='"')
    i = _skip_whitespace(text, after)
    if i >= len(text) or text[i] != ":":
        raise JsonSyntaxError(f"Expected ':' after the key \"{value}\"" + _found(text, i), i)
    return key, _skip_whitespace(text, i + 1)


def _string(text: str, i: int) -> tuple[str, int]:
    try:
        return _scanstring(text, i + 1, True)
    except json.decoder.JSONDecodeError as exc:
        if exc.msg.startswith("Unterminated string"):
            raise JsonSyntaxError("Unterminated string: no closing '\"'", i) from None
        if exc.msg.startswith("Invalid control character"):
            raise JsonSyntaxError(
                "Control character in a string; write it as an escape (\\n, \\t, \\u0000)", exc.pos
            ) from None
        raise JsonSyntaxError("Invalid escape in a string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX", exc.pos) from None


def _comment(text: str, i: int) -> bool:
    return text.startswith("#", i) or text.startswith("//", i) or text.startswith("/*", i)


def _found(text: str, i: int) -> str:
    if i >= len(text):
        return ", found the end of the file"
    if _comment(text, i):
        return "; comments are not allowed in JSON"
    return f", found {text[i]!r}"


def _not_a_value(text: str, i: int, word: str | None) -> str:
    if i >= len(text):
        return "Unexpected end of the file; expected a value"
    if text[i] == "'":
        return "Single-quoted strings are not JSON; use double quotes"
    if _comment(text, i):
        return "Comments are not allowed in JSON"
    if word is not None:
        return f"Invalid value '{word}'; a JSON value is a \"string\", a number, true, false, null, an object or an array"
    return f"Expected a value{_found(text, i)}"


def _not_a_key(text: str, i: int, first: bool) -> str:
    if _comment(text, i):
        return "Comments are not allowed in JSON"
    if i < len(text) and text[i] == "'":
        return "Single-quoted keys are not JSON; use double quotes"
    word = _WORD.match(text, i)
    if word is not None:
        return f"Object keys must be double-quoted strings; write \"{word.group()}\""
    expected = "a double-quoted key or '}'" if first else "a double-quoted key"
    return f"Expected {expected}{_found(text, i)}"


def _after_item(text: str, i: int, is_object: bool) -> str:
    if _comment(text, i):
        return "Comments are not allowed in JSON"
    closer = "}" if is_object else "]"
    what = "object member" if is_object else "array item"
    return f"Expected ',' or '{closer}' after an {what}{_found(text, i)}"


def _after_document(text: str, i: int) -> str:
    if _comment(text, i):
        return "Comments are not allowed in JSON"
    return "Unexpected data after the JSON value; a descriptor holds one object"
