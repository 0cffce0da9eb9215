"""Find the references in a workflow's string fields, knowing each field's language.

Cortex reads different fields in different languages (descriptor spec, section 5):

* ``mustache``: text fields such as URLs, headers, payloads, messages,
  ``ADVANCED_HTTP_REQUEST`` inputs (at any depth) and the two run response
  templates: ``{{x}}``, ``{{{x}}}``, ``{{&x}}``, sections ``{{#x}}...{{/x}}``,
  inverted sections ``{{^x}}``, comments ``{{! }}``;
* ``jq``: the JQ block's ``expression``: ``.actions."slug"``, ``.actions.slug``,
  ``.actions["slug"]``, ``.variables.x``;
* ``cel``: branch ``expression``; ``javascript``: the JAVASCRIPT ``script``,
  USER_INPUT ``jsValidatorScript``, SET_VARIABLES script sources. Both read
  ``actions["slug"]``, ``actions.slug``, ``variables["x"]``, ``context.entity``;
* ``path``: bare dotted paths (SET_VARIABLES ``source.path``, input override
  ``outputVariable``): ``actions.parse-repo.outputs.result.owner``;
* ``name``: the variable slug a SET_VARIABLES entry assigns.

Only names whose root is ``actions``, ``variables``, ``context`` or
``callbackUrl`` are references.  Any other Mustache name is not: it may be
relative to an enclosing section (``{{#context.initiatedBy.roles}}{{name}}``),
or text meant for another system.  Cortex does parse ``{{ github.sha }}`` in a
GitHub Actions payload (``${{ github.sha }}``), and renders it empty; we read
it as a well-formed tag whose root is not ours, so it is neither a reference
nor an error.  Look-alikes outside ``{{ }}``, such as Harness's
``<+pipeline.variables.x>``, are plain text.

JQ string literals are skipped (an error message may mention ``.actions``);
CEL and JavaScript are scanned as they are, since quotes in comments would
confuse a tokenizer more than they help.  Every scan is linear in the text.
``doc.analysis.templates`` scans the document once and keeps the result.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .document import label_of, pointer_of
from .workflow import block_name

MUSTACHE, JQ, CEL, JAVASCRIPT, PATH, NAME = "mustache", "jq", "cel", "javascript", "path", "name"
ROOTS = {"actions": "action", "variables": "variable", "context": "context"}
CALLBACK = "callbackUrl"

_STRING = r'"(?:[^"\\]|\\.)*"'
_JQ_IDENT = r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*"
# A jq string literal (skipped), or a path: optional $variable, then .key, ."key", ["key"] or .["key"] parts.
_JQ_TOKEN = re.compile(
    rf'{_STRING}|(?<![\w$.\])"])((?:\$[A-Za-z_]\w*)?(?:\.(?:{_JQ_IDENT}|{_STRING})|\.?\[\s*{_STRING}\s*\])+)'
)
_JQ_VARIABLE = re.compile(r"\$[A-Za-z_]\w*")
_JQ_PART = re.compile(rf'\.?\[\s*"((?:[^"\\]|\\.)*)"\s*\]|\."((?:[^"\\]|\\.)*)"|\.({_JQ_IDENT})')
_SIGIL = re.compile(r"[ \t]*(\S)")
_UNCLOSED = re.compile(r"\{\{\{?[ \t]*[^\s{}]*\}?")  # an unclosed tag as far as it goes: '{{x}' or '{{x'
_CODE_REF = re.compile(
    r"""(?<![\w$.])(actions|variables|context)"""
    r"""(?:\s*\.\s*([A-Za-z_$][\w$]*)|\s*\[\s*(?:"([^"\\\n]*)"|'([^'\\\n]*)')\s*\])"""
)


@dataclass(frozen=True, slots=True)
class Field:
    """One string field Cortex reads as ``language``."""

    pointer: str
    text: str
    language: str
    block: int | None
    """Index in ``actions[]`` of the block holding the field; None for top-level templates."""
    label: str
    """The field's name inside the block's ``schema`` (``headers.Authorization``), or the top-level key."""


