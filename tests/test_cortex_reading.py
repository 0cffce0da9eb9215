"""Rules read a descriptor as Cortex (Jackson) reads it: scalars converted, aliases warned about once."""

import pytest

from helpers import lines, lint
from linter.document import parse

HEAD = "tag: hello\nname: Hello\nisDraft: false\nfilter:\n  type: GLOBAL\n"


def block(slug: str, root: str, outgoing: str = "[]", extra: str = "") -> str:
    return (
        f"  - slug: {slug}\n    name: Block\n    isRootAction: {root}\n    outgoingActions: {outgoing}\n"
        f"    schema:\n      type: SLACK\n      channel: general\n      message: Hi{extra}\n"
    )


def test_a_quoted_true_is_a_root_action_for_the_root_action_rule():
    text = HEAD + "actions:\n" + block("first", '"true"') + block("second", "true")
    assert [line for line in lines(lint(text)) if "MUST" in line] == [
        "17:19-17:23 MUST [root-action] Block 'second' has 'isRootAction: true', but so does block 'first'; "
        "a workflow has exactly one root block"
    ]


def test_a_number_written_for_a_slug_is_that_slug_everywhere():
    text = HEAD + "actions:\n" + block("1", "true", "[2]") + block('"2"', "false")
    assert lines(lint(text)) == [
        "7:11-7:12 SHOULD [coercible-field-type] 'slug' of block '1' (SLACK) should be a string, not an integer (1); "
        "Cortex converts it to a string ('1'), but write \"1\"",
        "10:23-10:24 SHOULD [coercible-field-type] 'outgoingActions[0]' of block '1' (SLACK) should be a string, not an integer (2); "
        "Cortex converts it to a string ('2'), but write \"2\"",
    ]


def test_the_converted_string_is_the_text_as_written():
    doc = parse(HEAD + "actions:\n" + block("1.50", "true") + "runResponseTemplate: 0x1F\n")
    doc.analysis.read_as_cortex()
    assert doc.data["actions"][0]["slug"] == "1.50"
    assert doc.data["runResponseTemplate"] == "0x1F"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("no", "3:10-3:12 SHOULD [coercible-field-type] 'isDraft' should be a boolean (true or false), not the YAML 1.1 word 'no': "
         "Cortex's YAML reader (Jackson 2) reads it as false, YAML 1.2 readers (Jackson 3 among them) as a string, which Cortex rejects; write false"),
        ("On", "3:10-3:12 SHOULD [coercible-field-type] 'isDraft' should be a boolean (true or false), not the YAML 1.1 word 'On': "
         "Cortex's YAML reader (Jackson 2) reads it as true, YAML 1.2 readers (Jackson 3 among them) as a string, which Cortex rejects; write true"),
        ('"no"', "3:10-3:14 MUST [field-type] 'isDraft' must be a boolean (true or false), not a string ('no')"),
        ("'yes'", "3:10-3:15 MUST [field-type] 'isDraft' must be a boolean (true or false), not a string ('yes')"),
        ("y", "3:10-3:11 MUST [field-type] 'isDraft' must be a boolean (true or false), not a string ('y')"),
        ('"True"', "3:10-3:16 SHOULD [coercible-field-type] 'isDraft' should be a boolean (true or false), not a string ('True'); "
         "Cortex converts it to a boolean (true), but write true"),
        ("1", "3:10-3:11 MUST [field-type] 'isDraft' must be a boolean (true or false), not an integer (1)"),
        ("{}", "3:10-3:12 MUST [field-type] 'isDraft' must be a boolean (true or false), not a mapping"),
    ],
)
def test_booleans_as_jackson_reads_them(value: str, expected: str):
    text = HEAD.replace("isDraft: false", f"isDraft: {value}") + "actions: []\n"
    assert lines(lint(text)) == [expected]


