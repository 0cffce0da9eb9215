"""Variable slugs must be unique.

## What it does
Reports every entry of `variables` whose `slug` an earlier entry already
declared, whatever the types of the two, at the repeated slug, with a note at
the first declaration.

## Why is this bad?
Cortex keys workflow variables by slug: `{{variables.<slug>}}` references,
SET_VARIABLES blocks and input overrides name a variable by its slug alone.
Two declarations of one slug leave it unclear which type and default value
the variable has, and one of them is lost when Cortex reads the list.

## Example
```yaml
variables:
- slug: environment
  type: STRING
  defaultValue: staging
- slug: environment
  type: NUMBER
  defaultValue: 1
actions: []
```

## Use instead
```yaml
variables:
- slug: environment
  type: STRING
  defaultValue: staging
- slug: replicas
  type: NUMBER
  defaultValue: 1
actions: []
```
"""

from collections.abc import Iterable

from ..document import Document, pointer_of
from ..model import Finding, Related, Severity
from . import Rule
from .common import repeats


class DuplicateVariableSlug(Rule):
    id = "duplicate-variable-slug"
    title = "Variable slugs must be unique"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        variables = doc.data.get("variables")
        slugs = (
            (variable.get("slug"), pointer_of("variables", index, "slug"))
            for index, variable in enumerate(variables if isinstance(variables, list) else [])
            if isinstance(variable, dict) and isinstance(variable.get("slug"), str)
        )
        for slug, first, pointer in repeats(slugs):
            line = doc.locate(first).start_line
            yield Finding(
                f"Variable slug '{slug}' is already declared on line {line}; "
                "Cortex keys workflow variables by slug, so each slug is declared once",
                pointer,
                related=(Related(first, f"first variable with slug '{slug}'"),),
            )
