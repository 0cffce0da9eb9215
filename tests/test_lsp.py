"""The language server end to end: ``cortex-workflow-lint server`` as a subprocess, driven by pytest-lsp."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_asyncio
import pytest_lsp
from click.testing import CliRunner
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from fake_cortex import FakeCortex
from linter.cli import main

SERVER = [sys.executable, "-m", "linter", "server"]
TIMEOUT = 20
"""Seconds any wait for the server may take before the test fails (a guard against a hang)."""

DEPLOY = """\
tag: deploy
name: Deploy
isDraft: false
filter:
  type: GLOBAL
actions:
  - slug: start
    name: Start
    isRootAction: true
    outgoingActions: [done]
    schema:
      type: JQ
      expression: ".actions"
  - slug: done
    name: Done
    isRootAction: true
    outgoingActions: []
    schema: {expression: "\U0001f680 and \u2728", type: JQQ}
"""
LINK = "https://github.com/cortex-workflow-lint/cortex-workflow-lint/blob/main/docs/rules/"
ENUM_MESSAGE = (
    "Invalid value 'JQQ' for 'schema.type' of block 'done' (JQQ); expected one of: HTTP_REQUEST, HTTP_REQUEST_ASYNC, "
    "ADVANCED_HTTP_REQUEST, USER_INPUT, JQ, JAVASCRIPT, SLACK, MANUAL_APPROVAL, CONDITIONAL_BRANCH, "
    "GITHUB_CREATE_OR_UPDATE_FILE, MS_TEAMS_SEND_MESSAGE, SET_VARIABLES, SCAFFOLDER, AWS, PAGERDUTY_CREATE_INCIDENT, "
    "JIRA_CREATE_ISSUE. Did you mean 'JQ'?"
)


def capabilities(snippets: bool = False, resolve: bool = False) -> types.ClientCapabilities:
    resolving = types.CodeActionClientCapabilities(data_support=True, resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"]))
    return types.ClientCapabilities(
        workspace=types.WorkspaceClientCapabilities(
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True, snippet_edit_support=snippets),
        ),
        text_document=types.TextDocumentClientCapabilities(code_action=resolving) if resolve else None,
    )


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
async def server(lsp_client: LanguageClient):
    """One server for the module's tests (the tests of start-up and of the server's environment
    start their own): each test has a directory of its own, and ``client`` starts it clean."""
    lsp_client.registrations = []

    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    await lsp_client.initialize_session(types.InitializeParams(capabilities=capabilities()))
    yield
    await lsp_client.shutdown_session()


@pytest_asyncio.fixture(loop_scope="module")
async def client(server: LanguageClient):
    """The module's server, with no message shown yet; the documents a test opens are closed after it."""
    opened: list[str] = []
    real_open = server.text_document_did_open

    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        if params.text_document.uri not in opened:
            opened.append(params.text_document.uri)
        real_open(params)

    server.text_document_did_open = did_open
    server.messages.clear()
    yield server
    del server.text_document_did_open
    await close(server, opened)


async def close(client: LanguageClient, uris: list[str]) -> None:
    """Close the documents, and return once the server has handled that: a request sent after
    the closes is answered after them (in order), so no diagnostics for them reach the next test."""
    for uri in uris:
        client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    if uris:
        await asyncio.wait_for(client.text_document_hover_async(hover_at(uris[-1], 0, 0)), TIMEOUT)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository (its root stops the search for configuration files) holding deploy.yaml."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "deploy.yaml").write_text(DEPLOY, encoding="utf-8")
    return tmp_path


