"""The document model: data, the pointer index, and exact spans."""

import math

import pytest

from linter.document import escape, parse, pointer_of, unescape
from linter.model import Span
from linter.settings import Limits

YAML_TEXT = """\
tag: demo
"a/b": 1
"t~x": [10, 20]
nested:
  list:
    - name: first
      value: true
    - name: "second"
  empty: {}
é: [x, y]
block: |
  line one
  line two

after: 0x1F
"""


def test_data_is_plain_json_like():
    doc = parse(YAML_TEXT)
    assert doc.data == {
        "tag": "demo",
        "a/b": 1,
        "t~x": [10, 20],
        "nested": {"list": [{"name": "first", "value": True}, {"name": "second"}], "empty": {}},
        "é": ["x", "y"],
        "block": "line one\nline two\n",
        "after": 31,
    }


@pytest.mark.parametrize(
    ("pointer", "part", "span"),
    [
        ("/tag", "value", Span(1, 6, 1, 10)),
        ("/tag", "key", Span(1, 1, 1, 4)),
        ("/a~1b", "value", Span(2, 8, 2, 9)),
        ("/t~0x/1", "value", Span(3, 13, 3, 15)),
        ("/nested/list/1/name", "value", Span(8, 13, 8, 21)),
        ("/nested/list/0", "value", Span(6, 7, 7, 18)),
        ("/nested/list", "key", Span(5, 3, 5, 7)),
        ("/nested", "value", Span(5, 3, 9, 12)),
        ("/nested/empty", "value", Span(9, 10, 9, 12)),
        ("/é/1", "value", Span(10, 8, 10, 9)),
        ("/block", "value", Span(11, 8, 13, 11)),
        ("", "value", Span(1, 1, 15, 12)),
    ],
)
def test_locate_gives_exact_spans(pointer, part, span):
    assert parse(YAML_TEXT).locate(pointer, part) == span


def test_locate_falls_back_to_the_nearest_existing_ancestor():
    doc = parse(YAML_TEXT)
    assert doc.locate("/nested/list/7/name") == doc.locate("/nested/list")
    assert doc.locate("/missing/deeper") == doc.locate("")
    assert doc.locate("/nested/nope", "key") == Span(4, 1, 4, 7)


def test_item_without_a_key_points_at_its_first_key_for_key_part():
    assert parse(YAML_TEXT).locate("/nested/list/1", "key") == Span(8, 7, 8, 11)


def test_every_node_is_indexed_by_pointer():
    doc = parse(YAML_TEXT)
    assert sorted(doc.nodes) == sorted(
        [
            "", "/tag", "/a~1b", "/t~0x", "/t~0x/0", "/t~0x/1", "/nested", "/nested/list",
            "/nested/list/0", "/nested/list/0/name", "/nested/list/0/value", "/nested/list/1",
            "/nested/list/1/name", "/nested/empty", "/é", "/é/0", "/é/1", "/block", "/after",
        ]
    )


def test_json_gets_positions_too():
    doc = parse('{\n  "tag": "demo",\n  "actions": [\n    {"slug": "a"}\n  ]\n}\n')
    assert doc.data == {"tag": "demo", "actions": [{"slug": "a"}]}
    assert doc.locate("/actions/0/slug") == Span(4, 14, 4, 17)
    assert doc.locate("/actions/0/slug", "key") == Span(4, 6, 4, 12)


def test_duplicate_keys_are_kept_visible_and_the_last_value_wins():
    doc = parse("a: 1\nb: 2\na: 3\n")
    assert doc.data == {"a": 3, "b": 2}
    [dup] = doc.duplicates
    assert (dup.pointer, dup.key, dup.first_line, dup.times) == ("/a", "a", 1, 2)
    assert doc.locate("/a", "key") == Span(3, 1, 3, 2)


