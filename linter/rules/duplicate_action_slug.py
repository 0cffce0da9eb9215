"""Block slugs must be unique.

## What it does
Reports every action whose `slug` was already used by an earlier action, at
the repeated slug, and names the line of the first use.

## Why is this bad?
"The slug for each block must be unique across a Workflow": `outgoingActions`,
branch targets, `joiningAction` and `{{actions.<slug>...}}` references name
blocks by slug, so a repeated slug makes them ambiguous.

## Example
```yaml
actions:
- slug: notify
  isRootAction: true
  outgoingActions: []
- slug: notify
  isRootAction: false
  outgoingActions: []
```

## Use instead
```yaml
actions:
- slug: notify
  isRootAction: true
  outgoingActions: [notify-again]
- slug: notify-again
  isRootAction: false
  outgoingActions: []
```
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Related, Severity
from . import Rule
from .common import repeats


class DuplicateActionSlug(Rule):
    id = "duplicate-action-slug"
    title = "Block slugs must be unique"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        slugs = ((wf.slug_of(index), wf.pointer(index, "slug")) for index, _ in wf.actions)
        for slug, first, pointer in repeats((slug, pointer) for slug, pointer in slugs if slug is not None):
            line = doc.locate(first).start_line
            yield Finding(
                f"Block slug '{slug}' is already used by the block on line {line}; "
                "block slugs must be unique across a workflow",
                pointer,
                related=(Related(first, f"first block with slug '{slug}'"),),
            )
