"""callbackUrl should only be used in HTTP_REQUEST_ASYNC blocks.

## What it does
Reports each Mustache `callbackUrl` tag (`{{callbackUrl}}`,
`{{{callbackUrl}}}`) in a field that is not part of an
`HTTP_REQUEST_ASYNC` block, including the run response templates.

## Why is this bad?
Cortex creates the one-time callback URL only for an asynchronous HTTP
request, which then waits for the call back.  Anywhere else the tag
renders empty, and the external system has no way to report back.

## Example
```yaml
actions:
- slug: trigger-deploy
  isRootAction: true
  outgoingActions: []
  schema:
    type: HTTP_REQUEST
    httpMethod: POST
    url: "https://ci.example.com/build?callback={{{callbackUrl}}}"
    headers: {}
```

## Use instead
```yaml
actions:
- slug: trigger-deploy
  isRootAction: true
  outgoingActions: []
  schema:
    type: HTTP_REQUEST_ASYNC
    httpMethod: POST
    url: "https://ci.example.com/build?callback={{{callbackUrl}}}"
    headers: {}
```
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from ..templates import describe, shorten
from . import Rule


class CallbackUrlOutsideAsync(Rule):
    id = "callback-url-outside-async"
    title = "callbackUrl should only be used in HTTP_REQUEST_ASYNC blocks"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterable[Finding]:
        workflow = doc.analysis.workflow
        for ref in doc.analysis.templates.references:
            block = ref.field.block
            if ref.kind != "callback" or (block is not None and workflow.block_type(block) == "HTTP_REQUEST_ASYNC"):
                continue
            yield Finding(
                f"{describe(ref.field, doc.data)} uses '{shorten(ref.written)}', but Cortex provides a "
                "callback URL only to HTTP_REQUEST_ASYNC blocks; here it renders empty",
                ref.pointer,
                text_range=ref.text_range,
            )
