"""A SET_VARIABLES block should set each variable once.

## What it does
Reports every entry of a SET_VARIABLES block's `variables` whose `slug` an
earlier entry of the same block already sets, at the repeated slug, with a
note at the first.

## Why is this bad?
A variable holds one value: of two assignments in one block, one is lost,
and which one depends on how Cortex applies the list.  Cortex keys variables
by slug, so it may also reject the block (our reading, INFERRED: the
OpenAPI describes the list, not what Cortex does with a repeated slug).

## Example
```yaml
actions:
- slug: remember
  schema:
    type: SET_VARIABLES
    variables:
    - {slug: environment, source: {type: REFERENCE, path: context.initialContext.env}}
    - {slug: environment, source: {type: REFERENCE, path: context.initialContext.region}}
```

## Use instead
```yaml
actions:
- slug: remember
  schema:
    type: SET_VARIABLES
    variables:
    - {slug: environment, source: {type: REFERENCE, path: context.initialContext.env}}
    - {slug: region, source: {type: REFERENCE, path: context.initialContext.region}}
```
"""

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, Related, Severity
from . import Rule
from .common import at_start, repeats


class DuplicateVariableAssignment(Rule):
    id = "duplicate-variable-assignment"
    title = "A SET_VARIABLES block should set each variable once"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterator[Finding]:
        workflow = doc.analysis.workflow
        for index, action in workflow.actions:
            if workflow.block_type(index) != "SET_VARIABLES":
                continue
            assignments = action["schema"].get("variables")
            slugs = (
                (entry.get("slug"), workflow.pointer(index, "schema", "variables", position, "slug"))
                for position, entry in enumerate(assignments if isinstance(assignments, list) else [])
                if isinstance(entry, dict) and isinstance(entry.get("slug"), str)
            )
            for slug, first, pointer in repeats(slugs):
                yield Finding(
                    f"{at_start(workflow.block_name(index))} sets variable '{slug}' again (first on line "
                    f"{doc.locate(first).start_line}); only one of the values is kept",
                    pointer,
                    related=(Related(first, f"first assignment of '{slug}'"),),
                )
