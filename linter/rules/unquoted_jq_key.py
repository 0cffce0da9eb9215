"""Hyphenated jq keys should be quoted.

## What it does
Reports, in a JQ block's `expression`, each path such as
`.actions.get-user.outputs` whose unquoted key holds a hyphen, and
suggests the quoted form `.actions."get-user".outputs`.

## Why is this bad?
In jq, `.actions.get-user` means `.actions.get - user`: it subtracts the
result of a function `user` from `.actions.get`.  The expression fails
("user/0 is not defined") or computes something else.  Block and variable
slugs are usually hyphenated, so every such key must be quoted.

## Example
```yaml
actions:
- slug: parse-user
  isRootAction: true
  outgoingActions: []
  schema:
    type: JQ
    expression: .actions.get-user.outputs.body.name
```

## Use instead
```yaml
actions:
- slug: parse-user
  isRootAction: true
  outgoingActions: []
  schema:
    type: JQ
    expression: .actions."get-user".outputs.body.name
```

## Fix
Quotes the hyphenated keys of the path (safe), where the path is written literally in the field.
"""

from collections.abc import Iterable

from ..document import Document
from ..edits import within_scalar
from ..model import Finding, Fix, Severity
from ..templates import describe
from . import Rule


class UnquotedJqKey(Rule):
    id = "unquoted-jq-key"
    title = "Hyphenated jq keys should be quoted"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterable[Finding]:
        for problem in doc.analysis.templates.unquoted_jq_keys:
            edit = within_scalar(doc, problem.field.pointer, problem.start, problem.end, problem.replacement) if problem.replacement else None
            yield Finding(
                f"{describe(problem.field, doc.data)}: {problem.message}",
                problem.field.pointer,
                fix=Fix("Quote the key", (edit,)) if edit else None,
                text_range=problem.text_range,
            )
