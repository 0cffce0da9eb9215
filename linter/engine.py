"""Lint one file: read, parse, run the selected rules, apply suppression comments, and sort the results.

A rule that raises never stops the run: its failure becomes an
``internal-error`` violation that names the rule.  Nor does a failure while
reading, parsing or checking the file as a whole: it becomes an
``internal-error`` violation for that file.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import NamedTuple

from . import cascade, fingerprint, suppress
from .document import Document
from .model import WHOLE_FILE, Finding, Fix, RelatedLocation, Span, Violation
from .rules import Rule, all_rules
from .rules.internal_error import InternalError
from .settings import Settings
from .source import load


class Checked(NamedTuple):
    violations: list[Violation]
    """What the file is reported for, sorted."""
    suppressed: list[Violation]
    """What suppression comments hid (for ``--statistics`` and reports), sorted."""
    candidates: tuple[tuple[Violation, bool], ...] = ()
    """For the rules that compare the files of a run (``needs = "run"``): each candidate,
    and whether a suppression comment hides it.  :func:`check_run` settles them."""


def lint(data: bytes | str, path: str = "<stdin>", settings: Settings | None = None) -> Checked:
    """Read, parse and check one file (its bytes, or text such as an editor buffer).

    ``path`` is used in messages and for per-path settings.
    """
    settings = settings or Settings()
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        with collector_paused():
            return check(load(raw, settings.max_file_size, path, settings.limits), path, settings)
    except Exception as exc:  # noqa: BLE001 - one file's failure must not stop the run
        failure = Finding(f"Linting this file failed: {type(exc).__name__}: {_shorten(str(exc))}", span=WHOLE_FILE)
        return Checked([_violation(InternalError, failure, Document(""), path, settings)], [])


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a file is parsed and checked.

    A lint allocates hundreds of thousands of objects (nodes, marks, the data, the findings) that
    all stay alive until the rules are done, so every automatic collection walks a heap that only
    grows, and finds nothing to free: a document is freed by reference counting alone (a test in
    ``test_document.py`` holds it to that).  Paused, a 10,000-block workflow lints 2-10% faster
    from the command line, whose thresholds are already high (``cli.py``), and about a third
    faster in a process with Python's default ones (docs/performance.md).  The collector runs
    again as soon as the lint is over.
    """
    if not gc.isenabled():  # paused already, by an outer caller or by the program
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def warm_up() -> None:
    """Load the rules and build the schema validators ahead of the first file (a pool worker
    does it while the parent process is still finding files)."""
    from . import structure  # noqa: PLC0415 - the rules import it anyway

    all_rules()
    structure.prepare()


def check(doc: Document, path: str, settings: Settings) -> Checked:
    """Run the selected rules on a parsed document, then apply suppression comments.

    Findings that follow from another finding are dropped first (see
    :mod:`linter.cascade`), on the raw findings of the selected rules and of
    every rule that can explain them, so ``select``, ``ignore`` and comments
    that hide a root cause never bring its consequences back.

    Rules about suppressions (``needs = "suppressions"``) run last, on the
    bookkeeping that :mod:`linter.suppress` leaves in ``doc.analysis.suppressions``.
    """
    plan = _plan(settings.rule_ids_for(path))
    if doc.usable:
        doc.analysis.read_as_cortex(settings)  # before any rule reads doc.data
    found_by_selected: list[Violation] = []
    found_by_roots: list[Violation] = []  # only to know what they explain
    candidates: list[Violation] = []
    ran = set()
    for rule, is_selected in plan.per_file:
        if _applies(rule, doc):
            ran.add(rule.id)
            (found_by_selected if is_selected else found_by_roots).extend(_run(rule, doc, path, settings))
    for rule in plan.per_run:
        if _applies(rule, doc):
            candidates.extend(_run(rule, doc, path, settings))
    reported = {id(v) for v in found_by_selected}
    violations = [v for v in cascade.drop_consequences(found_by_selected + found_by_roots, all_rules()) if id(v) in reported]
    found = suppress.find(doc, path)
    found.ran = frozenset(ran & plan.selected)  # a run rule's suppression is never judged unused: the file alone cannot tell
    kept, suppressed = suppress.apply(violations, found)
    hidden = suppress.apply(candidates, found)[1]
    doc.analysis.suppressions = found
    for rule in plan.about_suppressions:
        kept.extend(_run(rule, doc, path, settings))
    return Checked(
        sorted(set(kept), key=Violation.sort_key),
        sorted(set(suppressed), key=Violation.sort_key),
        tuple((candidate, candidate in hidden) for candidate in candidates),
    )


