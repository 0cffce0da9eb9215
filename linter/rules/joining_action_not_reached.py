"""Every branch must reach the joining action.

## What it does
For every `CONDITIONAL_BRANCH` block with a `joiningAction`, follows each
branch, the fallback included, from its `outgoingAction` and reports the
branches whose path never reaches the joining action, at that
`outgoingAction` (or at the branch, when it has none).

## Why is this bad?
The joining action runs after all branches, so every branch must lead to it.
Cortex rejects a `joiningAction` that not every branch reaches; a common
case is a fallback that ends in an error block.  Either make every branch
lead to the joining action or set `joiningAction: null`.

## Example
```yaml
actions:
- slug: route
  isRootAction: true
  schema:
    type: CONDITIONAL_BRANCH
    branches:
    - {name: Valid, slug: valid, type: CONDITIONAL, expression: 'true', outgoingAction: deploy}
    fallbackBranch: {name: Invalid, slug: invalid, type: FALLBACK, outgoingAction: fail}
    joiningAction: deploy
  outgoingActions: [deploy, fail]
- {slug: fail, isRootAction: false, outgoingActions: []}
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
    - {name: Valid, slug: valid, type: CONDITIONAL, expression: 'true', outgoingAction: deploy}
    fallbackBranch: {name: Invalid, slug: invalid, type: FALLBACK, outgoingAction: fail}
    joiningAction: null
  outgoingActions: [deploy, fail]
- {slug: fail, isRootAction: false, outgoingActions: []}
- {slug: deploy, isRootAction: false, outgoingActions: []}
```
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Related, Severity
from . import Rule


class JoiningActionNotReached(Rule):
    id = "joining-action-not-reached"
    title = "Every branch must reach the joining action"
    severity = Severity.MUST
    consequence_of = {"unknown-outgoing-action": "file"}

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        for index, action in wf.actions:
            branches = wf.branches(index)
            joining = action["schema"].get("joiningAction") if branches else None
            join = wf.by_slug.get(joining) if isinstance(joining, str) else None
            if join is None:
                continue  # no join, or an unknown one (unknown-joining-action)
            related = (Related(wf.pointer(index, "schema", "joiningAction"), f"joining action '{joining}'"),)
            for tokens, branch in branches:
                name = _describe(branch, tokens)
                target = branch.get("outgoingAction")
                if target is None:
                    yield Finding(
                        f"{name} of {wf.block_name(index)} has no outgoingAction, so it never reaches "
                        f"the joining action '{joining}'; every branch must lead to it, "
                        "or set joiningAction: null",
                        wf.pointer(index, *tokens),
                        related=related,
                    )
                    continue
                start = wf.by_slug.get(target) if isinstance(target, str) else None
                if start is None or start == join or wf.is_ancestor(start, join):
                    continue  # reaches it, or a wrong target that other rules report
                yield Finding(
                    f"{name} of {wf.block_name(index)} goes to '{target}', whose path never reaches "
                    f"the joining action '{joining}'; Cortex rejects a joiningAction that not every "
                    "branch reaches: lead this branch to it, or set joiningAction: null",
                    wf.pointer(index, *tokens, "outgoingAction"),
                    related=related,
                )


def _describe(branch: dict, tokens: tuple) -> str:
    kind = "Fallback branch" if tokens[-1] == "fallbackBranch" else "Branch"
    slug = branch.get("slug")
    return f"{kind} '{slug}'" if isinstance(slug, str) else kind
