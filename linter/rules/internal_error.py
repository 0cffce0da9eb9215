"""Linting this file failed inside cortex-workflow-lint.

## What it does
When a rule raises an exception, or reading, parsing or checking the file
fails in a way the linter did not foresee, the run goes on: the failure
becomes this violation, naming the rule (if one failed) and the error, at
the top of the file.  The other files are linted as usual.

## Why is this bad?
It means a bug in cortex-workflow-lint, not in your workflow, and the
failed checks are missing from this file.  Please report it with the file
that caused it.

## Example
Any file that makes a rule crash.

## Use instead
Nothing to change in the workflow; upgrade cortex-workflow-lint or report
the bug.
"""

from ..model import Severity
from . import ProblemRule


class InternalError(ProblemRule):
    id = "internal-error"
    title = "Linting this file failed inside cortex-workflow-lint"
    severity = Severity.MUST