def test_a_yaml_1_1_word_is_read_as_its_boolean():
    doc = parse(HEAD.replace("isDraft: false", "isDraft: yes") + "actions: []\n")
    doc.analysis.read_as_cortex()
    assert doc.data["isDraft"] is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"30"', "SHOULD [coercible-field-type] 'schema.timeoutInSeconds' of block 'wait' (HTTP_REQUEST_ASYNC) should be an integer, "
         "not a string ('30'); Cortex converts it to an integer (30), but write 30"),
        ('"30.5"', "MUST [field-type] 'schema.timeoutInSeconds' of block 'wait' (HTTP_REQUEST_ASYNC) must be an integer, not a string ('30.5')"),
        ("[30]", "MUST [field-type] 'schema.timeoutInSeconds' of block 'wait' (HTTP_REQUEST_ASYNC) must be an integer, not a list"),
    ],
)
def test_a_numeric_string_converts_to_a_number(value: str, expected: str):
    text = HEAD + (
        "actions:\n  - slug: wait\n    name: Wait\n    isRootAction: true\n    outgoingActions: []\n"
        "    schema:\n      type: HTTP_REQUEST_ASYNC\n      url: https://example.com/hook\n      httpMethod: POST\n"
        f"      headers: {{}}\n      payload: '{{}}'\n      timeoutInSeconds: {value}\n"
    )
    found = [line.split(" ", 1)[1] for line in lines(lint(text)) if "timeoutInSeconds" in line]
    assert found == [expected]


def test_json_strings_convert_too_but_json_has_no_yaml_words():
    text = '{"tag": "a", "name": "A", "isDraft": "false", "filter": {"type": "GLOBAL"}, "actions": []}'
    assert lines(lint(text, "wf.json")) == [
        "1:38-1:45 SHOULD [coercible-field-type] 'isDraft' should be a boolean (true or false), not a string ('false'); "
        "Cortex converts it to a boolean (false), but write false"
    ]
    assert lines(lint(text.replace('"false"', '"no"'), "wf.json")) == [
        "1:38-1:42 MUST [field-type] 'isDraft' must be a boolean (true or false), not a string ('no')"
    ]


def test_one_alias_gives_one_finding():
    text = HEAD + "actions:\n" + block("first", "true").replace("    schema:\n", "    schema: &slack\n") + (
        "  - slug: second\n    name: Block\n    isRootAction: false\n    outgoingActions: []\n    schema: *slack\n"
    ).replace("outgoingActions: []\n    schema: *slack", "outgoingActions: []\n    schema: *slack")
    text = text.replace("outgoingActions: []\n    schema: &slack", "outgoingActions: [second]\n    schema: &slack")
    assert lines(lint(text)) == [
        "19:13-19:19 SHOULD [yaml-alias] Alias '*slack': Cortex may read an alias as the plain text 'slack', not as the "
        "value anchored '&slack'; write the value out here"
    ]


def test_aliases_in_json_text_are_just_text():
    text = '{"tag": "a", "name": "*a <<", "isDraft": false, "filter": {"type": "GLOBAL"}, "actions": []}'
    assert lines(lint(text, "wf.json")) == []


@pytest.mark.parametrize(
    ("text", "rule", "note"),
    [
        (
            "variables:\n- {slug: env, type: STRING}\n- slug: env\n  type: NUMBER\nactions: []\n",
            "duplicate-variable-slug",
            (2, 10, "first variable with slug 'env'"),
        ),
        (
            "actions:\n- slug: set\n  schema:\n    type: SET_VARIABLES\n    variables:\n"
            "    - {slug: env, source: {type: REFERENCE, path: a}}\n    - {slug: env, source: {type: REFERENCE, path: b}}\n",
            "duplicate-variable-assignment",
            (6, 14, "first assignment of 'env'"),
        ),
        (
            "actions:\n- slug: ask\n  schema:\n    type: USER_INPUT\n    inputOverrides:\n"
            "    - {type: VALUE, inputKey: k}\n    - {type: OPTION, inputKey: k}\n",
            "duplicate-input-override",
            (6, 31, "first override of 'k'"),
        ),
    ],
)
def test_a_repeated_name_has_a_note_at_the_first(text: str, rule: str, note: tuple):
    [violation] = lint(text, select=frozenset({rule}))
    assert [(r.span.start_line, r.span.start_column, r.message) for r in violation.related] == [note]
