"""Find and read configuration files, and turn them into :class:`Settings`.

A configuration is either a ``[tool.cortex-workflow-lint]`` table in
``pyproject.toml`` or a ``.cortex-workflow-lint.yaml`` file.  For each linted
file we walk up from its directory and stop at the first directory that has
one (a ``pyproject.toml`` without our table does not count); when a directory
has both, ``.cortex-workflow-lint.yaml`` wins, because a dedicated file is the
more specific intent (ruff does the same with ``ruff.toml``).  The walk stops
at the repository root (a directory holding ``.git``) and at the filesystem
root.  ``--config PATH`` skips the search.  Settings from the command line
override the file.  Results are cached per directory, so a run reads each
configuration file once.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from typing import Any, NamedTuple

from .discovery import posix_form
from .model import WHOLE_FILE, Severity
from .settings import Settings

YAML_NAME = ".cortex-workflow-lint.yaml"
PYPROJECT = "pyproject.toml"
TABLE = "tool.cortex-workflow-lint"


MAX_CONFIG_SIZE = 1024 * 1024
"""A configuration file holds a few settings; a larger one is refused unread."""


class ConfigError(Exception):
    """A configuration that cannot be used; the message is one line for the user."""


class Resolved(NamedTuple):
    """The settings for one directory, with where each value came from."""

    settings: Settings
    file: str | None
    sources: dict[str, str]
    """Settings field name -> "default", a file path or "command line"."""


def _rule_ids(value: Any, where: str) -> frozenset[str]:
    from .rules import all_rules  # noqa: PLC0415 - only when a config names rules
    from .suggest import did_you_mean  # noqa: PLC0415

    items = _strings(value, where)
    rules = all_rules()
    for rule_id in items:
        if rule_id not in rules:
            raise ConfigError(f"{where}: unknown rule '{rule_id}'.{did_you_mean(rule_id, rules)}")
    return frozenset(items)


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where}: expected a list of strings, got {_describe(value)}")
    return tuple(value)


def _severity(value: Any, where: str) -> Severity:
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected one of MUST, SHOULD, MAY, HINT, got {_describe(value)}")
    try:
        return Severity.parse(value)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _table(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table (mapping), got {_describe(value)}")
    return value


def _severities(value: Any, where: str) -> dict[str, Severity]:
    table = _table(value, where)
    _rule_ids(list(table), where)
    return {rule_id: _severity(sev, f"{where}.{rule_id}") for rule_id, sev in table.items()}


def _per_path(value: Any, where: str) -> tuple[tuple[str, frozenset[str]], ...]:
    table = _table(value, where)
    return tuple((str(glob), _rule_ids(ids, f"{where}.{glob!r}")) for glob, ids in table.items())


def _enum_values(value: Any, where: str) -> tuple[tuple[str, frozenset[str]], ...]:
    table = _table(value, where)
    return tuple((str(name), frozenset(_strings(values, f"{where}.{name}"))) for name, values in table.items())


def _count(unit: str) -> Callable[[Any, str], int]:
    def parse(value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= _LARGEST:
            raise ConfigError(f"{where}: expected a positive number of {unit} (at most 2**53), got {_describe(value)}")
        return value

    return parse


_LARGEST = 2**53


def _seconds(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 3600:
        raise ConfigError(f"{where}: expected a positive number of seconds (at most 3600), got {_describe(value)}")
    return float(value)


def _path(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: expected a file path, got {_describe(value)}")
    return value


def _describe(value: Any) -> str:
    kind = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list", dict: "a table"}
    text = repr(value)
    return f"{kind.get(type(value), type(value).__name__)} ({text if len(text) <= 40 else text[:37] + '...'})"


KEYS: dict[str, tuple[str, Callable[[Any, str], Any]]] = {
    "select": ("select", _rule_ids),
    "ignore": ("ignore", _rule_ids),
    "severity": ("severities", _severities),
    "per-path-ignores": ("per_path_ignores", _per_path),
    "fail-on": ("fail_on", _severity),
    "max-file-size": ("max_file_size", _count("bytes")),
    "max-nodes": ("max_nodes", _count("nodes")),
    "max-expanded-size": ("max_expanded_size", _count("characters")),
    "parse-timeout": ("parse_timeout", _seconds),
    "include": ("include", _strings),
    "exclude": ("exclude", _strings),
    "extra-block-types": ("extra_block_types", lambda value, where: frozenset(_strings(value, where))),
    "extra-enum-values": ("extra_enum_values", _enum_values),
    "baseline": ("baseline", _path),
}
"""Configuration key -> (Settings field, parser)."""


_OUR_HEADER = re.compile(rb"^[ \t]*\[[^\n]*cortex-workflow-lint", re.MULTILINE)
_TOOL_KEY = re.compile(rb"""^[ \t]*["']?tool["']?[ \t]*[.=]""", re.MULTILINE)
_TOOL_HEADER = re.compile(rb"""^[ \t]*\[[ \t]*["']?tool["']?[ \t]*\]""", re.MULTILINE)
_OUR_KEY = re.compile(rb"""^[ \t]*["']?cortex-workflow-lint["']?[ \t]*[.=]""", re.MULTILINE)


def _may_define_our_table(data: bytes) -> bool:
    """False when a pyproject.toml cannot define ``tool.cortex-workflow-lint``, so that a project
    that only names the tool (its name, a dependency, a script) is not parsed on every run.

    TOML can define the table only on a line of its own that is a table header naming it
    (``[tool.cortex-workflow-lint]``, ``[tool.cortex-workflow-lint.severity]``), a key starting
    with ``tool`` (``tool.cortex-workflow-lint.select = ...``, ``tool = {...}``), or, under a
    ``[tool]`` header, a key starting with its name.  Lines inside multi-line strings can only
    add false alarms, which parse the file as before."""
    if b"cortex-workflow-lint" not in data:
        return False
    return bool(
        _OUR_HEADER.search(data)
        or _TOOL_KEY.search(data)
        or (_TOOL_HEADER.search(data) and _OUR_KEY.search(data))
    )


def read_file(path: str) -> dict[str, Any] | None:
    """The raw configuration table in ``path``, or None for a pyproject.toml without one."""
    from .source import read_file as read_bytes  # noqa: PLC0415

    try:
        data = read_bytes(path, MAX_CONFIG_SIZE + 1)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration file: {exc.strerror or type(exc).__name__}") from None
    if len(data) > MAX_CONFIG_SIZE:
        raise ConfigError(f"{path}: the configuration file is over {MAX_CONFIG_SIZE:,} bytes; it holds a few settings")
    name = os.path.basename(path)
    if name == PYPROJECT or os.path.splitext(path)[1] == ".toml":
        if name == PYPROJECT and not _may_define_our_table(data):
            return None  # skip parsing the project's TOML (tomllib's import and parse: ~3% of a check)
        if sys.version_info >= (3, 11):
            import tomllib  # noqa: PLC0415  # novermin (3.10 imports tomli below)
        else:
            import tomli as tomllib  # noqa: PLC0415

        try:
            document = tomllib.loads(data.decode("utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from None
        except RecursionError:
            raise ConfigError(f"{path}: invalid TOML: nested too deeply to read") from None
        tool = document.get("tool")
        table = tool.get("cortex-workflow-lint") if isinstance(tool, dict) else None
        if table is None and name != PYPROJECT:
            table = document  # a standalone TOML file named with --config
        return table
    return _read_yaml(path, data)


def _read_yaml(path: str, data: bytes) -> dict[str, Any]:
    """Parse with the descriptors' parser, so the same guards apply (nesting, aliases, nodes, time)."""
    from .document import parse  # noqa: PLC0415 - only when a YAML configuration exists
    from .settings import Limits  # noqa: PLC0415

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: invalid YAML: not UTF-8 (byte {exc.start})") from None
    doc = parse(text, limits=Limits(max_nodes=100_000, max_expanded_size=MAX_CONFIG_SIZE))
    for rule, finding in doc.problems:
        if rule.id == "empty-document":
            return {}
        span = finding.span
        where = f" (line {span.start_line}, column {span.start_column})" if span and span != WHOLE_FILE else ""
        reason = finding.description.removeprefix("Invalid YAML: ")
        raise ConfigError(f"{path}: invalid YAML: {reason}{where}")
    for duplicate in doc.duplicates:
        raise ConfigError(f"{path}: invalid YAML: the key '{duplicate.key}' appears {duplicate.times} times (first at line {duplicate.first_line})")
    document = doc.data
    if not isinstance(document, dict):
        raise ConfigError(f"{path}: expected a mapping of settings, got {_describe(document)}")
    return document


def parse_table(table: dict[str, Any], where: str) -> dict[str, Any]:
    """Validate a raw table; return Settings field name -> value."""
    values = {}
    for key, value in table.items():
        if key not in KEYS:
            from .suggest import did_you_mean  # noqa: PLC0415 - only for a mistake

            raise ConfigError(f"{where}: unknown setting '{key}'.{did_you_mean(str(key), KEYS)}")
        name, parse = KEYS[key]
        values[name] = parse(value, f"{where}: {key}")
    return values


def _label(path: str) -> str:
    return f"{path} [{TABLE}]" if os.path.basename(path) == PYPROJECT else path


class Resolver:
    """Settings per directory: command line over configuration file over defaults."""

    def __init__(self, overrides: dict[str, Any] | None = None, config_file: str | None = None) -> None:
        self.overrides = overrides or {}
        self.config_file = posix_form(config_file) if config_file else None
        self._found: dict[str, str | None] = {}
        self._resolved: dict[str | None, Resolved] = {}

    def for_directory(self, directory: str) -> Resolved:
        file = self.config_file or self._find(os.path.abspath(directory))
        if file not in self._resolved:
            self._resolved[file] = self._resolve(file)
        return self._resolved[file]

    def for_file(self, file: str | None) -> Settings:
        """Settings for a linted file (None: standard input without a name)."""
        directory = os.path.dirname(os.path.abspath(file)) if file else os.getcwd()
        return self.for_directory(directory).settings

    def _find(self, directory: str) -> str | None:
        """The configuration file for ``directory`` (absolute and normalized)."""
        visited = []
        current = directory
        found = None
        while True:
            if current in self._found:
                found = self._found[current]
                break
            visited.append(current)
            found = self._config_in(current)
            parent = os.path.dirname(current)
            if found is not None or os.path.exists(os.path.join(current, ".git")) or parent == current:
                break
            current = parent
        for seen in visited:
            self._found[seen] = found
        return found

    @staticmethod
    def _config_in(directory: str) -> str | None:
        yaml_file = os.path.join(directory, YAML_NAME)
        if os.path.isfile(yaml_file):
            return yaml_file
        pyproject = os.path.join(directory, PYPROJECT)
        if os.path.isfile(pyproject) and read_file(pyproject) is not None:
            return pyproject
        return None

    def _resolve(self, file: str | None) -> Resolved:
        settings = Settings()
        sources = {name: "default" for name in Settings._fields if name != "root"}
        if file is not None:
            table = read_file(file)
            if table is None:
                raise ConfigError(f"{file}: no [{TABLE}] table")
            values = parse_table(_table(table, file), _label(file))
            settings = settings._replace(root=os.path.dirname(os.path.abspath(file)), **values)
            sources.update(dict.fromkeys(values, _label(file)))
        if self.overrides:
            settings = settings._replace(**self.overrides)
            sources.update(dict.fromkeys(self.overrides, "command line"))
        return Resolved(settings, file, sources)


def describe(resolved: Resolved) -> str:
    """The effective configuration as ``key = value  # source`` lines."""
    settings = resolved.settings
    names = {name: key for key, (name, _) in KEYS.items()}
    lines = [f"# configuration file: {_label(resolved.file) if resolved.file else 'none (defaults)'}"]
    for name, key in names.items():
        value = getattr(settings, name)
        if name == "baseline":
            shown = f'"{value}"' if value else "(none)"
        else:
            shown = _show_pairs(value) if name in ("per_path_ignores", "extra_enum_values") else _show(value)
        lines.append(f"{key} = {shown}  # {resolved.sources[name]}")
    return "\n".join(lines) + "\n"


def _show(value: Any) -> str:
    if value is None:
        return "(rules on by default)"
    if isinstance(value, Severity):
        return f'"{value.name}"'
    if isinstance(value, frozenset):
        return _show(sorted(value))
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f'{k} = "{v.name}"' for k, v in sorted(value.items())) + "}"
    return str(value)


def _show_pairs(value: tuple[tuple[str, frozenset[str]], ...]) -> str:
    return "{" + ", ".join(f'"{glob}" = {_show(ids)}' for glob, ids in value) + "}"
