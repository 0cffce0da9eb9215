"""Where a range of a string's value lies in the source: exact positions inside scalars.

Rules that point inside text (a reference in a script, a token in a header, the
character where a regular expression fails) report a range of character offsets
in the string's value (``Finding.text_range``); :meth:`Document.locate` maps it
back to the source with a :class:`ScalarMap`.  The mapping is exact for

* plain and quoted scalars on one line: a ``''`` in a single-quoted string is one
  character, and so is each escape in a double-quoted one (``\\n``, ``\\"``,
  ``\\x41``, ``\\u00e9``, and a JSON surrogate pair ``\\ud83d\\ude00``);
* literal block scalars (``|``, with or without an indentation indicator and
  chomping): each line of the value is one line of the source, shifted by the
  block's indentation.

Folded scalars (``>``) and plain or quoted scalars that span lines fold line
breaks into spaces, so an offset does not map back by columns.  For them, and
wherever the columns do not read back, :class:`SourceOffsets` reads the value
against the source in one pass, skipping what folding and quoting leave out; a
range is exact when its characters are written together in the source as they
read (a reference on one line of a folded message), and otherwise (a range
across a fold, after an escape, an alias) the finding gets the span of the
whole scalar.  So a position is exact or it is the scalar's.  Fixes replace
text through the same :class:`SourceOffsets` (:mod:`linter.edits`).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ruamel.yaml.nodes import ScalarNode

from .model import Span

LINE_BREAK = re.compile(r"\r\n|[\n\r\x85\u2028\u2029]")
"""A line break as YAML counts them."""

_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}
"""Source length of the escapes longer than a backslash and one character."""


class ScalarMap:
    """Maps offsets in one scalar's value to source positions.  Built once per scalar (linear in
    its size) and kept by the document, so that many findings in one string cost little each."""

    def __init__(self, lines: list[str], node: ScalarNode) -> None:
        self.value: str = node.value if isinstance(node.value, str) else ""
        self.line = node.start_mark.line
        self.columns: list[int] | None = None
        """One-line scalars: the source column of each character, then the column after the last."""
        self.line_starts: list[int] = []
        """Literal block scalars: where each line of the value starts in it, for those that map."""
        self.indent = 0
        self.exact_lines: list[bool] = []
        if not isinstance(node.value, str):
            return
        if node.style == "|":
            self._literal(lines)
        elif node.style != ">" and node.end_mark.line == self.line and self.line < len(lines):
            self.columns = _columns(lines[self.line], node.start_mark.column, node.style, self.value)

    def span(self, start: int, end: int) -> Span | None:
        """The span of ``value[start:end]`` in the source, or None when it cannot be exact."""
        if not 0 <= start <= end <= len(self.value):
            return None
        if self.columns is not None:
            return Span(self.line + 1, self.columns[start] + 1, self.line + 1, self.columns[end] + 1)
        if not self.line_starts:
            return None
        first, start_column = self._where(start)
        last, end_column = self._where(end)
        if not (self.exact_lines[first] and self.exact_lines[last]):
            return None
        header = self.line + 1  # value line k is source line header + k (0-based)
        return Span(header + first + 1, self.indent + start_column + 1, header + last + 1, self.indent + end_column + 1)

    def _literal(self, lines: list[str]) -> None:
        """Value line ``k`` of a literal block scalar is source line ``header + 1 + k``, indented by the block's indentation."""
        value_lines = self.value.split("\n")
        first = self.line + 1
        indent = next(
            (len(lines[first + k]) - len(text) for k, text in enumerate(value_lines) if text and first + k < len(lines)),
            -1,
        )
        if indent < 0:
            return
        self.indent = indent
        offset = 0
        for k, text in enumerate(value_lines):
            self.line_starts.append(offset)
            self.exact_lines.append(first + k < len(lines) and lines[first + k][indent:] == text)
            offset += len(text) + 1

    def _where(self, offset: int) -> tuple[int, int]:
        """The (value line, column) of ``offset``: the end of a line stays on it."""
        k = max(bisect_right(self.line_starts, offset) - 1, 0)
        return k, offset - self.line_starts[k]


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


class SourceOffsets:
    """Where each character of a string scalar's value is written in the text, as far as the
    value reads from the source in order: each character is the next source character equal to
    it, with only blanks, line breaks, backslashes (and in single quotes, quotes) skipped before
    it.  Read once per scalar (linear), then each range costs O(1)."""

    def __init__(self, text: str, node: ScalarNode) -> None:
        value = node.value if isinstance(node.value, str) else ""
        source, limit = node.start_mark.index, node.end_mark.index
        skippable = " \t\r\n\\" + ("'" if node.style == "'" else "")
        if node.style in ("'", '"'):
            source += 1
        elif node.style in ("|", ">"):
            header = LINE_BREAK.search(text, source)  # the indicator line: '|', '>-', '|2' and a comment
            source = header.end() if header else limit
        self.offsets: list[int] = []
        """The source offset of each character of the value, up to the first that does not read back."""
        self._gaps = [0]
        """``_gaps[k]``: how many characters among the first ``k + 1`` are not right after the one before."""
        for char in value:
            while source < limit and text[source] != char and text[source] in skippable:
                source += 1
            if source >= limit or text[source] != char:
                break
            if self.offsets:
                self._gaps.append(self._gaps[-1] + (source != self.offsets[-1] + 1))
            self.offsets.append(source)
            source += 1

    def locate(self, start: int, end: int) -> tuple[int, int] | None:
        """The source offsets of ``value[start:end]`` when it is written there as it reads (no
        fold, escape or skipped character inside it), else None."""
        if start == end:
            return (self.offsets[start], self.offsets[start]) if 0 <= start < len(self.offsets) else None
        if not 0 <= start < end <= len(self.offsets) or self._gaps[end - 1] != self._gaps[start]:
            return None
        return self.offsets[start], self.offsets[end - 1] + 1
