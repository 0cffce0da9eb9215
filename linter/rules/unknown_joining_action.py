"""A `joiningAction` must name an existing block.

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
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from ..suggest import did_you_mean
from . import Rule


class UnknownJoiningAction(Rule):
    id = "unknown-joining-action"
    title = "The joining action must name an existing block"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        for index, action in wf.actions:
            if wf.block_type(index) != "CONDITIONAL_BRANCH":
                continue
            joining = action["schema"].get("joiningAction")
            if isinstance(joining, str) and joining not in wf.by_slug:
                yield Finding(
                    f"Action {wf.label(index)} has joiningAction '{joining}', which is not defined."
                    + did_you_mean(joining, wf.by_slug),
                    wf.pointer(index, "schema", "joiningAction"),
                )
