"""The editor setups in docs/editors.md and docs/editors/vscode-tasks.json, applied to real output.

Each setup's pattern is read from the shipped file (the Lua pattern and the
efm configuration from the marked code blocks of docs/editors.md), turned
into a Python regular expression, and run over what the tool prints for a
buffer on standard input.  Every extracted file, line, column, severity, code
and message is compared with the exact expected values.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from conftest import ROOT
from linter.cli import main

DOC = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
VSCODE = json.loads((ROOT / "docs" / "editors" / "vscode-tasks.json").read_text(encoding="utf-8"))
GOOD = (ROOT / "tests" / "rules" / "required-field" / "good.yaml").read_text()
BUFFER = GOOD.replace(
    "isDraft: false\n",
    "isDraft: nope  # cortex-workflow-lint: disable=unknown-field -- portal\nrunResponseTemplat: hi\ncolour: 1\ncolour: 2\n",
)
CONFIG = "severity:\n  yaml-duplicate-key: HINT\n  unused-suppression: MAY\n"

# (line, column, type, rule, message) of every violation in BUFFER under CONFIG.
EXPECTED = [
    (3, 10, "MUST", "field-type", "'isDraft' must be a boolean (true or false), not a string ('nope')"),
    (3, 48, "MAY", "unused-suppression", "Suppression of 'unknown-field' is unused: no 'unknown-field' violation starts on line 3"),
    (4, 1, "SHOULD", "unknown-field", "Unknown field 'runResponseTemplat' in the workflow. Did you mean 'runResponseTemplate'?"),
    (6, 1, "SHOULD", "unknown-field", "Unknown field 'colour' in the workflow. Cortex does not define this field."),
    (6, 1, "HINT", "yaml-duplicate-key", "Key 'colour' appears twice in this mapping (first at line 5); Cortex rejects duplicate fields"),
]


def run(argv: list[str], input: str | None = None) -> str:
    result = CliRunner().invoke(main, argv, input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


@pytest.fixture
def buffer_path(tmp_path):
    """An unsaved buffer's path: a configuration file sits in its parent's parent."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".cortex-workflow-lint.yaml").write_text(CONFIG)
    (tmp_path / "flows").mkdir()
    return str(tmp_path / "flows" / "deploy.yaml")  # never written: the buffer comes on stdin


def marked_block(marker: str) -> str:
    match = re.search(rf"<!-- tested: {marker} -->\n```\w+\n(.*?)```", DOC, re.DOTALL)
    assert match, f"docs/editors.md lacks the '{marker}' block"
    return match.group(1)


def lua_pattern_to_regex(pattern: str) -> str:
    """The subset of Lua patterns used in docs/editors.md, as a Python regex."""
    classes = {"d": r"\d", "u": "A-Z", "w": "A-Za-z0-9", "s": r"\s", "a": "A-Za-z"}
    out, in_set, i = [], False, 0
    while i < len(pattern):
        char = pattern[i]
        i += 1
        if char == "%":
            escaped = pattern[i]
            i += 1
            body = classes.get(escaped)
            if body is None:
                out.append("\\" + escaped)
            else:
                out.append(body if in_set or body.startswith("\\") else f"[{body}]")
            continue
        if char == "[":
            in_set = True
        elif char == "]":
            in_set = False
        elif char == "-" and not in_set:
            char = "*?"  # Lua's lazy repetition
        out.append(char)
    return "".join(out)


def test_lua_pattern_translation():
    assert lua_pattern_to_regex("^.-:(%d+) %[([%w%-]+)%]$") == r"^.*?:(\d+) \[([A-Za-z0-9\-]+)\]$"


def test_vscode_problem_matchers(buffer_path, tmp_path):
    (task,) = VSCODE["tasks"]
    assert task["args"][-1] == "${file}"
    saved = tmp_path / "flows" / "deploy.yaml"
    saved.write_text(BUFFER)
    argv = [arg.replace("${file}", str(saved)) for arg in task["args"]]
    assert task["command"] == "cortex-workflow-lint"
    severity = {"MUST": "error", "SHOULD": "warning", "MAY": "info", "HINT": "info"}
    for output in (run(argv), run([*argv[:-3], argv[-1]])):  # concise, and the default text format
        found = []
        for line in output.splitlines():
            matches = [m for m in task["problemMatcher"] if re.search(m["pattern"]["regexp"], line)]
            assert len(matches) <= 1, line
            for matcher in matches:
                p = matcher["pattern"]
                groups = re.search(p["regexp"], line).groups()
                found.append(
                    (groups[p["file"] - 1], int(groups[p["line"] - 1]), int(groups[p["column"] - 1]), matcher["severity"], groups[p["code"] - 1], groups[p["message"] - 1])
                )
        assert found == [(str(saved), line, col, severity[kind], rule, message) for line, col, kind, rule, message in EXPECTED]


