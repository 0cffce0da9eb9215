"""File must not exceed the size limit.

## What it does
Skips, and reports, a file larger than `max-file-size` (10 MiB by default),
one holding more YAML nodes than `max-nodes` (500,000 by default), or one
whose parse takes more CPU time than `parse-timeout` (10 s by default).  Set
them in the configuration.  The size is checked before the file is read,
and the nodes are counted before the document is built in memory.

## Why is this bad?
A workflow descriptor is a few kilobytes.  A file this large is almost
certainly not one, and reading it would make a pre-commit hook or an editor
hang.

## Example
A 50 MB data dump named `workflow.yaml`.

## Use instead
Exclude the file from linting, or raise the limit if it really is a
workflow.
"""

from ..model import Severity
from . import ProblemRule


class FileTooLarge(ProblemRule):
    id = "file-too-large"
    title = "File must not exceed the size limit"
    severity = Severity.MUST
