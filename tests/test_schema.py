"""Tests for schemas/workflow.schema.json.

These tests use only ``jsonschema`` and ``ruamel.yaml`` (not the linter package), so the
schema can be checked on its own. The corpus of real Cortex Workflow definitions lives in
``tests/data/cortex-examples`` (see its README.md).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from ruamel.yaml import YAML

REPO_ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = REPO_ROOT / "schemas" / "workflow.schema.json"
CORPUS_DIR = REPO_ROOT / "tests" / "data" / "cortex-examples"

# Corpus files that are not expected to validate cleanly (see the corpus README).
# Most of them are invalid for reasons a JSON Schema cannot express (graph or
# reference problems), so they are only excluded, not asserted on.
NOT_ACCEPTED = {
    "cli-skill-building-solutions-format-example.yaml",
    "cli-hist-jenkins-deploy.yaml",
    "cli-spec-gh-create-or-update-file-template.yaml",
}
ALIAS_NULL_FILE = "cli-spec-gh-create-or-update-file-template.yaml"

BLOCK_TYPES = [
    "HTTP_REQUEST",
    "HTTP_REQUEST_ASYNC",
    "ADVANCED_HTTP_REQUEST",
    "USER_INPUT",
    "JQ",
    "JAVASCRIPT",
    "SLACK",
    "MANUAL_APPROVAL",
    "CONDITIONAL_BRANCH",
    "GITHUB_CREATE_OR_UPDATE_FILE",
    "MS_TEAMS_SEND_MESSAGE",
    "SET_VARIABLES",
    "SCAFFOLDER",
    "AWS",
    "PAGERDUTY_CREATE_INCIDENT",
    "JIRA_CREATE_ISSUE",
]
INPUT_TYPES = [
    "INPUT_FIELD",
    "TEXTAREA_FIELD",
    "SELECT_FIELD",
    "MULTISELECT_FIELD",
    "TOGGLE_FIELD",
    "CORTEX_ENTITY_FIELD",
    "CORTEX_USER_FIELD",
    "SLACK_FIELD",
    "SECRET_FIELD",
    "NUMBER_FIELD",
    "DATE_FIELD",
    "NESTED_FORM_FIELD",
]


# --------------------------------------------------------------------------- helpers


def _load_schema() -> dict:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


SCHEMA = _load_schema()
VALIDATOR = Draft202012Validator(SCHEMA)


def _load_document(path: Path):
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        return json.loads(text)
    return YAML(typ="safe", pure=True).load(text)


def _corpus_files() -> list[Path]:
    if not CORPUS_DIR.is_dir():
        return []
    return sorted(p for p in CORPUS_DIR.iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def _is_accepted(path: Path) -> bool:
    return not path.name.endswith("-INVALID.yaml") and path.name not in NOT_ACCEPTED


ACCEPTED_FILES = [p for p in _corpus_files() if _is_accepted(p)]


def _pointer(path) -> str:
    """JSON pointer ("" is the document root)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def _errors(instance) -> list[tuple[str, str, str]]:
    """(validator keyword, JSON pointer of the instance, message) for every error."""
    errors = sorted(VALIDATOR.iter_errors(instance), key=lambda e: (list(map(str, e.absolute_path)), e.validator))
    return [(e.validator, _pointer(e.absolute_path), e.message) for e in errors]


def _format(errors) -> str:
    return "\n".join(f"  {kw} at {ptr}: {msg}" for kw, ptr, msg in errors) or "  (none)"


def _iter_refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _iter_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _iter_refs(item)


def _resolve_local(ref: str):
    assert ref.startswith("#/"), f"non-local $ref {ref!r}"
    node = SCHEMA
    for escaped in ref[2:].split("/"):
        token = escaped.replace("~1", "/").replace("~0", "~")
        assert isinstance(node, dict) and token in node, f"$ref {ref!r} does not resolve (at {token!r})"
        node = node[token]
    return node


