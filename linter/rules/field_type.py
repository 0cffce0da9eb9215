"""Fields must have the right type.

## What it does
Reports a value whose type differs from the schema's and that Cortex's
reader cannot convert: a mapping or a list where a scalar is expected, a
scalar where a mapping or list is expected, a string other than `"true"` or
`"false"` (such as `"yes"`) where a boolean is expected, null where a value
is expected.  The message names the field, the block and the expected type.
Scalars that Cortex converts by itself (`"true"` for a boolean, `42` for a
string) are [`coercible-field-type`](coercible-field-type.md), a SHOULD.

## Why is this bad?
Cortex rejects the descriptor.  YAML makes this easy to get wrong: a quoted
`"no"` is a string, and only `"true"` and `"false"` convert to a boolean.

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
