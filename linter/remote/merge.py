"""Turn Cortex's validate response into violations and merge them with ours.

Every field of the response may be missing or of the wrong type; nothing
here raises on it.  A remote violation gets the rule id ``remote``,
``source="remote"``, Cortex's title, description and ruleLink, and its
``violationType`` verbatim when it is not one we know (such as
``CONSTRAINT``; it then ranks as MUST).  Its position is that of its pointer
when the pointer names a node of the file (exact columns, the same span as a
matching local finding), else Cortex's ``startLine``/``endLine``, else the
nearest existing ancestor of the pointer.

Matching: a remote and a local violation describe the same problem when
their pointers are equal, or when one pointer is an ancestor of the other
and their texts (title and description) share a meaningful word, such as a
field name or a slug (generic words like "field", "action" or "missing" do
not count).  Equal pointers win over ancestors, then more shared words.
Each violation matches at most once.  A match becomes one violation with
``source="both"``: ours (rule id, message, exact span), with the more severe
of the two violationTypes.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from ..document import Document
from ..model import Severity, Span, Violation

RULE_ID = "remote"

_WORD = re.compile(r"[a-z0-9][a-z0-9_.-]*[a-z0-9]|[a-z0-9]")
_GENERIC = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "cannot", "does", "expected", "exist", "exists", "field", "fields", "for", "found", "from", "has", "have", "in", "into", "invalid", "is", "it", "its", "missing", "must", "not", "of", "on", "one", "or", "required", "should", "that", "the", "there", "this", "to", "type", "value", "values", "which", "with", "action", "actions", "block", "blocks", "schema", "workflow", "workflows", "defined", "unknown", "allowed", "may", "only"]
)


def remote_violations(response: dict, doc: Document, path: str) -> list[Violation]:
    """Cortex's violations for one file, leniently read."""
    items = response.get("violations")
    found = [_violation(item, doc, path) for item in (items if isinstance(items, list) else []) if isinstance(item, dict)]
    if not found and response.get("ok") is False:
        found.append(
            Violation(
                path=path,
                rule_id=RULE_ID,
                title="Cortex validation",
                description="Cortex reports the workflow as not valid, but names no violation",
                severity=Severity.MUST,
                rule_link="",
                pointer="",
                span=doc.locate(""),
                source="remote",
            )
        )
    return found


def _violation(item: dict, doc: Document, path: str) -> Violation:
    title = _text(item.get("title")) or "Cortex validation"
    pointer = _pointer(item)
    return Violation(
        path=path,
        rule_id=RULE_ID,
        title=title,
        description=_text(item.get("description")) or title,
        severity=_severity(item.get("violationType")),
        rule_link=_text(item.get("ruleLink")),
        pointer=pointer,
        span=_span(item, doc, pointer),
        source="remote",
    )


def _text(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def _severity(value: object) -> Severity | str:
    """A known type, an unknown one verbatim (such as CONSTRAINT), or MUST when there is none."""
    text = " ".join(value.split())[:40] if isinstance(value, str) else ""
    if not text:
        return Severity.MUST
    try:
        return Severity.parse(text)
    except ValueError:
        return text


def _pointer(item: dict) -> str:
    pointer = item.get("pointer")
    if not isinstance(pointer, str):
        paths = item.get("paths")
        pointer = next((p for p in paths if isinstance(p, str)), "") if isinstance(paths, list) else ""
    pointer = pointer.lstrip("#")
    return pointer if not pointer or pointer.startswith("/") else "/" + pointer


def _span(item: dict, doc: Document, pointer: str) -> Span:
    if pointer in doc.nodes:
        return doc.locate(pointer)
    start, end = item.get("startLine"), item.get("endLine")
    if _is_line(start):
        end = end if _is_line(end) and end >= start else start
        lines = doc.lines
        end_column = len(lines[end - 1]) + 1 if end <= len(lines) else 1
        return Span(start, 1, end, end_column)
    return doc.locate(pointer)


def _is_line(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def merge(local: list[Violation], remote: list[Violation]) -> list[Violation]:
    """One list: matched pairs as ``source="both"``, the rest as they are, sorted."""
    merged = list(local)
    open_local = set(range(len(local)))
    remote_only = []
    for theirs in remote:
        scored = [(score, -index, index) for index in open_local if (score := _match(local[index], theirs))]
        if not scored:
            remote_only.append(theirs)
            continue
        index = max(scored)[2]
        open_local.discard(index)
        ours = local[index]
        severity = theirs.severity if theirs.rank > ours.rank else ours.severity
        merged[index] = ours._replace(source="both", severity=severity)
    for index in open_local:
        merged[index] = local[index]._replace(cross_checked=True)
    return sorted(merged + remote_only, key=Violation.sort_key)


def _match(ours: Violation, theirs: Violation) -> tuple[int, int] | None:
    shared = len(_words(ours) & _words(theirs))
    if ours.pointer == theirs.pointer:
        return (2, shared)
    if shared and (_is_ancestor(ours.pointer, theirs.pointer) or _is_ancestor(theirs.pointer, ours.pointer)):
        return (1, shared)
    return None


def _is_ancestor(parent: str, child: str) -> bool:
    return parent == "" or child.startswith(parent + "/")


def _words(v: Violation) -> set[str]:
    return {w for w in _WORD.findall(f"{v.title} {v.description}".lower()) if len(w) > 2 and w not in _GENERIC}
