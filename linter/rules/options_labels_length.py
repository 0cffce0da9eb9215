"""Select fields should have one label per option.

## What it does
Checks that when a SELECT_FIELD or MULTISELECT_FIELD has a non-empty
`optionsLabels`, it has exactly one label per entry of `options`.  An empty
`optionsLabels` list means "no labels" and is not reported.

## Why is this bad?
Labels are matched to options by position: `optionsLabels[2]` is what the
form shows for `options[2]`.  With a label missing or one too many, options
are shown without a label or under the label of a neighbour, and the user
picks a value they did not mean.

## Example
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - type: SELECT_FIELD
      name: Cloud
      key: cloud
      required: true
      options: [aws, gcp, azure]
      optionsLabels: [Amazon Web Services, Google Cloud]
```

## Use instead
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - type: SELECT_FIELD
      name: Cloud
      key: cloud
      required: true
      options: [aws, gcp, azure]
      optionsLabels: [Amazon Web Services, Google Cloud, Microsoft Azure]
```
"""

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, Related, Severity
from . import Rule


class OptionsLabelsLength(Rule):
    id = "options-labels-length"
    title = "Select fields should have one label per option"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterator[Finding]:
        for field in doc.analysis.input_fields:
            options, labels = field.data.get("options"), field.data.get("optionsLabels")
            if not isinstance(options, list) or not isinstance(labels, list) or not labels:
                continue
            if len(labels) != len(options):
                yield Finding(
                    f"{field.label[0].upper()}{field.label[1:]} has {_count(options, 'option', 'options')} "
                    f"but {_count(labels, 'label', 'labels')} in optionsLabels; "
                    "each option needs the label at the same position",
                    field.pointer("optionsLabels"),
                    part="key",
                    related=(Related(field.pointer("options"), f"the {len(options)} options", part="key"),),
                )


def _count(items: list, one: str, many: str) -> str:
    return f"{len(items)} {one if len(items) == 1 else many}"
