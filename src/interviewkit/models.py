"""The typed model of an interview anthology.

Every class is a frozen, slotted, keyword-only attrs value type, validated on construction: an
object that exists is a valid one, so exporters never re-check what the model guarantees.  The
model holds no I/O, no JSON and no templates; :mod:`interviewkit.serialization` turns it into the
canonical JSON and back, and the importers build it from authoring folders.

Change a value with :func:`attrs.evolve`, which validates again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from interviewkit._validators import (
    language_tag,
    link_kind,
    non_blank,
    non_blank_rich,
    one_line_items,
    optional_language_tag,
    optional_non_blank,
    optional_url,
    relative_path,
    series_number,
    slug,
    unique_portrait_ids,
    url,
)
from interviewkit.richtext import RichText

__all__ = [
    "LINK_KINDS",
    "SECTION_KINDS",
    "Anthology",
    "Exchange",
    "Image",
    "Interview",
    "Link",
    "Part",
    "Person",
    "Portrait",
    "RelatedPortrait",
    "Section",
    "Series",
]

#: The kinds of :class:`Link`; renderers pick icons and labels from them.
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

#: The kinds of :class:`Section`; they decide where a section goes in a book (landmarks, order).
SECTION_KINDS = frozenset(
    {
        "preface",
        "introduction",
        "foreword",
        "acknowledgements",
        "reading-list",
        "about",
        "other",
    }
)


@attrs.frozen(kw_only=True)
class Link:
    """A labelled link: where to follow someone, an article of the reading list.

    .. versionadded:: 0.1
    """

    label: str = attrs.field(validator=non_blank)
    """The text shown for the link ("Facebook", "@maude_lvg", an article's title)."""
    url: str = attrs.field(validator=url)
    """An absolute ``http``, ``https`` or ``mailto`` URL with a real host name (IDNA for
    international ones) and no space, quote, angle bracket, backtick, backslash or control
    character: checked here, once, so that no exporter or plugin writes an unsafe ``href``."""
    kind: str = attrs.field(default="website", validator=link_kind)
    """One of :data:`LINK_KINDS`."""


@attrs.frozen(kw_only=True)
class Image:
    """An image from the anthology folder, with the alt text every accessible book needs.

    .. versionadded:: 0.1
    """

    path: str = attrs.field(validator=relative_path)
    """POSIX path relative to the anthology folder (``images/maude.png``); never leaves it."""
    alt: str = attrs.field(validator=non_blank)
    """Text alternative read by screen readers; required."""
    caption: RichText | None = None
    """Optional caption shown under the image."""
    credit: str | None = attrs.field(default=None, validator=optional_non_blank)
    """Photographer or illustrator credit."""


@attrs.frozen(kw_only=True)
class Person:
    """A subject, an interviewer or an editor.

    .. versionadded:: 0.1
    """

    name: str = attrs.field(validator=non_blank)
    """Full name as it should be printed."""
    role: str | None = attrs.field(default=None, validator=optional_non_blank)
    """What they do ("gestionnaire de communauté", "luthier")."""
    affiliations: tuple[str, ...] = attrs.field(default=(), validator=one_line_items)
    """Organisations they work for or with, in the order given."""
    bio: RichText | None = None
    """A short biography."""
    links: tuple[Link, ...] = ()
    """Their web presence."""
    photo: Image | None = None
    """A portrait photo."""


@attrs.frozen(kw_only=True)
class Series:
    """The series an anthology belongs to (for ``belongs-to-collection`` and title pages).

    .. versionadded:: 0.1
    """

    name: str = attrs.field(validator=non_blank)
    """Name of the series."""
    number: int | None = attrs.field(default=None, validator=series_number)
    """Position of this anthology in the series (0 to 100000)."""


@attrs.frozen(kw_only=True)
class Exchange:
    """One question and its answer.

    .. versionadded:: 0.1
    """

    question: RichText = attrs.field(validator=non_blank_rich)
    """The question, inline CommonMark (never empty)."""
    answer: RichText = RichText()
    """The answer, block CommonMark (paragraphs, lists, links). May be empty (a closing thanks)."""
    asker: str | None = attrs.field(default=None, validator=optional_non_blank)
    """Who asks, for interviews with more than two voices."""
    speaker: str | None = attrs.field(default=None, validator=optional_non_blank)
    """Who answers, for interviews with more than two voices."""


def _check_parts(
    instance: Interview, attribute: attrs.Attribute[Any], value: tuple[Part, ...]
) -> None:
    from interviewkit.errors import ModelError

    previous = -1
    for number, part in enumerate(value):
        if number and part.start == previous:
            raise ModelError(
                "Interview",
                f"parts[{number - 1}]",
                f"part {value[number - 1].title!r} has no questions",
                hint="add '## question' headings under the part, or remove its '# title'",
            )
        if part.start < max(previous, 0):
            raise ModelError(
                "Interview",
                f"parts[{number}]",
                f"part {part.title!r} starts at exchange {part.start}, not after the previous part",
                hint="list parts in order, each starting at a later exchange",
            )
        if part.start >= len(instance.exchanges):
            raise ModelError(
                "Interview",
                f"parts[{number}]",
                f"part {part.title!r} starts at exchange {part.start} but the interview has "
                f"{len(instance.exchanges)} exchanges, so the part has no questions",
                hint="add '## question' headings under the part, or remove its '# title'",
            )
        previous = part.start


@attrs.frozen(kw_only=True)
class Part:
    """A titled group of exchanges inside an interview.

    Parts mark where they start rather than holding their exchanges, so that every exchange keeps
    one stable address (``interview.exchanges[12]``) whether or not the interview has parts.

    .. versionadded:: 0.1
    """

    title: str = attrs.field(validator=non_blank)
    """Heading of the part."""
    start: int
    """Index in :attr:`Interview.exchanges` of the part's first exchange."""


@attrs.frozen(kw_only=True)
class Interview:
    """The questions and answers of a portrait, optionally grouped in titled parts.

    .. versionadded:: 0.1
    """

    exchanges: tuple[Exchange, ...] = ()
    """Every exchange, in reading order."""
    parts: tuple[Part, ...] = attrs.field(default=(), validator=_check_parts)
    """Titled parts; exchanges before the first part belong to no part."""

    def grouped(self) -> Iterator[tuple[Part | None, tuple[Exchange, ...]]]:
        """Yield ``(part, exchanges)`` in order; ``part`` is ``None`` for the untitled opening."""
        starts = [part.start for part in self.parts]
        first = starts[0] if starts else len(self.exchanges)
        if first:
            yield None, self.exchanges[:first]
        for index, part in enumerate(self.parts):
            end = starts[index + 1] if index + 1 < len(starts) else len(self.exchanges)
            yield part, self.exchanges[part.start : end]


@attrs.frozen(kw_only=True)
class RelatedPortrait:
    """Another portrait of the series, listed after an interview.

    When :attr:`portrait` names a portrait of the same anthology, outputs link to it inside the
    book; otherwise :attr:`url` (if any) is used.

    .. versionadded:: 0.1
    """

    name: str = attrs.field(validator=non_blank)
    """The subject of the other portrait."""
    affiliation: str | None = attrs.field(default=None, validator=optional_non_blank)
    """Their organisation, as listed by the series."""
    portrait: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    """Id of that portrait when it is part of this anthology."""
    url: str | None = attrs.field(default=None, validator=optional_url)
    """Where that portrait was published, when it is not in this anthology; checked like
    :attr:`Link.url`."""


@attrs.frozen(kw_only=True)
class Portrait:
    """One published interview with one subject.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=slug)
    """Lowercase slug, unique in the anthology; used for file names and anchors."""
    title: str = attrs.field(validator=non_blank)
    """The portrait's title as published."""
    subject: Person
    """The person interviewed."""
    interview: Interview
    """The questions and answers."""
    lede: RichText = RichText()
    """The introduction before the first question."""
    interviewer: Person | None = None
    """Who asked the questions; defaults to the anthology's first editor."""
    date: dt.date | None = None
    """When the interview was first published."""
    source: str | None = attrs.field(default=None, validator=optional_url)
    """URL where the interview was first published; checked like :attr:`Link.url`."""
    language: str | None = attrs.field(default=None, validator=optional_language_tag)
    """BCP 47 tag when the portrait's language differs from the anthology's."""
    handle_platform: str | None = attrs.field(default=None, validator=optional_non_blank)
    """Platform that ``@handles`` and ``#hashtags`` refer to; overrides the anthology's."""
    photo: Image | None = None
    """An illustration of the portrait (the subject's own photo is ``subject.photo``)."""
    follow: tuple[Link, ...] = ()
    """Where to follow the subject."""
    related: tuple[RelatedPortrait, ...] = ()
    """Other portraits of the series."""
    reading: tuple[Link, ...] = ()
    """A reading list."""
    tags: tuple[str, ...] = attrs.field(default=(), validator=one_line_items)
    """Free keywords."""


@attrs.frozen(kw_only=True)
class Section:
    """A piece of front or back matter: preface, series introduction, acknowledgements.

    .. versionadded:: 0.1
    """

    id: str = attrs.field(validator=slug)
    """Slug used for file names and anchors; unique among sections."""
    title: str = attrs.field(validator=non_blank)
    """Heading of the section."""
    kind: str = attrs.field(default="other")
    """One of :data:`SECTION_KINDS`."""
    body: RichText = RichText()
    """The text, block CommonMark."""

    @kind.validator
    def _check_kind(self, attribute: attrs.Attribute[Any], value: str) -> None:
        from interviewkit.errors import ModelError

        if value not in SECTION_KINDS:
            raise ModelError(
                "Section",
                "kind",
                f"{value!r} is not a section kind",
                hint=f"use one of {', '.join(sorted(SECTION_KINDS))}",
            )


@attrs.frozen(kw_only=True)
class Anthology:
    """A book of portraits: the unit every exporter turns into one EPUB, PDF, site or JSON file.

    .. versionadded:: 0.1
    """

    title: str = attrs.field(validator=non_blank)
    """Title of the book."""
    language: str = attrs.field(validator=language_tag)
    """BCP 47 tag of the book (``fr-CA``, ``en``)."""
    subtitle: str | None = attrs.field(default=None, validator=optional_non_blank)
    """Subtitle."""
    editors: tuple[Person, ...] = ()
    """Who edited the series; the first one is the default interviewer."""
    publisher: str | None = attrs.field(default=None, validator=optional_non_blank)
    """Publisher's name."""
    identifier: str | None = attrs.field(default=None, validator=optional_non_blank)
    """ISBN or URN; a stable id is derived from the content when absent."""
    date: dt.date | None = None
    """Publication date; also the build date when ``SOURCE_DATE_EPOCH`` is not set."""
    rights: str | None = attrs.field(default=None, validator=optional_non_blank)
    """Copyright statement."""
    description: RichText | None = None
    """Blurb for stores and catalogues."""
    series: Series | None = None
    """The series this book belongs to."""
    cover: Image | None = None
    """Cover image; a title cover is generated when absent."""
    handle_platform: str | None = attrs.field(default=None, validator=optional_non_blank)
    """Platform that ``@handles`` and ``#hashtags`` in answers refer to."""
    keywords: tuple[str, ...] = attrs.field(default=(), validator=one_line_items)
    """Subjects for catalogues."""
    front_matter: tuple[Section, ...] = ()
    """Sections before the portraits."""
    back_matter: tuple[Section, ...] = ()
    """Sections after the portraits."""
    portraits: tuple[Portrait, ...] = attrs.field(default=(), validator=unique_portrait_ids)
    """The portraits, in reading order; ids are unique."""

    def portrait(self, portrait_id: str) -> Portrait:
        """Return the portrait with this id; :class:`KeyError` when there is none."""
        for portrait in self.portraits:
            if portrait.id == portrait_id:
                return portrait
        raise KeyError(portrait_id)

    def interviewer_of(self, portrait: Portrait) -> Person | None:
        """The portrait's interviewer, falling back to the anthology's first editor."""
        if portrait.interviewer is not None:
            return portrait.interviewer
        return self.editors[0] if self.editors else None

    def language_of(self, portrait: Portrait) -> str:
        """The portrait's language, falling back to the anthology's."""
        return portrait.language or self.language
