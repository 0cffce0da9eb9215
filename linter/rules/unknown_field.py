"""Fields should be known to Cortex.

## What it does
Reports each key that the schema does not know, at the key, with the
closest known field as a suggestion.  Fields seen in definitions Cortex
accepted (such as `integration` and `integrationAlias` on HTTP blocks) are
known.  A merge key (`<<`) is left to `yaml-alias`, which says why Cortex
sees it as a field.

## Why is this bad?
An unknown key is nearly always a misspelling, and a misspelled optional
field is silently ignored: `runResponseTemplat` means your users never see
the response you wrote.

## Example
```yaml
tag: deploy
name: Deploy
isDraft: false
filter:
  type: GLOBAL
actions: []
runResponseTemplat: Done!
```

## Use instead
```yaml
tag: deploy
name: Deploy
isDraft: false
filter:
  type: GLOBAL
actions: []
runResponseTemplate: Done!
```

## Fix
Renames the key to the closest known field, when one is close and not already present (unsafe: a guess).
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from . import Rule


class UnknownField(Rule):
    id = "unknown-field"
    title = "Fields should be known to Cortex"
    severity = Severity.SHOULD
    needs = "data"
    consequence_of = {"yaml-alias": "node"}  # '<<' is an unknown key only because Cortex does not merge

    def check(self, doc: Document) -> Iterable[Finding]:
        return doc.analysis.schema_findings("unknown")
