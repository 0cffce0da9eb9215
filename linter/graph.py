"""The block graph of one workflow, for reviews: ``cortex-workflow-lint graph FILE``.

:func:`build` turns a linted document into a :class:`Graph`: a node per
block (slug, name, type, root or not), a "missing" node per slug that
``outgoingActions`` or a branch names but no block has, and an edge per
``outgoingActions`` entry.  An edge that a branch of a CONDITIONAL_BRANCH
block takes is labelled with the branch's name; the block's joining action
gets a dotted ``join`` edge.  Findings are attached by pointer: a finding at
``/actions/3/...`` marks block 3, one at ``/actions/3/outgoingActions/1``
(or at any note of it, such as each edge of a cycle) marks that edge.

Three renderers: Mermaid (the default, since GitHub renders it in Markdown),
Graphviz DOT and JSON (``schemas/graph.schema.json``).  Node ids are
generated (``n0``, ``m0``), and labels are escaped, so any slug renders.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .document import Document
from .model import Severity, Violation
from .workflow import Workflow

if TYPE_CHECKING:
    from .config import Resolver

LARGE_GRAPH = 200
"""Above this many blocks Mermaid lays a graph out slowly and unreadably: suggest ``dot``."""

FORMATS = ("mermaid", "dot", "json")
EdgeKind = Literal["next", "branch", "fallback", "join"]


@dataclass
class Mark:
    """A finding drawn on a node or an edge."""

    rule_id: str
    violation_type: str
    message: str


@dataclass(eq=False)
class Node:
    id: str
    slug: str | None
    name: str | None = None
    type: str | None = None
    index: int | None = None
    """Position in ``actions``; None for a missing block."""
    root: bool = False
    line: int | None = None
    marks: list[Mark] = field(default_factory=list)

    @property
    def missing(self) -> bool:
        return self.index is None


@dataclass(eq=False)
class Edge:
    source: str
    target: str
    kind: EdgeKind
    """``next`` (an ``outgoingActions`` entry), ``branch``, ``fallback`` or ``join``."""
    label: str | None = None
    pointer: str | None = None
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Graph:
    path: str
    nodes: list[Node]
    edges: list[Edge]


def build(doc: Document, path: str, violations: list[Violation]) -> Graph:
    """The graph of ``doc`` (whose data is a mapping), with ``violations`` drawn on it."""
    wf = doc.analysis.workflow
    nodes: dict[int, Node] = {}
    for index, action in wf.actions:
        name, kind = action.get("name"), wf.block_type(index)
        nodes[index] = Node(
            id=f"n{len(nodes)}",
            slug=wf.slug_of(index),
            name=name if isinstance(name, str) else None,
            type=kind,
            index=index,
            root=index in wf.roots,
            line=doc.locate(wf.pointer(index)).start_line,
        )
    missing: dict[str, Node] = {}

    def node_for(slug: str) -> Node:
        index = wf.by_slug.get(slug)
        if index is not None:
            return nodes[index]
        if slug not in missing:
            missing[slug] = Node(id=f"m{len(missing)}", slug=slug)
        return missing[slug]

    edges: list[Edge] = []
    edge_at: dict[str, Edge] = {}
    for index, action in wf.actions:
        branch_of = _branch_labels(wf, index)
        outgoing = action.get("outgoingActions")
        seen: set[str] = set()
        for position, slug in enumerate(outgoing if isinstance(outgoing, list) else []):
            if not isinstance(slug, str) or slug in seen:
                continue
            seen.add(slug)
            edge_kind: EdgeKind
            edge_kind, label = branch_of.pop(slug, ("next", None))
            edge = Edge(nodes[index].id, node_for(slug).id, edge_kind, label, wf.pointer(index, "outgoingActions", position))
            edges.append(edge)
            edge_at[edge.pointer or ""] = edge
        for slug, (edge_kind, label) in branch_of.items():  # a branch whose target outgoingActions does not list
            edges.append(Edge(nodes[index].id, node_for(slug).id, edge_kind, label))
        joining = _joining_action(wf, index)
        if joining is not None:
            edges.append(Edge(nodes[index].id, node_for(joining).id, "join", "joins at", wf.pointer(index, "schema", "joiningAction")))
    _mark(violations, nodes, edge_at, edges)
    return Graph(path, [*nodes.values(), *missing.values()], edges)


def _branch_labels(wf: Workflow, index: int) -> dict[str, tuple[EdgeKind, str]]:
    """Target slug -> (edge kind, branch name) for the branches of a CONDITIONAL_BRANCH block."""
    labels: dict[str, tuple[EdgeKind, str]] = {}
    for tokens, branch in wf.branches(index):
        target = branch.get("outgoingAction")
        if not isinstance(target, str):
            continue
        name = branch.get("name") if isinstance(branch.get("name"), str) else branch.get("slug")
        kind: EdgeKind = "fallback" if tokens[-1] == "fallbackBranch" else "branch"
        label = str(name) if name is not None else kind
        if target in labels:
            label = f"{labels[target][1]} / {label}"
        labels[target] = (kind, label)
    return labels


def _joining_action(wf: Workflow, index: int) -> str | None:
    if wf.block_type(index) != "CONDITIONAL_BRANCH":
        return None
    schema = dict(wf.actions)[index].get("schema")
    joining = schema.get("joiningAction") if isinstance(schema, dict) else None
    return joining if isinstance(joining, str) else None


_BLOCK = re.compile(r"^/actions/(\d+)(?:/|$)")


def _mark(violations: list[Violation], nodes: dict[int, Node], edge_at: dict[str, Edge], edges: list[Edge]) -> None:
    """Attach each violation to the edges its pointer or notes name, else to its block."""
    join_at = {edge.pointer: edge for edge in edges if edge.kind == "join"}
    for v in violations:
        mark = Mark(v.rule_id, v.violation_type, v.description)
        pointers = [v.pointer, *(r.pointer for r in v.related)]
        marked = [edge_at.get(p) or join_at.get(p) for p in pointers]
        hit = [edge for edge in dict.fromkeys(marked) if edge is not None]
        for edge in hit:
            edge.marks.append(mark)
        if hit:
            continue
        block = _BLOCK.match(v.pointer)
        node = nodes.get(int(block.group(1))) if block else None
        if node is not None:
            node.marks.append(mark)


def _worst(marks: list[Mark]) -> str | None:
    """``must`` or ``should`` for the most severe mark (MAY and HINT are not drawn)."""
    ranks = [Severity[m.violation_type].value if m.violation_type in Severity.__members__ else Severity.MUST.value for m in marks]
    if not ranks:
        return None
    worst = max(ranks)
    return "must" if worst >= Severity.MUST else "should" if worst >= Severity.SHOULD else None


def _title(node: Node) -> str:
    return node.slug if node.slug is not None else f"actions[{node.index}]"


def _details(node: Node) -> list[str]:
    if node.missing:
        return ["missing: no block has this slug"]
    details = [node.type or "no type"]
    if node.name and node.name != node.slug:
        details.insert(0, node.name)
    if node.root:
        details.append("root")
    return details


# -- Mermaid -----------------------------------------------------------


def _mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: every character that could end or break it is an entity code."""
    return "".join(c if c.isalnum() or c in " _.-/:()," else f"#{ord(c)};" for c in text)


