"""Secrets should come from Cortex secrets, not plain text.

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

from collections.abc import Iterator

from ..document import Document, label_of, pointer_of
from ..model import Finding, Severity
from ..secrets import has_literal_credential, header_values, is_secret_header, may_hold_token, strings, token_kind
from . import Rule


class PlaintextSecret(Rule):
    id = "plaintext-secret"
    title = "Secrets should come from Cortex secrets, not plain text"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterator[Finding]:
        any_token = may_hold_token(doc.data)
        for container, key, text in strings(doc.data) if any_token else header_values(doc.data):
            found = token_kind(text) if any_token else None
            if found is None and is_secret_header(container, key) and has_literal_credential(text):
                found = ("a credential", 0, len(text))
            if found is not None:
                kind, start, end = found
                tokens = (*container, key)
                yield Finding(
                    f"{_field(doc.data, tokens)} holds {kind} in plain text; store it as a Cortex secret "
                    "and reference it as '{{&context.secrets.<secret-tag>}}'",
                    pointer_of(*tokens),
                    text_range=(start, end),
                )


def _field(data: dict, tokens: tuple) -> str:
    """``Field 'schema.headers.Authorization' of block 'call-api'`` for messages."""
    owner, rest = "", tokens
    if len(tokens) > 2 and tokens[0] in ("actions", "variables") and isinstance(tokens[1], int):
        item = data[tokens[0]][tokens[1]]
        slug = item.get("slug") if isinstance(item, dict) else None
        kind = "block" if tokens[0] == "actions" else "variable"
        owner = f" of {kind} '{slug}'" if isinstance(slug, str) else f" of {tokens[0]}[{tokens[1]}]"
        rest = tokens[2:]
    return f"Field '{label_of(rest)}'{owner}"
