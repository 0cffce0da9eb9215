"""Suppression comments must name rules and give a reason.

## What it does
Reports a `# cortex-workflow-lint:` comment that is not in the form
`# cortex-workflow-lint: disable=RULE[,RULE] -- REASON` (or `disable-file=`),
one that gives no reason after ` -- `, and one that names a rule about
suppressions themselves (switch those off with `ignore` in the configuration).
Such a comment suppresses nothing.

## Why is this bad?
A suppression hides a real finding from everyone who reads the file later.
The reason tells them why that is safe; without it nobody can tell a
deliberate exception from a silenced bug.

## Example
```yaml
tag: deploy
name: Deploy
runResponseTemplat: Done!  # cortex-workflow-lint: disable=unknown-field
```

## Use instead
```yaml
tag: deploy
name: Deploy
runResponseTemplat: Done!  # cortex-workflow-lint: disable=unknown-field -- read by the old portal
```
"""

from collections.abc import Iterator

from ..model import Finding, Severity
from ..suppress import FORM, Suppressions
from . import Rule, SuppressionRule


class InvalidSuppression(SuppressionRule):
    id = "invalid-suppression"
    title = "Suppression comments must name rules and give a reason"
    severity = Severity.SHOULD

    def check_comments(self, found: Suppressions, rules: dict[str, type[Rule]]) -> Iterator[Finding]:
        for span in found.malformed:
            yield Finding(f"Suppression comment is not in the form '{FORM}'; it suppresses nothing", span=span)
        for directive in found.directives:
            if not directive.reason:
                names = ", ".join(f"'{rule_id}'" for rule_id in directive.rules)
                yield Finding(
                    f"Suppression of {names} gives no reason; add ' -- <why>' after the rule ids "
                    "(until then it suppresses nothing)",
                    span=directive.span,
                )
            for rule_id, span in directive.rules.items():
                if rule_id in rules and rules[rule_id].needs == "suppressions":
                    yield Finding(
                        f"Rule '{rule_id}' cannot be suppressed by a comment; "
                        "turn it off with 'ignore' in the configuration",
                        span=span,
                    )
