"""The secret scan's shortcut: a workflow none of whose strings can hold a well-known token skips
the scan of each string (see ``linter.secrets.may_hold_token``), so each shape must still be found
alone, wherever it is."""

import pytest

from helpers import lines, lint

WORKFLOW = """tag: t
name: T
isDraft: false
filter:
  type: GLOBAL
actions:
  - slug: call
    name: Call
    isRootAction: true
    outgoingActions: []
    schema:
      type: HTTP_REQUEST
      httpMethod: GET
      url: https://example.com
      headers:
        Accept: application/json
      payload: "{text}"
"""
TOKENS = {  # one of each shape the scan knows, each with its marks (upper and lower case alike)
    "ghp_" + "a1B2c3D4e5" * 4: "a GitHub personal access token",
    "gho_" + "a1B2c3D4e5" * 4: "a GitHub OAuth or app token",
    "ghu_" + "a1B2c3D4e5" * 4: "a GitHub OAuth or app token",
    "ghs_" + "a1B2c3D4e5" * 4: "a GitHub OAuth or app token",
    "ghr_" + "a1B2c3D4e5" * 4: "a GitHub OAuth or app token",
    "github_pat_" + "a1B2c3D4e5" * 3: "a GitHub fine-grained personal access token",
    "glpat-" + "a1B2c3D4e5" * 3: "a GitLab personal access token",
    **{f"xox{kind}-" + "1234567890-a1B2c3D4e5": "a Slack token" for kind in "abprs"},
    "AKIA" + "Q2W3E4R5T6Y7U8I9": "an AWS access key ID",
    "ASIA" + "Q2W3E4R5T6Y7U8I9": "an AWS access key ID",
    "Bearer " + "a1B2c3D4e5" * 3: "a bearer token",
    "BEARER " + "a1B2c3D4e5" * 3: "a bearer token",
    "bearer " + "a1B2c3D4e5" * 3: "a bearer token",
}


@pytest.mark.parametrize("token", TOKENS)
def test_each_token_shape_is_found_alone(token):
    column = len('      payload: "') + 1  # where the value starts; a bearer token's span leaves out "Bearer "
    first = column + token.index(" ") + 1 if " " in token else column
    assert lines(lint(WORKFLOW.replace("{text}", token), select=frozenset({"plaintext-secret"}))) == [
        f"17:{first}-17:{column + len(token)} SHOULD [plaintext-secret] Field 'schema.payload' of block 'call' "
        f"holds {TOKENS[token]} in plain text; store it as a Cortex secret and reference it as "
        "'{{&context.secrets.<secret-tag>}}'"
    ]


def test_a_workflow_without_tokens_still_gets_its_credential_headers_checked():
    text = WORKFLOW.replace("Accept: application/json", "Authorization: Basic dXNlcjpwYXNz").replace("{text}", "{}")
    assert lines(lint(text, select=frozenset({"plaintext-secret"}))) == [
        "16:24-16:42 SHOULD [plaintext-secret] Field 'schema.headers.Authorization' of block 'call' holds a "
        "credential in plain text; store it as a Cortex secret and reference it as '{{&context.secrets.<secret-tag>}}'"
    ]
