"""The host of an HTTP block's URL is a template; Cortex needs a literal host.

## What it does
Reports the `url` of an `HTTP_REQUEST` or `HTTP_REQUEST_ASYNC` block when
its host (the part before the first `/`, `?` or `#`) holds a Mustache tag,
such as `{{variables.jenkins-url}}/job/x` or `https://{{variables.host}}/x`.
A templated path or query after a literal host is fine, and so is a
relative URL (`/repos/...`, or one that starts with a tag) in a block that
names an integration (`integration` or `integrationAlias`), which supplies
the host.

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

_SCHEME = re.compile(r"\s*[A-Za-z][A-Za-z0-9+.-]*://")


def host_of(url: str) -> str:
    """The text before the first '/', '?' or '#' that is not inside a '{{ }}' tag."""
    i = 0
    while i < len(url):
        if url.startswith("{{", i):
            close = url.find("}}", i + 2)
            i = len(url) if close < 0 else close + 2
        elif url[i] in "/?#":
            break
        else:
            i += 1
    return url[:i]


class TemplatedUrlHost(Rule):
    id = "templated-url-host"
    title = "HTTP block URLs must have a literal host"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        workflow = doc.analysis.workflow
        for index, action in workflow.actions:
            kind = workflow.block_type(index)
            schema = action.get("schema")
            url = schema.get("url") if isinstance(schema, dict) else None
            if kind not in ("HTTP_REQUEST", "HTTP_REQUEST_ASYNC") or not isinstance(url, str):
                continue
            scheme = _SCHEME.match(url)
            named = schema.get("integration") is not None or schema.get("integrationAlias") is not None
            if scheme is None and named:
                continue  # a relative URL: the integration supplies the host
            host = host_of(url[scheme.end() :] if scheme else url.lstrip())
            if "{{" in host:
                pointer = workflow.pointer(index, "schema", "url")
                where = describe(Field(pointer, url, MUSTACHE, index, "url"), doc.data)
                yield Finding(
                    f"The host in {where} is a template ('{shorten(host)}'); Cortex rejects a templated "
                    "URL host when the workflow is saved. Write the host literally, or name an integration "
                    "and use a relative path",
                    pointer,
                )
