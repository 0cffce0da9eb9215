"""``check --remote``: a real HTTP server on 127.0.0.1 plays Cortex (see fake_cortex.py).

Every test checks the exit code, and the ``run`` helper checks that the API
key appears nowhere in standard output, standard error or the cache.
"""

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from fake_cortex import FakeCortex, Reply
from linter import __version__
from linter.cli import main
from linter.remote import cache as cache_module
from linter.remote.credentials import DEFAULT_BASE_URL, CredentialsError, resolve

KEY = "cortex-test-key-9f8e7d"
WORKFLOW = (ROOT / "examples" / "deploy-service.yaml").read_text(encoding="utf-8").replace("isDraft: false", 'isDraft: "no"')
LOCAL_LINE = "wf.yaml:7:10: MUST [field-type]"
LOCAL_MESSAGE = "'isDraft' must be a boolean (true or false), not a string ('no')"


def violation(**fields):
    return {"title": "Cortex rule", "description": "Something is wrong", "violationType": "MUST", "paths": [], **fields}


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty home and cache, no Cortex variables from the developer's environment."""
    for name in ("CORTEX_API_KEY", "CORTEX_BASE_URL", "CORTEX_TENANT_ALIAS", "CORTEX_CONFIG", "HTTPS_PROXY", "https_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CORTEX_WORKFLOW_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wf.yaml").write_text(WORKFLOW, encoding="utf-8")
    return tmp_path


def run(home: Path, *args: str, key: str | None = KEY, within: float = 30.0):
    """``check ARGS`` in-process; fails when it takes longer than ``within`` seconds (a hang)."""
    env = {"CORTEX_API_KEY": key} if key else {}
    done: list = []
    worker = threading.Thread(target=lambda: done.append(CliRunner().invoke(main, ["check", *args], env=env)), daemon=True)
    worker.start()
    worker.join(within)
    assert done, f"check {' '.join(args)} did not end within {within} s"
    [result] = done
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    cached = b"".join(p.read_bytes() for p in (home / "cache").rglob("*") if p.is_file())
    for where in (result.stdout, result.stderr, cached.decode()):
        assert KEY not in where
    return result


def remote_args(server: FakeCortex, *more: str) -> list[str]:
    return ["--base-url", server.url, "--remote-max-wait", "0.05", *more]


# -- the request ------------------------------------------------------------


def test_clean_answer_and_the_request_as_cortex_receives_it(home):
    with FakeCortex(Reply(body={"ok": True, "violations": []})) as cortex:
        result = run(home, "--remote", *remote_args(cortex), "wf.yaml")
    assert result.exit_code == 1  # our own finding still fails the run
    assert result.stdout.splitlines()[0] == f"{LOCAL_LINE} (Cortex does not report this) {LOCAL_MESSAGE}"
    assert "Cortex cross-check of 1 file: 0 agreed, 0 only from Cortex (a local rule is missing), 1 only local" in result.stderr
    [request] = cortex.requests
    assert (request.method, request.path) == ("POST", "/api/v1/workflows/validate")
    assert request.headers["authorization"] == f"Bearer {KEY}"
    assert request.headers["content-type"] == "application/yaml"
    assert request.headers["accept"] == "application/json"
    assert request.headers["user-agent"] == f"cortex-workflow-lint/{__version__}"
    assert request.body == WORKFLOW.encode()


def test_json_file_is_sent_as_json(home):
    (home / "wf.json").write_text('{"tag": "x", "actions": []}', encoding="utf-8")
    with FakeCortex() as cortex:
        run(home, "--remote", *remote_args(cortex), "wf.json")
    assert cortex.requests[0].headers["content-type"] == "application/json"
    assert cortex.requests[0].body == b'{"tag": "x", "actions": []}'


