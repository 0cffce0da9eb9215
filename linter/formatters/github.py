"""GitHub Actions workflow commands: one annotation per violation.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message``.
MUST (and any unknown type Cortex sends) is ``error``, SHOULD ``warning``,
MAY and HINT ``notice``.  Violations are printed most severe first, because
GitHub shows only the first 10 errors, 10 warnings and 10 notices of a step
(and 50 annotations per job); every violation is still printed, and a last
plain line says how many GitHub will not show.  Each failure (a file that
could not be read, a file Cortex could not check with ``--remote=required``,
a PATH with no workflows, an output that could not be written) is an error
annotation without a position, first.

Data is escaped as ``@actions/core`` does it: ``%``, CR and LF in the
message; those and ``:`` and ``,`` in properties.  GitHub turns CR and LF
back into line breaks inside the annotation, so they cannot start a log line;
every other control character is made :mod:`printable` first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from ..model import Violation
from ..report import Failure, Report
from .printable import printable

COMMANDS = {"MUST": "error", "SHOULD": "warning", "MAY": "notice", "HINT": "notice"}
SHOWN_PER_STEP = 10
"""Annotations GitHub shows per step, for each of error, warning and notice."""


def escape_data(text: str) -> str:
    return printable(text, keep="\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: Mapping[str, object], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name} {props}::{escape_data(message)}"


def annotation(v: Violation) -> tuple[str, str]:
    s = v.span
    message = "\n".join(
        [v.description, *(f"{r.path or v.path}:{r.span.start_line}:{r.span.start_column}: note: {r.message}" for r in v.related)]
    )
    name = COMMANDS.get(v.violation_type, "error")
    properties = {
        "file": v.path,
        "line": s.start_line,
        "col": s.start_column,
        "endLine": s.end_line,
        "endColumn": s.end_column,
        "title": f"{v.violation_type} [{v.rule_id}] {v.title}",
    }
    return name, command(name, properties, message)


FAILURE_TITLES = {
    "read": "cannot read file",
    "remote": "Cortex could not check the file",
    "no-workflows": "no workflow files",
    "output": "cannot write output",
}


def failure_annotation(failure: Failure) -> str:
    properties = {"file": failure.path} if failure.kind in ("read", "remote") and failure.path else {}
    properties["title"] = f"cortex-workflow-lint: {FAILURE_TITLES[failure.kind]}"
    return command("error", properties, failure.message)


def render(report: Report) -> str:
    lines = [failure_annotation(f) for f in report.failures()]
    kinds = Counter({"error": len(lines)})
    for v in sorted(report.violations, key=lambda v: -v.rank):
        name, line = annotation(v)
        kinds[name] += 1
        lines.append(line)
    hidden = sum(max(0, count - SHOWN_PER_STEP) for count in kinds.values())
    if hidden:
        lines.append(
            f"cortex-workflow-lint: GitHub shows at most {SHOWN_PER_STEP} error, {SHOWN_PER_STEP} warning and "
            f"{SHOWN_PER_STEP} notice annotations per step, so {hidden} of these {len(lines)} findings will not be "
            "shown; upload SARIF to code scanning (--output sarif=results.sarif) to see them all."
        )
    return "".join(f"{line}\n" for line in lines)
