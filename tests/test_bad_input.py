"""Bad input gets a clear violation or message, never a traceback."""

import tracemalloc
from pathlib import Path

from click.testing import CliRunner

from conftest import ROOT
from helpers import lines, lint
from linter.cli import main
from linter.rules.required_field import RequiredField

FIXTURES = ROOT / "tests" / "rules"
GOOD = (FIXTURES / "required-field" / "good.yaml").read_text()


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_invalid_yaml_is_a_violation_at_the_parser_position():
    assert lines(lint("tag: a\nname: [b, c\nisDraft: false\n")) == [
        "3:8-3:9 MUST [yaml-syntax] Invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence that starts at line 2, column 7)"
    ]


def test_empty_file_and_non_mapping_root():
    assert lines(lint("")) == ["1:1-1:1 MUST [empty-document] The file holds no YAML or JSON document; a workflow descriptor is a mapping"]
    assert lines(lint("just a string\n")) == ["1:1-1:14 MUST [field-type] The document root must be a mapping, not a string ('just a string')"]


def test_several_documents_lint_the_first_and_report_the_second():
    result = lines(lint(GOOD + "---\ntag: other\n"))
    assert result == ["15:1-15:4 MUST [yaml-multiple-documents] The file holds more than one YAML document (another starts here); Cortex reads one workflow per file"]


def test_tabs_invalid_utf8_and_bom():
    assert lines(lint("tag: a\nfilter:\n\ttype: GLOBAL\n")) == [
        "3:1-3:2 MUST [yaml-syntax] Tab character found where YAML allows only spaces (indent with spaces)"
    ]
    assert lines(lint(b"tag: a\nname: caf\xe9\n")) == [
        "2:10-2:11 MUST [file-encoding] Invalid UTF-8: byte 0xe9 cannot be decoded; Cortex expects UTF-8 text"
    ]
    bom = lint(b"\xef\xbb\xbf" + GOOD.encode())
    assert lines(bom) == ["1:1-1:1 SHOULD [byte-order-mark] The file starts with a UTF-8 byte-order mark; save it as UTF-8 without a BOM"]


def test_binary_file():
    assert lines(lint(bytes(range(256)))) == [
        "1:1-1:1 MUST [file-encoding] The file is binary (it contains NUL bytes), not a YAML or JSON descriptor"
    ]


def test_file_over_the_configured_size_cap_is_not_parsed():
    assert lines(lint(GOOD, max_file_size=100)) == [
        "1:1-1:1 MUST [file-too-large] The file is larger than the 100-byte max-file-size; "
        "it was not read further nor parsed (raise max-file-size to lint it)"
    ]


def test_nesting_ten_thousand_levels_deep():
    text = "tag: deep\nnested: " + "[" * 10_000 + "]" * 10_000 + "\n"
    assert lines(lint(text)) == ["2:208-2:208 MUST [yaml-too-deep] Nesting deeper than 200 levels; a workflow descriptor is never this deep"]


def test_billion_laughs_is_not_expanded():
    layers = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefghi", "bcdefghij"):
        layers.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    text = "\n".join(layers) + "\n"
    tracemalloc.start()
    result = lines(lint(text))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result == [
        "1:1-1:1 MUST [yaml-alias-bomb] Aliases expand this document from 31 to 12345679021 nodes; "
        "refusing to expand it (a 'billion laughs' document)"
    ]
    assert peak < 20 * 1024 * 1024


def test_a_crashing_rule_becomes_an_internal_error_and_the_run_goes_on(monkeypatch):
    def boom(self, doc):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(RequiredField, "check", boom)
    result = lines(lint("tag: a\nname: b\nisDraft: nope\nfilter: {type: GLOBAL}\nactions: []\n"))
    assert result == [
        "1:1-5:12 MUST [internal-error] Rule 'required-field' failed: ZeroDivisionError: division by zero",
        "3:10-3:14 MUST [field-type] 'isDraft' must be a boolean (true or false), not a string ('nope')",
    ]


def test_unreadable_path_is_reported_and_other_files_are_still_linted(tmp_path: Path):
    good = tmp_path / "good.yaml"
    good.write_text(GOOD)
    dangling = tmp_path / "gone.yaml"
    dangling.symlink_to(tmp_path / "nowhere.yaml")
    result = run("check", str(tmp_path / "missing.yaml"), str(dangling), str(good))
    assert result.exit_code == 3
    assert result.stderr == (
        f"cortex-workflow-lint: error: {tmp_path}/missing.yaml: no such file or directory\n"
        f"cortex-workflow-lint: error: {dangling.as_posix()}: cannot read file: No such file or directory\n"
    )
    assert result.stdout == "Failed: 2 files could not be read. No violations in 1 file checked.\n"


def test_directory_without_workflows_is_a_usage_error(tmp_path: Path):
    (tmp_path / "config.yaml").write_text("key: value\n")
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"cortex-workflow-lint: error: no Cortex workflow files found under {tmp_path} "
        "(looked for *.yaml, *.yml, *.json files with a top-level 'actions' key)\n"
    )
