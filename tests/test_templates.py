"""Finding references in string fields: which fields hold which language, what
each language's references look like, what is not a reference, and linear time."""

import time

import pytest

from conftest import CORPUS
from helpers import load_script
from linter.document import parse
from linter.templates import Templates

linear = load_script("benchmarks/linear.py")


def scan(data: dict) -> Templates:
    return Templates.scan(data)


def refs(data: dict) -> list[tuple]:
    return [(r.kind, r.name, r.pointer, r.language, r.written) for r in scan(data).references]


def block(schema: dict, slug: str = "b") -> dict:
    return {"actions": [{"slug": slug, "isRootAction": True, "outgoingActions": [], "schema": schema}]}


def template(text: str) -> list[tuple]:
    """(kind, name, written) of the references in a runResponseTemplate."""
    return [(kind, name, written) for kind, name, _, _, written in refs({"runResponseTemplate": text})]


def problems(text: str) -> list[str]:
    return [p.message for p in scan({"runResponseTemplate": text}).malformed]


def test_mustache_tag_forms():
    assert template("{{variables.a}} {{{callbackUrl}}} {{&context.secrets.k}} {{ actions.get-user.outputs.body }}") == [
        ("variable", "a", "{{variables.a}}"),
        ("callback", "callbackUrl", "{{{callbackUrl}}}"),
        ("context", "secrets", "{{&context.secrets.k}}"),
        ("action", "get-user", "{{ actions.get-user.outputs.body }}"),
    ]


def test_mustache_sections_and_relative_names():
    text = "{{#context.initiatedBy.roles}}{{name}}{{^actions.x.outputs}}-{{/actions.x.outputs}}{{/context.initiatedBy.roles}}"
    assert template(text) == [
        ("context", "initiatedBy", "{{#context.initiatedBy.roles}}"),
        ("action", "x", "{{^actions.x.outputs}}"),
    ]
    assert problems(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "${{ github.event.inputs.actions }}",  # GitHub Actions: a tag whose root is not ours
        "<+pipeline.variables.callback_url>",  # Harness expression in Markdown
        "variables.x and actions.y outside braces",
        "{{! actions.commented.out }}",
        "{{> variables}}",
        "{{actions}} {{variables.}} {{callbackUrl.x}}",
        "__GITHUB_INTEGRATION_ALIAS__ PLACEHOLDER_INTEGRATION_ALIAS",
    ],
)
def test_not_references(text):
    assert template(text) == []
    assert problems(text) == []


def test_set_delimiter_stops_the_scan():
    assert template("{{variables.a}}{{=<% %>=}}<% variables.b %> {{") == [("variable", "a", "{{variables.a}}")]
    assert problems("{{=<% %>=}} {{x") == []


@pytest.mark.parametrize(
    "text, message",
    [
        ("{{x}", "'{{x}' is never closed with '}}'"),
        ("a {{variables.b c", "'{{variables.b' is never closed with '}}'"),
        ("{{x}/{{y}}", "'{{x}' is never closed with '}}'"),
        ("{{{x}}", "'{{{x}}' opens with '{{{' but closes with '}}'"),
        ("{{{x", "'{{{x' is never closed with '}}}'"),
        ("{{ }}", "'{{ }}' is an empty tag; it names no value"),
        ("{{#a}}", "Section '{{#a}}' is never closed; add '{{/a}}'"),
        ("{{/a}}", "'{{/a}}' closes section 'a', which is not open"),
        ("{{#a}}{{^b}}{{/a}}{{/b}}", "'{{/a}}' closes section 'a' while the inner section '{{^b}}' is still open; close 'b' first"),
        ("{{! never closed", "'{{!' is never closed with '}}'"),
    ],
)
def test_malformed_mustache(text, message):
    assert problems(text) == [message]


def test_braces_that_are_not_tags():
    assert problems('{"inputs": {"n": {{variables.n}}}} and } and {x}') == []


