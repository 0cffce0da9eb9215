"""The language server parses a changed document while its debounce runs, so that the lint at
the end of the debounce only checks (driven in this process: no pipes)."""

from __future__ import annotations

import asyncio
import json
import time

from test_lsp_memory import WORKFLOW, Client

from linter.lsp import linting

DEBOUNCE = 0.2


async def opened(tmp_path, monkeypatch, slow_open: bool = False) -> tuple[Client, str, list[str]]:
    """A server with ``deploy.yaml`` open; the texts it parses are appended to the list returned."""
    monkeypatch.setattr(linting, "DEBOUNCE", DEBOUNCE)
    parsed: list[str] = []
    real_load = linting.load

    def load(data: bytes, *args):
        parsed.append(data.decode())
        if slow_open and len(parsed) == 1:
            time.sleep(DEBOUNCE + 0.05)  # a parse that takes longer than the debounce
        return real_load(data, *args)

    monkeypatch.setattr(linting, "load", load)
    client = Client()
    client.send("initialize", {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}, msg_id=1)
    client.send("initialized", {})
    uri = (tmp_path / "deploy.yaml").as_uri()
    client.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": WORKFLOW}})
    return client, uri, parsed


def change(client: Client, uri: str, version: int, text: str) -> None:
    client.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})


async def test_a_change_is_parsed_at_once_and_linted_from_that_parse_when_the_debounce_ends(tmp_path, monkeypatch):
    client, uri, parsed = await opened(tmp_path, monkeypatch)
    change(client, uri, 2, WORKFLOW + "# 2\n")
    await asyncio.sleep(DEBOUNCE / 4)
    assert parsed == [WORKFLOW, WORKFLOW + "# 2\n"]
    assert client.published_versions() == [1]  # the debounce still runs
    await asyncio.sleep(DEBOUNCE)
    assert client.published_versions() == [1, 2]
    assert parsed == [WORKFLOW, WORKFLOW + "# 2\n"]  # not parsed again


async def test_a_burst_of_changes_parses_only_the_newest_text(tmp_path, monkeypatch):
    client, uri, parsed = await opened(tmp_path, monkeypatch)
    for version in range(2, 7):  # received together: the server parses once it has read them all
        change(client, uri, version, f"{WORKFLOW}# {version}\n")
    await asyncio.sleep(DEBOUNCE * 1.5)
    assert client.published_versions() == [1, 6]
    assert parsed == [WORKFLOW, f"{WORKFLOW}# 6\n"]


async def test_a_document_slower_to_parse_than_the_debounce_is_parsed_when_it_ends(tmp_path, monkeypatch):
    client, uri, parsed = await opened(tmp_path, monkeypatch, slow_open=True)
    change(client, uri, 2, WORKFLOW + "# 2\n")
    await asyncio.sleep(DEBOUNCE / 4)
    assert parsed == [WORKFLOW]
    await asyncio.sleep(DEBOUNCE)
    assert client.published_versions() == [1, 2]
    assert parsed == [WORKFLOW, WORKFLOW + "# 2\n"]


async def test_a_parse_made_with_the_old_configuration_is_not_used(tmp_path, monkeypatch):
    client, uri, parsed = await opened(tmp_path, monkeypatch)
    changed = WORKFLOW.replace("type: GLOBAL", "type: EVERYWHERE")
    change(client, uri, 2, changed)
    await asyncio.sleep(DEBOUNCE / 4)  # parsed with the settings of no configuration file
    (tmp_path / ".cortex-workflow-lint.yaml").write_text("ignore: [enum-value]\n", encoding="utf-8")
    config = (tmp_path / ".cortex-workflow-lint.yaml").as_uri()
    client.send("workspace/didChangeWatchedFiles", {"changes": [{"uri": config, "type": 1}]})
    messages = [json.loads(data) for data in client.written]
    published = [m["params"] for m in messages if m.get("method") == "textDocument/publishDiagnostics"]
    assert [(p["version"], [d["code"] for d in p["diagnostics"]]) for p in published] == [(1, []), (2, [])]
    assert parsed == [WORKFLOW, changed, changed]  # parsed again with the new configuration
