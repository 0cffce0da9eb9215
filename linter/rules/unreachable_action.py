"""Every block should be reachable from the root.

## What it does
Follows `outgoingActions` from the root action and reports each block that
no path reaches, at its `slug`.  It says nothing when there is not exactly
one root (`root-action` reports that), and leaves a block with a repeated
slug to `duplicate-action-slug`.

## Why is this bad?
A run starts at the root and only ever runs blocks that some
`outgoingActions` leads to: an unreachable block is dead code, usually the
sign of a misspelled or forgotten `outgoingActions` entry.

## Example
```yaml
actions:
- slug: fetch
  isRootAction: true
  outgoingActions: []
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
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from . import Rule
from .common import at_start


class UnreachableAction(Rule):
    id = "unreachable-action"
    title = "Every block should be reachable from the root"
    severity = Severity.SHOULD
    consequence_of = {"unknown-outgoing-action": "file", "root-action": "file"}

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        if wf.root is None:
            return
        reached = wf.reachable(wf.root)
        root = wf.label(wf.root)
        for index, _ in wf.actions:
            slug = wf.slug_of(index)
            if index in reached or (slug is not None and wf.by_slug[slug] != index):
                continue
            yield Finding(
                f"{at_start(wf.block_name(index))} is not reachable from the root block {root}: "
                "no outgoingActions path leads to it, so it never runs",
                wf.pointer(index, "slug"),
            )
