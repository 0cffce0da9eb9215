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


class UnknownOutgoingAction(Rule):
    id = "unknown-outgoing-action"
    title = "Outgoing actions must name existing blocks"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        for index, action in wf.actions:
            outgoing = action.get("outgoingActions")
            if not isinstance(outgoing, list):
                continue
            for position, target in enumerate(outgoing):
                if isinstance(target, str) and target not in wf.by_slug:
                    yield Finding(
                        f"Action {wf.label(index)} lists outgoing action '{target}', which is not defined."
                        + did_you_mean(target, wf.by_slug),
                        wf.pointer(index, "outgoingActions", position),
                    )
