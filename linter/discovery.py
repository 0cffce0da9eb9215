"""Find the files to lint from the PATH arguments.

* ``-`` is standard input.
* A file named on the command line is always linted.
* A directory is walked recursively.  A file in it is linted when its name
  matches an ``include`` glob (``*.yaml``, ``*.yml``, ``*.json`` by default),
  its path matches no ``exclude`` glob, and it looks like a workflow
  descriptor: it has a top-level ``actions`` key (YAML) or an ``"actions"``
  key (JSON).  Version-control, virtual-environment and cache directories are
  skipped.  A directory that cannot be listed is a DiscoveryError (exit 3), and
  a FIFO, device or socket is yielded so that reading it reports it.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterator
from typing import NamedTuple

from .settings import Settings
from .source import read_file

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".nox"})
_YAML_ACTIONS = re.compile(rb"^(?:actions|'actions'|\"actions\")[ \t]*:", re.MULTILINE)
_JSON_ACTIONS = re.compile(rb"\"actions\"\s*:")
_SNIFF_BYTES = 1 << 20


class Target(NamedTuple):
    """One input: ``path`` as shown to the user, ``file`` to read (None for stdin)."""

    path: str
    file: str | None


def posix_form(path: str) -> str:
    """``path`` as pathlib writes it, with ``/`` between parts: no ``.`` parts and no repeated or
    trailing separators (``./a//b/`` is ``a/b``); ``..`` stays, since it may follow a symbolic link.

    String work on POSIX: importing pathlib was 3.5% of the instructions of a one-file check."""
    if os.sep != "/":
        from pathlib import PurePath  # noqa: PLC0415 - drives and backslashes

        return PurePath(path).as_posix()
    anchor = "//" if path.startswith("//") and not path.startswith("///") else "/" if path.startswith("/") else ""
    return anchor + "/".join(part for part in path.split("/") if part and part != ".") or "."


class DiscoveryError(Exception):
    """A PATH argument that cannot be linted (missing, or a directory with no workflows)."""

    def __init__(self, message: str, exit_code: int, path: str) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.path = path


def targets(paths: tuple[str, ...], settings: Settings, stdin_filename: str | None) -> Iterator[Target | DiscoveryError]:
    """Yield the files to lint, in order, and a DiscoveryError for each bad PATH."""
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            yield Target(stdin_filename or "<stdin>", None)
            continue
        path = posix_form(raw)
        if os.path.isdir(path):
            found = False
            for file in _walk(path, settings):
                found = True
                if isinstance(file, DiscoveryError):
                    yield file
                elif file not in seen:
                    seen.add(file)
                    yield Target(file, file)
            if not found:
                yield DiscoveryError(
                    f"no Cortex workflow files found under {raw} "
                    f"(looked for {', '.join(settings.include)} files with a top-level 'actions' key)",
                    2,
                    raw,
                )
        elif os.path.lexists(path):
            if path not in seen:
                seen.add(path)
                yield Target(path, path)
        else:
            yield DiscoveryError(f"{raw}: no such file or directory", 3, raw)


def _walk(root: str, settings: Settings) -> Iterator[str | DiscoveryError]:
    unlisted: list[OSError] = []
    for directory, dirnames, filenames in os.walk(root, onerror=unlisted.append):
        yield from _unlisted(unlisted)
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
        for name in sorted(filenames):
            if not any(fnmatch.fnmatch(name, pattern) for pattern in settings.include):
                continue
            file = posix_form(os.path.join(directory, name))
            if settings.excluded(file):
                continue
            if looks_like_workflow(file):
                yield file
    yield from _unlisted(unlisted)


def _unlisted(errors: list[OSError]) -> Iterator[DiscoveryError]:
    """The directories ``os.walk`` could not list (it reports them, then skips them)."""
    for error in errors:
        where = posix_form(error.filename) if error.filename else "a directory"
        yield DiscoveryError(f"{where}: cannot read directory: {error.strerror or type(error).__name__}", 3, where)
    errors.clear()


def looks_like_workflow(file: str) -> bool:
    """True when the start of ``file`` has a top-level ``actions`` key."""
    try:
        head = read_file(file, _SNIFF_BYTES)
    except OSError:
        return True  # let the linter report why it cannot be read (a FIFO, say)
    return has_actions_key(head)


def has_actions_key(data: bytes) -> bool:
    """True when the start of ``data`` has a top-level ``actions`` key (the language server
    applies this test to an open document)."""
    head = data[:_SNIFF_BYTES]
    pattern = _JSON_ACTIONS if head.lstrip()[:1] in (b"{", b"[") else _YAML_ACTIONS
    return pattern.search(head) is not None
