"""Input keys must be unique within a block.

## What it does
Reports every field of a USER_INPUT block whose `key` was already used by an
earlier field of the same block, at the repeated key, and names the line of
the first.

## Why is this bad?
Each answer is written to `actions.<slug>.outputs.<key>`, and
`inputOverrides` name fields by key, so two fields with one key overwrite
each other's answer: the form asks twice and the workflow sees one value.

## Example
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - {type: INPUT_FIELD, name: Region, key: region, required: true}
    - {type: INPUT_FIELD, name: Backup region, key: region, required: false}
```

## Use instead
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - {type: INPUT_FIELD, name: Region, key: region, required: true}
    - {type: INPUT_FIELD, name: Backup region, key: backup-region, required: false}
```
"""

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, Related, Severity
from . import Rule
from .common import repeats


class DuplicateInputKey(Rule):
    id = "duplicate-input-key"
    title = "Input keys must be unique within a block"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterator[Finding]:
        keyed = [(field.block, field.data.get("key"), field) for field in doc.analysis.input_fields]
        entries = (((block, key), field) for block, key, field in keyed if isinstance(key, str))
        for (_, key), first, field in repeats(entries):
            first_pointer = first.pointer("key")
            line = doc.locate(first_pointer).start_line
            yield Finding(
                f"Input key '{key}' is already used by the input on line {line} of "
                f"{field.block_label}; input keys must be unique within a block",
                field.pointer("key"),
                related=(Related(first_pointer, f"first input with key '{key}'"),),
            )
