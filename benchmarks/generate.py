"""Generate the benchmark inputs.  Nothing here is committed: the files go to ``benchmarks/.work/``.

* ``typical()``: one typical workflow (about 200 lines, a branch, several block types);
* ``repository(dest, count)``: ``count`` files made from the real corpus, each with a fresh
  tag and fresh slugs (references renamed consistently, so every file lints as its original);
* ``big(shape, blocks)``: one workflow of ``blocks`` blocks shaped as a ``chain``, a ``fanout``
  (the root points at every other block) or ``branches`` (a chain of diamonds: a
  CONDITIONAL_BRANCH, two branch paths and a JQ block where they join).
"""

from __future__ import annotations

import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "cortex-examples"
SHAPES = ("chain", "fanout", "branches")

_HEAD = """\
tag: {tag}
name: {name}
description: Generated for the cortex-workflow-lint benchmark.
isDraft: false
filter:
  type: GLOBAL
variables:
- slug: environment
  type: STRING
  defaultValue: staging
  description: Where to deploy.
runResponseTemplate: "Done: {{{{variables.environment}}}}"
actions:
"""


def _action(slug: str, name: str, outgoing: list[str], block: str, root: bool = False) -> str:
    targets = "".join(f"\n  - {t}" for t in outgoing) if outgoing else " []"
    body = "".join(f"\n    {line}" for line in block.strip("\n").splitlines())
    return (
        f"- name: {name}\n  slug: {slug}\n  isRootAction: {'true' if root else 'false'}\n"
        f"  outgoingActions:{targets}\n  schema:{body}\n"
    )


def _jq(expression: str = ".") -> str:
    return f"type: JQ\nexpression: {expression!r}"


def _http(slug: str) -> str:
    return f"""
type: HTTP_REQUEST
httpMethod: POST
url: https://deploy.example.com/api/{slug}
headers:
  Content-Type: application/json
payload: '{{"environment": "{{{{variables.environment}}}}"}}'
"""


def _branch(first: str, second: str, join: str | None) -> str:
    joining = f"\njoiningAction: {join}" if join else ""
    return f"""
type: CONDITIONAL_BRANCH
branches:
- name: Production
  slug: production
  type: CONDITIONAL
  expression: variables["environment"] == "production"
  outgoingAction: {first}
- name: Other
  slug: other
  type: CONDITIONAL
  expression: variables["environment"] != "production"
  outgoingAction: {second}{joining}
"""


def typical() -> str:
    """About 200 lines: user input, a branch with two paths that join, HTTP, JavaScript, Slack."""
    inputs = "".join(
        f"""
- name: {label}
  key: {key}
  description: The {label.lower()} to deploy.
  required: true
  placeholder: e.g. {key}-1
  type: INPUT_FIELD"""
        for key, label in (("service", "Service"), ("version", "Version"), ("ticket", "Ticket"), ("reason", "Reason"), ("owner", "Owner"), ("window", "Window"), ("region", "Region"), ("notes", "Notes"))
    )
    overrides = "".join(
        f"\n- inputKey: {key}\n  outputVariable: variables.environment\n  editable: true\n  type: VALUE"
        for key in ("service",)
    )
    actions = [
        _action("collect-inputs", "Collect inputs", ["choose-path"], f"type: USER_INPUT\ninputs:{inputs}\ninputOverrides:{overrides}", root=True),
        _action("choose-path", "Choose path", ["notify-approvers", "fast-path"], _branch("notify-approvers", "fast-path", "merge")),
        _action("notify-approvers", "Notify approvers", ["build-payload"], "type: SLACK\nchannel: deployments\nmessage: 'Deploy {{actions.collect-inputs.outputs.service}} to production?'"),
        _action("build-payload", "Build payload", ["merge"], "type: JAVASCRIPT\nscript: |\n  const inputs = actions['collect-inputs'].outputs;\n  const tag = inputs.service + '@' + inputs.version;\n  if (!inputs.ticket) {\n    throw new Error('a ticket is required for production');\n  }\n  return { tag, ticket: inputs.ticket, approved: true };"),
        _action("fast-path", "Fast path", ["merge"], _jq(".")),
        _action("merge", "Merge branches", ["set-release"], _jq(".")),
        _action("set-release", "Set release", ["trigger-deploy"], "type: SET_VARIABLES\nvariables:\n- slug: environment\n  source:\n    type: REFERENCE\n    path: actions.collect-inputs.outputs.service"),
        _action("trigger-deploy", "Trigger deploy", ["wait-for-deploy"], _http("deploy")),
        _action("wait-for-deploy", "Wait for deploy", ["record-deploy"], _http("wait").replace("HTTP_REQUEST", "HTTP_REQUEST_ASYNC") + "timeoutInSeconds: 600"),
        _action("record-deploy", "Record deploy", ["announce"], "type: ADVANCED_HTTP_REQUEST\nactionIdentifier: cortex.createOrUpdateEntity\nintegrationAlias: null\ninputs:\n  mode: CREATE\n  dryRun: false"),
        _action("announce", "Announce", [], "type: SLACK\nchannel: deployments\nmessage: 'Deployed {{actions.collect-inputs.outputs.service}} ({{actions.collect-inputs.outputs.version}})'"),
    ]
    return _HEAD.format(tag="typical-deploy", name="Typical deploy") + "".join(actions)


