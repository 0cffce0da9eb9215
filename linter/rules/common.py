"""Helpers that several rules share.  This module defines no rule, and rules import
only from here (and the analysis modules), never from each other."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ..workflow import Workflow

KEBAB_CASE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
"""Lowercase words joined by single hyphens: what Cortex's own tags and slugs look like."""

K = TypeVar("K", bound=Hashable)
T = TypeVar("T")


def repeats(entries: Iterable[tuple[K, T]]) -> Iterator[tuple[K, T, T]]:
    """``(key, first, repeat)`` for each entry whose key an earlier entry already had.

    The duplicate rules report the repeat and point back to the first entry with that key.
    """
    first: dict[K, T] = {}
    for key, entry in entries:
        if key in first:
            yield key, first[key], entry
        else:
            first[key] = entry


def outgoing_actions(workflow: Workflow) -> Iterator[tuple[int, list[tuple[int, str]]]]:
    """``(block index, [(position, slug), ...])`` for every block whose ``outgoingActions`` is a
    list; entries that are not strings are left out (``field-type`` reports them)."""
    for index, action in workflow.actions:
        outgoing = action.get("outgoingActions")
        if isinstance(outgoing, list):
            yield index, [(position, slug) for position, slug in enumerate(outgoing) if isinstance(slug, str)]


LISTED = 3
"""How many of the others a message names (another root, another file with the same tag); it
counts the rest, so that a message and its notes stay short when there are thousands."""
LISTED_VALUES = 10
"""How many allowed values or keys a message lists before counting the rest."""


def listing(names: list[str], total: int) -> str:
    """``a``, ``a and b``, ``a, b and c``, or ``a, b, c and 7 more``: ``names`` (the first
    :data:`LISTED` or :data:`LISTED_VALUES`) out of ``total``."""
    if total > len(names):
        return ", ".join(names) + f" and {total - len(names):,} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def at_start(name: str) -> str:
    """A block's name at the start of a message: ``Block 'deploy'``; ``actions[3]`` stays as it is."""
    return "B" + name[1:] if name.startswith("block ") else name


def invalid_characters(text: str) -> list[str]:
    """The characters of ``text`` that are neither letters, digits nor hyphens, each once."""
    return list(dict.fromkeys(char for char in text if not (char.isalnum() or char == "-")))


def to_kebab(text: str) -> str:
    """``deployService_v2`` -> ``deploy-service-v2``; empty when no ASCII letter or digit is left."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")  # é -> e
    text = re.sub(r"([a-z0-9])([A-Z])", r"\1-\2", text)
    text = re.sub(r"(?<=[A-Z])(?=[A-Z][a-z])", "-", text)  # HTTPServer -> HTTP-Server, linear
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))
