"""The language server's navigation end to end: definition, references, rename, completion and the
outline, on a workflow whose references sit in every kind of place (see tests/test_symbols.py)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_asyncio
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient
from test_lsp import SERVER, TIMEOUT, Editor, close
from test_symbols import NAV


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER), scope="module")
async def client(lsp_client: LanguageClient):
    """One server for the module: each test opens its own copy of the workflow, closed after it."""
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


@pytest_asyncio.fixture(loop_scope="module")
async def nav(client: LanguageClient, tmp_path: Path) -> str:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "nav.yaml"
    path.write_text(NAV, encoding="utf-8")
    await Editor(client).open(path)
    yield path.as_uri()
    await close(client, [path.as_uri()])


def at(line: int, character: int) -> types.Position:
    """A 1-based line and column (as the tables in test_symbols.py print them) as an LSP position."""
    return types.Position(line=line - 1, character=character - 1)


def spans(locations) -> list[str]:
    """Locations as 1-based ``line:col-line:col``, like the table of test_symbols.py."""
    return [f"{r.start.line + 1}:{r.start.character + 1}-{r.end.line + 1}:{r.end.character + 1}" for r in (loc.range for loc in locations)]


async def wait(request):
    return await asyncio.wait_for(request, TIMEOUT)


def doc(uri: str) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri)


DEFINITIONS = [
    (12, 21, "19:9-19:11"),  # outgoingActions: [js, ...]
    (35, 98, "37:9-37:13"),  # a branch's outgoingAction: done
    (36, 22, "37:9-37:13"),  # joiningAction: done
    (27, 27, "9:9-9:12"),  # actions["ask"] in JavaScript
    (27, 42, "16:47-16:54"),  # .outputs["version"] of the USER_INPUT block 'ask'
    (18, 32, "16:47-16:54"),  # inputOverrides[].inputKey
    (35, 57, "6:9-6:12"),  # variables["env"] in CEL
    (43, 29, "9:9-9:12"),  # .actions."ask" in jq
    (44, 80, "6:9-6:12"),  # {{variables.env}} in runResponseTemplate
    (9, 10, "9:9-9:12"),  # a definition leads to itself
]
NOT_REFERENCES = [
    (26, 20),  # "// actions.ask is mentioned here": a JavaScript comment
    (26, 45),  # "actions.ask" inside a JavaScript string
    (35, 80),  # "actions.ask" inside a CEL string
    (43, 80),  # "{{actions.ask...}}" inside a jq string
    (2, 8),  # name: Nav
]


async def test_definition_from_every_kind_of_reference_and_none_elsewhere(client: LanguageClient, nav: str):
    for line, column, definition in DEFINITIONS:
        found = await wait(client.text_document_definition_async(types.DefinitionParams(text_document=doc(nav), position=at(line, column))))
        assert (line, column, spans(found), {location.uri for location in found}) == (line, column, [definition], {nav})
    for line, column in NOT_REFERENCES:
        found = await wait(client.text_document_definition_async(types.DefinitionParams(text_document=doc(nav), position=at(line, column))))
        assert (line, column, found) == (line, column, None)


async def test_references_of_a_block_and_of_a_variable(client: LanguageClient, nav: str):
    context = types.ReferenceContext(include_declaration=True)
    found = await wait(client.text_document_references_async(types.ReferenceParams(text_document=doc(nav), position=at(9, 10), context=context)))
    assert spans(found) == ["9:9-9:12", "44:42-44:45", "27:26-27:29", "27:61-27:64", "43:28-43:31"]
    context = types.ReferenceContext(include_declaration=False)
    found = await wait(client.text_document_references_async(types.ReferenceParams(text_document=doc(nav), position=at(35, 57), context=context)))
    assert spans(found) == ["44:79-44:82", "18:66-18:69", "27:94-27:97", "35:56-35:59", "43:62-43:65"]


async def test_rename_a_block_everywhere_and_nothing_else(client: LanguageClient, nav: str):
    prepared = await wait(client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=doc(nav), position=at(27, 27))))
    assert prepared == types.PrepareRenamePlaceholder(range=types.Range(start=at(27, 26), end=at(27, 29)), placeholder="ask")
    edit = await wait(client.text_document_rename_async(types.RenameParams(text_document=doc(nav), position=at(27, 27), new_name="collect")))
    edits = edit.changes[nav]
    assert [(spans([types.Location(uri=nav, range=e.range)])[0], e.new_text) for e in edits] == [
        ("9:9-9:12", "collect"),
        ("27:26-27:29", "collect"),
        ("27:61-27:64", "collect"),
        ("43:28-43:31", "collect"),
        ("44:42-44:45", "collect"),
    ]


REFUSED = [
    (9, 10, "js", "Another block is already named 'js'"),
    (9, 10, "Not_A_Slug", "'Not_A_Slug' is not a valid slug: use lowercase letters and digits, in words joined by single hyphens"),
    (16, 48, "release", "Only block and variable slugs can be renamed, not input 'version'"),
    (35, 27, "production", "Only block and variable slugs can be renamed, not branch 'prod'"),
]


async def test_rename_refuses_what_cannot_be_renamed(client: LanguageClient, nav: str):
    for line, column, new_name, message in REFUSED:
        with pytest.raises(JsonRpcException) as refused:
            await wait(client.text_document_rename_async(types.RenameParams(text_document=doc(nav), position=at(line, column), new_name=new_name)))
        assert str(refused.value) == message
    with pytest.raises(JsonRpcException) as refused:
        await wait(client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=doc(nav), position=at(18, 32))))
    assert str(refused.value) == "Only block and variable slugs can be renamed, not input 'version'"


def labels(result) -> list[tuple[str, str | None]]:
    return [(item.label, item.detail) for item in sorted(result.items, key=lambda item: item.sort_text)] if result else []


async def complete(client: LanguageClient, uri: str, line: int, character: int):
    return await wait(client.text_document_completion_async(types.CompletionParams(text_document=doc(uri), position=types.Position(line=line, character=character))))


async def test_completion_at_each_place(client: LanguageClient, nav: str):
    editor = Editor(client)
    editor.texts[nav], editor.versions[nav] = NAV, 1
    # outgoingActions of 'done' (a new flow item): the blocks that run before it would make a cycle and come last
    text = NAV.replace("  outgoingActions: []\n  schema:\n    type: JQ", "  outgoingActions: [\n  schema:\n    type: JQ")
    editor.change(nav, text)
    line = text.splitlines().index("  outgoingActions: [")
    cycle = "runs before this block, so an edge to it would make a cycle"
    assert labels(await complete(client, nav, line, 20)) == [
        ("ask", f"USER_INPUT: {cycle}"),
        ("js", f"JAVASCRIPT: {cycle}"),
        ("pick", f"CONDITIONAL_BRANCH: {cycle}"),
    ]
    # a reference in the JavaScript of 'js': the blocks that run before it first
    text = NAV.replace('const v = actions["ask"]', 'const w = actions.\n      const v = actions["ask"]')
    editor.change(nav, text)
    line = next(i for i, row in enumerate(text.splitlines()) if "const w = actions." in row)
    assert labels(await complete(client, nav, line, len("      const w = actions."))) == [
        ("ask", "USER_INPUT"),
        ("done", "JQ"),
        ("pick", "CONDITIONAL_BRANCH"),
    ]
    # variables. and the outputs of a USER_INPUT block
    text = NAV.replace("Deployed {{actions.ask.outputs.version}}", "Deployed {{actions.ask.outputs.}} {{variables.}}")
    editor.change(nav, text)
    row = text.splitlines()[-1]
    assert labels(await complete(client, nav, len(text.splitlines()) - 1, row.index("outputs.") + 8)) == [("version", "input of ask")]
    assert labels(await complete(client, nav, len(text.splitlines()) - 1, row.index("variables.") + 10)) == [("env", "variable")]
    # the type of a block, and the fields of its schema
    text = NAV.replace("    type: JQ\n", "    type: \n")
    editor.change(nav, text)
    line = text.splitlines().index("    type: ")
    found = labels(await complete(client, nav, line, 10))
    assert found[:3] == [("ADVANCED_HTTP_REQUEST", "block type"), ("AWS", "block type"), ("CONDITIONAL_BRANCH", "block type")]
    assert len(found) == 16
    text = NAV.replace("    type: USER_INPUT\n", "    type: USER_INPUT\n    \n")
    editor.change(nav, text)
    line = text.splitlines().index("    type: USER_INPUT") + 1
    found = await complete(client, nav, line, 4)
    assert [(item.label, item.insert_text) for item in found.items] == [("jsValidatorScript", "jsValidatorScript: ")]  # the others are written


async def test_document_symbols_outline(client: LanguageClient, nav: str):
    found = await wait(client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(nav))))
    outline = [(s.name, s.kind.name, s.detail, [(c.name, c.detail) for c in s.children or []]) for s in found]
    assert outline == [
        ("env", "Variable", "STRING", []),
        ("ask", "Function", "USER_INPUT", []),
        ("js", "Function", "JAVASCRIPT", []),
        ("pick", "Function", "CONDITIONAL_BRANCH", [("prod", "Prod")]),
        ("done", "Function", "JQ", []),
    ]
    assert spans([types.Location(uri=nav, range=found[1].selection_range)]) == ["9:9-9:12"]
