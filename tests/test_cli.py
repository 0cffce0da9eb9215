"""The command line: exit codes, stdin, formats' contracts, rules and explain."""

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import ROOT
from linter import __version__
from linter.cli import main

GOOD = (ROOT / "tests" / "rules" / "required-field" / "good.yaml").read_text()
SHOULD_ONLY = GOOD.replace("isDraft: false\n", "isDraft: false\nrunResponseTemplat: hi\n")
MUST = GOOD.replace("isDraft: false\n", "isDraft: nope\n")


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_clean_file_exits_0(tmp_path):
    result = run("check", write(tmp_path, "good.yaml", GOOD))
    assert (result.exit_code, result.stdout) == (0, "All checks passed (1 file checked).\n")


def test_must_violation_exits_1_with_file_line_col(tmp_path):
    path = write(tmp_path, "bad.yaml", MUST)
    result = run("check", path)
    assert result.exit_code == 1
    assert result.stdout == (
        f"{path}:3:10: MUST [field-type] 'isDraft' must be a boolean (true or false), not a string ('nope')\n"
        "Found 1 violation (1 MUST) in 1 of 1 file checked.\n"
    )


@pytest.mark.parametrize(("fail_on", "code"), [("MUST", 0), ("SHOULD", 1), ("hint", 1)])
def test_fail_on_threshold(tmp_path, fail_on, code):
    assert run("check", "--fail-on", fail_on, write(tmp_path, "w.yaml", SHOULD_ONLY)).exit_code == code


def test_usage_errors_exit_2(tmp_path):
    assert run("check").exit_code == 2
    assert run("check", "--format", "xml", write(tmp_path, "w.yaml", GOOD)).exit_code == 2
    assert run("check", "--fail-on", "SOMETIMES", "x.yaml").exit_code == 2


def test_stdin_with_stdin_filename():
    result = run("check", "--stdin-filename", "flows/deploy.yaml", "-", input=MUST)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("flows/deploy.yaml:3:10: MUST [field-type]")
    assert run("check", "-", input=GOOD).stdout == "All checks passed (1 file checked).\n"


def test_directory_walk_finds_workflows_only(tmp_path):
    (tmp_path / ".cortex" / "workflows").mkdir(parents=True)
    write(tmp_path / ".cortex" / "workflows", "b.yml", MUST)
    write(tmp_path / ".cortex" / "workflows", "a.json", json.dumps({"tag": "x", "actions": []}))
    write(tmp_path, "values.yaml", "replicas: 3\n")
    write(tmp_path, "notes.txt", "actions: []\n")
    (tmp_path / "node_modules").mkdir()
    write(tmp_path / "node_modules", "w.yaml", MUST)
    result = run("check", "--format", "json", str(tmp_path))
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == [f"{tmp_path}/.cortex/workflows/a.json", f"{tmp_path}/.cortex/workflows/b.yml"]


def test_json_report_matches_its_published_schema(tmp_path):
    other = GOOD.replace("tag: hello-world", "tag: other-world", 1)  # one workflow per tag: a second file needs its own
    result = run("check", "--format", "json", write(tmp_path, "bad.yaml", MUST), write(tmp_path, "ok.yaml", other))
    report = json.loads(result.stdout)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(report)
    assert report["summary"] == {"files": 2, "violations": 1, "byViolationType": {"MUST": 1}, "fixed": 0, "baselined": 0}
    [violation] = report["files"][0]["violations"]
    assert violation["ruleId"] == "field-type"
    assert (violation["startLine"], violation["startColumn"], violation["endLine"], violation["endColumn"]) == (3, 10, 3, 14)
    assert violation["pointer"] == "/isDraft" and violation["paths"] == ["/isDraft"]


def test_cortex_format_has_exactly_cortex_keys(tmp_path):
    single = json.loads(run("check", "--format", "cortex", write(tmp_path, "bad.yaml", MUST)).stdout)
    assert single["ok"] is False
    [violation] = single["violations"]
    assert sorted(violation) == sorted(
        ["title", "description", "violationType", "ruleLink", "paths", "pointer", "startLine", "endLine"]
    )
    assert (violation["violationType"], violation["pointer"], violation["startLine"]) == ("MUST", "/isDraft", 3)
    ok = json.loads(run("check", "--format", "cortex", write(tmp_path, "s.yaml", SHOULD_ONLY)).stdout)
    assert ok["ok"] is True and [v["violationType"] for v in ok["violations"]] == ["SHOULD"]


