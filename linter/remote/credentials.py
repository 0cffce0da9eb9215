"""Find the Cortex API key and base URL the way Cortex's official CLI does.

``cortexapps-cli`` reads, in order: ``--api-key`` / ``CORTEX_API_KEY``,
``--url`` / ``CORTEX_BASE_URL``, then the INI file ``~/.cortex/config``
(``CORTEX_CONFIG`` names another file) whose section is the tenant alias
(``--tenant`` / ``CORTEX_TENANT_ALIAS``, default ``default``) with the keys
``api_key`` and ``base_url``.  The base URL defaults to
``https://api.getcortexapp.com``.  Quotes and whitespace around the values
are stripped, as the official CLI does (so a key file saved with Windows
line endings works).  A key that still holds a control character or a
character outside Latin-1 cannot go into an HTTP header: that is an error
whose message never shows the key.

The key is only ever sent over HTTPS, unless the host is loopback (a local
test server).
"""

from __future__ import annotations

import configparser
import string
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..hosts import is_loopback

DEFAULT_BASE_URL = "https://api.getcortexapp.com"
DEFAULT_TENANT = "default"
_STRIPPED = string.whitespace + "\"'"


class CredentialsError(Exception):
    """The API key or base URL is missing or unusable.  The message never holds the key."""


@dataclass(frozen=True)
class Credentials:
    api_key: str
    base_url: str

    def __repr__(self) -> str:  # never show the key, even in a debugger or a traceback
        return f"Credentials(api_key=<hidden>, base_url={self.base_url!r})"


def config_path(environ: dict[str, str]) -> Path:
    return Path(environ.get("CORTEX_CONFIG") or Path.home() / ".cortex" / "config")


def resolve(api_key: str | None, base_url: str | None, tenant: str | None, environ: dict[str, str]) -> Credentials:
    """The credentials to use; options win over environment variables, which win over the config file."""
    api_key = api_key or environ.get("CORTEX_API_KEY") or None
    base_url = base_url or environ.get("CORTEX_BASE_URL") or None
    tenant = tenant or environ.get("CORTEX_TENANT_ALIAS") or DEFAULT_TENANT
    path = config_path(environ)
    if not api_key or not base_url:
        section = _config_section(path, tenant, required=not api_key)
        api_key = api_key or section.get("api_key")
        base_url = base_url or section.get("base_url")
    api_key = (api_key or "").strip(_STRIPPED)
    if not api_key:
        raise CredentialsError(
            "no Cortex API key: pass --api-key, set CORTEX_API_KEY, "
            f"or add 'api_key' to the [{tenant}] section of {path}"
        )
    if any(_is_control(c) or ord(c) > 0xFF for c in api_key):
        raise CredentialsError(
            "the Cortex API key holds a control character or a character outside Latin-1, which an HTTP header "
            "cannot carry; check how the key was copied or saved (the key is not shown)"
        )
    base_url = (base_url or DEFAULT_BASE_URL).strip(_STRIPPED + "/")
    check_base_url(base_url)
    return Credentials(api_key, base_url)


def _config_section(path: Path, tenant: str, required: bool) -> dict[str, str]:
    if not path.is_file():
        return {}
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, OSError, UnicodeDecodeError) as exc:
        raise CredentialsError(f"cannot read the Cortex config file {path}: {type(exc).__name__}") from None
    if tenant not in parser:
        if required:
            raise CredentialsError(f"tenant '{tenant}' not found in the Cortex config file {path}")
        return {}
    return dict(parser[tenant])


def check_base_url(base_url: str) -> None:
    """Refuse a URL that would send the key in clear text, or that is not a URL at all."""
    try:
        parts = urlsplit(base_url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:  # such as 'http://[::1' (an unclosed IPv6 address)
        host = None
    if not host or parts.scheme not in ("https", "http") or any(_is_control(c) or c.isspace() for c in base_url):
        raise CredentialsError(f"the Cortex base URL must look like https://api.getcortexapp.com, not {_safe(base_url)!r}")
    if parts.username or parts.password:
        raise CredentialsError("the Cortex base URL must not hold a user name or password")
    if parts.scheme == "http" and not is_loopback(host):
        raise CredentialsError(
            f"refusing to send the API key over plain HTTP to {host}; use an https:// base URL "
            "(plain http is allowed only for a loopback host such as 127.0.0.1)"
        )


def _is_control(character: str) -> bool:
    return character < " " or "\x7f" <= character <= "\x9f"


def _safe(url: str) -> str:
    """The URL without anything that looks like credentials, for messages."""
    return url.split("@", 1)[-1][:200]


def ca_bundle(option: str | None, environ: dict[str, str]) -> str | None:
    """The CA bundle file to trust: ``--ca-bundle``, ``REQUESTS_CA_BUNDLE`` or ``SSL_CERT_FILE``."""
    return option or environ.get("REQUESTS_CA_BUNDLE") or environ.get("SSL_CERT_FILE") or None
