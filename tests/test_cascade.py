"""Report once: a finding that follows from another finding in the same file is not reported.

The inputs in ``tests/data/cascades/`` are one good workflow (start -> fetch
-> transform -> notify, each block reading the ones before it) and four
variants with one mistake each.  Each mistake gives exactly one finding.
"""

import pytest
from click.testing import CliRunner

from conftest import ROOT
from helpers import lines, lint
from linter import engine
from linter.cli import main
from linter.model import Severity
from linter.rules import all_rules

CASES = ROOT / "tests" / "data" / "cascades"
ONE_FINDING = {
    "dangling-edge.yaml": [
        "10:23-10:33 MUST [unknown-outgoing-action] Block 'start' lists 'fetch-typo' in outgoingActions, but no block has that slug.",
    ],
    "missing-root.yaml": [
        "6:1-6:8 MUST [root-action] No block has 'isRootAction: true'; exactly one block must be the root, "
        "the block a run starts with; 'start' is the only block nothing leads to",
    ],
    "two-roots.yaml": [
        "25:19-25:23 MUST [root-action] Block 'transform' has 'isRootAction: true', but so does block 'start'; "
        "a workflow has exactly one root block",
    ],
    "cycle.yaml": [
        "33:23-33:28 MUST [action-cycle] Blocks form a cycle: fetch -> transform -> notify -> fetch; "
        "a block must not lead back to itself",
    ],
}
CONSEQUENCES = {
    "dangling-edge.yaml": ["unreachable-action"] * 3 + ["action-reference-not-ancestor"],
    "missing-root.yaml": [],
    "two-roots.yaml": ["root-has-incoming-edge"],
    "cycle.yaml": ["merge-without-joining-action"],
}
"""What each rule that follows from the mistake would report on its own (checked below, so
that the cases keep testing a cascade)."""


def read(name: str) -> bytes:
    return (CASES / name).read_bytes()


def test_the_good_workflow_is_clean():
    assert lines(lint(read("good.yaml"))) == []


@pytest.mark.parametrize("name", sorted(ONE_FINDING))
def test_one_mistake_gives_one_finding(name):
    assert lines(lint(read(name))) == ONE_FINDING[name]


@pytest.mark.parametrize("name", sorted(ONE_FINDING))
def test_the_consequences_exist_without_their_root_cause(name, monkeypatch):
    """With the cascade switched off, the rules that follow from the mistake do report it."""
    for rule in all_rules().values():
        monkeypatch.setattr(rule, "consequence_of", {})
    monkeypatch.setattr(engine, "_plan", engine._plan.__wrapped__)  # not the plan cached with the cascade on
    found = [v.rule_id for v in lint(read(name)) if v.rule_id not in {"unknown-outgoing-action", "root-action", "action-cycle"}]
    assert sorted(found) == sorted(CONSEQUENCES[name])


@pytest.mark.parametrize("name", ["dangling-edge.yaml", "two-roots.yaml", "cycle.yaml"])
def test_hiding_the_root_cause_does_not_bring_its_consequences_back(name, tmp_path):
    [root] = lint(read(name))
    assert lint(read(name), ignore=frozenset({root.rule_id})) == []
    assert lint(read(name), select=frozenset(CONSEQUENCES[name])) == []
    line = root.span.start_line
    text = read(name).decode().splitlines(keepends=True)
    text[line - 1] = text[line - 1].rstrip("\n") + f"  # cortex-workflow-lint: disable={root.rule_id} -- on purpose\n"
    assert lint("".join(text)) == []
    assert lint(read(name), severities={root.rule_id: Severity.HINT}, select=frozenset(CONSEQUENCES[name])) == []


def test_an_unrelated_finding_of_a_consequence_rule_is_still_reported():
    """An edge into the first root does not follow from a second root; the edge into the second one does."""
    orphan = "  - slug: orphan\n    name: Orphan\n    isRootAction: false\n    outgoingActions: [start]\n    schema: {type: SLACK, channel: c, message: m}\n"
    assert lines(lint(read("two-roots.yaml").decode() + orphan)) == [
        *ONE_FINDING["two-roots.yaml"],
        "41:23-41:28 SHOULD [root-has-incoming-edge] Block 'orphan' lists the root block 'start' in outgoingActions; "
        "the root runs first, so no block should lead to it",
    ]


def test_a_merge_key_is_reported_once_as_a_merge_key():
    """Cortex reads '<<' as an ordinary key, so it is also an unknown field: yaml-alias says so, and
    unknown-field does not say it again, even when yaml-alias is not selected.  A quoted '<<' is an
    ordinary key in every reader, so it is an unknown field."""
    entry = "    isRootAction: true\n"
    text = read("good.yaml").decode()
    assert text.count(entry) == 1
    merged = text.replace(entry, entry + "    <<: {note: merged}\n")
    assert lines(lint(merged)) == [
        "10:5-10:7 SHOULD [yaml-alias] Merge key '<<': Cortex may read '<<' as an ordinary key, so the merged "
        "fields are missing; write the fields out in this mapping",
    ]
    assert lint(merged, select=frozenset({"unknown-field"})) == []
    assert lines(lint(text.replace(entry, entry + '    "<<": {note: quoted}\n'))) == [
        "10:5-10:9 SHOULD [unknown-field] Unknown field '<<' in block 'start' (HTTP_REQUEST). Cortex does not define this field.",
    ]


@pytest.mark.parametrize(
    ("name", "text", "keys"),
    [
        ("docker-compose.yaml", "services:\n  web:\n    image: nginx\nversion: '3.9'\n", "'services' and 'version'"),
        ("ci.yml", "name: CI\non: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n", "'name', 'on' and 'jobs'"),
        ("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {}\n", "'apiVersion', 'kind', 'metadata' and 'spec'"),
    ],
)
def test_a_file_that_is_not_a_workflow_gets_one_finding(tmp_path, name, text, keys):
    (tmp_path / name).write_text(text)
    result = CliRunner().invoke(main, ["check", str(tmp_path / name)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{tmp_path / name}:1:1: MUST [not-a-workflow] Not a Cortex workflow: it has no 'actions' and no other top-level "
        f"workflow field; its keys are {keys}. If it is not meant to be one, keep it out of the linted paths",
        "Found 1 violation (1 MUST) in 1 of 1 file checked.",
    ]


def test_problems_in_reading_a_file_that_is_not_a_workflow_are_still_reported():
    found = lint("\ufeffservices: {}\n")
    assert sorted(v.rule_id for v in found) == ["byte-order-mark", "not-a-workflow"]