# A minimal valid workflow; tests put one block in it.
BASE_WORKFLOW = {
    "tag": "demo",
    "name": "Demo",
    "isDraft": False,
    "filter": {"type": "GLOBAL"},
    "actions": [
        {
            "slug": "start",
            "name": "Start",
            "isRootAction": True,
            "outgoingActions": ["work"],
            "schema": {"type": "JQ", "expression": "."},
        },
        {
            "slug": "work",
            "name": "Work",
            "isRootAction": False,
            "outgoingActions": [],
            "schema": {"type": "JQ", "expression": "."},
        },
    ],
}


def workflow(block: dict | None = None, **top) -> dict:
    """BASE_WORKFLOW with actions[1].schema replaced by ``block`` and top-level keys overridden."""
    doc = copy.deepcopy(BASE_WORKFLOW)
    if block is not None:
        doc["actions"][1]["schema"] = block
    doc.update(top)
    return doc


def http_block(**fields) -> dict:
    block = {"type": "HTTP_REQUEST", "url": "https://example.com", "httpMethod": "GET", "headers": {}}
    block.update(fields)
    return block


def user_input_block(*inputs: dict) -> dict:
    return {"type": "USER_INPUT", "inputs": list(inputs), "inputOverrides": []}


# --------------------------------------------------------------------------- the schema itself


def test_schema_is_valid_draft_2020_12():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"].endswith("/schemas/workflow.schema.json")
    assert SCHEMA.get("title") and SCHEMA.get("description")
    Draft202012Validator.check_schema(SCHEMA)


def test_every_ref_is_local_and_resolves():
    refs = set(_iter_refs(SCHEMA))
    assert refs, "schema has no $ref at all"
    for ref in sorted(refs):
        assert isinstance(_resolve_local(ref), dict), ref


def test_every_def_is_used():
    used = {ref[len("#/$defs/"):] for ref in _iter_refs(SCHEMA)}
    unused = set(SCHEMA["$defs"]) - used
    assert not unused, f"unused $defs: {sorted(unused)}"


def test_file_is_pretty_printed_with_two_spaces():
    text = SCHEMA_PATH.read_text(encoding="utf-8")
    assert text == json.dumps(SCHEMA, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize(
    ("union", "values"),
    [
        ("block", BLOCK_TYPES),
        ("input", INPUT_TYPES),
        ("filter", ["GLOBAL", "ENTITY"]),
        ("inputOverride", ["VALUE", "OPTION"]),
        ("variableSource", ["REFERENCE", "JAVASCRIPT"]),
    ],
)
def test_discriminated_unions_use_enum_and_if_then(union, values):
    node = SCHEMA["$defs"][union]
    assert node["properties"]["type"]["enum"] == values
    for keyword in ("oneOf", "anyOf"):
        assert keyword not in node
    selected = []
    for clause in node["allOf"]:
        assert clause["if"]["required"] == ["type"]
        value = clause["if"]["properties"]["type"]["const"]
        assert clause["then"] == {"$ref": f"#/$defs/{union}.{value}"}
        selected.append(value)
    assert selected == values


def test_no_oneof_or_anyof_anywhere():
    def walk(node):
        if isinstance(node, dict):
            assert "oneOf" not in node and "anyOf" not in node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(SCHEMA)


def test_every_property_has_a_description():
    missing = []

    def walk(node, where):
        if isinstance(node, dict):
            for name, sub in node.get("properties", {}).items():
                if "description" not in sub:
                    missing.append(f"{where}/properties/{name}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, f"{where}/{i}")

    walk(SCHEMA, "#")
    # The union branches' `if` clauses carry bare `const` matchers; they are not documentation.
    missing = [m for m in missing if "/if/" not in m]
    assert not missing, "properties without description:\n" + "\n".join(missing)


# --------------------------------------------------------------------------- the corpus


def test_corpus_is_present():
    assert CORPUS_DIR.is_dir(), f"corpus not found at {CORPUS_DIR}"
    names = {p.name for p in _corpus_files()}
    assert names >= NOT_ACCEPTED
    assert len(ACCEPTED_FILES) >= 80


@pytest.mark.parametrize("path", ACCEPTED_FILES, ids=lambda p: p.name)
def test_accepted_corpus_file_validates(path):
    errors = _errors(_load_document(path))
    assert errors == [], f"{path.name}:\n{_format(errors)}"


def test_alias_null_is_the_only_error():
    errors = _errors(_load_document(CORPUS_DIR / ALIAS_NULL_FILE))
    assert errors == [("type", "/actions/0/schema/alias", "None is not of type 'string'")], _format(errors)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Rejected for a graph rule (joiningAction not reached by the fallback path): schema-clean.
        ("cli-hist-trigger-github-deploy-fallback-joining-INVALID.yaml", []),
        # Rejected for a templated URL host (a lint rule, not a schema rule): schema-clean.
        ("cli-hist-jenkins-deploy-templated-url-host-INVALID.yaml", []),
        # Rejected for the templated integrationAlias; it also lacks `headers`, which Cortex requires.
        (
            "cli-hist-trigger-github-deploy-templated-alias-INVALID.yaml",
            [("required", "/actions/0/schema", "'headers' is a required property")],
        ),
        # Reads an undeclared variable (a reference rule): schema-clean.
        ("cli-hist-jenkins-deploy.yaml", []),
        # Dangling outgoingActions (a graph rule), and an INPUT_FIELD given SELECT_FIELD's `options`.
        (
            "cli-skill-building-solutions-format-example.yaml",
            [("additionalProperties", "/actions/0/schema/inputs/0", "'options' was unexpected")],
        ),
    ],
)
def test_excluded_corpus_file_errors(name, expected):
    errors = _errors(_load_document(CORPUS_DIR / name))
    assert [(kw, ptr) for kw, ptr, _ in errors] == [(kw, ptr) for kw, ptr, _ in expected], _format(errors)
    for (_, _, message), (_, _, fragment) in zip(errors, expected):
        assert fragment in message


