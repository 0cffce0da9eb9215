"""Turn the bytes of a file into text, reporting what stops us from reading it."""

from __future__ import annotations

import os
import re
import stat

from .document import Document, parse
from .model import WHOLE_FILE, Edit, Finding, Fix, Span
from .rules.byte_order_mark import ByteOrderMark
from .rules.file_encoding import FileEncoding
from .rules.file_too_large import FileTooLarge
from .settings import DEFAULT_LIMITS, Limits

_UTF16_32_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}


def read_file(path: str | os.PathLike[str], limit: int) -> bytes:
    """At most ``limit`` bytes from the start of the regular file at ``path``.

    Raises OSError for anything but a regular file (a FIFO is opened without
    blocking and refused, a device is never read), or when reading fails.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise OSError(0, f"not a regular file: {_KINDS.get(stat.S_IFMT(mode), 'a special file')}")
        chunks = []
        while limit > 0:
            chunk = os.read(fd, min(limit, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            limit -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


STDIN = "<stdin>"
"""The path of standard input that ``--stdin-filename`` did not name."""

_FIRST_CHARACTER = re.compile(r"\s*(\S?)")


def is_json(path: str, text: str) -> bool:
    """A ``.json`` file, or unnamed standard input whose first non-blank character is ``{``."""
    if path.lower().endswith(".json"):
        return True
    first = _FIRST_CHARACTER.match(text)
    return path == STDIN and first is not None and first.group(1) == "{"


def load(data: bytes, max_bytes: int, path: str = "", limits: Limits = DEFAULT_LIMITS) -> Document:
    """Decode and parse a file's bytes (as JSON when :func:`is_json`).  Problems become findings on the document."""
    if len(data) > max_bytes:
        doc = Document("")
        doc.problem(
            FileTooLarge,
            f"The file is larger than the {max_bytes:,}-byte max-file-size; "
            "it was not read further nor parsed (raise max-file-size to lint it)",
            WHOLE_FILE,
        )
        return doc
    for bom, encoding in _UTF16_32_BOMS.items():
        if data.startswith(bom):
            return _unreadable(f"The file is {encoding}-encoded; Cortex expects UTF-8")
    if b"\x00" in data:
        return _unreadable("The file is binary (it contains NUL bytes), not a YAML or JSON descriptor")
    has_bom = data.startswith(b"\xef\xbb\xbf")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _invalid_utf8(data, exc)
    doc = parse(text, is_json(path, text), limits)
    if has_bom:
        doc.bom = True
        remove = Fix("Remove the byte-order mark", (Edit(-1, 0, ""),))  # offset -1: the mark, which text leaves out
        message = "The file starts with a UTF-8 byte-order mark; save it as UTF-8 without a BOM"
        doc.problems.append((ByteOrderMark, Finding(message, span=WHOLE_FILE, fix=remove)))
    return doc


def _unreadable(message: str) -> Document:
    doc = Document("")
    doc.problem(FileEncoding, message, WHOLE_FILE)
    return doc


def _invalid_utf8(data: bytes, exc: UnicodeDecodeError) -> Document:
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    before = data[start : exc.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    doc = Document("")
    doc.problem(
        FileEncoding,
        f"Invalid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded; Cortex expects UTF-8 text",
        Span(line, column, line, column + 1),
    )
    return doc
