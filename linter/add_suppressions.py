"""``check --add-suppressions``: write a suppression comment for every finding that has none.

One ``disable=`` comment per line that needs one, at the end of the line the
finding starts on; a finding inside a block scalar (``|``, ``>``) gets it on
the line where the scalar starts, since a comment inside it would be text.
A line that already has a ``disable=`` comment gets the new rule ids added
to it.  Never a file-wide comment.  The comments are edits like a fix's
(:func:`suppression_edits`), so the rest of the file stays byte for byte;
running it again finds nothing to suppress and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from ruamel.yaml.nodes import ScalarNode

from . import suppress
from .document import Document
from .edits import LineIndex
from .engine import check
from .model import Edit, Violation
from .rules import all_rules
from .settings import Settings
from .source import load


def comment_line(doc: Document, line: int) -> int | None:
    """The line (1-based) where a suppression comment for a finding that starts on ``line`` goes,
    or None where no comment can cover it (inside a quoted or plain scalar spanning lines)."""
    for node in _multi_line_scalars(doc):
        first, last = node.start_mark.line + 1, node.end_mark.line + 1
        if node.style in ("|", ">"):
            if first <= line < last:
                return first
        elif first <= line < last:
            return None
    return line


def _multi_line_scalars(doc: Document) -> list[ScalarNode]:
    return [
        value for value, _ in doc.nodes.values() if isinstance(value, ScalarNode) and value.end_mark.line > value.start_mark.line
    ]


def suppression_edits(doc: Document, violations: list[Violation], reason: str) -> list[Edit]:
    """The edits that suppress ``violations`` with ``reason``: one comment per line (or rule ids added
    to the ``disable=`` comment the line has).  Findings no comment can cover are left out."""
    by_line: dict[int, list[str]] = {}
    for v in violations:
        line = comment_line(doc, v.span.start_line)
        if line is not None and line <= len(doc.lines):
            by_line.setdefault(line, [])
            if v.rule_id not in by_line[line]:
                by_line[line].append(v.rule_id)
    existing = {d.span.start_line: d for d in suppress.find(doc, "").directives if not d.file_wide}
    index = LineIndex(doc.text)
    edits = []
    for line, rule_ids in sorted(by_line.items()):
        directive = existing.get(line)
        if directive is not None:
            if not directive.reason:
                continue  # a comment that suppresses nothing; invalid-suppression reports it
            new = [rule_id for rule_id in rule_ids if rule_id not in directive.rules]
            end = max(span.end_column for span in directive.rules.values())
            at = index.offset(line, end)
            edits.append(Edit(at, at, "," + ",".join(new)))
            continue
        text = doc.lines[line - 1]
        at = index.offset(line, len(text.rstrip()) + 1)
        spacing = "  " if text.strip() else ""
        edits.append(Edit(at, at, f"{spacing}# cortex-workflow-lint: disable={','.join(rule_ids)} -- {reason}"))
    return edits


def add_suppressions(
    text: str, path: str, settings: Settings, reason: str, unbaselined: Callable[[list[Violation]], list[Violation]] = list
) -> tuple[str, int]:
    """``text`` (a whole file, a byte-order mark included) with suppression comments for its
    unsuppressed findings, and how many comments were written or extended."""
    if path.lower().endswith(".json"):
        return text, 0
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    doc = load(text.encode("utf-8", "surrogateescape"), settings.max_file_size)
    if doc.text != text[len(bom) :]:
        return text, 0  # not readable as UTF-8 text, or too large
    unsuppressible = {rule_id for rule_id, rule in all_rules().items() if rule.needs == "suppressions"}
    violations = [v for v in unbaselined(check(doc, path, settings).violations) if v.rule_id not in unsuppressible]
    edits = suppression_edits(doc, violations, reason)
    parts, position = [], 0
    for edit in edits:
        parts += [doc.text[position : edit.start], edit.replacement]
        position = edit.end
    return bom + "".join(parts) + doc.text[position:], len(edits)
