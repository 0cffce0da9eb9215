"""File must hold a workflow.

## What it does
Reports a file that is empty or holds only comments.

## Why is this bad?
An empty descriptor defines no workflow; Cortex rejects it with
`missing required field(s)`.

## Example
```yaml
# TODO: write the workflow
```

## Use instead
```yaml
tag: hello
name: Hello
isDraft: true
filter:
  type: GLOBAL
actions: []
```
"""

from ..model import Severity
from . import ProblemRule


class EmptyDocument(ProblemRule):
    id = "empty-document"
    title = "File must hold a workflow"
    severity = Severity.MUST
    examples = True