def test_cortex_format_maps_each_path_with_several_inputs(tmp_path):
    bad, good = write(tmp_path, "bad.yaml", MUST), write(tmp_path, "good.yaml", GOOD.replace("tag: hello-world", "tag: other-world"))
    body = json.loads(run("check", "--format", "cortex", bad, good).stdout)
    assert list(body) == [bad, good]
    assert body[good] == {"ok": True, "violations": []}


def test_rules_lists_every_rule():
    from linter.rules import all_rules

    result = run("rules")
    assert result.exit_code == 0
    rows = [line.split(None, 2) for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == list(all_rules())
    assert ["required-field", "MUST", "Required fields must be present"] in rows


def test_explain_prints_the_rule_page_and_rejects_unknown_rules():
    page = run("explain", "field-type").stdout
    assert page.startswith("# field-type\n\n**Fields must have the right type** · violationType `MUST` · on by default\n\n")
    off = run("explain", "defaulted-field").stdout.splitlines()[2]
    assert off.endswith(" · off by default (turn it on with `select`)")
    assert "## Why is this bad?" in page
    result = run("explain", "field-typo")
    assert result.exit_code == 2
    assert "unknown rule 'field-typo'. Did you mean 'field-type'?" in result.stderr


def test_python_dash_m_and_version():
    done = subprocess.run([sys.executable, "-m", "linter", "--version"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, f"cortex-workflow-lint, version {__version__}\n")


def test_the_console_script_flushes_everything_before_its_fast_exit(tmp_path):
    """``run`` ends the process with ``os._exit``: what a pipe gets and the exit code must be those
    of ``main``, for an output far larger than a pipe's buffer, and for a usage error."""
    corpus = str(ROOT / "tests" / "data" / "cortex-examples")
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-m", "linter", "check", "-f", "sarif", corpus], capture_output=True, check=False, env=buffered)
    expected = run("check", "-f", "sarif", corpus)
    assert len(done.stdout) > 65_536  # more than a pipe holds
    assert (done.returncode, done.stdout.decode()) == (expected.exit_code, expected.stdout) == (1, expected.stdout)
    usage = subprocess.run([sys.executable, "-m", "linter", "check", "--bogus"], capture_output=True, text=True, check=False, env=buffered)
    assert (usage.returncode, usage.stdout, usage.stderr.splitlines()[-1]) == (2, "", "Error: No such option '--bogus'.")
    bad = write(tmp_path, "bad.yaml", MUST)
    command = [sys.executable, "-m", "linter", "check", "--add-suppressions", "--reason", "legacy", bad]
    added = subprocess.run(command, capture_output=True, text=True, check=False, env=buffered)  # print() leaves it buffered
    assert (added.returncode, added.stdout) == (0, "Added 1 suppression comment in 1 file.\n")


def test_a_reader_that_stops_early_gets_no_traceback():
    """``cortex-workflow-lint check ... | head -1``: the closed pipe ends the run quietly, exit 1."""
    corpus = str(ROOT / "tests" / "data" / "cortex-examples")
    process = subprocess.Popen([sys.executable, "-m", "linter", "check", "-f", "json", corpus], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(1) == b"{"
    process.stdout.close()
    errors = process.stderr.read()
    process.stderr.close()
    assert (process.wait(timeout=60), errors) == (1, b"")


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["--version"], 0, ""),
        (["check", "examples/"], 3, "cortex-workflow-lint: error: cannot write the text output to standard output: standard output is closed\n"),
    ],
)
def test_a_process_started_without_standard_output_ends_without_a_traceback(args, code, stderr):
    """``cortex-workflow-lint ... >&-``: Python has no ``sys.stdout``; a report that cannot be
    written is a failure (exit 3), said on standard error."""
    done = subprocess.run(
        [sys.executable, "-m", "linter", *args], cwd=ROOT, stderr=subprocess.PIPE, text=True, check=False, preexec_fn=lambda: os.close(1)
    )
    assert (done.returncode, done.stderr) == (code, stderr)
