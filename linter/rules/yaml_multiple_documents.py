"""File must hold one document.

## What it does
Reports the start of the second document (`---`) when a file holds several.
Only the first document is linted.

## Why is this bad?
Cortex reads one workflow per file: the documents after the first are either
ignored or make the whole file fail, depending on how it is sent.

## Example
```yaml
tag: first
name: First
---
tag: second
name: Second
```

## Use instead
```yaml
tag: first
name: First
```
"""

from ..model import Severity
from . import ProblemRule


class YamlMultipleDocuments(ProblemRule):
    id = "yaml-multiple-documents"
    title = "File must hold one document"
    severity = Severity.MUST
    examples = True
