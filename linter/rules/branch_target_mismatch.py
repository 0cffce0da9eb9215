"""Branch targets and outgoingActions must match.

## What it does
For every `CONDITIONAL_BRANCH` block, reports each branch `outgoingAction`
(the fallback's included) that the block's `outgoingActions` does not list,
and each `outgoingActions` entry that no branch goes to.

## Why is this bad?
A branch block runs exactly one branch, and its `outgoingActions` lists all
of the branches' first blocks; in every accepted workflow the two sets are
equal.  A target missing from `outgoingActions`, or an entry no branch
takes, means the graph Cortex sees is not the one the branches describe.

## Example
```yaml
actions:
- slug: route
  isRootAction: true
  schema:
    type: CONDITIONAL_BRANCH
    branches:
    - {name: Small, slug: small, type: CONDITIONAL, expression: 'true', outgoingAction: quick}
    fallbackBranch: {name: Other, slug: other, type: FALLBACK, outgoingAction: slow}
  outgoingActions: [quick]
- {slug: quick, isRootAction: false, outgoingActions: []}
- {slug: slow, isRootAction: false, outgoingActions: []}
```

## Use instead
```yaml
actions:
- slug: route
  isRootAction: true
  schema:
    type: CONDITIONAL_BRANCH
    branches:
    - {name: Small, slug: small, type: CONDITIONAL, expression: 'true', outgoingAction: quick}
    fallbackBranch: {name: Other, slug: other, type: FALLBACK, outgoingAction: slow}
  outgoingActions: [quick, slow]
- {slug: quick, isRootAction: false, outgoingActions: []}
- {slug: slow, isRootAction: false, outgoingActions: []}
```

## Fix
Adds each missing branch target to `outgoingActions` (safe).
"""

from collections.abc import Iterable

from ..document import Document
from ..edits import append
from ..model import Finding, Fix, Severity
from . import Rule
from .common import at_start, outgoing_actions


class BranchTargetMismatch(Rule):
    id = "branch-target-mismatch"
    title = "Branch targets and outgoingActions must match"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        for index, entries in outgoing_actions(wf):
            branches = wf.branches(index)
            if not branches:
                continue
            name = wf.block_name(index)
            listed = {target for _, target in entries}
            targets = set()
            for tokens, branch in branches:
                target = branch.get("outgoingAction")
                if not isinstance(target, str):
                    continue
                targets.add(target)
                if target not in listed:
                    edit = append(doc, wf.pointer(index, "outgoingActions"), target)
                    yield Finding(
                        f"Branch {_name(branch)} of {name} goes to '{target}', "
                        f"which the block's outgoingActions does not list; add '{target}' to it",
                        wf.pointer(index, *tokens, "outgoingAction"),
                        fix=Fix(f"Add '{target}' to outgoingActions", (edit,)) if edit else None,
                    )
            for position, target in entries:
                if target not in targets:
                    yield Finding(
                        f"{at_start(name)} lists '{target}' in outgoingActions, but none of its branches "
                        "goes to it; a branch block's outgoingActions are exactly its branches' outgoingAction",
                        wf.pointer(index, "outgoingActions", position),
                    )


def _name(branch: dict) -> str:
    slug = branch.get("slug")
    return f"'{slug}'" if isinstance(slug, str) else "(no slug)"
