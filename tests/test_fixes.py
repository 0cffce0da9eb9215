"""Fixes: golden before/after files for every fix, and the --fix/--diff command line.

Each ``tests/fixes/<rule-id>/<case>.yaml`` is fixed with only that rule
selected (unsafe fixes included) and compared with ``<case>.fixed.yaml``,
once as written and once with CRLF line endings.  Fixing the result again
changes nothing, no character outside a fix's edits changes, and no finding
of that rule with a fix is left.
"""

import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, check_golden
from linter.engine import lint
from linter.fixes import apply_fixes, decode, encode, fix_text
from linter.settings import Settings

CASES = sorted(p for p in (ROOT / "tests" / "fixes").glob("*/*") if ".fixed." not in p.name)


def _golden(case: Path) -> Path:
    return case.with_name(case.stem + ".fixed" + case.suffix)


def _settings(case: Path) -> Settings:
    return Settings(select=frozenset({case.parent.name}))


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_fix_golden(case, newline, update_golden):
    rule_id = case.parent.name
    settings = _settings(case)
    original = decode(case.read_bytes()).replace("\n", newline)
    result = fix_text(original, case.name, settings, unsafe=True)
    assert result.fixed >= 1
    if newline == "\n":
        check_golden(_golden(case), result.text, update_golden)
    else:
        assert result.text == decode(_golden(case).read_bytes()).replace("\n", "\r\n")
    again = fix_text(result.text, case.name, settings, unsafe=True)
    assert (again.fixed, again.text) == (0, result.text)
    assert [v for v in result.checked.violations if v.rule_id == rule_id and v.fix] == []


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_character_outside_a_fix_changes(case):
    text = decode(case.read_bytes()).replace("\n", "\r\n")
    fixable = [v for v in lint(encode(text), case.name, _settings(case)).violations if v.fix]
    assert fixable
    for v in fixable:
        fixed, applied = apply_fixes(text, [v], unsafe=True)
        assert applied == [v]
        start, end = min(e.start for e in v.fix.edits), max(e.end for e in v.fix.edits)
        prefix = len(os.path.commonprefix([text, fixed]))
        suffix = len(os.path.commonprefix([text[::-1], fixed[::-1]]))
        assert prefix >= start and suffix >= len(text) - end, v.fix


# -- the command line ----------------------------------------------------------------

GOOD = (ROOT / "tests" / "rules" / "required-field" / "good.yaml").read_text()
EXPORTED = GOOD.replace("isDraft: false\n", "isDraft: false\ncreatedAt: '2025-06-01'\n")
"""A clean workflow plus a server-managed field (HINT, safe fix)."""
GUESS = GOOD.replace("type: GLOBAL", "type: GLOBALL")
"""An enum typo (MUST, unsafe fix)."""


