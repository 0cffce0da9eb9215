"""The bundled examples: the good one is clean, and the README shows exactly what the tool prints."""

import re
import subprocess
import sys

from conftest import ROOT


def test_readme_shows_the_real_output_for_the_examples():
    done = subprocess.run(
        [sys.executable, "-m", "linter", "check", "examples/"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"is broken on purpose:\n\n```text\n(.*?)```", readme, re.DOTALL).group(1)
    assert done.returncode == 1
    assert done.stdout == shown
    assert "examples/deploy-service.yaml" not in done.stdout
