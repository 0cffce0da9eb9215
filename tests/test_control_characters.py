"""Control characters in file names and in Cortex's text never act on a terminal or a CI log.

Human-readable formats (text, concise, github) escape them, so a file name
with a newline cannot forge a line (such as ``::error``); machine formats
stay valid JSON and XML and keep the exact text where they can.
"""

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from conftest import ROOT
from linter.cli import main
from linter.formatters import FORMATS, render
from linter.formatters.printable import json_text, one_line, printable
from linter.model import RelatedLocation, Span, Violation
from linter.report import FileResult, Report

EVIL_PATH = "wf\n::error file=x.yaml::forged\x1b[31m\u202e.yaml"
SHOWN_PATH = "wf\\n::error file=x.yaml::forged\\x1b[31m\\u202e.yaml"
SERVER_TEXT = "Cortex says\x07 no\r\n::warning::forged too \x1b]0;title\x9b"


def evil_report() -> Report:
    violation = Violation(
        path=EVIL_PATH,
        rule_id="remote",
        title="Server\x1b[2J title",
        description=SERVER_TEXT,
        severity="CON\x1bSTRAINT",
        rule_link="https://example.com/rule",
        pointer="/actions/0",
        span=Span(3, 5, 3, 9),
        related=(RelatedLocation("/actions/1", "see\nhere\x00", Span(4, 1, 4, 2)),),
        source="remote",
    )
    return Report([FileResult(EVIL_PATH, [violation])])


def test_printable_escapes_every_control_character_and_keeps_the_rest():
    assert printable("a\nb\r\t\x00\x1b\x7f\x85\u2028\u202e\udcff é🚀\\") == "a\\nb\\r\\t\\x00\\x1b\\x7f\\x85\\u2028\\u202e\\udcff é🚀\\"
    assert printable("a\nb\x1b", keep="\n") == "a\nb\\x1b"
    assert one_line("first\nsecond\r\nthird\x1b") == "first second third\\x1b"


def test_ascii_text_takes_the_short_path_and_is_escaped_the_same():
    """ASCII text is checked with a smaller pattern (the full one compiles on first non-ASCII text)."""
    assert printable("a\x00\x1f\x7f~ b") == "a\\x00\\x1f\\x7f~ b"
    assert json_text({"a": "x\x7fy"}) == '{\n  "a": "x\\u007fy"\n}\n'  # DEL is ASCII, and json.dumps leaves it raw
    assert json_text({"a": "plain"}) == '{\n  "a": "plain"\n}\n'


def test_text_keeps_one_line_per_violation_and_note():
    assert render("text", evil_report()).splitlines() == [
        f"{SHOWN_PATH}:3:5: CON\\x1bSTRAINT [remote] (only Cortex reports this: a local rule is missing) "
        "Cortex says\\x07 no ::warning::forged too \\x1b]0;title\\x9b",
        f"    {SHOWN_PATH}:4:1: note: see here\\x00",
        "Found 1 violation (1 CON\\x1bSTRAINT) in 1 of 1 file checked.",
    ]


def test_concise_keeps_one_line_per_violation():
    assert render("concise", evil_report()) == (
        f"{SHOWN_PATH}:3:5: CON\\x1bSTRAINT [remote] Cortex says\\x07 no ::warning::forged too \\x1b]0;title\\x9b\n"
    )


def test_github_cannot_be_forged():
    assert render("github", evil_report()) == (
        "::error file=wf%0A%3A%3Aerror file=x.yaml%3A%3Aforged\\x1b[31m\\u202e.yaml,line=3,col=5,endLine=3,endColumn=9,"
        "title=CON\\x1bSTRAINT [remote] Server\\x1b[2J title::"
        "Cortex says\\x07 no%0D%0A::warning::forged too \\x1b]0;title\\x9b"
        f"%0A{SHOWN_PATH.replace(chr(92) + 'n', '%0A')}:4:1: note: see%0Ahere\\x00\n"
    )


@pytest.mark.parametrize("output_format", ["json", "sarif", "gitlab", "cortex"])
def test_json_formats_stay_valid_safe_to_print_and_keep_the_exact_text(output_format):
    output = render(output_format, evil_report())
    assert printable(output, keep="\n") == output  # nothing unsafe is written raw
    assert SERVER_TEXT in strings(json.loads(output))


def test_json_escapes_an_undecodable_file_name_instead_of_failing_to_write_it():
    report = Report([FileResult("bad\udcff.yaml", error="bad\udcff.yaml: cannot read file")])
    output = render("json", report)
    output.encode("utf-8")
    assert json.loads(output)["files"][0]["path"] == "bad\udcff.yaml"


def strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for item in value.values() for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return [value] if isinstance(value, str) else []


def test_junit_stays_well_formed_xml():
    root = ET.fromstring(render("junit", evil_report()))
    case = root.find("testsuite/testcase")
    assert case.get("file") == EVIL_PATH.replace("\x1b", "\ufffd")
    assert case.find("failure").get("type") == "CON\ufffdSTRAINT"
    assert case.find("failure").get("message") == SERVER_TEXT.replace("\x07", "\ufffd").replace("\x1b", "\ufffd")


def test_every_format_is_covered():
    assert set(FORMATS) == {"text", "concise", "github", "json", "sarif", "gitlab", "cortex", "junit"}


def test_a_file_named_with_a_newline_cannot_forge_a_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = (ROOT / "tests" / "rules" / "required-field" / "good.yaml").read_text().replace("isDraft: false", "isDraft: nope")
    (tmp_path / "x\n::error file=y.yaml::forged.yaml").write_text(bad)
    message = "'isDraft' must be a boolean (true or false), not a string ('nope')"
    for output_format in ("text", "concise"):
        result = CliRunner().invoke(main, ["check", "--format", output_format, "."])
        assert result.exit_code == 1
        assert result.stdout.splitlines()[0] == f"x\\n::error file=y.yaml::forged.yaml:3:10: MUST [field-type] {message}"
