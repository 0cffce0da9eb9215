"""Descriptor must match the workflow schema.

## What it does
Reports schema errors that are not a missing field, a wrong type, a bad
value or an unknown field: for example a repeated entry in a list whose
items must be unique.

## Why is this bad?
Cortex rejects descriptors that do not match its schema.

## Example
```yaml
tag: deploy
name: Deploy
isDraft: false
filter:
  type: ENTITY
  entityFilter:
    typeFilter:
      types: [service, service]
actions: []
```

## Use instead
```yaml
tag: deploy
name: Deploy
isDraft: false
filter:
  type: ENTITY
  entityFilter:
    typeFilter:
      types: [service]
actions: []
```
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from . import Rule


class SchemaViolation(Rule):
    id = "schema-violation"
    title = "Descriptor must match the workflow schema"
    severity = Severity.MUST
    needs = "data"

    def check(self, doc: Document) -> Iterable[Finding]:
        return doc.analysis.schema_findings("other")