def test_plain_check_does_not_import_urllib3():
    code = (
        "import sys; from click.testing import CliRunner; from linter.cli import main; "
        "r = CliRunner().invoke(main, ['check', 'examples/deploy-service.yaml']); "
        "assert r.exit_code == 0, r.output; print('urllib3' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"


# -- merging ----------------------------------------------------------------


def test_matching_violations_are_reported_once_as_agreed(home):
    body = {"ok": False, "violations": [violation(description="isDraft must be a boolean", pointer="/isDraft", startLine=7, endLine=7)]}
    with FakeCortex(Reply(body=body)) as cortex:
        result = run(home, "--remote", *remote_args(cortex), "wf.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:-1] == [f"{LOCAL_LINE} (Cortex agrees) {LOCAL_MESSAGE}"]
    assert "1 agreed, 0 only from Cortex (a local rule is missing), 0 only local" in result.stderr


def test_ancestor_pointer_matches_when_the_texts_share_a_name(home):
    body = {"ok": False, "violations": [violation(description="Field isDraft has the wrong type", pointer="")]}
    with FakeCortex(Reply(body=body)) as cortex:
        result = run(home, "--remote", *remote_args(cortex), "-f", "json", "wf.yaml")
    [found] = json.loads(result.stdout)["files"][0]["violations"]
    assert (found["ruleId"], found["source"], found["pointer"]) == ("field-type", "both", "/isDraft")


def test_differing_violations_show_both_sides(home):
    body = {
        "ok": False,
        "violations": [
            violation(title="Integration alias", description="Invalid Github configuration alias", pointer="/actions/1/schema", startLine=44, endLine=48),
            violation(description="Something else at the root", pointer="", violationType="SHOULD"),
        ],
    }
    with FakeCortex(Reply(body=body)) as cortex:
        result = run(home, "--remote", *remote_args(cortex), "wf.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "wf.yaml:4:1: SHOULD [remote] (only Cortex reports this: a local rule is missing) Something else at the root",
        f"{LOCAL_LINE} (Cortex does not report this) {LOCAL_MESSAGE}",
        "wf.yaml:44:7: MUST [remote] (only Cortex reports this: a local rule is missing) Invalid Github configuration alias",
        "Found 3 violations (2 MUST, 1 SHOULD) in 1 of 1 file checked.",
    ]
    assert "0 agreed, 2 only from Cortex (a local rule is missing), 1 only local" in result.stderr


def test_json_and_cortex_formats_carry_the_merged_verdict(home):
    body = {"ok": False, "violations": [
        violation(pointer="/isDraft"),
        violation(title="Alias", description="Invalid alias", pointer="/actions/1/schema", ruleLink="https://cortex/rules#A1"),
    ]}
    with FakeCortex(Reply(body=body)) as cortex:
        as_json = json.loads(run(home, "--remote", *remote_args(cortex), "-f", "json", "wf.yaml").stdout)
        as_cortex = json.loads(run(home, "--remote", *remote_args(cortex), "-f", "cortex", "wf.yaml").stdout)
    assert [(v["ruleId"], v["source"]) for v in as_json["files"][0]["violations"]] == [("field-type", "both"), ("remote", "remote")]
    assert as_cortex == {
        "ok": False,
        "violations": [
            {**_cortex_entry(as_json, 0)},
            {"title": "Alias", "description": "Invalid alias", "violationType": "MUST", "ruleLink": "https://cortex/rules#A1",
             "paths": ["/actions/1/schema"], "pointer": "/actions/1/schema", "startLine": 44, "endLine": 48},
        ],
    }
    assert len(cortex.requests) == 1  # the second run was answered from the cache


def _cortex_entry(report: dict, index: int) -> dict:
    v = report["files"][0]["violations"][index]
    keys = ("title", "description", "violationType", "ruleLink", "paths", "pointer", "startLine", "endLine")
    return {k: v[k] for k in keys}


def test_unknown_fields_and_an_unknown_violation_type_are_kept(home):
    body = {
        "ok": False,
        "requestId": "abc",
        "violations": [
            {"title": "Constraint", "description": "A constraint failed", "violationType": "CONSTRAINT", "pointer": "/name", "extra": [1]},
            {"paths": None, "startLine": "seven", "violationType": 5},
            "not an object",
        ],
    }
    (home / "clean.yaml").write_text(WORKFLOW.replace('isDraft: "no"', "isDraft: false"), encoding="utf-8")
    with FakeCortex(Reply(body=body)) as cortex:
        result = run(home, "--remote", *remote_args(cortex), "clean.yaml")
        as_cortex = json.loads(run(home, "--remote", *remote_args(cortex), "-f", "cortex", "clean.yaml").stdout)
    assert result.exit_code == 1  # an unknown type ranks as MUST
    assert result.stdout.splitlines() == [
        "clean.yaml:4:1: MUST [remote] (only Cortex reports this: a local rule is missing) Cortex validation",
        "clean.yaml:5:7: CONSTRAINT [remote] (only Cortex reports this: a local rule is missing) A constraint failed",
        "Found 2 violations (1 MUST, 1 CONSTRAINT) in 1 of 1 file checked.",
    ]
    assert as_cortex["ok"] is False
    assert [v["violationType"] for v in as_cortex["violations"]] == ["MUST", "CONSTRAINT"]


def test_not_ok_without_violations_is_still_a_failure(home):
    (home / "clean.yaml").write_text(WORKFLOW.replace('isDraft: "no"', "isDraft: false"), encoding="utf-8")
    with FakeCortex(Reply(body={"ok": False, "violations": []})) as cortex:
        result = run(home, "--remote", *remote_args(cortex), "clean.yaml")
    assert result.exit_code == 1
    assert "Cortex reports the workflow as not valid, but names no violation" in result.stdout


# -- failures ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("replies", "message"),
    [
        ([Reply(403, {"message": "Forbidden", "type": "FORBIDDEN"})], "Cortex refused the request (HTTP 403 Forbidden): validating a workflow needs an API key whose role has the 'Edit Workflows' permission"),
        ([Reply(401, {"message": "bad key"})], "Cortex rejected the API key (HTTP 401 Unauthorized); check --api-key, CORTEX_API_KEY or ~/.cortex/config"),
        ([Reply(500, {"message": "boom"})], "Cortex failed with HTTP 500 after 4 attempts: boom"),
        ([Reply(200, "<html>maintenance</html>")], "Cortex answered HTTP 200, but the body is not JSON (text/html)"),
        ([Reply(200, [1, 2])], "Cortex answered HTTP 200, but not a validation result (a JSON object with a boolean 'ok' and a list 'violations')"),
        ([Reply(429, {"title": "Too Many Requests", "status": 429, "retryAfter": 0}, {"Content-Type": "application/problem+json"})],
         "Cortex is rate-limiting requests (HTTP 429 Too Many Requests) and still was after 4 attempts; try again later"),
    ],
    ids=["403", "401", "500", "not-json", "not-object", "429-gives-up"],
)
def test_failures_exit_4_when_required_and_warn_when_optional(home, replies, message):
    with FakeCortex(*replies) as cortex:
        required = run(home, "--remote=required", *remote_args(cortex), "wf.yaml")
        optional = run(home, "--remote=optional", *remote_args(cortex), "wf.yaml")
    assert required.exit_code == 4
    assert f"cortex-workflow-lint: error: wf.yaml: Cortex cross-check failed: {message}" in required.stderr
    assert optional.exit_code == 1  # from the local finding
    assert f"cortex-workflow-lint: warning: wf.yaml: Cortex cross-check failed: {message}; keeping the local result" in optional.stderr
    assert optional.stdout.splitlines()[0] == f"{LOCAL_LINE} {LOCAL_MESSAGE}"
    assert "Traceback" not in required.stderr + optional.stderr


def test_a_file_cortex_could_not_check_records_why(home):
    from linter.remote import configure, cross_check
    from linter.report import FileResult

    refused, unread = FileResult("wf.yaml"), FileResult("gone.yaml", error="gone.yaml: cannot read")
    with FakeCortex(Reply(403, {})) as cortex:
        options = configure("optional", api_key=KEY, base_url=cortex.url, no_cache=True, max_wait=0.05, environ={})
        cross_check([refused, unread], {"wf.yaml": WORKFLOW.encode()}, options)
    assert refused.remote_error.startswith("Cortex refused the request (HTTP 403 Forbidden)")
    assert unread.remote_error is None  # never sent


def test_optional_failure_with_a_clean_file_exits_0(home):
    (home / "clean.yaml").write_text(WORKFLOW.replace('isDraft: "no"', "isDraft: false"), encoding="utf-8")
    with FakeCortex(Reply(403, {})) as cortex:
        assert run(home, "--remote=optional", *remote_args(cortex), "clean.yaml").exit_code == 0
        assert run(home, "--remote", *remote_args(cortex), "clean.yaml").exit_code == 4


def test_429_is_retried_honouring_retry_after(home):
    with FakeCortex(Reply(429, {"status": 429}, {"Retry-After": "1"}), Reply(200, {"ok": True, "violations": []})) as cortex:
        started = time.monotonic()
        result = run(home, "--remote", "--base-url", cortex.url, "--remote-max-wait", "0.1", "wf.yaml")
        elapsed = time.monotonic() - started
    assert result.exit_code == 1
    assert len(cortex.requests) == 2
    assert 0.1 <= elapsed < 5  # Retry-After: 1 was capped to --remote-max-wait


def test_429_problem_body_retry_after_is_honoured(home):
    problem = {"type": "about:blank", "title": "Too Many Requests", "status": 429, "retryAfter": 1}
    with FakeCortex(Reply(429, problem, {"Content-Type": "application/problem+json"}), Reply()) as cortex:
        started = time.monotonic()
        result = run(home, "--remote", "--base-url", cortex.url, "--remote-max-wait", "0.1", "wf.yaml")
        elapsed = time.monotonic() - started
    assert result.exit_code == 1 and len(cortex.requests) == 2
    assert elapsed >= 0.1


def test_slow_answer_times_out_without_retrying(home):
    with FakeCortex(Reply(delay=1.5)) as cortex:
        result = run(home, "--remote", *remote_args(cortex, "--remote-timeout", "0.2"), "wf.yaml")
    assert result.exit_code == 4
    assert "Cortex cross-check failed: Cortex did not answer within 0.2 s; raise --remote-timeout" in result.stderr
    assert len(cortex.requests) == 1  # a request that ran out of time is not repeated


def test_connection_refused(home):
    with FakeCortex() as cortex:
        url = cortex.url
    result = run(home, "--remote", "--base-url", url, "--remote-max-wait", "0", "wf.yaml")
    assert result.exit_code == 4
    assert "Cortex cross-check failed: cannot connect to 127.0.0.1; check --base-url and your network" in result.stderr


def test_redirect_to_another_host_does_not_carry_the_key(home):
    with FakeCortex(Reply(403, {"message": "who are you"})) as elsewhere:
        target = elsewhere.url.replace("127.0.0.1", "localhost") + "/api/v1/workflows/validate"
        with FakeCortex(Reply(307, "", {"Location": target})) as cortex:
            result = run(home, "--remote", *remote_args(cortex), "wf.yaml")
    assert cortex.requests[0].headers["authorization"] == f"Bearer {KEY}"
    [moved] = elsewhere.requests
    assert "authorization" not in moved.headers
    assert result.exit_code == 4
    assert "(the request was redirected to localhost, which is not sent the key)" in result.stderr


# -- credentials, cache -----------------------------------------------------


def test_missing_key_is_a_usage_error_when_required_and_a_warning_when_optional(home):
    required = run(home, "--remote=required", "wf.yaml", key=None)
    assert required.exit_code == 2
    assert "--remote: no Cortex API key: pass --api-key, set CORTEX_API_KEY, or add 'api_key' to the [default] section of" in required.stderr
    optional = run(home, "--remote=optional", "wf.yaml", key=None)
    assert optional.exit_code == 1
    assert "warning: no Cortex API key" in optional.stderr and "skipping the Cortex cross-check" in optional.stderr


def test_bare_remote_before_a_path_explains_the_syntax(home):
    result = run(home, "--remote", "wf.yaml")
    assert result.exit_code == 2
    assert "'wf.yaml' is not 'required' or 'optional'. Write --remote=MODE, or put a bare --remote after the paths" in result.stderr
    assert run(home, "wf.yaml", "--remote", "--base-url", "http://127.0.0.1:1", "--remote-max-wait", "0").exit_code == 4


def test_plain_http_is_refused_for_a_remote_host(home):
    result = run(home, "--remote", "--base-url", "http://cortex.example.com", "wf.yaml")
    assert result.exit_code == 2
    assert "refusing to send the API key over plain HTTP to cortex.example.com" in result.stderr


def test_config_file_tenant_section(home):
    config = home / "home" / ".cortex" / "config"
    config.parent.mkdir(parents=True)
    config.write_text(f"[default]\napi_key = wrong\n\n[acme]\napi_key = \"{KEY}\"\nbase_url = http://127.0.0.1:1/\n", encoding="utf-8")
    environ = {"HOME": str(home / "home"), "CORTEX_CONFIG": str(config)}
    credentials = resolve(None, None, "acme", environ)
    assert (credentials.api_key, credentials.base_url) == (KEY, "http://127.0.0.1:1")
    assert KEY not in repr(credentials)
    assert resolve(None, None, None, {**environ, "CORTEX_TENANT_ALIAS": "acme"}).api_key == KEY
    assert resolve(None, None, None, environ).base_url == DEFAULT_BASE_URL
    assert resolve("from-option", "https://x.example", "acme", environ).api_key == "from-option"
    with pytest.raises(CredentialsError, match="tenant 'nope' not found in the Cortex config file"):
        resolve(None, None, "nope", environ)


def test_config_file_is_read_from_home_by_the_cli(home):
    with FakeCortex() as cortex:
        config = home / "home" / ".cortex" / "config"
        config.parent.mkdir(parents=True)
        config.write_text(f"[default]\napi_key = {KEY}\nbase_url = {cortex.url}\n", encoding="utf-8")
        result = run(home, "--remote=required", "wf.yaml", key=None)
    assert result.exit_code == 1
    assert cortex.requests[0].headers["authorization"] == f"Bearer {KEY}"


def test_no_cache_asks_again_and_a_corrupt_entry_is_ignored(home):
    with FakeCortex() as cortex:
        run(home, "--remote", *remote_args(cortex), "wf.yaml")
        run(home, "--remote", *remote_args(cortex), "wf.yaml")
        assert len(cortex.requests) == 1
        run(home, "--remote", "--no-cache", *remote_args(cortex), "wf.yaml")
        assert len(cortex.requests) == 2
        [entry] = (home / "cache").rglob("*.json")
        entry.write_text("{not json", encoding="utf-8")
        assert run(home, "--remote", *remote_args(cortex), "wf.yaml").exit_code == 1
        assert len(cortex.requests) == 3
        assert json.loads(entry.read_text(encoding="utf-8"))["response"] == {"ok": True, "violations": []}


def test_cache_entries_expire(tmp_path):
    cache = cache_module.Cache(tmp_path, ttl=60)
    cache.put("k", {"ok": True, "violations": []})
    assert cache.get("k") == {"ok": True, "violations": []}
    entry = tmp_path / "validate" / "k.json"
    entry.write_text(json.dumps({"stored": time.time() - 61, "response": {"ok": True, "violations": []}}), encoding="utf-8")
    assert cache.get("k") is None


def test_cache_directory_follows_the_platform(monkeypatch, tmp_path):
    monkeypatch.setattr(cache_module.sys, "platform", "linux")
    assert cache_module.default_dir({"XDG_CACHE_HOME": str(tmp_path)}) == tmp_path / "cortex-workflow-lint"
    monkeypatch.setattr(cache_module.sys, "platform", "win32")
    assert cache_module.default_dir({"LOCALAPPDATA": str(tmp_path)}) == tmp_path / "cortex-workflow-lint" / "Cache"


def test_several_files_are_checked_concurrently(home):
    for index in range(6):
        (home / f"wf{index}.yaml").write_text(WORKFLOW.replace("deploy-service", f"deploy-{index}"), encoding="utf-8")
    # Each answer waits until four requests are open at once (a sequential client would wait 20 s
    # for each, and the test would fail), so a slow machine cannot make the overlap look smaller.
    with FakeCortex(Reply(delay=20, at_once=4)) as cortex:
        result = run(home, "--remote", *remote_args(cortex), *[f"wf{i}.yaml" for i in range(6)])
    assert result.exit_code == 1 and len(cortex.requests) == 6
    assert cortex.most_at_once == 4  # never more than the client's workers


def test_https_proxy_is_used_for_cortex_but_not_for_loopback_or_no_proxy():
    from linter.remote.client import _pool_manager

    proxy = {"HTTPS_PROXY": "http://proxy.internal:3128"}
    manager = _pool_manager("https://api.getcortexapp.com", None, proxy)
    assert type(manager).__name__ == "ProxyManager" and manager.proxy.host == "proxy.internal"
    assert type(_pool_manager("https://api.getcortexapp.com", None, {**proxy, "NO_PROXY": "getcortexapp.com"})).__name__ == "PoolManager"
    assert type(_pool_manager("https://127.0.0.1:8443", None, proxy)).__name__ == "PoolManager"


def test_tls_is_verified_and_a_ca_bundle_can_be_given(home):
    import shutil
    import ssl

    if not shutil.which("openssl"):
        pytest.skip("needs openssl to make a certificate")
    cert, key = home / "cert.pem", home / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with FakeCortex(tls=context) as cortex:
        untrusted = run(home, "--remote", *remote_args(cortex), "wf.yaml")
        trusted = run(home, "--remote", *remote_args(cortex, "--ca-bundle", str(cert)), "wf.yaml")
    assert cortex.url.startswith("https://")
    assert untrusted.exit_code == 4
    assert "Cortex cross-check failed: the TLS certificate of 127.0.0.1 could not be verified" in untrusted.stderr
    assert "give your CA bundle with --ca-bundle, REQUESTS_CA_BUNDLE or SSL_CERT_FILE" in untrusted.stderr
    assert trusted.exit_code == 1 and "Cortex cross-check of 1 file" in trusted.stderr