class _Plan(NamedTuple):
    """What :func:`check` runs for one selection of rules."""

    selected: frozenset[str]
    per_file: tuple[tuple[type[Rule], bool], ...]
    """The rules that check the file alone, each with whether it is selected (the others run
    only to know which findings they explain: see :mod:`linter.cascade`)."""
    per_run: tuple[type[Rule], ...]
    """The selected rules that compare the files of a run (``needs = "run"``)."""
    about_suppressions: tuple[type[Rule], ...]
    """The selected rules about suppression comments (``needs = "suppressions"``), run last."""


@lru_cache(maxsize=64)
def _plan(selected: tuple[str, ...]) -> _Plan:
    rules = all_rules()
    chosen = frozenset(selected)
    roots = {root for rule_id in selected for root in cascade.roots_of(rules[rule_id])}
    order = [rules[rule_id] for rule_id in [*selected, *sorted(roots - chosen)]]
    return _Plan(
        chosen,
        tuple((rule, rule.id in chosen) for rule in order if rule.needs not in ("suppressions", "run")),
        tuple(rule for rule in order if rule.needs == "run" and rule.id in chosen),
        tuple(rules[rule_id] for rule_id in selected if rules[rule_id].needs == "suppressions"),
    )


def check_run(candidates: list[tuple[Violation, bool]]) -> list[tuple[Violation, bool]]:
    """Settle the candidates of every file of a run (see :class:`Checked`): the violations the
    rules that compare files confirm, each with whether a suppression comment hides it."""
    rules = all_rules()
    confirmed: list[tuple[Violation, bool]] = []
    for rule_id in dict.fromkeys(v.rule_id for v, _ in candidates):
        mine = [(v, hidden) for v, hidden in candidates if v.rule_id == rule_id]
        settled = rules[rule_id].check_run([v for v, _ in mine])
        confirmed += [(violation, hidden) for violation, (_, hidden) in zip(settled, mine) if violation is not None]
    return confirmed


def _run(rule: type[Rule], doc: Document, path: str, settings: Settings) -> list[Violation]:
    try:
        findings = list(rule().check(doc))
    except Exception as exc:  # noqa: BLE001 - a rule bug must not stop the run
        crash = Finding(f"Rule '{rule.id}' failed: {type(exc).__name__}: {exc}")
        return [_violation(InternalError, crash, doc, path, settings)]
    return [_violation(rule, finding, doc, path, settings) for finding in findings]


def _applies(rule: type[Rule], doc: Document) -> bool:
    if rule.needs == "source":
        return True
    if rule.needs == "data":
        return doc.usable
    return isinstance(doc.data, dict)


def _violation(rule: type[Rule], finding: Finding, doc: Document, path: str, settings: Settings) -> Violation:
    span = finding.span or doc.locate(finding.pointer, finding.part, finding.text_range)
    related = tuple(
        RelatedLocation(r.pointer, r.message, doc.locate(r.pointer, r.part)) for r in finding.related
    )
    return Violation(
        path=path,
        rule_id=rule.id,
        title=rule.title,
        description=finding.description,
        severity=settings.severity_of(rule.id, rule.severity),
        rule_link=rule.link(),
        pointer=finding.pointer,
        span=span,
        related=related,
        fix=_fix(finding.fix, doc) if finding.fix else None,
        identity=fingerprint.identity(doc, rule.id, finding.pointer, finding.description),
    )


def _fix(fix: Fix, doc: Document) -> Fix:
    """The fix with offsets into the file's text (a byte-order mark counts as one character) and spans."""
    index = doc.analysis.line_index
    shift = 1 if doc.bom else 0
    edits = []
    for edit in fix.edits:
        start, end = (max(edit.start, 0), max(edit.end, 0))
        line, column = index.position(start)
        end_line, end_column = index.position(end)
        edits.append(edit._replace(start=edit.start + shift, end=edit.end + shift, span=Span(line, column, end_line, end_column)))
    return fix._replace(edits=tuple(edits))
