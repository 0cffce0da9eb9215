"""The language server in a real editor: headless Neovim (Debian's neovim package, 0.7.2) with the
set-up of docs/editors.md, on examples/broken-workflow.yaml."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from test_editors import marked_block

from conftest import ROOT

TIMEOUT_MS = 30_000
"""How long Neovim waits for diagnostics before it gives up (and the test fails)."""

HARNESS = """
local out = os.getenv("DIAGNOSTICS_OUT")
local function finish(result)
  local file = io.open(out, "w")
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd("qall!")
end
vim.api.nvim_create_autocmd("DiagnosticChanged", {
  callback = function()
    local diagnostics = vim.diagnostic.get()
    if #diagnostics > 0 then
      finish(diagnostics)
    end
  end,
})
vim.defer_fn(function() finish({ timeout = true }) end, %d)
""" % TIMEOUT_MS  # noqa: UP031 - Lua braces would each need doubling in an f-string

# (line, column, end line, end column, vim.diagnostic.severity, code): 0-based, columns in bytes.
ERROR, WARN = 1, 2
EXPECTED = [
    (1, 5, 1, 20, ERROR, "invalid-tag"),
    (3, 9, 3, 13, ERROR, "field-type"),
    (5, 8, 5, 15, ERROR, "enum-value"),
    (10, 22, 10, 32, ERROR, "unknown-outgoing-action"),
    (13, 18, 13, 23, ERROR, "enum-value"),
    (14, 20, 14, 38, ERROR, "templated-url-host"),
    (14, 20, 14, 38, ERROR, "undeclared-variable"),
    (18, 18, 18, 22, ERROR, "root-action"),
    (19, 22, 19, 27, WARN, "root-has-incoming-edge"),
    (20, 4, 20, 10, ERROR, "required-field"),
    (22, 6, 22, 15, WARN, "unknown-field"),
]


def test_neovim_shows_the_servers_diagnostics(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("nvim is not installed (.ci/run installs Debian's neovim package; its apt-get step failed or was not run)")
    init = tmp_path / "init.lua"
    init.write_text(marked_block("neovim-start-client") + HARNESS, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    environment = {
        **os.environ,
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),  # our cortex-workflow-lint
        "DIAGNOSTICS_OUT": str(out),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # Neovim's LSP log goes here, not into the user's home
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    result = subprocess.run(
        [nvim, "--headless", "-i", "NONE", "-u", str(init), "examples/broken-workflow.yaml"],
        check=False,
        cwd=ROOT,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=TIMEOUT_MS / 1000 + 30,
    )
    assert out.exists(), f"Neovim wrote no result (exit {result.returncode}): {result.stderr.decode(errors='replace')}"
    diagnostics = json.loads(out.read_text(encoding="utf-8"))
    assert diagnostics != {"timeout": True}, "no diagnostics within the timeout"
    assert [(d["lnum"], d["col"], d["end_lnum"], d["end_col"], d["severity"], d["code"]) for d in diagnostics] == EXPECTED
    assert {d["source"] for d in diagnostics} == {"cortex-workflow-lint"}
    assert diagnostics[0]["message"] == (
        "Tag 'Broken_Workflow' contains '_'; a tag is made up of letters, digits and hyphens only; use 'broken-workflow'"
    )
    root = diagnostics[7]["user_data"]["lsp"]
    assert root["codeDescription"]["href"].endswith("/docs/rules/root-action.md")
    assert [(r["location"]["range"]["start"], r["message"]) for r in root["relatedInformation"]] == [
        ({"line": 9, "character": 18}, "block 'start' is the first root")
    ]
