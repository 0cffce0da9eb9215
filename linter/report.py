"""The result of a run, as every output format receives it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from .model import Severity, Violation

FailureKind = Literal["read", "output", "no-workflows", "remote"]


@dataclass
class FileResult:
    """What linting one file gave: its violations, or why it could not be linted."""

    path: str
    violations: list[Violation] = field(default_factory=list)
    error: str | None = None
    """Why the file could not be linted at all (it could not be read)."""
    suppressed: list[Violation] = field(default_factory=list)
    """Violations that suppression comments hid (for ``--statistics``)."""
    candidates: tuple[tuple[Violation, bool], ...] = ()
    """For the rules that compare files: see :func:`linter.engine.check_run`."""
    remote_error: str | None = None
    """Why Cortex could not cross-check the file (``--remote``); the local violations stand."""
    baselined: int = 0
    """Violations left out because the baseline holds them."""
    fixed: int = 0
    """Findings fixed by ``--fix`` or ``--diff`` (``violations`` are what remains)."""
    original: str | None = None
    """With ``--fix`` or ``--diff``: the file's text before fixing (None when it could not be fixed)."""
    fixed_text: str | None = None
    """With ``--fix`` or ``--diff``: the text after fixing."""
    rolled_back: list[tuple[Violation, Violation]] = field(default_factory=list)
    """Fixes undone because they added a MUST finding: (the finding, the MUST it added)."""


class Failure(NamedTuple):
    """Something that kept the run from checking all it was asked to check.

    ``kind`` is one of :data:`FAILURE_EXIT_CODES`; ``path`` names the file,
    the PATH argument or the output it concerns.
    """

    kind: FailureKind
    message: str
    path: str | None = None


FAILURE_EXIT_CODES: dict[FailureKind, int] = {"read": 3, "output": 3, "no-workflows": 2, "remote": 4}
"""Exit code per kind of failure; the first that occurs in this order wins, and any of them
wins over the violations' 0 or 1."""

_PHRASES: dict[FailureKind, tuple[str, str]] = {
    "read": ("{n} file could not be read", "{n} files could not be read"),
    "output": ("{n} output could not be written", "{n} outputs could not be written"),
    "no-workflows": ("{n} path has no workflow files", "{n} paths have no workflow files"),
    "remote": ("Cortex could not check {n} file", "Cortex could not check {n} files"),
}


@dataclass
class Report:
    """The results of a run, in the order the files were named, and what makes the run fail."""

    results: list[FileResult]
    fail_on: Severity = Severity.MUST
    unsafe_fixes: bool = False
    """Unsafe fixes count as applicable (``--unsafe-fixes``)."""
    run_failures: list[Failure] = field(default_factory=list)
    """Failures that belong to no linted file: a PATH with no workflows, an output file that
    could not be written."""
    remote_required: bool = False
    """``--remote=required``: a file Cortex could not check is a failure (exit 4), not a warning."""

    @property
    def violations(self) -> list[Violation]:
        return [v for result in self.results for v in result.violations]

    def counts(self) -> Counter[str]:
        """Violations per violationType."""
        return Counter(v.violation_type for v in self.violations)

    def fixed(self) -> int:
        return sum(result.fixed for result in self.results)

    def baselined(self) -> int:
        return sum(result.baselined for result in self.results)

    def fixable(self) -> tuple[int, int]:
        """(violations with a fix that ``--fix`` applies, violations whose fix needs ``--unsafe-fixes`` too)."""
        fixes = [v.fix for v in self.violations if v.fix is not None]
        runnable = sum(1 for fix in fixes if fix.safe or self.unsafe_fixes)
        return runnable, len(fixes) - runnable

    def failing(self) -> bool:
        return any(v.rank >= self.fail_on for v in self.violations)

    def failures(self) -> list[Failure]:
        """Every failure, in order: unreadable files, files Cortex could not check (required mode), the run's."""
        found = [Failure("read", r.error, r.path) for r in self.results if r.error]
        if self.remote_required:
            found += [Failure("remote", r.remote_error, r.path) for r in self.results if r.remote_error]
        return found + self.run_failures

    def failure_summary(self) -> str:
        """What failed, for a summary line ("1 file could not be read; Cortex could not check 2 files"), or ""."""
        counts = Counter(f.kind for f in self.failures())
        return "; ".join(_PHRASES[kind][counts[kind] != 1].format(n=counts[kind]) for kind in FAILURE_EXIT_CODES if counts[kind])

    def exit_code(self) -> int:
        kinds = {f.kind for f in self.failures()}
        for kind, code in FAILURE_EXIT_CODES.items():
            if kind in kinds:
                return code
        return 1 if self.failing() else 0
