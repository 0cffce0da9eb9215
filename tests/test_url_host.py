"""templated-url-host reads the URL's authority (RFC 3986): which part is the host."""

import time

import pytest

from linter.rules.templated_url_host import host_range


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
    "url, host",
    [
        ("https://" + "{{{" * 333_333, (8, 1_000_007)),
        ("//" + "{{x}}@" * 166_666, (999_998, 999_998)),  # all user-info: an empty host at the end
        ("https://" + "a:" * 500_000, (8, 1_000_007)),
        ("{{" + "}}" * 500_000, (0, 1_000_002)),
        ("https://" + "[" * 1_000_000, (8, 1_000_008)),
    ],
    ids=["braces", "user-info", "colons", "closers", "brackets"],
)
def test_linear_on_adversarial_urls(url, host):
    start = time.perf_counter()
    found = host_range(url, False)
    assert time.perf_counter() - start < 60  # only guards against a hang
    assert found == host
