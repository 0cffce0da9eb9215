"""outgoingActions must name existing blocks.

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

## Fix
Replaces the slug with the closest existing one, unless the list already has it (unsafe: a guess).
"""

from collections.abc import Iterable

from ..document import Document
from ..edits import replace_value
from ..model import UNSAFE, Finding, Fix, Severity
from ..suggest import Suggester
from . import Rule
from .common import at_start, outgoing_actions


class UnknownOutgoingAction(Rule):
    id = "unknown-outgoing-action"
    title = "outgoingActions must name existing blocks"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        closest = Suggester(wf.by_slug)
        for index, entries in outgoing_actions(wf):
            listed = {target for _, target in entries}
            for position, target in entries:
                if target not in wf.by_slug:
                    guess = closest(target)
                    pointer = wf.pointer(index, "outgoingActions", position)
                    edit = replace_value(doc, pointer, guess) if guess and guess not in listed else None
                    yield Finding(
                        f"{at_start(wf.block_name(index))} lists '{target}' in outgoingActions, but no block has that slug."
                        + (f" Did you mean '{guess}'?" if guess else ""),
                        pointer,
                        fix=Fix(f"Replace with '{guess}'", (edit,), UNSAFE) if edit else None,
                    )
