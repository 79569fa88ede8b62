"""Just enough PDF to merge the parts WeasyPrint writes: read, renumber and write objects.

A general PDF library parses every object into Python values; for a book of a few thousand
tagged pages that is a few hundred thousand objects (most of them structure elements), which
takes minutes and gigabytes.  Merging only needs each object's bytes with its references
renumbered, which one regular expression does at C speed; only the handful of objects the
assembly edits (catalogs, structure tree roots, page and link dictionaries) are parsed, with the
small parser below.

Input: PDF files with a cross-reference stream or table, objects possibly in object streams
(what WeasyPrint, through pydyf, writes).  Output: objects packed in compressed object streams
and a cross-reference stream (PDF 1.5 and later), written as they come.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, NamedTuple

__all__ = [
    "Name",
    "PdfObject",
    "PdfReader",
    "PdfWriter",
    "Ref",
    "parse",
    "pdf_text",
    "references",
    "renumber",
    "serialize",
]

_WHITESPACE = b"\x00\t\n\x0c\r "
_DELIMITERS = b"()<>[]{}/%"
_TOKEN = re.compile(
    rb"(?P<skip>[\x00\t\n\x0c\r ]+|%[^\r\n]*)"
    rb"|(?P<dict><<)|(?P<enddict>>>)|(?P<array>\[)|(?P<endarray>\])"
    rb"|(?P<name>/[^\x00\t\n\x0c\r ()<>\[\]{}/%]*)"
    rb"|(?P<number>[+-]?(?:\d+\.?\d*|\.\d+))"
    rb"|(?P<string>\()"
    rb"|(?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)"
    rb"|(?P<keyword>[A-Za-z]+)"
)
# A reference, or a string (skipped: a string may contain text that looks like a reference).
_REFERENCE = re.compile(rb"\((?:\\.|[^\\()])*\)|<[0-9A-Fa-f\s]*>|(?<![\w./])(\d+) (\d+) R\b", re.S)


class Ref(NamedTuple):
    """An indirect reference ``N G R``."""

    number: int
    generation: int = 0


class Name(str):
    """A PDF name, without its slash."""


class Raw(bytes):
    """A token written back exactly as read (strings)."""


class PdfObject(NamedTuple):
    """An object's bytes: its body (a dictionary for a stream) and its stream data, if any."""

    body: bytes
    stream: bytes | None = None


def _string_end(data: bytes, start: int) -> int:
    """Index after the literal string opened at ``start`` (balanced parentheses, escapes)."""
    depth, index = 0, start
    while index < len(data):
        char = data[index]
        if char == 0x5C:  # backslash
            index += 2
            continue
        if char == 0x28:
            depth += 1
        elif char == 0x29:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    raise ValueError("unterminated string")


def parse(data: bytes, position: int = 0) -> Any:
    """The first PDF value in ``data`` (dictionaries become dicts keyed by :class:`Name`)."""
    return _parse(data, position)[0]


def _parse(data: bytes, position: int) -> tuple[Any, int]:
    stack: list[Any] = []
    marks: list[int] = []
    while True:
        match = _TOKEN.match(data, position)
        if match is None:
            raise ValueError(
                f"cannot parse PDF at byte {position}: {data[position : position + 20]!r}"
            )
        kind, token, position = match.lastgroup, match.group(), match.end()
        value: Any
        if kind == "skip":
            continue
        if kind in ("dict", "array"):
            marks.append(len(stack))
            stack.append(kind)
            continue
        if kind in ("enddict", "endarray"):
            start = marks.pop()
            items = stack[start + 1 :]
            del stack[start:]
            if kind == "enddict":
                value = {Name(items[i]): items[i + 1] for i in range(0, len(items), 2)}
            else:
                value = items
        elif kind == "name":
            value = Name(token[1:].decode("latin-1"))
        elif kind == "number":
            value = float(token) if b"." in token else int(token)
        elif kind == "string":
            end = _string_end(data, position - 1)
            value, position = Raw(data[position - 1 : end]), end
        elif kind == "hex":
            value = Raw(token)
        elif (
            token == b"R"
            and marks
            and len(stack) - marks[-1] > 2
            and type(stack[-1]) is int
            and type(stack[-2]) is int
        ):
            generation, number = stack.pop(), stack.pop()
            value = Ref(number, generation)
        else:
            value = {b"true": True, b"false": False, b"null": None}.get(token, Raw(token))
        if not marks:
            # A complete value: a number may still be the start of a reference.
            if type(value) is int:
                follow = re.match(rb"[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+R\b", data[position:])
                if follow:
                    return Ref(value, int(follow.group(1))), position + follow.end()
            return value, position
        stack.append(value)


