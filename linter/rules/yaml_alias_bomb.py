"""Aliases must not explode the document.

## What it does
Counts how large the document would be with every alias expanded, without
expanding it.  A document that aliases grow to more than 100,000 nodes (and
more than ten times its written size) or past `max-nodes`, to more than
`max-expanded-size` characters of keys and strings (32 MiB by default), or
an alias that refers to a node containing it, is reported and not checked
further.

## Why is this bad?
This is the "billion laughs" attack: a few lines that expand to gigabytes in
any tool that copies aliases, Cortex's parser included.

## Example
```yaml
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
```

## Use instead
```yaml
a: &a ["x", "x"]
b: [*a, *a]
```
"""

from ..model import Severity
from . import ProblemRule


class YamlAliasBomb(ProblemRule):
    id = "yaml-alias-bomb"
    title = "Aliases must not explode the document"
    severity = Severity.MUST
    examples = True
