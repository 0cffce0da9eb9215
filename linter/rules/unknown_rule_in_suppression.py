"""Suppression comments must name existing rules.

## What it does
Reports each rule id in a `# cortex-workflow-lint: disable=...` or
`disable-file=...` comment that is not a rule of this linter, at the id,
with the closest rule id as a suggestion.  The other ids in the comment
still apply.

## Why is this bad?
A misspelled rule id suppresses nothing, so the finding you meant to
silence still fails the check, and the comment misleads the next reader.

## Example
```yaml
tag: deploy
name: Deploy
runResponseTemplat: Done!  # cortex-workflow-lint: disable=unknown-feild -- read by the old portal
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
from ..suggest import Suggester, did_you_mean
from ..suppress import Suppressions
from . import Rule, SuppressionRule


class UnknownRuleInSuppression(SuppressionRule):
    id = "unknown-rule-in-suppression"
    title = "Suppression comments must name existing rules"
    severity = Severity.SHOULD

    def check_comments(self, found: Suppressions, rules: dict[str, type[Rule]]) -> Iterator[Finding]:
        suggest = Suggester(rules)
        for directive in found.directives:
            for rule_id, span in directive.rules.items():
                if rule_id not in rules:
                    yield Finding(f"Unknown rule '{rule_id}' in suppression comment.{did_you_mean(rule_id, suggest)}", span=span)