class Editor:
    """The documents a test has open, with their versions."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

    async def published(self, uri: str, send) -> types.PublishDiagnosticsParams:
        """Do ``send()`` and return the next diagnostics the server publishes for ``uri``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + TIMEOUT
        future = asyncio.wrap_future(self.client.protocol.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS))
        send()
        while True:
            params = await asyncio.wait_for(future, deadline - loop.time())
            if params.uri == uri:
                return params
            future = asyncio.wrap_future(self.client.protocol.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS))

    async def open(self, path: Path, text: str | None = None) -> types.PublishDiagnosticsParams:
        uri = path.as_uri()
        self.texts[uri] = path.read_text(encoding="utf-8") if text is None else text
        self.versions[uri] = 1
        item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=self.texts[uri])
        return await self.published(uri, lambda: self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item)))

    def change(self, uri: str, text: str) -> None:
        """Replace the whole text, as a ranged (incremental) change."""
        old = self.texts[uri]
        lines = old.split("\n")
        whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=len(lines) - 1, character=len(lines[-1])))
        self.versions[uri] += 1
        self.texts[uri] = text
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
                content_changes=[types.TextDocumentContentChangePartial(range=whole, text=text)],
            )
        )

    async def changed(self, uri: str, text: str) -> types.PublishDiagnosticsParams:
        return await self.published(uri, lambda: self.change(uri, text))


def rows(diagnostics) -> list[tuple]:
    return [
        (d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity.name, d.code)
        for d in diagnostics
    ]


DEPLOY_ROWS = [  # root-has-incoming-edge for start -> done follows from 'done' being a second root (linter.cascade)
    (15, 18, 15, 22, "Error", "root-action"),
    (17, 43, 17, 46, "Error", "enum-value"),
]


async def test_open_publishes_exact_diagnostics(client: LanguageClient, repo: Path):
    published = await Editor(client).open(repo / "deploy.yaml")
    uri = (repo / "deploy.yaml").as_uri()
    assert published.version == 1
    assert rows(published.diagnostics) == DEPLOY_ROWS
    # The JQQ is after an emoji (two UTF-16 code units) and a BMP sparkle (one): character 43, not 42.
    assert published.diagnostics[1] == types.Diagnostic(
        range=types.Range(start=types.Position(line=17, character=43), end=types.Position(line=17, character=46)),
        severity=types.DiagnosticSeverity.Error,
        code="enum-value",
        code_description=types.CodeDescription(href=LINK + "enum-value.md"),
        source="cortex-workflow-lint",
        message=ENUM_MESSAGE,
    )
    assert published.diagnostics[0] == types.Diagnostic(
        range=types.Range(start=types.Position(line=15, character=18), end=types.Position(line=15, character=22)),
        severity=types.DiagnosticSeverity.Error,
        code="root-action",
        code_description=types.CodeDescription(href=LINK + "root-action.md"),
        source="cortex-workflow-lint",
        message="Block 'done' has 'isRootAction: true', but so does block 'start'; a workflow has exactly one root block",
        related_information=(
            types.DiagnosticRelatedInformation(
                location=types.Location(uri=uri, range=types.Range(start=types.Position(line=8, character=18), end=types.Position(line=8, character=22))),
                message="block 'start' is the first root",
            ),
        ),
    )


async def test_a_burst_of_changes_is_linted_once_on_the_last_text(client: LanguageClient, repo: Path):
    editor = Editor(client)
    uri = (repo / "deploy.yaml").as_uri()
    await editor.open(repo / "deploy.yaml")

    def burst() -> None:
        for n in range(5):
            editor.change(uri, DEPLOY.replace("name: Done", f"name: Done {n}"))
        editor.change(uri, DEPLOY.replace("    isRootAction: true\n    outgoingActions: []", "    isRootAction: false\n    outgoingActions: []"))

    published = await editor.published(uri, burst)
    assert published.version == 7  # no result for versions 2 to 6
    assert rows(published.diagnostics) == [(17, 43, 17, 46, "Error", "enum-value")]


async def test_save_lints_at_once_and_a_document_that_stops_being_a_workflow_or_closes_is_cleared(client: LanguageClient, repo: Path):
    editor = Editor(client)
    uri = (repo / "deploy.yaml").as_uri()
    await editor.open(repo / "deploy.yaml")
    editor.change(uri, DEPLOY.replace("type: JQQ", "type: JQ"))
    save = types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    saved = await editor.published(uri, lambda: client.text_document_did_save(save))
    assert (saved.version, rows(saved.diagnostics)) == (2, DEPLOY_ROWS[:1])

    cleared = await editor.changed(uri, "name: not a workflow any more\n")
    assert (cleared.version, cleared.diagnostics) == (None, ())
    again = await editor.changed(uri, DEPLOY)
    assert (again.version, rows(again.diagnostics)) == (4, DEPLOY_ROWS)

    close = types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    closed = await editor.published(uri, lambda: client.text_document_did_close(close))
    assert closed.diagnostics == ()


