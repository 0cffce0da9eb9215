"""Fields must hold an allowed value.

## What it does
Reports a value that is not one of the values Cortex accepts, such as an
unknown `schema.type`, `filter.type` or `httpMethod`, and suggests the
closest allowed value.

## Why is this bad?
Cortex rejects the descriptor, and an unknown `schema.type` hides every
other mistake in that block.

## Example
```yaml
tag: deploy
name: Deploy
isDraft: false
filter:
  type: GLOBALL
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

## Fix
Replaces the value with the closest allowed one, when one is close (unsafe: a guess).
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from . import Rule


class EnumValue(Rule):
    id = "enum-value"
    title = "Fields must hold an allowed value"
    severity = Severity.MUST
    needs = "data"

    def check(self, doc: Document) -> Iterable[Finding]:
        return doc.analysis.schema_findings("enum")
