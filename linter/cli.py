"""The ``cortex-workflow-lint`` command line.  It parses options and calls ``app``."""

from __future__ import annotations

import gc
import os
import sys
from typing import TYPE_CHECKING, NoReturn

# A run imports many modules, builds large trees and ends soon: collect less often (as mypy
# does), from the first import on.  The language server sets its own thresholds.
gc.set_threshold(100_000, 50, 100)

import click

from . import __version__
from .formatters import FORMATS
from .model import Severity
from .remote.options import configure_from_cli, remote_options

if TYPE_CHECKING:
    from .config import Resolver

SEVERITIES = [s.name for s in sorted(Severity, reverse=True)]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cortex-workflow-lint")
def main() -> None:
    """Lint Cortex Workflow descriptors (YAML or JSON)."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-f",
    "--format",
    "output_format",
    type=click.Choice(sorted(FORMATS)),
    default=None,
    help="Format of standard output. [default: github under GitHub Actions (GITHUB_ACTIONS=true), else text, "
    "unless an --output FORMAT=- takes standard output]",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="FORMAT=PATH",
    callback=lambda ctx, param, values: tuple(_parse_output(value) for value in values),
    help="Also write FORMAT to PATH ('-' for standard output), e.g. --output sarif=results.sarif. "
    "Repeatable; --format still chooses what standard output gets.",
)
@click.option("--stdin-filename", metavar="PATH", help="Path to report for input read from '-' (standard input).")
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES, case_sensitive=False),
    default=None,
    help="Exit 1 when a violation at or above this violationType exists. [default: fail-on from the configuration, else MUST]",
)
@click.option("--config", "config_file", metavar="PATH", help="Use this configuration file instead of searching for one.")
@click.option("--select", metavar="RULES", help="Comma-separated rule ids to run (replaces the configured select).")
@click.option("--ignore", metavar="RULES", help="Comma-separated rule ids not to run (replaces the configured ignore).")
@click.option("--statistics", is_flag=True, help="After the report, print violations and suppressed violations per rule.")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place (with -, print the fixed text and report on standard error).")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes (guesses a reviewer should confirm).")
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would change, write nothing; exit 1 when there is a change.")
@click.option("--baseline", "baseline", metavar="FILE", help="Leave out the findings recorded in FILE (by --write-baseline) and count them. [default: baseline from the configuration]")
@click.option("--write-baseline", metavar="FILE", help="Record every current finding in FILE (entries for files not linted now are kept while they exist).")
@click.option("--add-suppressions", is_flag=True, help="Write a suppression comment (with --reason) for every finding that has none; write nothing else.")
@click.option("--reason", metavar="TEXT", help="The reason written in the comments of --add-suppressions.")
@remote_options
def check(
    paths: tuple[str, ...],
    output_format: str | None,
    outputs: tuple[tuple[str, str], ...],
    stdin_filename: str | None,
    fail_on: str | None,
    config_file: str | None,
    select: str | None,
    ignore: str | None,
    statistics: bool,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    baseline: str | None,
    write_baseline: str | None,
    add_suppressions: bool,
    reason: str | None,
    **remote: object,
) -> None:
    """Lint the workflow descriptors in PATHS (files, directories, or - for stdin).

    \b
    Exit codes:
      0  no violation at or above --fail-on
      1  violations at or above --fail-on; with --diff, a file would change
      2  usage or configuration error
      3  a file could not be read, or the tool failed
      4  --remote=required and Cortex could not check a file
    """
    from .app import CheckOptions, resolve_outputs, run_check  # noqa: PLC0415

    try:
        outputs = resolve_outputs(output_format, outputs, os.environ)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    from .config import ConfigError  # noqa: PLC0415

    if (fix or diff or add_suppressions) and remote.get("remote"):
        raise click.UsageError("--fix, --diff and --add-suppressions cannot be combined with --remote")
    if add_suppressions:
        if not reason or not reason.strip() or any(c in reason for c in "\r\n"):
            raise click.UsageError("--add-suppressions needs --reason TEXT (one line): the comments must say why")
        if fix or diff or write_baseline:
            raise click.UsageError("--add-suppressions writes comments only; run --fix, --diff or --write-baseline separately")
        if "-" in paths:
            raise click.UsageError("--add-suppressions writes files; it cannot take - (standard input)")
    elif reason is not None:
        raise click.UsageError("--reason is for --add-suppressions")
    resolver = _resolver(config_file, fail_on, select, ignore)
    options = CheckOptions(
        paths=paths,
        outputs=outputs,
        stdin_filename=stdin_filename,
        statistics=statistics,
        remote=configure_from_cli(remote),
        fix="diff" if diff else "fix" if fix else None,
        unsafe_fixes=unsafe_fixes,
        baseline=baseline,
        write_baseline=write_baseline,
        add_suppressions=reason.strip() if add_suppressions and reason else None,
    )
    try:
        code = run_check(options, resolver)
    except ConfigError as exc:
        click.echo(f"cortex-workflow-lint: error: {exc}", err=True)
        code = 2
    sys.exit(code)


def _resolver(config_file: str | None, fail_on: str | None, select: str | None, ignore: str | None) -> Resolver:
    """Settings resolution with the command-line overrides (checked: a bad rule id is a usage error)."""
    from .config import ConfigError, Resolver, parse_table  # noqa: PLC0415

    table: dict[str, object] = {}
    if fail_on is not None:
        table["fail-on"] = fail_on
    for key, value in (("select", select), ("ignore", ignore)):
        if value is not None:
            table[key] = [item.strip() for item in value.split(",") if item.strip()]
    try:
        overrides = parse_table(table, "command line")
    except ConfigError as exc:
        raise click.UsageError(str(exc).replace("command line: ", "--", 1)) from None
    return Resolver(overrides, config_file)


def _parse_output(value: str) -> tuple[str, str]:
    output_format, sep, path = value.partition("=")
    if not sep or not path:
        raise click.BadParameter(f"'{value}' is not FORMAT=PATH (for example sarif=results.sarif, or text=- for standard output)")
    if output_format not in FORMATS:
        raise click.BadParameter(f"unknown format '{output_format}'; choose from {', '.join(sorted(FORMATS))}")
    return output_format, path


@main.command("config")
@click.argument("path", required=False, default=".")
@click.option("--config", "config_file", metavar="PATH", help="Use this configuration file instead of searching for one.")
def show_config(path: str, config_file: str | None) -> None:
    """Print the effective configuration for PATH (default: the working directory) and where each value comes from."""
    from .config import ConfigError, Resolver, describe  # noqa: PLC0415

    if not os.path.exists(path):
        click.echo(f"cortex-workflow-lint: error: {path}: no such file or directory", err=True)
        sys.exit(2)
    directory = path if os.path.isdir(path) else os.path.dirname(path) or "."
    try:
        click.echo(describe(Resolver(config_file=config_file).for_directory(directory)), nl=False)
    except ConfigError as exc:
        click.echo(f"cortex-workflow-lint: error: {exc}", err=True)
        sys.exit(2)


@main.command("graph")
@click.argument("path")
@click.option("-f", "--format", "output_format", type=click.Choice(["mermaid", "dot", "json"]), default="mermaid", show_default=True,
              help="mermaid (GitHub renders it in Markdown), dot (Graphviz) or json (schemas/graph.schema.json).")
@click.option("--stdin-filename", metavar="PATH", help="Path to report for input read from '-' (standard input).")
@click.option("--config", "config_file", metavar="PATH", help="Use this configuration file instead of searching for one.")
def graph(path: str, output_format: str, stdin_filename: str | None, config_file: str | None) -> None:
    """Print the block graph of the workflow in PATH, with its findings marked.

    \b
    Exit codes:
      0  the graph was printed (findings are drawn on it, they do not fail the command)
      1  PATH holds no graph to draw (invalid YAML or JSON, or no list of actions)
      2  usage or configuration error
      3  PATH could not be read
    """
    from .config import ConfigError, Resolver  # noqa: PLC0415
    from .graph import draw  # noqa: PLC0415

    try:
        code = draw(path, output_format, stdin_filename, Resolver(config_file=config_file))
    except ConfigError as exc:
        click.echo(f"cortex-workflow-lint: error: {exc}", err=True)
        code = 2
    sys.exit(code)


@main.command()
@click.option("--stdio", is_flag=True, help="Use standard input and output (the default and only transport; for clients that pass it).")
def server(stdio: bool) -> None:
    """Run the language server: LSP over standard input and output (needs the 'lsp' extra)."""
    from importlib.util import find_spec  # noqa: PLC0415

    missing = [name for name in ("pygls", "lsprotocol") if find_spec(name) is None]
    if missing:
        click.echo(
            f"cortex-workflow-lint: error: the language server needs the 'lsp' extra ({' and '.join(missing)} "
            "not installed): pip install 'cortex-workflow-lint[lsp]', or '.[lsp]' from a checkout",
            err=True,
        )
        sys.exit(2)
    from .lsp.server import serve  # noqa: PLC0415 - pygls only for the server

    serve()


@main.command("rules")
def list_rules() -> None:
    """List every rule: id, violationType and title."""
    from .rules import all_rules  # noqa: PLC0415

    rules = all_rules()
    width = max(len(rule_id) for rule_id in rules)
    for rule_id, rule in rules.items():
        state = "" if rule.enabled_by_default else "  (off by default)"
        click.echo(f"{rule_id:<{width}}  {rule.severity.name:<6}  {rule.title}{state}")


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print the documentation of RULE_ID."""
    from .docs import rule_page  # noqa: PLC0415
    from .rules import all_rules  # noqa: PLC0415
    from .suggest import did_you_mean  # noqa: PLC0415

    rules = all_rules()
    if rule_id not in rules:
        raise click.UsageError(f"unknown rule '{rule_id}'.{did_you_mean(rule_id, rules)} Run 'cortex-workflow-lint rules' to list them.")
    click.echo(rule_page(rules[rule_id]), nl=False)


def run() -> NoReturn:
    """The console script and ``python -m linter``: :func:`main`, then end the process at once.

    A run ends soon after it has loaded its modules and built its trees, and freeing all of that
    at exit took a quarter of the time of a one-file ``check``.  Like mypy (``util.hard_exit``),
    flush the standard streams and skip the interpreter's clean-up: every command has closed its
    files and stopped its worker processes and threads by the time it returns.
    """
    code = 0
    try:
        main(prog_name="cortex-workflow-lint")
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:  # None: the process was started without it
                stream.flush()
        except OSError:  # the reader has gone (a closed pipe): the interpreter's own exit status for it
            code = code or 120
    os._exit(code)
