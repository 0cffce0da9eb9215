"""The GitHub Action (action.yml) and the job summary.

The action's lint step is run as GitHub runs it: its ``run`` script through
bash, its ``env`` with the inputs substituted, ``GITHUB_ACTIONS=true`` and
fake ``GITHUB_OUTPUT``/``GITHUB_STEP_SUMMARY`` files.  The install step needs
the network (pip builds the checkout), so the test stands in for its result:
``$RUNNER_TEMP/cortex-workflow-lint/bin/python`` runs this test's Python,
which has the tool installed.
"""

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import ROOT
from linter.cli import main

ACTION = YAML(typ="safe").load((ROOT / "action.yml").read_text(encoding="utf-8"))
GOOD = (ROOT / "tests" / "rules" / "required-field" / "good.yaml").read_text(encoding="utf-8")
BROKEN = GOOD.replace("tag: hello-world", "tag: broken").replace("isDraft: false", "isDraft: nope\nrunResponseTemplat: hi")


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A checkout with one good and one broken workflow, a runner's temp directory and its files."""
    work = tmp_path / "repo"
    (work / ".cortex" / "workflows").mkdir(parents=True)
    (work / ".cortex" / "workflows" / "good.yaml").write_text(GOOD, encoding="utf-8")
    (work / ".cortex" / "workflows" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    python = tmp_path / "runner" / "cortex-workflow-lint" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    monkeypatch.chdir(work)
    return work


def run_lint_step(repo, **inputs: str) -> subprocess.CompletedProcess:
    [step] = [s for s in ACTION["runs"]["steps"] if s.get("id") == "check"]
    values = {name: inputs.get(name.replace("-", "_"), spec.get("default", "")) for name, spec in ACTION["inputs"].items()}

    def expand(text: str) -> str:
        text = text.replace("${{ github.action_path }}", str(ROOT))
        return re.sub(r"\$\{\{ inputs\.([\w-]+) \}\}", lambda m: values[m.group(1)], text)

    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(repo.parent),
        "GITHUB_ACTIONS": "true",
        "RUNNER_TEMP": str(repo.parent / "runner"),
        "GITHUB_OUTPUT": str(repo.parent / "output"),
        "GITHUB_STEP_SUMMARY": str(repo.parent / "summary.md"),
        **{name: expand(str(value)) for name, value in step["env"].items()},
    }
    (repo.parent / "output").write_text("")
    (repo.parent / "summary.md").write_text("# Earlier step\n")
    return subprocess.run([step["shell"], "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_the_action_installs_from_its_own_checkout_and_runs_check():
    assert ACTION["runs"]["using"] == "composite"
    steps = ACTION["runs"]["steps"]
    assert steps[0]["uses"].startswith("actions/setup-python@")
    install = steps[1]
    assert install["env"]["ACTION_PATH"] == "${{ github.action_path }}"
    assert 'pip install --quiet --disable-pip-version-check "$ACTION_PATH"' in install["run"]
    assert "cortex-workflow-lint==" not in json.dumps(ACTION) and "pypi" not in json.dumps(ACTION).lower()
    assert set(ACTION["inputs"]) == {"paths", "fail-on", "config", "sarif", "args", "python-version"}
    assert ACTION["outputs"]["sarif"]["value"] == "${{ steps.check.outputs.sarif }}"


def test_the_lint_step_annotates_writes_sarif_outputs_and_a_job_summary(repo):
    done = run_lint_step(repo, sarif="results.sarif")
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        "::error file=.cortex/workflows/broken.yaml,line=3,col=10,endLine=3,endColumn=14,title=MUST [field-type] "
        "Fields must have the right type::'isDraft' must be a boolean (true or false), not a string ('nope')",
        "::warning file=.cortex/workflows/broken.yaml,line=4,col=1,endLine=4,endColumn=19,title=SHOULD [unknown-field] "
        "Fields should be known to Cortex::Unknown field 'runResponseTemplat' in the workflow. Did you mean 'runResponseTemplate'?",
    ]
    assert (repo.parent / "output").read_text() == "sarif=results.sarif\nexit-code=1\n"
    assert json.loads((repo / "results.sarif").read_text())["runs"][0]["results"]
    assert (repo.parent / "summary.md").read_text() == (
        "# Earlier step\n"
        "### cortex-workflow-lint failed (exit code 1)\n\n"
        "Found 2 violations (1 MUST, 1 SHOULD) in 1 of 2 files checked.\n\n"
        "| File | Rule | violationType | Findings |\n"
        "| --- | --- | --- | ---: |\n"
        "| `.cortex/workflows/broken.yaml` | `field-type` | MUST | 1 |\n"
        "| `.cortex/workflows/broken.yaml` | `unknown-field` | SHOULD | 1 |\n\n"
    )


def test_the_lint_step_passes_fail_on_config_and_extra_arguments(repo):
    (repo / "lint.yaml").write_text("severity: {unknown-field: MAY}\n")
    done = run_lint_step(repo, paths=".cortex/workflows/good.yaml .cortex/workflows/broken.yaml", fail_on="MAY", config="lint.yaml", args="--ignore field-type")
    assert done.returncode == 1, done.stderr
    assert [line.split(" ")[0] for line in done.stdout.splitlines()] == ["::notice"]
    assert (repo.parent / "output").read_text() == "sarif=\nexit-code=1\n"
    passing = run_lint_step(repo, paths=".cortex/workflows/good.yaml")
    assert (passing.returncode, passing.stdout) == (0, "")
    assert (repo.parent / "summary.md").read_text().splitlines()[1:4] == [
        "### cortex-workflow-lint passed (exit code 0)",
        "",
        "All checks passed (1 file checked).",
    ]


def test_the_job_summary_names_failures(repo, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(repo / "summary.md"))
    result = CliRunner().invoke(main, ["check", ".cortex/workflows/good.yaml", "missing|file.yaml"])
    assert result.exit_code == 3
    assert (repo / "summary.md").read_text() == (
        "### cortex-workflow-lint failed (exit code 3)\n\n"
        "Failed: 1 file could not be read. No violations in 1 file checked.\n\n"
        "**Failures**\n\n"
        "- missing\\|file.yaml: no such file or directory\n\n"
    )


def test_a_job_summary_that_cannot_be_written_is_a_warning(repo, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(repo / "no" / "such" / "dir.md"))
    result = CliRunner().invoke(main, ["check", ".cortex/workflows/good.yaml"])
    assert (result.exit_code, result.stdout) == (0, "All checks passed (1 file checked).\n")
    assert "warning: cannot write the job summary to" in result.stderr
