"""One answer to "is this host this machine?" for the insecure-http-url rule and the remote client."""

import pytest

from linter.hosts import is_loopback
from linter.remote.credentials import CredentialsError, check_base_url


@pytest.mark.parametrize("host", ["localhost", "LOCALHOST", "localhost.", "api.localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"])
def test_loopback_hosts(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["example.com", "localhost.example.com", "mylocalhost", "10.0.0.1", "::2", "", "[bad"])
def test_other_hosts(host):
    assert not is_loopback(host)


def test_plain_http_is_allowed_for_every_loopback_name_and_refused_elsewhere():
    check_base_url("http://cortex.localhost:8080")
    check_base_url("http://127.0.0.1:8080")
    with pytest.raises(CredentialsError, match="refusing to send the API key over plain HTTP"):
        check_base_url("http://localhost.example.com")
