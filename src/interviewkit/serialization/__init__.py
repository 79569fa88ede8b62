"""Canonical JSON: the one converter between the model and plain data.

The canonical form is the envelope ``{"anthology": {...}, "interviewkit": "<schema version>"}``
written by orjson with sorted keys, two-space indentation, UTF-8 and a final newline.  Every field
of every model is present (``null`` or ``[]`` when unset), so the form is unique: the same
anthology always gives the same bytes, and ``dumps(loads(text)) == text`` for canonical text.

Structuring uses two converters built by :func:`make_converter`: a fast one without detailed
validation, and, only when the fast one fails, a detailed one that collects *every* problem of
the document with its path (``portraits[3].interview.exchanges[12].answer``).  Valid input, the
common case, pays for no bookkeeping.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import cattrs
import orjson
from cattrs.errors import IterableValidationNote
from cattrs.fns import identity

from interviewkit._util.fs import decode_utf8, refuse_bad_characters
from interviewkit._util.text import (
    BAD_TEXT_HINT,
    bad_text_in_data,
    describe_char,
    json_may_escape_bad_text,
    may_hold_bad_bytes,
    position,
)
from interviewkit.errors import InvalidInputError, SchemaVersionError
from interviewkit.model.models import Anthology
from interviewkit.model.richtext import RichText
from interviewkit.serialization._errorpaths import describe_structure_error
from interviewkit.serialization._fastpath import register_fast_hooks
from interviewkit.serialization.migrations import migrate

__all__ = [
    "SCHEMA_VERSION",
    "dump_bytes",
    "dumps",
    "fast_structuring",
    "loads",
    "make_converter",
    "structure",
    "unstructure",
]

#: Version of the canonical JSON format this interviewkit writes (the envelope's value).
SCHEMA_VERSION = "3"

T = TypeVar("T")

_DUMP_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def make_converter(*, detailed_validation: bool = True) -> cattrs.Converter:
    """Build the converter for every model type.

    Strict where JSON is loose: a number is not text, text is not a list, unknown keys are
    refused.  Every structure and unstructure in interviewkit goes through a converter made here.

    .. versionadded:: 0.1
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=detailed_validation,
        prefer_attrib_converters=False,
    )
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(RichText, _structure_richtext)
    converter.register_unstructure_hook(RichText, identity)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_structure_factory)
    converter.register_structure_hook(str | None, _structure_optional_str)
    if not detailed_validation:
        register_fast_hooks(converter)
    return converter


