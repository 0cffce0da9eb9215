"""Would Java accept this regular expression?  Cortex compiles ``validationRegex`` with
``java.util.regex.Pattern``; we translate the Java-only constructs to Python's ``re`` syntax
(keeping each character's position in the original) and let ``re`` judge the rest.
"""

from __future__ import annotations

import re
import warnings

_JAVA_ONLY_ESCAPES = frozenset("hHRXeGz")
"""Escapes (a backslash and one letter) that Java accepts and Python's ``re`` rejects."""

_UNICODE_CLASS = re.compile(r"\{[^{}]*\}|[A-Za-z]")  # after \p or \P: {Alpha} or L ([^{}]: each try ends at the next brace)
_HEX_BRACES = re.compile(r"\{[0-9A-Fa-f]+\}")  # after \x
_NAMED_BACKREFERENCE = re.compile(r"<([A-Za-z][A-Za-z0-9]*)>")  # after \k
_INLINE_FLAGS = re.compile(r"\(\?[idmsuxUc]*(?:-[idmsuxUc]*)?([:)])")

_NOT_JAVA_ERRORS = (
    "look-behind requires fixed-width pattern",
    "invalid group reference",
    "cannot refer to an open group",
    "cannot refer to group defined in the same lookbehind subpattern",
)


def regex_error(pattern: str) -> tuple[str, int] | None:
    """``(message, 0-based index in pattern)`` when Java would reject ``pattern``, as far as we can tell."""
    translated, origin = _to_python(pattern)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Java's nested classes give FutureWarnings
            re.compile(translated)
    except re.error as exc:
        if exc.msg.startswith(_NOT_JAVA_ERRORS):
            return None
        position = origin[exc.pos] if exc.pos is not None and exc.pos < len(origin) else len(pattern)
        return exc.msg, position
    except (RecursionError, OverflowError, ValueError, MemoryError):
        return None  # beyond what Python's parser handles; Java may accept it
    return None


def _to_python(pattern: str) -> tuple[str, list[int]]:
    """Translate the Java-only constructs, keeping for each output character its index in ``pattern``."""
    out: list[str] = []
    origin: list[int] = []

    def emit(text: str, at: int) -> None:
        out.append(text)
        origin.extend([at] * len(text))

    i, n, class_depth = 0, len(pattern), 0
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            escaped = pattern[i + 1]
            end = i + 2
            match = None
            if escaped in "pP":
                match = _UNICODE_CLASS.match(pattern, end)
            elif escaped == "x":
                match = _HEX_BRACES.match(pattern, end)
            if match:
                emit("a", i)  # any literal: valid wherever the class or character was
                i = match.end()
            elif escaped == "k" and (match := _NAMED_BACKREFERENCE.match(pattern, end)):
                emit(f"(?P={match.group(1)})", i)
                i = match.end()
            elif escaped == "Q":
                stop = pattern.find("\\E", end)
                stop = n if stop < 0 else stop
                for at in range(end, stop):
                    emit(re.escape(pattern[at]), at)
                i = stop + 2
            elif escaped == "c" and end < n:
                emit("a", i)
                i = end + 1
            elif escaped in _JAVA_ONLY_ESCAPES:
                emit("a", i)
                i = end
            else:
                emit(pattern[i:end], i)
                i = end
            continue
        if char == "[":
            class_depth += 1
        elif char == "]" and class_depth:
            class_depth -= 1
        elif char == "(" and not class_depth:
            if pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] not in ("=", "!"):
                emit("(?P<", i)
                i += 3
                continue
            flags = _INLINE_FLAGS.match(pattern, i)
            if flags and flags.end() - i > 3:  # at least one flag letter or '-'
                if flags.group(1) == ":":
                    emit("(?:", i)
                i = flags.end()
                continue
        emit(char, i)
        i += 1
    return "".join(out), origin
