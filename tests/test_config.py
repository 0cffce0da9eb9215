"""Configuration: discovery, precedence, every setting, the ``config`` command, and bad files."""

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from linter.cli import main
from linter.config import ConfigError, Resolver
from linter.model import Severity

GOOD = (ROOT / "tests" / "rules" / "required-field" / "good.yaml").read_text()
TWO_PROBLEMS = GOOD.replace("isDraft: false\n", "isDraft: nope\nrunResponseTemplat: hi\n")
# isDraft at 3:10 (field-type, MUST); runResponseTemplat at 4:1 (unknown-field, SHOULD)


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return str(path)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A repository root (it has .git) as the working directory."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def found(result) -> list[str]:
    return [line.split(": ", 1)[1] for line in result.stdout.splitlines() if line.count(":") >= 3]


def test_pyproject_table_applies(repo):
    write(repo / "pyproject.toml", '[tool.cortex-workflow-lint]\nignore = ["field-type"]\n')
    result = run("check", write(repo / "wf.yaml", TWO_PROBLEMS))
    assert found(result) == ["SHOULD [unknown-field] Unknown field 'runResponseTemplat' in the workflow. Did you mean 'runResponseTemplate'?"]
    assert result.exit_code == 0


def test_yaml_file_wins_over_pyproject_in_the_same_directory(repo):
    write(repo / "pyproject.toml", '[tool.cortex-workflow-lint]\nignore = ["field-type"]\n')
    write(repo / ".cortex-workflow-lint.yaml", "ignore: [unknown-field]\n")
    result = run("check", write(repo / "wf.yaml", TWO_PROBLEMS))
    assert [line.split(" ")[1] for line in found(result)] == ["[field-type]"]


def test_pyproject_without_our_table_is_skipped_and_the_walk_goes_up(repo):
    write(repo / ".cortex-workflow-lint.yaml", "ignore: [unknown-field]\n")
    write(repo / "sub" / "pyproject.toml", "[project]\nname = 'x'\n")
    result = run("check", write(repo / "sub" / "wf.yaml", TWO_PROBLEMS))
    assert [line.split(" ")[1] for line in found(result)] == ["[field-type]"]


@pytest.mark.parametrize(
    "toml",
    [
        '[ tool . "cortex-workflow-lint" ]\nignore = ["field-type"]\n',
        'tool.cortex-workflow-lint.ignore = ["field-type"]\n',
        "tool = {cortex-workflow-lint = {ignore = ['field-type']}}\n",
        '[tool]\nother = 1\n  "cortex-workflow-lint".ignore = ["field-type"]\n',
    ],
    ids=["spaced-quoted-header", "dotted-key", "inline-table", "key-under-tool"],
)
def test_every_way_toml_writes_our_table_is_read(repo, toml):
    write(repo / "pyproject.toml", toml)
    result = run("check", write(repo / "wf.yaml", TWO_PROBLEMS))
    assert [line.split(" ")[1] for line in found(result)] == ["[unknown-field]"]


def test_pyproject_that_only_names_the_tool_is_not_parsed(repo):
    """A project that depends on the tool (or is it) names it without configuring it; its TOML is not
    read, so not even an error in it matters here, and the walk goes up."""
    write(repo / ".cortex-workflow-lint.yaml", "ignore: [unknown-field]\n")
    write(
        repo / "sub" / "pyproject.toml",
        '[project]\nname = "cortex-workflow-lint"\ndependencies = [\n  "cortex-workflow-lint[lsp]>=0.1",\n]\n'
        '[project.scripts]\ncortex-workflow-lint = "linter.cli:run"\n[tool.other\n',
    )
    result = run("check", write(repo / "sub" / "wf.yaml", TWO_PROBLEMS))
    assert result.stderr == ""
    assert [line.split(" ")[1] for line in found(result)] == ["[field-type]"]


def test_nearest_configuration_wins_per_directory(repo):
    write(repo / ".cortex-workflow-lint.yaml", "ignore: [unknown-field]\n")
    write(repo / "legacy" / ".cortex-workflow-lint.yaml", "ignore: [field-type]\n")
    top = write(repo / "wf.yaml", TWO_PROBLEMS)
    legacy = write(repo / "legacy" / "wf.yaml", TWO_PROBLEMS.replace("tag: ", "tag: legacy-", 1))  # its own tag
    result = run("check", "--format", "concise", top, legacy)
    assert [(line.split(":")[0], line.split(" ")[2]) for line in result.stdout.splitlines()] == [
        (top, "[field-type]"),
        (legacy, "[unknown-field]"),
    ]


def test_search_stops_at_the_repository_root(tmp_path, monkeypatch):
    write(tmp_path / ".cortex-workflow-lint.yaml", "ignore: [field-type, unknown-field]\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo")
    result = run("check", write(tmp_path / "repo" / "wf.yaml", TWO_PROBLEMS))
    assert len(found(result)) == 2


