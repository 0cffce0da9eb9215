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
    """``violations`` (the raw findings of one file) without those another of them explains.

    Linear in the findings: each is looked up in the pointers of its root rules' findings."""
    pointers: dict[str, set[str]] = {}
    for v in violations:
        pointers.setdefault(v.rule_id, set()).add(v.pointer)
    roots = {rule_id: roots_of(rule) for rule_id, rule in rules.items() if rule_id in pointers}
    return [v for v in violations if not _explained(v, roots.get(v.rule_id, {}), pointers)]


def _explained(v: Violation, roots: dict[str, str], pointers: dict[str, set[str]]) -> bool:
    for root_id, scope in roots.items():
        found = pointers.get(root_id)
        if found and (scope == "file" or v.pointer in found or any(r.pointer in found for r in v.related)):
            return True
    return False
