"""Structural validation against ``schemas/workflow.schema.json``.

The document is validated once (``doc.analysis.schema_findings``) and
every ``jsonschema`` error is turned into a finding of one kind:
``required``, ``type``, ``enum``, ``unknown`` or ``other``.  One rule module
reports each kind, so each can be configured on its own.

Validation runs before any rule (the engine calls
``doc.analysis.read_as_cortex()``) and first converts the scalars that Cortex's reader (Jackson) converts by itself, in
``doc.data``, so that every rule reads the value Cortex reads: a quoted
``"true"`` where a boolean is expected, a number or boolean where a string is
expected, a numeric string where a number is expected.  Each conversion is a
finding of kind ``coerced`` (rule ``coercible-field-type``); a mismatch that cannot be converted stays a
``type`` finding.

The schema selects the branch of every discriminated union with ``if/then``
on the discriminator (``schema.type``, ``filter.type``, ``inputs[].type``,
...), so errors always come from the branch the author chose, never as "is
not valid under any of the given schemas".
"""

from __future__ import annotations

import functools
import json
import os
import re
from typing import Any, NamedTuple

from ruamel.yaml.nodes import ScalarNode

from .document import Document, label_of, pointer_of
from .edits import rename_key, replace_value
from .model import UNSAFE, Edit, Finding, Fix
from .precheck import compile_schema
from .settings import Settings
from .workflow import block_name

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "boolean": "a boolean (true or false)",
    "integer": "an integer",
    "number": "a number",
    "null": "null",
}


def schema_path() -> str:
    """The published workflow schema: bundled in the wheel, or in the checkout."""
    here = os.path.dirname(os.path.realpath(__file__))
    bundled = os.path.join(here, "_schemas", "workflow.schema.json")
    return bundled if os.path.exists(bundled) else os.path.join(os.path.dirname(here), "schemas", "workflow.schema.json")


@functools.cache
def _schema() -> Any:
    with open(schema_path(), encoding="utf-8") as file:
        return json.load(file)


@functools.cache
def _validator() -> Any:
    import jsonschema  # noqa: PLC0415 - imported on first invalid document, not at start-up

    return jsonschema.validators.validator_for(_schema())(_schema())


@functools.cache
def _precheck() -> Any:
    return compile_schema(_schema())


def top_level_keys() -> frozenset[str]:
    """The fields a workflow may have at its top level."""
    return frozenset(_schema()["properties"])


def block_types() -> list[str]:
    """The block types of the published schema."""
    return list(_schema()["$defs"]["block"]["properties"]["type"]["enum"])


def block_fields(block_type: str) -> dict[str, str]:
    """The fields of a block's ``schema`` for ``block_type`` (besides ``type``), with their descriptions."""
    properties = _schema()["$defs"].get(f"block.{block_type}", {}).get("properties", {})
    return {name: spec.get("description", "") for name, spec in properties.items() if name != "type"}


def prepare() -> None:
    """Build the pre-check and the jsonschema validator now, not at the first file that needs them."""
    _precheck()
    _validator()


_COERCION_ROUNDS = 3
"""A conversion can select another ``if/then`` branch with more to convert; real files need one round."""


def validate(doc: Document, settings: Settings | None = None) -> dict[str, list[Finding]]:
    """The schema errors of ``doc.data`` as findings, by kind, after converting in ``doc.data``
    the scalars that Cortex converts (each conversion is a ``coerced`` finding).  Enum values
    that ``settings`` accepts (``extra-block-types``, ``extra-enum-values``) are not errors."""
    data = doc.data
    if _precheck()(data) is True:  # exact: jsonschema would find no error
        return {}
    validator = _validator()
    coerced: list[Finding] = []
    errors = list(validator.iter_errors(data))
    for _ in range(_COERCION_ROUNDS):
        conversions = [c for c in (_coercion(doc, error) for error in errors if error.validator == "type") if c]
        if not conversions:
            break
        for conversion in conversions:
            conversion.apply(data)
            coerced.append(conversion.finding(doc))
        errors = list(validator.iter_errors(data))
    by_kind: dict[str, list[Finding]] = {"coerced": coerced} if coerced else {}
    for error in errors:
        if settings is not None and error.validator in ("enum", "const") and settings.accepts_enum_value(
            list(error.absolute_path), error.instance
        ):
            continue
        for kind, finding in _translate(error, doc, validator):
            by_kind.setdefault(kind, []).append(finding)
    return by_kind