def test_config_option_overrides_the_search(repo):
    write(repo / ".cortex-workflow-lint.yaml", "ignore: [unknown-field]\n")
    other = write(repo / "elsewhere.toml", '[tool.cortex-workflow-lint]\nignore = ["field-type"]\n')
    result = run("check", "--config", other, write(repo / "wf.yaml", TWO_PROBLEMS))
    assert [line.split(" ")[1] for line in found(result)] == ["[unknown-field]"]


def test_command_line_overrides_the_file(repo):
    write(repo / ".cortex-workflow-lint.yaml", "select: [field-type]\nfail-on: SHOULD\n")
    path = write(repo / "wf.yaml", TWO_PROBLEMS)
    assert run("check", path).exit_code == 1
    result = run("check", "--select", "unknown-field", path)
    assert [line.split(" ")[1] for line in found(result)] == ["[unknown-field]"]
    assert result.exit_code == 1  # fail-on SHOULD from the file still applies
    assert run("check", "--select", "unknown-field", "--fail-on", "MUST", path).exit_code == 0
    result = run("check", "--ignore", "field-type,unknown-field", path)
    assert found(result) == []


def test_severity_override_and_fail_on_from_the_file(repo):
    write(repo / ".cortex-workflow-lint.yaml", "severity:\n  field-type: MAY\nfail-on: SHOULD\n")
    path = write(repo / "wf.yaml", TWO_PROBLEMS)
    result = run("check", path)
    assert [line.split(" ")[0] for line in found(result)] == ["MAY", "SHOULD"]
    assert result.exit_code == 1
    write(repo / ".cortex-workflow-lint.yaml", "severity:\n  field-type: MAY\n")
    assert run("check", path).exit_code == 0


def test_per_path_ignores_are_relative_to_the_configuration_file(repo, monkeypatch):
    write(repo / "pyproject.toml", '[tool.cortex-workflow-lint.per-path-ignores]\n"legacy/**" = ["field-type"]\n')
    legacy = repo / "legacy" / "deep" / "wf.yaml"
    write(legacy, TWO_PROBLEMS)
    monkeypatch.chdir(repo / "legacy")  # the path given is deep/wf.yaml, not legacy/...
    result = run("check", "deep/wf.yaml")
    assert [line.split(" ")[1] for line in found(result)] == ["[unknown-field]"]
    monkeypatch.chdir(repo)
    write(repo / "current" / "wf.yaml", TWO_PROBLEMS)
    assert len(found(run("check", "current/wf.yaml"))) == 2


def test_per_path_pattern_without_slash_matches_the_file_name(repo):
    write(repo / ".cortex-workflow-lint.yaml", "per-path-ignores:\n  'old-*.yaml': [field-type]\n")
    result = run("check", write(repo / "a" / "old-deploy.yaml", TWO_PROBLEMS))
    assert [line.split(" ")[1] for line in found(result)] == ["[unknown-field]"]


def test_include_and_exclude_steer_directory_walking(repo):
    write(repo / ".cortex-workflow-lint.yaml", "include: ['*.wf']\nexclude: ['vendor/*']\n")
    write(repo / "flows" / "a.wf", GOOD)
    write(repo / "flows" / "b.yaml", TWO_PROBLEMS)
    write(repo / "vendor" / "c.wf", TWO_PROBLEMS)
    result = run("check", ".")
    assert (result.exit_code, result.stdout) == (0, "All checks passed (1 file checked).\n")


def test_max_file_size(repo):
    write(repo / ".cortex-workflow-lint.yaml", "max-file-size: 50\n")
    result = run("check", write(repo / "wf.yaml", GOOD))
    assert "[file-too-large]" in result.stdout
    assert "The file is larger than the 50-byte max-file-size; it was not read further nor parsed" in result.stdout


def test_disabled_rules_never_run(repo, monkeypatch):
    from linter.rules import all_rules

    def explode(self, doc):
        raise AssertionError("an ignored rule ran")

    monkeypatch.setattr(all_rules()["field-type"], "check", explode)
    write(repo / ".cortex-workflow-lint.yaml", "ignore: [field-type]\n")
    result = run("check", write(repo / "wf.yaml", TWO_PROBLEMS))
    assert "internal-error" not in result.stdout


def test_stdin_uses_the_configuration_near_stdin_filename(repo):
    write(repo / "team" / ".cortex-workflow-lint.yaml", "ignore: [unknown-field]\n")
    result = run("check", "--format", "concise", "--stdin-filename", "team/wf.yaml", "-", input=TWO_PROBLEMS)
    assert result.stdout == "team/wf.yaml:3:10: MUST [field-type] 'isDraft' must be a boolean (true or false), not a string ('nope')\n"
    result = run("check", "--format", "concise", "-", input=TWO_PROBLEMS)  # no name: the working directory's configuration
    assert len(result.stdout.splitlines()) == 2


