"""Branch slugs must be unique within a block.

## What it does
For every `CONDITIONAL_BRANCH` block, reports each branch (the fallback
included) whose `slug` an earlier branch of the same block already uses.

## Why is this bad?
Cortex identifies the branch a run took by its slug; two branches with one
slug cannot be told apart.

## Example
```yaml
actions:
- slug: route
  isRootAction: true
  schema:
    type: CONDITIONAL_BRANCH
    branches:
    - {name: Small, slug: small, type: CONDITIONAL, expression: 'true', outgoingAction: quick}
    fallbackBranch: {name: Other, slug: small, type: FALLBACK, outgoingAction: slow}
  outgoingActions: [quick, slow]
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
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Related, Severity
from . import Rule
from .common import at_start, repeats


class DuplicateBranchSlug(Rule):
    id = "duplicate-branch-slug"
    title = "Branch slugs must be unique within a block"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        for index, _ in wf.actions:
            slugs = [(branch.get("slug"), wf.pointer(index, *tokens, "slug")) for tokens, branch in wf.branches(index)]
            for slug, first, pointer in repeats((slug, pointer) for slug, pointer in slugs if isinstance(slug, str)):
                yield Finding(
                    f"{at_start(wf.block_name(index))} has two branches with slug '{slug}'; "
                    "branch slugs must be unique within a block, the fallback included",
                    pointer,
                    related=(Related(first, f"first branch with slug '{slug}'"),),
                )
