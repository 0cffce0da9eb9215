"""Every `outgoingActions` entry must name an existing block.

## What it does
Reports each `outgoingActions` item that is not the slug of any action in
the workflow, and suggests the closest existing slug.

## Why is this bad?
`outgoingActions` says which blocks run next.  A slug that names no block is
a typo or a leftover: the intended next block never runs.

## Example
```yaml
actions:
- slug: collect-inputs
  isRootAction: true
  outgoingActions: [build-destinatons]
- slug: build-destinations
  isRootAction: false
  outgoingActions: []
```

## Use instead
```yaml
actions:
- slug: collect-inputs
  isRootAction: true
  outgoingActions: [build-destinations]
- slug: build-destinations
  isRootAction: false
  outgoingActions: []
```
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from ..suggest import did_you_mean
from . import Rule
from .common import outgoing_actions


class UnknownOutgoingAction(Rule):
    id = "unknown-outgoing-action"
    title = "Outgoing actions must name existing blocks"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        for index, entries in outgoing_actions(wf):
            for position, target in entries:
                if target not in wf.by_slug:
                    yield Finding(
                        f"Action {wf.label(index)} lists outgoing action '{target}', which is not defined."
                        + did_you_mean(target, wf.by_slug),
                        wf.pointer(index, "outgoingActions", position),
                    )