_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_YAML_11_BOOLEANS = {"yes": True, "on": True, "no": False, "off": False}
_INTEGER_TEXT = re.compile(r"-?[0-9]+")
_NUMBER_TEXT = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


class _Coercion(NamedTuple):
    """A scalar that Cortex converts to the type the schema expects."""

    path: list[Any]
    written: Any
    value: Any
    expected: str
    yaml_11_word: bool = False

    def apply(self, data: Any) -> None:
        parent = data
        for token in self.path[:-1]:
            parent = parent[token]
        parent[self.path[-1]] = self.value

    def finding(self, doc: Document) -> Finding:
        data = doc.data
        subject = f"'{_label(self.path)}'{_where(data, self.path)}"
        wanted = _TYPE_NAMES[self.expected]
        if self.yaml_11_word:
            message = (
                f"{subject} should be {wanted}, not the YAML 1.1 word '{self.written}': Cortex's YAML reader "
                f"(Jackson 2) reads it as {json.dumps(self.value)}, YAML 1.2 readers (Jackson 3 among them) as "
                f"a string, which Cortex rejects; write {json.dumps(self.value)}"
            )
        else:
            message = (
                f"{subject} should be {wanted}, not {_describe(self.written)}; "
                f"Cortex converts it to {_describe(self.value)}, but write {_as_written(self.value)}"
            )
        pointer = pointer_of(*self.path)
        node = doc.nodes.get(pointer, (None, None))[0]
        fix = None
        if isinstance(node, ScalarNode) and node.style not in ("|", ">"):
            literal = _as_written(self.value)
            fix = Fix(f"Write {literal}", (Edit(node.start_mark.index, node.end_mark.index, literal),))
        return Finding(message, pointer, fix=fix)


def _coercion(doc: Document, error: Any) -> _Coercion | None:
    """How Jackson converts ``error.instance`` to the expected type, when it does (default settings)."""
    path = list(error.absolute_path)
    if not path:
        return None
    value = error.instance
    expected = error.validator_value
    for kind in [expected] if isinstance(expected, str) else expected:
        if kind == "boolean" and isinstance(value, str):
            if value.strip() in _TRUE or value.strip() in _FALSE:
                return _Coercion(path, value, value.strip() in _TRUE, kind)
            word = _YAML_11_BOOLEANS.get(value.lower())
            if word is not None and _plain_yaml_scalar(doc, pointer_of(*path)):
                return _Coercion(path, value, word, kind, yaml_11_word=True)
        if kind == "string" and isinstance(value, (bool, int, float)):
            node = doc.nodes.get(pointer_of(*path), (None, None))[0]
            text = node.value if isinstance(node, ScalarNode) else json.dumps(value)
            return _Coercion(path, value, text, kind)
        if kind == "integer" and isinstance(value, str) and _INTEGER_TEXT.fullmatch(value.strip()):
            return _Coercion(path, value, int(value), kind)
        if kind == "number" and isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
            number = float(value) if any(c in value for c in ".eE") else int(value)
            return _Coercion(path, value, number, kind)
    return None


def _plain_yaml_scalar(doc: Document, pointer: str) -> bool:
    """True for an unquoted YAML scalar (YAML 1.1 reads ``yes``/``no``/``on``/``off`` in it as booleans)."""
    node = doc.nodes.get(pointer, (None, None))[0]
    return not doc.is_json and isinstance(node, ScalarNode) and not node.style


def _as_written(value: Any) -> str:
    """``value`` as a JSON literal, which YAML reads the same way."""
    return json.dumps(value, ensure_ascii=False)


