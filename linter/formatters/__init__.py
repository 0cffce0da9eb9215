"""Output formats.  Each is a module with ``render(report) -> str``.

Modules are imported only when their format is used, so the writers a
plain ``check`` does not need (SARIF, XML, ...) cost nothing at start-up.
"""

from __future__ import annotations

import importlib

from ..report import Report

FORMATS = {
    "text": "Human-readable lines with a summary (the default)",
    "json": "Our full report (schemas/report.schema.json)",
    "cortex": "Exactly what POST /api/v1/workflows/validate returns",
    "concise": "One path:line:col: TYPE [rule-id] message line per violation, for editors",
    "github": "GitHub Actions annotations (picked by default under GitHub Actions)",
    "sarif": "SARIF 2.1.0 for GitHub code scanning",
    "junit": "JUnit XML for CI test reports",
    "gitlab": "GitLab Code Quality JSON",
}


def render(name: str, report: Report) -> str:
    module = importlib.import_module(f"{__name__}.{name}")
    return module.render(report)
