"""Bring ``schemas/workflow.schema.json`` up to date with Cortex's OpenAPI document and report what changed.

    python tools/regenerate_schemas.py OPENAPI.json [--schema PATH] [--check]

Cortex adds block types, input types, fields and enum values between releases.  This script reads
the OpenAPI document (JSON; for example the workflow subset of Cortex's ``swagger.json``) and, in our
schema:

* adds every new variant of a discriminated union (a block type, an input type, a filter type, an
  input override type): its value in the union's ``type`` enum, an ``if``/``then`` branch and a
  ``$defs`` entry built from the OpenAPI properties;
* adds every property the OpenAPI declares for an object we know and we lack;
* adds every enum value the OpenAPI declares and we lack.

It never removes or narrows anything: our schema is also written from real, accepted definitions
(fields Cortex fills in, fields the OpenAPI omits), so what we have and the OpenAPI lacks is only
reported, as are fields the OpenAPI requires and we do not.  Each line of the report starts with
``+`` (added), ``=`` (kept, not in the OpenAPI) or ``!`` (required by the OpenAPI only).  With
``--check`` nothing is written and the exit status is 1 when something would be added (for CI).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "workflow.schema.json"

UNIONS = {
    "WorkflowActionSchema": "block",
    "WorkflowInput": "input",
    "WorkflowFilter": "filter",
    "InputOverride": "inputOverride",
}
"""OpenAPI discriminated union -> our ``$defs`` union (its variants are ``<ours>.<TYPE>``)."""

OBJECTS = {
    "WorkflowAction": "action",
    "WorkflowVariable": "variable",
    "Conditional": "conditionalBranch",
    "Fallback": "fallbackBranch",
    "VariableAssignment": "variableAssignment",
    "RestrictionPolicyRelationship": "runRestrictionPolicy",
    "CortexUserIdentity": "cortexUserIdentity",
}
"""OpenAPI object -> our ``$defs`` object, compared property by property."""

_KEYWORDS = ("type", "enum", "format", "minimum", "maximum")


class OpenApi:
    """Component lookup for a whole OpenAPI document or for a flattened subset
    (components keyed by their full ``#/components/...`` pointer)."""

    def __init__(self, document: dict) -> None:
        self.document = document

    def schema(self, name: str) -> dict:
        return self.resolve(f"#/components/schemas/{name}")

    def has(self, name: str) -> bool:
        try:
            self.schema(name)
        except KeyError:
            return False
        return True

    def resolve(self, ref: str) -> dict:
        components = self.document.get("components", {})
        if ref in components:
            return components[ref]
        node: Any = self.document
        for token in ref.removeprefix("#/").split("/"):
            node = node[token]
        return node

    def properties(self, schema: dict) -> tuple[dict[str, dict], list[str]]:
        """Properties and required names of ``schema``, through ``allOf`` (the union's base excluded)."""
        properties: dict[str, dict] = dict(schema.get("properties", {}))
        required = list(schema.get("required", []))
        for part in schema.get("allOf", []):
            if "$ref" in part:
                continue  # the union's base: only the discriminator
            properties.update(part.get("properties", {}))
            required += part.get("required", [])
        return properties, required

    def variants(self, union: dict) -> dict[str, dict]:
        """Discriminator value -> variant schema."""
        found = {}
        for option in union.get("oneOf", []):
            name = option["$ref"].rsplit("/", 1)[-1]
            variant = self.resolve(option["$ref"])
            found[variant.get("title") or name.rsplit(".", 1)[-1].upper()] = variant
        return found


def translate(prop: dict) -> dict:
    """Our schema for one OpenAPI property: its description and plain keywords; a reference
    to another component is left open (anything), to be written by hand."""
    ours: dict[str, Any] = {}
    if "description" in prop:
        ours["description"] = prop["description"]
    for keyword in _KEYWORDS:
        if keyword in prop:
            ours[keyword] = prop[keyword]
    if prop.get("type") == "array" and isinstance(prop.get("items"), dict) and "$ref" not in prop["items"]:
        ours["items"] = {k: v for k, v in prop["items"].items() if k in _KEYWORDS}
    if prop.get("type") == "object" and isinstance(prop.get("additionalProperties"), dict):
        ours["additionalProperties"] = {k: v for k, v in prop["additionalProperties"].items() if k in _KEYWORDS}
    return ours


def update(schema: dict, api: OpenApi) -> list[str]:
    """Add to ``schema`` (in place) what the OpenAPI has and it lacks; the report, one line per change."""
    defs = schema["$defs"]
    report: list[str] = []
    for api_name, ours in UNIONS.items():
        if not api.has(api_name) or ours not in defs:
            continue
        union = defs[ours]
        known = union["properties"]["type"].setdefault("enum", [])
        for value, variant in api.variants(api.schema(api_name)).items():
            name = f"{ours}.{value}"
            if value not in known:
                known.append(value)
                union.setdefault("allOf", []).append(
                    {
                        "if": {"type": "object", "properties": {"type": {"const": value}}, "required": ["type"]},
                        "then": {"$ref": f"#/$defs/{name}"},
                    }
                )
                properties, required = api.properties(variant)
                defs[name] = _new_object(value, variant, properties, required)
                report.append(f"+ {ours} type {value} ({len(properties) - ('type' in properties)} fields)")
            elif name in defs:
                report += _compare(name, defs[name], *api.properties(variant))
    for api_name, ours in OBJECTS.items():
        if api.has(api_name) and ours in defs:
            report += _compare(ours, defs[ours], *api.properties(api.schema(api_name)))
    return report


def _new_object(value: str, variant: dict, properties: dict[str, dict], required: list[str]) -> dict:
    props = {name: translate(prop) for name, prop in sorted(properties.items()) if name != "type"}
    return {
        "description": variant.get("description", f"{value} (added from Cortex's OpenAPI; describe it by hand)."),
        "type": "object",
        "required": ["type", *sorted(set(required) - {"type"})],
        "properties": {"type": {"const": value}, **props},
        "additionalProperties": False,
    }


def _compare(name: str, ours: dict, properties: dict[str, dict], required: list[str]) -> list[str]:
    report = []
    our_properties = ours.setdefault("properties", {})
    for prop, api_prop in sorted(properties.items()):
        if prop == "type" and "const" in our_properties.get("type", {}):
            continue  # a variant's discriminator
        if prop not in our_properties:
            our_properties[prop] = translate(api_prop)
            report.append(f"+ {name}.{prop}")
            continue
        mine = our_properties[prop]
        values = mine.get("enum")
        if isinstance(values, list):
            for value in api_prop.get("enum", []):
                if value not in values:
                    values.append(value)
                    report.append(f"+ {name}.{prop} value {value}")
    for prop in sorted(set(our_properties) - set(properties) - {"type"}):
        report.append(f"= {name}.{prop} (not in the OpenAPI)")
    for prop in sorted(set(required) - set(ours.get("required", []))):
        report.append(f"! {name}.{prop} is required by the OpenAPI only")
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("openapi", type=Path, help="Cortex's OpenAPI document (JSON)")
    parser.add_argument("--schema", type=Path, default=SCHEMA, help=f"the schema to update (default {SCHEMA})")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when something would be added")
    args = parser.parse_args(argv)
    try:
        api = OpenApi(json.loads(args.openapi.read_text(encoding="utf-8")))
        schema = json.loads(args.schema.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"regenerate_schemas: error: {exc}", file=sys.stderr)
        return 2
    report = update(schema, api)
    added = [line for line in report if line.startswith("+")]
    print("\n".join(report) if report else "No difference.")
    print(f"{len(added)} addition(s)" + (" (not written: --check)" if args.check and added else ""))
    if added and not args.check:
        args.schema.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if args.check and added else 0


if __name__ == "__main__":
    sys.exit(main())
