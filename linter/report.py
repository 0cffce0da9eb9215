"""The result of a run, as every output format receives it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .model import Severity, Violation


@dataclass
class FileResult:
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


@dataclass
class Report:
    results: list[FileResult]
    fail_on: Severity = Severity.MUST
    unsafe_fixes: bool = False
    """Unsafe fixes count as applicable (``--unsafe-fixes``)."""

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

    def exit_code(self) -> int:
        if any(result.error for result in self.results):
            return 3
        return 1 if self.failing() else 0
