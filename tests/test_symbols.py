"""linter.symbols: every definition and reference of blocks, variables, inputs and branches, at exact
positions (in YAML and JSON, inside scripts and expressions), and the rename edits built on them."""

import json

from linter.source import load
from linter.symbols import Symbol, rename_edits

NAV = """\
tag: nav
name: Nav
isDraft: false
filter: {type: GLOBAL}
variables:
- slug: env
  type: STRING
actions:
- slug: ask
  name: Ask
  isRootAction: true
  outgoingActions: [js, pick]
  schema:
    type: USER_INPUT
    inputs:
    - {type: INPUT_FIELD, name: Version, key: version, required: true}
    inputOverrides:
    - {type: VALUE, inputKey: version, outputVariable: variables.env, editable: false}
- slug: js
  name: JS
  isRootAction: false
  outgoingActions: [done]
  schema:
    type: JAVASCRIPT
    script: |
      // actions.ask is mentioned here, "actions.ask" too
      const v = actions["ask"].outputs["version"] + actions.ask.outputs.version + variables["env"];
- slug: pick
  name: Pick
  isRootAction: false
  outgoingActions: [done]
  schema:
    type: CONDITIONAL_BRANCH
    branches:
    - {name: Prod, slug: prod, expression: 'variables["env"] == "actions.ask"', outgoingAction: done}
    joiningAction: done
- slug: done
  name: Done
  isRootAction: false
  outgoingActions: []
  schema:
    type: JQ
    expression: '.actions."ask".outputs.version + .variables.env + "{{actions.ask.outputs.version}}"'
runResponseTemplate: "Deployed {{actions.ask.outputs.version}} to {{variables.env}}"
"""


def table(text: str, path: str = "nav.yaml") -> list[str]:
    doc = load(text.encode(), 10**7, path)
    rows = []
    for o in doc.analysis.symbols.occurrences:
        s = doc.locate(o.pointer, "value", o.text_range)
        block = "" if o.symbol.block is None else f"@{o.symbol.block}"
        rows.append(f"{'def' if o.definition else 'ref'} {o.symbol.kind}{block} {o.symbol.name} {s.start_line}:{s.start_column}-{s.end_line}:{s.end_column}")
    return rows


def test_every_kind_of_definition_and_reference_at_its_exact_place():
    assert table(NAV) == [
        "def block ask 9:9-9:12",
        "def block js 19:9-19:11",
        "def block pick 28:9-28:13",
        "def block done 37:9-37:13",
        "def variable env 6:9-6:12",
        "ref block js 12:21-12:23",
        "ref block pick 12:25-12:29",
        "def input@0 version 16:47-16:54",
        "ref input@0 version 18:31-18:38",
        "ref block done 22:21-22:25",
        "ref block done 31:21-31:25",
        "def branch@2 prod 35:26-35:30",
        "ref block done 35:97-35:101",
        "ref block done 36:20-36:24",
        # the template scan: runResponseTemplate, then the blocks' fields in order
        "ref block ask 44:42-44:45",
        "ref input@0 version 44:54-44:61",
        "ref variable env 44:79-44:82",
        "ref variable env 18:66-18:69",
        "ref block ask 27:26-27:29",
        "ref input@0 version 27:41-27:48",
        "ref block ask 27:61-27:64",
        "ref input@0 version 27:73-27:80",
        "ref variable env 27:94-27:97",
        "ref variable env 35:56-35:59",
        "ref block ask 43:28-43:31",
        "ref input@0 version 43:41-43:48",
        "ref variable env 43:62-43:65",
    ]
    lines = NAV.splitlines()
    for row in table(NAV):  # each span holds exactly the name
        _, _, name, where = row.split()
        (line, start), (end_line, end) = (map(int, part.split(":")) for part in where.split("-"))
        assert line == end_line and lines[line - 1][start - 1 : end - 1] == name


def test_names_in_comments_and_string_literals_are_not_references():
    rows = table(NAV)
    assert not any(row.startswith("ref block ask 26:") for row in rows)  # the JavaScript comment
    assert not any(row.startswith("ref block ask 35:") for row in rows)  # "actions.ask" in CEL
    assert not any(" 43:8" in row or " 43:9" in row for row in rows)  # "{{actions...}}" inside a jq string


def test_json_positions():
    text = json.dumps(
        {
            "tag": "j",
            "name": "J",
            "isDraft": False,
            "filter": {"type": "GLOBAL"},
            "variables": [{"slug": "env", "type": "STRING"}],
            "actions": [
                {"slug": "a", "name": "A", "isRootAction": True, "outgoingActions": ["b"], "schema": {"type": "JQ", "expression": ".variables.env"}},
                {"slug": "b", "name": "B", "isRootAction": False, "outgoingActions": [], "schema": {"type": "JQ", "expression": '.actions."a"'}},
            ],
        },
        indent=1,
    )
    assert table(text, "nav.json") == [
        "def block a 16:13-16:14",
        "def block b 28:13-28:14",
        "def variable env 10:13-10:16",
        "ref block b 20:6-20:7",
        "ref variable env 24:31-24:34",
        "ref block a 34:31-34:32",
    ]


def apply_edits(text: str, edits) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return text


def test_rename_edits_change_every_place_and_nothing_else():
    doc = load(NAV.encode(), 10**7)
    renamed = apply_edits(NAV, rename_edits(doc, Symbol("block", "ask"), "collect"))
    expected = (
        NAV.replace("- slug: ask", "- slug: collect")
        .replace('actions["ask"]', 'actions["collect"]')
        .replace("+ actions.ask.outputs", "+ actions.collect.outputs")
        .replace('.actions."ask"', '.actions."collect"')
        .replace("Deployed {{actions.ask.", "Deployed {{actions.collect.")
    )
    assert renamed == expected
    variable = apply_edits(NAV, rename_edits(doc, Symbol("variable", "env"), "stage"))
    assert variable.count("env") == 0 and variable.count("stage") == 6
