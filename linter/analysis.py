"""What is computed once per document and shared by the rules.

Every rule receives the :class:`~linter.document.Document`; ``doc.analysis``
is the one place where the analyses several rules share live.  Each is
computed on first use and kept for the other rules of the same run, so a
reader sees here what is computed per document and who uses it.  The
workflow analyses (``workflow``, ``input_fields``, ``templates``,
``schema_findings``) are only for a document whose data is a mapping (rules
with ``needs = "workflow"``).
"""

from __future__ import annotations

import weakref
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .document import Document
    from .edits import LineIndex
    from .model import Finding
    from .settings import Settings
    from .suppress import Suppressions
    from .symbols import Symbols
    from .templates import Templates
    from .user_input import InputField
    from .workflow import Workflow

SchemaKind = Literal["required", "type", "coerced", "enum", "unknown", "other"]


class Analysis:
    def __init__(self, doc: Document) -> None:
        # Not a strong reference: the document holds its analysis, and a cycle would keep the
        # whole tree alive until a full collection (the language server drops one per change).
        self._doc_ref = weakref.ref(doc)
        self._settings: Settings | None = None
        self._data: Any = doc.data
        self.suppressions: Suppressions | None = None
        """The suppression comments and what they suppressed.  Set by the engine after the
        other rules ran, for the rules with ``needs = "suppressions"``."""

    @property
    def _doc(self) -> Document:
        doc = self._doc_ref()
        if doc is None:
            raise ReferenceError("the document of this analysis is gone")
        return doc

    @cached_property
    def workflow(self) -> Workflow:
        """The action graph: blocks by slug, edges, reachability, cycles (graph and reference rules)."""
        from .workflow import Workflow  # noqa: PLC0415 - workflow.py imports document.py

        return Workflow(self._data)

    @cached_property
    def input_fields(self) -> list[InputField]:
        """The form fields of every USER_INPUT block, in document order (the input rules)."""
        from .user_input import input_fields  # noqa: PLC0415

        return list(input_fields(self.workflow))

    @cached_property
    def templates(self) -> Templates:
        """The references in every Mustache, jq, CEL and JavaScript field (the template rules)."""
        from .templates import Templates  # noqa: PLC0415

        return Templates.scan(self._data)

    @cached_property
    def symbols(self) -> Symbols:
        """Where each block, variable and input is defined and named (renames, the language server)."""
        from .symbols import Symbols  # noqa: PLC0415

        return Symbols(self._doc)

    @cached_property
    def _schema_findings(self) -> dict[str, list[Finding]]:
        from .structure import validate  # noqa: PLC0415

        return validate(self._doc, self._settings)

    @cached_property
    def line_index(self) -> LineIndex:
        """Offsets to lines and columns (the engine, for the spans of fixes' edits)."""
        from .edits import LineIndex  # noqa: PLC0415

        return LineIndex(self._doc.text)

    def read_as_cortex(self, settings: Settings | None = None) -> None:
        """Validate now, converting in ``doc.data`` the scalars that Cortex (Jackson) converts
        (``"true"`` for a boolean, ``42`` for a string), so that every rule reads the values Cortex
        reads, and accepting the extra block types and enum values of ``settings``.  The engine
        calls it before the rules run."""
        self._settings = settings
        _ = self._schema_findings

    def schema_findings(self, kind: SchemaKind) -> list[Finding]:
        """The schema errors of one kind (one rule reports each kind; see :mod:`linter.structure`)."""
        return self._schema_findings.get(kind, [])
