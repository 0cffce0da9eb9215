"""The shared action-graph analysis: exact answers, wrong types, and 10,000-block graphs."""

import time

from linter.document import parse
from linter.workflow import Workflow


def action(slug, outgoing=(), root=False, kind="JQ"):
    return {"slug": slug, "isRootAction": root, "outgoingActions": list(outgoing), "schema": {"type": kind}}


def workflow(actions, **top):
    return Workflow({"actions": actions, **top})


DIAMOND = [
    action("start", ["left", "right"], root=True),
    action("left", ["join"]),
    action("right", ["join", "join", "missing"]),
    action("join"),
]


def test_the_analysis_is_computed_once_per_document():
    doc = parse("actions:\n- slug: a\n  isRootAction: true\n  outgoingActions: []\n")
    first = doc.analysis.workflow
    assert isinstance(first, Workflow)
    assert doc.analysis.workflow is first
    assert first.by_slug == {"a": 0}


def test_blocks_slugs_and_pointers():
    wf = workflow([action("a", root=True), "not a block", action("b", kind="SLACK"), action("a")])
    assert [index for index, _ in wf.actions] == [0, 2, 3]
    assert wf.by_slug == {"a": 0, "b": 2}
    assert (wf.slug_of(2), wf.slug_of(1), wf.slug_of(99)) == ("b", None, None)
    assert (wf.block_type(2), wf.block_type(1)) == ("SLACK", None)
    assert wf.pointer(3, "schema", "url") == "/actions/3/schema/url"
    assert wf.pointer(0, "outgoing/~x") == "/actions/0/outgoing~1~0x"


def test_successors_are_existing_targets_in_order_without_duplicates():
    wf = workflow(DIAMOND)
    assert wf.successors(0) == [1, 2]
    assert wf.successors(2) == [3]
    assert wf.edges(2) == [(0, 3)]
    assert wf.edge_pointer(2, 3) == "/actions/2/outgoingActions/0"
    assert wf.successors(3) == []
    assert wf.predecessors(3) == [1, 2]
    assert wf.predecessors(0) == []


def test_roots():
    assert (workflow(DIAMOND).roots, workflow(DIAMOND).root) == ([0], 0)
    two = workflow([action("a", root=True), action("b", root=True)])
    assert (two.roots, two.root) == ([0, 1], None)
    none = workflow([action("a"), action("b", root="true")])
    assert (none.roots, none.root) == ([], None)


def test_top_level_fields():
    wf = workflow([], filter={"type": "ENTITY"}, variables=[{"slug": "x"}, 3, {"slug": "y"}, {"slug": "x"}])
    assert wf.filter_type == "ENTITY"
    assert wf.declared_variables == {"x": 0, "y": 2}
    assert (workflow([]).filter_type, workflow([]).declared_variables) == (None, {})


def test_wrong_types_everywhere():
    wf = Workflow({
        "actions": [
            {"slug": 5, "outgoingActions": "b", "schema": "JQ", "isRootAction": True},
            {"slug": "b", "outgoingActions": [None, 7, ["b"], "b"], "schema": {"type": 3}},
        ],
        "filter": "GLOBAL",
        "variables": {"slug": "x"},
    })
    assert wf.by_slug == {"b": 1}
    assert (wf.successors(0), wf.successors(1), wf.edges(1)) == ([], [1], [(3, 1)])
    assert (wf.slug_of(0), wf.block_type(0), wf.block_type(1)) == (None, None, None)
    assert (wf.roots, wf.filter_type, wf.declared_variables) == ([0], None, {})
    assert Workflow({"actions": "none"}).actions == []
    assert Workflow({}).root is None


def test_is_ancestor_on_a_dag():
    wf = workflow(DIAMOND)
    assert wf.is_ancestor(0, 3) and wf.is_ancestor(1, 3) and wf.is_ancestor(0, 1)
    assert not wf.is_ancestor(3, 0)
    assert not wf.is_ancestor(1, 2)
    assert not wf.is_ancestor(0, 0)
    assert not wf.is_ancestor(0, 99)


def test_is_ancestor_with_cycles():
    # a -> b -> c -> b, c -> d; e -> e
    wf = workflow([action("a", ["b"]), action("b", ["c"]), action("c", ["b", "d"]), action("d"), action("e", ["e"])])
    assert wf.is_ancestor(1, 2) and wf.is_ancestor(2, 1)
    assert wf.is_ancestor(0, 3) and wf.is_ancestor(2, 3)
    assert not wf.is_ancestor(3, 1)
    assert not wf.is_ancestor(1, 0)
    assert not wf.is_ancestor(4, 4)
    assert not wf.is_ancestor(4, 0)


