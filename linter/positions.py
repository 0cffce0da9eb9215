"""Where a range of a string's value lies in the source: exact positions inside scalars.

Rules that point inside text (a reference in a script, a token in a header, the
character where a regular expression fails) report a range of character offsets
in the string's value (``Finding.text_range``); :meth:`Document.locate` maps it
back to the source with :func:`value_range_span`.  The mapping is exact for

* plain and quoted scalars on one line: a ``''`` in a single-quoted string is one
  character, and so is each escape in a double-quoted one (``\\n``, ``\\"``,
  ``\\x41``, ``\\u00e9``, and a JSON surrogate pair ``\\ud83d\\ude00``);
* literal block scalars (``|``, with or without an indentation indicator and
  chomping): each line of the value is one line of the source, shifted by the
  block's indentation.

Folded scalars (``>``) and plain or quoted scalars that span lines fold line
breaks into spaces, so an offset does not map back simply: for them the answer is
None and the finding gets the span of the whole scalar.  The answer is None as
well whenever the source does not read back as the value (an alias, an unusual
escape), so a position is exact or it is the scalar's.
"""

from __future__ import annotations

from ruamel.yaml.nodes import ScalarNode

from .model import Span

_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}
"""Source length of the escapes longer than a backslash and one character."""


def value_range_span(lines: list[str], node: ScalarNode, start: int, end: int) -> Span | None:
    """The span of ``node.value[start:end]`` in the source, or None when it cannot be exact."""
    value = node.value
    if not isinstance(value, str) or not 0 <= start <= end <= len(value):
        return None
    if node.style == "|":
        return _literal(lines, node, value, start, end)
    line = node.start_mark.line
    if node.style == ">" or node.end_mark.line != line or line >= len(lines):
        return None
    columns = _columns(lines[line], node.start_mark.column, node.style, value)
    if columns is None:
        return None
    return Span(line + 1, columns[start] + 1, line + 1, columns[end] + 1)


def _columns(source: str, column: int, style: str | None, value: str) -> list[int] | None:
    """For each character of ``value``, the source column where it starts, then the column after the last one."""
    if not style:  # plain (None or "" depending on the parser)
        if source[column : column + len(value)] != value:
            return None
        return list(range(column, column + len(value) + 1))
    columns = []
    at = column + 1  # after the opening quote
    for char in value:
        columns.append(at)
        if at >= len(source):
            return None
        written = source[at]
        if style == "'" and written == "'" and char == "'" and source.startswith("''", at):
            at += 2
        elif style == '"' and written == "\\":
            kind = source[at + 1 : at + 2]
            at += 12 if kind == "u" and ord(char) > 0xFFFF else _ESCAPE_LENGTH.get(kind, 2)  # a surrogate pair
        elif written == char:
            at += 1
        else:
            return None
    if source[at : at + 1] != style:
        return None  # the closing quote is not where the value ends
    columns.append(at)
    return columns


def _literal(lines: list[str], node: ScalarNode, value: str, start: int, end: int) -> Span | None:
    """A literal block scalar: value line ``k`` is source line ``header + 1 + k``, indented by the block's indentation."""
    value_lines = value.split("\n")
    first = node.start_mark.line + 1
    indent = None
    for k, text in enumerate(value_lines):
        if text and first + k < len(lines):
            indent = len(lines[first + k]) - len(text)
            break
    if indent is None or indent < 0:
        return None
    start_line, start_column = _line_and_column(value_lines, start)
    end_line, end_column = _line_and_column(value_lines, end)
    for k in (start_line, end_line):
        if first + k >= len(lines) or lines[first + k][indent:] != value_lines[k]:
            return None
    return Span(first + start_line + 1, indent + start_column + 1, first + end_line + 1, indent + end_column + 1)


def _line_and_column(value_lines: list[str], offset: int) -> tuple[int, int]:
    """The (line, column) of ``offset`` in the value whose lines are ``value_lines``."""
    line_start = 0
    for k, text in enumerate(value_lines):
        if offset <= line_start + len(text):
            return k, offset - line_start
        line_start += len(text) + 1
    return len(value_lines) - 1, len(value_lines[-1])
