"""CEL tokens: a CONDITIONAL_BRANCH branch's ``expression``.

Strings are ``"..."`` and ``'...'`` (one line), ``\"\"\"...\"\"\"`` and
``'''...'''`` (any lines), each with an optional ``r`` (raw: a backslash is
text) and ``b`` (bytes) prefix; ``//`` starts a comment to the end of the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from . import NAME, NUMBER, PUNCT, STRING, Token

_CODE = re.compile(
    r"""(?P<space>\s+)"""
    r"""|(?P<comment>//[^\n\r]*)"""
    r"""|(?P<raw>(?:[bB]?[rR]|[rR][bB])(?:"""
    r'''"""(?:[^"]+|"(?!""))*(?:""")?|'''
    r"""'''(?:[^']+|'(?!''))*(?:''')?|"""
    r"""'[^'\n\r]*'?|"[^"\n\r]*"?))"""
    r"""|(?P<string>[bB]?(?:"""
    r'''"""(?:[^"\\]+|\\[\s\S]|"(?!""))*(?:""")?|'''
    r"""'''(?:[^'\\]+|\\[\s\S]|'(?!''))*(?:''')?|"""
    r"""'(?:[^'\\\n\r]+|\\.)*'?|"(?:[^"\\\n\r]+|\\.)*"?))"""
    r"""|(?P<name>[A-Za-z_]\w*)"""
    r"""|(?P<number>\.?\d[\w.]*)"""
    r"""|(?P<punct>[\s\S])"""
)
_ESCAPE = re.compile(r"\\([\s\S])")


def tokens(text: str) -> Iterator[Token]:
    """The tokens of the CEL code in ``text``."""
    position, end = 0, len(text)
    while position < end:
        match = _CODE.match(text, position)
        assert match is not None  # the last alternative matches any character
        kind, start, position = match.lastgroup, match.start(), match.end()
        if kind == "name":
            yield Token(NAME, start, position, match.group())
        elif kind == "number":
            yield Token(NUMBER, start, position, None)
        elif kind in ("string", "raw"):
            yield Token(STRING, start, position, _value(match.group(), raw=kind == "raw"))
        elif kind == "punct":
            yield Token(PUNCT, start, position, match.group())


def _value(literal: str, raw: bool) -> str | None:
    """The text of a string literal, or None when it is unterminated."""
    body = literal.lstrip("bBrR")
    quote = body[:3] if body[:3] in ('"""', "'''") else body[0]
    if len(body) < 2 * len(quote) or not body.endswith(quote):
        return None
    inner = body[len(quote) : -len(quote)]
    if raw:
        return inner
    if (len(inner) - len(inner.rstrip("\\"))) % 2:
        return None  # the closing quote is escaped
    return _ESCAPE.sub(r"\1", inner)
