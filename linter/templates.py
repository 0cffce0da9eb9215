"""Find the references in a workflow's string fields, reading each field in its language.

Cortex reads different fields in different languages (descriptor spec,
section 5); :data:`FIELD_LANGUAGES` is the one table that says which:

* ``mustache``: every other string under a block's ``schema`` (URLs, headers,
  payloads, messages, ``ADVANCED_HTTP_REQUEST`` inputs at any depth) and the
  two run response templates: ``{{x}}``, ``{{{x}}}``, ``{{&x}}``, sections;
* ``jq``: the JQ block's ``expression``: ``.actions."slug"``,
  ``.actions.slug``, ``.actions["slug"]``, ``.variables.x``;
* ``cel``: a branch's ``expression``; ``javascript``: the JAVASCRIPT
  ``script``, USER_INPUT and SCAFFOLDER ``jsValidatorScript``, SET_VARIABLES
  script sources.  Both read ``actions["slug"]``, ``actions.slug``,
  ``variables["x"]``, ``context.entity``;
* ``path``: bare dotted paths (SET_VARIABLES ``source.path``, input override
  ``outputVariable``): ``actions.parse-repo.outputs.result.owner``;
* ``name``: the variable slug a SET_VARIABLES entry assigns.

Code is tokenized (:mod:`linter.languages`): a reference inside a string
literal or a comment is text, not a reference (``"ci-actions.bot@example.com"``,
``// see variables.tf``), while a string used as a key is one
(``variables["x"]``, ``.actions."get-user"``).  Only names whose root is
``actions``, ``variables``, ``context`` or (in Mustache) ``callbackUrl`` are
references.  Any other Mustache name is not: it may be relative to an
enclosing section (``{{#context.initiatedBy.roles}}{{name}}``), or text meant
for another system.  Cortex does parse ``{{ github.sha }}`` in a GitHub Actions
payload (``${{ github.sha }}``), and renders it empty; we read it as a
well-formed tag whose root is not ours.  Look-alikes outside ``{{ }}``, such as
Harness's ``<+pipeline.variables.x>``, are plain text.

Each reference and problem carries its character range in the field's text,
so that findings point at it exactly.  Every scan is linear in the text.
``doc.analysis.templates`` scans the document once and keeps the result.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Final, Literal, NamedTuple, TypeGuard

from .document import escape, label_of, pointer_of
from .languages import member_references, mustache
from .languages.mustache import shorten
from .workflow import block_name

Language = Literal["mustache", "jq", "cel", "javascript", "path", "name"]
MUSTACHE: Final = "mustache"
JQ: Final = "jq"
CEL: Final = "cel"
JAVASCRIPT: Final = "javascript"
PATH: Final = "path"
NAME: Final = "name"
ReferenceKind = Literal["action", "variable", "context", "callback"]
ROOTS: dict[str, ReferenceKind] = {"actions": "action", "variables": "variable", "context": "context"}
CALLBACK = "callbackUrl"
EACH = -1
"""In :data:`FIELD_LANGUAGES`, any index of a list."""

FieldTable = tuple[tuple[tuple[str | int, ...], Language], ...]
"""(pattern of keys and EACH under ``schema``, language) pairs."""

FIELD_LANGUAGES: dict[str, FieldTable] = {
    "JQ": ((("expression",), JQ),),
    "JAVASCRIPT": ((("script",), JAVASCRIPT),),
    "CONDITIONAL_BRANCH": ((("branches", EACH, "expression"), CEL),),
    "SET_VARIABLES": (
        (("variables", EACH, "slug"), NAME),
        (("variables", EACH, "source", "path"), PATH),
        (("variables", EACH, "source", "script"), JAVASCRIPT),
    ),
    # Form definitions (inputs[]) are not templates; overrides read bare context paths.
    "USER_INPUT": ((("jsValidatorScript",), JAVASCRIPT), (("inputOverrides", EACH, "outputVariable"), PATH)),
    "SCAFFOLDER": ((("jsValidatorScript",), JAVASCRIPT), (("inputOverrides", EACH, "outputVariable"), PATH)),
}
"""Which fields of a block's ``schema`` Cortex reads in which language, by block type.
In every other block type, each string under ``schema`` is Mustache, except :data:`_NOT_TEMPLATES`."""


class Field(NamedTuple):
    """One string field Cortex reads as ``language``."""

    pointer: str
    text: str
    language: Language
    block: int | None
    """Index in ``actions[]`` of the block holding the field; None for top-level templates."""
    label: str
    """The field's name inside the block's ``schema`` (``headers.Authorization``), or the top-level key."""


class Reference(NamedTuple):
    """A reference to a block's outputs, a variable, the context or the callback URL, inside a field."""

    kind: ReferenceKind
    """``action``, ``variable``, ``context`` or ``callback``."""
    name: str
    """The action slug, the variable slug, the key under ``context`` (``entity``), or ``callbackUrl``."""
    written: str
    """The reference as written, for messages: ``{{variables.x}}``, ``actions["x"]``."""
    field: Field
    start: int
    end: int
    """Where ``written`` lies in the field's text."""

    @property
    def pointer(self) -> str:
        return self.field.pointer

    @property
    def language(self) -> Language:
        return self.field.language

    @property
    def text_range(self) -> tuple[int, int]:
        return self.start, self.end