def run(*args, input=None):
    from click.testing import CliRunner

    from linter.cli import main

    result = CliRunner().invoke(main, ["check", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_check_marks_fixable_findings_and_counts_them(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(EXPORTED)
    result = run(str(path))
    assert result.exit_code == 0
    assert result.stdout == (
        f"{path}:4:1: HINT [server-managed-field] [*] 'createdAt' is set by Cortex when the workflow is saved "
        "(it comes from an export); remove it from the source\n"
        "Found 1 violation (1 HINT) in 1 of 1 file checked.\n"
        "[*] 1 fixable with --fix.\n"
    )
    assert path.read_text() == EXPORTED


def test_fix_writes_the_file_and_reports_what_remains(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_bytes(EXPORTED.replace("\n", "\r\n").encode())
    result = run("--fix", str(path))
    assert (result.exit_code, result.stdout) == (0, "All checks passed (1 file checked).\nFixed 1 finding.\n")
    assert path.read_bytes() == GOOD.replace("\n", "\r\n").encode()


def test_diff_prints_the_change_writes_nothing_and_exits_1_whatever_fail_on(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(EXPORTED)
    result = run("--diff", "--fail-on", "MUST", str(path))
    assert result.exit_code == 1
    assert result.stdout == (
        f"--- {path}\n+++ {path}\n@@ -1,7 +1,6 @@\n tag: hello-world\n name: Hello world\n isDraft: false\n"
        "-createdAt: '2025-06-01'\n filter:\n   type: GLOBAL\n actions:\n"
    )
    assert result.stderr == "Would fix 1 finding in 1 file.\n"
    assert path.read_text() == EXPORTED


def test_diff_exits_0_without_a_change_even_with_violations(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(GOOD.replace("isDraft: false", "isDraft: nope"))
    result = run("--diff", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Would fix 0 findings in 0 files.\n")


def test_unsafe_fixes_need_the_option(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(GUESS)
    result = run("--fix", str(path))
    assert result.exit_code == 1
    assert result.stdout.endswith("Found 1 violation (1 MUST) in 1 of 1 file checked.\n1 fixable with --fix --unsafe-fixes.\n")
    assert path.read_text() == GUESS
    result = run("--fix", "--unsafe-fixes", str(path))
    assert (result.exit_code, result.stdout) == (0, "All checks passed (1 file checked).\nFixed 1 finding.\n")
    assert path.read_text() == GOOD


def test_fix_of_stdin_prints_the_text_and_reports_on_stderr():
    result = run("--fix", "--stdin-filename", "flows/w.yaml", "-", input=EXPORTED)
    assert (result.exit_code, result.stdout) == (0, GOOD)
    assert result.stderr == "All checks passed (1 file checked).\nFixed 1 finding.\n"


def test_fix_of_stdin_echoes_a_file_it_cannot_fix():
    result = run("--fix", "-", input=b"\xff\xfeta\x00g")
    assert result.stdout_bytes == b"\xff\xfeta\x00g"
    assert "[file-encoding]" in result.stderr


def test_suppressed_findings_are_not_fixed(tmp_path):
    path = tmp_path / "w.yaml"
    text = EXPORTED.replace("createdAt: '2025-06-01'", "createdAt: '2025-06-01'  # cortex-workflow-lint: disable=server-managed-field -- kept")
    path.write_text(text)
    assert run("--fix", str(path)).exit_code == 0
    assert path.read_text() == text


def test_json_report_carries_the_fix(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(EXPORTED)
    report = json.loads(run("--format", "json", str(path)).stdout)
    start = EXPORTED.index("createdAt")
    assert report["files"][0]["violations"][0]["fix"] == {
        "applicability": "safe",
        "message": "Remove 'createdAt'",
        "edits": [
            {
                "startOffset": start,
                "endOffset": start + len("createdAt: '2025-06-01'\n"),
                "startLine": 4,
                "startColumn": 1,
                "endLine": 5,
                "endColumn": 1,
                "replacement": "",
            }
        ],
    }


def test_a_fix_that_adds_a_must_is_undone_and_reported(tmp_path, monkeypatch):
    from linter.model import Edit, Finding, Fix
    from linter.rules.server_managed_field import ServerManagedField

    def check(self, doc):
        at = doc.text.find("hello-world")
        if at < 0:
            return
        bad = Fix("Break the tag", (Edit(at, at + len("hello-world"), "Hello_World"),))
        yield Finding("Pretend the tag needs a change", "/tag", fix=bad)

    monkeypatch.setattr(ServerManagedField, "check", check)
    path = tmp_path / "w.yaml"
    path.write_text(GOOD)
    result = run("--fix", "--select", "server-managed-field", str(path))  # compared on every rule's findings
    assert path.read_text() == GOOD
    assert result.stderr == (
        f"cortex-workflow-lint: warning: {path}:1:6: undid the fix for [server-managed-field] (Break the tag): "
        "it added a MUST finding: [invalid-tag] Tag 'Hello_World' contains '_'; a tag is made up of letters, "
        "digits and hyphens only; use 'hello-world'\n"
    )
    assert "Fixed" not in result.stdout


def test_overlapping_fixes_wait_for_the_next_pass():
    from linter.model import WHOLE_FILE, Edit, Fix, Violation

    def violation(rule_id, start, end, text):
        return Violation("w.yaml", rule_id, "", "", "MUST", "", "", WHOLE_FILE, fix=Fix(rule_id, (Edit(start, end, text),)))

    first, overlapping, apart = violation("a", 0, 3, "xyz"), violation("b", 2, 5, "!"), violation("c", 5, 6, "")
    assert apply_fixes("abcdefg", [apart, overlapping, first]) == ("xyzdeg", [first, apart])
    assert apply_fixes("abcdefg", [overlapping]) == ("ab!fg", [overlapping])


def test_thousands_of_fixes_in_one_list_are_all_applied():
    """Each removal scanned its list for the item, and each fix was compared with every fix taken
    before it: 5,000 repeated targets took 12-15 s to fix."""
    head = "tag: t\nname: T\nisDraft: false\nfilter:\n  type: GLOBAL\nactions:\n"
    block = "- slug: a\n  name: a\n  isRootAction: true\n  outgoingActions:\n{targets}  schema: {{type: JQ, expression: '.'}}\n"
    last = "- slug: b\n  name: b\n  isRootAction: false\n  outgoingActions: []\n  schema: {type: JQ, expression: '.'}\n"
    fixed = head + block.format(targets="  - b\n") + last
    text = head + block.format(targets="  - b\n" * 5_000) + last
    result = fix_text(text, "wf.yaml", Settings())
    assert (result.fixed, result.text, result.checked.violations) == (4_999, fixed, [])


def test_one_bad_fix_among_thousands_is_found_by_halving(monkeypatch):
    """A pass whose fixes add a MUST finding together is split in halves to find the culprit: it
    linted once per fix, so one bad fix among 500 cost 500 lints."""
    from linter import fixes
    from linter.model import Edit, Finding, Fix
    from linter.rules.server_managed_field import ServerManagedField

    def check(self, doc):
        at = doc.text.find("hello-world")
        if at >= 0:
            yield Finding("Pretend the tag needs a change", "/tag", fix=Fix("Break the tag", (Edit(at, at + len("hello-world"), "Hello_World"),)))

    lints = []
    real_lint = fixes.lint
    monkeypatch.setattr(ServerManagedField, "check", check)
    monkeypatch.setattr(fixes, "lint", lambda *args: lints.append(1) or real_lint(*args))
    head = "tag: hello-world\nname: T\nisDraft: false\nfilter:\n  type: GLOBAL\nactions:\n"
    block = "- slug: a\n  name: a\n  isRootAction: true\n  outgoingActions:\n{targets}  schema: {{type: JQ, expression: '.'}}\n"
    last = "- slug: b\n  name: b\n  isRootAction: false\n  outgoingActions: []\n  schema: {type: JQ, expression: '.'}\n"
    result = fix_text(head + block.format(targets="  - b\n" * 500) + last, "wf.yaml", Settings())
    assert (result.fixed, result.text) == (499, head + block.format(targets="  - b\n") + last)
    assert [(v.rule_id, added.rule_id) for v, added in result.rolled_back] == [("server-managed-field", "invalid-tag")]
    assert len(lints) == 21  # 505 before: one per fix, and five more
