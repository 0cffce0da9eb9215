"""Each field language's tokenizer on tricky inputs: exactly which references it finds
(kind, name, offset in the text), also in benchmarks/linear.py's adversarial strings."""

import json
import time

import pytest

from helpers import lint, load_script
from linter.templates import Templates


def block(schema: dict) -> dict:
    return {"actions": [{"slug": "b", "isRootAction": True, "outgoingActions": [], "schema": schema}]}


def found(data: dict) -> list[tuple]:
    """(kind, name, start offset, text at the reference) of every reference."""
    scanned = Templates.scan(data)
    return [(r.kind, r.name, r.start, r.field.text[r.start : r.end]) for r in scanned.references]


def javascript(code: str) -> list[tuple]:
    return found(block({"type": "JAVASCRIPT", "script": code}))


def cel(code: str) -> list[tuple]:
    return found(block({"type": "CONDITIONAL_BRANCH", "branches": [{"expression": code}]}))


def jq(code: str) -> list[tuple]:
    return found(block({"type": "JQ", "expression": code}))


def mustache(text: str) -> list[tuple]:
    return found({"runResponseTemplate": text})


@pytest.mark.parametrize(
    "code, expected",
    [
        # the false MUSTs of issue 10: comments and strings are not code
        ("// main.tf, outputs.tf and variables.tf\nreturn 1;", []),
        ('const path = dir + "/variables.tf";', []),
        ("/* variables.a\n   actions.b */ context.entity", [("context", "entity", 31, "context.entity")]),
        ("'variables.a' + \"actions.b\" + variables.c", [("variable", "c", 30, "variables.c")]),
        (r"'it\'s variables.a' + actions.b", [("action", "b", 22, "actions.b")]),
        # bracket access is a reference
        ('variables["x"] + actions[\'get-user\'].outputs', [
            ("variable", "x", 0, 'variables["x"]'), ("action", "get-user", 17, "actions['get-user']")]),
        ('actions [ "spaced" ] ', [("action", "spaced", 0, 'actions [ "spaced" ]')]),
        ("actions[`tpl`]", [("action", "tpl", 0, "actions[`tpl`]")]),
        ("actions[`a${b}`] actions[key]", []),
        ("actions?.opt", [("action", "opt", 0, "actions?.opt")]),
        # template literals: text is not code, holes are
        ("`variables.a ${variables.b} actions.c`", [("variable", "b", 15, "variables.b")]),
        ("`${ {k: `${actions.deep}`}.k } variables.no`", [("action", "deep", 11, "actions.deep")]),
        ("`unterminated variables.a", []),
        # regular expression literals
        ("const r = /variables.x/g; r.test(s)", []),
        ("if (/actions\\.[a-z]+/.test(s)) return variables.y", [("variable", "y", 38, "variables.y")]),
        ("x = /[/]variables.q/; context.k", [("context", "k", 22, "context.k")]),
        ("return /variables.r/", []),
        ("a = b / variables.c / 2", [("variable", "c", 8, "variables.c")]),
        ("a = (b) / variables.c", [("variable", "c", 10, "variables.c")]),
        # members of other objects are not roots; JavaScript reads actions.get-user as actions.get - user
        ("foo.actions.x + this.variables.y + $actions.z", []),
        ("actions.get-user", [("action", "get", 0, "actions.get")]),
        ("actions variables.x", [("variable", "x", 8, "variables.x")]),
        ('"unterminated variables.a\nvariables.b', [("variable", "b", 26, "variables.b")]),
    ],
)
def test_javascript(code, expected):
    assert javascript(code) == expected


@pytest.mark.parametrize(
    "code, expected",
    [
        ('context.initiatedBy.email == "ci-actions.bot@example.com"', [
            ("context", "initiatedBy", 0, "context.initiatedBy")]),
        ("variables['msg'] == 'see actions.x'", [("variable", "msg", 0, "variables['msg']")]),
        ('r"actions.raw\\" && variables.b', [("variable", "b", 19, "variables.b")]),
        ('"""\nactions.triple "" \n""" + actions.after', [("action", "after", 29, "actions.after")]),
        ("'''variables.a''' + variables[r'raw-key']", [("variable", "raw-key", 20, "variables[r'raw-key']")]),
        ("// variables.comment\nactions['x'].outputs.ok", [("action", "x", 21, "actions['x']")]),
        ('b"actions.bytes" + br"variables.raw"', []),
        ('"escaped \\" variables.still_text" + variables.y', [("variable", "y", 36, "variables.y")]),
    ],
)
def test_cel(code, expected):
    assert cel(code) == expected


