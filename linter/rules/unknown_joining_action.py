"""The joining action must name an existing block.

## What it does
Reports a `CONDITIONAL_BRANCH` block's `joiningAction` when it is a slug
that no action has, and suggests the closest existing slug.
`joiningAction: null` (no join) is fine.

## Why is this bad?
The joining action is the block that runs after all branches.  A slug that
names no block is a typo: the branches never meet where you intended.

## Example
```yaml
actions:
- slug: route
  isRootAction: true
  schema:
    type: CONDITIONAL_BRANCH
    branches:
    - {name: Small, slug: small, type: CONDITIONAL, expression: 'true', outgoingAction: merge}
    fallbackBranch: {name: Other, slug: other, type: FALLBACK, outgoingAction: merge}
    joiningAction: mrege
  outgoingActions: [merge]
- {slug: merge, isRootAction: false, outgoingActions: []}
```

## Use instead
```yaml
actions:
- slug: route
  isRootAction: true
  schema:
    type: CONDITIONAL_BRANCH
    branches:
    - {name: Small, slug: small, type: CONDITIONAL, expression: 'true', outgoingAction: merge}
    fallbackBranch: {name: Other, slug: other, type: FALLBACK, outgoingAction: merge}
    joiningAction: merge
  outgoingActions: [merge]
- {slug: merge, isRootAction: false, outgoingActions: []}
```

## Fix
Replaces the slug with the closest existing one (unsafe: a guess).
"""

from collections.abc import Iterable

from ..document import Document
from ..edits import replace_value
from ..model import UNSAFE, Finding, Fix, Severity
from ..suggest import Suggester
from . import Rule
from .common import at_start


class UnknownJoiningAction(Rule):
    id = "unknown-joining-action"
    title = "The joining action must name an existing block"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        closest = Suggester(wf.by_slug)
        for index, action in wf.actions:
            if wf.block_type(index) != "CONDITIONAL_BRANCH":
                continue
            joining = action["schema"].get("joiningAction")
            if isinstance(joining, str) and joining not in wf.by_slug:
                guess = closest(joining)
                pointer = wf.pointer(index, "schema", "joiningAction")
                edit = replace_value(doc, pointer, guess) if guess else None
                yield Finding(
                    f"{at_start(wf.block_name(index))} has joiningAction '{joining}', which is not defined."
                    + (f" Did you mean '{guess}'?" if guess else ""),
                    pointer,
                    fix=Fix(f"Replace with '{guess}'", (edit,), UNSAFE) if edit else None,
                )
