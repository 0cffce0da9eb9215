"""Send one descriptor to Cortex's ``POST /api/v1/workflows/validate``.

urllib3 does the HTTP work: connection pooling shared by the worker
threads, TLS verification, proxies, redirects that drop the
``Authorization`` header when they leave the host, and :class:`Retry`
with capped exponential backoff, jitter and ``Retry-After``.  We add to
``Retry``: a 429 problem body's ``retryAfter`` seconds when the header is
absent, and no retry of a request that ran out of time.

We also bound what a server can make us spend.  urllib3's read timeout
applies to each read, so a server sending a byte just in time would hold a
request forever: every read of an answer (headers and body) gets the time
left of the request's deadline instead.  The body is read in chunks, at most
:data:`~.answer.MAX_BYTES` after decompression, with at most
:data:`MAX_ENCODINGS` content encodings.  This module is imported only when
``--remote`` is used.
"""

from __future__ import annotations

import http.client
import io
import socket
import threading
import time
import urllib.request
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import (
    ConnectTimeoutError,
    DecodeError,
    HTTPError,
    LocationParseError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.response import BaseHTTPResponse
from urllib3.util import Retry, Timeout

from .. import __version__
from ..hosts import is_loopback
from .answer import MAX_BYTES, NotAResult, kept, loads, validation_result
from .credentials import Credentials

if TYPE_CHECKING:
    from collections.abc import Iterable

    from _typeshed import ReadableBuffer, SupportsRead, WriteableBuffer

VALIDATE_PATH = "/api/v1/workflows/validate"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
POOL_SIZE = 4
MAX_ENCODINGS = 2
"""Content encodings one answer may stack (``Content-Encoding: gzip, br``)."""
CHUNK = 64 * 1024

_request = threading.local()
"""``seconds`` allowed for each attempt of this thread's request, and the ``deadline`` of the current one."""


class RemoteError(Exception):
    """Cortex could not be reached or refused the request.  One line, never the key."""


class CortexRetry(Retry):
    """urllib3's Retry that also reads a 429 problem body's ``retryAfter``, and caps both at ``backoff_max``."""

    body_retry_after: float | None = None
    """The 429 problem body's ``retryAfter``, read by :meth:`increment` (urllib3 discards the body before it sleeps)."""

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        # Out of time: asking again would take as long.
        timed_out = isinstance(error, ConnectTimeoutError) and not isinstance(error, NewConnectionError)
        if timed_out or isinstance(error, ReadTimeoutError):
            raise MaxRetryError(_pool, url, error) from error
        if error is not None and _request.deadline <= time.monotonic():  # such as a send cut off by the deadline
            raise MaxRetryError(_pool, url, ReadTimeoutError(_pool, url, "out of time")) from error
        body_retry_after = _problem_retry_after(response) if response is not None and response.status == 429 else None
        retry = super().increment(method, url, response, error, _pool, _stacktrace)
        retry.body_retry_after = body_retry_after
        return retry

    def get_retry_after(self, response: BaseHTTPResponse) -> float | None:
        seconds = super().get_retry_after(response)
        if seconds is None and response.status == 429:
            seconds = self.body_retry_after
        return None if seconds is None else min(seconds, self.backoff_max)


def _problem_retry_after(response: BaseHTTPResponse) -> float | None:
    try:
        body = loads(read_body(response))
    except (HTTPError, OSError, ValueError, RemoteError):
        return None
    value = body.get("retryAfter") if isinstance(body, dict) else None
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0 else None


class Client:
    """A connection pool to one Cortex base URL.  Thread-safe."""

    def __init__(self, credentials: Credentials, timeout: float, max_wait: float, ca_bundle: str | None, environ: dict[str, str]) -> None:
        self._credentials = credentials
        self._timeout = timeout
        self.url = credentials.base_url + VALIDATE_PATH
        self._pool = _pool_manager(credentials.base_url, ca_bundle, environ)
        self._retry = CortexRetry(
            total=5,
            connect=2,
            read=2,
            status=3,
            redirect=3,
            other=0,  # TLS and protocol errors: retrying will not help
            allowed_methods=frozenset({"POST"}),  # validating saves nothing, so a retry is safe
            status_forcelist=RETRY_STATUSES,
            backoff_factor=0.5,
            backoff_jitter=0.5,
            backoff_max=max_wait,
            raise_on_status=False,
            raise_on_redirect=False,
        )

    def validate(self, body: bytes, content_type: str) -> dict:
        """Cortex's validation result for ``body``, the key scrubbed out; raises :class:`RemoteError`."""
        headers = {
            "Authorization": f"Bearer {self._credentials.api_key}",
            "Content-Type": content_type,
            "Accept": "application/json",
            "User-Agent": f"cortex-workflow-lint/{__version__}",
        }
        _request.seconds = self._timeout
        try:
            response = self._pool.request(
                "POST", self.url, body=body, headers=headers, retries=self._retry, timeout=Timeout(self._timeout),
                preload_content=False,
            )
        except MaxRetryError as exc:
            raise RemoteError(self._failure(exc.reason)) from None
        except HTTPError as exc:
            raise RemoteError(self._failure(exc)) from None
        except ValueError as exc:  # urllib3 joining a redirect's location such as 'http://[::1'
            raise RemoteError(f"Cortex answered with a redirect that cannot be followed ({self._clean(str(exc))})") from None
        try:
            return self._answer(response)
        except HTTPError as exc:  # while reading the body
            response.close()
            raise RemoteError(self._failure(exc)) from None
        except BaseException:
            response.close()  # the rest of the answer is unread: the connection cannot be reused
            raise
        finally:
            response.release_conn()

    def _answer(self, response: BaseHTTPResponse) -> dict:
        status = response.status
        attempts = len(response.retries.history) + 1 if response.retries else 1
        if 200 <= status < 300:
            data = read_body(response)
            try:
                value = loads(data)
            except NotAResult as exc:
                raise RemoteError(f"Cortex answered HTTP {status} with {exc}") from None
            except ValueError:
                kind = response.headers.get("Content-Type") or "no content type"
                raise RemoteError(f"Cortex answered HTTP {status}, but the body is not JSON ({self._clean(kind)})") from None
            try:
                return kept(validation_result(value), self._credentials.api_key)
            except NotAResult as exc:
                raise RemoteError(f"Cortex answered HTTP {status}, but {exc}") from None
        if status == 401:
            raise RemoteError(
                "Cortex rejected the API key (HTTP 401 Unauthorized); check --api-key, CORTEX_API_KEY "
                f"or ~/.cortex/config{self._redirect_note(response)}"
            )
        if status == 403:
            raise RemoteError(
                "Cortex refused the request (HTTP 403 Forbidden): validating a workflow needs an API key "
                f"whose role has the 'Edit Workflows' permission{self._redirect_note(response)}"
            )
        if status == 429:
            raise RemoteError(
                f"Cortex is rate-limiting requests (HTTP 429 Too Many Requests) and still was after {attempts} "
                "attempts; try again later"
            )
        if 300 <= status < 400:
            raise RemoteError(
                f"Cortex answered HTTP {status} (a redirect that was not followed: too many, or no location); "
                "check --base-url"
            )
        detail = self._detail(response)
        if status >= 500:
            raise RemoteError(f"Cortex failed with HTTP {status} after {attempts} attempts{detail}")
        raise RemoteError(f"Cortex answered HTTP {status}{detail}")

    def _failure(self, reason: BaseException | None) -> str:
        host = urlsplit(self.url).hostname
        if isinstance(reason, NameResolutionError):
            return f"cannot resolve the host {host}; check --base-url and your network"
        if isinstance(reason, ProxyError):
            return f"the HTTPS proxy failed while connecting to {host}: {self._clean(str(reason.original_error))}"
        if isinstance(reason, NewConnectionError):
            return f"cannot connect to {host}; check --base-url and your network"
        if isinstance(reason, ConnectTimeoutError):
            return f"could not connect to {host} within {self._timeout:g} s"
        if isinstance(reason, ReadTimeoutError):
            return f"Cortex did not answer within {self._timeout:g} s; raise --remote-timeout"
        if isinstance(reason, SSLError):
            return (
                f"the TLS certificate of {host} could not be verified ({self._clean(str(reason))}); "
                "give your CA bundle with --ca-bundle, REQUESTS_CA_BUNDLE or SSL_CERT_FILE"
            )
        if isinstance(reason, LocationParseError):
            return f"Cortex answered with a redirect that cannot be followed ({self._clean(str(reason))})"
        if isinstance(reason, DecodeError):
            return f"Cortex's answer could not be decompressed: {self._clean(str(reason))}"
        if isinstance(reason, ProtocolError):
            return f"the connection to {host} broke: {self._clean(str(reason))}"
        return f"request to {host} failed: {type(reason).__name__}"

    def _detail(self, response: BaseHTTPResponse) -> str:
        """``: <message>`` from an ErrorResponse or problem body, when there is one."""
        try:
            body = loads(read_body(response))
        except (HTTPError, OSError, ValueError, RemoteError):
            return ""
        if not isinstance(body, dict):
            return ""
        message = next((body[k] for k in ("message", "detail", "title") if isinstance(body.get(k), str) and body[k]), "")
        return f": {self._clean(message)}" if message else ""

    def _redirect_note(self, response: BaseHTTPResponse) -> str:
        history = response.retries.history if response.retries else ()
        hosts = [urlsplit(h.redirect_location).hostname for h in history if h.redirect_location]
        return f" (the request was redirected to {self._clean(hosts[-1] or '')}, which is not sent the key)" if hosts else ""

    def _clean(self, text: str) -> str:
        """One line, short, and never the key."""
        line = " ".join(text.split())[:200]
        return line.replace(self._credentials.api_key, "<hidden>")


def read_body(response: BaseHTTPResponse) -> bytes:
    """The decoded body of an unread response, bounded; raises RemoteError or urllib3's HTTPError."""
    encodings = [e for e in (part.strip() for part in response.headers.get("Content-Encoding", "").split(",")) if e and e != "identity"]
    if len(encodings) > MAX_ENCODINGS:
        raise RemoteError(f"Cortex's answer has {len(encodings)} content encodings; at most {MAX_ENCODINGS} are accepted")
    data = bytearray()
    for chunk in response.stream(CHUNK):
        data += chunk
        if len(data) > MAX_BYTES:
            raise RemoteError(f"Cortex's answer is larger than {MAX_BYTES >> 20} MiB (after decompression)")
    return bytes(data)


def _time_left() -> float | None:
    """Seconds left to the current attempt's deadline (None: no deadline); raises TimeoutError when none are left."""
    deadline = getattr(_request, "deadline", None)
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the request ran out of time")
    return left


class _DeadlineReader(io.RawIOBase):
    """A socket's input whose every read ends by the deadline of the current attempt."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._input = sock.makefile("rb", buffering=0)  # keeps the socket open until this is closed, as http.client expects

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int | None:
        left = _time_left()
        if left is not None:
            self._sock.settimeout(left)
        return self._input.readinto(buffer)

    def close(self) -> None:
        self._input.close()
        super().close()


class _DeadlineSocket:
    """The one thing http.client's response asks of its socket: ``makefile``."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    def makefile(self, mode: str) -> io.BufferedReader:
        return io.BufferedReader(_DeadlineReader(self._sock))


class _DeadlineResponse(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, debuglevel: int = 0, method: str | None = None, url: str | None = None) -> None:
        super().__init__(_DeadlineSocket(sock), debuglevel, method, url)  # type: ignore[arg-type]


class _Connection(HTTPConnection):
    """Sends the request and reads the answer by the deadline of the current attempt."""

    response_class = _DeadlineResponse

    def send(self, data: ReadableBuffer | SupportsRead[bytes] | Iterable[ReadableBuffer] | str) -> None:  # http.client's type
        if self.sock is None:
            self.connect()  # as http.client would, within the connect timeout
        left = _time_left()
        if left is not None:
            self.sock.settimeout(left)
        super().send(data)


class _TLSConnection(_Connection, HTTPSConnection):
    pass


class _Pool(HTTPConnectionPool):
    """Starts the deadline of each attempt: urllib3 calls ``urlopen`` again for a retry or a redirect."""

    ConnectionCls = _Connection

    def urlopen(self, *args, **kwargs):
        _request.deadline = time.monotonic() + _request.seconds
        return super().urlopen(*args, **kwargs)


class _TLSPool(_Pool, HTTPSConnectionPool):
    ConnectionCls = _TLSConnection


def _pool_manager(base_url: str, ca_bundle: str | None, environ: dict[str, str]) -> urllib3.PoolManager:
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    proxy = environ.get("HTTPS_PROXY") or environ.get("https_proxy")
    if parts.scheme == "https" and proxy and not is_loopback(host) and not _bypass(host, environ):
        manager: urllib3.PoolManager = urllib3.ProxyManager(proxy, cert_reqs="CERT_REQUIRED", ca_certs=ca_bundle, maxsize=POOL_SIZE)
    else:
        manager = urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs=ca_bundle, maxsize=POOL_SIZE)
    manager.pool_classes_by_scheme = {"http": _Pool, "https": _TLSPool}
    return manager


def _bypass(host: str, environ: dict[str, str]) -> bool:
    """True when ``NO_PROXY`` lists ``host``."""
    no_proxy = environ.get("NO_PROXY") or environ.get("no_proxy") or ""
    # typeshed's stub leaves out this (undocumented, every-platform) function
    return bool(no_proxy) and bool(urllib.request.proxy_bypass_environment(host, {"no": no_proxy}))  # type: ignore[attr-defined]
