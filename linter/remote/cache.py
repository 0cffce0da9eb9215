"""Cortex's answers, cached on disk for an hour.

An entry is keyed by a SHA-256 over the tool version, the base URL, the
API key, the content type and the file text: a change to any of them is
a miss.  The key only feeds the hash (answers can differ between tenants,
for example for integration aliases), so the key itself is never written.
An entry holds only what is used of Cortex's answer (``ok`` and the
violations' fields, the key scrubbed out) and the time it was stored.  Writes are atomic (a temporary file renamed into
place).  An entry is read only when it is a regular file (a link is not
followed, a FIFO or device is not opened for reading) of at most 16 MiB
holding a validation result; anything else is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import tempfile
import time
from pathlib import Path

from .. import __version__
from .answer import MAX_BYTES, loads, validation_result

TTL_SECONDS = 3600
APP = "cortex-workflow-lint"


def default_dir(environ: dict[str, str]) -> Path:
    """The platform's user cache directory for this tool.

    ``CORTEX_WORKFLOW_LINT_CACHE_DIR`` overrides it.  Otherwise:
    ``%LOCALAPPDATA%`` on Windows, ``~/Library/Caches`` on macOS,
    ``$XDG_CACHE_HOME`` (default ``~/.cache``) elsewhere.
    """
    if environ.get("CORTEX_WORKFLOW_LINT_CACHE_DIR"):
        return Path(environ["CORTEX_WORKFLOW_LINT_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / APP / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP
    return Path(environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / APP


def entry_key(base_url: str, api_key: str, content_type: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (__version__.encode(), base_url.encode(), api_key.encode(), content_type.encode()):
        digest.update(part + b"\0")
    digest.update(body)
    return digest.hexdigest()


class Cache:
    def __init__(self, directory: Path, ttl: float = TTL_SECONDS) -> None:
        self.directory = directory / "validate"
        self.ttl = ttl

    def get(self, key: str) -> dict | None:
        data = _read_regular_file(self.directory / f"{key}.json", MAX_BYTES)
        if data is None:
            return None
        try:
            entry = loads(data)
            if not isinstance(entry, dict):
                return None
            stored, response = entry["stored"], validation_result(entry["response"])
        except (ValueError, KeyError, TypeError):
            return None
        if not isinstance(stored, (int, float)):
            return None
        if not 0 <= time.time() - stored <= self.ttl:
            return None
        return response

    def put(self, key: str, response: dict) -> None:
        """Store ``response``; a cache that cannot be written, or an entry too large to read back, is skipped."""
        data = json.dumps({"stored": time.time(), "response": response}).encode()
        if len(data) > MAX_BYTES:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(temporary, self.directory / f"{key}.json")
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            pass


def _read_regular_file(path: Path, limit: int) -> bytes | None:
    """The bytes of ``path`` when it is a regular file, not a link, of at most ``limit`` bytes; else None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)  # O_NONBLOCK: opening a FIFO does not wait for a writer
    except OSError:
        return None
    try:
        with os.fdopen(handle, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            data = file.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None
