"""The tag must use only letters, digits and hyphens.

## What it does
Checks that the top-level `tag` is not empty and is made up of letters,
digits and hyphens only, names the characters that are not, and suggests a
kebab-case tag.  Letters and digits outside ASCII (`é`) are left to
`tag-not-kebab-case`: whether Cortex accepts them is not documented.

## Why is this bad?
The tag identifies the workflow: Cortex updates the workflow with the same
tag and serves it at `/api/v1/workflows/<tag>`.  Cortex's own slug for a
workflow "is made up of letters, digits, and hyphens", so a tag with spaces,
underscores, dots or slashes is rejected, or cannot be used in the API path.

## Example
```yaml
tag: deploy service
name: Deploy service
```

## Use instead
```yaml
tag: deploy-service
name: Deploy service
```
"""

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, Severity
from . import Rule
from .common import invalid_characters, to_kebab


class InvalidTag(Rule):
    id = "invalid-tag"
    title = "The tag must use only letters, digits and hyphens"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterator[Finding]:
        tag = doc.data.get("tag")
        if not isinstance(tag, str):
            return
        if not tag:
            yield Finding("The tag is empty; a tag is made up of letters, digits and hyphens", "/tag")
            return
        wrong = invalid_characters(tag)
        if not wrong:
            return
        suggestion = to_kebab(tag)
        hint = f"; use '{suggestion}'" if suggestion else ""
        yield Finding(
            f"Tag '{tag}' contains {', '.join(map(repr, wrong))}; a tag is made up of letters, digits and hyphens only{hint}",
            "/tag",
        )