def test_jq_references_and_unquoted_keys():
    expression = (
        '.actions."get-user".outputs as $u | .actions.parse.x | .actions["a-b"] | .actions.["c"] '
        '| .variables.app-name | .context.entity.tag | .body.actions.nested | error("see .actions.text")'
    )
    found = refs(block({"type": "JQ", "expression": expression}))
    assert [(kind, name, written) for kind, name, _, _, written in found] == [
        ("action", "get-user", '.actions."get-user".outputs'),
        ("action", "parse", ".actions.parse.x"),
        ("action", "a-b", '.actions["a-b"]'),
        ("action", "c", '.actions.["c"]'),
        ("variable", "app-name", ".variables.app-name"),
        ("context", "entity", ".context.entity.tag"),
    ]
    assert {(p, lang) for _, _, p, lang, _ in found} == {("/actions/0/schema/expression", "jq")}
    unquoted = [p.message for p in scan(block({"type": "JQ", "expression": expression})).unquoted_jq_keys]
    assert unquoted == [
        "jq reads '.variables.app-name' as a subtraction ('.app - name'), not as the key 'app-name'; "
        "quote it: '.variables.\"app-name\"'"
    ]


@pytest.mark.parametrize("kind, key, language", [("CONDITIONAL_BRANCH", None, "cel"), ("JAVASCRIPT", "script", "javascript")])
def test_cel_and_javascript(kind, key, language):
    code = "actions[\"collect-inputs\"].outputs.x && variables['owner'] == context.entity.tag || foo.actions.y || actions.get-user"
    schema = {"type": kind, "branches": [{"expression": code}]} if key is None else {"type": kind, key: code}
    pointer = "/actions/0/schema/branches/0/expression" if key is None else f"/actions/0/schema/{key}"
    assert refs(block(schema)) == [
        ("action", "collect-inputs", pointer, language, 'actions["collect-inputs"]'),
        ("variable", "owner", pointer, language, "variables['owner']"),
        ("context", "entity", pointer, language, "context.entity"),
        ("action", "get", pointer, language, "actions.get"),  # JavaScript reads actions.get - user
    ]


def test_set_variables_user_input_and_scaffolder_fields():
    set_variables = block({
        "type": "SET_VARIABLES",
        "variables": [
            {"slug": "owner", "source": {"type": "REFERENCE", "path": "actions.parse-repo.outputs.result.owner"}},
            {"slug": "repo", "source": {"type": "JAVASCRIPT", "script": "return variables.owner;"}},
            "not a mapping",
        ],
    })
    assert refs(set_variables) == [
        ("variable", "owner", "/actions/0/schema/variables/0/slug", "name", "owner"),
        ("action", "parse-repo", "/actions/0/schema/variables/0/source/path", "path", "actions.parse-repo.outputs.result.owner"),
        ("variable", "repo", "/actions/0/schema/variables/1/slug", "name", "repo"),
        ("variable", "owner", "/actions/0/schema/variables/1/source/script", "javascript", "variables.owner"),
    ]
    for kind in ("USER_INPUT", "SCAFFOLDER"):
        schema = {
            "type": kind,
            "inputs": [{"name": "{{variables.not-a-template}}", "key": "k", "type": "INPUT_FIELD"}],
            "inputOverrides": [{"type": "VALUE", "inputKey": "k", "outputVariable": "variables.github-owner"}],
            "jsValidatorScript": "if (!actions.inputs.outputs.k) throw 'x';",
        }
        assert [(k, n, lang) for k, n, _, lang, _ in refs(block(schema))] == [
            ("action", "inputs", "javascript"),
            ("variable", "github-owner", "path"),
        ], kind


