"""Parse a descriptor once into plain data plus a position for every node.

ruamel.yaml's composer gives every node (keys and scalars included) a start
and an end mark, keeps duplicate keys, and reads JSON as well as YAML.  We
walk the composed tree once, iteratively, and build (a ``.json`` file is
composed into the same nodes by :mod:`linter.jsonparse`, strict JSON):

* ``data``: plain JSON-like Python data (dict, list, str, int, float, bool,
  None) for the schema and the rules;
* ``nodes``: an index from every RFC 6901 JSON pointer to its value node and
  the key node that introduced it, which :meth:`Document.locate` turns into a
  :class:`~linter.model.Span`.

The walk never expands an alias: a node reached a second time is shared, not
copied.  The expanded size of the tree is computed on the node graph, so a
"billion laughs" file is caught in linear time and memory.

Before composing, a large file's parse events are counted (nodes and
nesting depth) without building anything, so a file over the node budget
is never composed, and flow nesting deep enough to overflow the C stack of
ruamel's C composer never reaches it.  The whole parse runs under a CPU-time
deadline (:mod:`linter.bounds`).
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent, Event, NodeEvent
from ruamel.yaml.main import CParser
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.tag import Tag

from .bounds import Deadline, cpu_deadline
from .model import WHOLE_FILE, Finding, Part, Span
from .positions import ScalarMap, SourceOffsets
from .rules.empty_document import EmptyDocument
from .rules.file_too_large import FileTooLarge
from .rules.json_syntax import JsonSyntax
from .rules.yaml_alias_bomb import YamlAliasBomb
from .rules.yaml_multiple_documents import YamlMultipleDocuments
from .rules.yaml_syntax import YamlSyntax
from .rules.yaml_too_deep import YamlTooDeep
from .settings import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from .analysis import Analysis
    from .rules import ProblemRule

MAX_DEPTH = 200
"""Deepest nesting we walk.  Real workflows nest fewer than 20 levels."""

ALIAS_EXPANSION_LIMIT = 100_000
"""Aliases may not make the tree larger than this many nodes (and 10x its size)."""

COMPOSER_SAFE_DEPTH = 5_000
"""Nesting the C composer recurses through safely (it overflows its stack near 25,000).  Files
that cannot nest this deep, nor hold more nodes than the budget, are composed at once; YAML that
might nest deeper is composed by :class:`_GuardedLoader`, and its events are counted first only
when it might also hold more nodes than the budget (or the pure-Python parser reads it)."""


_YAML = YAML(typ="safe")  # the C parser from ruamel.yaml.clib when it is installed

_RUAMEL_IMPLICIT = VersionedResolver().versioned_resolver  # YAML 1.2; patterns compile on first use


@cache
def _scalar_tags(first: str) -> tuple[tuple[Tag, re.Pattern[str]], ...]:
    """The types a plain scalar starting with ``first`` may have, as ruamel's YAML 1.2 table
    says, with one shared Tag per type (a Tag works out its string once)."""
    return tuple(
        (_tag(tag), pattern.lazy_self())  # lazy_self: the compiled pattern
        for tag, pattern in [*_RUAMEL_IMPLICIT.get(first, ()), *_RUAMEL_IMPLICIT.get(None, ())]
    )


@cache
def _tag(suffix: str) -> Tag:
    return Tag(suffix=suffix)


class _CLoader(CParser):
    """ruamel.yaml.clib's parser and composer with the resolver it calls per node cut to what we
    use, as one class made once.

    ruamel's ``YAML`` makes a new loader class, a constructor and the resolver's tables for every
    stream it reads with the C parser, and its loaders refer to themselves: about 100 objects a
    parse (a class among them) that only a full collection frees, which piled up in the language
    server (one parse per change).  This loader refers to nothing but its stream, so it goes when
    the parse ends.  With the C parser the version is always YAML 1.2 (a ``%YAML`` directive
    changes nothing, as under ruamel's loader) and no path resolvers are set, so one table serves
    every stream.
    """

    _DEFAULT = {
        ScalarNode: _tag("tag:yaml.org,2002:str"),
        SequenceNode: _tag("tag:yaml.org,2002:seq"),
        MappingNode: _tag("tag:yaml.org,2002:map"),
    }

    def resolve(self, kind: type[Node], value: str, implicit: tuple[bool, bool]) -> Tag:
        if kind is ScalarNode and implicit[0]:
            for tag, pattern in _scalar_tags(value[:1]):
                if pattern.match(value):
                    return tag
        return self._DEFAULT[kind]

    # The composer calls these two for every node; no path resolvers are set, so they do nothing,
    # as C callables that take the same arguments (no Python frame per node: 5-10% of composing).
    descend_resolver = staticmethod(operator.is_)  # (parent, index) -> ignored
    ascend_resolver = staticmethod(tuple)  # () -> ignored


class _TooDeepToCompose(Exception):
    """The guarded composer was about to go past :data:`MAX_DEPTH`."""


class _GuardedLoader(_CLoader):
    """:class:`_CLoader` that stops composing past :data:`MAX_DEPTH`, far short of the depth that
    overflows the C composer's stack, for a file whose text cannot rule that depth out.

    The composer calls ``descend_resolver`` before it composes each node and ``ascend_resolver``
    after, so the depth is known without reading the file twice: counting the events first took
    a quarter of the parse of a 10,000-block workflow (230-280 ms), whose brackets alone would
    allow 15,000 levels.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def descend_resolver(self, parent: Node | None, index: object) -> None:  # type: ignore[override]
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _TooDeepToCompose

    def ascend_resolver(self) -> None:  # type: ignore[override]
        self._depth -= 1


def parse_events(text: str) -> Iterator[Event]:
    """The parser's events for ``text``, keeping nothing once they are read."""
    if _YAML.Parser is not CParser:  # no ruamel.yaml.clib: the pure-Python parser
        try:
            yield from _YAML.parse(text)
        finally:
            _YAML.doc_infos.clear()  # ruamel keeps a DocInfo per stream it ever read
        return
    loader = _CLoader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _compose_all(text: str, loader_class: type[_CLoader]) -> Generator[Node, None, None]:
    """The composed documents of ``text``, one at a time, keeping nothing once they are read."""
    if _YAML.Parser is not CParser:
        try:
            yield from _YAML.compose_all(text)
        finally:
            _YAML.doc_infos.clear()
        return
    loader = loader_class(text)
    try:
        while loader.check_node():
            yield loader.get_node()
    finally:
        loader.dispose()


def escape(token: str) -> str:
    """Escape one reference token for a JSON pointer (RFC 6901)."""
    if "~" in token or "/" in token:
        return token.replace("~", "~0").replace("/", "~1")
    return token


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def pointer_of(*tokens: object) -> str:
    return "".join(["/" + escape(str(t)) for t in tokens])


def label_of(tokens: Iterable[object]) -> str:
    """How messages name a path: ``schema.inputs[2].format``."""
    text = ""
    for token in tokens:
        text += f"[{token}]" if isinstance(token, int) else (f".{token}" if text else str(token))
    return text


class Duplicate(NamedTuple):
    """A key that appears more than once in one mapping."""

    pointer: str  # pointer of the repeated key's value
    key: str
    first_line: int
    times: int


@dataclass(eq=False, repr=False)  # compared by identity; a generated repr would print the whole file
class Document:
    """A parsed file: its text, its data, where each node is, and what parsing found wrong."""

    text: str
    is_json: bool = False
    """Parsed as strict JSON (no comments, aliases or YAML-only syntax)."""
    uses_aliases: bool = False
    """The YAML has an alias (``*name``) or a merge key (``<<``)."""
    data: Any = None
    nodes: dict[str, tuple[Node, Node | None]] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)
    problems: list[tuple[type[ProblemRule], Finding]] = field(default_factory=list)
    """Findings made while reading and parsing, as (rule, finding)."""
    bom: bool = False
    """The file starts with a UTF-8 byte-order mark, which ``text`` leaves out."""
    _lines: list[str] | None = None
    _scalar_maps: dict[int, ScalarMap] = field(default_factory=dict, repr=False)
    """The offset maps of the scalars that findings pointed inside, by node id (see :meth:`locate`)."""
    _source_offsets: dict[int, SourceOffsets] = field(default_factory=dict, repr=False)
    """The source offsets of the scalars read by :meth:`source_offsets`, by node id."""

    @property
    def usable(self) -> bool:
        """True when the file parsed into data that rules can look at."""
        return self.data is not None

    @cached_property
    def analysis(self) -> Analysis:
        """The analyses that several rules share, each computed on first use."""
        from .analysis import Analysis  # noqa: PLC0415 - analysis.py reaches the modules that import this one

        return Analysis(self)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines

    def problem(self, rule: type[ProblemRule], description: str, span: Span | None = None, pointer: str = "") -> None:
        self.problems.append((rule, Finding(description, pointer, span=span)))

    # -- positions -----------------------------------------------------

    def locate(self, pointer: str, part: Part = "value", text_range: tuple[int, int] | None = None) -> Span:
        """The span of the node at ``pointer``, or of its nearest existing ancestor.

        With ``part="key"`` the span is that of the mapping key which
        introduces the node, when there is one.  ``text_range`` narrows the
        span of a string to the characters ``start:end`` of its value where
        :mod:`linter.positions` can map them exactly.
        """
        current = pointer
        while True:
            entry = self.nodes.get(current)
            if entry is not None:
                value_node, key_node = entry
                if part == "key":
                    if key_node is None and isinstance(value_node, MappingNode) and value_node.value:
                        key_node = value_node.value[0][0]  # no key of its own: its first key
                    if key_node is not None:
                        return self.span_of(key_node)
                if text_range is not None and current == pointer and isinstance(value_node, ScalarNode):
                    scalar_map = self._scalar_maps.get(id(value_node))
                    if scalar_map is None:
                        scalar_map = self._scalar_maps[id(value_node)] = ScalarMap(self.lines, value_node)
                    exact = scalar_map.span(*text_range)
                    if exact is None:  # a folded scalar, one spanning lines, or one whose columns do not read back
                        located = self.source_offsets(value_node).locate(*text_range)
                        if located is not None:
                            index = self.analysis.line_index
                            exact = Span(*index.position(located[0]), *index.position(located[1]))
                    if exact is not None:
                        return exact
                return self.span_of(value_node)
            if not current:
                return WHOLE_FILE
            current = current.rsplit("/", 1)[0]

    def source_offsets(self, node: ScalarNode) -> SourceOffsets:
        """Where the characters of ``node``'s value are written in the text (read once per scalar)."""
        found = self._source_offsets.get(id(node))
        if found is None:
            found = self._source_offsets[id(node)] = SourceOffsets(self.text, node)
        return found

    def span_of(self, node: Node) -> Span:
        start = node.start_mark
        end = self._end_mark(node)
        line, column = end
        if column == 0 and line > start.line:
            # The end mark sits at the start of the next token: step back to
            # the last non-blank line the node covers.
            line -= 1
            lines = self.lines
            while line > start.line and line < len(lines) and not lines[line].strip():
                line -= 1
            column = len(lines[line].rstrip()) if line < len(lines) else 0
        return Span(start.line + 1, start.column + 1, line + 1, column + 1)

    @staticmethod
    def _end_mark(node: Node) -> tuple[int, int]:
        """End of a node; for a block collection, the end of its last child."""
        current = node
        while isinstance(current, (MappingNode, SequenceNode)) and not current.flow_style and current.value:
            last = current.value[-1]
            child = last[1] if isinstance(current, MappingNode) else last
            if child.start_mark.index < current.start_mark.index:  # an alias to an earlier anchor
                break
            current = child
        return current.end_mark.line, current.end_mark.column


