"""Glue between the command line and the engine: run a check, return the exit code."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from . import engine
from .discovery import DiscoveryError, Target, targets
from .formatters import render
from .report import FileResult, Report
from .settings import Settings


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...]
    output_format: str = "text"
    stdin_filename: str | None = None


def run_check(options: CheckOptions, settings: Settings) -> int:
    """Lint every input, print the report, and return the exit code."""
    results: list[FileResult] = []
    usage_error = False
    for target in targets(options.paths, settings, options.stdin_filename):
        if isinstance(target, DiscoveryError):
            print(f"cortex-workflow-lint: error: {target}", file=sys.stderr)
            if target.exit_code == 3:
                results.append(FileResult(str(target).split(":", 1)[0], error=str(target)))
            else:
                usage_error = True
            continue
        results.append(lint_target(target, settings))
    report = Report(results, settings.fail_on)
    sys.stdout.write(render(options.output_format, report))
    if usage_error and not any(r.error for r in results):
        return 2
    return report.exit_code()


def lint_target(target: Target, settings: Settings) -> FileResult:
    try:
        data = sys.stdin.buffer.read() if target.file is None else target.file.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        message = f"{target.path}: cannot read file: {reason}"
        print(f"cortex-workflow-lint: error: {message}", file=sys.stderr)
        return FileResult(target.path, error=message)
    return FileResult(target.path, engine.lint_bytes(data, target.path, settings))
