"""check --add-suppressions: one comment per line, on the line where a block scalar starts, idempotent."""

import pytest
from click.testing import CliRunner

from linter.add_suppressions import add_suppressions, suppression_edits
from linter.cli import main
from linter.engine import lint
from linter.settings import Settings
from linter.source import load

BEFORE = """\
tag: demo  # the tag
name: Demo
isDraft: false
filter:
  type: GLOBAL
actions:
  - slug: notify
    name: Notify
    isRootAction: true
    outgoingActions: []
    schema:
      type: SLACK
      channel: general
      colour: red
      message: |
        Hello {{variables.who}}
        and {{variables.whom}}
    runResponseTemplat: Done  # cortex-workflow-lint: disable=field-type -- not needed any more
"""

AFTER = """\
tag: demo  # the tag
name: Demo
isDraft: false
filter:
  type: GLOBAL
actions:
  - slug: notify
    name: Notify
    isRootAction: true
    outgoingActions: []
    schema:
      type: SLACK
      channel: general
      colour: red  # cortex-workflow-lint: disable=unknown-field -- legacy, JIRA-1
      message: |  # cortex-workflow-lint: disable=undeclared-variable -- legacy, JIRA-1
        Hello {{variables.who}}
        and {{variables.whom}}
    runResponseTemplat: Done  # cortex-workflow-lint: disable=field-type,unknown-field -- not needed any more
"""


def run(*args):
    result = CliRunner().invoke(main, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_rules_and_lines_before():
    assert sorted({(v.rule_id, v.span.start_line) for v in lint(BEFORE, "w.yaml").violations}) == [
        ("undeclared-variable", 16),
        ("undeclared-variable", 17),
        ("unknown-field", 14),
        ("unknown-field", 18),
        ("unused-suppression", 18),
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_comments_are_written_once_per_line_and_a_second_run_changes_nothing(tmp_path, newline):
    path = tmp_path / "w.yaml"
    path.write_bytes(BEFORE.replace("\n", newline).encode())
    result = run("--add-suppressions", "--reason", "legacy, JIRA-1", str(path))
    assert (result.exit_code, result.stdout) == (0, "Added 3 suppression comments in 1 file.\n")
    assert path.read_bytes() == AFTER.replace("\n", newline).encode()
    assert [v.rule_id for v in lint(path.read_bytes(), str(path)).violations] == ["unused-suppression"]  # cannot be suppressed
    result = run("--add-suppressions", "--reason", "legacy, JIRA-1", str(path))
    assert (result.exit_code, result.stdout) == (0, "Added 0 suppression comments in 0 files.\n")
    assert path.read_bytes() == AFTER.replace("\n", newline).encode()


def test_json_files_are_left_alone():
    text = '{"tag": "demo", "colour": "red"}'
    assert add_suppressions(text, "w.json", Settings(), "why") == (text, 0)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--add-suppressions"], "needs --reason"),
        (["--add-suppressions", "--reason", " "], "needs --reason"),
        (["--reason", "why"], "--reason is for --add-suppressions"),
        (["--add-suppressions", "--reason", "why", "--fix"], "writes comments only"),
    ],
)
def test_usage_errors(tmp_path, args, message):
    path = tmp_path / "w.yaml"
    path.write_text(BEFORE)
    result = run(*args, str(path))
    assert result.exit_code == 2 and message in result.stderr
    assert path.read_text() == BEFORE


def test_suppression_edits_for_one_violation():
    doc = load(BEFORE.encode(), 10**6)
    colour = next(v for v in lint(BEFORE, "w.yaml").violations if v.span.start_line == 14)
    (edit,) = suppression_edits(doc, [colour], "because")
    assert (edit.start, edit.end) == (BEFORE.index("colour: red") + len("colour: red"),) * 2
    assert edit.replacement == "  # cortex-workflow-lint: disable=unknown-field -- because"


QUOTED = BEFORE.replace(
    "      message: |\n        Hello {{variables.who}}\n        and {{variables.whom}}\n",
    '      message: "Hello\n        {{variables.who}}"\n',
)


def test_a_finding_inside_a_quoted_scalar_spanning_lines_gets_a_comment_above_it():
    """A comment at the end of the scalar's first line would cut the string: it goes on a line of
    its own above, indented like the key (as the language server's "Suppress" action does)."""
    settings = Settings()
    assert [(v.rule_id, v.span.start_line) for v in lint(QUOTED, "w.yaml").violations] == [
        ("unknown-field", 14),
        ("undeclared-variable", 16),  # on the string's second line
        ("unknown-field", 17),
        ("unused-suppression", 17),
    ]
    text, count = add_suppressions(QUOTED, "w.yaml", settings, "legacy")
    assert count == 3
    assert text.splitlines()[13:18] == [
        "      colour: red  # cortex-workflow-lint: disable=unknown-field -- legacy",
        "      # cortex-workflow-lint: disable=undeclared-variable -- legacy",
        '      message: "Hello',
        '        {{variables.who}}"',
        "    runResponseTemplat: Done  # cortex-workflow-lint: disable=field-type,unknown-field -- not needed any more",
    ]
    assert [v.rule_id for v in lint(text, "w.yaml").violations] == ["unused-suppression"]  # cannot be suppressed
    assert add_suppressions(text, "w.yaml", settings, "legacy") == (text, 0)
