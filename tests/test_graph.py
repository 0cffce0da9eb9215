"""``cortex-workflow-lint graph``: golden files for the corpus's branch-heavy workflows and the
bundled examples in every format, the JSON schema, findings drawn on blocks and edges, label
escaping, large graphs, and the exit codes.  Regenerate with ``pytest --update-golden``."""

import json
import re

import jsonschema
import pytest
from click.testing import CliRunner

from conftest import CORPUS, ROOT, check_golden
from linter.cli import main

GOLDEN = ROOT / "tests" / "golden" / "graph"
SCHEMA = json.loads((ROOT / "schemas" / "graph.schema.json").read_text(encoding="utf-8"))
SOURCES = {
    "branch-merge": CORPUS / "cli-hist-trigger-github-deploy-branch-merge.yaml",
    "fallback-joining-invalid": CORPUS / "cli-hist-trigger-github-deploy-fallback-joining-INVALID.yaml",
    "fallback-nulljoin": CORPUS / "cli-hist-trigger-github-deploy-fallback-nulljoin.yaml",
    "deploy-service": ROOT / "examples" / "deploy-service.yaml",
    "broken-workflow": ROOT / "examples" / "broken-workflow.yaml",
}
EXTENSIONS = {"mermaid": "mmd", "dot": "dot", "json": "json"}


def graph(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["graph", *args], input=input)


@pytest.mark.parametrize("output_format", sorted(EXTENSIONS))
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_golden(name, output_format, update_golden, monkeypatch):
    monkeypatch.chdir(SOURCES[name].parent)
    result = graph(SOURCES[name].name, "--format", output_format)
    assert result.exit_code == 0, result.output
    check_golden(GOLDEN / f"{name}.{EXTENSIONS[output_format]}", result.stdout, update_golden)


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_json_matches_the_schema(name):
    result = graph(str(SOURCES[name]), "-f", "json")
    jsonschema.Draft202012Validator(SCHEMA).validate(json.loads(result.stdout))


def test_branch_edges_are_labelled_and_the_join_is_dotted():
    result = graph(str(SOURCES["fallback-joining-invalid"]))
    lines = result.stdout.splitlines()
    assert '  n0 -->|"UI invocation"| n1' in lines
    assert '  n0 -->|"Invalid invocation"| n2' in lines
    assert '  n0 -.->|"joins at"| n3' in lines
    # joining-action-not-reached is reported at the joiningAction, so the join edge is marked
    assert lines[-1] == "  linkStyle 3 stroke:#c62828,stroke-width:3px"


def test_findings_mark_blocks_edges_and_missing_targets():
    data = json.loads(graph(str(SOURCES["broken-workflow"]), "-f", "json").stdout)
    blocks = {b["slug"]: b for b in data["blocks"]}
    assert blocks["fetch-user"]["missing"] is True
    assert blocks["fetch-user"]["id"] == "m0"
    assert [f["ruleId"] for f in blocks["start"]["findings"]] == ["enum-value", "templated-url-host", "undeclared-variable"]
    edges = {(e["from"], e["to"]): e for e in data["edges"]}
    assert [f["ruleId"] for f in edges["n0", "m0"]["findings"]] == ["unknown-outgoing-action"]
    assert [f["ruleId"] for f in edges["n1", "n0"]["findings"]] == ["root-has-incoming-edge"]


CYCLE = """\
tag: loop
name: Loop
isDraft: false
filter: {type: GLOBAL}
actions:
- {slug: a, name: A, isRootAction: true, outgoingActions: [b], schema: {type: JQ, expression: "."}}
- {slug: b, name: B, isRootAction: false, outgoingActions: [c], schema: {type: JQ, expression: "."}}
- {slug: c, name: C, isRootAction: false, outgoingActions: [b], schema: {type: JQ, expression: "."}}
"""