@dataclass(frozen=True, slots=True)
class Reference:
    kind: str
    """``action``, ``variable``, ``context`` or ``callback``."""
    name: str
    """The action slug, the variable slug, the key under ``context`` (``entity``), or ``callbackUrl``."""
    written: str
    """The reference as written, for messages: ``{{variables.x}}``, ``actions["x"]``."""
    field: Field

    @property
    def pointer(self) -> str:
        return self.field.pointer

    @property
    def language(self) -> str:
        return self.field.language


@dataclass(frozen=True, slots=True)
class Problem:
    """Malformed Mustache, or an unquoted hyphenated jq key: a message about ``field``."""

    message: str
    field: Field


@dataclass
class Templates:
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
                templates.references.extend(_code(f))
            elif f.language == PATH:
                templates.references.extend(_dotted(f.text, f.text, f))
            elif f.language == NAME:
                templates.references.append(Reference("variable", f.text, f.text, f))
        return templates


def is_templated(text: object) -> bool:
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


def shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
            yield from _block_fields(index, schema)


def _block_fields(index: int, schema: dict) -> Iterator[Field]:
    kind = schema.get("type")

    def one(language: str, *tokens: Any) -> Iterator[Field]:
        value: Any = schema
        for token in tokens:
            if isinstance(value, dict):
                value = value.get(token)
            elif isinstance(value, list) and isinstance(token, int) and token < len(value):
                value = value[token]
            else:
                return
        if isinstance(value, str):
            label = label_of(tokens)
            yield Field(pointer_of("actions", index, "schema", *tokens), value, language, index, label)

    def each(key: str) -> range:
        items = schema.get(key)
        return range(len(items)) if isinstance(items, list) else range(0)

    if kind == "JQ":
        yield from one(JQ, "expression")
    elif kind == "JAVASCRIPT":
        yield from one(JAVASCRIPT, "script")
    elif kind == "CONDITIONAL_BRANCH":
        for i in each("branches"):
            yield from one(CEL, "branches", i, "expression")
    elif kind == "SET_VARIABLES":
        for i in each("variables"):
            yield from one(NAME, "variables", i, "slug")
            yield from one(PATH, "variables", i, "source", "path")
            yield from one(JAVASCRIPT, "variables", i, "source", "script")
    elif kind in ("USER_INPUT", "SCAFFOLDER"):
        # Form definitions (inputs[]) are not templates; overrides read bare context paths.
        yield from one(JAVASCRIPT, "jsValidatorScript")
        for i in each("inputOverrides"):
            yield from one(PATH, "inputOverrides", i, "outputVariable")
    else:
        yield from _mustache_fields(index, schema)