def test_every_block_type_is_covered_by_a_valid_example():
    """One valid minimal block per type, so every branch is exercised at least once."""
    blocks = {
        "HTTP_REQUEST": http_block(payload="{}", integration=None, integrationAlias=None, targetHost="h"),
        "HTTP_REQUEST_ASYNC": http_block(type="HTTP_REQUEST_ASYNC", timeoutInSeconds=60, integration="GitHub"),
        "ADVANCED_HTTP_REQUEST": {
            "type": "ADVANCED_HTTP_REQUEST",
            "actionIdentifier": "github.createBranch",
            "integrationAlias": None,
            "inputs": {"repo": "r", "count": 1, "flag": True, "nested": {"a": [1]}},
        },
        "USER_INPUT": user_input_block(
            {"type": "INPUT_FIELD", "name": "N", "key": "k1", "required": True, "defaultValue": None},
            {"type": "TEXTAREA_FIELD", "name": "N", "key": "k2", "required": False, "validationRegex": ".*"},
            {"type": "SELECT_FIELD", "name": "N", "key": "k3", "required": True, "options": ["a", "b"]},
            {"type": "MULTISELECT_FIELD", "name": "N", "key": "k4", "required": True, "options": ["a"],
             "allowAdditionalOptions": True, "defaultValue": ["a"]},
            {"type": "TOGGLE_FIELD", "name": "N", "key": "k5", "required": False, "defaultValue": True},
            {"type": "CORTEX_ENTITY_FIELD", "name": "N", "key": "k6", "required": True, "allowMultiple": False,
             "entityFilter": {"typeFilter": {"types": ["service"]}}, "shouldDisplayOptionsAsHierarchy": False},
            {"type": "CORTEX_USER_FIELD", "name": "N", "key": "k7", "required": True, "allowMultiple": True,
             "filter": {"teamCids": []}, "defaultValue": [{"name": "A", "email": "a@example.com"}]},
            {"type": "SLACK_FIELD", "name": "N", "key": "k8", "required": True, "allowMultiple": False,
             "filter": {"channels": ["general"]}},
            {"type": "SECRET_FIELD", "name": "N", "key": "k9", "required": True, "disabled": False},
            {"type": "NUMBER_FIELD", "name": "N", "key": "k10", "required": True, "disabled": False,
             "format": "DECIMAL", "min": 0, "max": 1.5, "defaultValue": 1},
            {"type": "DATE_FIELD", "name": "N", "key": "k11", "required": True, "disabled": False,
             "format": "DATETIME"},
            {"type": "NESTED_FORM_FIELD", "name": "N", "key": "k12", "anything": {"goes": True}},
        ),
        "JQ": {"type": "JQ", "expression": "."},
        "JAVASCRIPT": {"type": "JAVASCRIPT", "script": "return {}"},
        "SLACK": {"type": "SLACK", "channel": "general", "message": "hi"},
        "MANUAL_APPROVAL": {"type": "MANUAL_APPROVAL", "approvingTeamIds": ["t1"], "approverDescription": "d"},
        "CONDITIONAL_BRANCH": {
            "type": "CONDITIONAL_BRANCH",
            "branches": [{"name": "A", "slug": "a", "type": "CONDITIONAL", "expression": "true", "outgoingAction": "x"}],
            "fallbackBranch": {"name": "B", "slug": "b", "type": "FALLBACK", "outgoingAction": "y"},
            "joiningAction": None,
        },
        "GITHUB_CREATE_OR_UPDATE_FILE": {
            "type": "GITHUB_CREATE_OR_UPDATE_FILE",
            "alias": "gh",
            "repositoryName": "r",
            "path": "p",
            "content": "c",
            "commitMessage": "m",
            "branch": "main",
            "author": {"name": "A", "email": "a@example.com"},
            "committer": None,
        },
        "MS_TEAMS_SEND_MESSAGE": {"type": "MS_TEAMS_SEND_MESSAGE", "teamId": "t", "channelId": "c", "message": "m"},
        "SET_VARIABLES": {
            "type": "SET_VARIABLES",
            "variables": [
                {"slug": "a", "source": {"type": "REFERENCE", "path": "actions.x.outputs.y"}},
                {"slug": "b", "source": {"type": "JAVASCRIPT", "script": "return 1"}},
            ],
        },
        "SCAFFOLDER": {
            "type": "SCAFFOLDER",
            "scaffolderTemplateId": "tpl",
            "inputOverrides": [
                {"type": "VALUE", "inputKey": "a", "outputVariable": "variables.a", "editable": False},
                {"type": "OPTION", "inputKey": "b", "outputVariable": "variables.b"},
            ],
            "createNewRepository": True,
            "createService": False,
        },
        "AWS": {"type": "AWS", "accountId": "1", "region": "us-east-1", "actionIdentifier": "x", "inputs": {"a": 1}},
        "PAGERDUTY_CREATE_INCIDENT": {
            "type": "PAGERDUTY_CREATE_INCIDENT",
            "title": "t",
            "body": "b",
            "serviceId": "s",
            "fromEmail": "e@example.com",
            "urgency": "HIGH",
        },
        "JIRA_CREATE_ISSUE": {
            "type": "JIRA_CREATE_ISSUE",
            "alias": "j",
            "projectKey": "P",
            "issueType": "Bug",
            "issueSummary": "s",
            "description": "d",
            "fields": {"customfield_1": {"value": "x"}, "customfield_2": "plain"},
        },
    }
    assert sorted(blocks) == sorted(BLOCK_TYPES)
    for block_type, block in blocks.items():
        errors = _errors(workflow(block))
        assert errors == [], f"{block_type}:\n{_format(errors)}"


