"""``check --remote`` against a hostile server on 127.0.0.1: slow, huge, malformed or echoing the key.

Each run is bounded in time by ``run(..., within=...)``, which also checks that
the API key appears nowhere in standard output, standard error or the cache.
"""

import gzip
import json
import os
import socket
import threading
import time

import pytest
from test_remote import KEY, LOCAL_LINE, LOCAL_MESSAGE, WORKFLOW, home, remote_args, run  # noqa: F401 - home is a fixture

from fake_cortex import FakeCortex, Reply

NOT_A_RESULT = "not a validation result (a JSON object with a boolean 'ok' and a list 'violations')"
DEEP = b"[" * 100_000 + b"]" * 100_000


def failure(result, message: str) -> None:
    """``result`` is a required-mode run that Cortex could not check, for ``message``."""
    assert result.exit_code == 4
    assert f"cortex-workflow-lint: error: wf.yaml: Cortex cross-check failed: {message}\n" in result.stderr
    assert "Traceback" not in result.stderr


# -- time -------------------------------------------------------------------


@pytest.mark.parametrize("paced_headers", [True, False], ids=["slow-headers", "slow-body"])
def test_a_server_sending_a_byte_at_a_time_is_cut_off_at_the_timeout(home, paced_headers):
    slow = Reply(body={"ok": True, "violations": [], "padding": "x" * 200}, pace=0.1, paced_headers=paced_headers)
    with FakeCortex(slow) as cortex:
        started = time.monotonic()
        result = run(home, "--remote=required", *remote_args(cortex, "--remote-timeout", "0.5"), "wf.yaml", within=60)
        elapsed = time.monotonic() - started
    failure(result, "Cortex did not answer within 0.5 s; raise --remote-timeout")
    assert len(cortex.requests) == 1
    assert elapsed < 10  # each byte came within 0.1 s: a timeout per read would wait for all 250 of them (25 s)


def test_a_tls_handshake_sent_a_byte_at_a_time_is_cut_off_at_the_timeout(home):
    listener = socket.create_server(("127.0.0.1", 0))
    closing = threading.Event()

    def serve() -> None:  # the header of a 16 KiB TLS handshake record, then one byte every 0.1 s
        connection, _ = listener.accept()
        with connection:
            connection.sendall(b"\x16\x03\x03\x40\x00")
            while not closing.wait(0.1):
                try:
                    connection.sendall(b"\x00")
                except OSError:
                    return

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        started = time.monotonic()
        url = f"https://127.0.0.1:{listener.getsockname()[1]}"
        result = run(home, "--remote=required", "--base-url", url, "--remote-timeout", "0.5", "wf.yaml", within=60)
        elapsed = time.monotonic() - started
    finally:
        closing.set()
        listener.close()
    failure(result, "Cortex did not answer within 0.5 s; raise --remote-timeout")
    assert elapsed < 10  # a timeout per read would wait for all 16,384 bytes (27 minutes); Python's ssl bounds the whole handshake


def test_a_slow_server_in_optional_mode_keeps_the_local_result(home):
    with FakeCortex(Reply(pace=0.1, paced_headers=True)) as cortex:
        result = run(home, "--remote=optional", *remote_args(cortex, "--remote-timeout", "0.5"), "wf.yaml", within=20)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{LOCAL_LINE} {LOCAL_MESSAGE}"
    assert (
        "cortex-workflow-lint: warning: wf.yaml: Cortex cross-check failed: Cortex did not answer within 0.5 s; "
        "raise --remote-timeout; keeping the local result\n"
    ) in result.stderr


# -- size -------------------------------------------------------------------


def _gzip_bomb() -> bytes:
    """2 MB that inflate to 2 GiB: 128 gzip members of 16 MiB of zeros each."""
    return gzip.compress(bytes(16 << 20), compresslevel=9) * 128


def _large() -> bytes:
    return b'{"ok": true, "violations": [], "padding": "' + b"x" * (17 << 20) + b'"}'


@pytest.mark.parametrize(
    ("body", "headers"),
    [(_gzip_bomb, {"Content-Encoding": "gzip", "Content-Type": "application/json"}), (_large, {})],
    ids=["gzip-bomb-2GiB", "17MiB-plain"],
)
def test_an_answer_over_16_mib_is_refused(home, body, headers):
    with FakeCortex(Reply(body=body(), headers=headers)) as cortex:
        result = run(home, "--remote=required", *remote_args(cortex), "wf.yaml", within=30)
    failure(result, "Cortex's answer is larger than 16 MiB (after decompression)")


