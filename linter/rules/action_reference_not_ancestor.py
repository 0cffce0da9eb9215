"""Blocks should only read blocks that run before them.

## What it does
Reports a reference to `actions.<slug>` inside a block when the named block
is not an ancestor of it in the `outgoingActions` graph: it runs later, on
another branch, or never on the way to this block.  A block reading its
own outputs is reported too.  The run response templates
(`runResponseTemplate`, `failedRunResponseTemplate`) run after the whole
workflow and may read any block.

## Why is this bad?
A block's outputs exist only once it has finished.  When the referencing
block runs first, or on a path where the other block never ran, the value
is empty and the request, message or expression silently uses nothing.

## Example
```yaml
actions:
- slug: notify
  isRootAction: true
  outgoingActions: [get-user]
  schema:
    type: SLACK
    channel: deploys
    message: "User: {{actions.get-user.outputs.body.name}}"
- slug: get-user
  isRootAction: false
  outgoingActions: []
  schema: {type: HTTP_REQUEST, httpMethod: GET, url: "https://example.com/user", headers: {}}
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
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Related, Severity
from ..templates import describe, shorten
from . import Rule


class ActionReferenceNotAncestor(Rule):
    id = "action-reference-not-ancestor"
    title = "Blocks should only read blocks that run before them"
    severity = Severity.SHOULD
    consequence_of = {"unknown-outgoing-action": "file"}

    def check(self, doc: Document) -> Iterable[Finding]:
        workflow = doc.analysis.workflow
        for ref in doc.analysis.templates.references:
            reader = ref.field.block
            target = workflow.by_slug.get(ref.name) if ref.kind == "action" else None
            if reader is None or target is None or workflow.is_ancestor(target, reader):
                continue
            where = describe(ref.field, doc.data)
            if target == reader:
                message = (
                    f"{where} reads its own block's outputs in '{shorten(ref.written)}'; "
                    "they exist only after the block has finished"
                )
                yield Finding(message, ref.pointer, text_range=ref.text_range)
                continue
            message = (
                f"{where} reads block '{ref.name}' in '{shorten(ref.written)}', but '{ref.name}' "
                f"does not run before block '{workflow.slug_of(reader)}' (it is not an ancestor in "
                "outgoingActions), so the value is empty when this block runs"
            )
            related = Related(workflow.pointer(target, "slug"), f"block '{ref.name}' is defined here")
            yield Finding(message, ref.pointer, related=(related,), text_range=ref.text_range)