_MERMAID_SHAPES = {"root": ('(["', '"])'), "missing": ('[/"', '"/]'), "block": ('["', '"]')}
_MERMAID_ARROWS: dict[EdgeKind, str] = {"next": "-->", "branch": "-->", "fallback": "-->", "join": "-.->"}


def mermaid(graph: Graph) -> str:
    lines = ["flowchart TD"]
    if len(graph.nodes) > LARGE_GRAPH:
        lines.append(f"  %% {len(graph.nodes)} blocks: Mermaid draws a graph this large slowly; try --format dot")
    for node in graph.nodes:
        shape = "missing" if node.missing else "root" if node.root else "block"
        opening, closing = _MERMAID_SHAPES[shape]
        label = "<br/>".join(_mermaid_text(part) for part in [_title(node), *_details(node)])
        lines.append(f"  {node.id}{opening}{label}{closing}")
    styled: dict[str, list[str]] = {"must": [], "should": []}
    for number, edge in enumerate(graph.edges):
        arrow = _MERMAID_ARROWS[edge.kind]
        label = f'|"{_mermaid_text(edge.label)}"|' if edge.label else ""
        lines.append(f"  {edge.source} {arrow}{label} {edge.target}")
        worst = _worst(edge.marks)
        if worst:
            styled[worst].append(str(number))
    lines += [
        "  classDef must fill:#fde0e0,stroke:#c62828,stroke-width:2px",
        "  classDef should fill:#fff4d6,stroke:#b7791f,stroke-width:2px",
        "  classDef missing fill:#eeeeee,stroke:#c62828,stroke-dasharray:5 5",
    ]
    for node in graph.nodes:
        css = "missing" if node.missing else _worst(node.marks)
        if css:
            lines.append(f"  class {node.id} {css}")
    colours = {"must": "#c62828", "should": "#b7791f"}
    for worst, numbers in styled.items():
        if numbers:
            lines.append(f"  linkStyle {','.join(numbers)} stroke:{colours[worst]},stroke-width:3px")
    return "\n".join(lines) + "\n"


