"""JUnit XML, for CI test-report views (GitLab ``artifacts:reports:junit``, Jenkins).

One ``<testsuite>`` per file, named by its path.  Each violation is a
``<testcase>`` (named by rule and position, with the path as ``classname``
and ``file``), so CI views list every problem separately.  A violation at or
above ``--fail-on`` holds a ``<failure>``; one below it is a passing test
case whose ``<system-out>`` carries the message, so the failure count agrees
with the exit code.  A file without violations gets one passing test case;
a file that could not be read, or that Cortex could not check with
``--remote=required``, gets one with an ``<error>``.  Failures that belong to
no file (a PATH with no workflows, an output not written) are ``<error>``
test cases of a last suite named ``cortex-workflow-lint``.  No timestamps
or durations, so the output is reproducible.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..model import Violation
from ..report import Failure, FileResult, Report

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold, even escaped, replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def render(report: Report) -> str:
    root = ET.Element("testsuites", name="cortex-workflow-lint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    suites = [testsuite(result, report) for result in report.results]
    if report.run_failures:
        suites.append(run_failures_suite(report.run_failures))
    for suite in suites:
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.attrib[key])  # every suite sets its counts
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def testsuite(result: FileResult, report: Report) -> ET.Element:
    path = xml_text(result.path)
    suite = ET.Element("testsuite", name=path)
    failures = errors = 0
    if result.error:
        errors = 1
        case = ET.SubElement(suite, "testcase", name="read file", classname=path, file=path)
        ET.SubElement(case, "error", message=xml_text(result.error), type="read-error")
    elif report.remote_required and result.remote_error:
        errors = 1
        case = ET.SubElement(suite, "testcase", name="Cortex cross-check", classname=path, file=path)
        ET.SubElement(case, "error", message=xml_text(result.remote_error), type="remote-error")
    elif not result.violations:
        ET.SubElement(suite, "testcase", name="cortex-workflow-lint", classname=path, file=path)
    for v in result.violations:
        failing = v.rank >= report.fail_on
        failures += failing
        suite.append(testcase(v, failing))
    suite.set("tests", str(len(suite)))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", "0")
    return suite


def run_failures_suite(failures: list[Failure]) -> ET.Element:
    """The failures that belong to no linted file (a PATH with no workflows, an output not written)."""
    suite = ET.Element("testsuite", name="cortex-workflow-lint")
    for failure in failures:
        case = ET.SubElement(suite, "testcase", name=xml_text(f"{failure.kind}: {failure.path}"), classname="cortex-workflow-lint")
        ET.SubElement(case, "error", message=xml_text(failure.message), type=failure.kind)
    for key, value in (("tests", len(failures)), ("failures", 0), ("errors", len(failures)), ("skipped", 0)):
        suite.set(key, str(value))
    return suite


def testcase(v: Violation, failing: bool) -> ET.Element:
    s = v.span
    path = xml_text(v.path)
    case = ET.Element(
        "testcase",
        name=xml_text(f"{v.rule_id} at {s.start_line}:{s.start_column}"),
        classname=path,
        file=path,
        line=str(s.start_line),
    )
    details = [f"{v.path}:{s.start_line}:{s.start_column}: {v.violation_type} [{v.rule_id}] {v.description}"]
    details += [f"{r.path or v.path}:{r.span.start_line}:{r.span.start_column}: note: {r.message}" for r in v.related]
    details.append(f"See {v.rule_link}")
    text = xml_text("\n".join(details))
    if failing:
        failure = ET.SubElement(case, "failure", message=xml_text(v.description), type=xml_text(v.violation_type))
        failure.text = text
    else:
        ET.SubElement(case, "system-out").text = text
    return case
