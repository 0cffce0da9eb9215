"""Slugs should be lowercase kebab-case.

## What it does
Checks that the `slug` of every block, of every CONDITIONAL_BRANCH branch and
fallback branch, and of every workflow variable is lowercase kebab-case:
words of lowercase letters and digits joined by single hyphens, as in
`get-entity-details`, and suggests one.

Every known definition (about 90 files, 300 block, branch and variable
slugs) uses kebab-case slugs, so the rule goes against no established style.  USER_INPUT field `key`s are not slugs: they are commonly camelCase
(`releaseTag`) and are not checked.

## Why is this bad?
Slugs are typed again wherever a block or variable is referenced:
`outgoingActions`, `{{actions.<slug>.outputs...}}`, `.actions."<slug>"` in
JQ, `variables["<slug>"]` in CEL.  With one spelling convention there is one
way to write each reference; mixing `getUser`, `get_user` and `get-user` in
one workflow makes broken references likely.  Renaming a slug means updating
its references too.

## Example
```yaml
actions:
- slug: getUser
  isRootAction: true
  outgoingActions: []
variables:
- slug: app_name
  type: STRING
```

## Use instead
```yaml
actions:
- slug: get-user
  isRootAction: true
  outgoingActions: []
variables:
- slug: app-name
  type: STRING
```

## Fix
Renames the slug to the suggested one, and a block or variable slug also in every reference to it in the file: `outgoingActions`, branch `outgoingAction`, `joiningAction`, and the templates, jq, CEL and JavaScript that name it (unsafe: other workflows or tools may use the old slug). No fix when the new slug is taken, or a reference is written in a way that cannot be edited safely (an escape inside it).
"""

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..document import Document, pointer_of
from ..edits import replace_value
from ..model import UNSAFE, Edit, Finding, Fix, Severity
from . import Rule
from .common import KEBAB_CASE, to_kebab

if TYPE_CHECKING:
    from ..symbols import Kind

_RENAMED_KINDS: "dict[str, Kind]" = {"Block slug": "block", "Variable slug": "variable"}  # the slugs that references name


class SlugNotKebabCase(Rule):
    id = "slug-not-kebab-case"
    title = "Slugs should be lowercase kebab-case"
    severity = Severity.SHOULD

    def check(self, doc: Document) -> Iterator[Finding]:
        for what, slug, pointer, where in _slugs(doc):
            if not isinstance(slug, str) or KEBAB_CASE.fullmatch(slug):
                continue
            suggestion = to_kebab(slug)
            hint = f"; use '{suggestion}' (and update the references to it)" if suggestion else ""
            edits = _rename(doc, what, slug, pointer, suggestion) if suggestion else None
            yield Finding(
                f"{what} '{slug}'{where} is not lowercase kebab-case (lowercase words joined by single hyphens){hint}",
                pointer,
                fix=Fix(f"Rename to '{suggestion}' everywhere in the file", tuple(edits), UNSAFE) if edits else None,
            )


def _rename(doc: Document, what: str, old: str, pointer: str, new: str) -> list[Edit] | None:
    """Edits that rename a block or variable slug and every reference to it in the file (a branch
    slug has none); None when the new slug is taken or a reference cannot be edited."""
    kind = _RENAMED_KINDS.get(what)
    if kind is None:
        edit = replace_value(doc, pointer, new)
        return [edit] if edit else None
    from ..symbols import Symbol, rename_edits  # noqa: PLC0415 - only for a slug to rename

    symbols = doc.analysis.symbols
    symbol = Symbol(kind, old)
    if new in symbols.names(kind) or len(symbols.definitions(symbol)) > 1:
        return None  # the new slug is taken, or the old one names two blocks
    return rename_edits(doc, symbol, new)


def _slugs(doc: Document) -> Iterator[tuple[str, object, str, str]]:
    """``(what, slug, pointer, where)`` for every slug that names a block, a branch or a variable."""
    workflow = doc.analysis.workflow
    for index, action in workflow.actions:
        yield "Block slug", action.get("slug"), workflow.pointer(index, "slug"), ""
        schema = action.get("schema")
        if workflow.block_type(index) != "CONDITIONAL_BRANCH" or not isinstance(schema, dict):
            continue
        owner = workflow.block_name(index)
        branches = schema.get("branches")
        for position, branch in enumerate(branches if isinstance(branches, list) else []):
            if isinstance(branch, dict):
                pointer = workflow.pointer(index, "schema", "branches", position, "slug")
                yield "Branch slug", branch.get("slug"), pointer, f" of {owner}"
        fallback = schema.get("fallbackBranch")
        if isinstance(fallback, dict):
            pointer = workflow.pointer(index, "schema", "fallbackBranch", "slug")
            yield "Fallback branch slug", fallback.get("slug"), pointer, f" of {owner}"
    variables = doc.data.get("variables")
    for position, variable in enumerate(variables if isinstance(variables, list) else []):
        if isinstance(variable, dict):
            yield "Variable slug", variable.get("slug"), pointer_of("variables", position, "slug"), ""
