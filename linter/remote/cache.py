"""Cortex's answers, cached on disk for an hour.

An entry is keyed by a SHA-256 over the tool version, the base URL, the
API key, the content type and the file text: a change to any of them is
a miss.  The key only feeds the hash (answers can differ between tenants,
for example for integration aliases), so the key itself is never written.
An entry holds only Cortex's response body and the time it was stored.
Writes are atomic (a temporary file renamed into place); an entry that
cannot be read or parsed is treated as a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from .. import __version__

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
        try:
            entry = json.loads((self.directory / f"{key}.json").read_text(encoding="utf-8"))
            stored, response = entry["stored"], entry["response"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not isinstance(response, dict) or not isinstance(stored, (int, float)):
            return None
        if not 0 <= time.time() - stored <= self.ttl:
            return None
        return response

    def put(self, key: str, response: dict) -> None:
        """Store ``response``; a cache that cannot be written is silently skipped."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    json.dump({"stored": time.time(), "response": response}, file)
                os.replace(temporary, self.directory / f"{key}.json")
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            pass
