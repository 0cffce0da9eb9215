"""jq tokens and paths: the JQ block's ``expression``.

Strings are ``"..."``; inside one, ``\\(...)`` is code (string interpolation)
and its tokens come between the string's parts.  ``#`` starts a comment to the
end of the line.  A *path* is a run of adjacent parts, ``.key``, ``."key"``,
``["key"]`` or ``.["key"]``, that starts a term (optionally after a
``$variable``); ``.body.actions.x`` and ``$__loc__`` are not followed into.
A key written ``.get-user`` is one key here, so that the
``unquoted-jq-key`` rule can point out that jq reads ``.get - user``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final, NamedTuple

from . import NAME, NUMBER, PUNCT, STRING, Token

FIELD: Final = "field"
VARIABLE: Final = "variable"
_KEY = r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*"
_CODE = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<comment>#[^\n\r]*)"
    rf"|(?P<field>\.{_KEY})"
    r"|(?P<variable>\$[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*)"
    r"|(?P<name>[A-Za-z_]\w*(?:::[A-Za-z_]\w*)*)"
    r"|(?P<number>\.?\d[\w.]*)"
    r'|(?P<quote>")'
    r"|(?P<punct>\.\.|\?//|[\s\S])"
)
_STRING_TEXT = re.compile(r'[^"\\]*(?:\\(?!\()[\s\S]?[^"\\]*)*')
_ESCAPE = re.compile(r"\\([\s\S])")


def tokens(text: str) -> Iterator[Token]:
    """The tokens of the jq code in ``text``: FIELD (``.key``, value ``key``), VARIABLE, NAME, STRING, NUMBER, PUNCT."""
    holes: list[int] = []  # for each open interpolation, the depth of '(' inside it
    position, end = 0, len(text)
    while position < end:
        match = _CODE.match(text, position)
        assert match is not None  # the last alternative matches any character
        kind, start, position = match.lastgroup, match.start(), match.end()
        if kind == "field":
            yield Token(FIELD, start, position, match.group()[1:])
        elif kind in ("variable", "name"):
            yield Token(VARIABLE if kind == "variable" else NAME, start, position, match.group())
        elif kind == "number":
            yield Token(NUMBER, start, position, None)
        elif kind == "quote" or (kind == "punct" and holes and text[start] == ")" and holes[-1] == 0):
            if kind == "punct":
                holes.pop()  # the interpolation ends: the string goes on
            token, position = _string_part(text, start, position, holes)
            yield token
        elif kind == "punct":
            value = match.group()
            if holes and value == "(":
                holes[-1] += 1
            elif holes and value == ")":
                holes[-1] -= 1
            yield Token(PUNCT, start, position, value)


def _string_part(text: str, start: int, position: int, holes: list[int]) -> tuple[Token, int]:
    """String text from ``position`` to the closing quote or the next ``\\(``; see javascript._template_part."""
    string_text = _STRING_TEXT.match(text, position)
    assert string_text is not None  # the pattern matches the empty string
    stop = string_text.end()
    if text.startswith("\\(", stop):
        holes.append(0)
        return Token(PUNCT, stop, stop + 2, "\\("), stop + 2
    closed = text.startswith('"', stop)
    end = stop + 1 if closed else stop
    whole = closed and text[start] == '"'
    return Token(STRING, start, end, _ESCAPE.sub(r"\1", text[position:stop]) if whole else None), end


class Part(NamedTuple):
    key: str
    written: str
    quoted: bool


class Path(NamedTuple):
    start: int
    end: int
    variable: bool
    """True when the path starts with a ``$variable``."""
    parts: tuple[Part, ...]


_CONTINUES = frozenset({FIELD, VARIABLE, NAME, NUMBER, STRING})


def paths(text: str) -> Iterator[Path]:
    """Every path with at least one key part in the jq code of ``text``."""
    start = -1  # the start of the path being read, or -1
    variable = False
    parts: list[Part] = []
    end = 0  # the end of the path's last part
    mode = ""  # "": after a part; ".": after a lone '.'; "[": after '['; "]": after '[' and a string
    opened = 0  # where the pending part started
    key = ""
    parts_end = 0
    previous: Token | None = None
    for token in tokens(text):
        kind, value = token.kind, token.value
        if start >= 0:
            if mode == "" and token.start == end and kind == FIELD:
                parts.append(Part(value or "", text[token.start : token.end], False))
                end = token.end
            elif mode in ("", ".") and token.start == end and kind == PUNCT and value in (".", "["):
                if mode == "":
                    opened = token.start
                mode, end = value, token.end
            elif mode == "." and token.start == end and kind == STRING and value is not None:
                parts.append(Part(value, text[opened : token.end], True))
                mode, end = "", token.end
            elif mode == "[" and kind == STRING and value is not None:
                mode, key = "]", value
            elif mode == "]" and kind == PUNCT and value == "]":
                parts.append(Part(key, text[opened : token.end], True))
                mode, end = "", token.end
            else:
                if parts:
                    yield Path(start, parts_end, variable, tuple(parts))
                start = -1
        if start < 0 and kind in (FIELD, VARIABLE, PUNCT) and (kind != PUNCT or value == ".") and not _continues(previous, token):
            start, variable, parts, mode, opened = token.start, kind == VARIABLE, [], "", token.start
            end = token.end
            if kind == FIELD:
                parts.append(Part(value or "", text[token.start : token.end], False))
            elif kind == PUNCT:
                mode = "."
        if start >= 0 and mode == "":
            parts_end = end
        previous = token
    if start >= 0 and parts:
        yield Path(start, parts_end, variable, tuple(parts))


def _continues(previous: Token | None, token: Token) -> bool:
    """True when ``token`` indexes the term right before it rather than starting a path."""
    if previous is None or previous.end != token.start:
        return False
    return previous.kind in _CONTINUES or (previous.kind == PUNCT and previous.value in ("]", ")", "?", "."))
