"""Suppression comments should suppress something.

## What it does
Reports each rule id in a suppression comment when that rule ran on the file
and reported nothing where the comment applies, when a `disable-file`
comment for the same rule already covers it, or when the comment is on the
last line and no line follows it.  A rule that did not run (it is not
selected, or is ignored for this path) never makes a suppression unused, so
`--select` does not turn suppressions into findings.

## Why is this bad?
A stale suppression hides the next real problem on that line, and tells the
reader about an exception that no longer exists.  Remove it.

## Example
```yaml
# cortex-workflow-lint: disable-file=unknown-field -- exported by the legacy tool
tag: deploy
name: Deploy
runResponseTemplat: Done!  # cortex-workflow-lint: disable=unknown-field -- read by the old portal
```

## Use instead
```yaml
# cortex-workflow-lint: disable-file=unknown-field -- exported by the legacy tool
tag: deploy
name: Deploy
runResponseTemplat: Done!
```
"""

from collections.abc import Iterator

from ..model import Finding, Severity
from ..suppress import Suppressions
from . import Rule, SuppressionRule


class UnusedSuppression(SuppressionRule):
    id = "unused-suppression"
    title = "Suppression comments should suppress something"
    severity = Severity.SHOULD

    def check_comments(self, found: Suppressions, rules: dict[str, type[Rule]]) -> Iterator[Finding]:
        active = found.active()
        file_wide: dict[str, int] = {}
        for directive in active:
            if directive.file_wide:
                for rule_id in directive.rules:
                    file_wide.setdefault(rule_id, directive.span.start_line)
        for directive in active:
            if not directive.file_wide and directive.target is None:
                yield Finding("Suppression comment has no line after it, so it suppresses nothing", span=directive.span)
                continue
            for rule_id, span in directive.rules.items():
                if rule_id not in rules or rules[rule_id].needs == "suppressions" or rule_id in directive.used:
                    continue
                if not directive.file_wide and rule_id in file_wide:
                    yield Finding(
                        f"Suppression of '{rule_id}' is redundant: 'disable-file={rule_id}' on line "
                        f"{file_wide[rule_id]} already suppresses it in this file",
                        span=span,
                    )
                elif rule_id in found.ran:
                    where = "in this file" if directive.file_wide else f"on line {directive.target}"
                    yield Finding(f"Suppression of '{rule_id}' is unused: no '{rule_id}' violation starts {where}", span=span)
