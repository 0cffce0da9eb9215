"""A .json file must be strict JSON.

## What it does
Reads a `.json` file (and standard input named `*.json`, or unnamed standard
input that starts with `{`) the way Cortex does, as strict JSON (RFC 8259),
and reports the first syntax error at its exact line and column: single
quotes, unquoted keys, comments, a trailing comma, `NaN`, a missing comma.

## Why is this bad?
Cortex reads JSON descriptors with a strict JSON parser and rejects the file.
A YAML parser would accept all of these (JSON is almost a subset of YAML), so
a YAML-only check would pass a file that Cortex cannot read.

## Example
```json
{
  "tag": "deploy",
  "name": "Deploy",
  "filter": {"type": "GLOBAL"},
  "actions": [],
}
```

## Use instead
```json
{
  "tag": "deploy",
  "name": "Deploy",
  "filter": {"type": "GLOBAL"},
  "actions": []
}
```
"""

from ..model import Severity
from . import ProblemRule


class JsonSyntax(ProblemRule):
    id = "json-syntax"
    title = "A .json file must be strict JSON"
    severity = Severity.MUST
    examples = True
