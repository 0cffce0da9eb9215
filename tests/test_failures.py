"""Output never contradicts the exit code: runs that could not check everything, in every format.

Each case is a real command-line run in an empty working directory; its
standard output in each format is a golden file in ``tests/golden/failures/``
(``pytest --update-golden`` rewrites them).  Whatever the format, nothing
says "passed" unless the exit code is 0, and machine formats stay valid.
"""

import json
import socket
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import ROOT, check_golden
from linter.cli import main
from linter.formatters import FORMATS

GOLDEN = ROOT / "tests" / "golden" / "failures"
GOOD = (ROOT / "tests" / "rules" / "required-field" / "good.yaml").read_text(encoding="utf-8")
REPORT_SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))


def closed_port() -> int:
    """A loopback port nobody listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def remote_unreachable() -> list[str]:
    return ["--remote=required", "--base-url", f"http://127.0.0.1:{closed_port()}", "--remote-max-wait", "0", "--no-cache", "good.yaml", "also-good.yaml"]


CASES = {
    "missing-path": (lambda: ["no/such/path.yaml"], 3, "Failed: 1 file could not be read. No violations in 0 files checked."),
    "empty-directory": (lambda: ["empty"], 2, "Failed: 1 path has no workflow files. No violations in 0 files checked."),
    "good-and-missing": (lambda: ["good.yaml", "missing.yaml"], 3, "Failed: 1 file could not be read. No violations in 1 file checked."),
    "remote-unreachable": (remote_unreachable, 4, "Failed: Cortex could not check 2 files. No violations in 2 files checked."),
}


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    for name in ("CORTEX_BASE_URL", "CORTEX_TENANT_ALIAS", "CORTEX_CONFIG", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CORTEX_API_KEY", "cortex-test-key")
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    (tmp_path / "work" / "good.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "work" / "also-good.yaml").write_text(GOOD.replace("tag: hello-world", "tag: also-hello"), encoding="utf-8")
    (tmp_path / "work" / "empty").mkdir()
    return tmp_path / "work"


def check(args: list[str], output_format: str):
    result = CliRunner().invoke(main, ["check", "--format", output_format, *args])
    assert isinstance(result.exception, SystemExit | None), result.exception
    return result


@pytest.mark.parametrize("output_format", sorted(FORMATS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_failure_output(workdir, case, output_format, update_golden):
    args, code, _ = CASES[case]
    result = check(args(), output_format)
    assert result.exit_code == code, result.stderr
    assert "passed" not in result.stdout.lower()
    assert "cortex-workflow-lint: error: " in result.stderr
    check_golden(GOLDEN / f"{case}.{output_format}", result.stdout, update_golden)
    if output_format in ("json", "cortex", "gitlab", "sarif") and result.stdout:
        json.loads(result.stdout)
    if output_format == "junit":
        ET.fromstring(result.stdout)


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_text_summary_names_what_failed(workdir, case):
    args, _, summary = CASES[case]
    assert check(args(), "text").stdout.splitlines()[-1] == summary


@pytest.mark.parametrize("case", sorted(CASES))
def test_json_carries_the_failures_and_matches_its_schema(workdir, case):
    args, code, _ = CASES[case]
    report = json.loads(check(args(), "json").stdout)
    jsonschema.validate(report, REPORT_SCHEMA)
    assert (report["ok"], report["exitCode"]) == (False, code)
    assert report["failures"]


def test_json_names_each_failure(workdir):
    report = json.loads(check(remote_unreachable(), "json").stdout)
    message = "cannot connect to 127.0.0.1; check --base-url and your network"
    assert report["failures"] == [
        {"kind": "remote", "path": "good.yaml", "message": message},
        {"kind": "remote", "path": "also-good.yaml", "message": message},
    ]
    assert [(f["ok"], f["remoteError"]) for f in report["files"]] == [(False, message), (False, message)]


@pytest.mark.parametrize("case", sorted(CASES))
def test_sarif_says_the_run_did_not_succeed(workdir, case):
    args, code, _ = CASES[case]
    log = json.loads(check(args(), "sarif").stdout)
    jsonschema.validate(log, SARIF_SCHEMA)
    [invocation] = log["runs"][0]["invocations"]
    assert (invocation["executionSuccessful"], invocation["exitCode"]) == (False, code)
    assert invocation["toolExecutionNotifications"]


def test_github_prints_an_error_per_failure(workdir):
    lines = check(remote_unreachable(), "github").stdout.splitlines()
    assert lines == [
        f"::error file={path},title=cortex-workflow-lint%3A Cortex could not check the file::cannot connect to 127.0.0.1; check --base-url and your network"
        for path in ("good.yaml", "also-good.yaml")
    ]


def test_optional_remote_failure_is_a_warning_not_a_failure(workdir):
    args = [arg.replace("required", "optional") for arg in remote_unreachable()]
    result = check(args, "text")
    assert (result.exit_code, result.stdout) == (0, "All checks passed (2 files checked).\n")
    assert "warning: " in result.stderr


def test_an_output_that_cannot_be_written_is_named_on_standard_output(workdir):
    result = CliRunner().invoke(main, ["check", "good.yaml", "--output", "sarif=no/such/dir/out.sarif"])
    assert result.exit_code == 3
    assert result.stdout == "Failed: 1 output could not be written. No violations in 1 file checked.\n"
