"""Paths should merge only at a joining action.

## What it does
Reports a block that two or more blocks lead to (it appears in several
`outgoingActions` lists) but that is not the `joiningAction` of any
`CONDITIONAL_BRANCH` block, at its `slug`; the message names the first three
blocks that lead to it and counts the rest, and the related locations are
their edges.

## Why is this bad?
Cortex documents one way for paths to meet: the branches of a branch block
meet at its `joiningAction`, "that will run after all branches".  What
Cortex does with any other block reached from several places (run it once?
once per path?) is not documented, and a workflow that relied on it
(`joiningAction: null` with both paths leading to the next block) was later
rewritten to join at a dedicated block.

## Example
```yaml
actions:
- slug: route
  isRootAction: true
  schema:
    type: CONDITIONAL_BRANCH
    branches:
    - {name: Ask, slug: ask, type: CONDITIONAL, expression: 'true', outgoingAction: inputs}
    fallbackBranch: {name: Other, slug: other, type: FALLBACK, outgoingAction: deploy}
    joiningAction: null
  outgoingActions: [inputs, deploy]
- {slug: inputs, isRootAction: false, outgoingActions: [deploy]}
- {slug: deploy, isRootAction: false, outgoingActions: []}
```

## Use instead
```yaml
actions:
- slug: route
  isRootAction: true
  schema:
    type: CONDITIONAL_BRANCH
    branches:
    - {name: Ask, slug: ask, type: CONDITIONAL, expression: 'true', outgoingAction: inputs}
    fallbackBranch: {name: Other, slug: other, type: FALLBACK, outgoingAction: deploy}
    joiningAction: deploy
  outgoingActions: [inputs, deploy]
- {slug: inputs, isRootAction: false, outgoingActions: [deploy]}
- {slug: deploy, isRootAction: false, outgoingActions: []}
```
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Related, Severity
from . import Rule
from .common import LISTED, at_start, listing


class MergeWithoutJoiningAction(Rule):
    id = "merge-without-joining-action"
    title = "Paths should merge only at a joining action"
    severity = Severity.SHOULD
    consequence_of = {"action-cycle": "node"}

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        joins = set()
        for index, action in wf.actions:
            if wf.block_type(index) == "CONDITIONAL_BRANCH":
                joining = action["schema"].get("joiningAction")
                if isinstance(joining, str) and joining in wf.by_slug:
                    joins.add(wf.by_slug[joining])
        for index, _ in wf.actions:
            sources = wf.predecessors(index)
            if len(sources) < 2 or index in joins:
                continue
            shown = sources[:LISTED]  # a block that thousands of blocks lead to gets a message of one line
            listed = listing([wf.label(source) for source in shown], len(sources))
            yield Finding(
                f"{at_start(wf.block_name(index))} is the next block of {len(sources):,} blocks ({listed}) but is not "
                "a branch block's joiningAction; Cortex documents paths meeting only at a joiningAction: "
                "make it the joining action, or give each path its own block",
                wf.pointer(index, "slug"),
                related=tuple(Related(wf.edge_pointer(source, index), f"edge from {wf.label(source)}") for source in shown),
            )

