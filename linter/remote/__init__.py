"""``check --remote``: cross-check each file with Cortex's validate endpoint.

:func:`configure` turns the command-line options into :class:`RemoteOptions`
(credentials found the way Cortex's own CLI finds them); :func:`cross_check`
sends the files to Cortex, a few at a time, and merges Cortex's violations
into ours.  In ``required`` mode a file Cortex could not check makes the run
exit 4; in ``optional`` mode it is a warning and the local result stands.

Importing this package is cheap: urllib3 is imported by ``client``, which is
loaded only when a cross-check runs.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path

    from ..report import FileResult
    from .credentials import Credentials

Mode = Literal["required", "optional"]
"""``required``: a file Cortex could not check makes the run exit 4; ``optional``: a warning."""
WORKERS = 4
SKIPPED_RULES = frozenset({"file-too-large", "file-encoding"})
"""Files with these violations are not sent: Cortex could only repeat them."""


class RemoteOptions(NamedTuple):
    """How to reach Cortex for ``--remote``, and what to do when it cannot answer."""

    mode: Mode
    credentials: Credentials
    """Never printed: its repr hides the key."""
    timeout: float = 30.0
    max_wait: float = 30.0
    ca_bundle: str | None = None
    cache_dir: Path | None = None
    """None: do not use the cache (``--no-cache``)."""


def configure(
    mode: Mode | None,
    api_key: str | None = None,
    base_url: str | None = None,
    tenant: str | None = None,
    ca_bundle_path: str | None = None,
    no_cache: bool = False,
    timeout: float = 30.0,
    max_wait: float = 30.0,
    environ: dict[str, str] | None = None,
) -> RemoteOptions | None:
    """The options of a cross-check, or None when there is none.

    Unusable credentials are a usage error in ``required`` mode (exit 2) and
    a warning in ``optional`` mode, where the run continues without Cortex.
    """
    if mode is None:
        return None
    from .credentials import CredentialsError, ca_bundle, resolve  # noqa: PLC0415

    environ = dict(os.environ) if environ is None else environ
    try:
        credentials = resolve(api_key, base_url, tenant, environ)
        bundle = ca_bundle(ca_bundle_path, environ)
        if bundle and not os.path.isfile(bundle):
            raise CredentialsError(f"the CA bundle {bundle} is not a file")
    except CredentialsError as exc:
        if mode == "required":
            import click  # noqa: PLC0415 - already loaded by the CLI

            raise click.UsageError(f"--remote: {exc}") from None
        _say("warning", f"{exc}; skipping the Cortex cross-check")
        return None
    from .cache import default_dir  # noqa: PLC0415

    return RemoteOptions(
        mode=mode,
        credentials=credentials,
        timeout=timeout,
        max_wait=max_wait,
        ca_bundle=bundle,
        cache_dir=None if no_cache else default_dir(environ),
    )


def cross_check(results: list[FileResult], sources: dict[str, bytes], options: RemoteOptions) -> None:
    """Merge Cortex's verdict into ``results`` (FileResult objects) in place.

    A file Cortex could not check keeps its local violations and gets the
    reason in ``remote_error`` (the report makes it exit 4 in ``required`` mode).
    """
    from collections import Counter  # noqa: PLC0415
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415

    from .cache import Cache, entry_key  # noqa: PLC0415
    from .client import Client, RemoteError  # noqa: PLC0415 - imports urllib3
    from .merge import merge, remote_violations  # noqa: PLC0415

    client = Client(options.credentials, options.timeout, options.max_wait, options.ca_bundle, dict(os.environ))
    cache = Cache(options.cache_dir) if options.cache_dir else None
    jobs = [r for r in results if r.error is None and r.path in sources and _sendable(r, sources[r.path])]

    def ask(result: FileResult) -> dict | str:
        body = sources[result.path]
        content_type = _content_type(result.path, body)
        key = entry_key(options.credentials.base_url, options.credentials.api_key, content_type, body)
        cached = cache.get(key) if cache else None
        if cached is not None:
            return cached
        try:
            response = client.validate(body, content_type)
        except RemoteError as exc:
            return str(exc)
        if cache:
            cache.put(key, response)
        return response

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = list(pool.map(ask, jobs))

    from ..document import parse  # noqa: PLC0415

    failures: dict[str, list[str]] = {}
    tally: Counter[str] = Counter()
    for result, answer in zip(jobs, answers, strict=True):
        if isinstance(answer, str):
            result.remote_error = answer
            failures.setdefault(answer, []).append(result.path)
            continue
        doc = parse(sources[result.path].decode("utf-8-sig"))
        result.violations = merge(result.violations, remote_violations(answer, doc, result.path))
        tally.update(v.source for v in result.violations)
    level = "error" if options.mode == "required" else "warning"
    for message, paths in failures.items():
        where = paths[0] if len(paths) == 1 else f"{len(paths)} files ({paths[0]}, ...)"
        keep = "" if options.mode == "required" else "; keeping the local result"
        _say(level, f"{where}: Cortex cross-check failed: {message}{keep}")
    checked = len(jobs) - sum(len(p) for p in failures.values())
    if checked:
        _say(
            "info",
            f"Cortex cross-check of {checked} file{'s' if checked != 1 else ''}: {tally['both']} agreed, "
            f"{tally['remote']} only from Cortex (a local rule is missing), {tally['local']} only local",
        )


def _sendable(result: FileResult, body: bytes) -> bool:
    """False for files Cortex could only reject for what we already report (too large, not UTF-8)."""
    if any(v.rule_id in SKIPPED_RULES for v in result.violations):
        return False
    try:
        body.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _content_type(path: str, body: bytes) -> str:
    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".json" or (suffix not in (".yaml", ".yml") and body.lstrip()[:1] in (b"{", b"[")):
        return "application/json"
    return "application/yaml"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _say(level: str, message: str) -> None:
    """One line on standard error; control characters (from Cortex's text or a file name) are escaped."""
    message = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", message)
    print(f"cortex-workflow-lint: {level}: {message}", file=sys.stderr)
