"""Server-managed fields should not be in the source.

## What it does
Reports the top-level fields `createdAt` and `lastUpdatedAt`.

## Why is this bad?
Cortex sets these timestamps itself when a workflow is created or updated;
they appear in a definition exported from Cortex, not in one you write.
Kept in the source they are at best ignored and at worst misleading: the
date in Git is not the date in Cortex, and every re-export changes the file.

## Example
```yaml
tag: deploy
name: Deploy
createdAt: "2025-06-01T10:00:00Z"
lastUpdatedAt: "2025-06-02T08:30:00Z"
```

## Use instead
```yaml
tag: deploy
name: Deploy
```

## Fix
Removes the field (safe).
"""

from collections.abc import Iterator

from ..document import Document, pointer_of
from ..edits import remove
from ..model import Finding, Fix, Severity
from . import Rule

SERVER_MANAGED = ("createdAt", "lastUpdatedAt")


class ServerManagedField(Rule):
    id = "server-managed-field"
    title = "Server-managed fields should not be in the source"
    severity = Severity.HINT

    def check(self, doc: Document) -> Iterator[Finding]:
        for name in SERVER_MANAGED:
            if name in doc.data:
                edit = remove(doc, pointer_of(name))
                yield Finding(
                    f"'{name}' is set by Cortex when the workflow is saved (it comes from an export); "
                    "remove it from the source",
                    pointer_of(name),
                    part="key",
                    fix=Fix(f"Remove '{name}'", (edit,)) if edit else None,
                )