def test_full_top_level_is_accepted():
    doc = workflow(
        description="d",
        filter={
            "type": "ENTITY",
            "ownershipScope": "OWNER",
            "entityFilter": {
                "typeFilter": {"types": ["service"]},
                "entityGroupFilter": {"entityGroups": ["a"], "excludedEntityGroups": []},
            },
        },
        variables=[
            {"slug": "v", "type": "ARRAY_OF_OBJECT", "defaultValue": [{"a": 1}], "description": "d"},
            {"slug": "w", "type": "NUMBER"},
        ],
        restrictActionCompletionToRunnerUser=True,
        isRunnableViaApi=True,
        runResponseTemplate=None,
        failedRunResponseTemplate="failed",
        runRestrictionPolicies=[{"id": "u1", "type": "CUSTOM_ROLE"}],
        iconTag=None,
        createdAt="2026-01-01T00:00:00Z",
        lastUpdatedAt="2026-01-02T00:00:00Z",
    )
    assert _errors(doc) == []


# --------------------------------------------------------------------------- bad documents


def _without(doc: dict, key: str) -> dict:
    doc = copy.deepcopy(doc)
    del doc[key]
    return doc


BAD_DOCUMENTS = {
    "missing-top-level-name": (
        _without(BASE_WORKFLOW, "name"),
        [("required", "", "'name' is a required property")],
    ),
    "missing-top-level-actions": (
        _without(BASE_WORKFLOW, "actions"),
        [("required", "", "'actions' is a required property")],
    ),
    "unknown-top-level-key": (
        workflow(isDraftt=True),
        [("additionalProperties", "", "'isDraftt' was unexpected")],
    ),
    "bad-filter-type": (
        workflow(filter={"type": "TEAM"}),
        [("enum", "/filter/type", "'TEAM' is not one of ['GLOBAL', 'ENTITY']")],
    ),
    "bad-ownership-scope": (
        workflow(filter={"type": "ENTITY", "ownershipScope": "ANYONE"}),
        [("enum", "/filter/ownershipScope", "'ANYONE' is not one of ['ALL', 'OWNER', 'EDITOR']")],
    ),
    "global-filter-with-entity-fields": (
        workflow(filter={"type": "GLOBAL", "ownershipScope": "ALL"}),
        [("additionalProperties", "/filter", "'ownershipScope' was unexpected")],
    ),
    "bad-variable-type": (
        workflow(variables=[{"slug": "v", "type": "INTEGER"}]),
        [("enum", "/variables/0/type", "'INTEGER' is not one of")],
    ),
    "bad-run-restriction-policy-type": (
        workflow(runRestrictionPolicies=[{"id": "x", "type": "GROUP"}]),
        [("enum", "/runRestrictionPolicies/0/type", "'GROUP' is not one of ['USER', 'TEAM', 'CUSTOM_ROLE']")],
    ),
    "action-missing-outgoing-actions": (
        {**BASE_WORKFLOW, "actions": [{k: v for k, v in BASE_WORKFLOW["actions"][0].items() if k != "outgoingActions"}]},
        [("required", "/actions/0", "'outgoingActions' is a required property")],
    ),
    "unknown-block-type": (
        workflow({"type": "LOOP", "url": "https://example.com", "foo": 1}),
        [("enum", "/actions/1/schema/type", "'LOOP' is not one of ['HTTP_REQUEST', ")],
    ),
    "block-without-type": (
        workflow({"url": "https://example.com"}),
        [("required", "/actions/1/schema", "'type' is a required property")],
    ),
    "block-not-an-object": (
        workflow("HTTP_REQUEST"),
        [("type", "/actions/1/schema", "'HTTP_REQUEST' is not of type 'object'")],
    ),
    "http-request-missing-http-method": (
        workflow({"type": "HTTP_REQUEST", "url": "https://example.com", "headers": {}}),
        [("required", "/actions/1/schema", "'httpMethod' is a required property")],
    ),
    "http-request-bad-http-method": (
        workflow(http_block(httpMethod="FETCH")),
        [("enum", "/actions/1/schema/httpMethod", "'FETCH' is not one of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']")],
    ),
    "http-request-unknown-key": (
        workflow(http_block(body="{}")),
        [("additionalProperties", "/actions/1/schema", "'body' was unexpected")],
    ),
    "http-request-async-missing-headers": (
        workflow({"type": "HTTP_REQUEST_ASYNC", "url": "/x", "httpMethod": "POST", "integrationAlias": "gh"}),
        [("required", "/actions/1/schema", "'headers' is a required property")],
    ),
    "http-header-not-a-string": (
        workflow(http_block(headers={"X-Count": 3})),
        [("type", "/actions/1/schema/headers/X-Count", "3 is not of type 'string'")],
    ),
    "jq-unknown-key": (
        workflow({"type": "JQ", "expression": ".", "expresion": "."}),
        [("additionalProperties", "/actions/1/schema", "'expresion' was unexpected")],
    ),
    "jq-missing-expression": (
        workflow({"type": "JQ"}),
        [("required", "/actions/1/schema", "'expression' is a required property")],
    ),
    "advanced-http-request-missing-inputs": (
        workflow({"type": "ADVANCED_HTTP_REQUEST", "actionIdentifier": "github.getBranch"}),
        [("required", "/actions/1/schema", "'inputs' is a required property")],
    ),
    "number-field-missing-format": (
        workflow(user_input_block({"type": "NUMBER_FIELD", "name": "N", "key": "n", "required": True, "disabled": False})),
        [("required", "/actions/1/schema/inputs/0", "'format' is a required property")],
    ),
    "number-field-bad-format": (
        workflow(user_input_block(
            {"type": "NUMBER_FIELD", "name": "N", "key": "n", "required": True, "disabled": False, "format": "FLOAT"}
        )),
        [("enum", "/actions/1/schema/inputs/0/format", "'FLOAT' is not one of ['INTEGER', 'DECIMAL']")],
    ),
    "unknown-input-type": (
        workflow(user_input_block({"type": "RADIO_FIELD", "name": "N", "key": "n", "required": True})),
        [("enum", "/actions/1/schema/inputs/0/type", "'RADIO_FIELD' is not one of")],
    ),
    "input-field-with-select-options": (
        workflow(user_input_block(
            {"type": "INPUT_FIELD", "name": "N", "key": "n", "required": True, "options": ["a"]}
        )),
        [("additionalProperties", "/actions/1/schema/inputs/0", "'options' was unexpected")],
    ),
    "user-input-missing-input-overrides": (
        workflow({"type": "USER_INPUT", "inputs": []}),
        [("required", "/actions/1/schema", "'inputOverrides' is a required property")],
    ),
    "input-override-value-missing-editable": (
        workflow({"type": "USER_INPUT", "inputs": [],
                  "inputOverrides": [{"type": "VALUE", "inputKey": "a", "outputVariable": "variables.a"}]}),
        [("required", "/actions/1/schema/inputOverrides/0", "'editable' is a required property")],
    ),
    "set-variables-unknown-source-type": (
        workflow({"type": "SET_VARIABLES", "variables": [{"slug": "a", "source": {"type": "LITERAL", "value": 1}}]}),
        [("enum", "/actions/1/schema/variables/0/source/type", "'LITERAL' is not one of ['REFERENCE', 'JAVASCRIPT']")],
    ),
    "set-variables-reference-missing-path": (
        workflow({"type": "SET_VARIABLES", "variables": [{"slug": "a", "source": {"type": "REFERENCE"}}]}),
        [("required", "/actions/1/schema/variables/0/source", "'path' is a required property")],
    ),
    "conditional-branch-bad-branch-type": (
        workflow({"type": "CONDITIONAL_BRANCH",
                  "branches": [{"name": "A", "slug": "a", "expression": "true", "type": "FALLBACK"}]}),
        [("enum", "/actions/1/schema/branches/0/type", "'FALLBACK' is not one of ['CONDITIONAL']")],
    ),
    "github-file-author-missing-email": (
        workflow({"type": "GITHUB_CREATE_OR_UPDATE_FILE", "alias": "gh", "repositoryName": "r", "path": "p",
                  "content": "c", "commitMessage": "m", "author": {"name": "A"}}),
        [("required", "/actions/1/schema/author", "'email' is a required property")],
    ),
    "pagerduty-bad-urgency": (
        workflow({"type": "PAGERDUTY_CREATE_INCIDENT", "title": "t", "body": "b", "serviceId": "s",
                  "fromEmail": "e", "urgency": "MEDIUM"}),
        [("enum", "/actions/1/schema/urgency", "'MEDIUM' is not one of ['HIGH', 'LOW']")],
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_DOCUMENTS))
def test_bad_document_yields_exactly_the_expected_errors(name):
    doc, expected = BAD_DOCUMENTS[name]
    errors = _errors(doc)
    got = [(kw, ptr) for kw, ptr, _ in errors]
    want = [(kw, ptr) for kw, ptr, _ in expected]
    assert got == want, f"{name}: expected {want}, got:\n{_format(errors)}"
    for (_, _, message), (_, _, fragment) in zip(errors, expected):
        assert fragment in message, f"{name}: {fragment!r} not in {message!r}"