def test_resolution_is_cached_per_directory(repo, monkeypatch):
    config = write(repo / ".cortex-workflow-lint.yaml", "ignore: [unknown-field]\n")
    resolver = Resolver()
    first = resolver.for_file(repo / "a" / "one.yaml")
    os.remove(config)
    assert resolver.for_file(repo / "a" / "two.yaml") is first
    assert first.ignore == frozenset({"unknown-field"})
    assert first.root == str(repo)


def test_config_command_shows_values_and_their_sources(repo):
    write(repo / "pyproject.toml", '[tool.cortex-workflow-lint]\nfail-on = "should"\n[tool.cortex-workflow-lint.severity]\nfield-type = "MAY"\n')
    (repo / "sub").mkdir()
    result = run("config", str(repo / "sub"))
    where = f"{repo / 'pyproject.toml'} [tool.cortex-workflow-lint]"
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"# configuration file: {where}",
        "select = (rules on by default)  # default",
        "ignore = []  # default",
        f'severity = {{field-type = "MAY"}}  # {where}',
        "per-path-ignores = {}  # default",
        f'fail-on = "SHOULD"  # {where}',
        "max-file-size = 10485760  # default",
        "max-nodes = 500000  # default",
        "max-expanded-size = 33554432  # default",
        "parse-timeout = 10.0  # default",
        'include = ["*.yaml", "*.yml", "*.json"]  # default',
        "exclude = []  # default",
        "extra-block-types = []  # default",
        "extra-enum-values = {}  # default",
        "baseline = (none)  # default",
    ]


def test_config_command_without_a_file(repo):
    result = run("config")
    assert result.stdout.splitlines()[0] == "# configuration file: none (defaults)"


def test_config_command_for_a_missing_path_says_so(repo):
    result = run("config", str(repo / "nonexistent"))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"cortex-workflow-lint: error: {repo / 'nonexistent'}: no such file or directory\n"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("pyproject.toml", '[tool.cortex-workflow-lint]\nselect = ["feild-type"]\n', "[tool.cortex-workflow-lint]: select: unknown rule 'feild-type'. Did you mean 'field-type'?"),
        ("pyproject.toml", "[tool.cortex-workflow-lint]\nselect = 'field-type'\n", "select: expected a list of strings, got a string ('field-type')"),
        ("pyproject.toml", "[tool.cortex-workflow-lint]\nfail_on = 'MUST'\n", "unknown setting 'fail_on'. Did you mean 'fail-on'?"),
        ("pyproject.toml", "[tool.cortex-workflow-lint]\nfail-on = 'FATAL'\n", "fail-on: unknown violationType 'FATAL'; expected one of MUST, SHOULD, MAY, HINT"),
        ("pyproject.toml", "[tool.cortex-workflow-lint\n", "invalid TOML: Expected ']' at the end of a table declaration (at line 1, column 27)"),
        (".cortex-workflow-lint.yaml", "ignore: [field-type\n", "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence that starts at line 1, column 9) (line 2, column 1)"),
        (".cortex-workflow-lint.yaml", "- field-type\n", "expected a mapping of settings, got a list (['field-type'])"),
        (".cortex-workflow-lint.yaml", "max-file-size: -1\n", "max-file-size: expected a positive number of bytes (at most 2**53), got a number (-1)"),
        (".cortex-workflow-lint.yaml", "severity:\n  field-type: LOUD\n", "severity.field-type: unknown violationType 'LOUD'"),
        (".cortex-workflow-lint.yaml", "per-path-ignores:\n  legacy/*: unknown-field\n", "per-path-ignores.'legacy/*': expected a list of strings"),
        (".cortex-workflow-lint.yaml", "extra-block-types: GITLAB\n", "extra-block-types: expected a list of strings, got a string ('GITLAB')"),
        (".cortex-workflow-lint.yaml", "extra-enum-values: [HEAD]\n", "extra-enum-values: expected a table (mapping), got a list (['HEAD'])"),
        (".cortex-workflow-lint.yaml", "extra-enum-values:\n  httpMethod: HEAD\n", "extra-enum-values.httpMethod: expected a list of strings, got a string ('HEAD')"),
        (".cortex-workflow-lint.yaml", "baseline: [a.json]\n", "baseline: expected a file path, got a list (['a.json'])"),
    ],
)
def test_bad_configuration_is_one_line_and_exit_2(repo, name, text, message):
    write(repo / name, text)
    result = run("check", write(repo / "wf.yaml", GOOD))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"cortex-workflow-lint: error: {repo / name}")
    assert message in result.stderr


