"""tools/regenerate_schemas.py: our schema follows Cortex's OpenAPI, and says what changed."""

import json
import shutil

import jsonschema
import pytest

from conftest import ROOT
from helpers import load_script
from linter.precheck import compile_schema

regenerate = load_script("tools/regenerate_schemas.py")

OPENAPI = ROOT / "tests" / "data" / "openapi" / "workflows-small.json"
REPORT = [
    "+ block.HTTP_REQUEST.followRedirects",
    "+ block.HTTP_REQUEST.httpMethod value HEAD",
    "= block.HTTP_REQUEST.integration (not in the OpenAPI)",
    "= block.HTTP_REQUEST.integrationAlias (not in the OpenAPI)",
    "= block.HTTP_REQUEST.targetHost (not in the OpenAPI)",
    "+ block type GITLAB_CREATE_MERGE_REQUEST (4 fields)",
    "= variable.description (not in the OpenAPI)",
    "3 addition(s)",
]
WORKFLOW = {
    "tag": "merge",
    "name": "Merge",
    "isDraft": False,
    "filter": {"type": "GLOBAL"},
    "actions": [
        {
            "slug": "open",
            "name": "Open",
            "isRootAction": True,
            "outgoingActions": ["probe"],
            "schema": {"type": "GITLAB_CREATE_MERGE_REQUEST", "project": "p", "sourceBranch": "a", "targetBranch": "b"},
        },
        {
            "slug": "probe",
            "name": "Probe",
            "isRootAction": False,
            "outgoingActions": [],
            "schema": {"type": "HTTP_REQUEST", "url": "https://example.com", "httpMethod": "HEAD", "headers": {}, "followRedirects": True},
        },
    ],
}


@pytest.fixture
def schema(tmp_path):
    path = tmp_path / "workflow.schema.json"
    shutil.copy(ROOT / "schemas" / "workflow.schema.json", path)
    return path


def test_adds_new_block_types_fields_and_enum_values_and_reports_them(schema, capsys):
    before = json.loads(schema.read_text())
    assert not jsonschema.Draft202012Validator(before).is_valid(WORKFLOW)
    assert regenerate.main([str(OPENAPI), "--schema", str(schema)]) == 0
    assert capsys.readouterr().out.splitlines() == REPORT
    after = json.loads(schema.read_text())
    assert list(jsonschema.Draft202012Validator(after).iter_errors(WORKFLOW)) == []
    assert compile_schema(after)(WORKFLOW) is True  # the fast pre-check agrees
    missing = dict(WORKFLOW, actions=[dict(WORKFLOW["actions"][0], schema={"type": "GITLAB_CREATE_MERGE_REQUEST"})])
    assert {e.message for e in jsonschema.Draft202012Validator(after).iter_errors(missing)} == {
        "'project' is a required property",
        "'sourceBranch' is a required property",
        "'targetBranch' is a required property",
    }


def test_a_second_run_changes_nothing(schema, capsys):
    regenerate.main([str(OPENAPI), "--schema", str(schema)])
    written = schema.read_text()
    capsys.readouterr()
    assert regenerate.main([str(OPENAPI), "--schema", str(schema)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 addition(s)"
    assert schema.read_text() == written


def test_check_writes_nothing_and_fails_when_something_is_new(schema, capsys):
    original = schema.read_text()
    assert regenerate.main([str(OPENAPI), "--schema", str(schema), "--check"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "3 addition(s) (not written: --check)"
    assert schema.read_text() == original


def test_the_schema_file_is_formatted_as_the_script_writes_it():
    # Our schema file is written as json.dumps(indent=2) so that a regeneration diff shows only the change.
    text = (ROOT / "schemas" / "workflow.schema.json").read_text(encoding="utf-8")
    assert json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n" == text


def test_an_unreadable_openapi_document_is_exit_2(tmp_path, schema, capsys):
    bad = tmp_path / "openapi.json"
    bad.write_text("{not json")
    assert regenerate.main([str(bad), "--schema", str(schema)]) == 2
    assert capsys.readouterr().err.startswith("regenerate_schemas: error: Expecting property name enclosed in double quotes")