def _translate(error: Any, doc: Document, validator: Any) -> list[tuple[str, Finding]]:
    from .suggest import Suggester, closest  # noqa: PLC0415 - like jsonschema, only for a file with schema errors

    data = doc.data
    path = list(error.absolute_path)
    pointer = pointer_of(*path)
    where = _where(data, path)
    keyword = error.validator
    if keyword == "required":
        # jsonschema says f"{name!r} is a required property" (ast.literal_eval, which would read
        # it, leaves garbage for the collector on every call: the language server lints per change)
        written = error.message.removesuffix(" is a required property")
        name = next(name for name in error.validator_value if repr(name) == written)
        owner = _owner(data, path)
        return [("required", Finding(f"Missing required field '{name}' in {owner}{where}", pointer, part="key"))]
    if keyword == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        wanted = " or ".join(_TYPE_NAMES.get(t, t) for t in expected)
        subject = f"'{_label(path)}'{where}" if path else "The document root"
        message = f"{subject} must be {wanted}, not {_describe(error.instance)}"
        return [("type", Finding(message, pointer))]
    if keyword in ("enum", "const"):
        allowed = error.validator_value if keyword == "enum" else [error.validator_value]
        choices = ", ".join(str(a) for a in allowed)
        guess = closest(error.instance, allowed) if isinstance(error.instance, str) else None
        suggestion = guess if guess and guess != error.instance else None
        hint = f" Did you mean '{suggestion}'?" if suggestion else ""
        message = f"Invalid value {_show(error.instance)} for '{_label(path)}'{where}; expected one of: {choices}.{hint}"
        edit = replace_value(doc, pointer, suggestion) if suggestion else None
        fix = Fix(f"Replace with '{suggestion}'", (edit,), UNSAFE) if edit else None
        return [("enum", Finding(message, pointer, fix=fix))]
    if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(error.instance, dict):
        known = _known_keys(error.schema, error.instance, validator)
        owner = _owner(data, path)
        results = []
        suggest = Suggester(known)
        for key in error.instance:
            if key in known:
                continue
            guess = suggest(key)
            hint = f" Did you mean '{guess}'?" if guess and guess != key else " Cortex does not define this field."
            field = pointer_of(*path, key)
            edit = rename_key(doc, field, guess) if guess and guess != key and guess not in error.instance else None
            fix = Fix(f"Rename to '{guess}'", (edit,), UNSAFE) if edit else None
            results.append(("unknown", Finding(f"Unknown field '{key}' in {owner}{where}.{hint}", field, part="key", fix=fix)))
        return results
    return [("other", Finding(f"'{_label(path) or 'the workflow'}'{where}: {error.message}", pointer))]


def _known_keys(schema: Any, instance: dict, validator: Any) -> set[str]:
    """Every property name that ``schema`` declares for ``instance``, following
    ``$ref``, ``allOf`` and the ``if/then`` branches that ``instance`` selects."""
    root = validator.schema
    keys: set[str] = set()
    stack = [schema]
    while stack:
        current = stack.pop()
        if not isinstance(current, dict):
            continue
        ref = current.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target: Any = root
            for token in ref[2:].split("/"):
                target = target.get(token, {}) if isinstance(target, dict) else {}
            stack.append(target)
        keys.update(current.get("properties", {}))
        stack.extend(current.get("allOf", []))
        if "if" in current:
            chosen = current.get("then") if validator.evolve(schema=current["if"]).is_valid(instance) else current.get("else")
            stack.append(chosen)
    return keys


def _label(path: list[Any]) -> str:
    """A readable name for a field: ``schema.inputs[2].format`` inside a block."""
    relative = path[2:] if len(path) >= 2 and path[0] in ("actions", "variables") and isinstance(path[1], int) else path
    return label_of(relative) or (f"{path[0]}[{path[1]}]" if len(path) == 2 else "")


def _owner(data: Any, path: list[Any]) -> str:
    """The mapping a field is missing from or unknown in: ``block 'slug' (TYPE)``, ``variable 'slug'``,
    a field inside one (``schema.headers``), or ``the workflow``."""
    return (_item_name(data, path) if len(path) == 2 else None) or _label(path) or "the workflow"


def _where(data: Any, path: list[Any]) -> str:
    """`` of block 'slug' (TYPE)`` or `` of variable 'slug'`` for fields inside one."""
    name = _item_name(data, path) if len(path) > 2 else None
    return f" of {name}" if name else ""


def _item_name(data: Any, path: list[Any]) -> str | None:
    """``block 'slug' (TYPE)`` or ``variable 'slug'`` (or ``variables[2]``) for a path that starts
    in ``actions`` or ``variables``; None for other paths."""
    if len(path) < 2 or path[0] not in ("actions", "variables") or not isinstance(path[1], int):
        return None
    try:
        item = data[path[0]][path[1]]
    except (KeyError, IndexError, TypeError):
        return None
    if path[0] == "actions":
        return block_name(item, path[1], with_type=True)
    slug = item.get("slug") if isinstance(item, dict) else None
    return f"variable '{slug}'" if isinstance(slug, str) else f"variables[{path[1]}]"


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, str):
        return f"a string ({_show(value)})"
    kind = "an integer" if isinstance(value, int) else "a number"
    return f"{kind} ({value})"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    return json.dumps(value) if isinstance(value, (bool, type(None))) else str(value)
