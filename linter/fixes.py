"""Apply the rules' fixes: ``check --fix``, ``--unsafe-fixes`` and ``--diff``.

A fix is a few text edits (see :mod:`linter.edits`), so everything outside
them stays byte for byte.  Fixes run in passes: each pass applies every
applicable fix whose edits do not overlap an earlier one's, then lints the
new text again; the fixes that had to wait, and findings that appear only
after a fix, get the next pass (at most :data:`MAX_PASSES`).  A fix after
which the file has a MUST finding it did not have before (counted on every
finding of every rule on by default, whatever ``select``, ``ignore`` and suppression
comments say) is rolled back and reported.

Suppressed findings are never fixed; the caller leaves out baselined ones.
"""

from __future__ import annotations

import bisect
import difflib
import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .engine import Checked, lint
from .model import Edit, Severity, Violation
from .settings import Settings

MAX_PASSES = 10


def decode(data: bytes) -> str:
    """A file's bytes as text for fixing: a byte-order mark stays (as ``'\\ufeff'``), and bytes that are not
    UTF-8 survive the round trip through :func:`encode` (such a file gets no fix: it does not parse)."""
    return data.decode("utf-8", "surrogateescape")


def encode(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def applicable(v: Violation, unsafe: bool = False) -> bool:
    """True when ``v`` has a fix that runs under these options (safe ones always, unsafe ones with ``unsafe``)."""
    return v.fix is not None and (unsafe or v.fix.safe)


def apply_fixes(text: str, violations: list[Violation], unsafe: bool = False) -> tuple[str, list[Violation]]:
    """Apply the applicable fixes of ``violations`` to ``text``: (new text, the violations fixed).

    ``text`` is the whole file, a byte-order mark included (as ``'\\ufeff'``),
    which is what the fixes' offsets count.  A fix that overlaps one taken
    before it (in report order) is left for the next pass.
    """
    taken = _Taken()
    applied = []
    for v in sorted(violations, key=Violation.sort_key):
        if not applicable(v, unsafe):
            continue
        assert v.fix is not None  # applicable() is False without a fix
        edits = v.fix.edits
        if any(taken.overlaps(a) for a in edits) or any(
            _overlap(a, b) for i, a in enumerate(edits) for b in edits[i + 1 :]
        ):
            continue
        for edit in edits:
            taken.add(edit)
        applied.append(v)
    parts = []
    position = 0
    for edit in taken.edits:
        parts.append(text[position : edit.start])
        parts.append(edit.replacement)
        position = edit.end
    parts.append(text[position:])
    return "".join(parts), applied


def _overlap(a: Edit, b: Edit) -> bool:
    return a.start == b.start or (a.start < b.end and b.start < a.end)


class _Taken:
    """The edits taken in one pass, by start.  No two of them overlap (so no two start at the
    same offset), hence an edit overlaps one of them only if it overlaps a neighbour: a look-up,
    where comparing with every taken edit made 5,000 fixes take seconds."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.edits: list[Edit] = []

    def overlaps(self, edit: Edit) -> bool:
        i = bisect.bisect_left(self.starts, edit.start)
        return (i > 0 and _overlap(edit, self.edits[i - 1])) or (i < len(self.edits) and _overlap(edit, self.edits[i]))

    def add(self, edit: Edit) -> None:
        i = bisect.bisect_left(self.starts, edit.start)
        self.starts.insert(i, edit.start)
        self.edits.insert(i, edit)


@dataclass
class Fixed:
    """The outcome of fixing one file."""

    text: str
    """The fixed text (a byte-order mark included, if it stayed)."""
    checked: Checked
    """What remains: the fixed text linted."""
    fixed: int = 0
    rolled_back: list[tuple[Violation, Violation]] = field(default_factory=list)
    """(the finding whose fix was undone, the MUST finding that fix added)."""


def fix_text(
    text: str,
    path: str,
    settings: Settings,
    unsafe: bool = False,
    unbaselined: Callable[[list[Violation]], list[Violation]] = list,
) -> Fixed:
    """Fix ``text`` (a whole file) in passes.  ``unbaselined`` leaves out the findings a baseline holds."""

    raw_settings = settings._replace(select=None, ignore=frozenset(), per_path_ignores=())

    def check(source: str) -> Checked:
        return lint(encode(source), path, settings)

    def raw(source: str) -> list[Violation]:
        """Every finding of every rule on by default, whatever select, ignore and comments say."""
        found = lint(encode(source), path, raw_settings)
        return found.violations + found.suppressed

    checked = check(text)
    fixed = 0
    rejected: set[tuple] = set()
    rolled_back: list[tuple[Violation, Violation]] = []
    for _ in range(MAX_PASSES):
        candidates = [v for v in unbaselined(checked.violations) if applicable(v, unsafe) and _key(v) not in rejected]
        new_text, applied = apply_fixes(text, candidates, unsafe)
        if not applied:
            break
        before = raw(text)
        if _added_must(before, raw(new_text)):
            good, harmful = _sift(applied, functools.partial(_adds_must, text, before, raw, unsafe))
            for v, added in harmful:
                rejected.add(_key(v))
                rolled_back.append((v, added))
            new_text, applied = apply_fixes(text, good, unsafe)
            if applied and _added_must(before, raw(new_text)):
                rejected.update(_key(v) for v in applied)  # harmless apart, harmful together: leave them all
                continue
        text = new_text
        checked = check(text)
        fixed += len(applied)
    return Fixed(text, checked, fixed, rolled_back)


def _adds_must(
    text: str, before: list[Violation], raw: Callable[[str], list[Violation]], unsafe: bool, fixes: list[Violation]
) -> Violation | None:
    """The MUST finding that applying ``fixes`` to ``text`` adds, if any."""
    return _added_must(before, raw(apply_fixes(text, fixes, unsafe)[0]))


def _sift(
    fixes: list[Violation], adds_must: Callable[[list[Violation]], Violation | None]
) -> tuple[list[Violation], list[tuple[Violation, Violation]]]:
    """Split ``fixes``, which together add a MUST finding, into the groups that add none and the
    fixes that add one alone (each with the finding it adds), halving: about two lints per
    harmful fix and level instead of one lint per fix (thousands of fixes, one of them bad)."""
    if len(fixes) == 1:
        added = adds_must(fixes)
        return ([], [(fixes[0], added)]) if added else (fixes, [])
    good: list[Violation] = []
    harmful: list[tuple[Violation, Violation]] = []
    for half in (fixes[: len(fixes) // 2], fixes[len(fixes) // 2 :]):
        if len(half) == 1 or adds_must(half):
            kept, bad = _sift(half, adds_must)
            good += kept
            harmful += bad
        else:
            good += half
    return good, harmful


def _key(v: Violation) -> tuple:
    return (v.rule_id, v.description, v.fix.message if v.fix else "")


def _added_must(before: list[Violation], after: list[Violation]) -> Violation | None:
    """A MUST finding of a rule that has more MUST findings ``after`` than ``before``, or None.

    Counted per rule, because a fix may rightly change messages (a renamed slug) and pointers
    (a removed list item) of the findings it leaves.
    """
    counts = Counter(v.rule_id for v in before if v.rank >= Severity.MUST)
    counts.subtract(v.rule_id for v in after if v.rank >= Severity.MUST)
    grown = {rule_id for rule_id, count in counts.items() if count < 0}
    if not grown:
        return None
    old = {(v.rule_id, v.description) for v in before}
    added = [v for v in after if v.rule_id in grown and v.rank >= Severity.MUST]
    return next((v for v in added if (v.rule_id, v.description) not in old), added[0])


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file (``--- path``, ``+++ path``); empty when nothing changed."""
    if before == after:
        return ""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), path, path
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