def test_stacked_content_encodings_are_refused(home):
    body = json.dumps({"ok": True, "violations": []}).encode()
    for _ in range(5):
        body = gzip.compress(body)
    with FakeCortex(Reply(body=body, headers={"Content-Encoding": "gzip, gzip, gzip, gzip, gzip"})) as cortex:
        result = run(home, "--remote=required", *remote_args(cortex), "wf.yaml", within=20)
    failure(result, "Cortex's answer has 5 content encodings; at most 2 are accepted")


def test_one_gzip_layer_is_read(home):
    body = gzip.compress(json.dumps({"ok": True, "violations": []}).encode())
    with FakeCortex(Reply(body=body, headers={"Content-Encoding": "gzip", "Content-Type": "application/json"})) as cortex:
        result = run(home, "--remote=required", *remote_args(cortex), "wf.yaml", within=20)
    assert result.exit_code == 1
    assert "Cortex cross-check of 1 file: 0 agreed" in result.stderr


def test_a_body_that_is_not_gzip_is_a_clear_failure(home):
    with FakeCortex(Reply(body=b"plain text", headers={"Content-Encoding": "gzip"})) as cortex:
        result = run(home, "--remote=required", *remote_args(cortex), "wf.yaml", within=20)
    assert result.exit_code == 4
    assert "wf.yaml: Cortex cross-check failed: Cortex's answer could not be decompressed: " in result.stderr
    assert "Traceback" not in result.stderr


# -- shape and depth ---------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [{}, {"violations": "oops"}, {"ok": True}, {"ok": "false", "violations": []}, {"ok": True, "violations": {}}, "null"],
    ids=["empty", "violations-a-string", "no-violations", "ok-a-string", "violations-an-object", "null"],
)
def test_an_answer_that_is_not_a_validation_result_is_exit_4(home, body):
    with FakeCortex(Reply(body=body, headers={"Content-Type": "application/json"})) as cortex:
        required = run(home, "--remote=required", *remote_args(cortex), "wf.yaml", within=20)
        optional = run(home, "--remote=optional", *remote_args(cortex), "wf.yaml", within=20)
    failure(required, f"Cortex answered HTTP 200, but {NOT_A_RESULT}")
    assert optional.exit_code == 1
    assert f"warning: wf.yaml: Cortex cross-check failed: Cortex answered HTTP 200, but {NOT_A_RESULT}; keeping the local result" in optional.stderr
    assert not list((home / "cache").rglob("*.json"))  # nothing cached


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (200, "Cortex answered HTTP 200 with JSON nested deeper than 64 levels"),
        (429, "Cortex is rate-limiting requests (HTTP 429 Too Many Requests) and still was after 4 attempts; try again later"),
        (500, "Cortex failed with HTTP 500 after 4 attempts"),
    ],
)
def test_json_nested_100000_deep_is_refused(home, status, message):
    with FakeCortex(Reply(status, DEEP, {"Content-Type": "application/json"})) as cortex:
        result = run(home, "--remote=required", *remote_args(cortex), "wf.yaml", within=20)
    failure(result, message)


def test_json_nested_65_deep_is_refused_and_64_is_read(home):
    deep = {"ok": True, "violations": [], "x": json.loads("[" * 63 + "]" * 63)}  # 64 levels with the outer object
    with FakeCortex(Reply(body=deep), Reply(body={**deep, "x": [deep["x"]]})) as cortex:
        read = run(home, "--remote=required", "--no-cache", *remote_args(cortex), "wf.yaml", within=20)
        refused = run(home, "--remote=required", "--no-cache", *remote_args(cortex), "wf.yaml", within=20)
    assert read.exit_code == 1
    failure(refused, "Cortex answered HTTP 200 with JSON nested deeper than 64 levels")


