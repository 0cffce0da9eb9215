"""Where our time goes, phase by phase, on the inputs of ``run.py`` (run that first).

    benchmarks/.work/venv/bin/python benchmarks/phases.py

(a) the CPU time of whole processes that stop after each start-up step, and, when valgrind is
installed, the instructions a cold check of the typical file executes against yamllint's (a count
that does not move with the machine's speed); (b) and (c) in-process timers around parsing, the
schema check and the rules.  The numbers feed docs/performance.md.
"""

from __future__ import annotations

import gc
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORK = Path(__file__).resolve().parent / ".work"
STEPS = {
    "interpreter (python -c pass)": "pass",
    "+ import click": "import click",
    "+ the CLI modules": "import linter.cli",
    "+ every rule module, the schema pre-check": "import linter.cli; from linter.rules import all_rules; all_rules(); "
    "from linter import structure; structure._precheck()",
    "+ import jsonschema (files with structure errors only)": "import linter.cli; from linter.rules import all_rules; "
    "all_rules(); from linter import structure; structure._precheck(); import jsonschema",
}


def cpu_ms(command: list[str], runs: int = 15) -> float:
    samples = []
    for _ in range(runs):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=WORK)
        _, _, usage = os.wait4(process.pid, 0)
        samples.append((usage.ru_utime + usage.ru_stime) * 1000)
    return statistics.median(samples)


def startup() -> None:
    print("(a) CPU time of a whole process, ms")
    for label, code in STEPS.items():
        print(f"  {label}: {cpu_ms([sys.executable, '-c', code]):.0f}")
    typical = str(WORK / "typical" / "deploy.yaml")
    check = [str(Path(sys.executable).parent / "cortex-workflow-lint"), "check", typical]
    print(f"  the whole check of the typical file: {cpu_ms(check):.0f}")
    yamllint = [str(Path(sys.executable).parent / "yamllint"), "-f", "parsable", "-d", "{rules: {}}", typical]  # as run.py
    ours, theirs = instructions(check), instructions(yamllint)
    if ours is None or theirs is None:
        print("  instructions: valgrind is not installed (apt-get install valgrind)")
    else:
        print(f"  instructions of the check: {ours / 1e6:.0f} M, yamllint's {theirs / 1e6:.0f} M ({ours / theirs:.2f}x)")


def instructions(command: list[str]) -> int | None:
    """The instructions ``command`` executes, as valgrind's callgrind counts them; None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={scratch}/out", *command],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=WORK, check=False,
        )
    found = re.search(r"Collected : (\d+)", result.stderr)
    return int(found.group(1)) if found else None


def phases(label: str, files: list[Path]) -> None:
    from linter import engine  # noqa: PLC0415 - after the start-up measurements
    from linter.settings import Settings  # noqa: PLC0415
    from linter.source import load  # noqa: PLC0415

    settings = Settings()
    data = [(str(f), f.read_bytes()) for f in files]
    start = time.perf_counter()
    docs = [load(raw, settings.max_file_size) for _, raw in data]
    parsed = time.perf_counter()
    for doc in docs:
        if isinstance(doc.data, dict):
            doc.analysis.schema_findings("type")
    validated = time.perf_counter()
    for (path, _), doc in zip(data, docs):
        engine.check(doc, path, settings)
    done = time.perf_counter()
    print(
        f"  {label}: parse {parsed - start:.3f} s, schema {validated - parsed:.3f} s, "
        f"rules and engine {done - validated:.3f} s, total {done - start:.3f} s"
    )


def main() -> None:
    startup()
    gc.set_threshold(100_000, 50, 100)  # as a check run does
    print("(b) one process, in-process timers")
    phases("2,000 files", sorted((WORK / "repository").rglob("*.*")))
    print("(c) one process, in-process timers")
    for shape in ("chain", "fanout", "branches"):
        phases(f"{shape} 10,000", [WORK / "big" / f"{shape}-10000.yaml"])


if __name__ == "__main__":
    main()