async def test_settings_of_the_directory_and_suppression_comments_apply_and_include_exclude_do_not(client: LanguageClient, repo: Path):
    (repo / ".cortex-workflow-lint.yaml").write_text(
        'include: ["*.json"]\nexclude: ["*.yaml"]\nper-path-ignores: {"deploy.yaml": [root-action]}\n', encoding="utf-8"
    )
    text = DEPLOY.replace("type: JQQ}", "type: JQQ}  # cortex-workflow-lint: disable=enum-value -- tested elsewhere")
    published = await Editor(client).open(repo / "deploy.yaml", text + "runResponseTemplat: hi\n")
    assert rows(published.diagnostics) == [(18, 0, 18, 18, "Warning", "unknown-field")]


async def test_a_configuration_change_lints_the_open_documents_again(client: LanguageClient, repo: Path):
    editor = Editor(client)
    uri = (repo / "deploy.yaml").as_uri()
    await editor.open(repo / "deploy.yaml")
    assert [(r.method, [w["globPattern"] for w in r.register_options["watchers"]]) for r in client.registrations] == [
        ("workspace/didChangeWatchedFiles", ["**/.cortex-workflow-lint.yaml", "**/pyproject.toml"])
    ]
    config = repo / ".cortex-workflow-lint.yaml"
    config.write_text("severity: {root-action: MAY, enum-value: HINT}\n", encoding="utf-8")
    created = types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)])
    published = await editor.published(uri, lambda: client.workspace_did_change_watched_files(created))
    assert rows(published.diagnostics) == [
        (15, 18, 15, 22, "Information", "root-action"),
        (17, 43, 17, 46, "Hint", "enum-value"),
    ]

    config.write_text("ignore: [enum-value, root-action]\n", encoding="utf-8")
    save = types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config.as_uri()))
    published = await editor.published(uri, lambda: client.text_document_did_save(save))
    assert rows(published.diagnostics) == []


async def test_a_broken_configuration_is_shown_once_and_the_document_gets_no_diagnostics(client: LanguageClient, repo: Path):
    (repo / ".cortex-workflow-lint.yaml").write_text("ignore: [no-such-rule]\n", encoding="utf-8")
    editor = Editor(client)
    uri = (repo / "deploy.yaml").as_uri()
    item = types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=DEPLOY)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    editor.texts[uri], editor.versions[uri] = DEPLOY, 1
    # The server answers requests in order: once the hover is answered, the open was handled.
    hover = await asyncio.wait_for(client.text_document_hover_async(hover_at(uri, 15, 20)), TIMEOUT)
    assert hover is None
    assert [(m.type, m.message) for m in client.messages] == [
        (types.MessageType.Error, f"cortex-workflow-lint: {repo / '.cortex-workflow-lint.yaml'}: ignore: unknown rule 'no-such-rule'.")
    ]


def hover_at(uri: str, line: int, character: int) -> types.HoverParams:
    return types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=character))


async def test_hover_on_a_diagnostic_explains_its_rule(client: LanguageClient, repo: Path):
    editor = Editor(client)
    uri = (repo / "deploy.yaml").as_uri()
    await editor.open(repo / "deploy.yaml")
    hover = await asyncio.wait_for(client.text_document_hover_async(hover_at(uri, 15, 20)), TIMEOUT)
    assert hover.range == types.Range(start=types.Position(line=15, character=18), end=types.Position(line=15, character=22))
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value == HOVER_ROOT_ACTION
    assert await asyncio.wait_for(client.text_document_hover_async(hover_at(uri, 0, 2)), TIMEOUT) is None


