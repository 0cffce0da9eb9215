"""The language server case of the benchmark: how long an edit takes to reach the editor, and memory.

Starts ``cortex-workflow-lint server`` from the benchmark's virtual environment and speaks LSP to it
over pipes (a small client here, so the runner needs no LSP library).  For each input it sends
``didChange`` (the whole text, one line different each time), waits for the ``publishDiagnostics``
of that version, and takes the time between them minus the server's debounce: the median of
``changes`` edits.  For memory it sends 10,000 changes, each followed by a hover request (a request
lints a pending change at once, so every change is linted without waiting for the debounce), and
reads the server's resident size before and after.
"""

from __future__ import annotations

import json
import os
import queue
import statistics
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

TIMEOUT = 60.0
"""Seconds to wait for any one answer before the benchmark gives up."""


class Server:
    def __init__(self, command: list[str], root: Path) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=root)
        assert self.process.stdin is not None and self.process.stdout is not None  # both are pipes
        self._stdin, self._stdout = self.process.stdin, self.process.stdout
        self.messages: queue.Queue[dict] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})

    def _read(self) -> None:
        stream = self._stdout
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = stream.read(1)
                if not byte:
                    return
                header += byte
            length = next(int(line.split(b":")[1]) for line in header.split(b"\r\n") if line.lower().startswith(b"content-length"))
            self.messages.put(json.loads(stream.read(length)))

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self._stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self._stdin.flush()

    def notify(self, method: str, params: dict | None) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: dict | None) -> dict:
        self.next_id += 1
        self._send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m)

    def wait(self, matches: Callable[[dict], bool]) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
            if matches(message):
                return message

    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024

    def cpu_seconds(self) -> float:
        """User and system CPU time the server has used so far (in clock ticks: exact over many changes)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=TIMEOUT)


def _published(uri: str, version: int) -> Callable[[dict], bool]:
    return lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri and m["params"].get("version") == version


def latency_ms(server: Server, path: Path, text: str, changes: int, debounce: float) -> tuple[float, float]:
    """(median milliseconds from didChange to its publishDiagnostics, the debounce subtracted;
    the server's mean CPU milliseconds per change, which a loaded machine inflates far less)."""
    uri = path.as_uri()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    server.wait(_published(uri, 1))
    samples = []
    cpu = server.cpu_seconds()
    for version in range(2, changes + 2):
        changed = f"{text}# edit {version}\n"
        started = time.perf_counter()
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": changed}]})
        server.wait(_published(uri, version))
        samples.append(time.perf_counter() - started - debounce)
    cpu = server.cpu_seconds() - cpu
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return statistics.median(samples) * 1000, cpu / changes * 1000


def rss_growth_mb(server: Server, path: Path, text: str, changes: int) -> tuple[float, float]:
    """(resident MB after a warm-up of 100 changes, MB more after ``changes`` more)."""
    uri = path.as_uri()
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})

    def edit(version: int) -> None:
        server.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": f"{text}# edit {version}\n"}]})
        server.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})

    for version in range(2, 102):
        edit(version)
    before = server.rss_mb()
    for version in range(102, 102 + changes):
        edit(version)
    return before, server.rss_mb() - before
