"""Input overrides must name an input of their block.

## What it does
Checks that every `inputOverrides[].inputKey` of a USER_INPUT block is the
`key` of one of the block's `inputs`, and suggests the closest key.

## Why is this bad?
An override fills a form field from the workflow context (for example
`variables.github-owner`).  When its `inputKey` matches no field, the value is
silently not filled in, and the user is asked for something the workflow
already knows.

## Example
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - {type: INPUT_FIELD, name: Owner, key: github-owner, required: true}
    inputOverrides:
    - {type: VALUE, inputKey: github-ower, outputVariable: variables.github-owner, editable: true}
```

## Use instead
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - {type: INPUT_FIELD, name: Owner, key: github-owner, required: true}
    inputOverrides:
    - {type: VALUE, inputKey: github-owner, outputVariable: variables.github-owner, editable: true}
```
"""

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, Severity
from ..suggest import Suggester, did_you_mean
from ..user_input import user_input_blocks
from . import Rule
from .common import LISTED_VALUES, listing


class UnknownOverrideInput(Rule):
    id = "unknown-override-input"
    title = "Input overrides must name an input of their block"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterator[Finding]:
        workflow = doc.analysis.workflow
        for index, schema in user_input_blocks(doc.analysis.workflow):
            inputs, overrides = schema.get("inputs"), schema.get("inputOverrides")
            if not isinstance(inputs, list) or not isinstance(overrides, list):
                continue
            written = [field.get("key") for field in inputs if isinstance(field, dict)]
            keys = list(dict.fromkeys(key for key in written if isinstance(key, str)))
            block = workflow.block_name(index)
            known = f"its inputs are: {listing(keys[:LISTED_VALUES], len(keys))}" if keys else "it has no inputs"
            present, suggest = set(keys), Suggester(keys)
            for position, override in enumerate(overrides):
                key = override.get("inputKey") if isinstance(override, dict) else None
                if not isinstance(key, str) or key in present:
                    continue
                yield Finding(
                    f"Input override names input '{key}', which {block} does not have; "
                    f"{known}.{did_you_mean(key, suggest)}",
                    workflow.pointer(index, "schema", "inputOverrides", position, "inputKey"),
                )
