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


@dataclass
class Report:
    results: list[FileResult]
    fail_on: Severity = Severity.MUST

    @property
    def violations(self) -> list[Violation]:
        return [v for result in self.results for v in result.violations]

    def counts(self) -> Counter[str]:
        """Violations per violationType."""
        return Counter(v.violation_type for v in self.violations)

    def failing(self) -> bool:
        return any(v.rank >= self.fail_on for v in self.violations)

    def exit_code(self) -> int:
        if any(result.error for result in self.results):
            return 3
        return 1 if self.failing() else 0
