"""The ``check`` options of the Cortex cross-check, as one click decorator."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from . import RemoteOptions


class RemoteMode(click.ParamType):
    """``required`` or ``optional``; a clear message when a path was taken as the mode."""

    name = "MODE"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if value in ("required", "optional"):
            return value
        self.fail(
            f"{value!r} is not 'required' or 'optional'. Write --remote=MODE, or put a bare --remote "
            "after the paths or before another option"
        )


class Seconds(click.ParamType):
    """A finite number of seconds, at least ``minimum`` (``nan`` and ``inf`` are refused)."""

    name = "SECONDS"

    def __init__(self, minimum: float) -> None:
        self.minimum = minimum

    def convert(self, value: str | float, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, float):
            return value
        try:
            seconds = float(value)
        except ValueError:
            seconds = math.nan
        if not math.isfinite(seconds) or seconds < self.minimum:
            self.fail(f"{value!r} is not a number of seconds of at least {self.minimum:g}")
        return seconds


def remote_options(command: Callable) -> Callable:
    options = [
        click.option(
            "--remote",
            type=RemoteMode(),
            is_flag=False,
            flag_value="required",
            default=None,
            help="Also validate each file with Cortex (POST /api/v1/workflows/validate) and merge its verdict. "
            "required (the default for a bare --remote): exit 4 when Cortex cannot check a file; "
            "optional: warn and keep the local result.",
        ),
        click.option("--api-key", envvar="CORTEX_API_KEY", show_envvar=True, help="Cortex API key (prefer the environment variable or ~/.cortex/config)."),
        click.option("--base-url", envvar="CORTEX_BASE_URL", show_envvar=True, help="Cortex API base URL. [default: base_url from ~/.cortex/config, else https://api.getcortexapp.com]"),
        click.option("--tenant", envvar="CORTEX_TENANT_ALIAS", show_envvar=True, help="Section of ~/.cortex/config to read. [default: default]"),
        click.option("--ca-bundle", metavar="PATH", help="CA certificates to trust for Cortex. [default: REQUESTS_CA_BUNDLE, SSL_CERT_FILE, else the system's]"),
        click.option("--no-cache", is_flag=True, help="Ask Cortex again even when an answer of the last hour is cached."),
        click.option("--remote-timeout", type=Seconds(0.1), default=30.0, show_default=True, metavar="SECONDS", help="Time allowed for each request to Cortex, from connecting to the last byte of the answer. A request that runs out of time is not repeated."),
        click.option("--remote-max-wait", type=Seconds(0), default=30.0, show_default=True, metavar="SECONDS", help="Longest pause between retries (backoff, Retry-After)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def configure_from_cli(remote: dict) -> RemoteOptions | None:
    """The RemoteOptions for the values of the options above (None without --remote)."""
    if remote["remote"] is None:
        return None
    from . import configure  # noqa: PLC0415

    return configure(
        remote["remote"],
        api_key=remote["api_key"],
        base_url=remote["base_url"],
        tenant=remote["tenant"],
        ca_bundle_path=remote["ca_bundle"],
        no_cache=remote["no_cache"],
        timeout=remote["remote_timeout"],
        max_wait=remote["remote_max_wait"],
    )