def test_mustache_fields_at_any_depth_but_not_identifiers():
    schema = {
        "type": "ADVANCED_HTTP_REQUEST",
        "actionIdentifier": "{{variables.not-scanned}}",
        "integrationAlias": "{{variables.alias}}",
        "inputs": {"key": "{{variables.key}}", "nested": [{"type": "{{variables.deep}}"}], "n": 1, "t": True},
    }
    assert [(n, p) for _, n, p, _, _ in refs(block(schema))] == [
        ("alias", "/actions/0/schema/integrationAlias"),
        ("key", "/actions/0/schema/inputs/key"),
        ("deep", "/actions/0/schema/inputs/nested/0/type"),
    ]
    assert [f.label for f in scan(block(schema)).fields] == ["integrationAlias", "inputs.key", "inputs.nested[0].type"]


def test_top_level_templates_and_block_of_each_field():
    data = {
        "description": "{{variables.not-a-template}}",
        "runResponseTemplate": "{{variables.a}}",
        "failedRunResponseTemplate": "{{variables.b}}",
        "actions": [None, {"schema": {"type": "SLACK", "message": "{{variables.c}}"}}],
    }
    assert [(r.name, r.pointer, r.field.block) for r in scan(data).references] == [
        ("a", "/runResponseTemplate", None),
        ("b", "/failedRunResponseTemplate", None),
        ("c", "/actions/1/schema/message", 1),
    ]


@pytest.mark.parametrize("data", [{}, {"actions": "x"}, {"actions": [{"schema": [1]}, {"schema": {"type": 3, "url": 4}}]},
                                  {"runResponseTemplate": 5, "actions": [{"schema": {"type": "JQ", "expression": None}}]}])
def test_wrong_types_are_ignored(data):
    assert scan(data).references == []


def test_a_block_type_that_is_a_list_is_read_as_an_unknown_type():
    # A list cannot be looked up in the table of block types: every template rule failed with TypeError.
    schema = {"type": ["HTTP_REQUEST"], "url": "https://x/{{variables.host}}"}
    assert [(n, p) for _, n, p, _, _ in refs(block(schema))] == [("host", "/actions/0/schema/url")]


def test_the_scan_is_computed_once_per_document():
    doc = parse("runResponseTemplate: '{{variables.x}}'\nactions: []\n")
    first = doc.analysis.templates
    assert doc.analysis.templates is first
    assert [r.name for r in first.references] == ["x"]


def test_the_corpus_has_no_malformed_templates():
    for path in sorted(CORPUS.glob("*.y*ml")) + sorted(CORPUS.glob("*.json")):
        doc = parse(path.read_text(encoding="utf-8"))
        if isinstance(doc.data, dict):
            assert doc.analysis.templates.malformed == [], path.name


@pytest.mark.parametrize(
    "name, references, malformed",
    [
        ("unclosed", 0, 16_667),  # 50,000 characters: nothing ever closes, each '{{{' once
        ("unclosed-names", 0, 16_666),
        ("nested-sections", 0, 0),
        ("mismatched", 0, 8_333),
        ("references", 3_333, 0),
    ],
)
def test_mustache_scan_of_adversarial_templates(name, references, malformed):
    """benchmarks/linear.py's templates (CI times each at two sizes to show that the scan stays linear)."""
    start = time.perf_counter()
    found = scan({"runResponseTemplate": linear.TEMPLATES[name](linear.SIZE)})
    assert time.perf_counter() - start < 30  # only guards against a hang; benchmarks/linear.py measures linearity
    assert (len(found.references), len(found.malformed)) == (references, malformed)


@pytest.mark.parametrize("kind, key, references", [("JQ", "expression", 1), ("JAVASCRIPT", "script", 0)])
def test_expression_scan_is_linear(kind, key, references):
    text = '.actions.a-b "unterminated ' + ".a" * 100_000 + ' actions["x"] variables[' * 20_000
    start = time.perf_counter()
    found = scan(block({"type": kind, key: text}))
    assert time.perf_counter() - start < 30  # only guards against a hang
    assert len(found.references) == references  # jq: '.actions.a-b' before the string; JavaScript: all inside it
