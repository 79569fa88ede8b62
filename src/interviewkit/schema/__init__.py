"""The JSON Schema of the canonical format, derived from the model.

The schema is generated from the attrs classes (so it cannot drift from them) plus a table of
the constraints validators enforce (slugs, enums, non-blank text).  The generated schema is shipped
as ``interviewkit/schema/anthology-<version>.schema.json``; a test checks the shipped file equals
:func:`json_schema` and that real dumps validate against it.
"""

from __future__ import annotations

import datetime as dt
import types
from functools import cache
from importlib import resources
from typing import Any, Union, get_args, get_origin

import attrs
import orjson

from interviewkit.model import models
from interviewkit.model.richtext import RichText
from interviewkit.serialization import SCHEMA_VERSION

__all__ = ["SCHEMA_ID", "json_schema", "shipped_schema"]

SCHEMA_ID = f"https://interviewkit.invalid/schema/anthology-{SCHEMA_VERSION}.schema.json"

_NON_BLANK = {"type": "string", "pattern": r"\S"}
_SLUG = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
# Looser than the model's check (no IDNA, ports or labels), but it refuses the characters that
# no URL may hold anywhere: white space, quotes, angle brackets, backticks and backslashes.
# (JSON Schema patterns have no flags: the scheme is matched in any case by hand.)
_URL = {
    "type": "string",
    "pattern": (
        r"^([Hh][Tt][Tt][Pp][Ss]?://[^\s/\"'<>`\\]+\.[^\s\"'<>`\\]+"
        r"|[Mm][Aa][Ii][Ll][Tt][Oo]:[^\s\"'<>`\\]+@[^\s\"'<>`\\]+)$"
    ),
}
# Looser than the model's RFC 5646 check, but it must accept every tag the model accepts,
# private-use tags ("x-...") included.
_LANGUAGE = {"type": "string", "pattern": r"^([A-Za-z]{2,8}|[Xx])(-[A-Za-z0-9]{1,8})*$"}
# Compact ISBN-13 (the check digit is the model's to verify).
_ISBN = {"type": "string", "pattern": r"^97[89][0-9]{10}$"}
_RELATIVE_PATH = {
    "type": "string",
    "pattern": r"^(?![/\\])(?![A-Za-z]:)(?!.*://)(?!(.*/)?\.\.(/|$))\S(.*\S)?$",
}

#: Constraints beyond the types, as enforced by the model's validators.
_CONSTRAINTS: dict[str, dict[str, Any]] = {
    "Link.label": _NON_BLANK,
    "Link.url": _URL,
    "Link.kind": {"enum": sorted(models.LINK_KINDS)},
    "Image.path": _RELATIVE_PATH,
    "Image.alt": _NON_BLANK,
    "Person.name": _NON_BLANK,
    "Series.name": _NON_BLANK,
    "Series.number": {"type": "integer", "minimum": 0, "maximum": 100_000},
    "Exchange.question": _NON_BLANK,
    "Part.title": _NON_BLANK,
    "Part.start": {"type": "integer", "minimum": 0},
    "RelatedPortrait.name": _NON_BLANK,
    "RelatedPortrait.portrait": _SLUG,
    "RelatedPortrait.url": _URL,
    "Portrait.id": _SLUG,
    "Portrait.title": _NON_BLANK,
    "Speaker.id": _SLUG,
    "Speaker.name": _NON_BLANK,
    "Answer.speaker": _SLUG,
    "Exchange.asker": _SLUG,
    "Exchange.key": _SLUG,
    "Publication.url": _URL,
    "Permission.url": _URL,
    "PhotoCredit.name": _NON_BLANK,
    "Portrait.language": _LANGUAGE,
    "Section.id": _SLUG,
    "Section.title": _NON_BLANK,
    "Section.kind": {"enum": sorted(models.SECTION_KINDS)},
    "Anthology.title": _NON_BLANK,
    "Anthology.language": _LANGUAGE,
    "Anthology.isbn_epub": _ISBN,
    "Anthology.isbn_print": _ISBN,
    "IndexSettings.title": _NON_BLANK,
    "ConcordanceSettings.title": _NON_BLANK,
    "ConcordanceSettings.min_portraits": {"type": "integer", "minimum": 2, "maximum": 100_000},
    "ConcordanceSettings.similarity": {"type": "integer", "minimum": 50, "maximum": 100},
    "ReadingListSettings.title": _NON_BLANK,
    "ReadingListSettings.min_portraits": {"type": "integer", "minimum": 1, "maximum": 100_000},
}


def _schema_of(type_: Any, owner: str, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(type_)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(type_) if arg is not type(None)]
        inner = _schema_of(options[0], owner, definitions)
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _schema_of(get_args(type_)[0], owner, definitions)}
    if type_ is str:
        return {"type": "string"}
    if type_ is bool:
        return {"type": "boolean"}
    if type_ is int:
        return {"type": "integer"}
    if type_ is RichText:
        return {"type": "string", "description": "CommonMark source"}
    if type_ is dt.date:
        return {"type": "string", "format": "date"}
    if attrs.has(type_):
        _define(type_, definitions)
        return {"$ref": f"#/$defs/{type_.__name__}"}
    raise TypeError(f"no JSON Schema for {type_!r}")  # pragma: no cover - a new model type


def _define(cls: type[Any], definitions: dict[str, Any]) -> None:
    if cls.__name__ in definitions:
        return
    definitions[cls.__name__] = {}  # placeholder against recursion
    attrs.resolve_types(cls)
    properties = {}
    for field in attrs.fields(cls):
        schema = _schema_of(field.type, cls.__name__, definitions)
        constraint = _CONSTRAINTS.get(f"{cls.__name__}.{field.name}")
        if constraint is not None:
            if "anyOf" in schema:
                schema = {"anyOf": [{**schema["anyOf"][0], **constraint}, {"type": "null"}]}
            else:
                schema = {**schema, **constraint}
        properties[field.name] = schema
    required = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    doc = (cls.__doc__ or "").strip().splitlines()[0]
    definitions[cls.__name__] = {
        "type": "object",
        "description": doc,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the canonical JSON envelope.

    .. versionadded:: 0.1
    """
    definitions: dict[str, Any] = {}
    _define(models.Anthology, definitions)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "interviewkit anthology",
        "description": "Canonical JSON of an interviewkit anthology "
        f"(schema version {SCHEMA_VERSION}).",
        "type": "object",
        "properties": {
            "interviewkit": {"const": SCHEMA_VERSION},
            "anthology": {"$ref": "#/$defs/Anthology"},
        },
        "required": ["interviewkit", "anthology"],
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


def json_schema_text() -> str:
    """The schema as the text of the shipped file."""
    return orjson.dumps(
        json_schema(), option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
    ).decode()


def shipped_schema() -> str:
    """The schema file shipped in the package."""
    return (
        resources.files("interviewkit")
        .joinpath(f"schema/anthology-{SCHEMA_VERSION}.schema.json")
        .read_text(encoding="utf-8")
    )
