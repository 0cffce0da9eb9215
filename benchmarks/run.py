"""Time cortex-workflow-lint against check-jsonschema and yamllint: ``python benchmarks/run.py``.

Creates ``benchmarks/.work/venv`` (once) with the pinned tools of ``requirements.txt``, installs
this checkout into it (every run, so the current code is measured), generates the inputs under
``benchmarks/.work/`` and runs every tool as a whole process: one warm-up each, then ``--runs``
timed runs (at least 31 for the typical file), the tools of a case taking turns.  It prints the median wall time and the peak RSS of each tool, its ratio to ours, and
whether the targets of docs/performance.md are met.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import venv
from pathlib import Path

import generate
import server

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "benchmarks" / ".work"
VENV = WORK / "venv"
BIN = VENV / "bin"
SCHEMA = ROOT / "schemas" / "workflow.schema.json"


def setup() -> None:
    if not (BIN / "python").exists():
        venv.create(VENV, with_pip=True)
        pip("-r", str(ROOT / "benchmarks" / "requirements.txt"))
    pip("--no-deps", "--force-reinstall", str(ROOT))  # the current code, installed as users get it
    pip(f"{ROOT}[lsp]")  # its dependencies, when missing (the language server's included)


def pip(*args: str) -> None:
    subprocess.run([str(BIN / "python"), "-m", "pip", "install", "-q", *args], check=True)


def inputs() -> dict[str, list[Path]]:
    """Write every input afresh (so they follow the generator); return the files of each case."""
    if not generate.CORPUS.is_dir():
        sys.exit(f"the corpus of real workflows is missing: expected it at {generate.CORPUS}")
    cases: dict[str, list[Path]] = {}
    typical = WORK / "typical" / "deploy.yaml"
    typical.parent.mkdir(parents=True, exist_ok=True)
    typical.write_text(generate.typical(), encoding="utf-8")
    cases["a: typical"] = [typical]
    repo = WORK / "repository"
    shutil.rmtree(repo, ignore_errors=True)
    cases["b: 2,000 files"] = generate.repository(repo, 2000)
    for shape in generate.SHAPES:
        for blocks in (1_000, 10_000):
            path = WORK / "big" / f"{shape}-{blocks}.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(generate.big(shape, blocks), encoding="utf-8")
            cases[f"c: {shape} {blocks:,}"] = [path]
    return cases


TOOLS = {
    "cortex-workflow-lint": lambda files: [str(BIN / "cortex-workflow-lint"), "check", *files],
    "check-jsonschema": lambda files: [str(BIN / "check-jsonschema"), "--schemafile", str(SCHEMA), *files],
    # Syntax only: no style rules, so yamllint does the least it can.
    "yamllint": lambda files: [str(BIN / "yamllint"), "-f", "parsable", "-d", "{rules: {}}", *files],
}


def measure(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak RSS in MB and CPU seconds (user and system) of one run.

    The peak is the larger of the biggest single process (``ru_maxrss``, as
    ``/usr/bin/time %M`` reports it) and the sum over the process and its
    workers, sampled every 10 ms from /proc (for our process pool).
    """
    errors = tempfile.TemporaryFile()  # noqa: SIM115 - read after the process ends, closed below
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors)
    done, tree_peak = threading.Event(), [0]

    def sample() -> None:
        while not done.wait(0.01):
            tree_peak[0] = max(tree_peak[0], sum(_rss_kb(p) for p in [process.pid, *_children(process.pid)]))

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    done.set()
    sampler.join()
    errors.seek(0)
    stderr = errors.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if "Traceback" in stderr or code < 0:
        sys.exit(f"{command[0]} failed ({code}):\n{stderr}")
    return elapsed, max(usage.ru_maxrss, tree_peak[0]) / 1024, usage.ru_utime + usage.ru_stime


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)


def bench(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float, float]]:
    """For each named command: median wall seconds, largest peak RSS in MB, median CPU seconds.

    The commands take turns (one run of each, ``runs`` times over), so that a change in the
    machine's speed during the case (other load, frequency) weighs on every tool alike."""
    for command in commands.values():
        measure(command)  # warm-up: file cache, .pyc files
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(measure(command))
    return {
        name: (statistics.median(t for t, _, _ in taken), max(m for _, m, _ in taken), statistics.median(c for _, _, c in taken))
        for name, taken in samples.items()
    }


TYPICAL_RUNS = 31
"""Timed runs of case (a) at least: one run takes about 0.2 s, and on the benchmark machine such a run
moves by up to 30% from one minute to the next, so that the medians of 5 runs put the same code at
1.00x and at 1.37x yamllint."""


