"""Variables must be declared in 'variables'.

## What it does
Reports each reference to `variables.<slug>` (in Mustache, jq, CEL,
JavaScript or a bare path), and each SET_VARIABLES entry whose `slug` is
not declared in the top-level `variables` list, and suggests the closest
declared variable.

## Why is this bad?
An undeclared variable has no value: the URL, payload or message renders
it empty, and a SET_VARIABLES entry has nothing to set.  It is usually a
misspelling, or a variable removed from `variables` but still used.

## Example
```yaml
variables:
- slug: jenkins-job
  type: STRING
runResponseTemplate: "Job: {{variables.jenkins-url}}/job/{{variables.jenkins-job}}"
actions: []
```

## Use instead
```yaml
variables:
- slug: jenkins-url
  type: STRING
- slug: jenkins-job
  type: STRING
runResponseTemplate: "Job: {{variables.jenkins-url}}/job/{{variables.jenkins-job}}"
actions: []
```
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from ..suggest import Suggester, did_you_mean
from ..templates import NAME, describe, shorten
from . import Rule


class UndeclaredVariable(Rule):
    id = "undeclared-variable"
    title = "Variables must be declared in 'variables'"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        declared = doc.analysis.workflow.declared_variables
        suggest = Suggester(declared)
        for ref in doc.analysis.templates.references:
            if ref.kind != "variable" or ref.name in declared:
                continue
            where = describe(ref.field, doc.data)
            used = "sets variable" if ref.language == NAME else f"reads '{shorten(ref.written)}': variable"
            message = (
                f"{where} {used} '{ref.name}', which is not declared in 'variables'; "
                f"declare it there.{did_you_mean(ref.name, suggest)}"
            )
            yield Finding(message, ref.pointer, text_range=ref.text_range)
