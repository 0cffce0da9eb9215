"""validationRegex must be a valid regular expression.

## What it does
Compiles the `validationRegex` of every USER_INPUT field and reports the
ones that do not compile, quoting the error and the character where it was
found.

Cortex runs on the JVM, so the dialect is Java's.  The check compiles with
Python's `re`, after translating the Java constructs that Python spells
differently or lacks: Unicode classes (`\\p{Alpha}`, `\\pL`, `\\P{...}`),
named groups (`(?<name>...)`, `\\k<name>`), quoting (`\\Q...\\E`), inline flags
anywhere in the pattern (`a(?i)b`, including Java's `d` and `U` flags), and
the escapes `\\h`, `\\H`, `\\R`, `\\X`, `\\e`, `\\G`, `\\z`, `\\cX` and
`\\x{...}`.  Errors that Java does not make are ignored: variable-width
look-behind (`(?<=ab|c)`) and back-references to groups that do not exist
or are still open.  Possessive quantifiers (`a*+`) and atomic groups
(`(?>...)`) are valid in both.

## Why is this bad?
The field cannot be validated: depending on where the pattern is compiled,
the form rejects every answer or the run fails when the input is checked.

## Example
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - type: INPUT_FIELD
      name: Version
      key: version
      required: true
      validationRegex: '^v(\\d+\\.\\d+$'
```

## Use instead
```yaml
actions:
- slug: ask
  schema:
    type: USER_INPUT
    inputs:
    - type: INPUT_FIELD
      name: Version
      key: version
      required: true
      validationRegex: '^v(\\d+)\\.\\d+$'
```
"""

from collections.abc import Iterator

from ..document import Document
from ..java_regex import regex_error
from ..model import Finding, Severity
from . import Rule


class InvalidValidationRegex(Rule):
    id = "invalid-validation-regex"
    title = "validationRegex must be a valid regular expression"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterator[Finding]:
        for field in doc.analysis.input_fields:
            pattern = field.data.get("validationRegex")
            if not isinstance(pattern, str):
                continue
            error = regex_error(pattern)
            if error is not None:
                message, position = error
                yield Finding(
                    f"'validationRegex' of {field.label} is not a valid regular expression: "
                    f"{message} (at character {position + 1})",
                    field.pointer("validationRegex"),
                    text_range=(position, min(position + 1, len(pattern))),
                )
