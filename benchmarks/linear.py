"""Do the scanners stay linear on adversarial input?  ``python benchmarks/linear.py`` (CI runs it).

Each family below builds a hostile input of about ``n`` characters for one scanner: a field
language's tokenizer, the mustache scan of a template, the host range of a URL.  Each is timed
at ``n`` and at ``4 n`` characters (the best of three runs each).  A linear scan takes about 4
times as long on the larger input and a quadratic one 16 times, so a ratio over ``LIMIT`` fails
(exit 1), unless the larger input took under ``FAST`` seconds: a quadratic scan of 200,000
characters makes some 2e10 steps, seconds even in the regular expression engine, and a ratio of
two times of a few milliseconds is mostly noise.  A ratio cannot be told apart from noise on a test's fixed timeout: the test suite
runs these inputs too (``tests/test_languages.py``, ``tests/test_templates.py`` and
``tests/test_url_host.py``), but only checks what the scans find, with a timeout that only
guards against a hang.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


class Scan(NamedTuple):
    name: str
    build: Callable[[int], Any]
    """n -> the input (built before the clock starts)."""
    run: Callable[[Any], object]


def _field_of(language: str, family: Family, n: int) -> dict:
    return field(language, family(n) + TAIL)


def _template_of(family: Family, n: int) -> dict:
    return {"runResponseTemplate": family(n)}


def _host(url: str) -> object:
    return host_range(url, False)


def scans() -> list[Scan]:
    found = [
        Scan(f"{language} {number}", partial(_field_of, language, family), Templates.scan)
        for language, families in LANGUAGES.items()
        for number, family in enumerate(families, 1)
    ]
    found += [Scan(f"template {name}", partial(_template_of, family), Templates.scan) for name, family in TEMPLATES.items()]
    found += [Scan(f"url {name}", family, _host) for name, family in URLS.items()]
    return found


SIZE = 50_000
"""Characters of the smaller input: the larger one (200,000) takes at most about half a second."""
LIMIT = 8.0
"""Largest accepted time ratio between the 4x input and the 1x input (linear: 4, quadratic: 16)."""
FAST = 0.05
"""Seconds: a larger input scanned faster than this passes whatever its ratio."""


def best_of_three(scan: Scan, n: int) -> float:
    """Seconds of the fastest of three scans of the input of size ``n``."""
    data = scan.build(n)
    times = []
    for _ in range(3):
        start = time.perf_counter()
        scan.run(data)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    failed = []
    print(f"| scan | {SIZE:,} chars (ms) | {4 * SIZE:,} chars (ms) | ratio (at most {LIMIT:g}) |\n| --- | --- | --- | --- |")
    for scan in scans():
        name = scan.name
        small, large = best_of_three(scan, SIZE), best_of_three(scan, 4 * SIZE)
        ratio = large / small
        print(f"| {name} | {small * 1000:.1f} | {large * 1000:.1f} | {ratio:.1f} |", flush=True)
        if ratio > LIMIT and large >= FAST:
            failed.append(name)
    if failed:
        print(f"linear.py: not linear: {', '.join(failed)}", file=sys.stderr)
        return 1
    print("linear.py: every scan is linear")
    return 0


if __name__ == "__main__":
    sys.exit(main())
