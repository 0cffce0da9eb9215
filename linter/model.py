"""The data every other module speaks: severities, findings and violations.

Rules yield :class:`Finding` objects that say *where* with an RFC 6901 JSON
pointer.  The engine turns each one into a :class:`Violation`, which carries
exact 1-based positions and everything the output formats need.
"""

from __future__ import annotations

import enum
import functools
from typing import Literal, NamedTuple

Part = Literal["value", "key"]
"""What of a node a finding underlines: the node itself, or the mapping key that introduces it."""


class Severity(enum.IntEnum):
    """Cortex's violation types, ordered so that ``a >= b`` means "at least as severe"."""

    HINT = 0
    MAY = 1
    SHOULD = 2
    MUST = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown violationType {text!r}; expected one of MUST, SHOULD, MAY, HINT"
            ) from None


class Span(NamedTuple):
    """A region of the source: 1-based lines and columns, end column exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


WHOLE_FILE = Span(1, 1, 1, 1)


class Related(NamedTuple):
    """A secondary location (for example another edge of a cycle)."""

    pointer: str
    message: str
    part: Part = "value"


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the document's text with ``replacement``.

    Offsets are character indexes into the text; a rule takes them from the
    document's nodes (``mark.index``).  The engine fills ``span`` (1-based
    lines and columns, end exclusive) for the output formats and editors.
    """

    start: int
    end: int
    replacement: str
    span: Span | None = None


SAFE = "safe"
"""The original is certainly wrong and the edit is the one right correction."""
UNSAFE = "unsafe"
"""A guess among candidates, or a change a reviewer should confirm (applied only with ``--unsafe-fixes``)."""


class Fix(NamedTuple):
    """How to correct one finding: text edits that do not overlap, and how sure we are."""

    message: str
    edits: tuple[Edit, ...]
    applicability: str = SAFE

    @property
    def safe(self) -> bool:
        return self.applicability == SAFE


class Finding(NamedTuple):
    """What a rule reports: a message about the node at ``pointer``.

    ``part`` is ``"value"`` to underline the node itself or ``"key"`` to
    underline the mapping key that introduces it (useful for a missing field,
    where the whole parent object would be too large a region).  ``span`` is
    only for findings that have no node, such as a syntax error.
    ``text_range`` is for findings about part of a string: the ``(start,
    end)`` character offsets in the string at ``pointer``, which
    :meth:`Document.locate <linter.document.Document.locate>` maps to the
    exact source position (see :mod:`linter.positions`).
    """

    description: str
    pointer: str = ""
    part: Part = "value"
    related: tuple[Related, ...] = ()
    span: Span | None = None
    fix: Fix | None = None
    text_range: tuple[int, int] | None = None


class Identity(NamedTuple):
    """A finding's identity across edits: the rule, the slug of the block it is in (None outside a
    block, or in a block without a slug), the pointer below that block (the whole pointer
    otherwise) and what :attr:`hash` digests: the offending scalar value, or the message.  The
    value is kept by reference, not copied, so many findings in one long string stay cheap."""

    rule_id: str
    block: str | None
    pointer: str
    kind: Literal["value", "message"]
    """``value`` (``text`` is the offending scalar) or ``message`` (``text`` is the message)."""
    text: str

    @property
    def hash(self) -> str:
        return _digest(self.kind, self.text)


@functools.lru_cache(maxsize=256)
def _digest(kind: str, text: str) -> str:
    """Cached: the many findings in one long string share the string object, so it is hashed once."""
    import hashlib  # noqa: PLC0415 - only the baseline, SARIF and GitLab need it

    return hashlib.sha256(f"{kind}:{text}".encode("utf-8", "surrogateescape")).hexdigest()[:16]


class RelatedLocation(NamedTuple):
    """A note of a violation, located: another place that explains it (the first of two duplicates, an edge of a cycle)."""

    pointer: str
    message: str
    span: Span
    path: str | None = None
    """The file the note points into, when it is not the violation's own (a check across files)."""


class Violation(NamedTuple):
    """One problem in one file, in the shape every output format starts from.

    A NamedTuple, like the other records here: a frozen dataclass costs a cold run about 2 ms to
    create (docs/performance.md), and two violations that differ only in their fix or identity
    never occur (both follow from the rule, the pointer and the message)."""

    path: str
    rule_id: str
    title: str
    description: str
    severity: Severity | str
    rule_link: str
    pointer: str
    span: Span
    related: tuple[RelatedLocation, ...] = ()
    source: str = "local"
    fix: Fix | None = None
    """Edits with offsets into the file's text (after a byte-order mark, which only the
    ``byte-order-mark`` fix removes) and their spans."""
    identity: Identity | None = None
    """What stays the same when lines move and blocks are reordered (see :mod:`linter.fingerprint`)."""
    cross_checked: bool = False
    """After ``check --remote``: a local finding that Cortex was asked about and does not report."""

    @property
    def violation_type(self) -> str:
        """MUST/SHOULD/MAY/HINT, or an unknown type that Cortex sent verbatim."""
        return self.severity.name if isinstance(self.severity, Severity) else str(self.severity)

    @property
    def rank(self) -> int:
        """Severity as a number; an unknown remote type ranks as MUST."""
        return int(self.severity) if isinstance(self.severity, Severity) else int(Severity.MUST)

    def sort_key(self) -> tuple:
        s = self.span
        return (self.path, s.start_line, s.start_column, -self.rank, self.rule_id, self.description)
