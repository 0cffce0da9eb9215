""""Did you mean" suggestions for misspelled keys, slugs and enum values."""

from __future__ import annotations

from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, or None when nothing is close."""
    options = [c for c in candidates if isinstance(c, str)]
    lowered = word.lower()
    for option in options:
        if option.lower() == lowered:
            return option
    import difflib  # noqa: PLC0415 - only when there is something to suggest

    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.7)
    return matches[0] if matches else None


def did_you_mean(word: object, candidates: Iterable[str]) -> str:
    """`` Did you mean 'x'?`` (with a leading space), or an empty string."""
    if not isinstance(word, str):
        return ""
    match = closest(word, candidates)
    return f" Did you mean '{match}'?" if match and match != word else ""
