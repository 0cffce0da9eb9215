"""Mustache templates must be well formed.

## What it does
Reports, at the field, each tag that is never closed (`{{x}`, `{{x`), a
triple tag closed with two braces (`{{{x}}`), an empty tag (`{{}}`), a
section (`{{#x}}` or `{{^x}}`) that is never closed, and a closing tag
(`{{/x}}`) that closes a section that is not open or not the innermost
one.  The message quotes the tag.

## Why is this bad?
Cortex cannot render a malformed template: the block or the run response
fails, or the text comes out with stray braces where the value should be.

## Example
```yaml
runResponseTemplate: "Deployed {{variables.service} to {{variables.env}}"
actions: []
```

## Use instead
```yaml
runResponseTemplate: "Deployed {{variables.service}} to {{variables.env}}"
actions: []
```
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from ..templates import describe
from . import Rule


class MalformedTemplate(Rule):
    id = "malformed-template"
    title = "Mustache templates must be well formed"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        for problem in doc.analysis.templates.malformed:
            yield Finding(f"{describe(problem.field, doc.data)}: {problem.message}", problem.field.pointer, text_range=problem.text_range)
