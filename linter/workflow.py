"""The action graph of one descriptor, built once and shared by the rules.

``doc.analysis.workflow`` builds it on first use and keeps it for the other
rules; use it only when ``doc.data`` is a mapping.  Every
field may hold a wrong type (the schema rules report those): entries that are
not mappings are skipped, slugs that are not strings are ignored.

Blocks are identified by their index in ``actions[]``.  An edge ``a -> b``
exists when ``a``'s ``outgoingActions`` names the slug of ``b`` (the first
block with that slug, when slugs repeat).

Every algorithm here is iterative, so a 10,000-block chain cannot hit the
recursion limit, and linear in blocks plus edges, except the ancestor
bitsets behind :meth:`Workflow.is_ancestor` (see there).
"""

from __future__ import annotations

from typing import Any

from .document import pointer_of


def block_name(action: Any, index: int, with_type: bool = False) -> str:
    """How messages name a block: ``block 'deploy'``, or ``actions[3]`` when it has no slug;
    with ``with_type``, followed by `` (HTTP_REQUEST)`` when its ``schema.type`` is a string."""
    slug = action.get("slug") if isinstance(action, dict) else None
    name = f"block '{slug}'" if isinstance(slug, str) else f"actions[{index}]"
    schema = action.get("schema") if with_type and isinstance(action, dict) else None
    kind = schema.get("type") if isinstance(schema, dict) else None
    return f"{name} ({kind})" if isinstance(kind, str) else name