HOVER_ROOT_ACTION = (
    "**Exactly one block must be the root**\n\n"
    "`root-action` · violationType `MUST`\n\n"
    "Checks that exactly one block has `isRootAction: true` whenever `actions` is not empty. With no root it reports "
    "the `actions` key; with several it reports each root after the first, at its `isRootAction` value, and names "
    "the other roots (three of them, then how many more).\n\n"
    f"[Documentation]({LINK}root-action.md)"
)


async def test_requests_are_answered_on_the_current_text(client: LanguageClient, repo: Path):
    """A hover right after a change (well within the debounce) sees the changed text."""
    editor = Editor(client)
    uri = (repo / "deploy.yaml").as_uri()
    await editor.open(repo / "deploy.yaml")
    editor.change(uri, "# one more line\n" + DEPLOY)
    hover = await asyncio.wait_for(client.text_document_hover_async(hover_at(uri, 16, 20)), TIMEOUT)
    assert hover is not None and hover.range.start.line == 16


def code_actions_at(uri: str, line: int, character: int, only: list[str] | None = None) -> types.CodeActionParams:
    here = types.Position(line=line, character=character)
    return types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=here, end=here),
        context=types.CodeActionContext(diagnostics=[], only=only),
    )


def apply(text: str, edits) -> str:
    """Apply LSP text edits (UTF-16 positions) to ``text``."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        units = lines[position.line].encode("utf-16-le")[: 2 * position.character].decode("utf-16-le")
        return before + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        new_text = edit.new_text if isinstance(edit, types.TextEdit) else edit.snippet.value
        text = text[: offset(edit.range.start)] + new_text + text[offset(edit.range.end) :]
    return text


async def test_suppression_code_actions_insert_a_comment_that_removes_the_diagnostic(client: LanguageClient, repo: Path):
    editor = Editor(client)
    uri = (repo / "deploy.yaml").as_uri()
    published = await editor.open(repo / "deploy.yaml")
    actions = await asyncio.wait_for(client.text_document_code_action_async(code_actions_at(uri, 17, 44)), TIMEOUT)
    assert [(a.title, a.kind, a.diagnostics) for a in actions] == [
        ("Replace with 'JQ' (unsafe: check the result)", "quickfix", (published.diagnostics[1],)),
        ("Suppress enum-value on this line", "quickfix", (published.diagnostics[1],)),
        ("Suppress enum-value in this file", "quickfix", (published.diagnostics[1],)),
    ]
    on_line, in_file = (action.edit.changes[uri] for action in actions[1:])
    assert on_line == (
        types.TextEdit(
            range=types.Range(start=types.Position(line=17, character=47), end=types.Position(line=17, character=47)),
            new_text="  # cortex-workflow-lint: disable=enum-value -- reason",
        ),
    )
    assert in_file == (
        types.TextEdit(
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            new_text="# cortex-workflow-lint: disable-file=enum-value -- reason\n",
        ),
    )
    for edits in (on_line, in_file):
        published = await editor.changed(uri, apply(DEPLOY, edits))
        assert [d.code for d in published.diagnostics] == ["root-action"]

    # A rule suppressed on a line that has a suppression comment joins its list.
    commented = DEPLOY.replace("name: Done\n    isRootAction: true", "name: Done\n    isRootAction: true  # cortex-workflow-lint: disable=unknown-field -- old")
    await editor.changed(uri, commented)
    actions = await asyncio.wait_for(client.text_document_code_action_async(code_actions_at(uri, 15, 20)), TIMEOUT)
    assert actions[0].title == "Suppress root-action on this line"
    assert actions[0].edit.changes[uri] == (
        types.TextEdit(range=types.Range(start=types.Position(line=15, character=69), end=types.Position(line=15, character=69)), new_text=",root-action"),
    )
    published = await editor.changed(uri, apply(commented, actions[0].edit.changes[uri]))
    assert "root-action" not in [d.code for d in published.diagnostics]


async def test_a_client_with_snippets_and_resolve_gets_a_placeholder_and_fix_all_on_resolve(repo: Path):
    """Snippet support: the reason is a placeholder.  Resolve support: the fix-all action comes
    without its edit (working it out lints again, and editors ask at every move of the cursor),
    and codeAction/resolve gives it."""
    client = await ClientServerConfig(server_command=SERVER).start()
    try:
        await asyncio.wait_for(client.initialize_session(types.InitializeParams(capabilities=capabilities(snippets=True, resolve=True))), TIMEOUT)
        editor = Editor(client)
        uri = (repo / "deploy.yaml").as_uri()
        await editor.open(repo / "deploy.yaml")
        actions = await asyncio.wait_for(client.text_document_code_action_async(code_actions_at(uri, 17, 44)), TIMEOUT)
        (change,) = actions[1].edit.document_changes
        assert change.text_document == types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=1)
        assert change.edits == (
            types.SnippetTextEdit(
                range=types.Range(start=types.Position(line=17, character=47), end=types.Position(line=17, character=47)),
                snippet=types.StringValue(value="  # cortex-workflow-lint: disable=enum-value -- ${1:reason}"),
            ),
        )

        text = DEPLOY.replace("outgoingActions: [done]", "outgoingActions: [done, done]")
        await editor.changed(uri, text)
        only_fix_all = code_actions_at(uri, 0, 0, only=["source.fixAll"])
        (deferred,) = await asyncio.wait_for(client.text_document_code_action_async(only_fix_all), TIMEOUT)
        assert (deferred.title, deferred.kind, deferred.edit, deferred.data) == (
            "Fix all safe problems (cortex-workflow-lint)", "source.fixAll.cortex-workflow-lint", None, {"uri": uri}
        )
        resolved = await asyncio.wait_for(client.code_action_resolve_async(deferred), TIMEOUT)
        assert (resolved.title, resolved.kind) == (deferred.title, deferred.kind)
        assert apply(text, resolved.edit.changes[uri]) == DEPLOY
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
    finally:
        await client.stop()


def test_the_server_writes_nothing_but_lsp_messages_to_standard_output(repo: Path):
    uri = (repo / "deploy.yaml").as_uri()
    messages = [
        {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": repo.as_uri(), "capabilities": {}}},
        {"method": "initialized", "params": {}},
        {"method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": DEPLOY}}},
        {"id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": uri}, "position": {"line": 15, "character": 20}}},
        {"id": 3, "method": "shutdown"},
        {"method": "exit"},
    ]
    stdin = b"".join(frame({"jsonrpc": "2.0", **message}) for message in messages)
    result = subprocess.run(SERVER, check=False, input=stdin, capture_output=True, timeout=TIMEOUT, cwd=repo)
    assert result.returncode == 0, result.stderr.decode()
    received = []
    rest = result.stdout
    while rest:
        header, separator, rest = rest.partition(b"\r\n\r\n")
        assert separator and header.startswith(b"Content-Length: "), f"not an LSP message: {header[:200]!r}"
        length = int(header.split(b"\r\n")[0].removeprefix(b"Content-Length: "))
        assert all(line.startswith(b"Content-Type: ") for line in header.split(b"\r\n")[1:]), header
        received.append(json.loads(rest[:length]))
        rest = rest[length:]
    assert all(message["jsonrpc"] == "2.0" for message in received)
    by_kind = {message.get("method") or f"response {message['id']}": message for message in received}
    assert [d["code"] for d in by_kind["textDocument/publishDiagnostics"]["params"]["diagnostics"]] == [
        "root-action",
        "enum-value",
    ]
    assert by_kind["response 2"]["result"]["contents"]["value"] == HOVER_ROOT_ACTION
    assert by_kind["response 3"]["result"] is None


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n%s" % (len(body), body)


def test_without_the_lsp_extra_the_server_command_says_which_extra_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pygls", None)  # as if it were not installed
    result = CliRunner().invoke(main, ["server"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "cortex-workflow-lint: error: the language server needs the 'lsp' extra (pygls not installed): "
        "pip install 'cortex-workflow-lint[lsp]', or '.[lsp]' from a checkout\n"
    )


async def test_the_remote_cross_check_never_runs_from_the_server(repo: Path):
    """Even with Cortex credentials in the environment, the server asks Cortex nothing."""
    with FakeCortex() as cortex:
        environment = {**os.environ, "CORTEX_API_KEY": "secret", "CORTEX_BASE_URL": cortex.url}
        client = await ClientServerConfig(server_command=SERVER, server_env=environment).start()
        try:
            await asyncio.wait_for(client.initialize_session(types.InitializeParams(capabilities=capabilities())), TIMEOUT)
            published = await Editor(client).open(repo / "deploy.yaml")
            assert rows(published.diagnostics) == DEPLOY_ROWS
            await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
        finally:
            await client.stop()
        assert cortex.requests == []


async def test_fixes_are_quick_fixes_and_fix_all_applies_the_safe_ones(client: LanguageClient, repo: Path):
    editor = Editor(client)
    uri = (repo / "deploy.yaml").as_uri()
    text = DEPLOY.replace("outgoingActions: [done]", "outgoingActions: [done, done]")
    published = await editor.open(repo / "deploy.yaml", text)
    assert [d.code for d in published.diagnostics] == ["duplicate-outgoing-action", "root-action", "enum-value"]

    actions = await asyncio.wait_for(client.text_document_code_action_async(code_actions_at(uri, 9, 30)), TIMEOUT)
    fix = actions[0]
    assert (fix.title, fix.kind, fix.is_preferred, fix.diagnostics) == (
        "Remove the repeated 'done'", "quickfix", True, (published.diagnostics[0],)
    )
    assert fix.edit.changes[uri] == (
        types.TextEdit(range=types.Range(start=types.Position(line=9, character=26), end=types.Position(line=9, character=32)), new_text=""),
    )
    unsafe = (await asyncio.wait_for(client.text_document_code_action_async(code_actions_at(uri, 17, 44)), TIMEOUT))[0]
    assert (unsafe.title, unsafe.is_preferred) == ("Replace with 'JQ' (unsafe: check the result)", False)
    assert unsafe.edit.changes[uri] == (
        types.TextEdit(range=types.Range(start=types.Position(line=17, character=43), end=types.Position(line=17, character=46)), new_text="JQ"),
    )

    only_fix_all = code_actions_at(uri, 0, 0, only=["source.fixAll"])
    (fix_all,) = await asyncio.wait_for(client.text_document_code_action_async(only_fix_all), TIMEOUT)
    assert (fix_all.title, fix_all.kind) == ("Fix all safe problems (cortex-workflow-lint)", "source.fixAll.cortex-workflow-lint")
    assert apply(text, fix_all.edit.changes[uri]) == DEPLOY  # the unsafe enum-value fix is left out
    published = await editor.changed(uri, apply(text, fix_all.edit.changes[uri]))
    assert rows(published.diagnostics) == DEPLOY_ROWS
    assert await asyncio.wait_for(client.text_document_code_action_async(only_fix_all), TIMEOUT) is None  # nothing safe left


async def test_a_json_document_is_read_as_json_and_offers_no_suppression_comment(client: LanguageClient, repo: Path):
    text = '{\n  "tag": "deploy",\n  "name": "Deploy",\n  "filter": {"type": "GLOBAL"},\n  "actions": [],\n  "isDraft": "no"\n}\n'
    (repo / "deploy.json").write_text(text, encoding="utf-8")
    uri = (repo / "deploy.json").as_uri()
    published = await Editor(client).open(repo / "deploy.json")
    assert [(row[:4], row[5]) for row in rows(published.diagnostics)] == [((5, 13, 5, 17), "field-type")]
    actions = await asyncio.wait_for(client.text_document_code_action_async(code_actions_at(uri, 5, 14)), TIMEOUT)
    assert [a.title for a in actions or []] == []


async def test_a_suppression_for_a_finding_in_a_script_goes_on_the_scripts_first_line(client: LanguageClient, repo: Path):
    editor = Editor(client)
    uri = (repo / "script.yaml").as_uri()
    text = (
        "tag: script\nname: Script\nisDraft: false\nfilter: {type: GLOBAL}\nvariables: []\nactions:\n"
        "  - slug: run\n    name: Run\n    isRootAction: true\n    outgoingActions: []\n    schema:\n"
        "      type: JAVASCRIPT\n      script: |\n        return variables.missing;\n"
    )
    (repo / "script.yaml").write_text(text)
    published = await editor.open(repo / "script.yaml")
    assert [(d.code, d.range.start.line, d.range.start.character) for d in published.diagnostics] == [
        ("undeclared-variable", 13, 15)
    ]
    actions = await asyncio.wait_for(client.text_document_code_action_async(code_actions_at(uri, 13, 20)), TIMEOUT)
    on_line = next(a for a in actions if a.title == "Suppress undeclared-variable on this line")
    assert on_line.edit.changes[uri] == (
        types.TextEdit(
            range=types.Range(start=types.Position(line=12, character=15), end=types.Position(line=12, character=15)),
            new_text="  # cortex-workflow-lint: disable=undeclared-variable -- reason",
        ),
    )
    published = await editor.changed(uri, apply(text, on_line.edit.changes[uri]))
    assert [d.code for d in published.diagnostics] == []


SCALARS = """\
tag: deploy
name: Deploy
isDraft: false
filter:
  type: GLOBAL
