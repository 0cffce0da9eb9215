"""Scale stays correct: big workflows of every shape lint to their exact results.

The workflows come from the benchmark's generator (benchmarks/generate.py), so the
benchmark times what these tests check.  Every shape is checked at 1,500 blocks (the
chain deeper than Python's default recursion limit; the blocks repeat, so what holds there
holds at the benchmark's 10,000), and a 2,500-block chain with defects far apart.  No timing
is asserted here: ``python benchmarks/linear.py`` (run by CI) shows that the lint stays
linear, and docs/performance.md and ``python benchmarks/run.py`` give its speed.
"""

import os
import subprocess
import sys
from concurrent import futures
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from helpers import lines, lint, load_script
from linter import app
from linter.cli import main
from linter.suggest import COMPARISON_BUDGET

generate = load_script("benchmarks/generate.py")

linear = load_script("benchmarks/linear.py")


@pytest.mark.parametrize("shape", generate.SHAPES)
def test_valid_workflow_of_1500_blocks_has_no_violation(shape):
    """benchmarks/linear.py times these shapes at 1,000 and 4,000 blocks (CI: the lint stays linear)."""
    text = generate.big(shape, 1_500)
    assert text.count("\n- name: ") + text.startswith("- name: ") == 1_500
    assert lines(lint(text)) == []


def test_defects_deep_in_a_2500_block_chain_are_found_exactly():
    """One lint, three defects far apart: a back edge (a cycle), a reference to a block that runs
    later (the ancestor query, the one super-linear analysis) and a block nothing leads to
    (benchmarks/linear.py times the same chain at 1,000 and 4,000 blocks).  (That a dangling edge
    hides unreachable-action is tested on small graphs in test_cascade.py.)"""
    assert lines(lint(linear.chain_with_defects(2_500))) == [
        "12519:5-12519:14 MUST [action-cycle] Blocks form a cycle: step-1249 -> step-1250 -> step-1249; "
        "a block must not lead back to itself",
        "17534:32-17534:66 SHOULD [action-reference-not-ancestor] 'payload' of block 'step-1751' (HTTP_REQUEST) reads "
        "block 'step-2251' in '{{actions.step-2251.outputs.body}}', but 'step-2251' does not run before block "
        "'step-1751' (it is not an ancestor in outgoingActions), so the value is empty when this block runs",
        "25015:9-25015:15 SHOULD [unreachable-action] Block 'orphan' is not reachable from the root block "
        "'step-0': no outgoingActions path leads to it, so it never runs",
    ]


def test_many_misspelled_slugs_get_suggestions_within_a_budget():
    """difflib compares a word with every slug: 2,000 misspelled targets among 10,000 blocks took
    265 s.  A rule's suggestions stop after COMPARISON_BUDGET comparisons, except for a slug that
    differs in case alone."""
    blocks, misspelled = 1_000, 100
    text = generate.big("chain", blocks)
    for i in range(1, misspelled + 1):
        entry = f"  slug: step-{i}\n  isRootAction: false\n  outgoingActions:\n"
        assert text.count(entry) == 1
        text = text.replace(entry, entry + (f"  - stpe-{i}x\n" if i < misspelled else f"  - STEP-{i}\n"))
    found = lines(lint(text))
    suggested = COMPARISON_BUDGET // blocks
    assert 0 < suggested < misspelled - 1
    assert len(found) == misspelled
    assert [i + 1 for i, line in enumerate(found) if "Did you mean" in line] == [*range(1, suggested + 1), misspelled]
    assert found[suggested - 1].endswith(
        f"[unknown-outgoing-action] Block 'step-{suggested}' lists 'stpe-{suggested}x' in outgoingActions, "
        f"but no block has that slug. Did you mean 'step-{suggested}'?"
    )
    assert found[suggested].endswith(
        f"[unknown-outgoing-action] Block 'step-{suggested + 1}' lists 'stpe-{suggested + 1}x' in outgoingActions, "
        "but no block has that slug."
    )
    assert found[-1].endswith(f"lists 'STEP-{misspelled}' in outgoingActions, but no block has that slug. Did you mean 'step-{misspelled}'?")


def test_thousands_of_roots_are_reported_in_linear_time_and_size():
    """Each extra root's message named every other root, and the cascade compared each finding with
    every finding of its root rules: 5,000 roots took 44 s.  Now a message names three others."""
    text = generate.big("chain", 2_000).replace("isRootAction: false", "isRootAction: true")
    found = lines(lint(text))
    assert len(found) == 1_999
    assert found[0] == (
        "24:17-24:21 MUST [root-action] Block 'step-1' has 'isRootAction: true', but so do block 'step-0', "
        "block 'step-2', block 'step-3' and 1,996 more; a workflow has exactly one root block"
    )
    assert found[-1] == (
        "20004:17-20004:21 MUST [root-action] Block 'step-1999' has 'isRootAction: true', but so do block 'step-0', "
        "block 'step-1', block 'step-2' and 1,996 more; a workflow has exactly one root block"
    )


