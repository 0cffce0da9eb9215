"""Select defaults should be among the options.

## What it does
Checks that the `defaultValue` of a SELECT_FIELD (a string), and every item
of the `defaultValue` of a MULTISELECT_FIELD (a list), is one of the field's
`options`, and suggests the closest option.  Fields with
`allowAdditionalOptions: true` accept values outside `options` and are not
checked; neither are empty and templated (`{{...}}`) defaults.

## Why is this bad?
The form offers only the listed options, so a default that is not among them
is either not preselected or not a choice the user could have made; usually
it is a typo or an option that was renamed.

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
      defaultValue: AWS
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
      defaultValue: aws
```
"""

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, Severity
from ..suggest import did_you_mean
from . import Rule
from .common import LISTED_VALUES, listing


class SelectDefaultNotInOptions(Rule):
    id = "select-default-not-in-options"
    title = "Select defaults should be among the options"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterator[Finding]:
        for field in doc.analysis.input_fields:
            options = field.data.get("options")
            if field.type not in ("SELECT_FIELD", "MULTISELECT_FIELD") or not isinstance(options, list):
                continue
            if field.data.get("allowAdditionalOptions") is True:
                continue
            default = field.data.get("defaultValue")
            defaults: list[tuple[tuple[int, ...], object]]  # (pointer tokens below defaultValue, value)
            if field.type == "SELECT_FIELD":
                defaults = [((), default)]
            else:
                defaults = [((n,), item) for n, item in enumerate(default)] if isinstance(default, list) else []
            for tokens, value in defaults:
                if not isinstance(value, str) or not value or "{{" in value or value in options:
                    continue
                yield Finding(
                    f"Default value '{value}' of {field.label} is not one of its options"
                    f"{_listing(options)}.{did_you_mean(value, options)}",
                    field.pointer("defaultValue", *tokens),
                )


def _listing(options: list) -> str:
    if not options:
        return " (it has none)"
    return f" ({listing([str(option) for option in options[:LISTED_VALUES]], len(options))})"