runResponseTemplate: "Result:
  {{variables.missing}}"
actions:
  - slug: run
    name: Run
    isRootAction: true
    outgoingActions: []
    schema:
      type: JAVASCRIPT
      script: |
        const a = 1;
        return variables.first;
"""


async def test_a_finding_inside_a_multi_line_scalar_is_suppressed_where_its_scalar_starts(client: LanguageClient, repo: Path):
    """After a block scalar's header; above a quoted scalar (a comment at the end of its first line would be inside it)."""
    editor = Editor(client)
    uri = (repo / "deploy.yaml").as_uri()
    published = await editor.open(repo / "deploy.yaml", SCALARS)
    assert rows(published.diagnostics) == [(6, 2, 6, 23, "Error", "undeclared-variable"), (16, 15, 16, 30, "Error", "undeclared-variable")]

    actions = await asyncio.wait_for(client.text_document_code_action_async(code_actions_at(uri, 16, 20)), TIMEOUT)
    assert actions[0].title == "Suppress undeclared-variable on this line"
    after_header = actions[0].edit.changes[uri]
    assert after_header == (
        types.TextEdit(
            range=types.Range(start=types.Position(line=14, character=15), end=types.Position(line=14, character=15)),
            new_text="  # cortex-workflow-lint: disable=undeclared-variable -- reason",
        ),
    )
    actions = await asyncio.wait_for(client.text_document_code_action_async(code_actions_at(uri, 6, 10)), TIMEOUT)
    above = actions[0].edit.changes[uri]
    assert above == (
        types.TextEdit(
            range=types.Range(start=types.Position(line=5, character=0), end=types.Position(line=5, character=0)),
            new_text="# cortex-workflow-lint: disable=undeclared-variable -- reason\n",
        ),
    )
    published = await editor.changed(uri, apply(SCALARS, after_header + above))
    assert published.diagnostics == ()


async def test_the_configured_baseline_applies(client: LanguageClient, repo: Path):
    (repo / ".cortex-workflow-lint.yaml").write_text("baseline: baseline.json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--write-baseline", str(repo / "baseline.json"), str(repo / "deploy.yaml")])
    assert result.exit_code == 0, result.output
    editor = Editor(client)
    uri = (repo / "deploy.yaml").as_uri()
    published = await editor.open(repo / "deploy.yaml")
    assert published.diagnostics == ()  # every finding is in the baseline
    published = await editor.changed(uri, DEPLOY + "runResponseTemplat: hi\n")
    assert rows(published.diagnostics) == [(18, 0, 18, 18, "Warning", "unknown-field")]  # a new one is shown

    (repo / "baseline.json").write_text("not json", encoding="utf-8")
    hover = await asyncio.wait_for(client.text_document_hover_async(hover_at(uri, 15, 20)), TIMEOUT)
    assert hover is None
    editor.change(uri, DEPLOY)
    assert await asyncio.wait_for(client.text_document_hover_async(hover_at(uri, 15, 20)), TIMEOUT) is None
    assert [m.message.split(":")[0] for m in client.messages] == ["cortex-workflow-lint"]
    assert "the baseline is not valid JSON" in client.messages[0].message
