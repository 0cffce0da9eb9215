"""The root block should have no incoming edge.

## What it does
Reports every `outgoingActions` entry that names a root action
(`isRootAction: true`).

## Why is this bad?
The root is the block a run starts with.  An edge into it either loops the
workflow back to its start or means the wrong block is marked as the root.

## Example
```yaml
actions:
- slug: notify
  isRootAction: true
  outgoingActions: []
- slug: fetch
  isRootAction: false
  outgoingActions: [notify]
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

from ..document import Document
from ..model import Finding, Related, Severity
from . import Rule
from .common import at_start


class RootHasIncomingEdge(Rule):
    id = "root-has-incoming-edge"
    title = "The root block should have no incoming edge"
    severity = Severity.SHOULD
    consequence_of = {"root-action": "node"}

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        for root in wf.roots:
            for source in wf.predecessors(root):
                yield Finding(
                    f"{at_start(wf.block_name(source))} lists the root block {wf.label(root)} in outgoingActions; "
                    "the root runs first, so no block should lead to it",
                    wf.edge_pointer(source, root),
                    related=(Related(wf.pointer(root, "isRootAction"), f"{wf.block_name(root)} is the root"),),
                )
