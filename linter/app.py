"""Glue between the command line and the engine: run a check, return the exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Literal, NamedTuple, TextIO

from . import engine
from .config import Resolver
from .discovery import DiscoveryError, Target, targets
from .formatters import render
from .model import Violation
from .report import Failure, FileResult, Report
from .settings import DEFAULT_MAX_FILE_SIZE, Settings
from .source import read_file

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from .baseline import Baseline
    from .remote import RemoteOptions

FixMode = Literal["fix", "diff"]


class CheckOptions(NamedTuple):
    """The options of ``check`` that are not settings of the configuration file."""

    paths: tuple[str, ...]
    outputs: tuple[tuple[str, str], ...] = (("text", "-"),)
    """(format, path) pairs from :func:`resolve_outputs`; the path ``-`` is standard output."""
    stdin_filename: str | None = None
    statistics: bool = False
    remote: RemoteOptions | None = None
    """RemoteOptions for ``--remote`` (see :mod:`linter.remote`), or None."""
    fix: FixMode | None = None
    """``"fix"`` (``--fix``: write the fixed files), ``"diff"`` (``--diff``: print what would change), or None."""
    unsafe_fixes: bool = False
    baseline: str | None = None
    """``--baseline FILE``; without it, ``baseline`` from the configuration of the working directory."""
    write_baseline: str | None = None
    """``--write-baseline FILE``: record the findings there (and report them as baselined)."""
    add_suppressions: str | None = None
    """``--add-suppressions --reason TEXT``: the reason to write in the comments."""


def run_check(options: CheckOptions, config: Resolver) -> int:
    """Lint every input, print the report, and return the exit code.

    Each file gets the settings of its own directory; run-wide settings
    (``fail-on``) come from the configuration of the working directory.
    Raises ConfigError for a bad configuration file, BaselineError for a bad baseline.
    """
    settings = config.for_directory(os.getcwd()).settings
    baseline = _load_baseline(options, settings)
    entries: list[FileResult | tuple[Target, Settings]] = []
    sources: dict[str, bytes] | None = {} if options.remote else None
    run_failures: list[Failure] = []
    pool = None
    for target in _targets(options, config):
        if isinstance(target, DiscoveryError):
            print(f"cortex-workflow-lint: error: {target}", file=sys.stderr)
            if target.exit_code == 3:
                entries.append(FileResult(target.path, error=str(target)))
            else:
                run_failures.append(Failure("no-workflows", str(target), target.path))
            continue
        entries.append((target, config.for_file(target.file or options.stdin_filename)))
        if len(entries) == POOL_MIN_FILES and sources is None:
            pool = start_pool()  # its workers get ready while the parent finds the other files
    if options.add_suppressions is not None:
        return _add_suppressions(entries, options.add_suppressions, baseline) or (2 if run_failures else 0)
    fixing = Fixing(options.unsafe_fixes, baseline) if options.fix else None
    results = lint_all(entries, sources, pool, fixing)
    compare_files(results)
    if options.write_baseline:
        baseline = _write_baseline(options.write_baseline, results, baseline)
    stdin_fixed = None
    if options.fix:
        stdin_fixed = _finish_fixes(entries, results, options.fix)
        if options.fix == "diff":
            return _report_diff(results, options.unsafe_fixes, run_failures)
    if options.remote:
        from .remote import cross_check  # noqa: PLC0415 - imports urllib3

        assert sources is not None  # kept for --remote, above
        cross_check(results, sources, options.remote)
    if baseline is not None:
        _apply_baseline(baseline, results)
    remote_required = options.remote is not None and options.remote.mode == "required"
    report = Report(
        results, settings.fail_on, options.unsafe_fixes, run_failures=run_failures, remote_required=remote_required
    )
    write_outputs(report, options.outputs, sys.stderr if stdin_fixed is not None else sys.stdout)
    if stdin_fixed is not None:
        from .fixes import encode  # noqa: PLC0415

        sys.stdout.flush()
        sys.stdout.buffer.write(encode(stdin_fixed))
        sys.stdout.flush()
    if options.statistics:
        machine_readable = any(path == "-" and fmt not in ("text", "concise") for fmt, path in options.outputs)
        (sys.stderr if machine_readable else sys.stdout).write(statistics(results))
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        write_job_summary(report, os.environ["GITHUB_STEP_SUMMARY"])
    return report.exit_code()


def write_job_summary(report: Report, path: str) -> None:
    """Append the Markdown job summary to ``path`` (GitHub Actions' ``$GITHUB_STEP_SUMMARY``).
    A summary that cannot be written is a warning: it is a courtesy, not an output that was asked for."""
    from .formatters import job_summary  # noqa: PLC0415

    try:
        with open(path, "a", encoding="utf-8", newline="\n") as file:
            file.write(job_summary.render(report))
    except OSError as exc:
        print(f"cortex-workflow-lint: warning: cannot write the job summary to {path}: {exc.strerror or type(exc).__name__}", file=sys.stderr)


def compare_files(results: list[FileResult]) -> None:
    """Add the violations of the rules that compare the files of the run (the same tag twice)."""
    candidates = [candidate for result in results for candidate in result.candidates]
    by_path = {result.path: result for result in results}
    changed = set()
    for violation, hidden in engine.check_run(candidates):
        result = by_path[violation.path]
        (result.suppressed if hidden else result.violations).append(violation)
        changed.add(violation.path)
    for path in changed:
        by_path[path].violations.sort(key=Violation.sort_key)
        by_path[path].suppressed.sort(key=Violation.sort_key)


def _add_suppressions(entries: list, reason: str, baseline: Baseline | None) -> int:
    """Write the comments into each file; say how many.  Returns 3 when a file could not be read or written."""
    from .add_suppressions import add_suppressions  # noqa: PLC0415
    from .fixes import decode, encode  # noqa: PLC0415

    failed = False
    written = files = 0
    for entry in entries:
        if isinstance(entry, FileResult):
            failed = True
            continue
        target, settings = entry
        data = read_target(target)
        if isinstance(data, FileResult):
            failed = True
            continue
        text = decode(data)
        new_text, count = add_suppressions(text, target.path, settings, reason, baseline.unbaselined if baseline else list)
        if count:
            try:
                _write(target.file, encode(new_text))
            except OSError as exc:
                print(f"cortex-workflow-lint: error: {target.path}: cannot write: {exc.strerror or type(exc).__name__}", file=sys.stderr)
                failed = True
                continue
            written += count
            files += 1
    print(f"Added {written} suppression comment{'s' if written != 1 else ''} in {files} file{'s' if files != 1 else ''}.")
    return 3 if failed else 0


def _load_baseline(options: CheckOptions, settings: Settings) -> Baseline | None:
    """The baseline to apply: ``--baseline``, else the configured one; with ``--write-baseline``, the file's
    current content (its entries for files this run does not lint are kept)."""
    if not (options.write_baseline or options.baseline or settings.baseline):
        return None
    from .baseline import load  # noqa: PLC0415 - only with a baseline

    if options.write_baseline:
        return load(options.write_baseline) if os.path.exists(options.write_baseline) else None
    if options.baseline:
        return load(options.baseline)
    if settings.baseline:
        return load(os.path.join(settings.root or ".", settings.baseline))
    return None


def _write_baseline(file: str, results: list[FileResult], previous: Baseline | None) -> Baseline:
    from .baseline import write  # noqa: PLC0415

    baseline = write(file, results, previous)
    total = sum(baseline.entries.values())
    print(f"cortex-workflow-lint: wrote {total} finding{'s' if total != 1 else ''} to the baseline {file}", file=sys.stderr)
    return baseline


def _apply_baseline(baseline: Baseline, results: list[FileResult]) -> None:
    """Leave out the baselined violations; list the entries that match nothing on standard error."""
    from .baseline import apply  # noqa: PLC0415

    stale = apply(baseline, results)
    if stale:
        print(
            f"cortex-workflow-lint: warning: {len(stale)} baseline entr{'ies' if len(stale) != 1 else 'y'} in {baseline.file} "
            "match nothing (fixed, or the file moved); --write-baseline drops them:",
            file=sys.stderr,
        )
        for entry in stale:
            print(f"    {entry.describe()}", file=sys.stderr)


def resolve_outputs(
    output_format: str | None, outputs: tuple[tuple[str, str], ...], environ: Mapping[str, str]
) -> tuple[tuple[str, str], ...]:
    """Where each format goes, from ``--format`` and the ``--output FORMAT=PATH`` pairs.

    ``--format`` is the format of standard output.  Without it, standard
    output gets ``github`` under GitHub Actions and ``text`` elsewhere, unless
    an ``--output FORMAT=-`` claims it.  Raises ValueError when two formats
    would go to the same place.
    """
    if output_format is None and all(path != "-" for _, path in outputs):
        output_format = "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"
    resolved = (((output_format, "-"),) if output_format else ()) + outputs
    for place in dict.fromkeys(path for _, path in resolved):
        formats = [fmt for fmt, path in resolved if path == place]
        if len(formats) > 1:
            where = "standard output" if place == "-" else place
            raise ValueError(f"{' and '.join(formats)} would both be written to {where}; give each its own place")
    return resolved


def write_outputs(report: Report, outputs: tuple[tuple[str, str], ...], stdout: TextIO | None = None) -> None:
    """Render every output, the files first: one that cannot be written becomes a failure of
    the report (and a line on stderr), so that standard output, written last, names it.

    ``-`` is ``stdout`` (standard output by default; standard error when
    ``--fix`` writes fixed standard input there).
    """
    for output_format, path in sorted(outputs, key=lambda output: output[1] == "-"):
        text = render(output_format, report)
        try:
            if path == "-":
                _write_stdout(text, stdout)
            else:
                with open(path, "w", encoding="utf-8", newline="\n") as file:
                    file.write(text)
        except OSError as exc:
            reason = exc.strerror or str(exc) or type(exc).__name__
            message = f"cannot write the {output_format} output to {'standard output' if path == '-' else path}: {reason}"
            print(f"cortex-workflow-lint: error: {message}", file=sys.stderr)
            report.run_failures.append(Failure("output", message, path))


def _write_stdout(text: str, stream: TextIO | None) -> None:
    """Write and flush ``stream`` (standard output by default).  When that fails (a full disk, a
    closed pipe), what is still buffered goes to the null device, so leaving the interpreter
    raises nothing more."""
    stream = stream or sys.stdout
    if stream is None:
        raise OSError(0, "standard output is closed")
    try:
        stream.write(text)
        stream.flush()
    except OSError:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
        except (OSError, ValueError):
            pass  # not a real file (a test's capture): nothing is left to flush at exit
        raise


def _targets(options: CheckOptions, config: Resolver) -> Iterator[Target | DiscoveryError]:
    """The inputs; each PATH is walked with the include/exclude settings of its own directory."""
    seen = set()
    for raw in options.paths:
        directory = raw if os.path.isdir(raw) else os.path.dirname(raw) or "."
        for target in targets((raw,), config.for_directory(directory).settings, options.stdin_filename):
            if isinstance(target, Target) and target.file is not None:
                if target.path in seen:
                    continue
                seen.add(target.path)
            yield target


def statistics(results: list[FileResult]) -> str:
    """Violations and suppressed violations per rule and violationType, as a table."""
    from collections import Counter  # noqa: PLC0415

    found = Counter((v.rule_id, v.violation_type) for r in results for v in r.violations)
    hidden = Counter((v.rule_id, v.violation_type) for r in results for v in r.suppressed)
    rows = [("rule", "violationType", "found", "suppressed")]
    rows += [(rule_id, kind, str(found[rule_id, kind]), str(hidden[rule_id, kind])) for rule_id, kind in sorted(found.keys() | hidden.keys())]
    rows.append(("total", "", str(sum(found.values())), str(sum(hidden.values()))))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "".join(
        f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]:>{widths[3]}}".rstrip() + "\n"
        for row in rows
    )


POOL_MIN_FILES = 128
"""From this many files on (and more than one CPU), worker processes lint them.  Below it,
starting them costs more than it saves (measured in docs/performance.md)."""


def lint_all(
    entries: list[FileResult | tuple[Target, Settings]],
    sources: dict[str, bytes] | None,
    pool: Executor | None = None,
    fixing: Fixing | None = None,
) -> list[FileResult]:
    """Lint every (target, settings) entry and return the results in the same order.

    With a ``pool`` (from :func:`start_pool`), its worker processes lint the
    files.  The parent reads them (so read errors reach stderr in order) and
    ``map`` keeps the order of the results, so the output is the same bytes
    either way.  If a worker dies (a crash, or killed for lack of memory),
    the files without a result are linted again one at a time, each alone in
    a fresh worker: a file that kills that worker too is reported as a
    failure.  The parent never lints a file that may have killed a worker.
    """
    if pool is None:
        return [entry if isinstance(entry, FileResult) else lint_target(*entry, sources, fixing) for entry in entries]
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

    with pool:
        read = [entry if isinstance(entry, FileResult) else _read_job(*entry, fixing) for entry in entries]
        work = [job for job in read if not isinstance(job, FileResult)]
        results: list[FileResult] = []
        try:
            results.extend(pool.map(_lint_job, work, chunksize=max(1, len(work) // (_cpus() * 32))))
        except BrokenProcessPool:
            print("cortex-workflow-lint: warning: a worker process died; linting the rest one file at a time", file=sys.stderr)
            results.extend(_lint_alone(work[len(results) :]))
        linted = iter(results)
        return [job if isinstance(job, FileResult) else next(linted) for job in read]


def _lint_alone(jobs: list[Job]) -> Iterator[FileResult]:
    """Lint each job alone in a worker process; a job whose worker dies is a failure, and the
    next job gets a fresh worker."""
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

    worker = None
    try:
        for job in jobs:
            worker = worker or ProcessPoolExecutor(1)
            try:
                yield worker.submit(_lint_job, job).result()
            except BrokenProcessPool:
                worker.shutdown()
                worker = None
                message = f"{job[0]}: linting this file killed the worker process (a crash, or no memory left); it was not linted"
                print(f"cortex-workflow-lint: error: {message}", file=sys.stderr)
                yield FileResult(job[0], error=message)
    finally:
        if worker is not None:
            worker.shutdown()


def start_pool() -> Executor | None:
    """One worker process per CPU, each loading the rules and the schema validators as it starts;
    None with a single CPU, or where no worker can start (a sandbox without semaphores)."""
    if _cpus() < 2:
        return None
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - only for many files

    try:
        pool = ProcessPoolExecutor(_cpus(), initializer=engine.warm_up)
        for _ in range(_cpus()):
            pool.submit(int)  # start the workers now, while the parent finds the other files
    except OSError:
        return None
    return pool


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Fixing(NamedTuple):
    """What ``--fix``/``--diff`` asks of each file's job."""

    unsafe: bool = False
    baseline: Baseline | None = None
    """Findings it holds are not fixed."""


Job = tuple[str, bytes, Settings, "Fixing | None"]


def _read_job(target: Target, settings: Settings, fixing: Fixing | None = None) -> FileResult | Job:
    data = read_target(target, settings.max_file_size)
    return data if isinstance(data, FileResult) else (target.path, data, settings, fixing)


def _lint_job(job: Job) -> FileResult:
    path, data, settings, fixing = job
    if fixing is None:
        checked = engine.lint(data, path, settings)
        return FileResult(path, checked.violations, suppressed=checked.suppressed, candidates=checked.candidates)
    from .fixes import decode, fix_text  # noqa: PLC0415 - only with --fix or --diff

    text = decode(data)
    fixed = fix_text(text, path, settings, fixing.unsafe, fixing.baseline.unbaselined if fixing.baseline else list)
    return FileResult(
        path,
        fixed.checked.violations,
        suppressed=fixed.checked.suppressed,
        candidates=fixed.checked.candidates,
        fixed=fixed.fixed,
        original=text,
        fixed_text=fixed.text,
        rolled_back=fixed.rolled_back,
    )


def _finish_fixes(entries: list, results: list[FileResult], mode: FixMode) -> str | None:
    """Report undone fixes; with ``--fix`` write each changed file.  Returns the fixed text of standard input, if read."""
    from .fixes import encode  # noqa: PLC0415

    stdin_text = None
    for entry, result in zip(entries, results):
        for finding, added in result.rolled_back:
            assert finding.fix is not None  # only a fix can be undone
            print(
                f"cortex-workflow-lint: warning: {result.path}:{finding.span.start_line}:{finding.span.start_column}: "
                f"undid the fix for [{finding.rule_id}] ({finding.fix.message}): it added a MUST finding: "
                f"[{added.rule_id}] {added.description}",
                file=sys.stderr,
            )
        if mode != "fix" or isinstance(entry, FileResult) or result.fixed_text is None:
            continue
        target = entry[0]
        if target.file is None:
            stdin_text = result.fixed_text
        elif result.fixed_text != result.original:
            try:
                _write(target.file, encode(result.fixed_text))
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                print(f"cortex-workflow-lint: error: {result.path}: cannot write the fixed file: {reason}", file=sys.stderr)
                result.error = f"{result.path}: cannot write the fixed file: {reason}"
    return stdin_text


def _report_diff(results: list[FileResult], unsafe: bool, run_failures: list[Failure]) -> int:
    """``--diff``: a unified diff per changed file on standard output, a summary on standard error; exit 1 on a change."""
    from .fixes import unified_diff  # noqa: PLC0415

    changed = 0
    for result in results:
        if result.original is not None and result.fixed_text is not None:
            diff = unified_diff(result.path, result.original, result.fixed_text)
            changed += bool(diff)
            sys.stdout.write(diff)
    fixes = sum(r.fixed for r in results)
    hidden = Report(results, unsafe_fixes=unsafe).fixable()[1]
    more = f" ({hidden} more with --unsafe-fixes)" if hidden else ""
    files = f"{changed} file{'s' if changed != 1 else ''}"
    print(f"Would fix {fixes} finding{'s' if fixes != 1 else ''} in {files}{more}.", file=sys.stderr)
    code = Report(results, run_failures=run_failures).exit_code()
    return code if code not in (0, 1) else int(bool(changed))


def _write(file: str, data: bytes) -> None:
    with open(file, "wb") as written:
        written.write(data)


def read_target(target: Target, max_bytes: int = DEFAULT_MAX_FILE_SIZE) -> bytes | FileResult:
    """The bytes of one input, or a FileResult with the reason it cannot be read (also on stderr).

    Only regular files (and standard input) are read, and never more than ``max_bytes + 1``
    bytes: enough for the size check to report a larger file.
    """
    try:
        if target.file is not None:
            return read_file(target.file, max_bytes + 1)
        if sys.stdin is None:
            raise OSError(0, "standard input is closed")
        return sys.stdin.buffer.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: reading a closed stream
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        message = f"{target.path}: cannot read file: {reason}"
        print(f"cortex-workflow-lint: error: {message}", file=sys.stderr)
        return FileResult(target.path, error=message)


def lint_target(
    target: Target, settings: Settings, sources: dict[str, bytes] | None = None, fixing: Fixing | None = None
) -> FileResult:
    """Lint one input; with ``sources``, also keep its bytes there (for ``--remote``)."""
    data = read_target(target, settings.max_file_size)
    if isinstance(data, FileResult):
        return data
    if sources is not None:
        sources[target.path] = data
    return _lint_job((target.path, data, settings, fixing))
