"""outgoingActions should not name a block twice.

## What it does
Reports each `outgoingActions` item that repeats an earlier item of the same
list, at the repeated item.

## Why is this bad?
A block runs once however often it is listed; the repetition is usually a
copy-and-paste slip where another slug was meant.

## Example
```yaml
actions:
- slug: fetch
  isRootAction: true
  outgoingActions: [notify, notify]
- slug: notify
  isRootAction: false
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

## Fix
Removes the repeated item (safe).
"""

from collections.abc import Iterable

from ..document import Document
from ..edits import remove
from ..model import Finding, Fix, Related, Severity
from . import Rule
from .common import at_start, outgoing_actions, repeats


class DuplicateOutgoingAction(Rule):
    id = "duplicate-outgoing-action"
    title = "outgoingActions should not name a block twice"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        for index, entries in outgoing_actions(wf):
            for target, first, position in repeats((target, position) for position, target in entries):
                pointer = wf.pointer(index, "outgoingActions", position)
                edit = remove(doc, pointer)
                yield Finding(
                    f"{at_start(wf.block_name(index))} lists '{target}' in outgoingActions more than once; "
                    "list each next block once",
                    pointer,
                    related=(Related(wf.pointer(index, "outgoingActions", first), f"first '{target}'"),),
                    fix=Fix(f"Remove the repeated '{target}'", (edit,)) if edit else None,
                )
