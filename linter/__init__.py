"""cortex-workflow-lint: find mistakes in Cortex Workflow descriptors as you write them.

The Python API, for editors and tests::

    from linter import lint
    for v in lint(open("deploy.yaml").read(), path="deploy.yaml").violations:
        print(v.span.start_line, v.span.start_column, v.violation_type, v.rule_id, v.description)
"""

from __future__ import annotations

__version__ = "0.1.0"

PROJECT_URL = "https://github.com/cortex-workflow-lint/cortex-workflow-lint"
"""The one place that names the project's home.  Rule links, the schemas' ``$id``, SARIF's
``informationUri`` and every link in the README and docs are built from it (a test checks)."""

__all__ = ["PROJECT_URL", "__version__", "lint"]


def __getattr__(name: str) -> object:  # lazy, so that `import linter` stays cheap
    if name == "lint":
        from .engine import lint  # noqa: PLC0415

        return lint
    raise AttributeError(name)
