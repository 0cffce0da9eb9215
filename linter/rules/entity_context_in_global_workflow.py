"""Only entity workflows should read context.entity.

## What it does
Reports each reference to `context.entity` (in a template or an
expression) in a workflow whose `filter.type` is `GLOBAL`.

## Why is this bad?
Cortex sets `context.entity` only when a workflow runs on an entity
(`filter.type: ENTITY`).  In a global workflow the value is empty, so the
URL, message or condition that uses it is wrong on every run.

## Example
```yaml
filter:
  type: GLOBAL
actions:
- slug: get-entity
  isRootAction: true
  outgoingActions: []
  schema:
    type: HTTP_REQUEST
    httpMethod: GET
    url: "https://api.getcortexapp.com/api/v1/catalog/{{context.entity.tag}}"
    headers: {}
```

## Use instead
```yaml
filter:
  type: ENTITY
actions:
- slug: get-entity
  isRootAction: true
  outgoingActions: []
  schema:
    type: HTTP_REQUEST
    httpMethod: GET
    url: "https://api.getcortexapp.com/api/v1/catalog/{{context.entity.tag}}"
    headers: {}
```
"""

from collections.abc import Iterable

from ..document import Document, pointer_of
from ..model import Finding, Related, Severity
from ..templates import describe, shorten
from . import Rule


class EntityContextInGlobalWorkflow(Rule):
    id = "entity-context-in-global-workflow"
    title = "Only entity workflows should read context.entity"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterable[Finding]:
        if doc.analysis.workflow.filter_type != "GLOBAL":
            return
        related = (Related(pointer_of("filter", "type"), "the workflow is GLOBAL here"),)
        for ref in doc.analysis.templates.references:
            if ref.kind == "context" and ref.name == "entity":
                yield Finding(
                    f"{describe(ref.field, doc.data)} reads 'context.entity' in '{shorten(ref.written)}', "
                    "but this workflow's filter.type is GLOBAL, so it runs without an entity and the value "
                    "is empty; set filter.type to ENTITY or remove the reference",
                    ref.pointer,
                    text_range=ref.text_range,
                    related=related,
                )
