"""Exact positions inside scalars (issue 10, part 5): a finding about part of a string points at
that part, in every scalar style where the mapping is exact, and at the whole scalar where it is not."""

import pytest

from helpers import lines, lint

HEAD = "variables:\n- slug: known\n  type: STRING\n"


def undeclared(body: str, path: str = "test.yaml") -> list[str]:
    return lines(lint(HEAD + body, path, select=frozenset({"undeclared-variable"})))


def message(where: str, written: str, name: str = "x") -> str:
    return (
        f"MUST [undeclared-variable] {where} reads '{written}': variable '{name}', "
        "which is not declared in 'variables'; declare it there."
    )


@pytest.mark.parametrize(
    "body, span",
    [
        ("runResponseTemplate: Done {{variables.x}}\n", "4:27-4:42"),
        ("runResponseTemplate: 'it''s {{variables.x}}'\n", "4:29-4:44"),
        ('runResponseTemplate: "\\"\\u00e9\\x41\\t {{variables.x}}"\n', "4:38-4:53"),
        ("runResponseTemplate: |\n  line one\n    indented {{variables.x}}\n", "6:14-6:29"),
        ("runResponseTemplate: |-\n\n  after a blank line {{variables.x}} end\n", "6:22-6:37"),
        ("runResponseTemplate: |2+\n    two more spaces {{variables.x}}\n\n", "5:21-5:36"),
        ("runResponseTemplate: |  # a comment after the header\n  {{variables.x}}\n", "5:3-5:18"),
        # folded and multi-line flow scalars: exact where the range is written as it reads
        ("runResponseTemplate: >\n  folded\n  {{variables.x}}\n", "6:3-6:18"),
        ("runResponseTemplate: >-\n  folded {{variables.x}}\n\n  more\n", "5:10-5:25"),
        ("runResponseTemplate: \"two\n  lines {{variables.x}}\"\n", "5:9-5:24"),
        ("runResponseTemplate: 'two\n  it''s {{variables.x}}'\n", "5:9-5:24"),
        ("runResponseTemplate: \"escaped break\\\n  {{variables.x}}\"\n", "5:3-5:18"),
        ("runResponseTemplate: plain\n  continued {{variables.x}}\n", "5:13-5:28"),
        # ... and the whole scalar where it is not (an escape inside the range)
        ("runResponseTemplate: \"two\n  lines {{variables.\\x78}}\"\n", "4:22-5:28"),
    ],
)
def test_mustache_reference_positions(body, span):
    assert undeclared(body + "actions: []\n") == [f"{span} " + message("'runResponseTemplate'", "{{variables.x}}")]


def test_reference_inside_a_script_is_at_its_line():
    body = (
        "actions:\n"
        "- slug: run\n"
        "  isRootAction: true\n"
        "  outgoingActions: []\n"
        "  schema:\n"
        "    type: JAVASCRIPT\n"
        "    script: |\n"
        "      // variables.tf is not read\n"
        "      const a = variables.known;\n"
        "      return a + variables['x'];\n"
    )
    assert undeclared(body) == [
        "13:18-13:32 " + message("'script' of block 'run' (JAVASCRIPT)", "variables['x']")
    ]


def test_json_string_with_escapes():
    text = '{"variables": [], "runResponseTemplate": "\\u00e9\\n {{variables.x}}", "actions": []}'
    assert lines(lint(text, "w.json", select=frozenset({"undeclared-variable"}))) == [
        "1:52-1:67 " + message("'runResponseTemplate'", "{{variables.x}}")
    ]


def test_json_surrogate_pair_is_one_character():
    text = '{"variables": [], "runResponseTemplate": "\\ud83d\\ude00 {{variables.x}}", "actions": []}'
    assert lines(lint(text, "w.json", select=frozenset({"undeclared-variable"}))) == [
        "1:56-1:71 " + message("'runResponseTemplate'", "{{variables.x}}")
    ]