def test_components_and_reachability():
    wf = workflow([action("a", ["b"]), action("b", ["c"]), action("c", ["b", "d"]), action("d"), action("e", ["e"])])
    assert wf.components() == [[3], [1, 2], [0], [4]]
    assert wf.reachable(0) == {0, 1, 2, 3}
    assert wf.reachable(4) == {4}
    assert wf.reachable(99) == set()


def chain(n):
    return workflow([action(f"b{i}", [f"b{i + 1}"] if i + 1 < n else [], root=i == 0) for i in range(n)])


def test_ten_thousand_block_chain():
    started = time.perf_counter()
    wf = chain(10_000)
    assert wf.is_ancestor(0, 9_999)
    assert wf.is_ancestor(5_000, 5_001)
    assert not wf.is_ancestor(9_999, 0)
    assert len(wf.reachable(0)) == 10_000
    assert len(wf.components()) == 10_000
    assert sum(wf.is_ancestor(i, 9_999) for i in range(10_000)) == 9_999
    assert sum(wf.is_ancestor(0, i) for i in range(10_000)) == 9_999
    assert time.perf_counter() - started < 60  # only guards against a hang; speed is measured in benchmarks/


def test_ten_thousand_block_ring():
    n = 10_000
    wf = workflow([action(f"b{i}", [f"b{(i + 1) % n}"]) for i in range(n)])
    assert wf.components() == [list(range(n))]
    assert wf.is_ancestor(9_999, 0) and wf.is_ancestor(0, 9_999)
    assert len(wf.reachable(5)) == n


def test_ten_thousand_wide_fan_out_and_fan_in():
    n = 10_000
    leaves = [f"leaf{i}" for i in range(n)]
    wf = workflow([action("root", leaves, root=True), *(action(s, ["sink"]) for s in leaves), action("sink")])
    started = time.perf_counter()
    assert all(wf.is_ancestor(0, i) for i in range(1, n + 2))
    assert not any(wf.is_ancestor(i, j) for i in (1, 2, n) for j in range(1, n + 1) if j != i)
    assert sum(wf.is_ancestor(i, n + 1) for i in range(n + 2)) == n + 1
    assert len(wf.reachable(0)) == n + 2
    assert len(wf.predecessors(n + 1)) == n
    assert time.perf_counter() - started < 60  # only guards against a hang; speed is measured in benchmarks/


GRAPH_RULES = (
    "root-action", "duplicate-action-slug", "unknown-outgoing-action", "action-cycle", "unreachable-action",
    "root-has-incoming-edge", "duplicate-outgoing-action", "branch-target-mismatch", "duplicate-branch-slug",
    "unknown-joining-action", "joining-action-not-reached", "merge-without-joining-action",
)


def graph_findings(data):
    from linter.document import Document
    from linter.rules import all_rules

    doc = Document("", data=data)
    rules = all_rules()
    return [(rule_id, f.pointer, f.description) for rule_id in GRAPH_RULES for f in rules[rule_id]().check(doc)]


def test_graph_rules_on_a_ten_thousand_block_ring():
    n = 10_000
    started = time.perf_counter()
    found = graph_findings({"actions": [action(f"b{i}", [f"b{(i + 1) % n}"], root=i == 0) for i in range(n)]})
    assert [(rule, pointer) for rule, pointer, _ in found] == [
        ("action-cycle", "/actions/9999/outgoingActions/0"),
        ("root-has-incoming-edge", "/actions/9999/outgoingActions/0"),
    ]
    assert found[0][2] == (
        "Blocks form a cycle: b0 -> b1 -> b2 -> b3 -> b4 -> ... -> b9995 -> b9996 -> b9997 -> b9998 -> b9999 -> b0 "
        "(10000 blocks); a block must not lead back to itself"
    )
    assert time.perf_counter() - started < 60  # only guards against a hang; speed is measured in benchmarks/


def test_graph_rules_on_a_ten_thousand_way_branch():
    n = 10_000
    branch = action("route", [f"l{i}" for i in range(n)], root=True, kind="CONDITIONAL_BRANCH")
    branch["schema"]["branches"] = [{"slug": f"s{i}", "outgoingAction": f"l{i}"} for i in range(n)]
    branch["schema"]["joiningAction"] = "sink"
    leaves = [action(f"l{i}", ["sink"] if i != 1234 else []) for i in range(n)]
    started = time.perf_counter()
    found = graph_findings({"actions": [branch, *leaves, action("sink")]})
    assert [(rule, pointer) for rule, pointer, _ in found] == [
        ("joining-action-not-reached", "/actions/0/schema/branches/1234/outgoingAction"),
    ]
    assert time.perf_counter() - started < 60  # only guards against a hang; speed is measured in benchmarks/
