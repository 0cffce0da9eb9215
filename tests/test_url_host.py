"""templated-url-host reads the URL's authority (RFC 3986): which part is the host."""

import time

import pytest

from helpers import load_script
from linter.rules.templated_url_host import host_range

linear = load_script("benchmarks/linear.py")


def host(url: str, integration: bool = False) -> str | None:
    found = host_range(url, integration)
    return None if found is None else url[found[0] : found[1]]


@pytest.mark.parametrize(
    "url, integration, expected",
    [
        ("https://{{variables.host}}/api", False, "{{variables.host}}"),
        ("https://{{variables.host}}/api", True, "{{variables.host}}"),  # a scheme: the integration is not used
        ("//{{variables.artifact-host}}/releases", False, "{{variables.artifact-host}}"),
        ("//{{variables.artifact-host}}/releases", True, "{{variables.artifact-host}}"),
        ("https://{{variables.user}}:{{variables.pass}}@nexus.example.com/x", False, "nexus.example.com"),
        ("https://me@{{variables.host}}:8443/x", False, "{{variables.host}}"),
        ("https://example.com:{{variables.port}}/x", False, "example.com"),
        ("http://[::1]:{{variables.port}}/x", False, "[::1]"),
        ("https://{{ variables.a/b@c:d }}/x", False, "{{ variables.a/b@c:d }}"),  # a tag is read whole
        ("https://{{{variables.host}}}?q", False, "{{{variables.host}}}"),
        ("HTTPS://api.{{variables.domain}}#f", False, "api.{{variables.domain}}"),
        ("  {{variables.base}}/job/x", False, "{{variables.base}}"),  # relative, no integration: its start
        ("{{variables.path}}/status", True, None),  # relative: the integration supplies the host
        ("/repos/{{variables.repo}}", False, ""),  # relative with a literal start: no host to template
        ("urn:{{variables.id}}", False, None),  # no authority
        ("localhost:{{variables.port}}/x", False, None),  # 'localhost:' reads as a scheme, as in RFC 3986
        ("https://{{variables.host", False, "{{variables.host"),  # an unclosed tag runs to the end
    ],
)
def test_host_range(url, integration, expected):
    assert host(url, integration) == expected


@pytest.mark.parametrize(
    "name, host",
    [
        ("braces", (8, 50_006)),
        ("user-info", (50_000, 50_000)),  # all user-info: an empty host at the end
        ("colons", (8, 50_007)),  # the last colon starts the port
        ("closers", (0, 50_002)),
        ("brackets", (8, 50_008)),
    ],
)
def test_host_range_of_adversarial_urls(name, host):
    """benchmarks/linear.py's URLs (CI times each at two sizes to show that the scan stays linear)."""
    start = time.perf_counter()
    found = host_range(linear.URLS[name](linear.SIZE), False)
    assert time.perf_counter() - start < 60  # only guards against a hang; benchmarks/linear.py measures linearity
    assert found == host