def test_nvim_lint_pattern(buffer_path):
    block = marked_block("nvim-lint")
    pattern = re.search(r'from_pattern\(\s*"((?:[^"\\]|\\.)*)"', block).group(1)
    groups = re.findall(r'"(\w+)"', re.search(r"\{\s*(\"lnum\".*?)\}", block).group(1))
    severities = dict(re.findall(r"(\w+) = vim\.diagnostic\.severity\.(\w+)", block))
    assert groups == ["lnum", "col", "severity", "code", "message"]
    assert severities == {"MUST": "ERROR", "SHOULD": "WARN", "MAY": "INFO", "HINT": "HINT"}
    assert '"--stdin-filename", function() return vim.api.nvim_buf_get_name(0) end,\n    "-",' in block
    regex = lua_pattern_to_regex(pattern)
    output = run(["check", "--format", "concise", "--stdin-filename", buffer_path, "-"], input=BUFFER)
    found = []
    for line in output.splitlines():
        match = re.match(regex, line)
        if match:
            d = dict(zip(groups, match.groups()))
            found.append((int(d["lnum"]), int(d["col"]), severities[d["severity"]], d["code"], d["message"]))
    assert found == [(line, col, severities[kind], rule, message) for line, col, kind, rule, message in EXPECTED]


def efm_lint(tool: dict, path: str, buffer: str) -> str:
    """What efm runs for a buffer: the lint-command through sh, with the installed tool on PATH."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    command = tool["lint-command"].replace("${INPUT}", path)
    done = subprocess.run(["sh", "-c", command], input=buffer, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def test_efm_langserver_errorformat(tmp_path):
    config = YAML(typ="safe").load(marked_block("efm"))
    tool = config["languages"]["yaml"][0]
    assert config["languages"]["json"][0] == tool
    assert tool["lint-stdin"] is True and tool["lint-ignore-exit-code"] is True
    assert tool["lint-formats"] == ["%f:%l:%c: %m"]
    errorformat = {"%f:%l:%c: %m": r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.*)$"}  # by hand
    (tmp_path / ".git").mkdir()
    (tmp_path / ".cortex-workflow-lint.yaml").write_text(CONFIG)
    buffer_path = str(tmp_path / ".cortex" / "workflows" / "deploy.yaml")  # never written: the buffer comes on stdin
    output = efm_lint(tool, buffer_path, BUFFER)
    found = [re.match(errorformat[tool["lint-formats"][0]], line).groupdict() for line in output.splitlines()]
    assert found == [
        {"file": buffer_path, "line": str(line), "col": str(col), "message": f"{kind} [{rule}] {message}"}
        for line, col, kind, rule, message in EXPECTED
    ]


@pytest.mark.parametrize("name", ["docker-compose.yaml", ".github/workflows/ci.yml", "package.json", ".cortex/workflows.yaml"])
def test_efm_langserver_leaves_other_files_alone(tmp_path, name):
    tool = YAML(typ="safe").load(marked_block("efm"))["languages"]["yaml"][0]
    assert efm_lint(tool, str(tmp_path / name), "services:\n  web: {image: nginx}\n" * 1000) == ""


def test_patterns_skip_notes_and_summary_of_the_text_format():
    broken = str(ROOT / "examples" / "broken-workflow.yaml")
    concise = run(["check", "--format", "concise", broken]).splitlines()
    text = [line.replace("] [*] ", "] ", 1) for line in run(["check", "--format", "text", broken]).splitlines()]
    assert any("note:" in line for line in text) and text[-2].startswith("Found ") and "fixable with --fix" in text[-1]
    regexes = [m["pattern"]["regexp"] for m in VSCODE["tasks"][0]["problemMatcher"]]
    lua = lua_pattern_to_regex(re.search(r'from_pattern\(\s*"((?:[^"\\]|\\.)*)"', marked_block("nvim-lint")).group(1))
    for regex in [*regexes, lua]:
        assert [line for line in text if re.search(regex, line)] == [line for line in concise if re.search(regex, line)]
    assert sum(1 for line in text for regex in regexes if re.search(regex, line)) == len(concise)


def test_stdin_without_a_config_near_the_name_uses_defaults(tmp_path):
    (tmp_path / ".git").mkdir()
    output = run(["check", "--format", "concise", "--stdin-filename", str(tmp_path / "deploy.yaml"), "-"], input=BUFFER)
    assert [line.split(" ")[1] for line in output.splitlines()] == ["MUST", "SHOULD", "SHOULD", "MUST", "SHOULD"]
