"""``check --add-suppressions``: write a suppression comment for every finding that has none.

One ``disable=`` comment per line that needs one, at the end of the line the
finding starts on; a finding inside a block scalar (``|``, ``>``) gets it at
the end of the line where the scalar starts, since a comment inside it would be
text, and one inside a quoted or plain scalar spanning lines gets it on a line
of its own above the scalar (the language server's "Suppress" actions place
theirs the same way: :func:`linter.suppress.placement`).  A line that a
``disable=`` comment already applies to gets the new rule ids added to that
comment.  Never a file-wide comment.  The comments are edits like a fix's
(:func:`suppression_edits`), so the rest of the file stays byte for byte;
running it again finds nothing to suppress and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from . import suppress
from .document import Document
from .edits import LineIndex
from .engine import check
from .model import Edit, Violation
from .rules import all_rules
from .settings import Settings
from .source import load


def suppression_edits(doc: Document, violations: list[Violation], reason: str) -> list[Edit]:
    """The edits that suppress ``violations`` with ``reason``: one comment per line (or rule ids added
    to the ``disable=`` comment that already applies to the line), placed as
    :func:`linter.suppress.placement` says."""
    covered = suppress.multi_line_scalars(doc)
    by_line: dict[int, tuple[bool, list[str]]] = {}
    for v in violations:
        line, above = suppress.placement(covered, v.span.start_line)
        if line <= len(doc.lines):
            rule_ids = by_line.setdefault(line, (above, []))[1]
            if v.rule_id not in rule_ids:
                rule_ids.append(v.rule_id)
    existing = {d.target: d for d in suppress.find(doc, "").directives if not d.file_wide}
    index = LineIndex(doc.text)
    newline = "\r\n" if "\r\n" in doc.text else "\n"
    edits = []
    for line, (above, rule_ids) in sorted(by_line.items()):
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
        comment = f"# {suppress.MARKER} disable={','.join(rule_ids)} -- {reason}"
        if above:
            at = index.offset(line, 1)
            edits.append(Edit(at, at, text[: len(text) - len(text.lstrip())] + comment + newline))
        else:
            at = index.offset(line, len(text.rstrip()) + 1)
            edits.append(Edit(at, at, ("  " if text.strip() else "") + comment))
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
