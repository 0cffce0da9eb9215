"""What the language server keeps from one change to the next, driven in this process (no pipes)."""

from __future__ import annotations

import asyncio
import json

from linter.lsp import linting
from linter.lsp.server import create

WORKFLOW = """\
tag: deploy
name: Deploy
isDraft: false
filter:
  type: GLOBAL
actions:
  - slug: start
    name: Start
    isRootAction: true
    outgoingActions: []
    schema:
      type: JQ
      expression: ".actions"
"""


class Client:
    """Feeds JSON-RPC messages to a server's protocol and keeps what it writes back."""

    def __init__(self) -> None:
        self.server = create()
        self.written: list[bytes] = []
        self.server.protocol.set_writer(self, include_headers=False)

    def write(self, data: bytes) -> None:
        self.written.append(data)

    def send(self, method: str, params: dict, msg_id: int | None = None) -> None:
        message = {"jsonrpc": "2.0", "method": method, "params": params, **({"id": msg_id} if msg_id is not None else {})}
        protocol = self.server.protocol
        protocol.handle_message(protocol.structure_message(message))

    def published_versions(self) -> list[int | None]:
        messages = [json.loads(data) for data in self.written]
        return [m["params"].get("version") for m in messages if m.get("method") == "textDocument/publishDiagnostics"]


async def test_changes_leave_no_futures_behind(tmp_path, monkeypatch):
    """pygls 2.1 kept the future of every didOpen/didChange/didSave/didClose for good (about 600 bytes
    a change); the server's protocol drops it once the handler is done."""
    monkeypatch.setattr(linting, "DEBOUNCE", 0.0)
    client = Client()
    client.send("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}, msg_id=1)
    client.send("initialized", {})
    await asyncio.sleep(0.01)
    futures = len(client.server.protocol._request_futures)
    uri = (tmp_path / "deploy.yaml").as_uri()
    client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": WORKFLOW}})
    for version in range(2, 52):
        change = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": f"{WORKFLOW}# {version}\n"}]}
        client.send("textDocument/didChange", change)
        await asyncio.sleep(0.001)  # the (zero) debounce: the change is linted
    client.send("textDocument/didSave", {"textDocument": {"uri": uri}})
    client.send("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.published_versions() == [*range(1, 52), 51, None]  # each change linted; the save; the close
    assert len(client.server.protocol._request_futures) == futures
