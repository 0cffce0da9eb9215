"""The real corpus (tests/data/cortex-examples, copied from github.com/cortexapps/cli): no crash, no false MUST,
and each known-invalid file gets the MUST violation that names its real defect.
The table of defects follows the corpus README's index."""

from pathlib import Path

import pytest

from conftest import CORPUS
from helpers import lint

FILES = sorted(p for p in CORPUS.glob("*") if p.suffix in (".yaml", ".yml", ".json"))

# file -> the MUST violations (rule id, line, column) that name its real defect.
KNOWN_DEFECTS = {
    "cli-hist-trigger-github-deploy-fallback-joining-INVALID.yaml": {("joining-action-not-reached", 123, 23)},
    "cli-hist-trigger-github-deploy-templated-alias-INVALID.yaml": {("templated-integration-alias", 36, 25)},
    "cli-hist-jenkins-deploy-templated-url-host-INVALID.yaml": {("templated-url-host", 129, 11)},
    "cli-hist-jenkins-deploy.yaml": {("undeclared-variable", 21, 40)},
    "cli-skill-building-solutions-format-example.yaml": {("unknown-outgoing-action", 12, 9)},
    "cli-spec-gh-create-or-update-file-template.yaml": {("field-type", 13, 12)},
}
# Defects beyond the ones the spec names, found by our rules and checked by hand.
ALSO_MUST = {
    # its async block also lacks `headers`, which Cortex requires even with integration auth
    "cli-hist-trigger-github-deploy-templated-alias-INVALID.yaml": {("required-field", 31, 5)},
}


def test_the_corpus_is_there():
    assert len(FILES) >= 95, f"expected the real corpus at {CORPUS}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_corpus_file(path: Path):
    violations = lint(path.read_bytes(), path.name)
    assert [v.description for v in violations if v.rule_id == "internal-error"] == []
    must = {(v.rule_id, v.span.start_line, v.span.start_column) for v in violations if v.violation_type == "MUST"}
    expected = KNOWN_DEFECTS.get(path.name, set()) | ALSO_MUST.get(path.name, set())
    assert must == expected
