"""Keys must be unique.

## What it does
Reports every repeated key, at its last occurrence, naming the line of the
first.  The last value is the one the other rules check.

## Why is this bad?
Cortex rejects the descriptor with `Duplicate field '<key>'`.  Other tools
silently keep one of the values, so what you review is not what runs.

## Example
```yaml
tag: deploy
name: Deploy
filter:
  type: GLOBAL
filter:
  type: ENTITY
```

## Use instead
```yaml
tag: deploy
name: Deploy
filter:
  type: ENTITY
```
"""

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, Severity
from . import Rule


class YamlDuplicateKey(Rule):
    id = "yaml-duplicate-key"
    title = "Keys must be unique"
    severity = Severity.MUST
    needs = "data"

    def check(self, doc: Document) -> Iterator[Finding]:
        for dup in doc.duplicates:
            times = "twice" if dup.times == 2 else f"{dup.times} times"
            yield Finding(
                f"Key '{dup.key}' appears {times} in this mapping (first at line {dup.first_line}); "
                f"Cortex rejects duplicate fields",
                dup.pointer,
                part="key",
            )
