"""Inline suppression comments: where they apply, what counts as a comment, and the bookkeeping."""

from click.testing import CliRunner

from conftest import ROOT
from helpers import lines, lint, load_script
from linter import engine
from linter.cli import main
from linter.settings import Settings

GOOD = (ROOT / "tests" / "rules" / "required-field" / "good.yaml").read_text()
linear = load_script("benchmarks/linear.py")


def workflow(extra: str) -> str:
    """GOOD with ``extra`` lines after ``isDraft`` (they start on line 4)."""
    return GOOD.replace("isDraft: false\n", "isDraft: false\n" + extra)


def rules_and_lines(text: str, path: str = "wf.yaml", **settings) -> list[tuple[str, int]]:
    return [(v.rule_id, v.span.start_line) for v in lint(text, path, **settings)]


def test_end_of_line_comment_suppresses_that_line_only():
    text = workflow("colour: red  # cortex-workflow-lint: disable=unknown-field -- read by the old portal\nsize: 1\n")
    assert rules_and_lines(text) == [("unknown-field", 5)]


def test_own_line_comment_suppresses_the_next_code_line():
    text = workflow("# cortex-workflow-lint: disable=unknown-field -- read by the old portal\n# another comment\n\ncolour: red\nsize: 1\n")
    assert rules_and_lines(text) == [("unknown-field", 8)]


def test_several_rules_in_one_comment():
    text = workflow("colour: 1\ncolour: 2  # cortex-workflow-lint: disable=yaml-duplicate-key, unknown-field -- both\n")
    assert rules_and_lines(text) == []
    assert len(rules_and_lines(text.replace("disable", "disabled"))) == 3  # 2 findings + the malformed comment


def test_disable_file_suppresses_everywhere():
    text = "# cortex-workflow-lint: disable-file=unknown-field -- exported by the legacy tool\n" + workflow("colour: red\nsize: 1\n")
    assert rules_and_lines(text) == []


def test_only_the_named_rule_is_suppressed():
    text = workflow("isDraft2: x  # cortex-workflow-lint: disable=field-type -- wrong rule\n")
    assert rules_and_lines(text) == [("unknown-field", 4), ("unused-suppression", 4)]


def test_without_reason_nothing_is_suppressed():
    text = workflow("colour: red  # cortex-workflow-lint: disable=unknown-field\n")
    assert rules_and_lines(text) == [("unknown-field", 4), ("invalid-suppression", 4)]


def test_a_hash_inside_a_string_or_block_scalar_is_not_a_comment():
    text = workflow(
        "colour: 'red # cortex-workflow-lint: disable=unknown-field -- in a string'\n"
        "description: |\n"
        "  # cortex-workflow-lint: disable=unknown-field -- in a block scalar\n"
        "size: 1\n"
    )
    assert rules_and_lines(text) == [("unknown-field", 4), ("unknown-field", 7)]


def test_a_hash_without_space_before_it_is_not_a_comment():
    text = workflow("colour: red#cortex-workflow-lint:disable=unknown-field\n")
    assert rules_and_lines(text) == [("unknown-field", 4)]


def test_json_files_have_no_suppressions():
    # A comment is a JSON syntax error, not a suppression (strict JSON, as Cortex reads it).
    text = '{"tag": "x", # cortex-workflow-lint: disable=unknown-field -- no\n "colour": 1}\n'
    assert lines(lint(text, "wf.json")) == ["1:14-1:15 MUST [json-syntax] Invalid JSON: Comments are not allowed in JSON"]


def test_unused_suppression_when_the_rule_ran_and_found_nothing():
    text = workflow("size: 1  # cortex-workflow-lint: disable=field-type -- stale\n")
    assert lines(v for v in lint(text) if v.rule_id == "unused-suppression") == [
        "4:42-4:52 SHOULD [unused-suppression] Suppression of 'field-type' is unused: no 'field-type' violation starts on line 4"
    ]


def test_unused_file_suppression():
    text = "# cortex-workflow-lint: disable-file=field-type -- stale\n" + GOOD
    assert lines(lint(text)) == [
        "1:38-1:48 SHOULD [unused-suppression] Suppression of 'field-type' is unused: no 'field-type' violation starts in this file"
    ]


def test_a_deselected_rule_never_makes_a_suppression_unused():
    text = workflow("size: 1  # cortex-workflow-lint: disable=field-type -- stale\n")
    assert rules_and_lines(text, select=frozenset({"unused-suppression"})) == []
    assert rules_and_lines(text, ignore=frozenset({"field-type"})) == [("unknown-field", 4)]
    per_path = ((("wf.yaml"), frozenset({"field-type"})),)
    assert rules_and_lines(text, per_path_ignores=per_path) == [("unknown-field", 4)]


def test_suppression_rules_can_be_turned_off_by_configuration():
    text = workflow("colour: red  # cortex-workflow-lint: disable=unknown-field\n")
    assert rules_and_lines(text, ignore=frozenset({"invalid-suppression"})) == [("unknown-field", 4)]


