"""How PATH arguments become the paths shown in output: pathlib's form, without pathlib.

Discovery writes paths as pathlib does (``./a//b/`` is ``a/b``) but with string functions, as
importing pathlib at start-up cost a one-file check 3.5% of its instructions."""

import os
from pathlib import PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_cli import MUST, run

from linter.discovery import posix_form

pytestmark = pytest.mark.skipif(os.sep != "/", reason="pathlib itself does the work on Windows")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a.yaml", "a.yaml"),
        ("./a.yaml", "a.yaml"),
        ("flows//./a.yaml", "flows/a.yaml"),
        ("flows/", "flows"),
        ("../flows/../a.yaml", "../flows/../a.yaml"),
        ("/abs//a.yaml", "/abs/a.yaml"),
        ("//host/a.yaml", "//host/a.yaml"),
        ("///a.yaml", "/a.yaml"),
        (".", "."),
        ("./", "."),
        ("/", "/"),
    ],
)
def test_posix_form_examples(raw, shown):
    assert posix_form(raw) == shown


@given(st.text(alphabet="/.a", max_size=12))
def test_posix_form_is_pathlibs(raw):
    assert posix_form(raw) == PurePosixPath(raw).as_posix()


def test_one_file_named_in_two_ways_is_linted_once_under_its_plain_name(tmp_path, monkeypatch):
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "a.yaml").write_text(MUST)
    monkeypatch.chdir(tmp_path)
    result = run("check", "./flows//a.yaml", "flows/a.yaml", "flows/")
    assert result.exit_code == 1
    assert result.stdout == (
        "flows/a.yaml:3:10: MUST [field-type] 'isDraft' must be a boolean (true or false), not a string ('nope')\n"
        "Found 1 violation (1 MUST) in 1 of 1 file checked.\n"
    )
