""""Did you mean" suggestions for misspelled keys, slugs and enum values."""

from __future__ import annotations

from collections.abc import Iterable

COMPARISON_BUDGET = 50_000
"""How many candidates one :class:`Suggester` compares a word with, over all its words.  difflib
compares a word with every candidate, so a workflow with thousands of misspelled slugs among
thousands of blocks took minutes (2,000 among 10,000: 265 s); past the budget a word gets a
suggestion only when it differs from a candidate in case alone."""


class Suggester:
    """The candidate closest to each word asked about, from one set of candidates (read on the
    first question: a rule makes one per check, and most checks ask nothing)."""

    def __init__(self, candidates: Iterable[str], budget: int = COMPARISON_BUDGET) -> None:
        self.candidates = candidates
        self.budget = budget
        self.answers: dict[str, str | None] = {}
        self._options: list[str] | None = None
        self._by_lower: dict[str, str] = {}

    def __call__(self, word: str) -> str | None:
        """The candidate closest to ``word``, or None when nothing is close (or the budget is spent)."""
        if word in self.answers:
            return self.answers[word]
        if self._options is None:
            self._options = [c for c in self.candidates if isinstance(c, str)]
            for option in self._options:
                self._by_lower.setdefault(option.lower(), option)
        match = self._by_lower.get(word.lower())
        if match is None and len(self._options) <= self.budget:
            import difflib  # noqa: PLC0415 - only when there is something to suggest

            self.budget -= len(self._options)
            matches = difflib.get_close_matches(word, self._options, n=1, cutoff=0.7)
            match = matches[0] if matches else None
        self.answers[word] = match
        return match


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word``, or None when nothing is close."""
    return Suggester(candidates)(word)


def did_you_mean(word: object, candidates: Iterable[str] | Suggester) -> str:
    """`` Did you mean 'x'?`` (with a leading space), or an empty string."""
    if not isinstance(word, str):
        return ""
    match = (candidates if isinstance(candidates, Suggester) else Suggester(candidates))(word)
    return f" Did you mean '{match}'?" if match and match != word else ""
