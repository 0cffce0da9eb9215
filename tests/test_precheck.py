"""The fast schema pre-check must decide exactly as jsonschema does, or not at all."""

import copy
import random
from pathlib import Path

import jsonschema
import pytest

from conftest import CORPUS, ROOT
from linter.precheck import compile_schema
from linter.source import load
from linter.structure import _schema, _validator

SAMPLES = sorted(CORPUS.glob("*.y*ml")) + sorted(CORPUS.glob("*.json")) + sorted((ROOT / "tests" / "rules").glob("*/*.yaml"))
VALUES = [None, True, False, 0, 1, 1.0, 2.5, "", "x", "GLOBAL", "INPUT_FIELD", "JQ", "POST", [], ["a", "a"], [1], {}, {"type": "JQ"}]


def _data(path: Path):
    return load(path.read_bytes(), 10**7).data


def _mutations(data, rng: random.Random, count: int):
    """Copies of ``data`` with one random node deleted, replaced, or given an unknown key."""
    for _ in range(count):
        mutated = copy.deepcopy(data)
        parents = []
        stack = [mutated]
        while stack:
            node = stack.pop()
            if isinstance(node, dict) and node:
                parents.append(node)
                stack.extend(node.values())
            elif isinstance(node, list) and node:
                parents.append(node)
                stack.extend(node)
        parent = rng.choice(parents)
        key = rng.choice(list(parent) if isinstance(parent, dict) else range(len(parent)))
        action = rng.random()
        if action < 0.2 and isinstance(parent, dict):
            del parent[key]
        elif action < 0.3 and isinstance(parent, dict):
            parent["unknownField"] = 1
        else:
            parent[key] = copy.deepcopy(rng.choice(VALUES))
        yield mutated


def test_agrees_with_jsonschema_on_every_sample_and_mutation():
    is_valid, validator = compile_schema(_schema()), _validator()
    rng = random.Random(6)
    checked = valid = 0
    for path in SAMPLES:
        data = _data(path)
        if data is None:
            continue
        for instance in [data, *_mutations(data, rng, 15)]:
            expected = validator.is_valid(instance)
            assert is_valid(instance) in (expected, None), f"{path.name}: {instance!r}"
            checked += 1
            valid += expected
    assert checked > 1000 and 0 < valid < checked  # both answers were exercised


def test_decides_every_sample_of_the_corpus():
    is_valid = compile_schema(_schema())
    assert [path.name for path in sorted(CORPUS.glob("*.y*ml")) if is_valid(_data(path)) is None] == []


@pytest.mark.parametrize(
    ("schema", "instance", "expected"),
    [
        ({"type": "integer"}, 1.0, True),
        ({"type": "integer"}, True, False),
        ({"type": "number"}, False, False),
        ({"const": True}, 1, False),
        ({"enum": ["a", None]}, None, True),
        ({"if": {"required": ["a"]}, "then": {"required": ["b"]}, "else": False}, {"a": 1}, False),
        ({"properties": {"a": {"type": "string"}}, "additionalProperties": False}, {"a": "x", "b": 1}, False),
        ({"uniqueItems": True}, ["a", "a"], False),
        ({"uniqueItems": True}, [1, True], None),  # not decided here: jsonschema's rules on 1 and True
        ({"pattern": "^a"}, "a", None),  # unknown keyword: every document goes to jsonschema
        ({"$defs": {"s": {"type": "string"}}, "items": {"$ref": "#/$defs/s"}}, ["a", 1], False),
    ],
)
def test_decides_like_jsonschema_or_not_at_all(schema, instance, expected):
    assert compile_schema(schema)(instance) is expected


def _branch(key, tag, then):
    return {"if": {"type": "object", "properties": {key: {"const": tag}}, "required": [key]}, "then": then}


UNION = {"allOf": [_branch("type", "A", {"required": ["a"]}), _branch("type", "B", {"required": ["b"]})]}
REPEATED_TAG = {"allOf": [_branch("type", "A", {"required": ["a"]}), _branch("type", "A", {"required": ["b"]})]}
TWO_KEYS = {"allOf": [_branch("type", "A", {"required": ["a"]}), _branch("kind", "A", {"required": ["b"]})]}


@pytest.mark.parametrize(
    ("schema", "instance", "expected"),
    [
        (UNION, {"type": "A", "a": 1}, True),
        (UNION, {"type": "A", "b": 1}, False),
        (UNION, {"type": "B", "b": 1}, True),
        (UNION, {"type": "C"}, True),  # no branch applies
        (UNION, {"type": 1}, True),
        (UNION, {"type": None}, True),
        (UNION, {}, True),
        (UNION, "A", True),
        (REPEATED_TAG, {"type": "A", "b": 1}, False),  # both branches apply: not a look-up
        (REPEATED_TAG, {"type": "A", "a": 1, "b": 1}, True),
        (TWO_KEYS, {"type": "A", "kind": "A", "a": 1}, False),
        (TWO_KEYS, {"type": "A", "kind": "B", "a": 1}, True),
    ],
)
def test_a_tagged_union_is_decided_by_its_tag_like_jsonschema(schema, instance, expected):
    """``allOf`` of ``if``/``then`` branches keyed by one property's ``const`` (the blocks, the
    inputs) is a dictionary look-up; anything else in that shape is tested branch by branch."""
    assert jsonschema.Draft202012Validator(schema).is_valid(instance) is expected
    assert compile_schema(schema)(instance) is expected
