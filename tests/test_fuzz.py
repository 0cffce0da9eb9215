"""Property: linting a damaged workflow never raises, every position lies inside the file, and
the pointer of every violation resolves to a node of the document.

The inputs are the real corpus files (tests/data/cortex-examples), mutated the way files get
damaged: bytes flipped, the end cut off, lines deleted or duplicated, and nesting added.  The
examples are derandomized, so every run (and CI) tries the same ones; a failure prints the
mutation that caused it.
"""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from linter.document import unescape
from linter.engine import lint
from linter.source import load

FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


@st.composite
def mutation(draw, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["flip", "truncate", "delete-line", "duplicate-line", "nest"]))
    if not data:
        return data
    at = draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if kind == "truncate":
        return data[:at]
    lines = data.splitlines(keepends=True)
    index = draw(st.integers(0, len(lines) - 1))
    if kind == "delete-line":
        return b"".join(lines[:index] + lines[index + 1 :])
    if kind == "duplicate-line":
        return b"".join(lines[: index + 1] + lines[index:])
    opener = draw(st.sampled_from([b"[", b"{a: ", b"- "]))
    depth = draw(st.integers(1, 300))
    return data[:at] + opener * depth + data[at:]


@st.composite
def damaged(draw) -> tuple[str, bytes]:
    path = draw(st.sampled_from(FILES))
    data = path.read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        data = draw(mutation(data))
    return path.name, data


def _resolves(doc, pointer: str) -> bool:
    """The pointer names a node of the document (RFC 6901 unescaping included)."""
    if pointer == "" or pointer in doc.nodes:
        return True
    value = doc.data
    for token in pointer.split("/")[1:]:
        token = unescape(token)
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return False
    return True


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_a_damaged_corpus_file_lints_without_raising_and_positions_stay_inside(case):
    name, data = case
    violations = lint(data, name).violations
    assert [v.description for v in violations if v.rule_id == "internal-error"] == []
    lines = _LINE_BREAK.split(data) or [b""]
    doc = load(data, 10 * 1024 * 1024, name)
    for v in violations:
        span = v.span
        assert 1 <= span.start_line <= span.end_line <= len(lines), v
        assert span.start_line < span.end_line or span.start_column <= span.end_column, v
        for line, column in ((span.start_line, span.start_column), (span.end_line, span.end_column)):
            assert 1 <= column <= len(lines[line - 1]) + 1, v  # characters never outnumber bytes
        assert _resolves(doc, v.pointer), v
