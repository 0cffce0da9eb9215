"""Fields that Cortex fills in may be written out.

## What it does
Reports fields that Cortex's API marks as required but fills in when a
definition leaves them out, naming the value Cortex uses:

| Field | Where | Value Cortex uses |
| --- | --- | --- |
| `variables` | top level | `[]` (inferred) |
| `restrictActionCompletionToRunnerUser` | top level | `false` (documented) |
| `ownershipScope` | `filter` with `type: ENTITY` | `ALL` (inferred) |
| `allowAdditionalOptions` | SELECT_FIELD and MULTISELECT_FIELD inputs | `false` (documented) |
| `shouldDisplayOptionsAsHierarchy` | CORTEX_ENTITY_FIELD inputs | `false` (inferred) |

"Inferred" values come from accepted definitions that leave the field out,
not from Cortex's documentation.  The rule is off by default: leaving these
fields out is common and accepted; turn it on to make every behaviour
explicit in the source.

## Why is this bad?
An absent field hides a decision: a reader cannot tell whether any user may
complete the workflow's actions, or which entity owners may run it, without
knowing Cortex's defaults.  A definition exported from Cortex carries every
field, so a source that omits them also differs from its export.

## Example
```yaml
tag: deploy
name: Deploy
isDraft: false
filter:
  type: ENTITY
actions: []
```

## Use instead
```yaml
tag: deploy
name: Deploy
isDraft: false
filter:
  type: ENTITY
  ownershipScope: ALL
variables: []
restrictActionCompletionToRunnerUser: false
actions: []
```
"""

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, Part, Severity
from . import Rule

_INPUT_DEFAULTS = {
    "SELECT_FIELD": ("allowAdditionalOptions", "false"),
    "MULTISELECT_FIELD": ("allowAdditionalOptions", "false"),
    "CORTEX_ENTITY_FIELD": ("shouldDisplayOptionsAsHierarchy", "false"),
}


class DefaultedField(Rule):
    id = "defaulted-field"
    title = "Fields that Cortex fills in may be written out"
    severity = Severity.HINT
    enabled_by_default = False

    def check(self, doc: Document) -> Iterator[Finding]:
        for name, value in (("variables", "[]"), ("restrictActionCompletionToRunnerUser", "false")):
            if name not in doc.data:
                yield _finding(name, "the workflow", value, "", "key")
        filter_ = doc.data.get("filter")
        if doc.analysis.workflow.filter_type == "ENTITY" and "ownershipScope" not in filter_:
            yield _finding("ownershipScope", "the ENTITY filter", "ALL", "/filter", "key")
        for field in doc.analysis.input_fields:
            kind = field.type
            if kind is None or kind not in _INPUT_DEFAULTS:
                continue
            name, value = _INPUT_DEFAULTS[kind]
            if name not in field.data:
                yield _finding(name, f"{field.type} {field.label}", value, field.pointer("type"), "value")


def _finding(name: str, owner: str, value: str, pointer: str, part: Part) -> Finding:
    return Finding(f"'{name}' is not set in {owner}; Cortex uses {value}", pointer, part=part)
