"""File should not start with a byte-order mark.

## What it does
Reports a UTF-8 file that begins with the bytes `EF BB BF`.  The file is
still linted; positions are counted after the mark, as editors show them.

## Why is this bad?
A byte-order mark is invisible in most editors, and not every YAML or JSON
reader skips it: some read it as part of the first key.

## Example
A file saved by an editor set to "UTF-8 with BOM".

## Use instead
The same file saved as plain UTF-8.
"""

from ..model import Severity
from . import ProblemRule


class ByteOrderMark(ProblemRule):
    id = "byte-order-mark"
    title = "File should not start with a byte-order mark"
    severity = Severity.SHOULD
