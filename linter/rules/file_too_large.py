"""The file is larger than the configured size limit.

## What it does
Skips, and reports, a file larger than `max-file-size` (10 MiB by default;
set it in the configuration).

## Why is this bad?
A workflow descriptor is a few kilobytes.  A file this large is almost
certainly not one, and reading it would make a pre-commit hook or an editor
hang.

## Example
A 50 MB data dump named `workflow.yaml`.

## Use instead
Exclude the file from linting, or raise `max-file-size` if it really is a
workflow.
"""

from ..model import Severity
from . import ProblemRule


class FileTooLarge(ProblemRule):
    id = "file-too-large"
    title = "File must not exceed the size limit"
    severity = Severity.MUST
