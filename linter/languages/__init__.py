"""Small tokenizers for the languages Cortex reads in string fields, and the
reference matcher they share.

Each tokenizer yields the :class:`Token` objects of the *code* in a text, in
order: names, string literals, numbers and punctuation.  Comments and
whitespace are dropped, and the text of a string literal is never code, except
the holes of a JavaScript template literal (```${...}```) and of a jq string
(``\\(...)``), whose tokens come between the literal's two halves.  Every
tokenizer reads the text once, left to right, with regular expressions that
cannot backtrack (each one succeeds on its first try, an unterminated string
or comment running to the end of the text), so it is linear in the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Final, Literal, NamedTuple

TokenKind = Literal["name", "string", "number", "punct", "field", "variable"]
"""The kinds of token; only jq has ``field`` (``.key``) and ``variable`` (``$name``) tokens."""
NAME: Final = "name"
STRING: Final = "string"
NUMBER: Final = "number"
PUNCT: Final = "punct"


class Token(NamedTuple):
    kind: TokenKind
    start: int
    end: int
    value: str | None
    """A name or a punctuator as written; a string literal's text, or None when it has holes."""


class Found(NamedTuple):
    """A reference in code: ``root`` (``actions``, ``variables``, ``context``), the key after it, and where."""

    root: str
    name: str
    start: int
    end: int


ROOT_NAMES = frozenset({"actions", "variables", "context"})
_MEMBER = frozenset({".", "?."})


def member_references(tokens: Iterable[Token]) -> Iterator[Found]:
    """``root.name``, ``root?.name`` and ``root["name"]`` in JavaScript or CEL tokens.

    A root that is itself a member (``foo.actions``) is not one.
    """
    root: Token | None = None
    step = 0  # 1: after the root, 2: after '.', 3: after '[', 4: after '[' and a string
    key: Token | None = None
    previous: Token | None = None
    for token in tokens:
        kind, value = token.kind, token.value
        if step == 1:
            step = 2 if kind == PUNCT and value in _MEMBER else 3 if kind == PUNCT and value == "[" else 0
        elif step == 2:
            if kind == NAME and root is not None:
                yield Found(root.value or "", value or "", root.start, token.end)
            step = 0
        elif step == 3:
            step, key = (4, token) if kind == STRING and value else (0, None)
        elif step == 4:
            if kind == PUNCT and value == "]" and root is not None and key is not None:
                yield Found(root.value or "", key.value or "", root.start, token.end)
            step = 0
        if step == 0 and kind == NAME and value in ROOT_NAMES and not (
            previous is not None and previous.kind == PUNCT and previous.value in _MEMBER
        ):
            root, step = token, 1
        previous = token