def test_bad_command_line_rule_id_is_a_usage_error(repo):
    result = run("check", "--ignore", "unknown-feild", write(repo / "wf.yaml", GOOD))
    assert result.exit_code == 2
    assert "Error: --ignore: unknown rule 'unknown-feild'. Did you mean 'unknown-field'?" in result.stderr


def test_missing_config_option_file(repo):
    result = run("check", "--config", "nope.toml", write(repo / "wf.yaml", GOOD))
    assert result.exit_code == 2
    assert result.stderr == "cortex-workflow-lint: error: nope.toml: cannot read configuration file: No such file or directory\n"


def test_resolver_raises_config_error_for_pyproject_without_table_given_explicitly(repo):
    path = write(repo / "pyproject.toml", "[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool.cortex-workflow-lint\] table"):
        Resolver(config_file=path).for_directory(repo)


def test_severity_parse_in_config_is_case_insensitive(repo):
    write(repo / ".cortex-workflow-lint.yaml", "fail-on: hint\n")
    assert Resolver().for_directory(repo).settings.fail_on is Severity.HINT


def test_readme_example_configuration_is_valid(tmp_path):
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Configuration\n", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"```toml\n(.*?)```", section, re.DOTALL).group(1)
    settings = Resolver(config_file=write(tmp_path / "pyproject.toml", example)).for_directory(tmp_path).settings
    assert settings.fail_on is Severity.SHOULD
    assert settings.severities == {"unknown-field": Severity.MUST}
    assert settings.rule_ids_for(str(tmp_path / "legacy" / "a" / "wf.yaml")) == ("required-field",)
    assert settings.excluded(str(tmp_path / "vendor" / "x.yaml"))


NEWER = """\
tag: newer
name: Newer
isDraft: false
filter:
  type: GLOBAL
actions:
  - slug: open-mr
    name: Open a merge request
    isRootAction: true
    outgoingActions: [probe]
    schema:
      type: GITLAB_CREATE_MERGE_REQUEST
      project: platform/api
  - slug: probe
    name: Probe
    isRootAction: false
    outgoingActions: []
    schema:
      type: HTTP_REQUEST
      url: https://status.example.com/health
      httpMethod: HEAD
      headers: {}
"""


def test_extra_block_types_and_enum_values_are_accepted(repo):
    path = write(repo / "wf.yaml", NEWER)
    assert [line.split(":", 1)[1] for line in run("check", path).stdout.splitlines() if "[enum-value]" in line] == [
        "12:13: MUST [enum-value] Invalid value 'GITLAB_CREATE_MERGE_REQUEST' for 'schema.type' of block 'open-mr' "
        "(GITLAB_CREATE_MERGE_REQUEST); expected one of: HTTP_REQUEST, HTTP_REQUEST_ASYNC, ADVANCED_HTTP_REQUEST, "
        "USER_INPUT, JQ, JAVASCRIPT, SLACK, MANUAL_APPROVAL, CONDITIONAL_BRANCH, GITHUB_CREATE_OR_UPDATE_FILE, "
        "MS_TEAMS_SEND_MESSAGE, SET_VARIABLES, SCAFFOLDER, AWS, PAGERDUTY_CREATE_INCIDENT, JIRA_CREATE_ISSUE.",
        "21:19: MUST [enum-value] Invalid value 'HEAD' for 'schema.httpMethod' of block 'probe' (HTTP_REQUEST); "
        "expected one of: GET, POST, PUT, DELETE, PATCH.",
    ]
    write(
        repo / "pyproject.toml",
        '[tool.cortex-workflow-lint]\nextra-block-types = ["GITLAB_CREATE_MERGE_REQUEST"]\n'
        '[tool.cortex-workflow-lint.extra-enum-values]\nhttpMethod = ["HEAD"]\n',
    )
    result = run("check", path)
    assert (result.exit_code, found(result)) == (0, [])


@pytest.mark.parametrize(
    ("name", "accepted"),
    [("httpMethod", True), ("schema.httpMethod", True), ("actions.schema.httpMethod", True), ("Method", False), ("filter.httpMethod", False)],
)
def test_an_extra_enum_value_names_its_field_or_the_end_of_its_path(repo, name, accepted):
    write(repo / ".cortex-workflow-lint.yaml", f"extra-enum-values:\n  {name}: [HEAD]\n")
    lines = found(run("check", write(repo / "wf.yaml", NEWER.replace("GITLAB_CREATE_MERGE_REQUEST", "JQ\n      expression: ."))))
    assert any("'HEAD'" in line for line in lines) is not accepted


def test_an_extra_block_type_is_only_a_block_type(repo):
    write(repo / ".cortex-workflow-lint.yaml", "extra-block-types: [HEAD]\n")
    lines = found(run("check", write(repo / "wf.yaml", NEWER)))
    assert [line.split(" [")[1].split("]")[0] for line in lines] == ["enum-value", "enum-value"]
