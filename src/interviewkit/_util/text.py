"""Which characters the text of an anthology may hold, checked where the text enters.

Control characters (C0 but tab and line feed, C1), lone surrogates and Unicode noncharacters are
never meant by an author: they make invalid XML (so an invalid EPUB), vanish or show as boxes, or
hide text.  Bidirectional controls are legitimate inside answers written in Arabic or Hebrew, but
an unbalanced one in a one-line field (a title, a name) reorders everything printed after it
(the "Trojan Source" trick), so one-line fields must close every embedding they open.

Speed matters: a large anthology is tens of megabytes of text.  A raw file is checked on its
UTF-8 bytes with scans that run at C speed (``bytes.translate`` and regular expressions that start
with a literal byte); only when one of them finds something is the slower, precise search run to
name the character, its line and its column.  Values that escapes can produce (``"\\u0001"`` in
YAML, TOML or JSON) are checked on the parsed data, which is small (front matter, a manifest) or
only walked when the JSON text holds an escape that could produce one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = [
    "BAD_TEXT_HINT",
    "ONE_LINE_HINT",
    "ONE_LINE_SUSPECT",
    "bad_char_in_text",
    "bad_text_in_data",
    "describe_char",
    "json_may_escape_bad_text",
    "may_hold_bad_bytes",
    "normalize_newlines",
    "one_line_problem",
    "one_line_suspect",
    "position",
]

_SUPPLEMENTARY_NONCHARACTERS = "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000)
)
_BAD_CHARS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f"  # C0 controls but tab, line feed and carriage return
    "\x80-\x9f"  # C1 controls
    "\ud800-\udfff"  # surrogates (only escapes can produce them)
    "\ufdd0-\ufdef\ufffe\uffff" + _SUPPLEMENTARY_NONCHARACTERS
)
#: Any character no source may contain (carriage returns are normalised before this is used).
_BAD = re.compile(f"[{_BAD_CHARS}]")
_BIDI_OPENERS = {
    "\u202a": "embedding",  # LRE
    "\u202b": "embedding",  # RLE
    "\u202d": "embedding",  # LRO
    "\u202e": "embedding",  # RLO
    "\u2066": "isolate",  # LRI
    "\u2067": "isolate",  # RLI
    "\u2068": "isolate",  # FSI
}
_BIDI_CLOSERS = {"\u202c": "embedding", "\u2069": "isolate"}  # PDF, PDI
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: A one-line value holding none of these is accepted without further work.
ONE_LINE_SUSPECT = re.compile(f"[\r{_BAD_CHARS}\u202a-\u202e\u2066-\u2069]")


def one_line_suspect(value: str) -> bool:
    """Whether ``value`` holds a character :data:`ONE_LINE_SUSPECT` matches.

    Every such character is unprintable to Python (categories Cc, Cf, Cs and Cn), and
    :meth:`str.isprintable` answers an order of magnitude faster than the expression, so the
    expression runs only on the rare value that has an unprintable character (a tab, a
    no-break space). This runs for every name, label and title of a book at load.
    """
    return not value.isprintable() and ONE_LINE_SUSPECT.search(value) is not None


#: How to fix a refused character, for every message about one.
BAD_TEXT_HINT = (
    "delete the character (an editor that shows invisible characters, or a search for its "
    "code, finds it)"
)
#: The same, for a one-line field (the model's validators put it after the problem).
ONE_LINE_HINT = "delete it; in a title or a name, write bidirectional controls in pairs"

# Byte-level prefilters over UTF-8: every bad character shows one of these patterns.
_C0_ALLOWED = bytes(b for b in range(256) if b >= 0x20 or b in b"\t\n\r")
_C1_BYTES = re.compile(rb"\xc2[\x80-\x9f]")
_NONCHARACTER_BLOCK_BYTES = re.compile(rb"\xef\xb7[\x90-\xaf]")  # U+FDD0..U+FDEF
_NONCHARACTER_END_BYTES = re.compile(rb"\xbf[\xbe\xbf]")  # U+xFFFE, U+xFFFF (every plane)
# JSON escapes that can produce a bad character or a carriage return.
_JSON_ESCAPE = re.compile(rb"\\[ubfr]")


def may_hold_bad_bytes(data: bytes) -> bool:
    """Whether UTF-8 ``data`` may hold a bad character (no false negatives; rare false alarms)."""
    return bool(
        data.translate(None, _C0_ALLOWED)
        or _C1_BYTES.search(data)
        or _NONCHARACTER_BLOCK_BYTES.search(data)
        or _NONCHARACTER_END_BYTES.search(data)
    )


def json_may_escape_bad_text(data: bytes) -> bool:
    """Whether JSON ``data`` holds an escape (``\\u``, ``\\b``, ``\\f``, ``\\r``) to look at."""
    return _JSON_ESCAPE.search(data) is not None


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so a checkout on any system gives the same book."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def bad_char_in_text(text: str) -> int | None:
    """The index of the first character no source may contain, or None."""
    found = _BAD.search(text)
    return None if found is None else found.start()


def position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]``."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def describe_char(char: str) -> str:
    """Name a refused character for a message: ``the control character U+0007``."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate"
    elif code <= 0x1F or 0x80 <= code <= 0x9F or code == 0x0D:
        kind = "the control character"
    elif char in _BIDI_OPENERS or char in _BIDI_CLOSERS:
        kind = "the bidirectional control"
    elif 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        kind = "the noncharacter"
    else:
        kind = "the character"
    name = unicodedata.name(char, "")
    return f"{kind} U+{code:04X}" + (f" ({name})" if name else "")


def text_problem(value: str) -> str | None:
    """What is wrong with a text value (a bad character), or None."""
    index = bad_char_in_text(value)
    if index is None:
        return None
    return f"contains {describe_char(value[index])} at character {index + 1}"


def one_line_problem(value: str) -> str | None:
    """What is wrong with a one-line value (a title, a name), or None when it is fine."""
    if not one_line_suspect(value):
        return None
    if "\r" in value:
        return "contains a carriage return (U+000D)"
    problem = text_problem(value)
    if problem is not None:
        return problem
    stack: list[tuple[str, int]] = []  # (opener, position) of what is still open
    for found in _BIDI.finditer(value):
        char = found.group()
        if char in _BIDI_OPENERS:
            stack.append((char, found.start()))
        elif not stack or _BIDI_OPENERS[stack.pop()[0]] != _BIDI_CLOSERS[char]:
            return (
                f"has {describe_char(char)} at character {found.start() + 1}, which closes "
                "no bidirectional embedding or isolate opened before it"
            )
    if stack:
        char, index = stack[-1]
        return (
            f"opens {describe_char(char)} at character {index + 1} and never closes it "
            "(it would reorder the text printed after it)"
        )
    return None


def bad_text_in_data(data: object, path: str = "") -> Iterator[str]:
    """``path: problem`` for every string of parsed data holding a bad character.

    Carriage returns produced by escapes are normalised in place, as the file reader does for
    raw ones; lists and dicts are the parser's own fresh objects.
    """
    if isinstance(data, dict):
        entries: Iterable[tuple[Any, Any]] = data.items()
    elif isinstance(data, list):
        entries = enumerate(data)
    else:
        return
    for key, value in entries:
        if isinstance(data, dict):
            child = f"{path}.{key}" if path else str(key)
        else:
            child = f"{path}[{key}]"
        if isinstance(value, str):
            if "\r" in value:
                value = data[key] = normalize_newlines(value)
            problem = text_problem(value)
            if problem is not None:
                yield f"{child}: {problem}"
        else:
            yield from bad_text_in_data(value, child)
