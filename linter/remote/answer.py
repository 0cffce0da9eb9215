"""Read JSON that came from Cortex (an answer, or a cached answer) within bounds.

Cortex's answers are text from a server we do not control: parsing one
must not exhaust the stack (``json`` recurses once per nesting level), and
the API key must not come back out of it (:func:`kept` is what gets cached
and shown).  A validation result is a JSON
object with a boolean ``ok`` and a list ``violations``; inside that list,
:mod:`.merge` reads every field leniently.
"""

from __future__ import annotations

import json

MAX_BYTES = 16 * 1024 * 1024
"""The largest answer (after decompression) or cache entry that is read."""
MAX_DEPTH = 64
"""The deepest nesting accepted; a validation result needs about five levels."""
HIDDEN = "<hidden>"
VIOLATION_FIELDS = ("title", "description", "violationType", "ruleLink", "pointer", "paths", "startLine", "endLine")


class NotAResult(ValueError):
    """The JSON is not a validation result (or nested too deeply to read)."""


def loads(data: bytes) -> object:
    """``json.loads`` that refuses nesting deeper than :data:`MAX_DEPTH`; raises ValueError."""
    try:
        value = json.loads(data)
    except RecursionError:
        raise NotAResult(f"JSON nested deeper than {MAX_DEPTH} levels") from None
    if _too_deep(value):
        raise NotAResult(f"JSON nested deeper than {MAX_DEPTH} levels")
    return value


def _too_deep(value: object) -> bool:
    level = [value]
    for _ in range(MAX_DEPTH):
        level = [
            child
            for item in level
            if isinstance(item, (dict, list))
            for child in (item.values() if isinstance(item, dict) else item)
        ]
        if not level:
            return False
    return any(isinstance(item, (dict, list)) for item in level)


def validation_result(value: object) -> dict:
    """``value`` when it has the outer shape of a validation result; raises :class:`NotAResult`."""
    if not (isinstance(value, dict) and isinstance(value.get("ok"), bool) and isinstance(value.get("violations"), list)):
        raise NotAResult("not a validation result (a JSON object with a boolean 'ok' and a list 'violations')")
    return value


def kept(result: dict, secret: str) -> dict:
    """What is used of a validation result: ``ok`` and each violation's fields in Cortex's shape, unknown
    fields dropped, with every occurrence of ``secret`` in their strings replaced by ``<hidden>``."""
    violations = [
        {name: _scrub(item[name], secret) for name in VIOLATION_FIELDS if name in item}
        for item in result["violations"]
        if isinstance(item, dict)
    ]
    return {"ok": result["ok"], "violations": violations}


def _scrub(value: object, secret: str) -> object:
    if isinstance(value, str):
        return value.replace(secret, HIDDEN)
    if isinstance(value, list):
        return [_scrub(item, secret) for item in value]
    if isinstance(value, dict):
        return {_scrub(k, secret): _scrub(v, secret) for k, v in value.items()}
    return value