class Problem(NamedTuple):
    """Malformed Mustache, or an unquoted hyphenated jq key: a message about the text at ``start:end`` of ``field``."""

    message: str
    field: Field
    start: int
    end: int
    replacement: str | None = None
    """The text that corrects ``field.text[start:end]``, when that is certain."""

    @property
    def text_range(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(eq=False, repr=False)  # compared by identity; a generated repr would print the whole file
class Templates:
    """Every field a workflow holds in a language, the references in them, and what is malformed."""

    fields: list[Field] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    malformed: list[Problem] = field(default_factory=list)
    unquoted_jq_keys: list[Problem] = field(default_factory=list)

    @classmethod
    def scan(cls, data: dict) -> Templates:
        templates = cls()
        for f in fields(data):
            templates.fields.append(f)
            if f.language == MUSTACHE:
                templates.references.extend(_mustache(f, templates.malformed))
            elif f.language == JQ:
                templates.references.extend(_jq(f, templates.unquoted_jq_keys))
            elif f.language in (CEL, JAVASCRIPT):
                language = _tokenizer(f.language)
                for found in member_references(language.tokens(f.text)):
                    written = f.text[found.start : found.end]
                    templates.references.append(Reference(ROOTS[found.root], found.name, written, f, found.start, found.end))
            elif f.language == PATH:
                templates.references.extend(_dotted(f.text, f.text, f, 0, len(f.text)))
            elif f.language == NAME:
                templates.references.append(Reference("variable", f.text, f.text, f, 0, len(f.text)))
        return templates


def is_templated(text: object) -> TypeGuard[str]:
    """True when ``text`` holds a Mustache tag opener."""
    return isinstance(text, str) and "{{" in text


def describe(f: Field, data: Any) -> str:
    """``'url' of block 'deploy' (HTTP_REQUEST)``, or ``'runResponseTemplate'``."""
    if f.block is None:
        return f"'{f.label}'"
    try:
        action = data["actions"][f.block]
    except (KeyError, IndexError, TypeError):
        return f"'{f.label}'"
    return f"'{f.label}' of {block_name(action, f.block, with_type=True)}"


# -- which fields hold which language -------------------------------------------

_TOP_LEVEL_TEMPLATES = ("runResponseTemplate", "failedRunResponseTemplate")
_NOT_TEMPLATES = frozenset({"type", "httpMethod", "actionIdentifier"})
"""Keys of a block's ``schema`` that are identifiers, not text; only at the top of ``schema``."""


def fields(data: dict) -> Iterator[Field]:
    """Every string field of the workflow that Cortex reads as a template or an expression."""
    for key in _TOP_LEVEL_TEMPLATES:
        if isinstance(data.get(key), str):
            yield Field(pointer_of(key), data[key], MUSTACHE, None, key)
    actions = data.get("actions")
    for index, action in enumerate(actions if isinstance(actions, list) else []):
        schema = action.get("schema") if isinstance(action, dict) else None
        if isinstance(schema, dict):
            kind = schema.get("type")
            table = FIELD_LANGUAGES.get(kind) if isinstance(kind, str) else None
            yield from _mustache_fields(index, schema) if table is None else _table_fields(index, schema, table)


def _table_fields(index: int, schema: dict, table: FieldTable) -> Iterator[Field]:
    """The fields of ``schema`` that ``table`` names, in document order (list items, then table order)."""
    found: list[tuple[tuple[int, ...], int, tuple, str, Language]] = []
    for order, (pattern, language) in enumerate(table):
        for tokens, value in _expand(schema, pattern):
            if isinstance(value, str):
                found.append((tuple(t for t in tokens if isinstance(t, int)), order, tokens, value, language))
    prefix = pointer_of("actions", index, "schema")
    for _, _, tokens, value, language in sorted(found, key=lambda item: item[:2]):
        yield Field(prefix + pointer_of(*tokens), value, language, index, label_of(tokens))


def _expand(value: Any, pattern: tuple) -> Iterator[tuple[tuple, Any]]:
    """``(tokens, value)`` for each place under ``value`` that ``pattern`` (keys, EACH) names."""
    if not pattern:
        yield (), value
        return
    head, rest = pattern[0], pattern[1:]
    if head == EACH:
        items = list(enumerate(value)) if isinstance(value, list) else []
    else:
        items = [(head, value[head])] if isinstance(value, dict) and head in value else []
    for token, child in items:
        for tokens, leaf in _expand(child, rest):
            yield (token, *tokens), leaf


def _mustache_fields(index: int, schema: dict) -> Iterator[Field]:
    """Every string under ``schema`` (map values and list items, at any depth), except identifiers.
    Each entry carries its pointer and label, so a field's are one concatenation away."""
    prefix = pointer_of("actions", index, "schema")
    stack: list[tuple[Any, str, str]] = [
        (value, f"{prefix}/{escape(key)}", key) for key, value in reversed(schema.items()) if key not in _NOT_TEMPLATES
    ]
    while stack:
        value, pointer, label = stack.pop()
        if isinstance(value, str):
            yield Field(pointer, value, MUSTACHE, index, label)
        elif isinstance(value, dict):
            stack.extend((child, f"{pointer}/{escape(key)}", f"{label}.{key}") for key, child in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((child, f"{pointer}/{i}", f"{label}[{i}]") for i, child in reversed(list(enumerate(value))))


# -- per language ------------------------------------------------------------------


def _mustache(f: Field, problems: list[Problem]) -> Iterator[Reference]:
    """The references in one Mustache text; appends what is malformed to ``problems``."""
    if "{{" not in f.text:
        return
    tags, malformed = mustache.scan(f.text)
    problems.extend(Problem(p.message, f, p.start, p.end) for p in malformed)
    for tag in tags:
        yield from _dotted(tag.name, tag.written, f, tag.start, tag.end)


def _dotted(path: str, written: str, f: Field, start: int, end: int) -> Iterator[Reference]:
    """The reference in a dotted name such as ``actions.get-user.outputs.body``, if it is one."""
    parts = path.strip().split(".", 2)
    root = parts[0]
    if root == CALLBACK and len(parts) == 1:
        yield Reference("callback", CALLBACK, written, f, start, end)
    elif root in ROOTS and len(parts) > 1 and parts[1]:
        yield Reference(ROOTS[root], parts[1], written, f, start, end)


@functools.cache
def _tokenizer(language: str) -> ModuleType:
    """The module that reads ``language`` (CEL, JavaScript or jq), imported on first use: most
    workflows have no code, and each compiles its patterns as it loads."""
    return importlib.import_module(f".languages.{language}", __package__)  # the module is named after it


def _jq(f: Field, problems: list[Problem]) -> Iterator[Reference]:
    for path in _tokenizer(JQ).paths(f.text):
        written = f.text[path.start : path.end]
        parts = path.parts
        if not path.variable and len(parts) >= 2 and parts[0].key in ROOTS:
            yield Reference(ROOTS[parts[0].key], parts[1].key, written, f, path.start, path.end)
        unquoted = [part.written for part in parts if not part.quoted and "-" in part.key]
        if unquoted:
            head = written[: len(written) - sum(len(part.written) for part in parts)]  # a $variable
            quoted = head + "".join(
                f'."{part.key}"' if not part.quoted and "-" in part.key else part.written for part in parts
            )
            problems.append(Problem(
                f"jq reads '{shorten(written)}' as a subtraction ('{unquoted[0].replace('-', ' - ')}'), "
                f"not as the key '{unquoted[0][1:]}'; quote it: '{shorten(quoted)}'", f, path.start, path.end, quoted))
