"""Exactly one block must be the root.

## What it does
Checks that exactly one block has `isRootAction: true` whenever `actions`
is not empty.  With no root it reports the `actions` key; with several it
reports each root after the first, at its `isRootAction` value, and names
the other roots (three of them, then how many more).

## Why is this bad?
The root is the block a run starts with, and Cortex allows "only one root
action per workflow".  With none, or with two, Cortex cannot tell where the
workflow begins.

## Example
```yaml
actions:
- slug: fetch
  isRootAction: true
  outgoingActions: [notify]
- slug: notify
  isRootAction: true
  outgoingActions: []
```

## Use instead
```yaml
actions:
- slug: fetch
  isRootAction: true
  outgoingActions: [notify]
- slug: notify
  isRootAction: false
  outgoingActions: []
```
"""

from collections.abc import Iterable

from ..document import Document, pointer_of
from ..model import Finding, Related, Severity
from . import Rule
from .common import LISTED, at_start, listing


class RootAction(Rule):
    id = "root-action"
    title = "Exactly one block must be the root"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        if not wf.actions:
            return
        if not wf.roots:
            starts = [i for i, _ in wf.actions if not wf.predecessors(i)]
            hint = f"; {wf.label(starts[0])} is the only block nothing leads to" if len(starts) == 1 else ""
            yield Finding(
                f"No block has 'isRootAction: true'; exactly one block must be the root, "
                f"the block a run starts with{hint}",
                pointer_of("actions"),
                part="key",
            )
            return
        first = wf.roots[0]
        for extra in wf.roots[1:]:
            others = [wf.block_name(i) for i in wf.roots[: LISTED + 1] if i != extra][:LISTED]
            listed = listing(others, len(wf.roots) - 1)
            verb = "does" if len(wf.roots) == 2 else "do"
            yield Finding(
                f"{at_start(wf.block_name(extra))} has 'isRootAction: true', but so {verb} {listed}; "
                "a workflow has exactly one root block",
                wf.pointer(extra, "isRootAction"),
                related=(Related(wf.pointer(first, "isRootAction"), f"{wf.block_name(first)} is the first root"),),
            )
