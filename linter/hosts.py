"""Which hosts are this machine."""

from __future__ import annotations


def is_loopback(host: str) -> bool:
    """True for ``localhost``, ``*.localhost`` and loopback addresses (``127.0.0.0/8``, ``::1``).

    The names follow RFC 6761 and the W3C Secure Contexts rule that browsers apply:
    ``localhost`` and every name under it resolve to the loopback interface.
    """
    host = host.lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    import ipaddress  # noqa: PLC0415 - only when a plain-http URL is found

    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
