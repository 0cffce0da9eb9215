"""JavaScript tokens: the JAVASCRIPT block's ``script`` and the other script fields.

Strings (``'...'``, ``"..."``), template literals (```...```, whose
``${...}`` holes are code), line and block comments, and regular expression
literals are read as such.  A ``/`` starts a regular expression where an
operand is expected: at the start, after an operator or punctuator other than
``)``, ``]`` and ``}``, and after a keyword such as ``return`` or ``typeof``;
elsewhere it divides.  That is the usual heuristic; it errs only on a
regular expression right after a block's closing ``}``, which scripts seldom
write.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import NAME, NUMBER, PUNCT, STRING, Token

_CODE = re.compile(
    r"""(?P<space>\s+)"""
    r"""|(?P<comment>//[^\n\r\u2028\u2029]*|/\*(?:[^*]+|\*(?!/))*(?:\*/)?)"""
    r"""|(?P<name>[^\W\d][\w$]*|\$[\w$]*)"""
    r"""|(?P<number>\.?\d[\w.]*)"""
    r"""|(?P<string>'[^'\\\n\r]*(?:\\(?s:.)[^'\\\n\r]*)*'?|"[^"\\\n\r]*(?:\\(?s:.)[^"\\\n\r]*)*"?)"""
    r"""|(?P<template>`)"""
    r"""|(?P<slash>/)"""
    r"""|(?P<punct>\?\.(?!\d)|[\s\S])"""
)
_REGEX = re.compile(r"/(?:[^/\\\[\n\r]+|\\.|\[(?:[^\]\\\n\r]+|\\.)*\]?)*/?[\w$]*")
_TEMPLATE_TEXT = re.compile(r"[^`\\$]*(?:(?:\\[\s\S]|\$(?!\{))[^`\\$]*)*")
_BEFORE_OPERAND = frozenset(
    ["return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await"]
)
_ESCAPE = re.compile(r"\\([\s\S])")


def tokens(text: str) -> Iterator[Token]:
    """The tokens of the code in ``text``; see the module docstring."""
    holes: list[int] = []  # for each open template hole, the depth of '{' inside it
    previous: Token | None = None
    position, end = 0, len(text)
    while position < end:
        match = _CODE.match(text, position)
        assert match is not None  # the last alternative matches any character
        kind, start, position = match.lastgroup, match.start(), match.end()
        token: Token | None = None
        if kind == "name":
            token = Token(NAME, start, position, match.group())
        elif kind == "number":
            token = Token(NUMBER, start, position, None)
        elif kind == "string":
            token = Token(STRING, start, position, _literal(text, start, position))
        elif kind == "template" or (kind == "punct" and holes and text[start] == "}" and holes[-1] == 0):
            if kind == "punct":
                holes.pop()  # the hole ends: the template's text goes on
            token, position = _template_part(text, start, position, holes)
        elif kind == "slash" and _operand_expected(previous):
            regex = _REGEX.match(text, start)
            assert regex is not None  # text[start] is the '/' that the pattern needs at least
            position = regex.end()
            token = Token(STRING, start, position, None)
        elif kind in ("slash", "punct"):
            value = match.group()
            if holes and value == "{":
                holes[-1] += 1
            elif holes and value == "}":
                holes[-1] -= 1
            token = Token(PUNCT, start, position, value)
        if token is not None:
            yield token
            previous = token


def _template_part(text: str, start: int, position: int, holes: list[int]) -> tuple[Token, int]:
    """Template text from ``position`` (after a backtick or a hole's ``}``) to the closing backtick or the next hole.

    A whole template without holes is a string with a value; its parts are strings without one;
    a hole's ``${`` is a punctuator, after which an operand is expected.
    """
    template_text = _TEMPLATE_TEXT.match(text, position)
    assert template_text is not None  # the pattern matches the empty string
    stop = template_text.end()
    if text.startswith("${", stop):
        holes.append(0)
        return Token(PUNCT, stop, stop + 2, "${"), stop + 2
    closed = text.startswith("`", stop)
    end = stop + 1 if stop < len(text) else stop
    whole = closed and text[start] == "`"
    return Token(STRING, start, end, _ESCAPE.sub(r"\1", text[position:stop]) if whole else None), end


def _operand_expected(previous: Token | None) -> bool:
    if previous is None:
        return True
    if previous.kind == NAME:
        return previous.value in _BEFORE_OPERAND
    if previous.kind == PUNCT:
        return previous.value not in (")", "]", "}")
    return False


def _literal(text: str, start: int, end: int) -> str | None:
    """The value of a quoted string, or None when it is unterminated."""
    body = text[start + 1 : end - 1]
    if end - start < 2 or text[end - 1] != text[start] or (len(body) - len(body.rstrip("\\"))) % 2:
        return None  # no closing quote, or the last quote is escaped
    return _ESCAPE.sub(r"\1", body)
