"""Diagnostics: lint open documents as they change, and publish the results.

An open document is linted like a file named on the command line: when it
looks like a workflow descriptor (a top-level ``actions`` key, the test of the
directory walk), whatever ``include``/``exclude`` say, with the settings of
its directory (per-path ignores, severities, the baseline) and its
suppression comments.
Changes are linted after a short pause (:data:`DEBOUNCE`), so a burst of
keystrokes is linted once; opening and saving lint at once.  The remote
cross-check never runs here.

The pause is not idle: a changed document is parsed at once, while the server
waits, when its last parse took no longer than the pause; the lint at the end
of the pause then only checks.  A burst of changes parses at most the newest
text each time the server is free, so the last change of a burst waits no
longer than without this (one parse then the pause, at worst), and a document
whose parse takes longer (10,000 blocks) is parsed when its pause ends, as
before.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.uris import to_fs_path

from .. import engine
from ..baseline import Baseline
from ..baseline import load as load_baseline
from ..config import PYPROJECT, YAML_NAME, ConfigError, Resolver
from ..discovery import has_actions_key
from ..document import Document
from ..model import Violation
from ..settings import Settings
from ..source import load
from .diagnostics import to_diagnostic

if TYPE_CHECKING:
    from .server import WorkflowServer

DEBOUNCE = 0.15
"""Seconds without a change before a changed document is linted."""

CONFIG_NAMES = frozenset({YAML_NAME, PYPROJECT})

log = logging.getLogger(__name__)


@dataclass
class Linted:
    """The lint result of one version of an open document."""

    uri: str
    version: int | None
    text: str
    path: str
    """The file system path (or the URI of an unsaved document): used in settings and messages."""
    settings: Settings
    baseline: Baseline | None
    document: Document
    violations: list[Violation]
    diagnostics: list[types.Diagnostic]
    """One per violation, in the same order."""


@dataclass
class _Read:
    """One text of an open workflow descriptor, parsed with the settings of its directory."""

    text: str
    path: str | None
    settings: Settings
    document: Document


class Linting:
    def __init__(self, server: WorkflowServer) -> None:
        self.server = server
        self.resolver = Resolver()
        self.results: dict[str, Linted] = {}
        self.parsed: dict[str, Document] = {}
        """The last version of each open document that parsed into a mapping (for completion while
        the text being typed is not valid YAML)."""
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._published: set[str] = set()
        self._reported: set[str] = set()
        self._baselines: dict[str, tuple[int | None, Baseline]] = {}
        self._read_ahead: dict[str, _Read] = {}
        """Texts parsed during their debounce, for the lint that ends it."""
        self._reading_ahead: set[str] = set()
        self._parse_seconds: dict[str, float] = {}
        """How long the last parse of each open document took."""

    def later(self, uri: str) -> None:
        """Lint ``uri`` once it has not changed for :data:`DEBOUNCE` seconds, parsing it meanwhile."""
        self._cancel(uri)
        loop = asyncio.get_running_loop()
        self._pending[uri] = loop.call_later(DEBOUNCE, self.lint, uri)
        if uri not in self._reading_ahead and self._parse_seconds.get(uri, DEBOUNCE) <= DEBOUNCE:
            self._reading_ahead.add(uri)
            loop.call_soon(self._read_during_debounce, uri)  # after the changes already received

    def _read_during_debounce(self, uri: str) -> None:
        self._reading_ahead.discard(uri)
        text_document = self.server.workspace.text_documents.get(uri)
        if uri not in self._pending or text_document is None:
            return  # linted (a request came first) or closed meanwhile
        try:
            with engine.collector_paused():
                read = self._read(uri, text_document.source)
        except ConfigError:
            return  # the lint reports it
        if read is not None:
            self._read_ahead[uri] = read

    def current(self, uri: str) -> Linted | None:
        """The result for the text the editor has now (linting a pending change first);
        None when ``uri`` is not an open workflow descriptor."""
        if uri in self._pending:
            return self.lint(uri)
        return self.results.get(uri)

    def lint(self, uri: str) -> Linted | None:
        """Lint the open document ``uri`` now and publish its diagnostics."""
        self._cancel(uri)
        text_document = self.server.workspace.text_documents.get(uri)
        if text_document is None:
            return None
        # the collector is back on only once the diagnostics are out: its first pass, over the
        # new tree, is then off the way from the edit to the editor
        with engine.collector_paused():
            read = self._read_ahead.pop(uri, None)
            try:
                if read is None or read.text != text_document.source:
                    read = self._read(uri, text_document.source)
                baseline = self._baseline(read.settings) if read is not None else None
            except ConfigError as exc:  # BaselineError included
                self._report(str(exc))
                read = None
            if read is None:
                self.clear(uri)
                return None
            path, settings, document = read.path, read.settings, read.document
            violations = engine.check(document, path or uri, settings).violations
            if baseline is not None:
                violations = baseline.unbaselined(violations)
            codec = self.server.workspace.position_codec
            diagnostics = [to_diagnostic(violation, uri, document.lines, codec) for violation in violations]
            linted = Linted(uri, text_document.version, text_document.source, path or uri, settings, baseline, document, violations, diagnostics)
            replaced = self.results.get(uri), self.parsed.get(uri)  # a big tree takes a while to free
            self.results[uri] = linted
            if isinstance(document.data, dict):
                self.parsed[uri] = document
            self._published.add(uri)
            self.server.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=text_document.version)
            )
        del replaced  # now that the diagnostics are out
        return linted

    def _read(self, uri: str, text: str) -> _Read | None:
        """Parse ``text``, the text of ``uri``; None when it is not a workflow descriptor.
        Raises ConfigError when the configuration for its directory cannot be used."""
        data = text.encode("utf-8", "surrogatepass")
        if not has_actions_key(data):
            return None
        path = to_fs_path(uri) if uri.startswith("file:") else None
        settings = self.resolver.for_file(path)
        started = time.perf_counter()
        document = load(data, settings.max_file_size, path or uri)
        self._parse_seconds[uri] = time.perf_counter() - started
        return _Read(text, path, settings, document)

    def clear(self, uri: str) -> None:
        """Forget ``uri``'s result and clear its diagnostics in the editor."""
        self._cancel(uri)
        self.results.pop(uri, None)
        self.parsed.pop(uri, None)
        self._read_ahead.pop(uri, None)
        self._parse_seconds.pop(uri, None)
        if uri in self._published:
            self._published.discard(uri)
            self.server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def configuration_changed(self) -> None:
        """Read the configuration files afresh and lint every open document again."""
        log.info("configuration changed: linting the open documents again")
        self.resolver = Resolver()
        self._reported.clear()
        self._read_ahead.clear()  # parsed with the old settings
        for uri in list(self.server.workspace.text_documents):
            self.lint(uri)

    def _baseline(self, settings: Settings) -> Baseline | None:
        """The configured baseline, read again when the file changes (``--write-baseline`` rewrites it)."""
        if not settings.baseline:
            return None
        file = os.path.join(settings.root or ".", settings.baseline)
        try:
            stamp: int | None = os.stat(file).st_mtime_ns
        except OSError:
            stamp = None  # load() says why it cannot be read
        cached = self._baselines.get(file)
        if cached is None or cached[0] != stamp:
            cached = self._baselines[file] = (stamp, load_baseline(file))
        return cached[1]

    def _cancel(self, uri: str) -> None:
        handle = self._pending.pop(uri, None)
        if handle is not None:
            handle.cancel()

    def _report(self, message: str) -> None:
        """Show a configuration error once (until the configuration changes)."""
        if message in self._reported:
            return
        self._reported.add(message)
        log.error("%s", message)
        self.server.window_show_message(
            types.ShowMessageParams(type=types.MessageType.Error, message=f"cortex-workflow-lint: {message}")
        )


def is_config_file(uri: str) -> bool:
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return path is not None and os.path.basename(path) in CONFIG_NAMES


WATCHED = (f"**/{YAML_NAME}", f"**/{PYPROJECT}")


def register(server: WorkflowServer) -> None:
    linting = server.linting

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        capabilities = server.client_capabilities.workspace
        watched = capabilities.did_change_watched_files if capabilities else None
        if watched is None or not watched.dynamic_registration:
            log.info("the client cannot watch files: a configuration change applies after saving it in the editor")
            return
        watchers = [types.FileSystemWatcher(glob_pattern=pattern) for pattern in WATCHED]
        registration = types.Registration(
            id="cortex-workflow-lint-configuration",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        await server.client_register_capability_async(types.RegistrationParams(registrations=[registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        linting.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        linting.later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        if is_config_file(params.text_document.uri):
            linting.configuration_changed()
        else:
            linting.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        linting.clear(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        if any(is_config_file(change.uri) for change in params.changes):
            linting.configuration_changed()