def machine() -> str:
    model = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor() or "unknown CPU",
    )
    python = subprocess.run([str(BIN / "python"), "-VV"], check=False, capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} CPUs ({model}), {platform.system()} {platform.release()}, {python}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool and case (default 5)")
    parser.add_argument("--server-only", action="store_true", help="only the language server case (and the cold runs it is compared with)")
    args = parser.parse_args()
    setup()
    cases = inputs()
    print(f"Machine: {machine()}; median of {args.runs} runs after a warm-up ({max(args.runs, TYPICAL_RUNS)} for the typical file)\n")
    if args.server_only:
        cold = {}
        for case in SERVER_CASES:
            wall, _, cpu = bench({"ours": TOOLS["cortex-workflow-lint"]([str(f) for f in cases[case]])}, args.runs)["ours"]
            cold[case] = (wall, cpu)
        server_case(cold, cases)
        return
    print("check-jsonschema checks structure only (no positions); yamllint checks syntax only.")
    print("cortex-workflow-lint checks syntax, structure and every rule, with exact positions.\n")
    print(f"| case | tool | median wall (s) | peak RSS (MB) | time / ours |\n|{' --- |' * 5}")
    ours: dict[str, tuple[float, float, float]] = {}
    results: dict[tuple[str, str], float] = {}
    for case, files in cases.items():
        names = [str(f) for f in files]
        # the other tools only for the largest inputs of (c), to keep the run short
        tools = [tool for tool in TOOLS if not (case.startswith("c:") and tool != "cortex-workflow-lint" and "10,000" not in case)]
        runs = max(args.runs, TYPICAL_RUNS) if case == "a: typical" else args.runs
        measured = bench({tool: TOOLS[tool](names) for tool in tools}, runs)
        ours[case] = measured["cortex-workflow-lint"]
        for tool, (wall, peak, _) in measured.items():
            results[case, tool] = wall
            print(f"| {case} | {tool} | {wall:.3f} | {peak:.0f} | {wall / ours[case][0]:.2f}x |", flush=True)
    print("\nTargets:")
    a, b = "a: typical", "b: 2,000 files"
    check("(a) <= 0.6x check-jsonschema", ours[a][0] <= 0.6 * results[a, "check-jsonschema"])
    check("(a) no slower than yamllint", ours[a][0] <= results[a, "yamllint"])
    check(f"(a) <= 0.95x yamllint, issue 12 ({ours[a][0] / results[a, 'yamllint']:.2f}x)", ours[a][0] <= 0.95 * results[a, "yamllint"])
    check("(b) >= 3x faster than check-jsonschema", 3 * ours[b][0] <= results[b, "check-jsonschema"])
    check(f"(b) peak RSS < 200 MB ({ours[b][1]:.0f} MB, all processes)", ours[b][1] < 200)
    for shape in generate.SHAPES:
        small, large = ours[f"c: {shape} 1,000"], ours[f"c: {shape} 10,000"]
        check(f"(c) {shape}: 10,000 blocks < 3 s ({large[0]:.2f} s)", large[0] < 3)
        check(f"(c) {shape}: peak RSS < 300 MB ({large[1]:.0f} MB)", large[1] < 300)
        check(f"(c) {shape}: time(10k) <= 12x time(1k) ({large[0] / small[0]:.1f}x)", large[0] <= 12 * small[0])
    print()
    server_case({case: (ours[case][0], ours[case][2]) for case in SERVER_CASES}, cases)


SERVER_CASES = {"a: typical": 10.0, "c: chain 1,000": 150.0}
"""The inputs of the language server case and the target for each: milliseconds from didChange to diagnostics."""
SERVER_CHANGES = 100
SERVER_MEMORY_CHANGES = 10_000


def server_case(cold: dict[str, tuple[float, float]], cases: dict[str, list[Path]]) -> None:
    """The language server: an edit's time to diagnostics, side by side with a cold command-line run
    (``cold``: its wall and CPU seconds for each case), and memory."""
    probe = "from linter.lsp.linting import DEBOUNCE; print(DEBOUNCE)"
    debounce = float(subprocess.run([str(BIN / "python"), "-c", probe], capture_output=True, text=True, check=True).stdout)
    lsp = server.Server([str(BIN / "cortex-workflow-lint"), "server"], WORK)
    print(f"Language server: didChange to publishDiagnostics, median of {SERVER_CHANGES} changes, the debounce ({debounce * 1000:.0f} ms) subtracted\n")
    print(f"Load average at the start: {' '.join(f'{load:.2f}' for load in os.getloadavg())}\n")
    print(f"| case | cold `check` wall (ms) | cold `check` CPU (ms) | server wall (ms) | server CPU per change (ms) | target (ms) |\n|{' --- |' * 6}")
    results = {}
    for case, target in SERVER_CASES.items():
        (path,) = cases[case]
        results[case], cpu = server.latency_ms(lsp, path, path.read_text(encoding="utf-8"), SERVER_CHANGES, debounce)
        wall, cold_cpu = cold[case]
        print(f"| {case} | {wall * 1000:.0f} | {cold_cpu * 1000:.0f} | {results[case]:.1f} | {cpu:.1f} | {target:.0f} |", flush=True)
    (typical,) = cases["a: typical"]
    before, growth = server.rss_growth_mb(lsp, typical, typical.read_text(encoding="utf-8"), SERVER_MEMORY_CHANGES)
    lsp.close()
    print(f"\nServer RSS after 100 changes of the typical file: {before:.1f} MB; after {SERVER_MEMORY_CHANGES:,} more: {growth:+.1f} MB")
    print(f"Load average at the end: {' '.join(f'{load:.2f}' for load in os.getloadavg())}\n")
    print("Targets:")
    for case, target in SERVER_CASES.items():
        check(f"server, {case}: <= {target:.0f} ms ({results[case]:.1f} ms)", results[case] <= target)
    check(f"server: RSS growth <= 10 MB over {SERVER_MEMORY_CHANGES:,} changes ({growth:+.1f} MB)", growth <= 10)


def check(target: str, met: bool) -> None:
    print(f"- {'met' if met else 'MISSED'}: {target}")


if __name__ == "__main__":
    main()
