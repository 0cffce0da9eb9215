"""A block should override each input once.

## What it does
Reports every entry of a USER_INPUT or SCAFFOLDER block's `inputOverrides`
whose `inputKey` an earlier override of the same block already names, at
the repeated key, with a note at the first.

## Why is this bad?
An input shows one value.  Cortex keys overrides by input key, so of two
overrides of one input only one takes effect, and which one is not
something to leave to chance (our reading, INFERRED: the OpenAPI describes
the list, not what Cortex does with a repeated key).

## Example
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - {type: INPUT_FIELD, name: Owner, key: owner, required: true}
    inputOverrides:
    - {type: VALUE, inputKey: owner, outputVariable: variables.owner, editable: true}
    - {type: VALUE, inputKey: owner, outputVariable: variables.team, editable: true}
```

## Use instead
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - {type: INPUT_FIELD, name: Owner, key: owner, required: true}
    inputOverrides:
    - {type: VALUE, inputKey: owner, outputVariable: variables.owner, editable: true}
```
"""

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, Related, Severity
from . import Rule
from .common import at_start, repeats


class DuplicateInputOverride(Rule):
    id = "duplicate-input-override"
    title = "A block should override each input once"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterator[Finding]:
        workflow = doc.analysis.workflow
        for index, action in workflow.actions:
            schema = action.get("schema")
            overrides = schema.get("inputOverrides") if isinstance(schema, dict) else None
            if not isinstance(overrides, list):
                continue
            keys = (
                (entry.get("inputKey"), workflow.pointer(index, "schema", "inputOverrides", position, "inputKey"))
                for position, entry in enumerate(overrides)
                if isinstance(entry, dict) and isinstance(entry.get("inputKey"), str)
            )
            for key, first, pointer in repeats(keys):
                yield Finding(
                    f"{at_start(workflow.block_name(index))} overrides input '{key}' again (first on line "
                    f"{doc.locate(first).start_line}); only one override takes effect",
                    pointer,
                    related=(Related(first, f"first override of '{key}'"),),
                )
