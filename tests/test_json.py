"""`.json` descriptors are strict JSON (RFC 8259), as Cortex reads them, with exact positions."""

import pytest

from helpers import lines, lint
from linter.document import MAX_DEPTH, parse
from linter.model import Span
from linter.source import is_json

VALID = (
    '{\n  "tag": "emoji",\n  "name": "Smile \\ud83d\\ude00",\n  "isDraft": false,\n'
    '  "filter": {"type": "GLOBAL"},\n  "actions": []\n}\n'
)


def test_a_surrogate_pair_escape_is_valid_json():
    assert lines(lint(VALID, "wf.json")) == []
    assert parse(VALID, is_json=True).data["name"] == "Smile \U0001f600"


def test_every_node_and_key_has_its_exact_position():
    text = '{\n  "tag": "demo",\n  "actions": [\n    {"slug": "a", "n": -1.5e3, "ok": true, "x": null}\n  ]\n}\n'
    doc = parse(text, is_json=True)
    assert doc.data == {"tag": "demo", "actions": [{"slug": "a", "n": -1500.0, "ok": True, "x": None}]}
    assert doc.locate("") == Span(1, 1, 6, 2)
    assert doc.locate("/tag", "key") == Span(2, 3, 2, 8)
    assert doc.locate("/actions") == Span(3, 14, 5, 4)
    assert doc.locate("/actions/0") == Span(4, 5, 4, 54)
    assert doc.locate("/actions/0/slug") == Span(4, 14, 4, 17)
    assert doc.locate("/actions/0/slug", "key") == Span(4, 6, 4, 12)
    assert doc.locate("/actions/0/n") == Span(4, 24, 4, 30)
    assert doc.locate("/actions/0/ok") == Span(4, 38, 4, 42)
    assert doc.locate("/actions/0/x") == Span(4, 49, 4, 53)


def test_lines_end_at_crlf_too():
    doc = parse('{\r\n  "tag": "demo"\r\n}\r\n', is_json=True)
    assert doc.locate("/tag") == Span(2, 10, 2, 16)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{\n  "tag": "a",\n  "actions": [],\n}\n', "3:16-3:17 MUST [json-syntax] Invalid JSON: Trailing comma before '}'; JSON allows no comma after the last item"),
        ('{"actions": [1, 2, ]}', "1:18-1:19 MUST [json-syntax] Invalid JSON: Trailing comma before ']'; JSON allows no comma after the last item"),
        ("{\n  'tag': 'a'\n}", "2:3-2:4 MUST [json-syntax] Invalid JSON: Single-quoted keys are not JSON; use double quotes"),
        ("{\"tag\": 'a'}", "1:9-1:10 MUST [json-syntax] Invalid JSON: Single-quoted strings are not JSON; use double quotes"),
        ('{\n  tag: "a"\n}', '2:3-2:4 MUST [json-syntax] Invalid JSON: Object keys must be double-quoted strings; write "tag"'),
        ('{\n  "tag": "a" # note\n}', "2:14-2:15 MUST [json-syntax] Invalid JSON: Comments are not allowed in JSON"),
        ('{\n  /* note */ "tag": "a"\n}', "2:3-2:4 MUST [json-syntax] Invalid JSON: Comments are not allowed in JSON"),
        ('{"tag": NaN}', '1:9-1:10 MUST [json-syntax] Invalid JSON: Invalid value \'NaN\'; a JSON value is a "string", a number, true, false, null, an object or an array'),
        ('{"n": 007}', "1:7-1:8 MUST [json-syntax] Invalid JSON: Numbers must not have leading zeros"),
        ('{"n": -}', "1:7-1:8 MUST [json-syntax] Invalid JSON: Invalid number: '-' must be followed by a digit"),
        ('{"a": 1\n "b": 2}', "2:2-2:3 MUST [json-syntax] Invalid JSON: Expected ',' or '}' after an object member, found '\"'"),
        ('{"a" 1}', "1:6-1:7 MUST [json-syntax] Invalid JSON: Expected ':' after the key \"a\", found '1'"),
        ('{"a": "x', "1:7-1:8 MUST [json-syntax] Invalid JSON: Unterminated string: no closing '\"'"),
        ('{"a": "x\ty"}', "1:9-1:10 MUST [json-syntax] Invalid JSON: Control character in a string; write it as an escape (\\n, \\t, \\u0000)"),
        ('{"a": "\\q"}', "1:8-1:9 MUST [json-syntax] Invalid JSON: Invalid escape in a string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
        ('{"a": ', "1:7-1:8 MUST [json-syntax] Invalid JSON: Unexpected end of the file; expected a value"),
        ("{} {}", "1:4-1:5 MUST [json-syntax] Invalid JSON: Unexpected data after the JSON value; a descriptor holds one object"),
        ('{"a": [1 2]}', "1:10-1:11 MUST [json-syntax] Invalid JSON: Expected ',' or ']' after an array item, found '2'"),
    ],
)
def test_json_syntax_errors_are_exact(text: str, expected: str):
    assert lines(lint(text, "wf.json")) == [expected]


def test_a_json_syntax_error_is_not_yaml_syntax():
    assert [v.rule_id for v in lint('{"tag": "a",}', "wf.json")] == ["json-syntax"]
    # The same text in a .yaml file is YAML (a flow mapping may end with a comma).
    assert "json-syntax" not in [v.rule_id for v in lint('{"tag": "a",}', "wf.yaml")]


def test_duplicate_keys_in_json_are_reported():
    text = '{\n  "tag": "a",\n  "name": "A",\n  "tag": "b",\n  "isDraft": false,\n  "filter": {"type": "GLOBAL"},\n  "actions": []\n}\n'
    assert lines(lint(text, "wf.json")) == [
        "4:3-4:8 MUST [yaml-duplicate-key] Key 'tag' appears twice in this mapping (first at line 2); Cortex rejects duplicate fields"
    ]


def test_deep_json_is_reported_not_a_recursion_error():
    text = "[" * 100_000 + "]" * 100_000
    assert lines(lint(text, "deep.json")) == [
        f"1:{MAX_DEPTH + 1}-1:{MAX_DEPTH + 1} MUST [yaml-too-deep] Nesting deeper than {MAX_DEPTH} levels; a workflow descriptor is never this deep"
    ]


def test_nesting_up_to_the_limit_is_fine():
    doc = parse("[" * MAX_DEPTH + "]" * MAX_DEPTH, is_json=True)
    assert doc.problems == [] and doc.usable


def test_whitespace_only_json_is_an_empty_document():
    assert lines(lint(" \n\t\n", "wf.json")) == [
        "1:1-1:1 MUST [empty-document] The file holds no YAML or JSON document; a workflow descriptor is a mapping"
    ]


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("wf.json", "tag: a", True),
        ("WF.JSON", "tag: a", True),
        ("wf.yaml", "{}", False),
        ("<stdin>", "  \n {}", True),
        ("<stdin>", "tag: a", False),
        ("<stdin>", "", False),
        ("buffer.yaml", "{}", False),
    ],
)
def test_which_input_is_json(path: str, text: str, expected: bool):
    assert is_json(path, text) is expected


def test_unnamed_stdin_starting_with_a_brace_is_strict_json():
    assert lines(lint('{"tag": "a",}', "<stdin>")) == [
        "1:12-1:13 MUST [json-syntax] Invalid JSON: Trailing comma before '}'; JSON allows no comma after the last item"
    ]
