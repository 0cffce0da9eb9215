"""Every output format: byte-for-byte golden files from one shared input set,
SARIF validated against the official 2.1.0 schema, the format-specific
contracts (escaping, limits, fingerprints, XML), and ``--format``/``--output``.

The golden input is ``tests/golden/input/``: a YAML workflow with violations
of every violationType (two SHOULD rules are lowered to MAY and HINT here), a
cycle (related locations), non-ASCII text and ``%``, ``,`` and ``:`` in a
message; a JSON file with a byte-order mark; a clean file; and a missing
file.  Regenerate with ``pytest --update-golden`` and review the diff.
"""

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import ROOT, check_golden
from linter.cli import main
from linter.engine import lint
from linter.formatters import FORMATS, render
from linter.formatters.github import escape_data, escape_property
from linter.formatters.junit import xml_text
from linter.model import RelatedLocation, Severity, Span, Violation
from linter.report import FileResult, Report
from linter.settings import Settings

GOLDEN = ROOT / "tests" / "golden"
INPUT = GOLDEN / "input"
PATHS = ("workflows/deploy.yaml", "workflows/bom.json", "workflows/clean.yaml", "workflows/missing.yaml")
SETTINGS = Settings(severities={"duplicate-outgoing-action": Severity.MAY, "unreachable-action": Severity.HINT})
SARIF_SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))


def golden_report() -> Report:
    """The golden input, linted with paths relative to ``tests/golden/input``, as the CLI run there reports it."""
    results = []
    for path in PATHS:
        file = INPUT / path
        if file.exists():
            results.append(FileResult(path, lint(file.read_bytes(), path, SETTINGS).violations))
        else:
            results.append(FileResult(path, error=f"{path}: no such file or directory"))
    return Report(results, SETTINGS.fail_on)


def golden_output(output_format: str) -> str:
    return render(output_format, golden_report())


@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_golden(output_format, update_golden):
    check_golden(GOLDEN / f"report.{output_format}", golden_output(output_format), update_golden)


def test_golden_input_covers_every_level_and_related_locations():
    report = json.loads(golden_output("json"))
    violations = [v for f in report["files"] for v in f["violations"]]
    assert {v["violationType"] for v in violations} == {"MUST", "SHOULD", "MAY", "HINT"}
    assert any(len(v["related"]) >= 2 for v in violations)
    assert [f["path"] for f in report["files"] if f["error"]] == ["workflows/missing.yaml"]


# -- SARIF ------------------------------------------------------------------


def test_sarif_is_valid_sarif_2_1_0():
    log = json.loads(golden_output("sarif"))
    validator_class = jsonschema.validators.validator_for(SARIF_SCHEMA)
    validator_class.check_schema(SARIF_SCHEMA)
    errors = sorted(validator_class(SARIF_SCHEMA).iter_errors(log), key=str)
    assert errors == []


def test_sarif_has_what_github_code_scanning_requires():
    log = json.loads(golden_output("sarif"))
    assert log["$schema"] and log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({r["ruleId"] for r in run["results"]})
    for rule in rules:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert rule["helpUri"].endswith(f"/docs/rules/{rule['id']}.md")
        assert "## What it does" in rule["help"]["markdown"]
    levels = {}
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]
        assert uri == {"uri": uri["uri"], "uriBaseId": "%SRCROOT%"} and uri["uri"].startswith("workflows/")
        levels[result["properties"]["violationType"]] = result["level"]
    assert levels == {"MUST": "error", "SHOULD": "warning", "MAY": "note", "HINT": "note"}
    hashes = [r["partialFingerprints"]["primaryLocationLineHash"] for r in run["results"]]
    assert len(set(hashes)) == len(hashes) and all(h.endswith(":1") for h in hashes)
    cycle = next(r for r in run["results"] if r["ruleId"] == "action-cycle")
    assert [loc["physicalLocation"]["region"]["startLine"] for loc in cycle["relatedLocations"]] == [21, 28]
    assert run["invocations"][0]["executionSuccessful"] is False


def violation(line: int = 3, severity: Severity | str = Severity.MUST, **changes) -> Violation:
    fields = {
        "path": "wf.yaml",
        "rule_id": "field-type",
        "title": "Fields must have the right type",
        "description": "'isDraft' must be a boolean",
        "severity": severity,
        "rule_link": "https://example.com/field-type.md",
        "pointer": "/isDraft",
        "span": Span(line, 10, line, 14),
    }
    return Violation(**{**fields, **changes})


