"""HTTP block URLs must have a literal host.

## What it does
Reads the `url` of an `HTTP_REQUEST` or `HTTP_REQUEST_ASYNC` block as
RFC 3986 does (scheme, then `//` and the authority: user-info, host, port)
and reports, at the host itself, a host that holds a Mustache tag:

* `https://{{variables.host}}/api`, `https://api.{{variables.domain}}`;
* a network-path reference without a scheme: `//{{variables.artifact-host}}/releases`;
* a relative URL in a block without an integration (`integration` or
  `integrationAlias`) that starts with a tag, such as
  `{{variables.jenkins-url}}/job/x`: with no integration to supply the host,
  Cortex reads the start of the URL as the host.

Not reported: a template in the path, query or fragment; a template in the
user-info (`https://{{variables.user}}@example.com`) or the port
(`https://example.com:{{variables.port}}`), for which there is no evidence that
Cortex rejects them (pass credentials in a header from a Cortex secret rather
than in the URL); a relative URL (`/repos/...`, or one that starts with a tag)
in a block that names an integration, which supplies the host; and a relative
URL with a literal start and no integration, whose host is not a template
(Cortex has no host to call there, but that is not this rule's finding).

## Why is this bad?
Cortex validates workflow URLs when the workflow is saved and rejects a
template as the URL host, so the workflow cannot be imported.

## Example
```yaml
actions:
- slug: trigger-build
  isRootAction: true
  outgoingActions: []
  schema:
    type: HTTP_REQUEST
    httpMethod: POST
    url: "{{variables.jenkins-url}}/job/deploy/build"
    headers: {}
```

## Use instead
```yaml
actions:
- slug: trigger-build
  isRootAction: true
  outgoingActions: []
  schema:
    type: HTTP_REQUEST
    httpMethod: POST
    url: "https://jenkins.example.com/job/{{variables.jenkins-job}}/build"
    headers: {}
```
"""

import re
from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from ..templates import MUSTACHE, Field, describe, shorten
from . import Rule

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def host_range(url: str, integration: bool) -> tuple[int, int] | None:
    """Where the host of ``url`` lies (start, end), or None when it has none.

    With a scheme, or ``//`` first, the host is in the authority.  A relative
    URL has none when ``integration`` supplies it; otherwise Cortex reads the
    start of the URL, up to the first ``/``, ``?`` or ``#``, as the host.
    Mustache tags are read as a whole: a ``/``, ``@`` or ``:`` inside one
    separates nothing.
    """
    start = len(url) - len(url.lstrip())
    scheme = _SCHEME.match(url, start)
    if scheme is not None:
        return _host(url, scheme.end() + 2) if url.startswith("//", scheme.end()) else None
    if url.startswith("//", start):
        return _host(url, start + 2)
    if integration:
        return None
    return start, _separators(url, start, "/?#")[1]


def _host(url: str, start: int) -> tuple[int, int]:
    """The host in the authority that starts at ``start``: after the last ``@``, before the port's ``:``."""
    found, end = _separators(url, start, "/?#")
    at = [i for i, char in found if char == "@"]
    host = at[-1] + 1 if at else start
    if url.startswith("[", host):  # an IP literal: [::1]
        close = url.find("]", host, end)
        return host, end if close < 0 else close + 1
    colons = [i for i, char in found if char == ":" and i > host]
    return host, colons[-1] if colons else end


def _separators(url: str, start: int, stops: str) -> tuple[list[tuple[int, str]], int]:
    """The ``@`` and ``:`` outside tags from ``start`` up to the first of ``stops`` outside a tag, and where that is."""
    found: list[tuple[int, str]] = []
    i, close = start, -1
    while i < len(url):
        if url.startswith("{{", i):
            if close < i + 2:
                close = url.find("}}", i + 2)  # reused while ahead: linear even for '{{{{{{...'
            if close < 0:
                return found, len(url)  # an unclosed tag runs to the end
            i = close + (3 if url.startswith("}}}", close) else 2)
            continue
        char = url[i]
        if char in stops:
            return found, i
        if char in "@:":
            found.append((i, char))
        i += 1
    return found, len(url)


class TemplatedUrlHost(Rule):
    id = "templated-url-host"
    title = "HTTP block URLs must have a literal host"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        workflow = doc.analysis.workflow
        for index, action in workflow.actions:
            kind = workflow.block_type(index)
            schema = action.get("schema")
            if kind not in ("HTTP_REQUEST", "HTTP_REQUEST_ASYNC") or not isinstance(schema, dict):
                continue
            url = schema.get("url")
            if not isinstance(url, str):
                continue
            integration = schema.get("integration") is not None or schema.get("integrationAlias") is not None
            found = host_range(url, integration)
            if found is None or "{{" not in url[found[0] : found[1]]:
                continue
            host = url[found[0] : found[1]]
            pointer = workflow.pointer(index, "schema", "url")
            where = describe(Field(pointer, url, MUSTACHE, index, "url"), doc.data)
            yield Finding(
                f"The host in {where} is a template ('{shorten(host)}'); Cortex rejects a templated "
                "URL host when the workflow is saved. Write the host literally, or name an integration "
                "and use a relative path",
                pointer,
                text_range=found,
            )