@pytest.mark.parametrize(
    "code, expected",
    [
        ('"see .actions.text" | .variables.x', [("variable", "x", 22, ".variables.x")]),
        ('"a \\(.actions.interp.x) b" | length', [("action", "interp", 5, ".actions.interp.x")]),
        ('"\\("nested \\(.variables.deep)") .variables.text"', [("variable", "deep", 13, ".variables.deep")]),
        ("# .actions.comment\n.context.entity.tag", [("context", "entity", 19, ".context.entity.tag")]),
        ('.actions."get-user".outputs', [("action", "get-user", 0, '.actions."get-user".outputs')]),
        ('.actions["a-b"] , .actions.["c"]', [
            ("action", "a-b", 0, '.actions["a-b"]'), ("action", "c", 18, '.actions.["c"]')]),
        ('.["variables"]["v"]', [("variable", "v", 0, '.["variables"]["v"]')]),
        (".body.actions.nested | $u.actions.x | .[0].actions.y", []),
        ('."actions".x', [("action", "x", 0, '."actions".x')]),  # jq reads it as .actions.x
        ('"\\\\" + .variables.after_escape', [("variable", "after_escape", 7, ".variables.after_escape")]),
        ('"unterminated .variables.x', []),
        (".actions.get-user.outputs", [("action", "get-user", 0, ".actions.get-user.outputs")]),
    ],
)
def test_jq(code, expected):
    assert jq(code) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Job {{variables.job}} at {{{ actions.a.outputs }}}", [
            ("variable", "job", 4, "{{variables.job}}"), ("action", "a", 25, "{{{ actions.a.outputs }}}")]),
        ("variables.x outside {{! variables.comment }} {{> variables.partial}}", []),
        ("{{#context.roles}}{{name}}{{/context.roles}}", [("context", "roles", 0, "{{#context.roles}}")]),
        ("${{ github.sha }} {{&callbackUrl}}", [("callback", "callbackUrl", 18, "{{&callbackUrl}}")]),
        ("{{variables.a {{variables.b}}", [("variable", "b", 14, "{{variables.b}}")]),
    ],
)
def test_mustache(text, expected):
    assert mustache(text) == expected


linear = load_script("benchmarks/linear.py")
SCANS = {"javascript": javascript, "cel": cel, "jq": jq, "mustache": mustache}


@pytest.mark.parametrize(
    "language, family", [(language, family) for language, families in linear.LANGUAGES.items() for family in families],
    ids=lambda value: repr(value(12)) if callable(value) else value,
)
def test_adversarial_input_hides_no_reference(language, family):
    """benchmarks/linear.py's inputs (CI times each at two sizes to show that the scans stay linear).
    At 50,000 characters a scan that is quadratic in Python still runs for minutes."""
    text = family(linear.SIZE)
    start = time.perf_counter()
    found = SCANS[language](text + linear.TAIL)
    assert time.perf_counter() - start < 60  # only guards against a hang; benchmarks/linear.py measures linearity
    assert [ref for ref in found if ref[2] < len(text)] == []  # nothing read in the adversarial text itself


TEMPLATE_RULES = frozenset({
    "malformed-template", "unquoted-jq-key", "undeclared-variable", "unknown-action-reference",
    "action-reference-not-ancestor", "templated-url-host", "templated-integration-alias",
    "callback-url-outside-async", "entity-context-in-global-workflow",
})


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "JQ", "expression": '\\"' * 40_000},  # issue 9: 19.6 s before
        {"type": "HTTP_REQUEST", "httpMethod": "GET", "url": "https://" + "{{{" * 40_000,
         "headers": {"Authorization": "{{{" * 40_000}},  # issue 9: 98 s before (with plaintext-secret)
    ],
    ids=["jq-escaped-quotes", "triple-braces"],
)
def test_issue_9_inputs_to_the_template_rules_end(schema):
    text = json.dumps(block(schema))
    start = time.perf_counter()
    # malformed-template is left out: its 80,000 findings in one string are linear here, but the
    # engine's fingerprint of each finding copies the whole string (see the issue 9 notes)
    lint(text, "w.json", select=TEMPLATE_RULES - {"malformed-template"})
    assert time.perf_counter() - start < 60  # only guards against a hang


def test_many_findings_in_one_string_map_positions_once():
    text = json.dumps({"runResponseTemplate": "{{variables.x}} " * 20_000, "variables": [], "actions": []})
    start = time.perf_counter()
    found = lint(text, "w.json", select=frozenset({"undeclared-variable"}))
    assert time.perf_counter() - start < 60  # only guards against a hang (the string was walked per finding)
    assert [(v.span.start_column, v.span.end_column) for v in found[:2]] == [(26, 41), (42, 57)]