def test_scalars_follow_yaml_1_2():
    doc = parse("a: yes\nb: ~\nc: .inf\nd: -.inf\ne: 1_000\nf: 2024-01-01\ng: !Ref foo\nh: 0o17\ni: 1.5\nj: .nan\n")
    data = doc.data
    assert (data["a"], data["b"], data["c"], data["d"], data["e"]) == ("yes", None, math.inf, -math.inf, 1000)
    assert (data["f"], data["g"], data["h"], data["i"]) == ("2024-01-01", "foo", 15, 1.5)
    assert math.isnan(data["j"])


def test_aliases_share_nodes_and_keep_the_alias_site_key():
    doc = parse("base: &b {x: 1}\nuse: *b\n")
    assert doc.data["use"] is doc.data["base"]
    assert doc.locate("/use", "key") == Span(2, 1, 2, 4)
    assert doc.locate("/use") == Span(1, 7, 1, 16)


def test_pointer_escaping_round_trips():
    assert escape("a/b~c") == "a~1b~0c"
    assert unescape("a~1b~0c") == "a/b~c"
    assert pointer_of("actions", 3, "a/b") == "/actions/3/a~1b"


def test_pure_python_fallback_gives_the_same_data_and_spans(monkeypatch):
    """Without ruamel.yaml.clib the pure-Python parser is used; results must not change."""
    from ruamel.yaml import YAML

    import linter.document as document
    from conftest import CORPUS

    texts = [YAML_TEXT] + [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("cli-hist-*"))]
    fast = [parse(text) for text in texts]
    monkeypatch.setattr(document, "_YAML", YAML(typ="safe", pure=True))
    for text, expected in zip(texts, fast):
        pure = parse(text)
        assert pure.data == expected.data
        assert {p: pure.locate(p) for p in pure.nodes} == {p: expected.locate(p) for p in expected.nodes}


PLAIN_SCALARS = {
    "a": ("true", True), "b": ("False", False), "c": ("yes", "yes"), "d": ("off", "off"),
    "e": ("~", None), "f": ("null", None), "g": ("", None), "h": ("12", 12), "i": ("-3", -3),
    "j": ("0x1F", 31), "k": ("0o17", 15), "l": ("017", 17), "m": ("1.5", 1.5), "n": ("-.inf", -math.inf),
    "o": ("1e3", 1000.0), "p": ("'12'", "12"), "q": ('"true"', "true"), "r": ("1_000", 1000),
    "s": ("12:30", "12:30"), "t": ("v1.2", "v1.2"), "u": ("+1", 1), "v": ("Null", None),
}


def test_plain_scalars_get_yaml_1_2_types_as_with_ruamels_own_resolver(monkeypatch):
    """The C loader's own resolver table (document._CLoader) types each plain scalar as ruamel's
    resolver does; a %YAML 1.1 directive changes nothing (ruamel's C loader ignored it too)."""
    from ruamel.yaml import YAML

    import linter.document as document

    text = "".join(f"{key}: {written}\n" for key, (written, _) in PLAIN_SCALARS.items())
    expected = {key: value for key, (_, value) in PLAIN_SCALARS.items()}
    assert parse(text).data == expected
    assert parse("%YAML 1.1\n---\n" + text).data == expected
    assert parse("2001-12-14: 1\n").data == {"2001-12-14": 1}  # a timestamp key is kept as written
    monkeypatch.setattr(document, "_YAML", YAML(typ="safe", pure=True))
    assert parse(text).data == expected


def test_pure_python_parser_too_deep_is_a_violation_not_a_crash(monkeypatch):
    from ruamel.yaml import YAML

    import linter.document as document

    monkeypatch.setattr(document, "_YAML", YAML(typ="safe", pure=True))
    # 2,000 levels: too few to need counting events first (document.COMPOSER_SAFE_DEPTH), but
    # past the recursion limit of the pure-Python composer.  One bracket a line: on one line, the
    # pure-Python scanner weighs every open bracket as a possible key at every token (4 s here).
    doc = parse("a: " + "[\n" * 2000 + "]" * 2000 + "\n")
    assert [(rule.id, f.description) for rule, f in doc.problems] == [
        ("yaml-too-deep", "The document is nested too deeply for the pure-Python YAML parser; descriptors nest far fewer than 200 levels")
    ]
    deeper = parse("a: " + "[\n" * 5000 + "]" * 5000 + "\n")  # counted first: the exact place
    assert [(rule.id, f.description, f.span) for rule, f in deeper.problems] == [
        ("yaml-too-deep", "Nesting deeper than 200 levels; a workflow descriptor is never this deep", Span(200, 1, 200, 1))
    ]