def big(shape: str, blocks: int) -> str:
    """One workflow of ``blocks`` blocks (rounded down to whole diamonds for ``branches``)."""
    parts = [_HEAD.format(tag=f"{shape}-{blocks}", name=f"{shape.title()} of {blocks} blocks")]
    if shape == "chain":
        for i in range(blocks):
            following = [f"step-{i + 1}"] if i + 1 < blocks else []
            block = _http(f"step-{i}") if i % 2 else _jq()
            parts.append(_action(f"step-{i}", f"Step {i}", following, block, root=i == 0))
    elif shape == "fanout":
        parts.append(_action("start", "Start", [f"leaf-{i}" for i in range(1, blocks)], _jq(), root=True))
        for i in range(1, blocks):
            parts.append(_action(f"leaf-{i}", f"Leaf {i}", [], _http(f"leaf-{i}") if i % 2 else _jq()))
    elif shape == "branches":
        diamonds = blocks // 4
        for d in range(diamonds):
            a, b, join = f"yes-{d}", f"no-{d}", f"join-{d}"
            following = [f"choose-{d + 1}"] if d + 1 < diamonds else []
            parts.append(_action(f"choose-{d}", f"Choose {d}", [a, b], _branch(a, b, join), root=d == 0))
            parts.append(_action(a, f"Yes {d}", [join], _http(a)))
            parts.append(_action(b, f"No {d}", [join], _jq()))
            parts.append(_action(join, f"Join {d}", following, _jq()))
    else:
        raise ValueError(f"unknown shape {shape!r}; expected one of {', '.join(SHAPES)}")
    return "".join(parts)


# -- a repository made from the corpus -------------------------------------------------------

_NAME = r"[A-Za-z0-9_-]+"
_DEFINED = re.compile(rf"""^\s*(?:-\s+)?["']?(?:slug|tag)["']?\s*:\s*["']?({_NAME})["']?\s*,?\s*$""", re.MULTILINE)
_KEYED = re.compile(rf"""^(\s*(?:-\s+)?["']?(?:slug|tag|outgoingAction|joiningAction)["']?\s*:\s*["']?)({_NAME})(?=["']?\s*,?\s*$)""", re.MULTILINE)
_LIST_ITEM = re.compile(rf"""^(\s*-\s+["']?)({_NAME})(?=["']?\s*$)""", re.MULTILINE)
_JSON_ITEM = re.compile(rf"""^(\s*")({_NAME})(?="\s*,?\s*$)""", re.MULTILINE)
_REFERENCE = re.compile(rf"""((?:actions|variables)(?:\.|\[\\?["']))({_NAME})(?![\w-])""")


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def rename(text: str, suffix: str) -> str:
    """Give the tag and every slug (of blocks, branches, variables) ``suffix``, references included."""
    names = set(_DEFINED.findall(text))

    def fresh(match: re.Match) -> str:
        name = match.group(2)
        return match.group(1) + (f"{name}-{suffix}" if name in names else name)

    for pattern in (_KEYED, _LIST_ITEM, _JSON_ITEM, _REFERENCE):
        text = pattern.sub(fresh, text)
    return text


def repository(dest: Path, count: int = 2000) -> list[Path]:
    """Write ``count`` renamed copies of the corpus files under ``dest`` (10 per directory)."""
    sources = corpus_files()
    written = []
    for i in range(count):
        source = sources[i % len(sources)]
        path = dest / f"team-{i // 10:03d}" / f"{source.stem}-{i}{source.suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rename(source.read_text(encoding="utf-8"), f"r{i}"), encoding="utf-8")
        written.append(path)
    return written
