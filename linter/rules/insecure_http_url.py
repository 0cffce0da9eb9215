"""HTTP blocks should use https://.

## What it does
Reports the `url` of an HTTP_REQUEST or HTTP_REQUEST_ASYNC block that starts
with `http://` and names a host other than the local machine.

Not reported: loopback hosts (`localhost`, `*.localhost`, `127.0.0.0/8`,
`[::1]`), whose traffic never leaves the machine; the Axon relay
(`http://<alias>@relay-proxy.cortex.io/...`), which Cortex tunnels to your
network over its own encrypted connection; and URLs whose host is a
template.  Hosts on a private network (`10.0.0.5`, `*.local`, `*.internal`)
are reported: their traffic still crosses a network.

## Why is this bad?
Plain HTTP is neither encrypted nor authenticated: anyone on the path can
read the request, its headers (often an `Authorization` token) and the
response, and change them.

## Example
```yaml
actions:
- slug: notify
  schema:
    type: HTTP_REQUEST
    httpMethod: POST
    url: http://hooks.example.com/deploy
    headers: {}
```

## Use instead
```yaml
actions:
- slug: notify
  schema:
    type: HTTP_REQUEST
    httpMethod: POST
    url: https://hooks.example.com/deploy
    headers: {}
```

## Fix
Changes `http://` to `https://` (unsafe: the server must serve HTTPS).
"""

import re
from collections.abc import Iterator

from ..document import Document
from ..edits import within_scalar
from ..hosts import is_loopback
from ..model import UNSAFE, Finding, Fix, Severity
from . import Rule

_HTTP_HOST = re.compile(r"\s*http://(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)", re.IGNORECASE)
_AXON_RELAY = "relay-proxy.cortex.io"


class InsecureHttpUrl(Rule):
    id = "insecure-http-url"
    title = "HTTP blocks should use https://"
    severity = Severity.HINT

    def check(self, doc: Document) -> Iterator[Finding]:
        workflow = doc.analysis.workflow
        for index, action in workflow.actions:
            if workflow.block_type(index) not in ("HTTP_REQUEST", "HTTP_REQUEST_ASYNC"):
                continue
            url = action["schema"].get("url")
            match = _HTTP_HOST.match(url) if isinstance(url, str) else None
            if match is None:
                continue
            host = match.group(1).strip("[]").lower()
            if not host or "{{" in host or host == _AXON_RELAY or is_loopback(host):
                continue
            pointer = workflow.pointer(index, "schema", "url")
            scheme = len(url) - len(url.lstrip())  # where 'http' starts
            edit = within_scalar(doc, pointer, scheme, scheme + len("http"), "https")
            yield Finding(
                f"The url of {workflow.block_name(index)} uses plain http:// to '{host}'; "
                "use https:// so that the request, its headers and the response are encrypted",
                pointer,
                fix=Fix("Use https://", (edit,), UNSAFE) if edit else None,
            )

