"""Find credentials written in plain text: tokens with a known shape (GitHub, GitLab,
Slack, AWS, bearer tokens) anywhere, and literal values of authentication headers.
Placeholders (``<token>``, ``${TOKEN}``, ``YOUR_TOKEN``, ``xxxx``) and templates are not secrets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

_TOKENS = re.compile(
    r"\b(?:"
    r"(?P<github>gh[pousr]_[A-Za-z0-9]{30,})"
    r"|(?P<github_pat>github_pat_[A-Za-z0-9_]{22,})"
    r"|(?P<gitlab>glpat-[A-Za-z0-9_-]{20,})"
    r"|(?P<slack>xox[abprs]-[A-Za-z0-9-]{10,})"
    r"|(?P<aws>(?:AKIA|ASIA)[0-9A-Z]{16})\b"
    r"|(?i:bearer)\s+(?P<bearer>[A-Za-z0-9._~+/-]{20,}=*)"
    r")"
)
_MARKS = ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "xoxa-", "xoxb-", "xoxp-", "xoxr-", "xoxs-", "AKIA", "ASIA")
"""Text that each shape of _TOKENS but the bearer token starts with (case matters there)."""
_KINDS = {
    "github": "a GitHub personal access token",
    "github_pat": "a GitHub fine-grained personal access token",
    "gitlab": "a GitLab personal access token",
    "slack": "a Slack token",
    "aws": "an AWS access key ID",
    "bearer": "a bearer token",
}
_SECRET_HEADERS = frozenset(
    ["authorization", "proxy-authorization", "x-api-key", "api-key", "x-auth-token", "x-access-token", "private-token"]
)
_PLACEHOLDER_TEXT = re.compile(r"<[^<>]*>|__\w+__|\$\{[^{}]*\}|\$\w+")  # [^{}]: each try ends at the next brace
_AUTH_SCHEME = re.compile(r"\s*(?:bearer|basic|token|digest|bot|apikey|oauth|jwt|ssws)\b", re.IGNORECASE)
_PLACEHOLDER_WORD = re.compile(
    r"(?i:placeholder\w*|(?:your|my|example|sample|dummy|fake)[-_]\w+|changeme|redacted|[x*.]+)"
    r"|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"
)
_PLACEHOLDER_MARK = re.compile(r"(?i)example|placeholder|redacted|dummy|xxxx")


def strings(data: Any) -> Iterator[tuple[tuple, Any, str]]:
    """``(tokens of the container, key or index, text)`` for every string value in ``data``, in
    document order.  A container's tokens are one tuple shared by all its strings."""
    stack: list[tuple[tuple, Iterator[tuple[Any, Any]]]] = [((), _items(data))]
    while stack:
        tokens, items = stack[-1]
        for key, value in items:
            if isinstance(value, str):
                yield tokens, key, value
            elif isinstance(value, (dict, list)):
                stack.append(((*tokens, key), _items(value)))
                break
        else:
            stack.pop()


def _items(value: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(value, dict):
        return iter(value.items())
    return enumerate(value) if isinstance(value, list) else iter(())


def may_hold_token(data: Any) -> bool:
    """False when no string value in ``data`` can hold a well-known token (no string has the text
    such a token starts with), so that most workflows skip :func:`token_kind` for each string."""
    texts: list[str] = []
    stack = [data] if isinstance(data, (dict, list)) else []
    while stack:
        value = stack.pop()
        for child in value.values() if value.__class__ is dict else value:
            kind = child.__class__
            if kind is str:
                texts.append(child)
            elif kind is dict or kind is list:
                stack.append(child)
    text = "\n".join(texts)
    return any(mark in text for mark in _MARKS) or "bearer" in text.lower()  # substring searches: faster than _TOKENS


def header_values(data: Any) -> Iterator[tuple[tuple, Any, str]]:
    """:func:`strings`, limited to the values of the blocks' ``schema.headers``."""
    actions = data.get("actions") if isinstance(data, dict) else None
    for index, action in _items(actions):
        schema = action.get("schema") if isinstance(action, dict) else None
        headers = schema.get("headers") if isinstance(schema, dict) else None
        if isinstance(headers, dict):
            container = ("actions", index, "schema", "headers")
            yield from ((container, key, value) for key, value in headers.items() if isinstance(value, str))


def token_kind(text: str) -> tuple[str, int, int] | None:
    """What kind of well-known token ``text`` holds, and where: ``(kind, start, end)``."""
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup or ""  # every alternative is a named group
        token = match.group(kind)
        if _PLACEHOLDER_MARK.search(token) or len(set(token)) < 6 or _PLACEHOLDER_WORD.fullmatch(token):
            continue
        if kind == "bearer" and not (re.search(r"[0-9]", token) and re.search(r"[A-Za-z]", token)):
            continue  # prose such as "Bearer authentication-is-required-here"
        described = "a GitHub OAuth or app token" if kind == "github" and not token.startswith("ghp_") else _KINDS[kind]
        return described, match.start(kind), match.end(kind)
    return None


def _without_templates(value: str) -> str:
    """``value`` with each ``{{{...}}}`` and ``{{...}}`` replaced by a space, scanning once (a lazy
    regular expression retries from every unclosed ``{{``, which is quadratic)."""
    parts: list[str] = []
    i = 0
    triple_end = -2  # where the next '}}}' starts (-1: there is none), -2: not looked for yet
    while (start := value.find("{{", i)) >= 0:
        end = -1
        if value.startswith("{{{", start):
            if triple_end != -1 and triple_end < start + 3:
                triple_end = value.find("}}}", start + 3)
            if triple_end >= 0:
                end = triple_end + 3
        if end < 0:
            close = value.find("}}", start + 2)
            if close < 0:
                break
            end = close + 2
        parts += (value[i:start], " ")
        i = end
    parts.append(value[i:])
    return "".join(parts)


def is_secret_header(container: tuple, key: Any) -> bool:
    """True for the value of an authentication header: ``container`` is ``(actions, i, schema, headers)``."""
    return (
        len(container) == 4
        and container[0] == "actions"
        and container[2:] == ("schema", "headers")
        and str(key).lower() in _SECRET_HEADERS
    )


def has_literal_credential(value: str) -> bool:
    """True when ``value`` holds a literal of 6+ characters besides templates, the auth scheme and placeholders."""
    rest = _PLACEHOLDER_TEXT.sub(" ", _without_templates(value))
    rest = _AUTH_SCHEME.sub(" ", rest, count=1) if _AUTH_SCHEME.match(rest) else rest
    words = re.findall(r"[A-Za-z0-9+/=_.~-]{6,}", rest)
    return any(not _PLACEHOLDER_WORD.fullmatch(word) for word in words)
