"""Project metadata: one URL for the project everywhere, and the Python versions we support."""

import json
import re
import subprocess
import sys

import pytest

if sys.version_info >= (3, 11):
    import tomllib  # novermin (3.10 imports tomli below)
else:
    import tomli as tomllib

from conftest import ROOT
from linter import PROJECT_URL
from linter.formatters.sarif import render as sarif
from linter.report import Report
from linter.rules import all_rules

RAW_BASE = PROJECT_URL.replace("https://github.com/", "https://raw.githubusercontent.com/") + "/main/"
OWNER_AND_NAME = PROJECT_URL.removeprefix("https://github.com/")


def test_rule_links_and_sarif_use_the_project_url():
    assert all_rules()["field-type"].link() == f"{PROJECT_URL}/blob/main/docs/rules/field-type.md"
    assert json.loads(sarif(Report([])))["runs"][0]["tool"]["driver"]["informationUri"] == PROJECT_URL


def test_schema_ids_use_the_project_url():
    schemas = sorted((ROOT / "schemas").glob("*.json"))
    assert {path.name for path in schemas} >= {"workflow.schema.json", "report.schema.json"}
    for path in schemas:
        assert json.loads(path.read_text())["$id"] == f"{RAW_BASE}schemas/{path.name}"


def test_every_link_to_the_project_names_the_same_repository():
    files = [ROOT / "README.md", ROOT / "action.yml", *sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "docs").rglob("*.json"))]
    pattern = re.compile(r"(?:github\.com|raw\.githubusercontent\.com)/([\w.-]+/cortex-workflow-lint[\w.-]*)")
    found = {(path.name, match) for path in files for match in pattern.findall(path.read_text(encoding="utf-8"))}
    assert {name for _, name in found} == {OWNER_AND_NAME}
    assert "README.md" in {path for path, _ in found}


def test_pyproject_names_the_project_url_and_supports_python_3_10():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["urls"]["Homepage"] == PROJECT_URL
    assert project["requires-python"] == ">=3.10"
    assert "tomli>=1.1; python_version < '3.11'" in project["dependencies"]


README = (ROOT / "README.md").read_text(encoding="utf-8")
SNIPPETS = re.findall(r"```(?:yaml|sh|toml)\n(.*?)```", README, re.DOTALL)


def git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=30, check=False)


def test_no_snippet_installs_a_release_that_does_not_exist():
    code = ["\n".join(line.split("#")[0] for line in snippet.splitlines()) for snippet in SNIPPETS]
    installs = [line for c in code for line in c.splitlines() if re.search(r"pip install (-\S+ )*['\"]?cortex-workflow-lint\b", line)]
    assert installs and all("git+https://github.com/" in line for line in installs), installs
    assert not [c for c in code if "cortex-workflow-lint==" in c]
    revs = re.findall(r"^\s*rev: (\S+)", "\n".join(code), re.MULTILINE)
    assert revs and all(re.fullmatch(r"[0-9a-f]{40}", rev) for rev in revs)
    assert re.search(rf"uses: {OWNER_AND_NAME}@[0-9a-f]{{40}} ", README)


def test_the_commits_the_snippets_pin_are_in_this_repository():
    pinned = set(re.findall(r"\b[0-9a-f]{40}\b", "\n".join(SNIPPETS)))
    assert pinned
    if git("rev-parse", "--is-shallow-repository").stdout.strip() != "false":
        pytest.skip("not a complete git checkout (an sdist or a shallow clone): the commits cannot be looked up")
    for commit in pinned:
        assert git("merge-base", "--is-ancestor", commit, "HEAD").returncode == 0, f"{commit} is not a commit of this branch"
        for path in (".pre-commit-hooks.yaml", "pyproject.toml", "action.yml"):
            assert git("cat-file", "-e", f"{commit}:{path}").returncode == 0
