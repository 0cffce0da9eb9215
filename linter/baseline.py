"""The baseline: today's findings, recorded so that only new ones are reported.

``check --write-baseline FILE`` records every finding; ``check --baseline FILE``
(or ``baseline`` in the configuration) leaves out the findings it holds and
counts them.  An entry is a finding's identity (:mod:`linter.fingerprint`:
rule id, block slug, pointer below the block, hash of the offending value or
of the message) and the file's path relative to the baseline file, with a
count for identical entries.  Neither line numbers nor block indexes are in
it, so moving lines, reordering blocks or adding blocks keeps it valid; a
second instance of a problem is one more than the count, and is reported.

The file is JSON with sorted entries and keys, so it is the same bytes for
the same findings, and merges conflict rarely.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from . import fingerprint
from .config import ConfigError
from .model import Violation
from .report import FileResult

VERSION = 1


class BaselineError(ConfigError):
    """A baseline file that cannot be read or written; the message is one line for the user (exit 2)."""


class Entry(NamedTuple):
    path: str
    rule: str
    block: str | None
    pointer: str
    hash: str

    def describe(self) -> str:
        where = f"block '{self.block}' {self.pointer}" if self.block is not None else self.pointer or "(the file)"
        return f"{self.path}: [{self.rule}] {where}"


@dataclass
class Baseline:
    """The findings recorded in a baseline file, counted by their identity."""

    file: Path
    entries: Counter[Entry]

    @property
    def directory(self) -> str:
        return os.path.dirname(os.path.abspath(self.file))

    def entry(self, v: Violation) -> Entry:
        found = fingerprint.of(v)
        path = os.path.relpath(os.path.abspath(v.path), self.directory).replace(os.sep, "/")
        return Entry(path, found.rule_id, found.block, found.pointer, found.hash)

    def unbaselined(self, violations: list[Violation]) -> list[Violation]:
        """The violations of one file that the baseline does not hold."""
        left = Counter(self.entries)
        kept = []
        for v in violations:
            entry = self.entry(v)
            if left[entry] > 0:
                left[entry] -= 1
            else:
                kept.append(v)
        return kept


def load(file: str | Path) -> Baseline:
    path = Path(file)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or type(exc).__name__}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: the baseline is not valid JSON: {exc}") from None
    entries: Counter[Entry] = Counter()
    try:
        if data.get("version") != VERSION:
            raise BaselineError(f"{path}: unknown baseline version {data.get('version')!r}; expected {VERSION}")
        for item in data["entries"]:
            entry = Entry(item["path"], item["rule"], item["block"], item["pointer"], item["hash"])
            if not all(isinstance(v, str) for v in entry if v is not None) or not isinstance(item["count"], int):
                raise TypeError
            entries[entry] += item["count"]
    except (AttributeError, KeyError, TypeError):
        raise BaselineError(f"{path}: not a baseline written by --write-baseline (expected {{version, entries}})") from None
    return Baseline(path, entries)


def apply(baseline: Baseline, results: list[FileResult]) -> list[Entry]:
    """Leave out of ``results`` the violations the baseline holds (counted in ``baselined``);
    return the entries that matched nothing, for the files of this run and for files that are gone."""
    left = Counter(baseline.entries)
    linted = set()
    for result in results:
        if result.error is not None:
            continue
        kept = []
        for v in result.violations:
            entry = baseline.entry(v)
            linted.add(entry.path)
            if left[entry] > 0:
                left[entry] -= 1
                result.baselined += 1
            else:
                kept.append(v)
        result.violations = kept
        linted.add(os.path.relpath(os.path.abspath(result.path), baseline.directory).replace(os.sep, "/"))
    return sorted(
        entry
        for entry, count in left.items()
        for _ in range(count)
        if entry.path in linted or not os.path.exists(os.path.join(baseline.directory, entry.path))
    )


def write(file: str | Path, results: list[FileResult], previous: Baseline | None) -> Baseline:
    """Record the violations of ``results``; entries of ``previous`` for files this run did not
    lint are kept while those files exist.  Returns the new baseline."""
    baseline = Baseline(Path(file), Counter())
    linted = {os.path.relpath(os.path.abspath(r.path), baseline.directory).replace(os.sep, "/") for r in results}
    for result in results:
        baseline.entries.update(baseline.entry(v) for v in result.violations)
    if previous is not None:
        for entry, count in previous.entries.items():
            if entry.path not in linted and os.path.exists(os.path.join(baseline.directory, entry.path)):
                baseline.entries[entry] += count
    items = [
        {"path": e.path, "rule": e.rule, "block": e.block, "pointer": e.pointer, "hash": e.hash, "count": count}
        for e, count in sorted(baseline.entries.items(), key=lambda item: _order(item[0]))
    ]
    text = json.dumps({"version": VERSION, "entries": items}, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    try:
        Path(file).write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise BaselineError(f"{file}: cannot write the baseline: {exc.strerror or type(exc).__name__}") from None
    return baseline


def _order(entry: Entry) -> tuple:
    return (entry.path, entry.rule, entry.block or "", entry.pointer, entry.hash)
