"""The baseline: entries survive edits, new and second instances are reported, stale entries are listed."""

import json

import pytest
from click.testing import CliRunner

from linter.cli import main

WORKFLOW = """\
tag: demo
name: Demo
isDraft: false
filter:
  type: GLOBAL
actions:
  - slug: fetch
    name: Fetch
    isRootAction: true
    outgoingActions: [notify]
    schema: {type: HTTP_REQUEST, httpMethod: GET, url: "http://api.example.com/a", headers: {}}
  - slug: notify
    name: Notify
    isRootAction: false
    outgoingActions: []
    schema: {type: SLACK, channel: general, message: Done, colour: red}
"""
"""Two findings: insecure-http-url (HINT) in 'fetch' and unknown-field (SHOULD) in 'notify'."""

FETCH = WORKFLOW[WORKFLOW.index("  - slug: fetch") : WORKFLOW.index("  - slug: notify")]
NOTIFY = WORKFLOW[WORKFLOW.index("  - slug: notify") :]


def run(*args):
    result = CliRunner().invoke(main, ["check", "--fail-on", "HINT", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "w.yaml").write_text(WORKFLOW)
    result = run("--write-baseline", "baseline.json", "flows")
    assert (result.exit_code, result.stdout) == (0, "All checks passed (1 file checked; 2 findings in the baseline).\n")
    assert result.stderr == "cortex-workflow-lint: wrote 2 findings to the baseline baseline.json\n"
    return tmp_path


def test_the_baseline_file_is_sorted_json_keyed_on_block_and_pointer(project):
    data = json.loads((project / "baseline.json").read_text())
    assert [(e["path"], e["rule"], e["block"], e["pointer"], e["count"]) for e in data["entries"]] == [
        ("flows/w.yaml", "insecure-http-url", "fetch", "/schema/url", 1),
        ("flows/w.yaml", "unknown-field", "notify", "/schema/colour", 1),
    ]
    before = (project / "baseline.json").read_bytes()
    run("--write-baseline", "baseline.json", "flows")
    assert (project / "baseline.json").read_bytes() == before


@pytest.mark.parametrize(
    "edit",
    [
        lambda text: text.replace("name: Demo\n", "name: Demo\n# a comment\n\n\n"),  # moved lines
        lambda text: text.replace(FETCH + NOTIFY, NOTIFY + FETCH),  # reordered blocks
        lambda text: text.replace("actions:\n", "actions:\n  - {slug: other, name: O, isRootAction: false, outgoingActions: []}\n"),
    ],
    ids=["moved-lines", "reordered-blocks", "added-block"],
)
def test_entries_survive_edits(project, edit):
    path = project / "flows" / "w.yaml"
    path.write_text(edit(WORKFLOW))
    result = run("--baseline", "baseline.json", "--select", "insecure-http-url,unknown-field", "flows")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "All checks passed (1 file checked; 2 findings in the baseline).\n", ""
    )


def test_a_second_instance_is_reported(project):
    (project / "flows" / "w.yaml").write_text(WORKFLOW + "  - {slug: more, name: M, isRootAction: false, outgoingActions: [], "
                                              "schema: {type: HTTP_REQUEST, httpMethod: GET, url: 'http://api.example.com/a', headers: {}}}\n")
    result = run("--baseline", "baseline.json", "--select", "insecure-http-url", "flows")
    assert result.exit_code == 1
    assert result.stdout.startswith("flows/w.yaml:17:")
    assert "Found 1 violation (1 HINT) in 1 of 1 file checked; 1 finding in the baseline." in result.stdout


def test_a_removed_problem_leaves_a_stale_entry_that_write_baseline_drops(project):
    (project / "flows" / "w.yaml").write_text(WORKFLOW.replace(", colour: red", ""))
    result = run("--baseline", "baseline.json", "flows")
    assert (result.exit_code, result.stdout) == (0, "All checks passed (1 file checked; 1 finding in the baseline).\n")
    assert result.stderr == (
        "cortex-workflow-lint: warning: 1 baseline entry in baseline.json match nothing (fixed, or the file moved); "
        "--write-baseline drops them:\n    flows/w.yaml: [unknown-field] block 'notify' /schema/colour\n"
    )
    run("--write-baseline", "baseline.json", "flows")
    assert [e["rule"] for e in json.loads((project / "baseline.json").read_text())["entries"]] == ["insecure-http-url"]


def test_a_renamed_file_is_new_and_its_old_entries_are_stale(project):
    (project / "flows" / "w.yaml").rename(project / "flows" / "renamed.yaml")
    result = run("--baseline", "baseline.json", "flows")
    assert result.exit_code == 1
    assert "Found 2 violations (1 SHOULD, 1 HINT) in 1 of 1 file checked." in result.stdout
    assert "2 baseline entries in baseline.json match nothing" in result.stderr
    assert "flows/w.yaml: [insecure-http-url] block 'fetch' /schema/url" in result.stderr


def test_entries_of_files_not_linted_stay_and_are_not_stale(project):
    (project / "flows" / "other.yaml").write_text(WORKFLOW.replace("tag: demo", "tag: other"))
    result = run("--baseline", "baseline.json", "flows/other.yaml")
    assert (result.exit_code, result.stderr) == (1, "")
    run("--write-baseline", "baseline.json", "flows/other.yaml")
    paths = [e["path"] for e in json.loads((project / "baseline.json").read_text())["entries"]]
    assert paths == ["flows/other.yaml", "flows/other.yaml", "flows/w.yaml", "flows/w.yaml"]


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab", "junit", "github", "concise", "cortex"])
def test_baselined_findings_are_left_out_of_every_format(project, output_format):
    result = run("--baseline", "baseline.json", "--format", output_format, "flows")
    assert result.exit_code == 0
    assert "insecure-http-url" not in result.stdout and "unknown-field" not in result.stdout
    if output_format == "json":
        assert json.loads(result.stdout)["summary"]["baselined"] == 2


def test_the_configuration_names_the_baseline(project, monkeypatch):
    (project / "flows" / ".cortex-workflow-lint.yaml").write_text("baseline: ../baseline.json\nfail-on: HINT\n")
    monkeypatch.chdir(project / "flows")
    result = CliRunner().invoke(main, ["check", "w.yaml"])
    assert (result.exit_code, result.stdout) == (0, "All checks passed (1 file checked; 2 findings in the baseline).\n")


def test_baselined_findings_are_not_fixed(project):
    path = project / "flows" / "w.yaml"
    result = run("--baseline", "baseline.json", "--fix", "--unsafe-fixes", "flows")
    assert result.exit_code == 0
    assert path.read_text() == WORKFLOW


@pytest.mark.parametrize("content", ["not json", '{"version": 1}', '{"version": 9, "entries": []}'])
def test_a_bad_baseline_is_a_usage_error(project, content):
    (project / "baseline.json").write_text(content)
    result = run("--baseline", "baseline.json", "flows")
    assert result.exit_code == 2
    assert result.stderr.startswith("cortex-workflow-lint: error: baseline.json: ")


def test_a_missing_baseline_is_a_usage_error(project):
    result = run("--baseline", "nope.json", "flows")
    assert (result.exit_code, result.stderr) == (2, "cortex-workflow-lint: error: nope.json: cannot read the baseline: No such file or directory\n")
