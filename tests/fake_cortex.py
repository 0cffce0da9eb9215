"""A scripted stand-in for Cortex: a real HTTP server on 127.0.0.1, on a random port.

Each request gets the next :class:`Reply` of the script; the last reply
repeats.  Every request is recorded as the server received it.  A reply can
also play a hostile server: one that answers a byte at a time, or sends
bytes that are not what its headers claim.
"""

from __future__ import annotations

import json
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    status: int = 200
    body: object = field(default_factory=lambda: {"ok": True, "violations": []})
    """A dict or list is sent as JSON; str or bytes as they are."""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    """Seconds to wait before answering."""
    pace: float = 0.0
    """Seconds between single bytes of the answer (0: all at once)."""
    paced_headers: bool = False
    """Pace the status line and headers too, not only the body."""
    at_once: int = 0
    """Hold the answer until this many requests are being answered at the same time (for at
    most ``delay`` seconds); from then on, answer at once."""


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    """Header names in lower case."""
    body: bytes


class FakeCortex:
    def __init__(self, *replies: Reply, tls: ssl.SSLContext | None = None) -> None:
        self.replies = list(replies) or [Reply()]
        self.requests: list[Request] = []
        self.most_at_once = 0
        """The most requests the server was answering at the same time."""
        self._busy = 0
        self._closing = threading.Event()
        self._crowded = threading.Event()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                server._answer(self)

            do_GET = do_POST  # noqa: N815

            def log_message(self, *args: object) -> None:  # keep the test output clean
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._scheme = "https" if tls else "http"
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{self._scheme}://{host}:{port}"

    def __enter__(self) -> FakeCortex:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()  # ends delays and paced answers still running
        self._crowded.set()
        self._server.shutdown()  # within one poll interval
        self._server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length)
        with self._lock:
            self.requests.append(
                Request(handler.command, handler.path, {k.lower(): v for k, v in handler.headers.items()}, body)
            )
            reply = self.replies[min(len(self.requests), len(self.replies)) - 1]
            self._busy += 1
            self.most_at_once = max(self.most_at_once, self._busy)
            if reply.at_once and self._busy >= reply.at_once:
                self._crowded.set()
        try:
            self._send(handler, reply)
        finally:
            with self._lock:
                self._busy -= 1

    def _send(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.at_once:
            self._crowded.wait(reply.delay)
            if self._closing.is_set():
                return
        elif self._closing.wait(reply.delay):
            return
        if isinstance(reply.body, (dict, list)):
            data, kind = json.dumps(reply.body).encode(), "application/json"
        else:
            data = reply.body.encode() if isinstance(reply.body, str) else reply.body
            kind = "text/html"
        headers = {"Content-Type": kind, "Content-Length": str(len(data)), **reply.headers}
        reason = handler.responses.get(reply.status, ("",))[0]
        head = f"HTTP/1.0 {reply.status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        at_once, paced = (b"", head.encode() + data) if reply.paced_headers else (head.encode(), data)
        if not reply.pace:
            at_once, paced = at_once + paced, b""
        try:
            handler.wfile.write(at_once)
            for index in range(len(paced)):
                handler.wfile.flush()
                if self._closing.wait(reply.pace):
                    return
                handler.wfile.write(paced[index : index + 1])
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
            pass