# -- Graphviz DOT ------------------------------------------------------


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r") + '"'


_DOT_COLOURS = {"must": "#c62828", "should": "#b7791f"}


def dot(graph: Graph) -> str:
    lines = [
        f"// {graph.path}",
        "digraph workflow {",
        '  node [shape=box, style="rounded", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for node in graph.nodes:
        attributes = [f"label={_dot_text(chr(10).join([_title(node), *_details(node)]))}"]
        if node.missing:
            attributes.append('style="dashed"')
        elif node.root:
            attributes.append("peripheries=2")
        worst = "must" if node.missing else _worst(node.marks)
        if worst:
            attributes.append(f'color="{_DOT_COLOURS[worst]}", penwidth=2')
        lines.append(f"  {node.id} [{', '.join(attributes)}];")
    for edge in graph.edges:
        attributes = []
        if edge.label:
            attributes.append(f"label={_dot_text(edge.label)}")
        if edge.kind == "join":
            attributes.append("style=dashed")
        worst = _worst(edge.marks)
        if worst:
            attributes.append(f'color="{_DOT_COLOURS[worst]}", penwidth=2')
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"  {edge.source} -> {edge.target}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- JSON --------------------------------------------------------------


def as_json(graph: Graph) -> str:
    def marks(items: list[Mark]) -> list[dict[str, Any]]:
        return [{"ruleId": m.rule_id, "violationType": m.violation_type, "message": m.message} for m in items]

    document = {
        "path": graph.path,
        "blocks": [
            {
                "id": n.id,
                "slug": n.slug,
                "name": n.name,
                "type": n.type,
                "index": n.index,
                "root": n.root,
                "missing": n.missing,
                "line": n.line,
                "findings": marks(n.marks),
            }
            for n in graph.nodes
        ],
        "edges": [
            {
                "from": e.source,
                "to": e.target,
                "kind": e.kind,
                "label": e.label,
                "pointer": e.pointer,
                "findings": marks(e.marks),
            }
            for e in graph.edges
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


RENDERERS = {"mermaid": mermaid, "dot": dot, "json": as_json}


def draw(path: str, output_format: str, stdin_filename: str | None, resolver: Resolver) -> int:
    """``cortex-workflow-lint graph``: print the graph of one file; return the exit code."""
    from . import engine  # noqa: PLC0415
    from .app import read_target  # noqa: PLC0415
    from .discovery import Target, posix_form  # noqa: PLC0415
    from .source import load  # noqa: PLC0415

    shown = posix_form(path)
    target = Target(stdin_filename or "<stdin>", None) if path == "-" else Target(shown, shown)
    if target.file is not None and not os.path.exists(target.file):
        print(f"cortex-workflow-lint: error: {path}: no such file or directory", file=sys.stderr)
        return 3
    data = read_target(target)
    if not isinstance(data, bytes):
        return 3
    settings = resolver.for_file(target.file or stdin_filename)
    doc = load(data, settings.max_file_size, target.path, settings.limits)
    violations = engine.check(doc, target.path, settings).violations
    if not isinstance(doc.data, dict) or not isinstance(doc.data.get("actions"), list):
        print(f"cortex-workflow-lint: error: {target.path}: no graph to draw (no list of actions)", file=sys.stderr)
        for v in violations:
            if v.violation_type == "MUST":
                s = v.span
                print(f"{v.path}:{s.start_line}:{s.start_column}: MUST [{v.rule_id}] {v.description}", file=sys.stderr)
        return 1
    graph = build(doc, target.path, violations)
    if output_format == "mermaid" and len(graph.nodes) > LARGE_GRAPH:
        print(f"cortex-workflow-lint: note: {len(graph.nodes)} blocks; Mermaid draws a graph this large slowly, try --format dot", file=sys.stderr)
    sys.stdout.write(RENDERERS[output_format](graph))
    return 0
