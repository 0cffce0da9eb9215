"""Checks across the files of one run: ``duplicate-workflow-tag`` in both files with a note at the
other, with suppressions, --ignore, and the process pool, in the text, JSON and SARIF formats."""

import json

import pytest
from click.testing import CliRunner

from conftest import ROOT
from linter import app
from linter.cli import main

WORKFLOW = (ROOT / "examples" / "deploy-service.yaml").read_text(encoding="utf-8")
TAG_LINE = 4  # `tag: deploy-service` in the example
MESSAGE = (
    "Tag 'deploy-service' is also the tag of {others}; Cortex keeps one workflow per tag, "
    "so saving one overwrites the other: give each workflow its own tag"
)


def write(folder, name, text=WORKFLOW):
    (folder / name).write_text(text, encoding="utf-8")


def check(*args):
    return CliRunner().invoke(main, ["check", *args])


@pytest.fixture
def repo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wf").mkdir()
    return tmp_path / "wf"


def test_two_files_with_one_tag_are_both_reported(repo):
    write(repo, "a.yaml")
    write(repo, "b.yaml")
    write(repo, "c.yaml", WORKFLOW.replace("tag: deploy-service", "tag: deploy-other"))
    result = check("wf")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"wf/a.yaml:{TAG_LINE}:6: MUST [duplicate-workflow-tag] " + MESSAGE.format(others="wf/b.yaml"),
        f"    wf/b.yaml:{TAG_LINE}:6: note: the same tag",
        f"wf/b.yaml:{TAG_LINE}:6: MUST [duplicate-workflow-tag] " + MESSAGE.format(others="wf/a.yaml"),
        f"    wf/a.yaml:{TAG_LINE}:6: note: the same tag",
        "Found 2 violations (2 MUST) in 2 of 3 files checked.",
    ]


def test_three_files_name_each_other(repo):
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        write(repo, name)
    report = json.loads(check("wf", "-f", "json").stdout)
    violations = [v for file in report["files"] for v in file["violations"]]
    assert [v["description"] for v in violations] == [
        MESSAGE.format(others="wf/b.yaml and wf/c.yaml"),
        MESSAGE.format(others="wf/a.yaml and wf/c.yaml"),
        MESSAGE.format(others="wf/a.yaml and wf/b.yaml"),
    ]
    assert violations[0]["related"] == [
        {"pointer": "/tag", "message": "the same tag", "startLine": 4, "startColumn": 6, "endLine": 4, "endColumn": 20, "path": path}
        for path in ("wf/b.yaml", "wf/c.yaml")
    ]


def test_many_files_with_one_tag_name_three_others_and_count_the_rest(repo):
    """600 copies of one file made a 105 MB JSON report: each message and its notes named every other file."""
    for name in "abcdef":
        write(repo, f"{name}.yaml")
    report = json.loads(check("wf", "-f", "json").stdout)
    violations = [v for file in report["files"] for v in file["violations"]]
    assert len(violations) == 6
    assert violations[0]["description"] == MESSAGE.format(others="wf/b.yaml, wf/c.yaml, wf/d.yaml and 2 more")
    assert violations[5]["description"] == MESSAGE.format(others="wf/a.yaml, wf/b.yaml, wf/c.yaml and 2 more")
    assert [(r["path"], r["message"]) for r in violations[5]["related"]] == [
        ("wf/a.yaml", "the same tag"), ("wf/b.yaml", "the same tag"), ("wf/c.yaml", "the same tag")]


def test_sarif_related_locations_name_the_other_file(repo):
    write(repo, "a.yaml")
    write(repo, "b.yaml")
    results = json.loads(check("wf", "-f", "sarif").stdout)["runs"][0]["results"]
    assert [r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results] == ["wf/b.yaml", "wf/a.yaml"]


def test_a_suppression_hides_one_side_only(repo):
    reason = "  # cortex-workflow-lint: disable=duplicate-workflow-tag -- the staging copy replaces it on purpose"
    write(repo, "a.yaml", WORKFLOW.replace("tag: deploy-service\n", "tag: deploy-service" + reason + "\n"))
    write(repo, "b.yaml")
    result = check("wf", "--statistics")
    assert result.stdout.splitlines()[:3] == [
        f"wf/b.yaml:{TAG_LINE}:6: MUST [duplicate-workflow-tag] " + MESSAGE.format(others="wf/a.yaml"),
        f"    wf/a.yaml:{TAG_LINE}:6: note: the same tag",
        "Found 1 violation (1 MUST) in 1 of 2 files checked.",
    ]
    assert "duplicate-workflow-tag  MUST               1           1" in result.stdout.splitlines()


def test_a_suppression_without_a_twin_is_not_reported_as_unused(repo):
    reason = "  # cortex-workflow-lint: disable=duplicate-workflow-tag -- kept while the copy exists"
    write(repo, "a.yaml", WORKFLOW.replace("tag: deploy-service\n", "tag: deploy-service" + reason + "\n"))
    assert check("wf").stdout == "All checks passed (1 file checked).\n"


def test_ignored_or_alone_nothing_is_reported(repo):
    write(repo, "a.yaml")
    write(repo, "b.yaml")
    assert check("wf", "--ignore", "duplicate-workflow-tag").exit_code == 0
    assert check("wf/a.yaml").exit_code == 0  # only the files of one run are compared


def test_tags_that_are_not_text_are_left_to_the_schema_rules(repo):
    write(repo, "a.yaml", WORKFLOW.replace("tag: deploy-service", "tag: [42]"))
    write(repo, "b.yaml", WORKFLOW.replace("tag: deploy-service", "tag: [42]"))
    assert "duplicate-workflow-tag" not in check("wf").stdout


def test_a_number_is_the_tag_cortex_reads(repo):
    # Cortex (Jackson) converts 42 to the string "42", so both files have the tag "42".
    write(repo, "a.yaml", WORKFLOW.replace("tag: deploy-service", "tag: 42"))
    write(repo, "b.yaml", WORKFLOW.replace("tag: deploy-service", 'tag: "42"'))
    assert [line for line in check("wf").stdout.splitlines() if "duplicate-workflow-tag" in line] == [
        "wf/a.yaml:4:6: MUST [duplicate-workflow-tag] Tag '42' is also the tag of wf/b.yaml; Cortex keeps one workflow "
        "per tag, so saving one overwrites the other: give each workflow its own tag",
        "wf/b.yaml:4:6: MUST [duplicate-workflow-tag] Tag '42' is also the tag of wf/a.yaml; Cortex keeps one workflow "
        "per tag, so saving one overwrites the other: give each workflow its own tag",
    ]


def test_the_pool_reports_the_same(repo, monkeypatch):
    for number in range(6):
        write(repo, f"w{number}.yaml", WORKFLOW.replace("tag: deploy-service", f"tag: t{number % 3}"))
    outputs = []
    for minimum in (10**9, 1):  # one process, then a pool from the first file on
        monkeypatch.setattr(app, "POOL_MIN_FILES", minimum)
        outputs.append(check("wf").stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].count("[duplicate-workflow-tag]") == 6