def test_a_block_that_thousands_of_blocks_lead_to_gets_a_message_of_one_line():
    """merge-without-joining-action named every block leading to the merge, and had a note for
    each edge; it names three now and counts the rest, with a note for each of the three."""
    text = generate.big("fanout", 2_001).replace("outgoingActions: []", "outgoingActions: [end]")
    text += "- name: End\n  slug: end\n  isRootAction: false\n  outgoingActions: []\n  schema:\n    type: JQ\n    expression: '.'\n"
    [merge] = lint(text)
    assert lines([merge]) == [
        "20022:9-20022:12 SHOULD [merge-without-joining-action] Block 'end' is the next block of 2,000 blocks ('leaf-1', "
        "'leaf-2', 'leaf-3' and 1,997 more) but is not a branch block's joiningAction; Cortex documents paths meeting "
        "only at a joiningAction: make it the joining action, or give each path its own block"
    ]
    assert [(r.span.start_line, r.message) for r in merge.related] == [
        (2024, "edge from 'leaf-1'"), (2035, "edge from 'leaf-2'"), (2042, "edge from 'leaf-3'"),
    ]


def test_a_pool_of_processes_prints_the_same_bytes_as_one_process(tmp_path, monkeypatch):
    generate.repository(tmp_path / "repo", 200)  # every corpus file twice, valid and not
    pools = []
    real_pool = futures.ProcessPoolExecutor
    monkeypatch.setattr(futures, "ProcessPoolExecutor", lambda n, **options: pools.append(n) or real_pool(n, **options))
    monkeypatch.setattr(app.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    outputs = []
    for minimum in (10**9, 1):  # one process, then a pool from the first file on
        monkeypatch.setattr(app, "POOL_MIN_FILES", minimum)
        result = CliRunner().invoke(main, ["check", "-f", "json", str(tmp_path / "repo")])
        assert result.exit_code in (0, 1), result.output
        outputs.append(result.output)
    assert pools == [2]
    assert outputs[0] == outputs[1]
    assert outputs[0].count('"ruleId"') > 10

    def no_semaphores(n, **options):
        raise OSError("no semaphores here")

    monkeypatch.setattr(futures, "ProcessPoolExecutor", no_semaphores)  # a sandbox: lint in one process
    result = CliRunner().invoke(main, ["check", "-f", "json", str(tmp_path / "repo")])
    assert result.output == outputs[0]


PARENT = os.getpid()
REAL_LINT_JOB = app._lint_job


def _die_once_in_a_worker(job):
    marker = Path(os.environ["DIE_ONCE_MARKER"])
    if os.getpid() != PARENT and not marker.exists():
        marker.touch()
        os._exit(9)  # as if the kernel had killed the worker
    return REAL_LINT_JOB(job)


def test_a_dead_worker_does_not_hang_or_lose_files(tmp_path, monkeypatch):
    """A worker killed once (for lack of memory, say): the files without a result are linted
    again, one at a time in a fresh worker, and the report is the same.  (A file that kills its
    worker every time is in test_hardening.py.)"""
    generate.repository(tmp_path / "repo", 40)
    monkeypatch.setattr(app.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    monkeypatch.setattr(app, "POOL_MIN_FILES", 10**9)
    expected = CliRunner().invoke(main, ["check", "-f", "json", str(tmp_path / "repo")]).stdout
    monkeypatch.setattr(app, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(app, "_lint_job", _die_once_in_a_worker)
    monkeypatch.setenv("DIE_ONCE_MARKER", str(tmp_path / "died"))
    result = CliRunner().invoke(main, ["check", "-f", "json", str(tmp_path / "repo")])
    assert result.stderr == "cortex-workflow-lint: warning: a worker process died; linting the rest one file at a time\n"
    assert result.stdout == expected


def test_a_plain_check_of_a_valid_file_imports_nothing_heavy(tmp_path):
    """Start-up is most of an on-save check: jsonschema (for valid files), the remote
    client, the SARIF and XML writers, the process pool and the language server (pygls) stay out of it."""
    workflow = tmp_path / "deploy.yaml"
    workflow.write_text(generate.typical())
    script = (
        "import sys\n"
        "from linter.cli import main\n"
        "try:\n"
        "    main(['check', sys.argv[1]])\n"
        "except SystemExit as exit:\n"
        "    assert exit.code == 0, exit.code\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(workflow)], capture_output=True, text=True, cwd=ROOT, check=True)
    loaded = set(result.stdout.split("\n")[-2].split())
    assert "linter.rules.action_cycle" in loaded  # the check did run
    heavy = {"jsonschema", "urllib3", "multiprocessing", "concurrent.futures", "linter.remote.client", "linter.formatters.sarif", "linter.formatters.junit", "xml.etree.ElementTree"}
    heavy |= {"pygls", "lsprotocol", "cattrs", "linter.lsp"}
    assert sorted(heavy & loaded) == []