def report_of(*violations: Violation, fail_on: Severity = Severity.MUST) -> Report:
    return Report([FileResult("wf.yaml", list(violations))], fail_on)


def test_sarif_fingerprint_ignores_line_moves_and_counts_repeats():
    def hashes(*vs):
        log = json.loads(render("sarif", report_of(*vs)))
        return [r["partialFingerprints"]["primaryLocationLineHash"] for r in log["runs"][0]["results"]]

    moved = hashes(violation(line=3)), hashes(violation(line=40))
    assert moved[0] == moved[1]
    first, second = hashes(violation(line=3), violation(line=5))
    assert first.endswith(":1") and second == first[:-2] + ":2"
    assert hashes(violation(pointer="/tag"))[0] != moved[0][0]


def test_sarif_describes_a_remote_rule_from_the_violation():
    remote = violation(rule_id="cortex-constraint", title="Server says no", severity="CONSTRAINT", source="remote")
    log = json.loads(render("sarif", report_of(remote)))
    rule = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert (rule["id"], rule["shortDescription"]["text"], rule["defaultConfiguration"]["level"]) == (
        "cortex-constraint",
        "Server says no",
        "error",
    )
    assert list(jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA).iter_errors(log)) == []


# -- GitHub annotations --------------------------------------------------------


def test_github_escapes_data_and_properties():
    assert escape_data("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext: a, b"
    assert escape_property("100% done\r\nnext: a, b") == "100%25 done%0D%0Anext%3A a%2C b"


def test_github_puts_must_first_and_counts_what_github_hides():
    vs = [violation(line=i, severity=Severity.HINT) for i in range(1, 4)]
    vs += [violation(line=i, severity=Severity.MUST) for i in range(10, 22)]
    lines = render("github", report_of(*vs)).splitlines()
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == ["::error"] * 12 + ["::notice"] * 3
    assert lines[-1].startswith("cortex-workflow-lint: GitHub shows at most 10 error")
    assert "so 2 of these 15 findings will not be shown" in lines[-1]
    assert "--output sarif=" in lines[-1]


def test_github_within_limits_prints_only_annotations():
    output = render("github", report_of(*[violation(line=i, severity=Severity.SHOULD) for i in range(1, 11)]))
    assert output.count("\n") == 10 and all(line.startswith("::warning file=wf.yaml,line=") for line in output.splitlines())


# -- JUnit ---------------------------------------------------------------------


def test_junit_failures_follow_fail_on_and_xml_stays_well_formed():
    nasty = violation(description="bad \x00 byte & <tag>", severity=Severity.SHOULD)
    root = ET.fromstring(render("junit", report_of(violation(), nasty, fail_on=Severity.MUST)))
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), root.get("failures")) == ("2", "1", "1")
    cases = suite.findall("testcase")
    assert cases[0].find("failure").get("type") == "MUST"
    assert cases[1].find("failure") is None and "bad \ufffd byte & <tag>" in cases[1].find("system-out").text
    strict = ET.fromstring(render("junit", report_of(violation(), nasty, fail_on=Severity.HINT)))
    assert strict.get("failures") == "2"


def test_xml_text_replaces_only_characters_xml_cannot_hold():
    assert xml_text("tab\tnl\n\x07é🚀\ufffe") == "tab\tnl\n\ufffdé🚀\ufffd"


# -- GitLab Code Quality -----------------------------------------------------------


def test_gitlab_fingerprints_are_unique_and_ignore_lines():
    issues = json.loads(render("gitlab", report_of(violation(line=3), violation(line=9))))
    assert len({i["fingerprint"] for i in issues}) == 2
    moved = json.loads(render("gitlab", report_of(violation(line=30))))
    assert moved[0]["fingerprint"] == issues[0]["fingerprint"]
    assert issues[0]["location"] == {"path": "wf.yaml", "lines": {"begin": 3, "end": 3}}
    severities = [json.loads(render("gitlab", report_of(violation(severity=s))))[0]["severity"] for s in Severity]
    assert severities == ["info", "minor", "major", "critical"]


