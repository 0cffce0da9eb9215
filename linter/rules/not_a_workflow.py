"""File must be a Cortex workflow.

## What it does
Reports a YAML or JSON file whose top level is a mapping with none of a
workflow's own keys: no `actions`, and none of `tag`, `isDraft`, `filter`,
`runResponseTemplate` or the other workflow fields (`name`, `description`
and `variables` do not count, because other formats use them too).  The one
finding lists the keys the file has, at the first of them.  A docker-compose
file, a GitHub Actions workflow or a Kubernetes manifest gets this finding,
and nothing else about its content: not a missing field for each required
workflow field.

## Why is this bad?
The file was named on the command line or matched the hook's `files:`
pattern, but it is something else, so none of its content can be judged as a
workflow.  Usually the pattern is too wide, or the wrong file was passed.
Keep it out of the linted paths (the hook's `files:`/`exclude:`, or the
configuration's `exclude` for directory walks).

## Example
```yaml
services:
  web:
    image: nginx
version: "3.9"
```

## Use instead
```yaml
tag: deploy
name: Deploy
isDraft: false
filter:
  type: GLOBAL
actions: []
```
"""

from collections.abc import Iterable

from ..document import Document, pointer_of
from ..model import Finding, Severity
from ..structure import top_level_keys
from . import Rule
from .common import LISTED_VALUES, listing

GENERIC_KEYS = frozenset({"name", "description", "variables"})
"""Workflow keys that other formats use too (GitHub Actions' and GitLab CI's ``name`` and ``variables``)."""


class NotAWorkflow(Rule):
    id = "not-a-workflow"
    title = "File must be a Cortex workflow"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        keys = [str(key) for key in doc.data]
        if not keys or any(key in top_level_keys() - GENERIC_KEYS for key in keys):
            return
        shown = listing([f"'{key}'" for key in keys[:LISTED_VALUES]], len(keys))
        yield Finding(
            f"Not a Cortex workflow: it has no 'actions' and no other top-level workflow field; its keys are {shown}. "
            "If it is not meant to be one, keep it out of the linted paths",
            pointer=pointer_of(keys[0]),
            part="key",
        )
