"""The language server behind ``cortex-workflow-lint server`` (needs the ``lsp`` extra: pygls, lsprotocol).

:mod:`.server` builds the server and starts it on standard input and output.
Each feature is a module with a ``register(server)`` function, listed in
:data:`.server.FEATURES`: :mod:`.linting` (diagnostics, configuration
changes), :mod:`.actions` (code actions) and :mod:`.hover`.  Features read
the open documents' lint results through ``server.linting.current(uri)``,
which lints a pending change first, so every answer is about the text the
editor shows.
"""
