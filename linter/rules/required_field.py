"""Required fields must be present.

## What it does
Checks the descriptor against `schemas/workflow.schema.json` and reports each
missing required field, at the key of the object that lacks it.  Fields that
Cortex fills in when they are absent (`variables`,
`restrictActionCompletionToRunnerUser`, `filter.ownershipScope`, ...) are not
required.

## Why is this bad?
Cortex rejects the descriptor, for example with
`missing required field(s): filter`.

## Example
```yaml
tag: deploy
name: Deploy
isDraft: false
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


class RequiredField(Rule):
    id = "required-field"
    title = "Required fields must be present"
    severity = Severity.MUST
    needs = "data"

    def check(self, doc: Document) -> Iterable[Finding]:
        return doc.analysis.schema_findings("required")