def test_suppressed_violations_are_returned_separately():
    text = workflow("colour: red  # cortex-workflow-lint: disable=unknown-field -- read by the old portal\n")
    kept, suppressed, _ = engine.lint(text.encode(), "wf.yaml", Settings())
    assert kept == []
    assert lines(suppressed) == ["4:1-4:7 SHOULD [unknown-field] Unknown field 'colour' in the workflow. Cortex does not define this field."]


def test_syntax_errors_can_be_suppressed_and_nothing_else_is_judged():
    text = "tag: [\n# cortex-workflow-lint: disable=field-type -- nothing ran\nname: x\n"
    assert [rule for rule, _ in rules_and_lines(text)] == ["yaml-syntax"]


def test_thousands_of_suppressions_each_hide_their_finding():
    """benchmarks/linear.py times the same workflow at 2,500 and 10,000 comments (CI: it stays linear)."""
    import time

    started = time.perf_counter()
    checked = engine.lint(linear.suppressions(5_000), "wf.yaml", Settings())
    assert time.perf_counter() - started < 60  # guards against a hang only; benchmarks/linear.py measures linearity
    assert (checked.violations, len(checked.suppressed)) == ([], 5_000)
    assert {v.rule_id for v in checked.suppressed} == {"unknown-field"}


def test_statistics_count_found_and_suppressed_per_rule(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wf.yaml").write_text(
        workflow("colour: red  # cortex-workflow-lint: disable=unknown-field -- portal\nsize: 1\nisDraft2: nope\n")
    )
    result = CliRunner().invoke(main, ["check", "--statistics", "--format", "concise", "wf.yaml"])
    assert result.stdout.splitlines()[-3:] == [
        "rule           violationType  found  suppressed",
        "unknown-field  SHOULD             2           1",
        "total                             2           1",
    ]
    result = CliRunner().invoke(main, ["check", "--statistics", "--format", "json", "wf.yaml"])
    assert result.stdout.lstrip().startswith("{")
    assert result.stderr.splitlines()[-1] == "total                             2           1"


def test_the_python_api_lints_text_and_returns_what_was_suppressed():
    import linter

    text = workflow("colour: red  # cortex-workflow-lint: disable=unknown-field -- read by the old portal\nshade: blue\n")
    result = linter.lint(text, path="wf.yaml")
    assert [(v.rule_id, v.span.start_line) for v in result.violations] == [("unknown-field", 5)]
    assert [(v.rule_id, v.span.start_line) for v in result.suppressed] == [("unknown-field", 4)]


SCRIPT = """variables: []
actions:
- slug: run
  name: Run
  isRootAction: true
  outgoingActions: []
  schema:
    type: JAVASCRIPT
    script: |{comment}
      const a = variables.first;
      return a + variables['second'];
"""


def undeclared(text: str) -> list[str]:
    return lines(lint(text, "wf.yaml", select=frozenset({"undeclared-variable", "unused-suppression"})))


def test_findings_inside_a_block_scalar_are_at_their_own_lines():
    where = "'script' of block 'run' (JAVASCRIPT) reads"
    declare = "which is not declared in 'variables'; declare it there."
    assert undeclared(SCRIPT.format(comment="")) == [
        f"10:17-10:32 MUST [undeclared-variable] {where} 'variables.first': variable 'first', {declare}",
        f"11:18-11:37 MUST [undeclared-variable] {where} 'variables['second']': variable 'second', {declare}",
    ]


def test_a_comment_on_the_block_scalars_first_line_covers_the_findings_inside_it():
    comment = "  # cortex-workflow-lint: disable=undeclared-variable -- set by the caller"
    assert undeclared(SCRIPT.format(comment=comment)) == []


def test_a_comment_above_the_block_scalar_covers_the_findings_inside_it():
    text = SCRIPT.format(comment="").replace(
        "    script: |", "    # cortex-workflow-lint: disable=undeclared-variable -- set by the caller\n    script: |"
    )
    assert undeclared(text) == []


def test_a_comment_inside_a_block_scalar_is_text():
    text = SCRIPT.format(comment="").replace(
        "      return", "      # cortex-workflow-lint: disable=undeclared-variable -- not a comment\n      return"
    )
    assert [line[:11] for line in undeclared(text)] == ["10:17-10:32", "12:18-12:37"]


def test_a_comment_on_the_block_scalars_first_line_stops_where_the_scalar_ends():
    """The line after the scalar is not inside it, even though the parser's end mark is there."""
    text = SCRIPT.format(comment="  # cortex-workflow-lint: disable=unknown-field -- the script's own reason") + "    colour: red\n"
    assert lines(lint(text, "wf.yaml", select=frozenset({"unknown-field", "unused-suppression"}))) == [
        "9:48-9:61 SHOULD [unused-suppression] Suppression of 'unknown-field' is unused: no 'unknown-field' "
        "violation starts on line 9",
        "12:5-12:11 SHOULD [unknown-field] Unknown field 'colour' in schema of block 'run' (JAVASCRIPT). Cortex "
        "does not define this field.",
    ]
