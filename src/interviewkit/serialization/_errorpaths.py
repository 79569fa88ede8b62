"""Turn cattrs validation errors into one line per problem, with the path in the document.

cattrs reports problems as nested exception groups annotated with field names and list indices.
Users get instead ``portraits[3].interview.exchanges[12].answer: expected text (CommonMark), got
a number`` and, for a misspelt field, ``portraits[0].subject.affiliation: unknown field (did you
mean 'affiliations'?)``.
"""

from __future__ import annotations

import difflib
import types
from typing import Any, Union, get_args, get_origin

import attrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)

from interviewkit.errors import ModelError

__all__ = ["describe_structure_error", "join_path"]


def join_path(path: str, step: str | int) -> str:
    """Append a field name or a list index to a dotted path."""
    if isinstance(step, int):
        return f"{path}[{step}]"
    return f"{path}.{step}" if path else step


def describe_structure_error(exc: BaseException, root_type: Any, *, root: str = "") -> list[str]:
    """Every problem inside ``exc`` as ``path: what is wrong (how to fix it)``.

    ``root`` names the whole document in a problem about it (``anthology`` in a JSON envelope);
    cattrs' own exception names never reach the user.
    """
    whole = root or "the document"
    lines: list[str] = []
    _walk(exc, "", root_type, lines, whole)
    name = getattr(root_type, "__name__", "the expected object")
    return lines or [f"{whole}: cannot be read as {name}"]


def _walk(exc: BaseException, path: str, expected: Any, lines: list[str], whole: str) -> None:
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            _walk(inner, join_path(path, note.index), note.type, lines, whole)
        for inner in without:
            _walk(inner, path, None, lines, whole)
    elif isinstance(exc, ClassValidationError):
        class_notes, class_without = exc.group_exceptions()
        for inner, attribute_note in class_notes:
            _walk(inner, join_path(path, attribute_note.name), attribute_note.type, lines, whole)
        for inner in class_without:
            _walk(inner, path, exc.cl, lines, whole)
    else:
        lines.extend(_describe_leaf(exc, path, expected, whole))


def _optional_of(expected: Any) -> Any:
    """``X`` for ``X | None`` (an optional nested object), else ``expected`` unchanged."""
    if get_origin(expected) in (Union, types.UnionType):
        options = [arg for arg in get_args(expected) if arg is not type(None)]
        if len(options) == 1:
            return options[0]
    return expected


def _describe_leaf(exc: BaseException, path: str, expected: Any, whole: str) -> list[str]:
    where = path or whole
    expected = _optional_of(expected)
    if isinstance(exc, ModelError):
        hint = f" ({exc.hint})" if exc.hint else ""
        return [f"{join_path(path, exc.field)}: {exc.problem}{hint}"]
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [field.name for field in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        parts = []
        for key in sorted(exc.extra_fields):
            close = difflib.get_close_matches(key, known, n=1)
            suggestion = f" (did you mean {close[0]!r}?)" if close else ""
            parts.append(f"{join_path(path, key)}: unknown field{suggestion}")
        if not any("did you mean" in p for p in parts) and known:
            parts = [p + f"; known fields: {', '.join(known)}" for p in parts]
        return parts
    if isinstance(exc, KeyError):
        return [f"{where}: required field missing"]
    if isinstance(exc, TypeError) and str(exc).startswith("expected"):
        return [f"{where}: {exc}"]
    if expected is not None and attrs.has(expected) and isinstance(exc, TypeError | AttributeError):
        return [f"{where}: expected an object with the fields of {expected.__name__}"]
    if isinstance(exc, TypeError | ValueError):
        return [f"{where}: {exc}"]
    return [f"{where}: invalid value ({exc})"]