class Workflow:
    def __init__(self, data: dict) -> None:
        actions = data.get("actions")
        self.actions: list[tuple[int, dict]] = (
            [(i, a) for i, a in enumerate(actions) if isinstance(a, dict)] if isinstance(actions, list) else []
        )
        self._by_index: dict[int, dict] = dict(self.actions)
        self.by_slug: dict[str, int] = {}
        self._types: dict[int, str] = {}  # rules ask for a block's type about ten times per block
        for index, action in self.actions:
            slug = action.get("slug")
            if isinstance(slug, str):
                self.by_slug.setdefault(slug, index)
            schema = action.get("schema")
            kind = schema.get("type") if isinstance(schema, dict) else None
            if isinstance(kind, str):
                self._types[index] = kind
        self._edges: dict[int, list[tuple[int, int]]] = {i: self._read_edges(a) for i, a in self.actions}
        self.roots: list[int] = [i for i, a in self.actions if a.get("isRootAction") is True]
        self.root: int | None = self.roots[0] if len(self.roots) == 1 else None
        filter_ = data.get("filter")
        filter_type = filter_.get("type") if isinstance(filter_, dict) else None
        self.filter_type: str | None = filter_type if isinstance(filter_type, str) else None
        self.declared_variables: dict[str, int] = {}
        variables = data.get("variables")
        for index, variable in enumerate(variables if isinstance(variables, list) else []):
            slug = variable.get("slug") if isinstance(variable, dict) else None
            if isinstance(slug, str):
                self.declared_variables.setdefault(slug, index)
        self._predecessors: dict[int, list[int]] | None = None
        self._components: tuple[list[list[int]], dict[int, int]] | None = None
        self._ancestors: dict[int, int] | None = None

    def _read_edges(self, action: dict) -> list[tuple[int, int]]:
        outgoing = action.get("outgoingActions")
        edges: list[tuple[int, int]] = []
        seen: set[int] = set()
        for position, slug in enumerate(outgoing if isinstance(outgoing, list) else []):
            target = self.by_slug.get(slug) if isinstance(slug, str) else None
            if target is not None and target not in seen:
                seen.add(target)
                edges.append((position, target))
        return edges

    # -- blocks ----------------------------------------------------------

    def slug_of(self, index: int) -> str | None:
        slug = self._by_index.get(index, {}).get("slug")
        return slug if isinstance(slug, str) else None

    def block_type(self, index: int) -> str | None:
        """The block's ``schema.type`` when it is a string."""
        return self._types.get(index)

    def label(self, index: int) -> str:
        """How messages name a block: ``'its-slug'``, or ``actions[3]`` when it has no slug."""
        slug = self.slug_of(index)
        return f"'{slug}'" if slug is not None else f"actions[{index}]"

    def block_name(self, index: int) -> str:
        """``block 'its-slug'``, or ``actions[3]`` when it has no slug."""
        return block_name(self._by_index.get(index), index)

    def branches(self, index: int) -> list[tuple[tuple[str | int, ...], dict]]:
        """The branches of a CONDITIONAL_BRANCH block, fallback last, as (tokens under the block, branch).

        ``tokens`` is ``("schema", "branches", i)`` or ``("schema", "fallbackBranch")``;
        entries that are not mappings are skipped.  Other block types have none.
        """
        schema = self._by_index.get(index, {}).get("schema")
        if self.block_type(index) != "CONDITIONAL_BRANCH" or not isinstance(schema, dict):
            return []
        branches = schema.get("branches")
        found: list[tuple[tuple[str | int, ...], dict]] = [
            (("schema", "branches", i), branch)
            for i, branch in enumerate(branches if isinstance(branches, list) else [])
            if isinstance(branch, dict)
        ]
        fallback = schema.get("fallbackBranch")
        if isinstance(fallback, dict):
            found.append((("schema", "fallbackBranch"), fallback))
        return found

    @staticmethod
    def pointer(index: int, *tokens: Any) -> str:
        """``pointer(3, "schema", "url")`` is ``/actions/3/schema/url``."""
        return pointer_of("actions", index, *tokens)

    # -- edges -----------------------------------------------------------

    def edges(self, index: int) -> list[tuple[int, int]]:
        """``(position in outgoingActions, target index)`` for each existing target, first mention only."""
        return self._edges.get(index, [])

    def edge_pointer(self, source: int, target: int) -> str:
        """The pointer of the ``outgoingActions`` item of ``source`` that names ``target`` (an existing edge)."""
        position = next(p for p, t in self._edges[source] if t == target)
        return self.pointer(source, "outgoingActions", position)

    def successors(self, index: int) -> list[int]:
        """Existing targets of ``outgoingActions``, in order, without duplicates."""
        return [target for _, target in self._edges.get(index, [])]

    def predecessors(self, index: int) -> list[int]:
        """Blocks with an edge to ``index``, in document order."""
        if self._predecessors is None:
            self._predecessors = {i: [] for i, _ in self.actions}
            for source, _ in self.actions:
                for _, target in self._edges[source]:
                    self._predecessors[target].append(source)
        return self._predecessors.get(index, [])

    def reachable(self, start: int) -> set[int]:
        """Every block reachable from ``start``, ``start`` included.  O(blocks + edges)."""
        if start not in self._by_index:
            return set()
        seen = {start}
        stack = [start]
        while stack:
            for target in self.successors(stack.pop()):
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
        return seen

    # -- strongly connected components and ancestry ------------------------

    def components(self) -> list[list[int]]:
        """Strongly connected components (iterative Tarjan), sinks first; members in discovery order."""
        return self._scc()[0]

    def _scc(self) -> tuple[list[list[int]], dict[int, int]]:
        if self._components is not None:
            return self._components
        order: dict[int, int] = {}
        low: dict[int, int] = {}
        on_stack: set[int] = set()
        stack: list[int] = []
        components: list[list[int]] = []
        component_of: dict[int, int] = {}
        for start, _ in self.actions:
            if start in order:
                continue
            order[start] = low[start] = len(order)
            stack.append(start)
            on_stack.add(start)
            work = [(start, iter(self.successors(start)))]
            while work:
                node, children = work[-1]
                child = next(children, None)
                if child is not None:
                    if child not in order:
                        order[child] = low[child] = len(order)
                        stack.append(child)
                        on_stack.add(child)
                        work.append((child, iter(self.successors(child))))
                    elif child in on_stack:
                        low[node] = min(low[node], order[child])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == order[node]:
                    members: list[int] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component_of[member] = len(components)
                        members.append(member)
                        if member == node:
                            break
                    members.reverse()
                    components.append(members)
        self._components = (components, component_of)
        return self._components

    def is_ancestor(self, a: int, b: int) -> bool:
        """True when block ``a`` runs before block ``b``: ``a != b`` and ``a`` reaches ``b``.

        The first call condenses the graph into its strongly connected
        components (Tarjan, whose output is a reverse topological order) and
        gives every component a bitset, held in a Python int, of the
        components that reach it: ``anc[c] = OR(anc[p] | 1 << p)`` over its
        predecessor components ``p``.  That costs O(edges * components / 64)
        word operations and O(components^2 / 8) bytes at worst (about 12 MB
        for a 10,000-block chain); each query is then O(1) bit test.
        """
        if a == b or a not in self._by_index or b not in self._by_index:
            return False
        components, component_of = self._scc()
        ca, cb = component_of[a], component_of[b]
        if ca == cb:
            return True  # two distinct blocks in one component reach each other
        if self._ancestors is None:
            ancestors: dict[int, int] = {}
            for c in reversed(range(len(components))):  # sources first
                ancestors.setdefault(c, 0)
                bits = ancestors[c] | (1 << c)
                for member in components[c]:
                    for target in self.successors(member):
                        t = component_of[target]
                        if t != c:
                            ancestors[t] = ancestors.get(t, 0) | bits
            self._ancestors = ancestors
        return bool(self._ancestors[cb] >> ca & 1)
