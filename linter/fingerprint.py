"""A finding's identity that survives edits: one function behind the baseline, SARIF and GitLab.

Line numbers and array indexes change with every edit above a finding and
every reordering of blocks, so neither is part of it.  A finding is named by
its rule, the slug of the block it is in, the pointer below that block
(``/schema/url``) and a hash of the offending scalar value, or of the message
where the finding has no scalar (a missing field, a whole block).
"""

from __future__ import annotations

from .document import Document
from .model import Identity, Violation


def identity(doc: Document, rule_id: str, pointer: str, description: str) -> Identity:
    """The identity of a finding of ``rule_id`` at ``pointer`` in ``doc``."""
    from ruamel.yaml.nodes import ScalarNode  # noqa: PLC0415 - already loaded by the parser

    block, below = _block_of(doc, pointer)
    entry = doc.nodes.get(pointer) if pointer else None
    node = entry[0] if entry is not None else None
    if isinstance(node, ScalarNode):
        return Identity(rule_id, block, below, "value", node.value)
    return Identity(rule_id, block, below, "message", description)


def of(v: Violation) -> Identity:
    """The identity the engine gave ``v``; for a finding only Cortex reported, one from its pointer and message."""
    return v.identity or Identity(v.rule_id, None, v.pointer, "message", v.description)


def key(found: Identity) -> str:
    """The identity as one line of text (what SARIF and GitLab hash)."""
    return "\n".join((found.rule_id, found.block or "", found.pointer, found.hash))


def _block_of(doc: Document, pointer: str) -> tuple[str | None, str]:
    tokens = pointer.split("/")
    if len(tokens) < 3 or tokens[1] != "actions" or not tokens[2].isdigit():
        return None, pointer
    actions = doc.data.get("actions") if isinstance(doc.data, dict) else None
    index = int(tokens[2])
    action = actions[index] if isinstance(actions, list) and index < len(actions) else None
    slug = action.get("slug") if isinstance(action, dict) else None
    if not isinstance(slug, str):
        return None, pointer
    return slug, "".join("/" + t for t in tokens[3:])
