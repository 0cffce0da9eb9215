"""Report once: drop the findings that only follow from another finding in the same file.

One mistake should give one finding.  A typo in an ``outgoingActions`` entry
leaves the target block unreachable and every block after it reading blocks
that no longer run before it; a file that is not a workflow at all misses
every required field.  Those findings go away when the first is fixed, so
only the first (the root cause) is reported.

A rule names its root causes in ``Rule.consequence_of``: a rule id, and the
scope in which a root finding explains this rule's findings:

* ``"file"``: any finding of the root rule in the file explains them all (the
  graph they are computed from is broken);
* ``"node"``: only the findings that point at the root finding's node, or
  name it as a related location.

And every rule that reads the parsed data is a consequence of
``not-a-workflow``.  The engine decides this on the raw findings of every rule
that can be a root cause, selected or not, before ``select``/``ignore`` and
suppression comments: hiding a root cause never brings its consequences back.
"""

from __future__ import annotations

from .model import Violation
from .rules import Rule

NOT_A_WORKFLOW = "not-a-workflow"


def roots_of(rule: type[Rule]) -> dict[str, str]:
    """The root causes of ``rule``'s findings: rule id -> scope."""
    roots = dict(rule.consequence_of)
    if rule.needs in ("data", "workflow") and rule.id != NOT_A_WORKFLOW:
        roots[NOT_A_WORKFLOW] = "file"
    return roots


def drop_consequences(violations: list[Violation], rules: dict[str, type[Rule]]) -> list[Violation]:
    """``violations`` (the raw findings of one file) without those another of them explains."""
    by_rule: dict[str, list[Violation]] = {}
    for v in violations:
        by_rule.setdefault(v.rule_id, []).append(v)
    return [v for v in violations if not _explained(v, rules.get(v.rule_id), by_rule)]


def _explained(v: Violation, rule: type[Rule] | None, by_rule: dict[str, list[Violation]]) -> bool:
    if rule is None:
        return False
    for root_id, scope in roots_of(rule).items():
        for root in by_rule.get(root_id, ()):
            if scope == "file" or root.pointer in {v.pointer, *(r.pointer for r in v.related)}:
                return True
    return False
