"""The tag should be lowercase kebab-case.

## What it does
Checks that a tag made of letters, digits and hyphens (see `invalid-tag` for
other characters) is lowercase kebab-case: words of lowercase ASCII letters
and digits joined by single hyphens, as in `deploy-service`, and suggests
one.

## Why is this bad?
The tag is an identifier that people type in API paths
(`/api/v1/workflows/<tag>`) and CLI commands.  Whether Cortex compares tags
case-sensitively is not documented, so `Deploy-Service` and `deploy-service`
may be one workflow or two.  Every known definition uses lowercase words
joined by hyphens.

## Example
```yaml
tag: DeployService
name: Deploy service
```

## Use instead
```yaml
tag: deploy-service
name: Deploy service
```

## Fix
Writes the suggested tag (unsafe: Cortex identifies the workflow by its tag, so renaming it makes a new workflow there).
"""

from collections.abc import Iterator

from ..document import Document
from ..edits import replace_value
from ..model import UNSAFE, Finding, Fix, Severity
from . import Rule
from .common import KEBAB_CASE, invalid_characters, to_kebab


class TagNotKebabCase(Rule):
    id = "tag-not-kebab-case"
    title = "The tag should be lowercase kebab-case"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterator[Finding]:
        tag = doc.data.get("tag")
        if not isinstance(tag, str) or not tag or invalid_characters(tag) or KEBAB_CASE.fullmatch(tag):
            return
        suggestion = to_kebab(tag)
        hint = f"; use '{suggestion}'" if suggestion else ""
        edit = replace_value(doc, "/tag", suggestion) if suggestion else None
        yield Finding(
            f"Tag '{tag}' is not lowercase kebab-case (lowercase words joined by single hyphens){hint}",
            "/tag",
            fix=Fix(f"Use '{suggestion}'", (edit,), UNSAFE) if edit else None,
        )
