"""Mustache tags: the text fields (URLs, headers, payloads, messages, run response templates).

``{{x}}``, ``{{{x}}}``, ``{{&x}}``, sections ``{{#x}}...{{/x}}``, inverted
sections ``{{^x}}``, comments ``{{! }}``, partials ``{{> x}}`` and
set-delimiter tags ``{{=<% %>=}}`` (after which the rest of the text uses other
delimiters, so the scan stops).  Everything outside ``{{ }}`` is plain text.
The scan is linear: each ``str.find`` starts where the previous tag ended, and
the last ``}}`` found is reused while it lies ahead.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_SIGIL = re.compile(r"[ \t]*(\S)")
_UNCLOSED = re.compile(r"\{\{\{?[ \t]*[^\s{}]*\}?")  # an unclosed tag as far as it goes: '{{x}' or '{{x'


class Tag(NamedTuple):
    """A tag that names a value: ``{{x}}``, ``{{{x}}}``, ``{{&x}}``, ``{{#x}}`` or ``{{^x}}``."""

    name: str
    written: str
    start: int
    end: int


class Problem(NamedTuple):
    message: str
    start: int
    end: int


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def scan(text: str) -> tuple[list[Tag], list[Problem]]:
    """The tags of ``text`` that name a value, and what is malformed."""
    tags: list[Tag] = []
    problems: list[Problem] = []
    sections: list[tuple[str, Tag]] | None = []  # open sections; None after a misplaced close tag
    position = close = 0
    while (start := text.find("{{", position)) >= 0:
        triple = text.startswith("{{{", start)
        body = start + (3 if triple else 2)
        if 0 <= close < body:
            close = text.find("}}", body)
        first = _SIGIL.match(text, body)
        sigil = first.group(1) if first and (close < 0 or first.start(1) < close) else ""
        reopen = text.find("{{", body)
        if close < 0 or (sigil != "!" and 0 <= reopen < close):
            unclosed = _UNCLOSED.match(text, start)
            assert unclosed is not None  # text[start:] opens with '{{', which the pattern needs at least
            written = unclosed.group(0)
            closer = "}}}" if triple else "}}"
            problems.append(Problem(f"'{shorten(written)}' is never closed with '{closer}'", start, start + len(written)))
            position = body
            continue
        if triple and not text.startswith("}}}", close):
            written = text[start : close + 2]
            problems.append(Problem(f"'{shorten(written)}' opens with '{{{{{{' but closes with '}}}}'", start, close + 2))
            position = close + 2
            continue
        end = close + (3 if triple else 2)
        position = end
        if sigil == "!" and not triple:
            continue
        if sigil == "=" and not triple:
            break  # a set-delimiter tag: the rest of the text uses other delimiters
        inner = text[body:close].strip()
        name = inner[1:].strip() if sigil in ("#", "^", "/", "&", ">") and not triple else inner
        tag = Tag(name, text[start:end], start, end)
        if not name:
            problems.append(Problem(f"'{shorten(tag.written)}' is an empty tag; it names no value", start, end))
        elif triple or sigil not in ("#", "^", "/", ">"):
            tags.append(tag)
        elif sigil in ("#", "^"):
            if sections is not None:
                sections.append((name, tag))
            tags.append(tag)
        elif sigil == ">":
            continue  # a partial names a template, not a value
        elif sections is None:
            continue  # after a misplaced close tag, further section errors would only echo it
        elif sections and sections[-1][0] == name:
            sections.pop()
        elif any(open_name == name for open_name, _ in sections):
            inner_tag = sections[-1][1]
            problems.append(Problem(
                f"'{shorten(tag.written)}' closes section '{name}' while the inner section "
                f"'{shorten(inner_tag.written)}' is still open; close '{sections[-1][0]}' first", start, end))
            sections = None
        else:
            problems.append(Problem(f"'{shorten(tag.written)}' closes section '{name}', which is not open", start, end))
            sections = None
    for name, tag in reversed(sections or []):
        problems.append(Problem(f"Section '{shorten(tag.written)}' is never closed; add '{{{{/{name}}}}}'", tag.start, tag.end))
    return tags, problems
