"""Build the language server and run it over standard input and output."""

from __future__ import annotations

import gc
import logging
import sys
from concurrent.futures import Future
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from .. import __version__, engine
from . import actions, completion, hover, linting, navigation

NAME = "cortex-workflow-lint"


class Protocol(LanguageServerProtocol):
    """pygls' protocol, minus a leak of pygls 2.1: a notification that pygls' own handlers take first
    (didOpen, didChange, didSave, didClose) leaves its future in ``_request_futures`` for good, about
    600 bytes a change (+5.6 MB over the benchmark's 10,000 changes)."""

    def _check_handler_result(self, future: Future[Any]) -> None:  # called when a notification's handler is done
        super()._check_handler_result(future)
        futures = self._request_futures
        for msg_id in reversed(futures):  # the notification's future is the last one added
            if futures[msg_id] is future:
                del futures[msg_id]
                return


class WorkflowServer(LanguageServer):
    """pygls' server plus the lint results of the open documents, which every feature shares."""

    def __init__(self) -> None:
        super().__init__(NAME, __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental, protocol_cls=Protocol)
        self.linting = linting.Linting(self)


FEATURES = (linting.register, actions.register, hover.register, navigation.register, completion.register)
"""Each adds its handlers to a server; a new feature is a new module and an entry here."""


def create() -> WorkflowServer:
    server = WorkflowServer()
    for register in FEATURES:
        register(server)
    return server


def serve() -> None:
    """Speak LSP on standard input and output until the client says exit."""
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must never corrupt the protocol stream
    server = create()
    engine.warm_up()  # the rules and schema validators, before the first document arrives
    gc.collect()
    gc.freeze()  # what start-up loaded stays: collections look only at the documents' trees
    gc.set_threshold(100_000, 50, 100)  # not during a lint, which builds a large tree (freed without the collector)
    handler = ClientLogHandler(server)
    for name in ("linter", "pygls"):
        logging.getLogger(name).addHandler(handler)
    logging.getLogger("linter").setLevel(logging.INFO)
    server.start_io(sys.stdin.buffer, protocol_out)


class ClientLogHandler(logging.Handler):
    """Send log records to the client as ``window/logMessage``."""

    LEVELS = ((logging.ERROR, types.MessageType.Error), (logging.WARNING, types.MessageType.Warning), (logging.INFO, types.MessageType.Info))

    def __init__(self, server: LanguageServer) -> None:
        super().__init__(logging.INFO)
        self.server = server
        self._sending = False

    def emit(self, record: logging.LogRecord) -> None:
        if self._sending:  # the transport itself logs when a message cannot be sent
            return
        kind = next((kind for level, kind in self.LEVELS if record.levelno >= level), types.MessageType.Log)
        self._sending = True
        try:
            self.server.window_log_message(types.LogMessageParams(type=kind, message=self.format(record)))
        except Exception:  # noqa: BLE001 - a log message must never take the server down
            pass
        finally:
            self._sending = False