def _mustache_fields(index: int, schema: dict) -> Iterator[Field]:
    """Every string under ``schema`` (map values and list items, at any depth), except identifiers."""
    stack: list[tuple[Any, tuple]] = [
        (value, (key,)) for key, value in reversed(schema.items()) if key not in _NOT_TEMPLATES
    ]
    while stack:
        value, tokens = stack.pop()
        if isinstance(value, str):
            label = label_of(tokens)
            yield Field(pointer_of("actions", index, "schema", *tokens), value, MUSTACHE, index, label)
        elif isinstance(value, dict):
            stack.extend((child, (*tokens, key)) for key, child in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((child, (*tokens, i)) for i, child in reversed(list(enumerate(value))))


# -- Mustache ------------------------------------------------------------------


def _mustache(f: Field, problems: list[Problem]) -> Iterator[Reference]:
    """The references in one Mustache text; appends what is malformed to ``problems``."""
    text = f.text
    sections: list[tuple[str, str]] | None = []  # open sections (name, tag as written); None after an error
    position = close = 0
    while (start := text.find("{{", position)) >= 0:
        triple = text.startswith("{{{", start)
        body = start + (3 if triple else 2)
        if 0 <= close < body:  # reuse the last '}}' found while it lies ahead: keeps the scan linear
            close = text.find("}}", body)
        first = _SIGIL.match(text, body)
        sigil = first.group(1) if first and (close < 0 or first.start(1) < close) else ""
        reopen = text.find("{{", body)
        if close < 0 or (sigil != "!" and 0 <= reopen < close):
            written = _UNCLOSED.match(text, start).group(0)
            closer = "}}}" if triple else "}}"
            problems.append(Problem(f"'{shorten(written)}' is never closed with '{closer}'", f))
            position = body
            continue
        if triple and not text.startswith("}}}", close):
            problems.append(Problem(f"'{shorten(text[start:close + 2])}' opens with '{{{{{{' but closes with '}}}}'", f))
            position = close + 2
            continue
        end = close + (3 if triple else 2)
        inner = text[body:close]
        written = text[start:end]
        position = end
        if sigil == "!" and not triple:
            continue
        if sigil == "=" and not triple:
            return  # a set-delimiter tag: the rest of the text uses other delimiters
        name = inner.strip()[1:].strip() if sigil in ("#", "^", "/", "&", ">") and not triple else inner.strip()
        if not name:
            problems.append(Problem(f"'{shorten(written)}' is an empty tag; it names no value", f))
            continue
        if triple or sigil not in ("#", "^", "/"):
            yield from _dotted(name, written, f)
        elif sigil in ("#", "^"):
            if sections is not None:
                sections.append((name, written))
            yield from _dotted(name, written, f)
        elif sections is None:
            continue  # after a misplaced close tag, further section errors would only echo it
        elif sections and sections[-1][0] == name:
            sections.pop()
        elif any(open_name == name for open_name, _ in sections):
            inner_name, inner_tag = sections[-1]
            problems.append(Problem(
                f"'{shorten(written)}' closes section '{name}' while the inner section "
                f"'{shorten(inner_tag)}' is still open; close '{inner_name}' first", f))
            sections = None
        else:
            problems.append(Problem(f"'{shorten(written)}' closes section '{name}', which is not open", f))
            sections = None
    for name, written in reversed(sections or []):
        problems.append(Problem(f"Section '{shorten(written)}' is never closed; add '{{{{/{name}}}}}'", f))


def _dotted(path: str, written: str, f: Field) -> Iterator[Reference]:
    """The reference in a dotted name such as ``actions.get-user.outputs.body``, if it is one."""
    parts = path.strip().split(".")
    root = parts[0]
    if root == CALLBACK and len(parts) == 1:
        yield Reference("callback", CALLBACK, written, f)
    elif root in ROOTS and len(parts) > 1 and parts[1]:
        yield Reference(ROOTS[root], parts[1], written, f)


# -- jq, CEL and JavaScript ------------------------------------------------------


def _jq(f: Field, problems: list[Problem]) -> Iterator[Reference]:
    for match in _JQ_TOKEN.finditer(f.text):
        path = match.group(1)
        if path is None:
            continue  # a string literal
        head = _JQ_VARIABLE.match(path)
        prefix = head.group(0) if head else ""
        parts = [(m.group(0), next(g for g in m.groups() if g is not None)) for m in _JQ_PART.finditer(path, len(prefix))]
        if not head and len(parts) >= 2 and parts[0][1] in ROOTS:
            yield Reference(ROOTS[parts[0][1]], parts[1][1], path, f)
        unquoted = [written for written, key in parts if written == "." + key and "-" in key]
        if unquoted:
            quoted = prefix + "".join(
                f'."{key}"' if written == "." + key and "-" in key else written for written, key in parts
            )
            problems.append(Problem(
                f"jq reads '{shorten(path)}' as a subtraction ('{unquoted[0].replace('-', ' - ')}'), "
                f"not as the key '{unquoted[0][1:]}'; quote it: '{shorten(quoted)}'", f))


def _code(f: Field) -> Iterator[Reference]:
    for match in _CODE_REF.finditer(f.text):
        root, dotted, double, single = match.groups()
        name = next(n for n in (dotted, double, single) if n is not None)
        if name:
            yield Reference(ROOTS[root], name, match.group(0), f)
