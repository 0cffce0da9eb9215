"""References must name an existing block.

## What it does
Reports each reference to `actions.<slug>` (in Mustache, jq, CEL,
JavaScript or a bare path) whose slug names no block of the workflow, at the
field that holds it, and suggests the closest slug.

## Why is this bad?
The reference resolves to nothing: the URL, payload or message gets an
empty value, or the expression fails at run time.  It is nearly always a
misspelled or renamed slug.

## Example
```yaml
actions:
- slug: get-user
  isRootAction: true
  outgoingActions: [notify]
  schema: {type: HTTP_REQUEST, httpMethod: GET, url: "https://example.com/user", headers: {}}
- slug: notify
  isRootAction: false
  outgoingActions: []
  schema:
    type: SLACK
    channel: deploys
    message: "User: {{actions.get-usr.outputs.body.name}}"
```

## Use instead
```yaml
actions:
- slug: get-user
  isRootAction: true
  outgoingActions: [notify]
  schema: {type: HTTP_REQUEST, httpMethod: GET, url: "https://example.com/user", headers: {}}
- slug: notify
  isRootAction: false
  outgoingActions: []
  schema:
    type: SLACK
    channel: deploys
    message: "User: {{actions.get-user.outputs.body.name}}"
```

## Fix
Refers to the closest existing slug instead, where the reference is written literally in the field (unsafe: a guess).
"""

from collections.abc import Iterable

from ..document import Document
from ..edits import rename_references
from ..model import UNSAFE, Finding, Fix, Severity
from ..suggest import Suggester
from ..templates import describe, shorten
from . import Rule


class UnknownActionReference(Rule):
    id = "unknown-action-reference"
    title = "References must name an existing block"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        slugs = doc.analysis.workflow.by_slug
        closest = Suggester(slugs)
        for ref in doc.analysis.templates.references:
            if ref.kind == "action" and ref.name not in slugs:
                guess = closest(ref.name)
                edits = rename_references(doc, [ref], guess) if guess else None
                yield Finding(
                    f"{describe(ref.field, doc.data)} refers to block '{ref.name}' in '{shorten(ref.written)}', "
                    f"but no block has that slug." + (f" Did you mean '{guess}'?" if guess else ""),
                    ref.pointer,
                    fix=Fix(f"Refer to '{guess}'", tuple(edits), UNSAFE) if edits else None,
                    text_range=ref.text_range,
                )
