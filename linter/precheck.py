"""A fast yes-or-no answer to "is this document valid against the workflow schema?".

``jsonschema`` stays the validator of record: it finds and explains every
error.  But most files are valid, and for them it costs an import of about
50 ms and a slow generic walk (``if``/``then`` on every block and input).
:func:`compile_schema` turns the schema into nested closures that answer
the question exactly; when they say True, jsonschema would find no error, so
it is skipped.  When it says False, jsonschema runs as before.

The compiler knows exactly the keywords the schema uses.  A schema with any
other keyword, or a value it cannot decide exactly (a ``uniqueItems`` list
that is not all strings), makes it give up (``None``), which sends the
document to jsonschema.  ``tests/test_precheck.py`` checks that it agrees
with jsonschema on the corpus, the rule fixtures and thousands of mutations.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "default", "examples", "deprecated"})

_TYPES: dict[str, Check] = {
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "number": lambda x: isinstance(x, (int, float)) and not isinstance(x, bool),
    "integer": lambda x: (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer()),
}


class Unsupported(Exception):
    """The schema, or a value in the document, is beyond what this module decides exactly."""


def compile_schema(schema: Any) -> Callable[[Any], bool | None]:
    """``is_valid(data)``: True or False exactly as jsonschema decides, or None when undecided."""
    try:
        check = _Compiler(schema).compile(schema)
    except Unsupported:
        return lambda data: None

    def is_valid(data: Any) -> bool | None:
        try:
            return check(data)
        except Unsupported:
            return None

    return is_valid


class _Compiler:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.refs: dict[str, Check] = {}

    def compile(self, schema: Any) -> Check:
        if schema is True:
            return lambda x: True
        if schema is False:
            return lambda x: False
        if not isinstance(schema, dict):
            raise Unsupported(f"schema {schema!r}")
        checks = [self._keyword(schema, key) for key in schema if key not in _ANNOTATIONS]
        return _all_of([c for c in checks if c is not None])

    def _keyword(self, schema: dict, key: str) -> Check | None:
        value = schema[key]
        if key == "type":
            names = [value] if isinstance(value, str) else value
            if not all(name in _TYPES for name in names):
                raise Unsupported(f"type {value!r}")
            tests = [_TYPES[name] for name in names]
            return tests[0] if len(tests) == 1 else lambda x: any(test(x) for test in tests)
        if key in ("const", "enum"):
            allowed = [value] if key == "const" else value
            if not all(a is None or isinstance(a, (str, bool)) for a in allowed):
                raise Unsupported(f"{key} {value!r}")
            strings = frozenset(a for a in allowed if isinstance(a, str))
            others = [a for a in allowed if not isinstance(a, str)]
            # jsonschema's equal(): strings by ==, True/False/None by identity
            return lambda x: (x in strings if isinstance(x, str) else any(x is a for a in others))
        if key == "required":
            names = tuple(value)
            return lambda x: not isinstance(x, dict) or all(name in x for name in names)
        if key == "properties":
            props = [(name, self.compile(sub)) for name, sub in value.items()]

            def properties(x: Any) -> bool:
                if isinstance(x, dict):
                    for name, check in props:
                        if name in x and not check(x[name]):
                            return False
                return True

            return properties
        if key == "additionalProperties":
            if "patternProperties" in schema:
                raise Unsupported("patternProperties")
            known = frozenset(schema.get("properties", {}))
            extra = self.compile(value)
            return lambda x: not isinstance(x, dict) or all(extra(x[k]) for k in x if k not in known)
        if key == "items":
            item = self.compile(value)

            def items(x: Any) -> bool:
                if isinstance(x, list):
                    for i in x:
                        if not item(i):
                            return False
                return True

            return items
        if key == "uniqueItems":
            return _unique if value is True else None
        if key == "allOf":
            return self._tagged_union(value) or _all_of([self.compile(sub) for sub in value])
        if key == "if":
            condition = self.compile(value)
            then = self.compile(schema.get("then", True))
            else_ = self.compile(schema.get("else", True))
            return lambda x: then(x) if condition(x) else else_(x)
        if key in ("then", "else"):
            return None  # compiled with "if"
        if key == "$ref":
            return self._ref(value)
        raise Unsupported(f"keyword {key!r}")

    def _tagged_union(self, branches: Any) -> Check | None:
        """An ``allOf`` whose every member is ``if: {type: object, properties: {K: {const: V}},
        required: [K]}, then: ...`` with one K and a different string V each (the schema's blocks,
        inputs and filters): at most one branch applies, the one whose V is ``x[K]``, found by a
        dictionary look-up instead of testing every ``if``.  None for any other ``allOf``."""
        tags: dict[str, Check] = {}
        keys = set()
        for branch in branches if isinstance(branches, list) else ():
            condition = branch.get("if") if isinstance(branch, dict) and branch.keys() == {"if", "then"} else None
            if not isinstance(condition, dict) or condition.keys() != {"type", "properties", "required"}:
                return None
            properties, required = condition["properties"], condition["required"]
            if condition["type"] != "object" or not isinstance(properties, dict) or len(properties) != 1:
                return None
            (key, tag_schema), = properties.items()
            tag = tag_schema.get("const") if isinstance(tag_schema, dict) and tag_schema.keys() == {"const"} else None
            if required != [key] or not isinstance(tag, str) or tag in tags:
                return None
            keys.add(key)
            tags[tag] = self.compile(branch["then"])
        if len(keys) != 1:
            return None
        (key,) = keys

        def tagged_union(x: Any) -> bool:
            if isinstance(x, dict):
                tag = x.get(key)
                if isinstance(tag, str) and tag in tags:
                    return tags[tag](x)
            return True

        return tagged_union

    def _ref(self, ref: Any) -> Check:
        if not isinstance(ref, str) or not ref.startswith("#"):
            raise Unsupported(f"$ref {ref!r}")
        if ref not in self.refs:
            self.refs[ref] = lambda x: resolved[0](x)  # noqa: PLW0108 - a placeholder for recursive schemas: resolved[0] is set below
            resolved: list[Check] = []
            target = self.root
            for escaped in filter(None, ref[1:].split("/")):
                token = escaped.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or token not in target:
                    raise Unsupported(f"$ref {ref!r}")
                target = target[token]
            resolved.append(self.compile(target))
            self.refs[ref] = resolved[0]
        return self.refs[ref]


def _all_of(checks: list[Check]) -> Check:
    if len(checks) == 1:
        return checks[0]

    def all_of(x: Any) -> bool:  # a plain loop: faster than all() over a generator on this hot path
        for check in checks:  # noqa: SIM110
            if not check(x):
                return False
        return True

    return all_of


def _unique(x: Any) -> bool:
    if not isinstance(x, list):
        return True
    if not all(isinstance(i, str) for i in x):
        raise Unsupported("uniqueItems over values that are not all strings")
    return len(set(x)) == len(x)
