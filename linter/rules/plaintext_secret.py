"""A secret is written in plain text in the descriptor.

## What it does
Reports, without repeating the secret:

* a credential header (`Authorization`, `Proxy-Authorization`, `X-Api-Key`,
  `Api-Key`, `X-Auth-Token`, `X-Access-Token`, `Private-Token`, any case) of
  a block whose value holds a literal besides the auth scheme (`Bearer`,
  `Basic`, `token`, ...) and Mustache tags: the value must come from a
  template such as `{{&context.secrets.<secret-tag>}}`;
* a well-known token shape in any string field: GitHub (`ghp_`, `gho_`,
  `ghu_`, `ghs_`, `ghr_`, `github_pat_`), GitLab (`glpat-`), Slack
  (`xoxb-`, `xoxp-`, ...), an AWS access key ID (`AKIA...`, `ASIA...`), or
  `Bearer` followed by a literal of 20 or more characters with letters and
  digits.

Placeholders are not secrets: `<token>`, `__TOKEN__`, `PLACEHOLDER_...`,
`$TOKEN` / `${TOKEN}`, upper-case names such as `YOUR_API_TOKEN`, `xxxx`,
and tokens that say `EXAMPLE`.  Templated values (`{{variables.auth}}`) are
not reported either.

## Why is this bad?
A descriptor lives in Git and is shown to everyone who can edit the
workflow; a secret in it is leaked to all of them and stays in the history
after it is removed.  Cortex secrets are stored encrypted and are read at run
time with `{{context.secrets.<secret-tag>}}`.  Rotate any secret that was
committed.

## Example
```yaml
actions:
- slug: call-api
  schema:
    type: HTTP_REQUEST
    httpMethod: GET
    url: https://api.example.com/v1/items
    headers:
      Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0
```

## Use instead
```yaml
actions:
- slug: call-api
  schema:
    type: HTTP_REQUEST
    httpMethod: GET
    url: https://api.example.com/v1/items
    headers:
      Authorization: Bearer {{&context.secrets.example-api-token}}
```
"""

import re
from collections.abc import Iterator
from typing import Any

from ..document import Document, pointer_of
from ..model import Finding, Severity
from . import Rule

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
_TEMPLATE = re.compile(r"\{\{\{.*?\}\}\}|\{\{.*?\}\}", re.DOTALL)
_PLACEHOLDER_TEXT = re.compile(r"<[^<>]*>|__\w+__|\$\{[^}]*\}|\$\w+")
_AUTH_SCHEME = re.compile(r"\s*(?:bearer|basic|token|digest|bot|apikey|oauth|jwt|ssws)\b", re.IGNORECASE)
_PLACEHOLDER_WORD = re.compile(
    r"(?i:placeholder\w*|(?:your|my|example|sample|dummy|fake)[-_]\w+|changeme|redacted|[x*.]+)"
    r"|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+"
)
_PLACEHOLDER_MARK = re.compile(r"(?i)example|placeholder|redacted|dummy|xxxx")


class PlaintextSecret(Rule):
    id = "plaintext-secret"
    title = "Secrets should come from Cortex secrets, not plain text"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterator[Finding]:
        for tokens, text in _strings(doc.data):
            kind = _token_kind(text)
            if kind is None and _is_secret_header(tokens) and _has_literal_credential(text):
                kind = "a credential"
            if kind is not None:
                yield Finding(
                    f"{_field(doc.data, tokens)} holds {kind} in plain text; store it as a Cortex secret "
                    "and reference it as '{{&context.secrets.<secret-tag>}}'",
                    pointer_of(*tokens),
                )


def _strings(data: Any) -> Iterator[tuple[tuple, str]]:
    """``(path tokens, text)`` for every string value in ``data``, in document order."""
    stack: list[tuple[tuple, Any]] = [((), data)]
    while stack:
        tokens, value = stack.pop()
        if isinstance(value, str):
            yield tokens, value
        elif isinstance(value, dict):
            stack.extend(reversed([((*tokens, key), child) for key, child in value.items()]))
        elif isinstance(value, list):
            stack.extend(reversed([((*tokens, n), child) for n, child in enumerate(value)]))


def _token_kind(text: str) -> str | None:
    for match in _TOKENS.finditer(text):
        kind = match.lastgroup
        token = match.group(kind)
        if _PLACEHOLDER_MARK.search(token) or len(set(token)) < 6 or _PLACEHOLDER_WORD.fullmatch(token):
            continue
        if kind == "bearer" and not (re.search(r"[0-9]", token) and re.search(r"[A-Za-z]", token)):
            continue  # prose such as "Bearer authentication-is-required-here"
        if kind == "github" and not token.startswith("ghp_"):
            return "a GitHub OAuth or app token"
        return _KINDS[kind]
    return None


def _is_secret_header(tokens: tuple) -> bool:
    return (
        len(tokens) == 5
        and tokens[0] == "actions"
        and tokens[2:4] == ("schema", "headers")
        and str(tokens[4]).lower() in _SECRET_HEADERS
    )


def _has_literal_credential(value: str) -> bool:
    """True when ``value`` holds a literal of 6+ characters besides templates, the auth scheme and placeholders."""
    rest = _PLACEHOLDER_TEXT.sub(" ", _TEMPLATE.sub(" ", value))
    rest = _AUTH_SCHEME.sub(" ", rest, count=1) if _AUTH_SCHEME.match(rest) else rest
    words = re.findall(r"[A-Za-z0-9+/=_.~-]{6,}", rest)
    return any(not _PLACEHOLDER_WORD.fullmatch(word) for word in words)


def _field(data: dict, tokens: tuple) -> str:
    """``Field 'schema.headers.Authorization' of block 'call-api'`` for messages."""
    owner, rest = "", tokens
    if len(tokens) > 2 and tokens[0] in ("actions", "variables") and isinstance(tokens[1], int):
        item = data[tokens[0]][tokens[1]]
        slug = item.get("slug") if isinstance(item, dict) else None
        kind = "block" if tokens[0] == "actions" else "variable"
        owner = f" of {kind} '{slug}'" if isinstance(slug, str) else f" of {tokens[0]}[{tokens[1]}]"
        rest = tokens[2:]
    path = ""
    for token in rest:
        path += f"[{token}]" if isinstance(token, int) else (f".{token}" if path else str(token))
    return f"Field '{path}'{owner}"