def _structure_optional_str(value: object, _: object) -> str | None:
    # Registered for ``str | None`` itself: saves cattrs' generic Optional dispatch on the
    # tens of thousands of optional fields of a large anthology.
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"expected text or null, got {_type_name(value)}")


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _structure_str(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected text, got {_type_name(value)}")


def _structure_int(value: object, _: type) -> int:
    if type(value) is int:
        return value
    raise TypeError(f"expected a whole number, got {_type_name(value)}")


def _structure_bool(value: object, _: type) -> bool:
    if type(value) is bool:
        return value
    raise TypeError(f"expected true or false, got {_type_name(value)}")


def _structure_richtext(value: object, _: type) -> RichText:
    if isinstance(value, str):
        return RichText(value)
    raise TypeError(f"expected text (CommonMark), got {_type_name(value)}")


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime):  # YAML and TOML may give datetimes
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date written YYYY-MM-DD, got {value!r}")


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_structure_factory(type_: Any, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    element_type = get_args(type_)[0]
    handler = converter.get_structure_hook(element_type)
    detailed = converter.detailed_validation

    def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {_type_name(value)}")
        if not detailed:
            return tuple([handler(item, element_type) for item in value])
        errors: list[Exception] = []
        result = []
        for index, item in enumerate(value):
            try:
                result.append(handler(item, element_type))
            except Exception as exc:  # noqa: BLE001 - collected into the validation group below
                note = IterableValidationNote(f"Structuring index {index}", index, element_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise cattrs.IterableValidationError(f"While structuring {type_!r}", errors, type_)
        return tuple(result)

    return structure_tuple


#: Whether this context lets interviewkit pause the collector (see :func:`fast_structuring`).
_MAY_PAUSE_GC: ContextVar[bool] = ContextVar("interviewkit_may_pause_gc", default=False)


@contextmanager
def fast_structuring() -> Iterator[None]:
    """Let interviewkit pause Python's cyclic garbage collector while it builds or takes apart
    a large model, for the code run inside this block (this thread or task only).

    Structuring creates tens of thousands of objects that all stay alive, and each allocation
    burst makes the collector walk every live object again: on a 640-portrait anthology that is
    about a quarter of the canonical JSON's dump and load time (``benchmarks/bench_json.py``).
    Models are acyclic, so nothing is left for the collector to find afterwards.  But the
    collector is the whole process's: a library must not switch it off behind its caller's
    back, so interviewkit only does when the application says it may.  The command line does,
    for each command::

        with interviewkit.fast_structuring():
            anthology = interviewkit.loads(data)

    .. versionadded:: 0.2
    """
    token = _MAY_PAUSE_GC.set(True)
    try:
        yield
    finally:
        _MAY_PAUSE_GC.reset(token)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the collector around one structuring, when :func:`fast_structuring` allows it.

    A collector that was already disabled stays disabled; one that was enabled is enabled
    again, whatever happens.
    """
    if not _MAY_PAUSE_GC.get() or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@lru_cache(maxsize=1)
def _converters() -> tuple[cattrs.Converter, cattrs.Converter]:
    return make_converter(detailed_validation=False), make_converter(detailed_validation=True)


def unstructure(anthology: Anthology) -> dict[str, Any]:
    """Return the canonical envelope as plain data (dicts, lists, strings, numbers, ``None``).

    .. versionadded:: 0.1
    """
    with _gc_paused():
        body = _converters()[0].unstructure(anthology, Anthology)
    return {"anthology": body, "interviewkit": SCHEMA_VERSION}


def structure(data: object, *, file: str | Path | None = None) -> Anthology:
    """Build an :class:`~interviewkit.Anthology` from the plain data of a canonical envelope.

    Older schema versions are migrated first; a newer one raises
    :class:`~interviewkit.errors.SchemaVersionError`.  Every problem of the document is reported
    at once in one :class:`~interviewkit.errors.InvalidInputError`.

    .. versionadded:: 0.1
    """
    body = _open_envelope(data, file)
    return structure_as(body, Anthology, file=file, root="anthology")


def structure_as(
    data: object, type_: type[T], *, file: str | Path | None = None, root: str = ""
) -> T:
    """Structure plain data into any model type, translating cattrs errors for users."""
    fast, detailed = _converters()
    try:
        with _gc_paused():
            return fast.structure(data, type_)
    except Exception:  # noqa: BLE001 - translation point: redo with full diagnostics below
        pass
    # This is one of the three places that translate foreign exceptions (see errors.py): the
    # detailed converter collects every problem with its path, and users never see cattrs.
    try:
        return detailed.structure(data, type_)
    except Exception as exc:
        raise InvalidInputError(file, describe_structure_error(exc, type_, root=root)) from exc


def _open_envelope(data: object, file: str | Path | None) -> object:
    if not isinstance(data, dict) or "interviewkit" not in data or "anthology" not in data:
        raise InvalidInputError(
            file,
            [
                "not an interviewkit document: expected an object with the keys "
                "'interviewkit' (the schema version) and 'anthology'"
            ],
            hint="write it with 'interviewkit build SOURCE -f json' or interviewkit.dumps()",
        )
    extra = sorted(set(data) - {"interviewkit", "anthology"})
    if extra:
        raise InvalidInputError(
            file,
            [
                f"unknown top-level field {extra[0]!r}: the envelope holds only "
                "'interviewkit' and 'anthology'"
            ],
        )
    version = data["interviewkit"]
    if not isinstance(version, str):
        raise InvalidInputError(
            file, [f"interviewkit: expected the schema version as text, got {version!r}"]
        )
    if version == SCHEMA_VERSION:
        return data["anthology"]
    migrated = migrate(data["anthology"], version, SCHEMA_VERSION)
    if migrated is None:
        raise SchemaVersionError(file, version, SCHEMA_VERSION)
    return migrated


def dumps(anthology: Anthology) -> str:
    """Serialize an anthology to canonical JSON text.

    .. versionadded:: 0.1
    """
    return dump_bytes(anthology).decode("utf-8")


def dump_bytes(anthology: Anthology) -> bytes:
    """Serialize an anthology to canonical JSON, UTF-8 encoded: the bytes of a ``.json`` file.

    Faster than ``dumps(...).encode()`` for files, which is what the ``json`` format writes.

    .. versionadded:: 0.1
    """
    return orjson.dumps(unstructure(anthology), option=_DUMP_OPTIONS)


def loads(text: str | bytes, *, file: str | Path | None = None) -> Anthology:
    """Read canonical JSON text (any schema version this interviewkit can migrate).

    Text holding a control character, a noncharacter or a lone surrogate (raw or escaped) is
    refused with its line or its field, like every other source; escaped carriage returns are
    normalised to line feeds.

    :param file: the file the text came from, named in error messages.

    .. versionadded:: 0.1
    """
    raw = _utf8(text, file)
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        decode_utf8(raw, file)  # orjson does not say where a bad byte is
        raise InvalidInputError(
            file,
            [f"line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})"],
            hint="fix the JSON syntax at that place (a missing comma or quote is the usual cause)",
        ) from exc
    if may_hold_bad_bytes(raw):  # checked here too, so that clean files skip the decoding
        refuse_bad_characters(raw, raw.decode("utf-8"), file)
    if json_may_escape_bad_text(raw):
        # Only a file with such an escape pays for this walk over every value.
        problems = [p.removeprefix("anthology.") for p in bad_text_in_data(data)]
        if problems:
            raise InvalidInputError(file, problems, hint=BAD_TEXT_HINT)
    return structure(data, file=file)


_BOM = b"\xef\xbb\xbf"


def _utf8(text: str | bytes, file: str | Path | None) -> bytes:
    """The UTF-8 bytes of ``text`` (orjson reads bytes as fast as text), without a BOM."""
    if isinstance(text, bytes):
        return text.removeprefix(_BOM)
    try:
        return text.removeprefix("\ufeff").encode("utf-8")
    except UnicodeEncodeError as exc:
        line, column = position(text, exc.start)
        raise InvalidInputError(
            file,
            [f"line {line}, column {column}: {describe_char(text[exc.start])} is not allowed"],
            hint=BAD_TEXT_HINT,
        ) from None