def parse(text: str, is_json: bool = False, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse ``text`` (YAML, or strict JSON when ``is_json``) into a :class:`Document`.  Never raises on bad input."""
    doc = Document(text, is_json=is_json)
    try:
        with cpu_deadline(limits.parse_timeout):
            # Every node but the root, and every nesting level, needs one of these characters.
            nodes = 1 + 2 * sum(text.count(char) for char in ":,-?[{")
            deep = nodes > COMPOSER_SAFE_DEPTH and _may_nest_deeper_than(text, COMPOSER_SAFE_DEPTH)
            within = nodes <= limits.max_nodes
            # Instead of counting, the C composer can stop itself past MAX_DEPTH; JSON and the
            # pure-Python parser cannot.  It composes the first two documents only, so counting
            # still covers a stream that may hold more (its later documents could be too deep).
            guarded = within and deep and not is_json and _YAML.Parser is CParser and not _may_hold_documents(text)
            if guarded or (within and not deep) or _within_budget(doc, limits):
                if is_json:
                    _parse_json(doc, limits)
                else:
                    _parse_yaml(doc, limits, guarded)
    except Deadline:
        doc = Document(text, is_json=is_json)
        doc.problem(
            FileTooLarge,
            f"Parsing the file took more than {limits.parse_timeout:g} s of CPU time, the parse-timeout; "
            "it was not linted",
            WHOLE_FILE,
        )
    return doc


def _parse_yaml(doc: Document, limits: Limits, guarded: bool = False) -> None:
    try:
        root = _compose_single(doc, _GuardedLoader if guarded else _CLoader)
    except _TooDeepToCompose:  # counting the events reports it, at the first collection too deep
        if _within_budget(doc, limits):  # only a scalar was past the limit: safe to compose
            _parse_yaml(doc, limits)
        return
    except MarkedYAMLError as exc:
        doc.problem(YamlSyntax, _syntax_message(exc, doc.text), _mark_span(exc, doc.text))
        return
    except RecursionError:
        doc.problem(
            YamlTooDeep,
            "The document is nested too deeply for the pure-Python YAML parser; "
            f"descriptors nest far fewer than {MAX_DEPTH} levels",
            WHOLE_FILE,
        )
        return
    except YAMLError as exc:  # errors without a mark
        doc.problem(YamlSyntax, f"Invalid YAML: {exc}", WHOLE_FILE)
        return
    if root is None:
        doc.problem(EmptyDocument, "The file holds no YAML or JSON document; a workflow descriptor is a mapping", WHOLE_FILE)
        return
    _build(doc, root, limits)


def _may_hold_documents(text: str) -> bool:
    """Whether a line of ``text`` may start or end a document: ``---`` or ``...`` at its start,
    after any line break the parser knows."""
    for marker in ("---", "..."):
        at = text.find(marker)
        while at >= 0:
            if at == 0 or text[at - 1] in "\n\r\x85\u2028\u2029":
                return True
            at = text.find(marker, at + 1)
    return False


def _within_budget(doc: Document, limits: Limits) -> bool:
    """Count the parse events of a file that might hold too many nodes or nest too deeply for
    the composer; report it and return False when it does.  Linear, and builds nothing.

    JSON is counted with the YAML parser too (JSON's syntax is YAML's flow style): a strict
    JSON error the YAML parser stops at ends the count, and parsing reports the error.
    """
    text = doc.text
    nodes = depth = 0
    try:
        for event in parse_events(text):
            if isinstance(event, NodeEvent):
                nodes += 1
                if nodes > limits.max_nodes:
                    doc.problem(
                        FileTooLarge,
                        f"The file holds more than {limits.max_nodes:,} YAML nodes, the max-nodes limit; "
                        "it was not parsed",
                        WHOLE_FILE,
                    )
                    return False
                if isinstance(event, CollectionStartEvent):
                    depth += 1
                    if depth > MAX_DEPTH:
                        _too_deep(doc, event.start_mark, "")
                        return False
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        pass  # parsing reports it
    return True


def _may_nest_deeper_than(text: str, levels: int) -> bool:
    """Whether YAML ``text`` might nest more than ``levels`` deep: a flow collection opens with a
    bracket, and block nesting moves at least one column right every second level (only a block
    sequence may sit at the indentation of its mapping's key), so it is never deeper than its
    brackets and twice its longest line."""
    brackets = text.count("[") + text.count("{")
    if brackets > levels:
        return True
    longest = max(map(len, text.split("\n")))  # lines as long as they can be (\r and NEL break them too)
    return brackets + 2 * (longest + 1) > levels


def _too_deep(doc: Document, mark: Any, pointer: str) -> None:
    doc.problem(
        YamlTooDeep,
        f"Nesting deeper than {MAX_DEPTH} levels; a workflow descriptor is never this deep",
        Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 1),
        pointer,
    )


def _parse_json(doc: Document, limits: Limits) -> None:
    from . import jsonparse  # noqa: PLC0415 - only for JSON files: it loads the json package

    text = doc.text
    try:
        root = jsonparse.compose(text, MAX_DEPTH)
    except jsonparse.JsonSyntaxError as exc:
        line, column = jsonparse.Positions(text).of(exc.index)
        doc.problem(JsonSyntax, f"Invalid JSON: {exc.message}", Span(line + 1, column + 1, line + 1, column + 2))
        return
    except jsonparse.JsonTooDeep as exc:
        line, column = jsonparse.Positions(text).of(exc.index)
        doc.problem(
            YamlTooDeep,
            f"Nesting deeper than {MAX_DEPTH} levels; a workflow descriptor is never this deep",
            Span(line + 1, column + 1, line + 1, column + 1),
        )
        return
    if root is None:
        doc.problem(EmptyDocument, "The file holds no YAML or JSON document; a workflow descriptor is a mapping", WHOLE_FILE)
        return
    _build(doc, root, limits)


def _compose_single(doc: Document, loader_class: type[_CLoader]) -> Node | None:
    first = None
    nodes = _compose_all(doc.text, loader_class)
    try:
        for index, node in enumerate(nodes):
            if index == 0:
                first = node
                continue
            line = min(node.start_mark.line, len(doc.lines) - 1)  # an empty last document starts past the end
            while line > 0 and not doc.lines[line].startswith("---"):
                line -= 1  # point at the document's `---` marker
            doc.problem(
                YamlMultipleDocuments,
                "The file holds more than one YAML document (another starts here); "
                "Cortex reads one workflow per file",
                Span(line + 1, 1, line + 1, 4),
            )
            break
    finally:
        nodes.close()  # now, not when collected: it frees the parser
    return first


def _mark_span(exc: MarkedYAMLError, text: str) -> Span:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return WHOLE_FILE
    if mark.index >= len(text):
        # The end of the stream, where the parser counts a line break the file may not have:
        # an empty span after the last character.
        breaks = list(_LINE_BREAK.finditer(text))
        line, column = len(breaks) + 1, len(text) - (breaks[-1].end() if breaks else 0) + 1
        return Span(line, column, line, column)
    return Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 2)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _syntax_message(exc: MarkedYAMLError, text: str) -> str:
    mark = exc.problem_mark
    if mark is not None:
        lines = text.splitlines()
        if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
            return "Tab character found where YAML allows only spaces (indent with spaces)"
    problem = (exc.problem or "invalid YAML").rstrip(".")
    if exc.context:
        context = exc.context
        if exc.context_mark is not None and (mark is None or exc.context_mark.line != mark.line):
            context += f" that starts at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
        problem = f"{problem} ({context})"
    return "Invalid YAML: " + problem[0].lower() + problem[1:] if problem else "Invalid YAML"


_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


_STR_TAG = _CLoader._DEFAULT[ScalarNode]


def _scalar(node: ScalarNode) -> Any:
    if node.ctag is _STR_TAG:  # most scalars: the C parser's loader gives strings this one Tag
        return node.value
    tag, value = str(node.tag), node.value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        cleaned = value.replace("_", "")
        for base in (10, 0):  # 0 reads 0x/0o/0b prefixes
            try:
                return int(cleaned, base)
            except ValueError:
                pass
        return value
    if tag == _FLOAT:
        lowered = value.lower().replace("_", "")
        if lowered.endswith("nan"):
            return math.nan
        if lowered.endswith("inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        try:
            return float(lowered)
        except ValueError:
            return value
    return value  # strings, timestamps, binary and application tags stay text


def _key_text(key: Node) -> str:
    return key.value if key.__class__ is ScalarNode else "<complex key>"


def _build(doc: Document, root: Node, limits: Limits) -> None:
    """Build ``doc.data`` and ``doc.nodes`` in one iterative pre-order walk.

    The walk runs once per node of every parse (the language server's included), so each child
    is handled inline: no call and no tuple per node beyond the index entry."""
    built: dict[int, Any] = {}
    anchors = "&" in doc.text  # the C parser leaves ScalarNode.anchor empty: an aliased scalar is known by its id
    aliased = merges = False
    text = 0  # characters of keys and string values, an aliased string counted at every use
    nodes = doc.nodes
    nodes[""] = (root, None)
    data = _container(root)
    built[id(root)] = data
    stack: list[tuple[Node, Any, str, int]] = [(root, data, "", 0)] if data is not None else []
    while stack:
        node, container, pointer, depth = stack.pop()
        if depth >= MAX_DEPTH:
            _too_deep(doc, node.start_mark, pointer)
            return
        mapping = node.__class__ is MappingNode
        for item in node.value:
            if mapping:
                key_node, child = item
                key = _key_text(key_node)
                child_pointer = pointer + "/" + escape(key)
                nodes[child_pointer] = (child, key_node)
                text += len(key)
            else:
                child = item
                child_pointer = pointer + "/" + str(len(container))
                nodes[child_pointer] = (child, None)
            if id(child) in built:  # an alias of a node seen before
                value = built[id(child)]
                aliased = True
            elif child.__class__ is ScalarNode:
                value = child.value if child.ctag is _STR_TAG else _scalar(child)
                if anchors:  # only an anchored scalar is met again, and an anchor needs a '&' in the text
                    built[id(child)] = value
            else:
                value = {} if child.__class__ is MappingNode else []
                built[id(child)] = value
                stack.append((child, value, child_pointer, depth + 1))
            if value.__class__ is str:
                text += len(value)
            if mapping:
                container[key] = value
            else:
                container.append(value)
        if mapping:
            merges = merges or "<<" in container
            if len(container) < len(node.value):
                _duplicates(doc, node, pointer)
    doc.uses_aliases = aliased or merges
    if aliased and not _check_expansion(doc, root, limits):
        return
    if text > limits.max_expanded_size:
        _expands_too_far(doc, text, limits)
        return
    doc.data = _scalar(root) if isinstance(root, ScalarNode) else data


def _container(node: Node) -> Any:
    if isinstance(node, MappingNode):
        return {}
    if isinstance(node, SequenceNode):
        return []
    return None


def _duplicates(doc: Document, node: Node, pointer: str) -> None:
    """Record the keys that ``node`` (a mapping with fewer distinct keys than entries) repeats."""
    first_seen: dict[str, tuple[Node, int]] = {}
    for key_node, _ in node.value:
        key = _key_text(key_node)
        first, count = first_seen.get(key, (key_node, 0))
        first_seen[key] = (first, count + 1)
    for key, (first, count) in first_seen.items():
        if count > 1:
            doc.duplicates.append(Duplicate(pointer + "/" + escape(key), key, first.start_mark.line + 1, count))


def _check_expansion(doc: Document, root: Node, limits: Limits) -> bool:
    """Reject recursive aliases and alias bombs, counted in nodes and in characters of scalar
    text once expanded.  Linear in the number of distinct nodes."""
    size: dict[int, int] = {}
    chars: dict[int, int] = {}
    unique = 0
    on_path: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            children = _children(node)
            size[key] = 1 + sum(size[id(child)] for child in children)
            chars[key] = len(node.value) if isinstance(node, ScalarNode) else sum(chars[id(child)] for child in children)
            continue
        if key in size:
            continue
        if key in on_path:
            mark = node.start_mark
            doc.problem(
                YamlAliasBomb,
                "An alias refers to the node that contains it, so the document is infinitely deep",
                Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 1),
            )
            return False
        unique += 1
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)
    total = size[id(root)]
    if (total > ALIAS_EXPANSION_LIMIT and total > 10 * unique) or total > limits.max_nodes:
        doc.problem(
            YamlAliasBomb,
            f"Aliases expand this document from {unique} to {total} nodes; "
            "refusing to expand it (a 'billion laughs' document)",
            WHOLE_FILE,
        )
        return False
    if chars[id(root)] > limits.max_expanded_size:
        _expands_too_far(doc, chars[id(root)], limits)
        return False
    return True


def _expands_too_far(doc: Document, text: int, limits: Limits) -> None:
    doc.problem(
        YamlAliasBomb,
        f"Aliases expand this document to {text:,} characters of text, over the "
        f"{limits.max_expanded_size:,}-character max-expanded-size; refusing to expand it",
        WHOLE_FILE,
    )


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []
