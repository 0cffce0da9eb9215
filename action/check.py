"""The lint step of the GitHub Action (``action.yml``): run ``check`` with the action's inputs.

The inputs arrive as ``INPUT_*`` variables.  The tool, installed from the
action's own checkout, prints ``github`` annotations and appends the job
summary by itself; this script adds ``--output sarif=PATH`` when a SARIF path
is asked for, then writes the step outputs ``sarif`` (the file written, or
empty) and ``exit-code`` to ``$GITHUB_OUTPUT``, and exits with the tool's code.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys


def arguments(environ: dict[str, str]) -> list[str]:
    """The ``check`` command line for the action's inputs."""
    argv = ["check", "--format", "github"]
    if environ.get("INPUT_FAIL_ON"):
        argv += ["--fail-on", environ["INPUT_FAIL_ON"]]
    if environ.get("INPUT_CONFIG"):
        argv += ["--config", environ["INPUT_CONFIG"]]
    if environ.get("INPUT_SARIF"):
        argv += ["--output", f"sarif={environ['INPUT_SARIF']}"]
    argv += shlex.split(environ.get("INPUT_ARGS", ""))
    return [*argv, "--", *(shlex.split(environ.get("INPUT_PATHS", "")) or ["."])]


def main() -> int:
    environ = dict(os.environ)
    code = subprocess.run([sys.executable, "-m", "linter", *arguments(environ)], check=False).returncode
    sarif = environ.get("INPUT_SARIF", "")
    written = sarif if sarif and os.path.isfile(sarif) else ""
    if environ.get("GITHUB_OUTPUT"):
        with open(environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as outputs:
            outputs.write(f"sarif={written}\nexit-code={code}\n")
    return code


if __name__ == "__main__":
    sys.exit(main())
