"""Small helpers shared by the tests."""

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from linter.engine import lint as lint_file
from linter.settings import Settings


def lint(text: str | bytes, path: str = "test.yaml", **settings) -> list:
    return lint_file(text, path, Settings(**settings)).violations


def lines(violations) -> list[str]:
    """Violations as ``LINE:COL-ENDLINE:ENDCOL TYPE [rule] message`` strings."""
    return [
        f"{v.span.start_line}:{v.span.start_column}-{v.span.end_line}:{v.span.end_column} "
        f"{v.violation_type} [{v.rule_id}] {v.description}"
        for v in violations
    ]


def load_script(relative: str) -> ModuleType:
    """A script of the checkout (``benchmarks/linear.py``), imported as a module once."""
    path = Path(__file__).resolve().parents[1] / relative
    name = path.stem
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
