"""Aliases and merge keys should not be used.

## What it does
Reports every alias (`*name`) and every merge key (`<<`), at the alias or
the key itself, and suggests writing the value out.  A merge key's aliases
are part of that one finding.  The other rules read the file with aliases
expanded, as a YAML 1.2 tool does, so one alias gives exactly one finding:
this one.  JSON has no aliases.

## Why is this bad?
Cortex reads descriptors with Jackson, and Jackson's YAML parser does not
expand aliases: it reports `*name` as the plain text `name` where the
anchored mapping, list or value was meant.  It also treats `<<` as an
ordinary key, so a block that merges its fields from an anchor lacks those
fields in Cortex (and has an unknown field `<<`).  The file can look valid
in every YAML tool and still be read differently by Cortex.

This is our reading (INFERRED), not a documented Cortex behaviour.  The
evidence: Cortex's import errors (`Duplicate field 'filter'`) are Jackson's
wording; its violation shape is that of Zally, whose readers use Jackson's
YAML factory; and jackson-dataformat-yaml reports an alias event as a
string token holding the anchor's name instead of replaying the anchored
node, and knows no merge keys.

## Example
```yaml
tag: deploy
name: Deploy
isDraft: false
filter:
  type: GLOBAL
actions:
  - slug: notify
    name: Notify
    isRootAction: true
    outgoingActions: []
    schema: &slack
      type: SLACK
      channel: deploys
      message: Deploying
  - slug: notify-again
    name: Notify again
    isRootAction: false
    outgoingActions: []
    schema: *slack
```

## Use instead
```yaml
tag: deploy
name: Deploy
isDraft: false
filter:
  type: GLOBAL
actions:
  - slug: notify
    name: Notify
    isRootAction: true
    outgoingActions: []
    schema:
      type: SLACK
      channel: deploys
      message: Deploying
  - slug: notify-again
    name: Notify again
    isRootAction: false
    outgoingActions: []
    schema:
      type: SLACK
      channel: deploys
      message: Deploying
```
"""

from __future__ import annotations

from collections.abc import Iterator

from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    DocumentEndEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceStartEvent,
)

from ..document import Document, escape, parse_events
from ..model import Finding, Severity, Span
from . import Rule


class YamlAlias(Rule):
    id = "yaml-alias"
    title = "Aliases and merge keys should not be used"
    severity = Severity.SHOULD
    needs = "data"

    def check(self, doc: Document) -> Iterator[Finding]:
        if not doc.uses_aliases:
            return
        for kind, name, pointer, span in _aliases_and_merge_keys(doc.text):
            if kind == "merge":
                yield Finding(
                    "Merge key '<<': Cortex may read '<<' as an ordinary key, so the merged fields "
                    "are missing; write the fields out in this mapping",
                    pointer,
                    span=span,
                )
            else:
                yield Finding(
                    f"Alias '*{name}': Cortex may read an alias as the plain text '{name}', not as the "
                    f"value anchored '&{name}'; write the value out here",
                    pointer,
                    span=span,
                )


class _Frame:
    __slots__ = ("expect_key", "in_merge", "index", "is_mapping", "key", "merging", "pointer")

    def __init__(self, pointer: str, is_mapping: bool, in_merge: bool) -> None:
        self.pointer = pointer
        self.is_mapping = is_mapping
        self.key = ""
        self.index = 0
        self.expect_key = True
        self.merging = False  # the current key is a merge key
        self.in_merge = in_merge  # a list of aliases under a merge key


def _aliases_and_merge_keys(text: str) -> list[tuple[str, str, str, Span]]:
    """("alias" or "merge", anchor name, JSON pointer, span) in document order, first document only.

    Walks the parser's events with an explicit stack (no recursion) to know
    the pointer of each node, since the composed tree no longer says where
    an alias was written.
    """
    found: list[tuple[str, str, str, Span]] = []
    stack: list[_Frame] = []
    for event in parse_events(text):
        if isinstance(event, DocumentEndEvent):
            break
        if isinstance(event, CollectionEndEvent):
            stack.pop()
            continue
        if not isinstance(event, NodeEvent):
            continue
        pointer, under_merge, frame = "", False, stack[-1] if stack else None
        if frame is not None and frame.is_mapping:
            if frame.expect_key:
                frame.expect_key = False
                frame.key = event.value if isinstance(event, ScalarEvent) else "<complex key>"
                pointer = frame.pointer + "/" + escape(frame.key)
                frame.merging = isinstance(event, ScalarEvent) and event.value == "<<" and not event.style
                if frame.merging:
                    found.append(("merge", "", pointer, _span(event)))
            else:
                frame.expect_key = True
                pointer = frame.pointer + "/" + escape(frame.key)
                under_merge = frame.merging
        elif frame is not None:
            pointer = f"{frame.pointer}/{frame.index}"
            frame.index += 1
            under_merge = frame.in_merge
        if isinstance(event, AliasEvent):
            if not under_merge:
                found.append(("alias", event.anchor, pointer, _span(event)))
        elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            stack.append(_Frame(pointer, isinstance(event, MappingStartEvent), under_merge))
    return found


def _span(event: NodeEvent) -> Span:
    start, end = event.start_mark, event.end_mark
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)
