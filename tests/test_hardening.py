"""Hostile input never takes down the run (issue 9): each reproduction, its exact exit code and
message, and the other files of the run linted exactly as they would be alone.

No timing is asserted: timeouts here only guard against a hang (speed lives in benchmarks/).
"""

import json
import os
import signal
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from helpers import lines, lint
from linter import app, engine
from linter.cli import main
from linter.discovery import Target
from linter.settings import Settings
from linter.source import read_file

GOOD = (ROOT / "tests" / "rules" / "required-field" / "good.yaml").read_text()
HANG_GUARD = 120  # seconds; only a hang comes near it

OTHER = GOOD.replace("tag: ", "tag: other-")
"""A clean workflow with a tag of its own (two files of a run with one tag are a finding)."""

GOOD_RESULT = (None, [])
"""What the clean file gets in every run below: no error, no violation."""


def run(*args, input=None):
    result = CliRunner().invoke(main, ["check", "--format", "json", *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def run_process(*args, **options):
    """The command in a process of its own (for what a test runner's capture cannot show)."""
    command = [sys.executable, "-m", "linter", "check", "--format", "json", *args]
    options.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(command, stderr=subprocess.PIPE, text=True, timeout=HANG_GUARD, **options)


def files(stdout: str) -> dict:
    """path -> (error, ["LINE:COL TYPE [rule] description", ...]) from the json report."""
    return {
        entry["path"]: (
            entry["error"],
            [f"{v['startLine']}:{v['startColumn']} {v['violationType']} [{v['ruleId']}] {v['description']}" for v in entry["violations"]],
        )
        for entry in json.loads(stdout)["files"]
    }


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD)
    return str(path)


def write(path: Path, data: str | bytes) -> str:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


# -- the whole run used to die --------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n"])
def test_a_file_ending_with_an_empty_document(tmp_path, good, newline):
    text = OTHER.replace("\n", newline) + "---" + newline
    bad = write(tmp_path / "bad.yaml", text)
    result = run(bad, good)
    marker = GOOD.count("\n") + 1
    assert result.exit_code == 1
    assert files(result.stdout) == {
        bad: (None, [f"{marker}:1 MUST [yaml-multiple-documents] The file holds more than one YAML document (another starts here); Cortex reads one workflow per file"]),
        good: GOOD_RESULT,
    }


@pytest.mark.parametrize(
    ("nesting", "column"),
    [
        ("[" * 30_000 + "]" * 30_000, 209),  # "actions: " and the 200th bracket
        ("{a: " * 30_000 + "1" + "}" * 30_000, 806),  # the 200th brace, 4 characters apart
        ("\n" + "- " * 30_000 + "x", 399),  # block sequences on one line
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences"],
)
def test_nesting_that_crashed_the_c_parser_is_refused_before_it(tmp_path, good, nesting, column):
    bad = write(tmp_path / "deep.yaml", "actions: " + nesting + "\n")
    result = run_process(bad, good)  # a crash of the C parser would kill this process, not the test run
    line = 2 if nesting.startswith("\n") else 1
    assert (result.returncode, result.stderr) == (1, "")
    assert files(result.stdout) == {
        bad: (None, [f"{line}:{column} MUST [yaml-too-deep] Nesting deeper than 200 levels; a workflow descriptor is never this deep"]),
        good: GOOD_RESULT,
    }


def test_standard_input_closed(good):
    result = run_process("-", good, preexec_fn=lambda: os.close(0))
    assert result.returncode == 3
    assert result.stderr == "cortex-workflow-lint: error: <stdin>: cannot read file: standard input is closed\n"
    assert files(result.stdout) == {"<stdin>": ("<stdin>: cannot read file: standard input is closed", []), good: GOOD_RESULT}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_standard_output_on_a_full_disk(good):
    with open("/dev/full", "w") as full:
        result = run_process(good, stdout=full)
    assert result.returncode == 3
    assert result.stderr == "cortex-workflow-lint: error: cannot write the json output to standard output: No space left on device\n"


def test_an_exception_while_parsing_one_file_is_a_finding_for_that_file(tmp_path, good, monkeypatch):
    from linter import document

    real_build = document._build

    def build(doc, root, limits):
        if "boom" in doc.text:
            raise RuntimeError("boom")
        return real_build(doc, root, limits)

    monkeypatch.setattr(document, "_build", build)
    bad = write(tmp_path / "bad.yaml", "boom: 1\n")
    result = run(bad, good)
    assert result.exit_code == 1
    assert files(result.stdout) == {
        bad: (None, ["1:1 MUST [internal-error] Linting this file failed: RuntimeError: boom"]),
        good: GOOD_RESULT,
    }


def _crash_on_marker(data, path, settings=None):
    if b"kill-the-worker" in data:
        os.kill(os.getpid(), signal.SIGKILL)  # as a crash in the C parser, without a core dump
    return REAL_LINT(data, path, settings)


REAL_LINT = engine.lint


@pytest.mark.skipif(sys.platform != "linux", reason="workers must inherit the test's patch (fork)")
def test_a_file_that_kills_its_worker_is_a_failure_and_the_rest_is_linted(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(engine, "lint", _crash_on_marker)  # forked workers inherit it; the parent would die of it
    paths = []
    for index in range(6):
        text = GOOD.replace("tag: ", f"tag: t{index}-") + ("# kill-the-worker\n" if index in (1, 4) else "")
        paths.append(write(tmp_path / f"f{index}.yaml", text))
    entries = [(Target(path, path), Settings()) for path in paths]
    pool = ProcessPoolExecutor(2)
    results = app.lint_all(entries, None, pool)
    message = "linting this file killed the worker process (a crash, or no memory left); it was not linted"
    assert [(r.path, r.error, r.violations) for r in results] == [
        (path, f"{path}: {message}" if index in (1, 4) else None, []) for index, path in enumerate(paths)
    ]
    assert capsys.readouterr().err.splitlines() == [
        "cortex-workflow-lint: warning: a worker process died; linting the rest one file at a time",
        *(f"cortex-workflow-lint: error: {paths[index]}: {message}" for index in (1, 4)),
    ]


# -- reading: only regular files, never more than the limit --------------------------------------


def test_a_fifo_named_on_the_command_line_is_a_read_failure(tmp_path, good):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = run_process(str(fifo), good)
    assert result.returncode == 3
    assert result.stderr == f"cortex-workflow-lint: error: {fifo}: cannot read file: not a regular file: a FIFO (named pipe)\n"
    assert files(result.stdout) == {str(fifo): (f"{fifo}: cannot read file: not a regular file: a FIFO (named pipe)", []), good: GOOD_RESULT}


def test_a_fifo_in_a_walked_directory_is_a_read_failure(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    good = write(tree / "good.yaml", GOOD)
    os.mkfifo(tree / "pipe.yaml")
    result = run_process("tree", cwd=tmp_path)
    assert result.returncode == 3
    assert result.stderr == "cortex-workflow-lint: error: tree/pipe.yaml: cannot read file: not a regular file: a FIFO (named pipe)\n"
    assert files(result.stdout) == {
        "tree/good.yaml": GOOD_RESULT,
        "tree/pipe.yaml": ("tree/pipe.yaml: cannot read file: not a regular file: a FIFO (named pipe)", []),
    }
    assert Path(good).exists()


def test_a_symlink_to_dev_zero_is_a_read_failure(tmp_path, good):
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    result = run_process(str(zero), good)
    assert result.returncode == 3
    assert result.stderr == f"cortex-workflow-lint: error: {zero}: cannot read file: not a regular file: a character device\n"
    assert files(result.stdout)[good] == GOOD_RESULT


def test_an_oversize_file_is_read_no_further_than_the_limit(tmp_path, good):
    sparse = tmp_path / "huge.yaml"
    with open(sparse, "wb") as handle:
        handle.write(b"actions: []\n")
        handle.truncate(4 << 30)  # 4 GiB, sparse: reading it whole would take minutes and memory
    assert len(read_file(sparse, 1001)) == 1001
    result = run(str(sparse), good)
    assert result.exit_code == 1
    assert files(result.stdout) == {
        str(sparse): (None, ["1:1 MUST [file-too-large] The file is larger than the 10,485,760-byte max-file-size; "
                             "it was not read further nor parsed (raise max-file-size to lint it)"]),
        good: GOOD_RESULT,
    }


def test_an_unreadable_subdirectory_is_reported(tmp_path, monkeypatch):
    # The tests run as root, whom mode 000 does not stop: the directory listing fails as it
    # would for another user, by making os.scandir (which os.walk calls) raise for it.
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    good = write(tree / "good.yaml", GOOD)
    write(tree / "sub" / "hidden.yaml", GOOD.replace("tag: ", "tag: hidden-"))
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(tree / "sub"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run(str(tree))
    assert result.exit_code == 3
    assert result.stderr == f"cortex-workflow-lint: error: {tree}/sub: cannot read directory: Permission denied\n"
    assert files(result.stdout) == {
        f"{tree}/sub": (f"{tree}/sub: cannot read directory: Permission denied", []),
        good: GOOD_RESULT,
    }


# -- budgets: a MUST finding for the file, the other files as usual -------------------------------


def test_a_flow_list_of_four_million_items_is_over_the_node_budget():
    assert lines(lint("actions: [" + "1," * 4_000_000 + "1]\n")) == [
        "1:1-1:1 MUST [file-too-large] The file holds more than 500,000 YAML nodes, the max-nodes limit; it was not parsed"
    ]


def test_max_nodes_setting(tmp_path, good):
    keys = "".join(f"k{i}: {i}\n" for i in range(3000))
    assert lines(lint(keys, max_nodes=5000)) == [
        "1:1-1:1 MUST [file-too-large] The file holds more than 5,000 YAML nodes, the max-nodes limit; it was not parsed"
    ]
    write(tmp_path / ".cortex-workflow-lint.yaml", "max-nodes: 5000\n")
    bad = write(tmp_path / "bad.yaml", keys)
    result = run(bad, good)
    assert result.exit_code == 1
    assert files(result.stdout) == {
        bad: (None, ["1:1 MUST [file-too-large] The file holds more than 5,000 YAML nodes, the max-nodes limit; it was not parsed"]),
        good: GOOD_RESULT,
    }


def test_a_long_string_aliased_many_times_is_over_the_expanded_size(tmp_path, good):
    text = 'a: &s "' + "x" * 1_000_000 + '"\nactions: [' + ", ".join(["*s"] * 9000) + "]\n"
    bad = write(tmp_path / "bad.yaml", text)
    result = run(bad, good)
    assert result.exit_code == 1
    assert files(result.stdout) == {
        bad: (None, ["1:1 MUST [yaml-alias-bomb] Aliases expand this document to 9,001,000,008 characters of text, "
                     "over the 33,554,432-character max-expanded-size; refusing to expand it"]),
        good: GOOD_RESULT,
    }


def test_max_expanded_size_counts_aliased_collections_too():
    text = "base: &b {name: '" + "x" * 100 + "'}\nactions: [" + ", ".join(["*b"] * 20) + "]\n"
    assert lines(lint(text, max_expanded_size=1000)) == [
        "1:1-1:1 MUST [yaml-alias-bomb] Aliases expand this document to 2,195 characters of text, "
        "over the 1,000-character max-expanded-size; refusing to expand it"
    ]


def test_parse_timeout_setting_and_the_next_file_parses_as_usual():
    keys = "".join(f"k{i}: {i}\n" for i in range(200_000))
    assert lines(lint(keys, parse_timeout=0.01)) == [
        "1:1-1:1 MUST [file-too-large] Parsing the file took more than 0.01 s of CPU time, the parse-timeout; it was not linted"
    ]
    assert lines(lint(GOOD)) == []


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            ".cortex-workflow-lint.yaml",
            "exclude: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
            + "".join(f"{n}: &{n} [" + ", ".join([f"*{p}"] * 10) + "]\n" for p, n in zip("abcdefghi", "bcdefghij")),
            "invalid YAML: Aliases expand this document from 31 to 12345679021 nodes; refusing to expand it (a 'billion laughs' document)",
        ),
        (
            ".cortex-workflow-lint.yaml",
            "exclude: " + "[" * 100_000 + "]" * 100_000 + "\n",
            "invalid YAML: Nesting deeper than 200 levels; a workflow descriptor is never this deep (line 1, column 209)",
        ),
        ("pyproject.toml", "[tool.cortex-workflow-lint]\nexclude = " + "[" * 100_000 + "]" * 100_000 + "\n", "invalid TOML: nested too deeply to read"),
        ("pyproject.toml", "[tool.cortex-workflow-lint]\nparse-timeout = nan\n", "parse-timeout: expected a positive number of seconds (at most 3600), got a number (nan)"),
        ("pyproject.toml", "[tool.cortex-workflow-lint]\nparse-timeout = 0\n", "parse-timeout: expected a positive number of seconds (at most 3600), got a number (0)"),
        (".cortex-workflow-lint.yaml", "max-nodes: 1e3\n", "max-nodes: expected a positive number of nodes (at most 2**53), got a number (1000.0)"),
        (".cortex-workflow-lint.yaml", "max-expanded-size: true\n", "max-expanded-size: expected a positive number of characters (at most 2**53), got a boolean (True)"),
        (".cortex-workflow-lint.yaml", "max-file-size: 99999999999999999999\n", "max-file-size: expected a positive number of bytes (at most 2**53), got a number (99999999999999999999)"),
        (".cortex-workflow-lint.yaml", "exclude: [a]\nexclude: [b]\n", "invalid YAML: the key 'exclude' appears 2 times (first at line 1)"),
    ],
    ids=["alias-bomb", "yaml-deep", "toml-deep", "nan", "zero", "float-count", "boolean", "huge", "duplicate-key"],
)
def test_hostile_configuration_is_a_configuration_error(tmp_path, good, name, text, message):
    write(tmp_path / name, text)
    result = run_process(good, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"cortex-workflow-lint: error: {tmp_path / name}{' [tool.cortex-workflow-lint]' if name == 'pyproject.toml' and 'TOML' not in message else ''}: {message}\n"


def test_a_syntax_error_at_the_end_of_the_stream_points_inside_the_file():
    """Found by tests/test_fuzz.py: the parser counts a line break after the last character."""
    assert lines(lint('name: "')) == [
        "1:8-1:8 MUST [yaml-syntax] Invalid YAML: found unexpected end of stream (while scanning a quoted scalar)"
    ]
    assert lines(lint("tag: a\nname: b\nf")) == [
        "3:2-3:2 MUST [yaml-syntax] Invalid YAML: could not find expected ':' (while scanning a simple key that starts at line 3, column 1)"
    ]


# -- regular expressions that see user text run in linear time -----------------------------------
# Each case is 1 MB of text that made a backtracking expression run for minutes (hours at 1 MB);
# it runs in a process of its own, so a regression fails at the hang guard.

MEGABYTE = 1_000_000
SECRET_FIXTURE = (ROOT / "tests" / "rules" / "plaintext-secret" / "bad.yaml").read_text()
REGEX_FIXTURE = ROOT / "tests" / "rules" / "invalid-validation-regex"


def test_a_suppression_comment_with_a_megabyte_of_spaces_in_its_reason(tmp_path):
    comment = "  # cortex-workflow-lint: disable=unknown-field -- kept" + " " * MEGABYTE + "for the old portal\n"
    path = write(tmp_path / "wf.yaml", OTHER + "runResponseTemplat: hi" + comment)
    result = run_process(path)
    assert (result.returncode, files(result.stdout)) == (0, {path: (None, [])})  # the comment parses: the field is suppressed


def test_a_suppression_comment_with_a_megabyte_of_spaces_and_no_reason_marker(tmp_path):
    path = write(tmp_path / "wf.yaml", OTHER + "# cortex-workflow-lint: disable=field-type" + " " * MEGABYTE + "reason\n")
    result = run_process(path)
    line = OTHER.count("\n") + 1
    assert (result.returncode, files(result.stdout)) == (0, {path: (None, [
        f"{line}:1 SHOULD [invalid-suppression] Suppression comment is not in the form "
        "'# cortex-workflow-lint: disable=RULE[,RULE] -- REASON'; it suppresses nothing"
    ])})


def test_five_thousand_suppression_comments_on_lines_of_their_own(tmp_path):
    """benchmarks/linear.py times such comments at 2,500 and 10,000 (CI: the lint stays linear)."""
    path = write(tmp_path / "wf.yaml", OTHER + "# cortex-workflow-lint: disable=field-type -- r\n" * 5_000)
    result = run_process(path)
    found = files(result.stdout)[path][1]
    first = OTHER.count("\n") + 1
    assert result.returncode == 0
    assert found == [
        f"{line}:1 SHOULD [unused-suppression] Suppression comment has no line after it, so it suppresses nothing"
        for line in range(first, first + 5_000)
    ]


@pytest.mark.parametrize("header", ["{{{" * (MEGABYTE // 3), "${" * (MEGABYTE // 2), "{{ {{{" * (MEGABYTE // 6) + "}}"])
def test_a_megabyte_authorization_header_of_unclosed_templates(tmp_path, header):
    secret = "Authorization: token ghp_R4nd0mL00k1ngT0k3nV4lu3F0rT3st1ngAb"
    hostile = write(tmp_path / "hostile.yaml", SECRET_FIXTURE.replace(secret, f"Authorization: '{header}'"))
    plain = write(tmp_path / "plain.yaml", SECRET_FIXTURE.replace(secret, "Authorization: '{{x}}'"))
    result = run_process("--select", "plaintext-secret", hostile, plain)
    found = files(result.stdout)
    assert result.returncode == 0
    assert found[hostile] == found[plain] and len(found[plain][1]) == 8  # the fixture's other secrets, as before


def test_a_megabyte_validation_regex_of_unclosed_unicode_classes(tmp_path):
    text = (REGEX_FIXTURE / "bad.yaml").read_text().replace("validationRegex: '^v(\\d+\\.\\d+$'", "validationRegex: '" + "\\p{" * (MEGABYTE // 3) + "'")
    path = write(tmp_path / "wf.yaml", text)
    result = run_process("--select", "invalid-validation-regex", path)
    fixture = (REGEX_FIXTURE / "bad.expected").read_text().splitlines()
    expected = [line.split(" ", 1)[1] for line in fixture[1:]]
    found = files(result.stdout)[path][1]
    line = text.splitlines()[14]
    start = f"15:{line.index('validationRegex: ') + len('validationRegex: ') + 2}"  # the first character of the pattern
    assert result.returncode == 1
    assert found[0] == f"{start} MUST [invalid-validation-regex] 'validationRegex' of input 'version' of block 'ask' is not a valid regular expression: bad escape \\p (at character 1)"
    assert [line.split(" ", 1)[1] for line in found[1:]] == expected


def test_a_megabyte_upper_case_slug_gets_its_suggestion(tmp_path):
    path = write(tmp_path / "wf.yaml", OTHER.replace("slug: say-hello", "slug: " + "A" * MEGABYTE + "b"))
    result = run_process("--select", "slug-not-kebab-case", path)
    (violation,) = files(result.stdout)[path][1]
    assert result.returncode == 0
    assert violation.startswith("7:11 SHOULD [slug-not-kebab-case] Block slug 'AAA")
    assert violation.count("-ab") == 1  # A...A-Ab, lower-cased: the suggestion was made
