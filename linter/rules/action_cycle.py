"""Blocks must not form a cycle.

## What it does
Finds every loop in the `outgoingActions` graph, self-loops included, and
reports it once: the message spells out the path (`a -> b -> c -> a`), the
violation points at the edge that closes the loop back to its first block in
document order, and the related locations list every edge of the loop.  When
several loops share blocks (one strongly connected component), the shortest
loop through the component's first block stands for all of them.

## Why is this bad?
A workflow runs its blocks once each, from the root onwards; a block that
leads back to itself, directly or through others, would never finish.

## Example
```yaml
actions:
- slug: fetch
  isRootAction: true
  outgoingActions: [check]
- slug: check
  isRootAction: false
  outgoingActions: [fetch]
```

## Use instead
```yaml
actions:
- slug: fetch
  isRootAction: true
  outgoingActions: [check]
- slug: check
  isRootAction: false
  outgoingActions: []
```
"""

from collections import deque
from collections.abc import Iterable
from itertools import pairwise

from ..document import Document
from ..model import Finding, Related, Severity
from ..workflow import Workflow
from . import Rule


class ActionCycle(Rule):
    id = "action-cycle"
    title = "Blocks must not form a cycle"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        wf = doc.analysis.workflow
        for members in wf.components():
            start = min(members)
            if len(members) == 1 and start not in wf.successors(start):
                continue
            cycle = _shortest_cycle(wf, start, set(members))
            edges = list(pairwise(cycle))
            path = _path(wf, cycle)
            last_source, _ = edges[-1]
            yield Finding(
                f"Blocks form a cycle: {path}; a block must not lead back to itself",
                wf.edge_pointer(last_source, start),
                related=tuple(
                    Related(wf.edge_pointer(a, b), f"{wf.label(a)} -> {wf.label(b)}") for a, b in edges
                ),
            )


def _shortest_cycle(wf: Workflow, start: int, members: set[int]) -> list[int]:
    """``[start, ..., start]``: a shortest loop through ``start`` inside its component (BFS)."""
    parent: dict[int, int] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in wf.successors(node):
            if target == start:
                path = [start, node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return path[::-1]
            if target in members and target not in parent:
                parent[target] = node
                queue.append(target)
    raise AssertionError("a strongly connected component always has a loop")


def _path(wf: Workflow, cycle: list[int]) -> str:
    """``a -> b -> a``; a loop of more than 10 blocks shows its first and last 5."""
    slugs = [wf.slug_of(i) or wf.label(i) for i in cycle]
    if len(cycle) <= 11:
        return " -> ".join(slugs)
    return " -> ".join([*slugs[:5], "...", *slugs[-6:]]) + f" ({len(cycle) - 1} blocks)"

