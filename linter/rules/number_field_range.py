"""Number fields should have a valid range and default.

## What it does
Checks that a NUMBER_FIELD with both `min` and `max` has `min <= max`, and
that its `defaultValue` lies within `[min, max]` (each bound only when it is
set).

## Why is this bad?
With `min` above `max` no number is accepted, so the form can never be
submitted.  A default outside the range is rejected as soon as the user
submits the form unchanged.

## Example
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - type: NUMBER_FIELD
      name: Replicas
      key: replicas
      required: true
      disabled: false
      format: INTEGER
      min: 1
      max: 10
      defaultValue: 12
```

## Use instead
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - type: NUMBER_FIELD
      name: Replicas
      key: replicas
      required: true
      disabled: false
      format: INTEGER
      min: 1
      max: 10
      defaultValue: 2
```
"""

from collections.abc import Iterator

from ..document import Document
from ..model import Finding, Related, Severity
from . import Rule


class NumberFieldRange(Rule):
    id = "number-field-range"
    title = "Number fields should have a valid range and default"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterator[Finding]:
        for field in doc.analysis.input_fields:
            if field.type != "NUMBER_FIELD":
                continue
            low, high, default = (_number(field.data.get(name)) for name in ("min", "max", "defaultValue"))
            if low is not None and high is not None and low > high:
                yield Finding(
                    f"'max' ({high}) of {field.label} is less than its 'min' ({low}), so no value is accepted",
                    field.pointer("max"),
                    related=(Related(field.pointer("min"), f"min is {low}"),),
                )
                continue
            if default is None:
                continue
            if low is not None and default < low:
                yield Finding(
                    f"'defaultValue' ({default}) of {field.label} is less than its 'min' ({low})",
                    field.pointer("defaultValue"),
                    related=(Related(field.pointer("min"), f"min is {low}"),),
                )
            elif high is not None and default > high:
                yield Finding(
                    f"'defaultValue' ({default}) of {field.label} is greater than its 'max' ({high})",
                    field.pointer("defaultValue"),
                    related=(Related(field.pointer("max"), f"max is {high}"),),
                )


def _number(value: object) -> int | float | None:
    """``value`` when it is a real number (not a boolean, not NaN)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        return None
    return value