def test_every_edge_of_a_cycle_is_highlighted():
    result = graph("-", "--stdin-filename", "loop.yaml", input=CYCLE)
    assert result.exit_code == 0
    # merge-without-joining-action at b follows from the cycle's edge c -> b, so it is not reported (linter.cascade)
    assert result.stdout.splitlines()[-2:] == [
        "  classDef missing fill:#eeeeee,stroke:#c62828,stroke-dasharray:5 5",
        "  linkStyle 1,2 stroke:#c62828,stroke-width:3px",
    ]
    dot = graph("-", "-f", "dot", input=CYCLE).stdout
    assert '  n1 -> n2 [color="#c62828", penwidth=2];' in dot.splitlines()
    assert '  n2 -> n1 [color="#c62828", penwidth=2];' in dot.splitlines()
    assert "  n0 -> n1;" in dot.splitlines()


ODD_SLUGS = """\
tag: odd
name: Odd
isDraft: false
filter: {type: GLOBAL}
actions:
- slug: 'end'
  name: 'Say "hi" <b>#1</b> | [x] {y}'
  isRootAction: true
  outgoingActions: ['a"b', "graph TD"]
  schema: {type: JQ, expression: "."}
- {slug: 'a"b', name: q, isRootAction: false, outgoingActions: [], schema: {type: JQ, expression: "."}}
- {slug: "graph TD", name: g, isRootAction: false, outgoingActions: [], schema: {type: JQ, expression: "."}}
"""


def test_any_slug_renders_as_a_quoted_label():
    mermaid = graph("-", input=ODD_SLUGS).stdout.splitlines()
    assert mermaid[1] == '  n0(["end<br/>Say #34;hi#34; #60;b#62;#35;1#60;/b#62; #124; #91;x#93; #123;y#125;<br/>JQ<br/>root"])'
    assert mermaid[2] == '  n1["a#34;b<br/>q<br/>JQ"]'
    assert mermaid[3] == '  n2["graph TD<br/>g<br/>JQ"]'
    for line in mermaid[1:4]:  # nothing but entity codes inside the quotes
        assert re.fullmatch(r'  n\d\(?\["[^"<>|\[\]{}]*(<br/>[^"<>|\[\]{}]*)*"\]\)?', line)
    dot = graph("-", "-f", "dot", input=ODD_SLUGS).stdout.splitlines()
    assert dot[5] == '  n1 [label="a\\"b\\nq\\nJQ", color="#b7791f", penwidth=2];'  # slug-not-kebab-case


def test_a_large_graph_suggests_dot():
    blocks = "".join(
        f"- {{slug: b{i}, name: B, isRootAction: {'true' if i == 0 else 'false'}, "
        f"outgoingActions: [{f'b{i + 1}' if i < 200 else ''}], schema: {{type: JQ, expression: '.'}}}}\n"
        for i in range(201)
    )
    text = "tag: big\nname: Big\nisDraft: false\nfilter: {type: GLOBAL}\nactions:\n" + blocks
    result = graph("-", input=text)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == "  %% 201 blocks: Mermaid draws a graph this large slowly; try --format dot"
    assert result.stderr == "cortex-workflow-lint: note: 201 blocks; Mermaid draws a graph this large slowly, try --format dot\n"
    assert "%%" not in graph("-", "-f", "dot", input=text).stdout


def test_no_graph_to_draw_exits_1_with_the_reason():
    result = graph("-", "--stdin-filename", "bad.yaml", input="actions: [unclosed\n")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == "cortex-workflow-lint: error: bad.yaml: no graph to draw (no list of actions)"
    assert result.stderr.splitlines()[1].startswith("bad.yaml:2:1: MUST [yaml-syntax] ")


def test_a_missing_file_exits_3():
    result = graph("no/such/file.yaml")
    assert result.exit_code == 3
    assert result.stderr == "cortex-workflow-lint: error: no/such/file.yaml: no such file or directory\n"


def test_readme_shows_the_graph_of_the_bundled_example(monkeypatch):
    monkeypatch.chdir(ROOT)
    mermaid = graph("examples/deploy-service.yaml").stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```mermaid\n{mermaid}```" in readme