def test_events_are_counted_first_only_when_the_file_could_be_too_large_or_too_deep(monkeypatch):
    """Counting reads the whole file once more before composing: a file that can neither hold more
    nodes than the budget nor nest as deep as the composer can survive skips it, and so does one
    that only might nest too deep, which the C composer reads with a guard that stops it past
    MAX_DEPTH; counting then finds the first collection too deep."""
    from linter import document

    counted = []
    monkeypatch.setattr(document, "parse_events", lambda text: counted.append(len(text)) or iter(()))
    flat = "".join(f"k{i}: a-b, c\n" for i in range(3000))  # 6,001 nodes in short lines
    assert parse(flat).data["k2999"] == "a-b, c"
    deep = flat + "deep:\n" + "".join(" " * (depth + 1) + "-\n" for depth in range(300)) + " " * 302 + "x\n"
    too_deep = [(rule.id, finding.span) for rule, finding in parse(deep).problems]
    assert too_deep == [("yaml-too-deep", Span(3201, 201, 3201, 201))]  # found by the walk, at the same place
    assert counted == []  # lines of at most 303 characters cannot nest 5,000 levels (COMPOSER_SAFE_DEPTH)
    quoted = "a: '" + "[" * 6000 + "'\n"  # 6,000 levels by its characters, 2 in fact
    assert parse(quoted).data == {"a": "[" * 6000}
    assert counted == []  # composed at once, by the guarded loader
    flow = "a: " + "[" * 3000 + "]" * 3000 + "\n"
    parse(flow)  # the guard stops at level 201; counting (here, of no events) reports it
    at_the_limit = "a: " + "[" * 199 + "x" + "]" * 199 + "  # " + "[" * 6000 + "\n"
    nested = parse(at_the_limit)  # the scalar is the 201st node down, in the 200th collection
    innermost = nested.data["a"]
    for _ in range(198):
        [innermost] = innermost
    assert (nested.problems, innermost) == ([], ["x"])  # counted, then composed without the guard
    parse(flat, limits=Limits(max_nodes=5000))
    assert counted == [len(flow), len(at_the_limit), len(flat)]


def test_a_deep_third_document_is_found_as_before():
    """The guarded composer reads two documents at most: a stream that may hold more is counted."""
    text = "a: 1\n---\nb: 2\n---\nc: " + "[" * 6000 + "]" * 6000 + "\n"
    assert [(rule.id, finding.span) for rule, finding in parse(text).problems] == [("yaml-too-deep", Span(5, 203, 5, 203))]


@pytest.mark.parametrize("pure", [False, True], ids=["C parser", "pure-Python parser"])
def test_the_shared_parser_keeps_nothing_from_one_parse_to_the_next(monkeypatch, pure):
    """ruamel records a DocInfo per stream; the language server parses on every change, so none may pile up."""
    from ruamel.yaml import YAML

    from linter import document, engine

    if pure:
        monkeypatch.setattr(document, "_YAML", YAML(typ="safe", pure=True))
    counted = "a: [" + "1, " * 3000 + "]\n"  # large enough for its events to be counted first
    aliased = "actions: []\nx: &a {b: 1}\ny: *a\n"  # the alias rule reads the events again
    for text in ("a: 1\n", "a: [\n", "a: 1\n---\nb: 2\n", counted, aliased):
        engine.lint(text, "w.yaml")
        assert document._YAML.doc_infos == []


