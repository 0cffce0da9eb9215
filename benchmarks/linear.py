"""Do the scans and the lint stay linear?  ``python benchmarks/linear.py`` (CI runs it).

Each family below builds an input of size ``n`` for one scan: a hostile text of about ``n``
characters for a field language's tokenizer, the mustache scan of a template or the host range
of a URL; a workflow of ``n`` blocks (or suppression comments) for the whole lint.  Each is timed
at ``n`` and at ``4 n`` (CPU time, the best of three runs each).  A linear scan takes about 4
times as long on the larger input and a quadratic one 16 times, so a ratio over ``LIMIT`` fails
(exit 1), unless the larger input took under ``FAST`` seconds: a quadratic scan of 200,000
characters makes some 2e10 steps, seconds even in the regular expression engine, and a ratio of
two times of a few milliseconds is mostly noise.  A scan over the limit is timed again, and fails
only if it is over the limit twice.  A quadratic step inside a linear lint shows
once it costs half as much as the rest at ``n`` blocks (the ratio is then 8).

A test's fixed timeout cannot tell a ratio from noise: the test suite runs these inputs too
(``tests/test_languages.py``, ``tests/test_templates.py``, ``tests/test_url_host.py``,
``tests/test_scale.py``), but only checks what the scans find, with a timeout that only guards
against a hang.
"""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))  # generate.py
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout's linter

from generate import big

from linter.engine import lint
from linter.rules.templated_url_host import host_range
from linter.templates import Templates

Family = Callable[[int], str]
"""Builds an adversarial text of about n characters."""

