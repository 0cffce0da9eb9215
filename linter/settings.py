"""The effective settings of a run.  Loading them from files lives in ``config``."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from .model import Severity

DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024


class Limits(NamedTuple):
    """What parsing one file may cost; going over a limit is a MUST violation for that file.

    The defaults keep every file up to the default ``max-file-size`` within a
    few seconds and well under 1 GiB (README: Bounds).
    """

    max_nodes: int = 500_000
    """YAML nodes (scalars, mappings, sequences, aliases) the file may hold: ``max-nodes``."""
    max_expanded_size: int = 32 * 1024 * 1024
    """Characters of text the document may hold once its aliases are expanded: ``max-expanded-size``."""
    parse_timeout: float = 10.0
    """Seconds of CPU time the parse may take: ``parse-timeout``.  A safety net: within the
    node budget, parsing takes a second or two; a slow or busy CI machine stays far from it."""


DEFAULT_LIMITS = Limits()


class Settings(NamedTuple):
    """What the configuration says for the files of one directory (see :mod:`linter.config`).

    A NamedTuple rather than a frozen dataclass, which costs a cold run about 2 ms to create."""

    select: frozenset[str] | None = None
    """Rule ids to run; None runs every rule that is on by default."""
    ignore: frozenset[str] = frozenset()
    severities: Mapping[str, Severity] = {}
    """Per-rule violationType overrides (shared by default, so read-only: a Mapping)."""
    per_path_ignores: tuple[tuple[str, frozenset[str]], ...] = ()
    """(glob, rule ids) pairs: those rules are off for matching paths."""
    fail_on: Severity = Severity.MUST
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    max_nodes: int = DEFAULT_LIMITS.max_nodes
    max_expanded_size: int = DEFAULT_LIMITS.max_expanded_size
    parse_timeout: float = DEFAULT_LIMITS.parse_timeout
    include: tuple[str, ...] = ("*.yaml", "*.yml", "*.json")
    """File-name globs that directory walking considers."""
    exclude: tuple[str, ...] = ()
    """Path globs that directory walking skips."""
    extra_block_types: frozenset[str] = frozenset()
    """``schema.type`` values accepted besides those of our schema (block types Cortex added since)."""
    extra_enum_values: tuple[tuple[str, frozenset[str]], ...] = ()
    """(field, values) pairs: enum values accepted besides those of our schema.  ``field`` is a
    field name (``httpMethod``) or the end of a dotted path (``filter.type``, ``schema.format``)."""
    baseline: str | None = None
    """The baseline file (relative to ``root``): findings it holds are not reported."""
    root: str | None = None
    """The configuration file's directory: per-path and exclude globs match paths relative to it."""

    @property
    def limits(self) -> Limits:
        return Limits(self.max_nodes, self.max_expanded_size, self.parse_timeout)

    def rule_ids_for(self, path: str) -> tuple[str, ...]:
        """The ids of the rules that run on ``path``, in id order."""
        enabled = _enabled_rule_ids(self.select, self.ignore)
        if not self.per_path_ignores:
            return enabled
        ignored = {
            rule_id
            for pattern, rule_ids in self.per_path_ignores
            if self.matches(path, pattern)
            for rule_id in rule_ids
        }
        return tuple(rule_id for rule_id in enabled if rule_id not in ignored)

    def excluded(self, path: str) -> bool:
        return any(self.matches(path, pattern) for pattern in self.exclude)

    def matches(self, path: str, pattern: str) -> bool:
        """fnmatch ``pattern`` (``*`` also matches ``/``) against ``path`` relative to ``root``.

        A pattern without ``/`` also matches the file name alone.
        """
        relative = path
        if self.root is not None:
            candidate = os.path.relpath(os.path.abspath(path), self.root)
            if not candidate.startswith(".."):
                relative = candidate
        relative = relative.replace(os.sep, "/")
        if fnmatch.fnmatch(relative, pattern):
            return True
        return "/" not in pattern and fnmatch.fnmatch(relative.rsplit("/", 1)[-1], pattern)

    def severity_of(self, rule_id: str, default: Severity) -> Severity:
        return self.severities.get(rule_id, default)

    def accepts_enum_value(self, path: list, value: object) -> bool:
        """True when the configuration accepts ``value`` at ``path`` (JSON pointer tokens) although
        the schema's enum does not list it."""
        if not isinstance(value, str):
            return False
        if len(path) == 4 and path[0] == "actions" and path[2:] == ["schema", "type"] and value in self.extra_block_types:
            return True
        dotted = ".".join(token for token in path if isinstance(token, str))
        return any(
            value in values and (dotted == name or dotted.endswith("." + name)) for name, values in self.extra_enum_values
        )


@lru_cache(maxsize=64)
def _enabled_rule_ids(select: frozenset[str] | None, ignore: frozenset[str]) -> tuple[str, ...]:
    """The ids of the rules that ``select`` and ``ignore`` leave on, in id order."""
    from .rules import all_rules  # noqa: PLC0415 - the registry imports every rule

    return tuple(
        rule_id
        for rule_id, rule in all_rules().items()
        if (rule.enabled_by_default if select is None else rule_id in select) and rule_id not in ignore
    )
