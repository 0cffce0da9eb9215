"""Every rule: its fixtures give exactly the expected violations, its docstring
examples do what they claim, and its documentation page is up to date.

Fixtures live in ``tests/rules/<rule-id>/``: each ``bad*.yaml`` (or
``.json``) has a ``.expected`` file beside it with one line per violation
(``LINE:COL-ENDLINE:ENDCOL TYPE [rule-id] message``), followed by an indented
``LINE:COL-ENDLINE:ENDCOL note: message`` line for each related location; each ``good*.yaml``
must give no violation of the rule.  Only the rule under test runs.
Regenerate expected files with ``pytest --update-golden`` and review the diff.
"""

import re
import sys
from pathlib import Path

import pytest

from conftest import ROOT, check_golden
from helpers import lines, lint
from linter.docs import README_END, README_START, expected_pages, readme_with_rules_table, rule_doc
from linter.rules import all_rules

RULES = all_rules()
FIXTURES = ROOT / "tests" / "rules"
WITHOUT_FIXTURES = {"internal-error", "file-too-large", "duplicate-workflow-tag"}  # in test_bad_input.py and test_cross_file.py


def fixture_files(kind: str) -> list[Path]:
    return sorted(p for p in FIXTURES.glob(f"*/{kind}*") if p.suffix in (".yaml", ".yml", ".json"))


@pytest.mark.parametrize("fixture", fixture_files("bad"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_bad_fixture(fixture: Path, update_golden: bool):
    rule_id = fixture.parent.name
    violations = lint(fixture.read_bytes(), fixture.name, select=frozenset({rule_id}))
    assert violations, f"{fixture} triggers no {rule_id} violation"
    check_golden(fixture.with_suffix(".expected"), "\n".join(with_notes(violations)) + "\n", update_golden)


def with_notes(violations: list) -> list[str]:
    """Each violation's line, then one indented line per related location (its note)."""
    out = []
    for violation, line in zip(violations, lines(violations)):
        out.append(line)
        for r in violation.related:
            s = r.span
            where = f"{r.path}:" if r.path else ""
            out.append(f"    {where}{s.start_line}:{s.start_column}-{s.end_line}:{s.end_column} note: {r.message}")
    return out


@pytest.mark.parametrize("fixture", fixture_files("good"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_good_fixture(fixture: Path):
    rule_id = fixture.parent.name
    assert lines(lint(fixture.read_bytes(), fixture.name, select=frozenset({rule_id}))) == []


@pytest.mark.parametrize("rule_id", sorted(set(RULES) - WITHOUT_FIXTURES))
def test_every_rule_has_fixtures(rule_id: str):
    folder = FIXTURES / rule_id
    assert any(folder.glob("bad*")), f"tests/rules/{rule_id}/ needs a bad fixture"
    assert any(folder.glob("good*")) or not RULES[rule_id].examples, f"tests/rules/{rule_id}/ needs a good fixture"


def test_fixture_folders_name_rules():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and not set(RULES) >= {p.name}) == []


def _section(doc: str, heading: str) -> str:
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", doc, re.MULTILINE | re.DOTALL)
    return match.group(1) if match else ""


def _yaml_block(section: str) -> str | None:
    match = re.search(r"```(?:yaml|json)\n(.*?)```", section, re.DOTALL)
    return match.group(1) if match else None


def _example_path(section: str) -> str:
    """A ```json example is linted as a .json file, a ```yaml one as a .yaml file."""
    return "example.json" if "```json" in section else "example.yaml"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_docstring_has_sections(rule_id: str):
    doc = rule_doc(RULES[rule_id])
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead"):
        assert _section(doc, heading).strip(), f"{rule_id}: docstring lacks '## {heading}'"


@pytest.mark.parametrize("rule_id", sorted(r for r in RULES if RULES[r].examples))
def test_docstring_examples(rule_id: str):
    doc = rule_doc(RULES[rule_id])
    bad, good = _yaml_block(_section(doc, "Example")), _yaml_block(_section(doc, "Use instead"))
    assert bad is not None and good is not None, f"{rule_id}: examples need ```yaml blocks"
    only = frozenset({rule_id})
    bad_path, good_path = _example_path(_section(doc, "Example")), _example_path(_section(doc, "Use instead"))
    assert [v for v in lint(bad, bad_path, select=only) if v.rule_id == rule_id], f"{rule_id}: the Example does not trigger it"
    assert lines(lint(good, good_path, select=only)) == [], f"{rule_id}: the 'Use instead' example triggers it"


def test_each_rule_module_defines_one_rule():
    modules = [sys.modules[rule.__module__].__name__.rsplit(".", 1)[-1] for rule in RULES.values()]
    assert len(modules) == len(set(modules))
    for rule_id, rule in RULES.items():
        assert rule.module_name() == rule_id.replace("-", "_")
        assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule_id)


def test_rule_pages_are_up_to_date():
    folder = ROOT / "docs" / "rules"
    pages = expected_pages()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.md")}
    stale = sorted(name for name in set(pages) | set(on_disk) if pages.get(name) != on_disk.get(name))
    assert stale == [], f"docs/rules is out of date for {stale}; run: python -m linter.docs"


def test_readme_rules_table_is_up_to_date():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert README_START in readme and README_END in readme
    assert readme_with_rules_table(readme) == readme, "README rules table is stale; run: python -m linter.docs"


def test_rule_links_resolve_to_pages():
    for rule_id, rule in RULES.items():
        assert rule.link().endswith(f"/docs/rules/{rule_id}.md")
        assert (ROOT / "docs" / "rules" / f"{rule_id}.md").exists()


def test_rules_do_not_import_other_rules():
    """Shared code lives in linter/rules/common.py (or an analysis module), never in another rule."""
    import ast

    modules = {rule.module_name() for rule in RULES.values()}
    for path in sorted((ROOT / "linter" / "rules").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            alias.name if node.module is None else node.module.rsplit(".", 1)[-1]
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.level == 1
            for alias in node.names
        }
        assert imported & modules == set(), f"{path.name} imports the rule module(s) {sorted(imported & modules)}"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_the_docstring_summary_is_the_title(rule_id: str):
    assert rule_doc(RULES[rule_id]).partition("\n")[0] == RULES[rule_id].title + "."
