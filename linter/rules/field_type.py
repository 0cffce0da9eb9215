"""A field holds a value of the wrong JSON type.

## What it does
Reports a value whose type differs from the schema's: a string where a
boolean is expected, a mapping where a list is expected, and so on.  The
message names the field, the block and the expected type.

## Why is this bad?
Cortex rejects the descriptor.  YAML makes this easy to get wrong: `"false"`
is a string, and `isDraft: no` is the string `no` in YAML 1.2.

## Example
```yaml
tag: deploy
name: Deploy
isDraft: "no"
filter:
  type: GLOBAL
actions: []
```

## Use instead
```yaml
tag: deploy
name: Deploy
isDraft: false
filter:
  type: GLOBAL
actions: []
```
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from . import Rule


class FieldType(Rule):
    id = "field-type"
    title = "Fields must have the right type"
    severity = Severity.MUST
    needs = "data"

    def check(self, doc: Document) -> Iterable[Finding]:
        return doc.analysis.schema_findings("type")