def serialize(value: Any) -> bytes:
    """``value`` (as :func:`parse` returns them) as PDF bytes."""
    if isinstance(value, Raw):
        return bytes(value)
    if isinstance(value, Ref):
        return b"%d %d R" % (value.number, value.generation)
    if isinstance(value, Name):
        return b"/" + value.encode("latin-1")
    if isinstance(value, dict):
        return (
            b"<<"
            + b"".join(serialize(Name(k)) + b" " + serialize(v) for k, v in value.items())
            + b">>"
        )
    if isinstance(value, list):
        return b"[" + b" ".join(serialize(item) for item in value) + b"]"
    if value is True:
        return b"true"
    if value is False:
        return b"false"
    if value is None:
        return b"null"
    if isinstance(value, float):
        return (b"%.4f" % value).rstrip(b"0").rstrip(b".")
    if isinstance(value, int):
        return b"%d" % value
    raise TypeError(f"cannot write {value!r} as PDF")


def pdf_text(text: str) -> Raw:
    """A PDF text string: literal when ASCII, UTF-16BE with a byte order mark otherwise."""
    if text.isascii():
        escaped = re.sub(rb"([\\()])", rb"\\\1", text.encode("ascii"))
        return Raw(b"(" + escaped.replace(b"\r", b"\\r").replace(b"\n", b"\\n") + b")")
    return Raw(b"<feff" + text.encode("utf-16-be").hex().encode("ascii") + b">")


def references(body: bytes) -> list[int]:
    """Object numbers ``body`` refers to."""
    return [int(m.group(1)) for m in _REFERENCE.finditer(body) if m.group(1) is not None]


def renumber(body: bytes, mapping: Callable[[int], int]) -> bytes:
    """``body`` with every reference ``N 0 R`` turned into ``mapping(N) 0 R``."""

    def replace(match: re.Match[bytes]) -> bytes:
        if match.group(1) is None:
            return match.group()
        return b"%d 0 R" % mapping(int(match.group(1)))

    return _REFERENCE.sub(replace, body)


def _inflate(dictionary: dict[str, Any], data: bytes) -> bytes:
    filters = dictionary.get("Filter")
    if filters is None:
        return data
    if filters not in (Name("FlateDecode"), [Name("FlateDecode")]) or "DecodeParms" in dictionary:
        raise ValueError(f"unsupported stream filter {filters!r}")
    return zlib.decompress(data)