LANGUAGES: dict[str, list[Family]] = {
    "javascript": [
        lambda n: '\\"' * (n // 2),
        lambda n: '"' + '\\"' * (n // 2),
        lambda n: "`${" * (n // 3),
        lambda n: "/*" * (n // 2),
        lambda n: "x=/[" * (n // 4),
        lambda n: 'actions["x' * (n // 10),
    ],
    "cel": [
        lambda n: '"""' * (n // 3),
        lambda n: 'r"""' + '"' * n,
        lambda n: "'" + "\\'" * (n // 2),
        lambda n: "actions[" * (n // 8),
    ],
    "jq": [
        lambda n: '\\"' * (n // 2),
        lambda n: '"\\(' * (n // 3),
        lambda n: ".a-" * (n // 3),
        lambda n: '"' + '\\"' * (n // 2),
    ],
    "mustache": [
        lambda n: "{{{" * (n // 3),
        lambda n: "{{" + " " * n,
        lambda n: "{{#a}}" * (n // 6),
        lambda n: "{{x" * (n // 3),
    ],
}
"""Per field language: texts that make a careless tokenizer look back or ahead at every character."""

TEMPLATES: dict[str, Family] = {
    "unclosed": lambda n: "{{" * (n // 2),
    "unclosed-names": lambda n: "{{x" * (n // 3),
    "nested-sections": lambda n: "{{#a}}" * (n // 12) + "{{/a}}" * (n // 12),
    "mismatched": lambda n: "{{{x}}" * (n // 6),
    "references": lambda n: "{{variables.a}}" * (n // 15),
}
"""Templates (``runResponseTemplate``) for the mustache scan and its malformed-tag findings."""

URLS: dict[str, Family] = {
    "braces": lambda n: "https://" + "{{{" * (n // 3),
    "user-info": lambda n: "//" + "{{x}}@" * (n // 6),
    "colons": lambda n: "https://" + "a:" * (n // 2),
    "closers": lambda n: "{{" + "}}" * (n // 2),
    "brackets": lambda n: "https://" + "[" * n,
}
"""URLs for the host range of ``templated-url-host``."""


def _once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise ValueError(f"generate.big no longer writes {old!r} once")
    return text.replace(old, new)


def chain_with_defects(blocks: int) -> str:
    """A chain with a back edge (a cycle) in the middle, a block that reads a block running later
    (the ancestor query, the one super-linear analysis) and a block nothing leads to."""
    middle, reader, read = blocks // 2, blocks * 7 // 10 + 1, blocks * 9 // 10 + 1
    edges = f"  slug: step-{middle}\n  isRootAction: false\n  outgoingActions:\n  - step-{middle + 1}\n"
    payload = f"api/step-{reader}\n    headers:\n      Content-Type: application/json\n    payload: '{{\"environment\": \"{{{{variables.environment}}}}\"}}'"
    text = _once(big("chain", blocks), edges, edges + f"  - step-{middle - 1}\n")
    text = _once(text, payload, payload.replace("variables.environment", f"actions.step-{read}.outputs.body"))
    return text + "- name: Orphan\n  slug: orphan\n  isRootAction: false\n  outgoingActions: []\n  schema:\n    type: JQ\n    expression: '.'\n"


def suppressions(comments: int) -> str:
    """A workflow with ``comments`` unknown fields, each behind a suppression comment."""
    fields = "".join(f"k{i}: v  # cortex-workflow-lint: disable=unknown-field -- generated\n" for i in range(comments))
    return big("chain", 2).replace("isDraft: false\n", "isDraft: false\n" + fields)


def unused_suppressions(comments: int) -> str:
    """A workflow that ends with ``comments`` suppression comments on lines of their own."""
    return big("chain", 2) + "# cortex-workflow-lint: disable=field-type -- r\n" * comments


LINTS: dict[str, Family] = {
    "chain": partial(big, "chain"),
    "fanout": partial(big, "fanout"),
    "branches": partial(big, "branches"),
    "chain with defects": chain_with_defects,
    "roots": lambda n: big("chain", n).replace("isRootAction: false", "isRootAction: true"),
    "ring": lambda n: big("chain", n).replace("  outgoingActions: []\n", "  outgoingActions:\n  - step-0\n"),
}
"""Workflows of n blocks, linted whole with every rule."""

TAIL = "\nvariables.x {{variables.x}}"
"""Ends every field-language text with a reference, so that nothing short-cuts the scan."""


def field(language: str, code: str) -> dict:
    """A workflow whose one field in ``language`` holds ``code``."""
    schema = {
        "javascript": {"type": "JAVASCRIPT", "script": code},
        "cel": {"type": "CONDITIONAL_BRANCH", "branches": [{"expression": code}]},
        "jq": {"type": "JQ", "expression": code},
    }.get(language)
    if schema is None:  # mustache: a template
        return {"runResponseTemplate": code}
    return {"actions": [{"slug": "b", "isRootAction": True, "outgoingActions": [], "schema": schema}]}


SIZE = 50_000
"""Characters of the smaller text: the larger one (200,000) takes at most about half a second."""
BLOCKS = 1_000
"""Blocks of the smaller workflow: the larger one (4,000) takes about a second to lint."""


class Scan(NamedTuple):
    name: str
    build: Callable[[int], Any]
    """n -> the input (built before the clock starts)."""
    run: Callable[[Any], object]
    size: int = SIZE
    """n: the smaller input's size."""


def _field_of(language: str, family: Family, n: int) -> dict:
    return field(language, family(n) + TAIL)


def _template_of(family: Family, n: int) -> dict:
    return field("mustache", family(n))


def _host(url: str) -> object:
    return host_range(url, False)


def _lint(text: str) -> object:
    return lint(text, "w.yaml")


def scans() -> list[Scan]:
    found = [
        Scan(f"{language} {number}", partial(_field_of, language, family), Templates.scan)
        for language, families in LANGUAGES.items()
        for number, family in enumerate(families, 1)
    ]
    found += [Scan(f"template {name}", partial(_template_of, family), Templates.scan) for name, family in TEMPLATES.items()]
    found += [Scan(f"url {name}", family, _host) for name, family in URLS.items()]
    found += [Scan(f"lint {name}", family, _lint, BLOCKS) for name, family in LINTS.items()]
    found.append(Scan("lint suppressions", suppressions, _lint, 2_500))
    found.append(Scan("lint unused suppressions", unused_suppressions, _lint, 2_500))
    return found


LIMIT = 8.0
"""Largest accepted time ratio between the 4x input and the 1x input (linear: 4, quadratic: 16)."""
FAST = 0.1
"""Seconds: a larger input scanned faster than this passes whatever its ratio."""


def timed(scan: Scan) -> tuple[float, float]:
    """CPU seconds of the scan of the smaller and of the larger input: the fastest of three runs
    each, taken in turns so that a slower spell of the machine weighs on both."""
    inputs = scan.build(scan.size), scan.build(4 * scan.size)
    best = [math.inf, math.inf]
    for _ in range(3):
        for index, data in enumerate(inputs):
            start = time.process_time()
            scan.run(data)
            best[index] = min(best[index], time.process_time() - start)
    return best[0], best[1]


def superlinear(scan: Scan) -> bool:
    """Time ``scan`` and print its row; True when it grew faster than ``LIMIT`` allows."""
    small, large = timed(scan)
    ratio = large / small
    print(f"| {scan.name} | {scan.size:,} | {small * 1000:.1f} | {large * 1000:.1f} | {ratio:.1f} |", flush=True)
    return ratio > LIMIT and large >= FAST


def main() -> int:
    print(f"| scan | n | n (ms) | 4 n (ms) | ratio (at most {LIMIT:g}) |\n| --- | --- | --- | --- | --- |")
    # A scan over the limit is timed once more: a slow spell of the machine rarely comes twice.
    failed = [scan.name for scan in scans() if superlinear(scan) and superlinear(scan)]
    if failed:
        print(f"linear.py: not linear: {', '.join(failed)}", file=sys.stderr)
        return 1
    print("linear.py: every scan is linear")
    return 0


if __name__ == "__main__":
    sys.exit(main())