def test_a_linted_document_is_freed_without_the_collector():
    """The language server drops the last tree of a document on each change: nothing a lint makes
    may need the cyclic collector to go (a full collection walks every live tree, and garbage it
    has not collected yet piles up between collections)."""
    import gc
    from pathlib import Path

    from linter import engine
    from linter.settings import Settings

    example = Path(__file__).resolve().parents[1] / "examples" / "broken-workflow.yaml"
    text = example.read_text(encoding="utf-8").replace("isDraft: \"no\"", "isDraft: \"no\"  # cortex-workflow-lint: disable=field-type -- test")
    text += "x-defaults: &defaults {retries: 1}\nx-copy: *defaults\n"  # the alias rule parses again
    engine.check(parse(text), str(example), Settings())  # what is built once per process (validators: attrs leaves garbage) is built
    gc.collect()
    flags = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)  # whatever a collection finds unreachable stays in gc.garbage
    try:
        doc = parse(text)
        checked = engine.check(doc, str(example), Settings())
        analysis = doc.analysis
        _ = (analysis.symbols, analysis.input_fields, analysis.line_index, analysis.suppressions)
        assert checked.violations and checked.suppressed  # every analysis was used
        del doc, checked, analysis
        gc.collect()
        cyclic = sorted({type(o).__module__ + "." + type(o).__qualname__ for o in gc.garbage})
    finally:
        gc.set_debug(flags)
        gc.garbage.clear()
    assert cyclic == []


def test_the_collector_is_paused_during_a_lint_and_restored_after(monkeypatch):
    """A lint makes no cycles (above), so the collector has nothing to find in it (engine.collector_paused)."""
    import gc

    from linter import engine

    real_check, seen = engine.check, []

    def check(*args):
        seen.append(gc.isenabled())
        if len(seen) == 2:
            raise RuntimeError("a bug")
        return real_check(*args)

    monkeypatch.setattr(engine, "check", check)
    assert gc.isenabled()
    assert "internal-error" not in {v.rule_id for v in engine.lint("actions: []\n").violations}
    [failure] = engine.lint("actions: []\n").violations  # a failing lint turns it back on too
    assert (failure.rule_id, seen, gc.isenabled()) == ("internal-error", [False, False], True)
    gc.disable()  # a caller that runs without it keeps it off
    try:
        engine.lint("actions: []\n")
        assert (seen, gc.isenabled()) == ([False, False, False], False)
    finally:
        gc.enable()


def test_the_guarded_composer_reads_every_file_as_the_plain_one(monkeypatch):
    """With the guard on for every file (no file is shallow enough to go without it), the corpus,
    the golden inputs and nesting up to the limit parse to the same data, pointers and problems:
    the guard only counts levels.  (Past the limit, counting reports what the walk would have:
    see the tests above and test_hardening.py.)"""
    from conftest import CORPUS, ROOT
    from linter import document

    files = sorted(CORPUS.glob("*.y*ml")) + sorted((ROOT / "tests" / "golden" / "input").rglob("*.y*ml"))
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in files]
    texts += ["a: " + "[" * depth + "x" + "]" * depth + "\n" for depth in (197, 198, 199)]  # 200 collections at most
    texts += ["a:\n" + "".join(" " * level + "- \n" for level in range(1, depth)) + " " * depth + "x\n" for depth in (198, 199, 200)]

    def read(text):
        doc = parse(text)
        return repr(doc.data), sorted(doc.nodes), [(rule.id, finding.span, finding.pointer) for rule, finding in doc.problems]

    plain = [read(text) for text in texts]
    counted = []
    real_count = document._within_budget
    monkeypatch.setattr(document, "_within_budget", lambda doc, limits: counted.append(doc.text) or real_count(doc, limits))
    monkeypatch.setattr(document, "COMPOSER_SAFE_DEPTH", 0)
    assert [read(text) for text in texts] == plain
    at_the_limit = (texts[-4], texts[-1])  # a scalar 201 nodes down: the guard stops, counting finds no collection too deep
    assert counted == [text for text in texts if document._may_hold_documents(text) or text in at_the_limit]
