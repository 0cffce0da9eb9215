"""Send one descriptor to Cortex's ``POST /api/v1/workflows/validate``.

urllib3 does the HTTP work: connection pooling shared by the worker
threads, TLS verification, proxies, redirects that drop the
``Authorization`` header when they leave the host, and :class:`Retry`
with capped exponential backoff, jitter and ``Retry-After``.  We add one
thing to ``Retry``: a 429 problem body's ``retryAfter`` seconds when the
header is absent.  This module is imported only when ``--remote`` is used.
"""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlsplit

import urllib3
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    ReadTimeoutError,
    SSLError,
)
from urllib3.util import Retry, Timeout

from .. import __version__
from ..hosts import is_loopback
from .credentials import Credentials

VALIDATE_PATH = "/api/v1/workflows/validate"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
POOL_SIZE = 4


class RemoteError(Exception):
    """Cortex could not be reached or refused the request.  One line, never the key."""


class CortexRetry(Retry):
    """urllib3's Retry that also reads a 429 problem body's ``retryAfter``, and caps both at ``backoff_max``."""

    def get_retry_after(self, response) -> float | None:  # noqa: ANN001 - urllib3's signature
        seconds = super().get_retry_after(response)
        if seconds is None and response.status == 429:
            try:
                value = json.loads(response.data).get("retryAfter")
            except (ValueError, AttributeError, TypeError):
                return None
            if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0:
                seconds = float(value)
        return None if seconds is None else min(seconds, self.backoff_max)


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
        """Cortex's response body for ``body``; raises :class:`RemoteError`."""
        headers = {
            "Authorization": f"Bearer {self._credentials.api_key}",
            "Content-Type": content_type,
            "Accept": "application/json",
            "User-Agent": f"cortex-workflow-lint/{__version__}",
        }
        try:
            response = self._pool.request(
                "POST", self.url, body=body, headers=headers, retries=self._retry, timeout=Timeout(self._timeout)
            )
        except MaxRetryError as exc:
            raise RemoteError(self._failure(exc.reason, attempts=True)) from None
        except HTTPError as exc:
            raise RemoteError(self._failure(exc, attempts=False)) from None
        return self._answer(response)

    def _answer(self, response) -> dict:  # noqa: ANN001
        status = response.status
        attempts = len(response.retries.history) + 1 if response.retries else 1
        if 200 <= status < 300:
            try:
                body = json.loads(response.data)
            except (ValueError, UnicodeDecodeError):
                kind = response.headers.get("Content-Type") or "no content type"
                raise RemoteError(f"Cortex answered HTTP {status}, but the body is not JSON ({self._clean(kind)})") from None
            if not isinstance(body, dict):
                raise RemoteError(f"Cortex answered HTTP {status} with JSON that is not an object")
            return body
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

    def _failure(self, reason: BaseException | None, attempts: bool) -> str:
        host = urlsplit(self.url).hostname
        tries = f" ({self._retry.read + 1} attempts)" if attempts else ""
        if isinstance(reason, NameResolutionError):
            return f"cannot resolve the host {host}; check --base-url and your network"
        if isinstance(reason, ProxyError):
            return f"the HTTPS proxy failed while connecting to {host}: {self._clean(str(reason.original_error))}"
        if isinstance(reason, NewConnectionError):
            return f"cannot connect to {host}; check --base-url and your network"
        if isinstance(reason, ConnectTimeoutError):
            return f"could not connect to {host} within {self._timeout:g} s"
        if isinstance(reason, ReadTimeoutError):
            return f"Cortex did not answer within {self._timeout:g} s{tries}; raise --remote-timeout"
        if isinstance(reason, SSLError):
            return (
                f"the TLS certificate of {host} could not be verified ({self._clean(str(reason))}); "
                "give your CA bundle with --ca-bundle, REQUESTS_CA_BUNDLE or SSL_CERT_FILE"
            )
        if isinstance(reason, ProtocolError):
            return f"the connection to {host} broke: {self._clean(str(reason))}"
        return f"request to {host} failed: {type(reason).__name__}"

    def _detail(self, response) -> str:  # noqa: ANN001
        """``: <message>`` from an ErrorResponse or problem body, when there is one."""
        try:
            body = json.loads(response.data)
        except (ValueError, UnicodeDecodeError):
            return ""
        if not isinstance(body, dict):
            return ""
        message = next((body[k] for k in ("message", "detail", "title") if isinstance(body.get(k), str) and body[k]), "")
        return f": {self._clean(message)}" if message else ""

    @staticmethod
    def _redirect_note(response) -> str:  # noqa: ANN001
        history = response.retries.history if response.retries else ()
        hosts = [urlsplit(h.redirect_location).hostname for h in history if h.redirect_location]
        return f" (the request was redirected to {hosts[-1]}, which is not sent the key)" if hosts else ""

    def _clean(self, text: str) -> str:
        """One line, short, and never the key."""
        line = " ".join(text.split())[:200]
        return line.replace(self._credentials.api_key, "<hidden>")


def _pool_manager(base_url: str, ca_bundle: str | None, environ: dict[str, str]) -> urllib3.PoolManager:
    options = {"cert_reqs": "CERT_REQUIRED", "ca_certs": ca_bundle, "maxsize": POOL_SIZE}
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    proxy = environ.get("HTTPS_PROXY") or environ.get("https_proxy")
    if parts.scheme == "https" and proxy and not is_loopback(host) and not _bypass(host, environ):
        return urllib3.ProxyManager(proxy, **options)
    return urllib3.PoolManager(**options)


def _bypass(host: str, environ: dict[str, str]) -> bool:
    """True when ``NO_PROXY`` lists ``host``."""
    no_proxy = environ.get("NO_PROXY") or environ.get("no_proxy") or ""
    return bool(no_proxy) and bool(urllib.request.proxy_bypass_environment(host, {"no": no_proxy}))