class PdfReader:
    """The objects of one PDF file, by number."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._where: dict[int, tuple[int, int]] = {}  # number -> (0, offset) | (stream, index)
        self._streams: dict[int, list[bytes]] = {}
        start = int(re.findall(rb"startxref\s+(\d+)", data[-1024:])[-1])
        self.trailer = self._read_xref(start)

    def _read_xref(self, offset: int) -> dict[str, Any]:
        if self.data.startswith(b"xref", offset):
            return self._read_xref_table(offset)
        obj = self._object_at(offset)
        dictionary: dict[str, Any] = parse(obj.body)
        assert obj.stream is not None
        rows = _inflate(dictionary, obj.stream)
        widths = dictionary["W"]
        index = dictionary.get("Index", [0, dictionary["Size"]])
        position = 0
        for first, count in zip(index[::2], index[1::2], strict=True):
            for number in range(first, first + count):
                fields = []
                for width in widths:
                    fields.append(int.from_bytes(rows[position : position + width], "big"))
                    position += width
                kind = fields[0] if widths[0] else 1
                if number not in self._where and kind in (1, 2):
                    self._where[number] = (0, fields[1]) if kind == 1 else (fields[1], fields[2])
        if "Prev" in dictionary:
            previous = self._read_xref(int(dictionary["Prev"]))
            dictionary = {**previous, **dictionary}
        return dictionary

    def _read_xref_table(self, offset: int) -> dict[str, Any]:
        position = offset + 4
        while True:
            header = re.compile(rb"\s*(\d+) (\d+)\s*?\r?\n").match(self.data, position)
            if header is None:
                break
            first, count = int(header.group(1)), int(header.group(2))
            position = header.end()
            for number in range(first, first + count):
                line = self.data[position : position + 20]
                position += 20
                if line[17:18] == b"n" and number not in self._where:
                    self._where[number] = (0, int(line[:10]))
        trailer_at = self.data.index(b"trailer", position) + 7
        trailer: dict[str, Any] = parse(self.data, trailer_at)
        if "Prev" in trailer:
            trailer = {**self._read_xref(int(trailer["Prev"])), **trailer}
        return trailer

    def _object_at(self, offset: int) -> PdfObject:
        header = re.compile(rb"\s*\d+\s+\d+\s+obj").match(self.data, offset)
        if header is None:
            raise ValueError(f"no object at byte {offset}")
        value, end = _parse(self.data, header.end())
        after = re.compile(rb"\s*stream\r?\n").match(self.data, end)
        if after is None:
            return PdfObject(self.data[header.end() : end].strip())
        length = value["Length"]
        if isinstance(length, Ref):
            length = parse(self.get(length.number).body)
        stream = self.data[after.end() : after.end() + length]
        return PdfObject(self.data[header.end() : end].strip(), stream)

    def has(self, number: int) -> bool:
        """Whether the cross-reference lists object ``number``."""
        return number in self._where

    def numbers(self) -> Iterator[int]:
        """Every object number in the cross-reference, in order."""
        return iter(sorted(self._where))

    def is_container(self, number: int) -> bool:
        """Whether the object is an object stream or a cross-reference stream (not content)."""
        container, _ = self._where[number]
        if container:
            return False
        body = self.get(number).body
        return bool(re.search(rb"/Type\s*/(?:ObjStm|XRef)\b", body))

    def get(self, number: int) -> PdfObject:
        """The object ``number``."""
        container, where = self._where[number]
        if not container:
            return self._object_at(where)
        if container not in self._streams:
            stream = self.get(container)
            dictionary = parse(stream.body)
            assert stream.stream is not None
            data = _inflate(dictionary, stream.stream)
            first, count = int(dictionary["First"]), int(dictionary["N"])
            header = [int(x) for x in data[:first].split()[: 2 * count]]
            offsets = [first + off for off in header[1::2]] + [len(data)]
            self._streams[container] = [
                data[offsets[i] : offsets[i + 1]].strip() for i in range(count)
            ]
        return PdfObject(self._streams[container][where])


class PdfWriter:
    """Writes objects as they come: streams directly, the others in compressed object streams."""

    _BATCH = 200

    def __init__(self, handle: BinaryIO, next_number: Callable[[], int]) -> None:
        self.handle = handle
        self.next_number = next_number
        self.entries: dict[int, tuple[int, int, int]] = {}
        self.pending: list[tuple[int, bytes]] = []
        self._write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def _write(self, data: bytes) -> None:
        self.handle.write(data)

    def _stream(self, number: int, body: bytes, data: bytes) -> None:
        self.entries[number] = (1, self.handle.tell(), 0)
        self._write(b"%d 0 obj\n%s\nstream\n" % (number, body))
        self._write(data)
        self._write(b"\nendstream\nendobj\n")

    def add(self, number: int, obj: PdfObject) -> None:
        """Write object ``number`` (now, or with the next object stream)."""
        if obj.stream is not None:
            self._stream(number, obj.body, obj.stream)
            return
        self.pending.append((number, obj.body))
        if len(self.pending) >= self._BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the pending objects as one object stream."""
        if not self.pending:
            return
        container = self.next_number()
        header, chunks, offset = [], [], 0
        for index, (number, body) in enumerate(self.pending):
            header.append(b"%d %d" % (number, offset))
            chunks.append(body)
            offset += len(body) + 1
            self.entries[number] = (2, container, index)
        head = b" ".join(header) + b"\n"
        data = zlib.compress(head + b"\n".join(chunks) + b"\n", 6)
        body = b"<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>" % (
            len(self.pending),
            len(head),
            len(data),
        )
        self.pending = []
        self._stream(container, body, data)

    def close(self, *, root: int, info: int | None, identifier: bytes) -> None:
        """Write the cross-reference stream and the end of the file."""
        self.flush()
        number = self.next_number()
        offset = self.handle.tell()
        self.entries[number] = (1, offset, 0)
        size = max(self.entries) + 1
        rows = bytearray(b"\x00\x00\x00\x00\x00\xff\xff")  # object 0: free
        for n in range(1, size):
            kind, field, extra = self.entries.get(n, (0, 0, 0))
            rows += bytes([kind]) + field.to_bytes(4, "big") + extra.to_bytes(2, "big")
        data = zlib.compress(bytes(rows), 6)
        hex_id = b"<" + identifier.hex().encode("ascii") + b">"
        trailer = b"<</Type /XRef /Size %d /W [1 4 2] /Root %d 0 R%s /ID [%s %s] " % (
            size,
            root,
            b" /Info %d 0 R" % info if info else b"",
            hex_id,
            hex_id,
        )
        trailer += b"/Filter /FlateDecode /Length %d>>" % len(data)
        self._write(b"%d 0 obj\n%s\nstream\n" % (number, trailer))
        self._write(data)
        self._write(b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offset)
