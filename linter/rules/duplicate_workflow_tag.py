"""Two workflows linted in one run must not have the same tag.

## What it does
When one run lints several files, reports every file whose `tag` another
file of the same run also has, in each of those files, with a note at the
other ones (three of them, then how many more).  Only the files of one run are compared: lint the whole folder
(`cortex-workflow-lint check .cortex/workflows/`) to compare them all.

## Why is this bad?
Cortex keeps one workflow per tag: the tag is how the API and "Workflows as
code" find a workflow, so saving the second file overwrites the first one.
A copied file whose tag was not changed is the usual cause.

## Example
```yaml
# .cortex/workflows/deploy.yaml
tag: deploy-service
# .cortex/workflows/deploy-staging.yaml (a copy)
tag: deploy-service
```

## Use instead
```yaml
# .cortex/workflows/deploy.yaml
tag: deploy-service
# .cortex/workflows/deploy-staging.yaml
tag: deploy-service-staging
```
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, RelatedLocation, Severity, Violation
from . import Rule
from .common import LISTED, listing


class DuplicateWorkflowTag(Rule):
    id = "duplicate-workflow-tag"
    title = "Two workflows linted in one run must not have the same tag"
    severity = Severity.MUST
    needs = "run"
    examples = False

    def check(self, doc: Document) -> Iterable[Finding]:
        """A candidate per file: its tag, at ``/tag``.  :meth:`check_run` keeps the repeated ones."""
        tag = doc.data.get("tag")
        if isinstance(tag, str) and tag:
            yield Finding(tag, "/tag")

    @staticmethod
    def check_run(candidates: list[Violation]) -> list[Violation | None]:
        """For each candidate (one per file, its tag as the description): the violation when
        another file has the same tag, else None."""
        by_tag: dict[str, list[Violation]] = {}
        for candidate in candidates:
            by_tag.setdefault(candidate.description, []).append(candidate)
        return [_confirmed(candidate, by_tag[candidate.description]) for candidate in candidates]


def _confirmed(candidate: Violation, same_tag: list[Violation]) -> Violation | None:
    if len(same_tag) < 2:
        return None
    others = [other for other in same_tag[: LISTED + 1] if other is not candidate][:LISTED]
    return candidate._replace(
        description=f"Tag '{candidate.description}' is also the tag of {listing([o.path for o in others], len(same_tag) - 1)}; "
        "Cortex keeps one workflow per tag, so saving one overwrites the other: give each workflow its own tag",
        related=tuple(RelatedLocation(o.pointer, "the same tag", o.span, o.path) for o in others),
    )