def test_gitlab_and_sarif_paths_are_relative_with_forward_slashes(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    v = violation(path=str(tmp_path / "sub dir" / "wf.yaml"))
    assert json.loads(render("gitlab", report_of(v)))[0]["location"]["path"] == "sub dir/wf.yaml"
    log = json.loads(render("sarif", report_of(v)))
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub%20dir/wf.yaml"


def test_related_violation_renders_notes_everywhere():
    related = (RelatedLocation("/a", "first edge", Span(7, 3, 7, 9)),)
    v = violation(related=related)
    assert "wf.yaml:7:3: note: first edge" in render("github", report_of(v)).replace("%0A", "\n")
    assert "wf.yaml:7:3: note: first edge" in render("junit", report_of(v))
    assert "note" not in render("concise", report_of(v))


# -- --format and --output -------------------------------------------------------


def cli(*args, env=None):
    return CliRunner().invoke(main, ["check", *args], env={"GITHUB_ACTIONS": None, **(env or {})})


GOOD = str(INPUT / "workflows" / "clean.yaml")
BAD = str(INPUT / "workflows" / "deploy.yaml")


def test_output_writes_several_formats_in_one_run(tmp_path):
    sarif, junit = tmp_path / "r.sarif", tmp_path / "r.xml"
    result = cli(BAD, "--output", f"sarif={sarif}", "-o", f"junit={junit}")
    assert result.exit_code == 1
    assert "in 1 of 1 file checked.\n" in result.stdout  # text still goes to the terminal
    assert json.loads(sarif.read_text())["runs"][0]["results"]
    assert ET.fromstring(junit.read_text()).get("failures") != "0"


def test_output_to_stdout_replaces_the_default_format():
    result = cli(BAD, "-o", "concise=-")
    assert result.exit_code == 1 and "Found" not in result.stdout
    assert f"{BAD}:5:10: MUST [field-type] 'isDraft' must be a boolean" in result.stdout
    assert all(re.match(rf"{re.escape(BAD)}:\d+:\d+: [A-Z]+ \[[a-z-]+\] ", line) for line in result.stdout.splitlines())


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("sarif", "'sarif' is not FORMAT=PATH"),
        ("sarif=", "'sarif=' is not FORMAT=PATH"),
        ("xml=out.xml", "unknown format 'xml'"),
    ],
)
def test_bad_output_values_are_usage_errors(value, message):
    result = cli(GOOD, "--output", value)
    assert result.exit_code == 2 and message in result.stderr


def test_two_formats_for_one_place_are_a_usage_error(tmp_path):
    result = cli(GOOD, "--format", "json", "-o", "text=-")
    assert result.exit_code == 2 and "json and text would both be written to standard output" in result.stderr
    same = str(tmp_path / "r.json")
    assert cli(GOOD, "-o", f"json={same}", "-o", f"cortex={same}").exit_code == 2


def test_unwritable_output_exits_3_and_still_writes_the_rest(tmp_path):
    good = tmp_path / "r.sarif"
    result = cli(GOOD, "-o", f"json={tmp_path / 'no' / 'such' / 'dir.json'}", "-o", f"sarif={good}")
    assert result.exit_code == 3
    assert f"cannot write the json output to {tmp_path / 'no' / 'such' / 'dir.json'}" in result.stderr
    assert good.exists() and result.stdout == "Failed: 1 output could not be written. No violations in 1 file checked.\n"


def test_github_is_the_default_under_github_actions():
    result = cli(BAD, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1 and f"::error file={BAD},line=5,col=10,endLine=5,endColumn=17," in result.stdout
    assert all(line.startswith("::") for line in result.stdout.splitlines())
    for forced in (cli(BAD, "-f", "text", env={"GITHUB_ACTIONS": "true"}), cli(BAD, env={"GITHUB_ACTIONS": "false"})):
        assert f"{BAD}:5:10: MUST [field-type]" in forced.stdout and forced.stdout.startswith(BAD)


def test_plain_check_imports_no_extra_formatter():
    code = (
        "import sys\nfrom linter.cli import main\n"
        f"try:\n    main(['check', {GOOD!r}])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('xml', 'hashlib', 'linter.formatters.'))))"
    )
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out.splitlines()[-1] == "['linter.formatters.printable', 'linter.formatters.text']"
