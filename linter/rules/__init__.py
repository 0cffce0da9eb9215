"""The rule registry.  Every module in this package defines exactly one rule, except
``common.py``, which holds what rules share (rules never import each other).

A rule is a subclass of :class:`Rule` with a stable kebab-case ``id``, a
``title``, a default ``severity`` and a docstring that is its documentation:
its first line is the title (a test checks), then ``## What it does``,
``## Why is this bad?``, ``## Example`` and ``## Use instead``.  ``check`` yields :class:`~linter.model.Finding` objects; the
engine turns their pointers into positions.  Defining the subclass registers
it, and :func:`all_rules` imports every module here, so adding a rule means
adding one file.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, Literal

from .. import PROJECT_URL
from ..model import Finding, Severity, Violation

if TYPE_CHECKING:
    from ..document import Document
    from ..suppress import Suppressions

DOCS_BASE = f"{PROJECT_URL}/blob/main/docs/rules/"

REGISTRY: dict[str, type[Rule]] = {}

Needs = Literal["source", "data", "workflow", "suppressions", "run"]


class Rule:
    id: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity]
    enabled_by_default: ClassVar[bool] = True
    needs: ClassVar[Needs] = "workflow"
    """What the rule looks at: ``"source"`` (runs on every file, parsed or
    not), ``"data"`` (any parsed document), ``"workflow"`` (a document whose
    root is a mapping), ``"suppressions"`` (runs after suppression comments
    were applied; see :mod:`linter.suppress`) or ``"run"`` (compares the
    files of one run: ``check`` yields a candidate per file, and the
    rule's ``check_run`` keeps those that the other files confirm)."""
    consequence_of: ClassVar[dict[str, str]] = {}
    """Rules whose findings explain this rule's (id -> ``"file"`` or ``"node"``); see
    :mod:`linter.cascade`.  Explained findings are not reported."""
    examples: ClassVar[bool] = True
    """False for rules whose trigger cannot be shown as a YAML example."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "id" not in cls.__dict__:
            return  # a base class for rules, such as ProblemRule
        if cls.id in REGISTRY:
            raise RuntimeError(f"duplicate rule id {cls.id!r}")
        REGISTRY[cls.id] = cls

    def check(self, doc: Document) -> Iterable[Finding]:
        raise NotImplementedError

    @staticmethod
    def check_run(candidates: list[Violation]) -> list[Violation | None]:
        """For rules with ``needs = "run"``: each file's candidate, kept or None (see :func:`linter.engine.check_run`)."""
        raise NotImplementedError

    @classmethod
    def link(cls) -> str:
        return f"{DOCS_BASE}{cls.id}.md"

    @classmethod
    def module_name(cls) -> str:
        return cls.__module__.rsplit(".", 1)[-1]


class ProblemRule(Rule):
    """A rule whose findings are made while reading and parsing the file.

    The reader reports against the rule class itself (``doc.problem(YamlSyntax, ...)``),
    so a wrong name fails at import instead of dropping the finding.
    """

    needs = "source"
    examples = False

    def check(self, doc: Document) -> Iterable[Finding]:
        return [finding for rule, finding in doc.problems if rule is type(self)]


class SuppressionRule(Rule):
    """A rule about suppression comments.  It runs after the other rules, on what
    :mod:`linter.suppress` found and recorded (see :class:`~linter.suppress.Suppressions`)."""

    needs = "suppressions"

    def check(self, doc: Document) -> Iterable[Finding]:
        found = doc.analysis.suppressions
        return () if found is None else self.check_comments(found, all_rules())

    def check_comments(self, found: Suppressions, rules: dict[str, type[Rule]]) -> Iterable[Finding]:
        """The findings about ``found``; ``rules`` is every registered rule by id."""
        raise NotImplementedError

_ALL: dict[str, type[Rule]] = {}


def all_rules() -> dict[str, type[Rule]]:
    """Every registered rule, by id, in id order (the rule modules are imported on first use)."""
    if not _ALL:
        for name in os.listdir(__path__[0]):  # not pkgutil: importing it is a start-up cost of its own
            if name.endswith(".py") and name != "__init__.py":
                importlib.import_module(f"{__name__}.{name[:-3]}")
        _ALL.update(sorted(REGISTRY.items()))
    return _ALL
