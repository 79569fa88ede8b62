"""attrs validators of the model.

Each one raises :class:`~interviewkit.errors.ModelError` with a message that names the class and
field (``Link.url``), the value refused, and a hint that says how to write it correctly.  The
serialization layer adds the path in the document (``portraits[2].follow[0]``) in front.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from interviewkit._util.text import ONE_LINE_HINT, one_line_problem, one_line_suspect
from interviewkit._util.urls import url_problem
from interviewkit.errors import ModelError

if TYPE_CHECKING:
    from attrs import Attribute

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# RFC 5646 "well-formed" language tags (grandfathered irregular tags left out on purpose).
_LANGUAGE = re.compile(
    r"""^(?:
        (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})   # language (+ extlang)
        (?:-[a-z]{4})?                                # script
        (?:-(?:[a-z]{2}|[0-9]{3}))?                   # region
        (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*      # variants
        (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*           # extensions
        (?:-x(?:-[a-z0-9]{1,8})+)?                    # private use
      | x(?:-[a-z0-9]{1,8})+
    )$""",
    re.VERBOSE | re.IGNORECASE,
)

#: The kinds of :class:`~interviewkit.Link`; renderers pick icons and labels from them.  Defined
#: here, next to :func:`link_kind` that enforces it, so this module never imports the model (it
#: is the model that imports its validators); :mod:`interviewkit.model.models` re-exports it.
LINK_KINDS = frozenset(
    {
        "website",
        "blog",
        "article",
        "facebook",
        "twitter",
        "instagram",
        "linkedin",
        "youtube",
        "mastodon",
        "bluesky",
        "tiktok",
        "email",
        "other",
    }
)


def _refuse(instance: object, attribute: Attribute[Any], problem: str, hint: str) -> ModelError:
    return ModelError(type(instance).__name__, attribute.name, problem, hint=hint)


def slugify(text: str) -> str:
    """Turn any text into a slug (``"Julie Désormeaux"`` -> ``"julie-desormeaux"``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def non_blank(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse empty or whitespace-only text, and what a one-line field must never hold.

    Every one-line field (titles, names, labels, roles) is validated here, whatever the source
    (folder, JSON, Python code): control characters and noncharacters, and bidirectional
    controls that are not closed, which would reorder the text printed after the field.
    """
    if not value.strip():
        raise _refuse(
            instance,
            attribute,
            "must not be empty",
            hint=f"give the {attribute.name} a value, or remove the entry",
        )
    if one_line_suspect(value):
        problem = one_line_problem(value)
        if problem is not None:
            raise _refuse(instance, attribute, f"{value!r} {problem}", hint=ONE_LINE_HINT)


def optional_non_blank(instance: object, attribute: Attribute[Any], value: str | None) -> None:
    """Refuse empty text, accept ``None`` (leave the field out instead of writing ``""``)."""
    if value is not None:
        non_blank(instance, attribute, value)


def one_line_items(instance: object, attribute: Attribute[Any], value: Sequence[str]) -> None:
    """Refuse, in a list of short texts (affiliations, tags), what :func:`non_blank` refuses.

    Blank items are left alone (they were always accepted); only the characters are checked.
    """
    for index, item in enumerate(value):
        if isinstance(item, str) and one_line_suspect(item):
            problem = one_line_problem(item)
            if problem is not None:
                raise ModelError(
                    type(instance).__name__,
                    f"{attribute.name}[{index}]",
                    f"{item!r} {problem}",
                    hint=ONE_LINE_HINT,
                )


def non_blank_rich(instance: object, attribute: Attribute[Any], value: object) -> None:
    """Refuse rich text whose source is empty or whitespace only."""
    if not value.strip():  # type: ignore[attr-defined]
        raise _refuse(
            instance,
            attribute,
            "must not be empty",
            hint=f"write the {attribute.name}, or remove the exchange",
        )


def slug(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse ids that are not lowercase slugs; they become file names and anchors."""
    if not SLUG.match(value):
        suggestion = slugify(value)
        example = f" such as {suggestion!r}" if suggestion else ""
        raise _refuse(
            instance,
            attribute,
            f"{value!r} is not a valid id",
            hint=f"use lowercase letters, digits and single hyphens{example}",
        )


def is_language_tag(value: str) -> bool:
    """Whether ``value`` is a well-formed BCP 47 tag (what :func:`language_tag` accepts)."""
    return bool(_LANGUAGE.match(value))


def language_tag(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse strings that are not well-formed BCP 47 language tags."""
    if not _LANGUAGE.match(value):
        fixed = value.replace("_", "-")
        example = f" (did you mean {fixed!r}?)" if fixed != value and _LANGUAGE.match(fixed) else ""
        raise _refuse(
            instance,
            attribute,
            f"{value!r} is not a BCP 47 language tag{example}",
            hint="write a tag such as 'fr-CA', 'fr-FR' or 'en'",
        )


def optional_language_tag(instance: object, attribute: Attribute[Any], value: str | None) -> None:
    """Like :func:`language_tag`, accepting ``None``."""
    if value is not None:
        language_tag(instance, attribute, value)


def url(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse anything but absolute ``http(s)`` and ``mailto`` URLs (see :func:`url_problem`)."""
    found = url_problem(value)
    if found is not None:
        problem, hint = found
        raise _refuse(instance, attribute, f"{value!r} {problem}", hint=hint)


def optional_url(instance: object, attribute: Attribute[Any], value: str | None) -> None:
    """Like :func:`url`, accepting ``None``."""
    if value is not None:
        url(instance, attribute, value)


def link_kind(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse link kinds that renderers do not know."""
    if value not in LINK_KINDS:
        raise _refuse(
            instance,
            attribute,
            f"{value!r} is not a link kind",
            hint=f"use one of {', '.join(sorted(LINK_KINDS))}",
        )


def relative_path(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse paths that could leave the anthology folder or fetch something remote."""
    reason = ""
    if not value.strip():
        reason = "is empty"
    elif "://" in value or value.startswith(("data:", "file:")):
        reason = "is a URL; images must be files inside the anthology folder"
    elif value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
        reason = "is an absolute path"
    elif "\\" in value:
        reason = "uses backslashes"
    elif value != value.strip() or any(c in value for c in "\n\r\t"):
        reason = "has spaces at its ends or a line break inside"
    elif ".." in value.split("/"):
        reason = "leaves the anthology folder"
    if reason:
        raise _refuse(
            instance,
            attribute,
            f"{value!r} {reason}",
            hint="write a path relative to the anthology folder with '/', e.g. 'images/photo.jpg'",
        )


def unique_portrait_ids(instance: object, attribute: Attribute[Any], value: Sequence[Any]) -> None:
    """Refuse two portraits with the same id: ids name files and anchors."""
    counts = Counter(portrait.id for portrait in value)
    duplicates = sorted(portrait_id for portrait_id, count in counts.items() if count > 1)
    if duplicates:
        where = []
        for portrait_id in duplicates:
            positions = [str(n) for n, p in enumerate(value) if p.id == portrait_id]
            where.append(f"{portrait_id!r} (portraits {', '.join(positions)})")
        raise _refuse(
            instance,
            attribute,
            f"duplicate portrait id {'; '.join(where)}",
            hint="give every portrait its own id; in a folder, the id is the file name",
        )


def series_number(instance: object, attribute: Attribute[Any], value: int | None) -> None:
    """Refuse negative or absurdly large volume numbers (they must fit every output format)."""
    if value is not None and not 0 <= value <= 100_000:
        raise _refuse(
            instance,
            attribute,
            f"{value} is not a volume number",
            hint="give the position of the book in its series, from 0 to 100000",
        )


def optional_isbn13(instance: object, attribute: Attribute[Any], value: str | None) -> None:
    """Refuse anything but a valid ISBN-13 written in its compact form (13 digits).

    The model keeps one spelling so that equal books compare and serialize equal; every output
    prints it hyphenated with :func:`interviewkit.format_isbn`.
    """
    if value is None:
        return
    from stdnum import isbn

    problem = isbn_problem(value)
    if problem is not None:
        raise _refuse(instance, attribute, problem, ISBN_HINT)
    if value != isbn.compact(value):
        raise _refuse(
            instance,
            attribute,
            f"{value!r} is not in compact form",
            f"write it as {isbn.compact(value)!r} (authoring files may keep the hyphens)",
        )


ISBN_HINT = "write the 13-digit ISBN of this edition (978-… or 979-…), with or without hyphens"


def isbn_problem(value: str) -> str | None:
    """Why ``value`` is not a valid ISBN-13, or ``None``; hyphens and spaces are allowed."""
    from stdnum import isbn
    from stdnum.exceptions import ValidationError

    try:
        isbn.validate(value)
    except ValidationError as exc:
        return f"{value!r} is not a valid ISBN ({str(exc).rstrip('.').lower()})"
    if isbn.isbn_type(value) != "ISBN13":
        return f"{value!r} is an ISBN-10; write its ISBN-13 {isbn.format(isbn.to_isbn13(value))!r}"
    return None


def optional_license_id(instance: object, attribute: Attribute[Any], value: str | None) -> None:
    """Refuse a licence id that is not in the SPDX licence list (Creative Commons ids are)."""
    if value is None:
        return
    from interviewkit.model._licences import licence_problem

    problem = licence_problem(value)
    if problem is not None:
        raise _refuse(instance, attribute, problem[0], problem[1])


def unique_speaker_ids(instance: object, attribute: Attribute[Any], value: Sequence[Any]) -> None:
    """Refuse two speakers with the same id: questions and answers name them by id."""
    counts = Counter(speaker.id for speaker in value)
    duplicates = sorted(speaker_id for speaker_id, count in counts.items() if count > 1)
    if duplicates:
        raise _refuse(
            instance,
            attribute,
            f"duplicate speaker id {', '.join(map(repr, duplicates))}",
            hint="give every speaker of a portrait its own id (or its own label)",
        )
