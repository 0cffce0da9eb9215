"""File must be valid YAML.

## What it does
Reports the parser's error, at the line and column where the parser stopped.
Tabs used for indentation are called out by name.  A `.json` file is
checked by [`json-syntax`](json-syntax.md) instead.

## Why is this bad?
Cortex cannot read the descriptor at all, so it rejects the push or the Git
sync, and nothing else in the file can be checked.

## Example
```yaml
tag: deploy
name: Deploy
actions: [first, second
isDraft: false
```

## Use instead
```yaml
tag: deploy
name: Deploy
actions: []
isDraft: false
```
"""

from ..model import Severity
from . import ProblemRule


class YamlSyntax(ProblemRule):
    id = "yaml-syntax"
    title = "File must be valid YAML"
    severity = Severity.MUST
    examples = True
