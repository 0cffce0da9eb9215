"""Fields should have the type the schema names, not one Cortex converts.

## What it does
Reports a scalar whose type differs from the schema's but that Cortex's
reader converts by itself: a quoted `"true"` or `"false"` where a boolean is
expected, a number or boolean where a string is expected, a numeric string
where a number is expected.  The message names the written and the expected
type.  Every rule then reads the converted value, as Cortex does: with
`isRootAction: "true"` the block is the root action, and `slug: 42` is the
slug `"42"`.  A mismatch that Cortex cannot convert (a mapping or list for a
scalar, `"yes"` for a boolean, null) is [`field-type`](field-type.md), a MUST.

Unquoted `yes`, `no`, `on` and `off` where a boolean is expected are
reported here too.  YAML 1.2 (ruamel.yaml, and Jackson 3 through
snakeyaml-engine) reads them as strings, which Cortex would reject.  Jackson 2's
YAML parser, the one Cortex most likely runs, reads them (in any case) as
booleans, unless the service turns on the 2.15 feature
`PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS` (see FasterXML/jackson-dataformats-text
issue 388 and pull request 389; `y` and `n` stay strings).  We cannot see which
version Cortex runs, so we read them as Jackson 2 does and warn: write `true`
or `false`, which every reader agrees on.  Quoted, `"yes"` is a string in
every version, and only `true`/`false` convert to a boolean: that stays a MUST.

Our reading of Cortex (INFERRED): Jackson's default settings convert these
scalars (`MapperFeature.ALLOW_COERCION_OF_SCALARS` is on by default), and the
evidence that Cortex reads descriptors with Jackson is its import errors'
wording (`Duplicate field 'filter'`).

## Why is this bad?
Cortex accepts the file, but the value is not what the schema says, so other
tools (editors with the schema, YAML 1.2 readers, the next Cortex version)
may read it differently.  Write the value in the expected type.

## Example
```yaml
tag: deploy
name: Deploy
isDraft: "false"
filter:
  type: GLOBAL
actions: []
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

## Fix
Writes the value in the expected type, as Cortex reads it: `true`, `30`, `"42"` (safe).
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from . import Rule


class CoercibleFieldType(Rule):
    id = "coercible-field-type"
    title = "Fields should have the type the schema names, not one Cortex converts"
    severity = Severity.SHOULD
    needs = "data"

    def check(self, doc: Document) -> Iterable[Finding]:
        return doc.analysis.schema_findings("coerced")