@pytest.mark.parametrize(
    ("location", "reason"),
    [("http://[::1", "Invalid IPv6 URL"), ("http://127.0.0.1:99999/x", "Failed to parse: http://127.0.0.1:99999/x")],
)
def test_a_redirect_to_something_that_is_not_a_url_is_a_clear_failure(home, location, reason):
    with FakeCortex(Reply(307, "", {"Location": location})) as cortex:
        result = run(home, "--remote=required", *remote_args(cortex), "wf.yaml", within=20)
    failure(result, f"Cortex answered with a redirect that cannot be followed ({reason})")


# -- the cache ----------------------------------------------------------------


def _cached_entry(home, cortex):
    run(home, "--remote", *remote_args(cortex), "wf.yaml")
    [entry] = (home / "cache").rglob("*.json")
    return entry


def _replace(entry, make) -> None:
    entry.unlink()
    make(entry)


@pytest.mark.parametrize(
    "make",
    [
        lambda entry: entry.write_bytes(b'{"stored": 1, "response": ' + DEEP + b"}"),
        os.mkfifo,
        lambda entry: entry.write_bytes(json.dumps({"stored": time.time(), "response": {"ok": True, "violations": [], "x": "x" * (17 << 20)}}).encode()),
        lambda entry: entry.write_text(json.dumps({"stored": time.time(), "response": {"violations": "oops"}}), encoding="utf-8"),
    ],
    ids=["nested-100000-deep", "fifo", "over-16MiB", "not-a-result"],
)
def test_a_cache_entry_that_cannot_be_trusted_is_a_miss(home, make):
    with FakeCortex() as cortex:
        entry = _cached_entry(home, cortex)
        _replace(entry, make)
        result = run(home, "--remote", *remote_args(cortex), "wf.yaml", within=20)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert len(cortex.requests) == 2  # asked again
    assert json.loads(entry.read_text(encoding="utf-8"))["response"] == {"ok": True, "violations": []}


def test_a_cache_entry_that_is_a_link_is_not_followed(home):
    forged = home / "forged.json"
    forged.write_text(json.dumps({"stored": time.time(), "response": {"ok": False, "violations": [{"title": "forged"}]}}), encoding="utf-8")
    with FakeCortex() as cortex:
        entry = _cached_entry(home, cortex)
        _replace(entry, lambda e: e.symlink_to(forged))
        result = run(home, "--remote", *remote_args(cortex), "wf.yaml", within=20)
    assert len(cortex.requests) == 2
    assert "forged" not in result.stdout
    assert not entry.is_symlink()  # the fresh answer replaced the link, not the file it pointed to
    assert "forged" in forged.read_text(encoding="utf-8")


# -- the API key --------------------------------------------------------------


def test_a_key_echoed_by_the_server_is_never_shown_nor_cached(home):
    escaped = "".join(f"\\u{ord(c):04x}" for c in KEY)  # the same key, JSON-escaped
    body = (
        '{"ok": false, "violations": [{"title": "Key ' + KEY + '", "description": "You sent ' + escaped + '",'
        ' "violationType": "MUST", "pointer": "/name", "paths": ["' + KEY + '"]}], "' + KEY + '": 1}'
    )
    with FakeCortex(Reply(body=body, headers={"Content-Type": "application/json"})) as cortex:
        text = run(home, "--remote", *remote_args(cortex), "wf.yaml")
        as_json = run(home, "--remote", *remote_args(cortex), "-f", "json", "wf.yaml")  # from the cache
    assert len(cortex.requests) == 1
    assert "You sent <hidden>" in text.stdout
    [remote] = [v for v in json.loads(as_json.stdout)["files"][0]["violations"] if v["ruleId"] == "remote"]
    assert (remote["title"], remote["description"]) == ("Key <hidden>", "You sent <hidden>")


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(500, {"message": f"bad token {KEY}"}), "Cortex failed with HTTP 500 after 4 attempts: bad token <hidden>"),
        (Reply(200, "oops", {"Content-Type": f"text/{KEY}"}), "Cortex answered HTTP 200, but the body is not JSON (text/<hidden>)"),
    ],
    ids=["500-message", "content-type"],
)
def test_a_key_echoed_in_an_error_is_hidden(home, reply, message):
    with FakeCortex(reply) as cortex:
        result = run(home, "--remote", *remote_args(cortex), "wf.yaml")
    failure(result, message)


