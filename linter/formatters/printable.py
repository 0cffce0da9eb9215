"""Text for terminals and CI logs, where a file name or a message from Cortex must not act.

Control characters (C0, DEL, C1), line and paragraph separators, bidirectional
overrides and lone surrogates (undecodable bytes in a file name) are written as
visible escapes (``\\n``, ``\\x1b``, ``\\u202e``), so no file name or server text
can start a new line (and forge one, such as ``::error``), move the cursor,
colour the log or ring the bell.  JSON output (:func:`json_text`) keeps the
exact text but writes every such character as a ``\\uXXXX`` escape, so it is
safe to print too; JUnit replaces what XML cannot hold.
"""

from __future__ import annotations

import re
from functools import cache

_UNSAFE_ASCII = re.compile("[\x00-\x1f\x7f]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


@cache
def _unsafe() -> re.Pattern[str]:
    """Compiled on first use: its ranges take milliseconds to compile, and most text is ASCII."""
    return re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@cache
def _unsafe_in_json() -> re.Pattern[str]:
    """What ``json.dumps`` leaves raw (it escapes U+0000-U+001F itself; outside strings there are
    only ASCII structure and whitespace)."""
    return re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str, keep: str = "") -> str:
    """``text`` with every unsafe character but those in ``keep`` escaped."""
    unsafe = _UNSAFE_ASCII if text.isascii() else _unsafe()
    return unsafe.sub(lambda m: m.group() if m.group() in keep else _escape(m.group()), text)


def one_line(text: str) -> str:
    """A message on one line: its lines joined with spaces, the rest escaped (Cortex may send several lines)."""
    return printable(" ".join(text.splitlines()))


def json_text(value: object) -> str:
    """``value`` as indented JSON with non-ASCII text kept, except the characters above, escaped."""
    import json  # noqa: PLC0415 - text output, the usual case, does not need it

    text = json.dumps(value, indent=2, ensure_ascii=False)
    if text.isascii() and "\x7f" not in text:
        return text + "\n"
    return _unsafe_in_json().sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def _escape(char: str) -> str:
    code = ord(char)
    return _SHORT.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
