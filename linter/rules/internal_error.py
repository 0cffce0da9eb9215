"""A rule failed while checking this file.

## What it does
When a rule raises an exception, the run goes on: the failure becomes this
violation, naming the rule and the error, at the top of the file.

## Why is this bad?
It means a bug in cortex-workflow-lint, not in your workflow, and that rule's
checks are missing from this file.  Please report it with the file that
caused it.

## Example
Any file that makes a rule crash.

## Use instead
Nothing to change in the workflow; upgrade cortex-workflow-lint or report
the bug.
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from . import Rule


class InternalError(Rule):
    id = "internal-error"
    title = "A rule failed"
    severity = Severity.MUST
    needs = "source"
    examples = False

    def check(self, doc: Document) -> Iterable[Finding]:
        return ()  # only the engine reports it, when another rule raises
