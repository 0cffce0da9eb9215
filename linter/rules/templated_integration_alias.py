"""Integration aliases must be literal.

## What it does
Reports a block whose `integrationAlias` (or `alias`, in
GITHUB_CREATE_OR_UPDATE_FILE and JIRA_CREATE_ISSUE blocks) holds a
Mustache tag such as `{{variables.github-integration}}`.

## Why is this bad?
Cortex resolves the integration configuration when the workflow is saved,
not when it runs, and rejects an alias that is a template.

## Example
```yaml
variables:
- slug: github-integration
  type: STRING
actions:
- slug: trigger-deploy
  isRootAction: true
  outgoingActions: []
  schema:
    type: HTTP_REQUEST
    httpMethod: POST
    url: "/repos/acme/api/dispatches"
    headers: {}
    integration: GitHub
    integrationAlias: "{{variables.github-integration}}"
```

## Use instead
```yaml
actions:
- slug: trigger-deploy
  isRootAction: true
  outgoingActions: []
  schema:
    type: HTTP_REQUEST
    httpMethod: POST
    url: "/repos/acme/api/dispatches"
    headers: {}
    integration: GitHub
    integrationAlias: acme-github
```
"""

from collections.abc import Iterable

from ..document import Document
from ..model import Finding, Severity
from ..templates import MUSTACHE, Field, describe, is_templated, shorten
from . import Rule


class TemplatedIntegrationAlias(Rule):
    id = "templated-integration-alias"
    title = "Integration aliases must be literal"
    severity = Severity.MUST

    def check(self, doc: Document) -> Iterable[Finding]:
        workflow = doc.analysis.workflow
        for index, action in workflow.actions:
            schema = action.get("schema")
            if not isinstance(schema, dict):
                continue
            for key in ("integrationAlias", "alias"):
                value = schema.get(key)
                if is_templated(value):
                    pointer = workflow.pointer(index, "schema", key)
                    where = describe(Field(pointer, value, MUSTACHE, index, key), doc.data)
                    yield Finding(
                        f"{where} is a template ('{shorten(value)}'); Cortex resolves the integration "
                        "configuration when the workflow is saved and rejects a templated alias. "
                        "Write the configuration alias literally",
                        pointer,
                    )
