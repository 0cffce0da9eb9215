"""File must be UTF-8 text.

## What it does
Reports a binary file (one that holds NUL bytes), a UTF-16 or UTF-32 file,
or a byte that is not valid UTF-8, at its line and column.

## Why is this bad?
Cortex reads descriptors as UTF-8.  Anything else is rejected, or worse,
read as different text than the author wrote.

## Example
A file saved as Latin-1 with `name: Déploiement` (byte `0xe9`).

## Use instead
The same file saved as UTF-8.
"""

from ..model import Severity
from . import ProblemRule


class FileEncoding(ProblemRule):
    id = "file-encoding"
    title = "File must be UTF-8 text"
    severity = Severity.MUST