@pytest.mark.parametrize("saved", [f"{KEY}\r", f"{KEY}\r\n", f" '{KEY}'\t"], ids=["CR", "CRLF", "quoted"])
def test_whitespace_around_the_key_is_stripped(home, saved):
    with FakeCortex() as cortex:
        result = run(home, "--remote", *remote_args(cortex), "wf.yaml", key=saved)
    assert result.exit_code == 1
    assert cortex.requests[0].headers["authorization"] == f"Bearer {KEY}"


def test_a_key_saved_with_crlf_in_the_config_file_works(home):
    with FakeCortex() as cortex:
        config = home / "home" / ".cortex" / "config"
        config.parent.mkdir(parents=True)
        config.write_bytes(f"[default]\r\napi_key = {KEY}\r\nbase_url = {cortex.url}\r\n".encode())
        result = run(home, "--remote", "--remote-max-wait", "0", "wf.yaml", key=None)
    assert result.exit_code == 1
    assert cortex.requests[0].headers["authorization"] == f"Bearer {KEY}"


@pytest.mark.parametrize("bad", ["sk-Zq81\x1bYw3XvP0", "sk-Zq81\r\nYw3XvP0", "sk-Zq81Yw3XvP0\u20ac"], ids=["ESC", "CRLF-inside", "euro-sign"])
def test_a_key_that_cannot_go_into_a_header_is_a_usage_error_that_hides_it(home, bad):
    message = (
        "the Cortex API key holds a control character or a character outside Latin-1, which an HTTP header cannot "
        "carry; check how the key was copied or saved (the key is not shown)"
    )
    with FakeCortex() as cortex:
        required = run(home, "--remote=required", *remote_args(cortex), "wf.yaml", key=bad)
        optional = run(home, "--remote=optional", *remote_args(cortex), "wf.yaml", key=bad)
    assert required.exit_code == 2
    assert f"--remote: {message}" in required.stderr
    assert optional.exit_code == 1
    assert f"cortex-workflow-lint: warning: {message}; skipping the Cortex cross-check" in optional.stderr
    assert not cortex.requests
    for output in (required.stdout, required.stderr, optional.stdout, optional.stderr):
        assert "sk-Zq81" not in output and "Yw3XvP0" not in output


# -- text from the server, and usage errors -----------------------------------


def test_control_characters_from_the_server_are_escaped_on_stderr_and_kept_in_the_result(home):
    with FakeCortex(Reply(500, {"message": "boom\x1b[31m\x07"})) as cortex:
        failed = run(home, "--remote", *remote_args(cortex), "wf.yaml")
    failure(failed, "Cortex failed with HTTP 500 after 4 attempts: boom\\x1b[31m\\x07")
    body = {"ok": False, "violations": [{"title": "Bell", "description": "ring\x07 \x1b]0;title\x07", "pointer": "/name"}]}
    with FakeCortex(Reply(body=body)) as cortex:
        result = run(home, "--remote", *remote_args(cortex), "-f", "json", "wf.yaml")
    [remote] = [v for v in json.loads(result.stdout)["files"][0]["violations"] if v["ruleId"] == "remote"]
    assert remote["description"] == "ring\x07 \x1b]0;title\x07"  # stored as sent; the human formats escape it
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "-inf", "soon"])
def test_a_timeout_that_is_not_a_finite_positive_number_is_a_usage_error(home, value):
    result = run(home, "--remote", "--base-url", "http://127.0.0.1:1", "--remote-timeout", value, "wf.yaml")
    assert result.exit_code == 2
    assert f"Invalid value for '--remote-timeout': {value!r} is not a number of seconds of at least 0.1" in result.stderr
    waited = run(home, "--remote", "--base-url", "http://127.0.0.1:1", "--remote-max-wait", value, "wf.yaml")
    assert waited.exit_code == (4 if value == "0" else 2)


@pytest.mark.parametrize("url", ["http://[::1", "http://127.0.0.1:99999", "http://127.0.0.1\n:80", "ftp://127.0.0.1"])
def test_a_base_url_that_is_not_a_url_is_a_usage_error(home, url, monkeypatch):
    monkeypatch.setenv("CORTEX_BASE_URL", url)
    result = run(home, "wf.yaml", "--remote")
    assert result.exit_code == 2
    assert f"--remote: the Cortex base URL must look like https://api.getcortexapp.com, not {url.strip()!r}" in result.stderr
