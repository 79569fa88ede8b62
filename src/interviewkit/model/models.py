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

from interviewkit.model._names import derived_sort_name
from interviewkit.model._validators import (
    LINK_KINDS,
    language_tag,
    link_kind,
    non_blank,
    non_blank_rich,
    one_line_items,
    optional_isbn13,
    optional_language_tag,
    optional_license_id,
    optional_non_blank,
    optional_url,
    relative_path,
    series_number,
    slug,
    unique_portrait_ids,
    unique_speaker_ids,
    url,
)
from interviewkit.model.back_matter import (
    ConcordanceSettings,
    IndexSettings,
    ReadingListSettings,
)
from interviewkit.model.richtext import RichText

__all__ = [
    "LINK_KINDS",
    "SECTION_KINDS",
    "Answer",
    "Anthology",
    "ConcordanceSettings",
    "Credits",
    "Exchange",
    "Image",
    "IndexSettings",
    "Interview",
    "Link",
    "Part",
    "Permission",
    "Person",
    "PhotoCredit",
    "Portrait",
    "Publication",
    "ReadingListSettings",
    "RelatedPortrait",
    "Section",
    "Series",
    "Speaker",
]

# LINK_KINDS, the kinds of Link, is imported above: it lives beside the validator that enforces
# it, in _validators, which must not import this module back.

#: The kinds of :class:`Section`; they decide where a section goes in a book (landmarks, order).
SECTION_KINDS = frozenset(
    {
        "preface",
        "introduction",
        "foreword",
        "acknowledgements",
        "reading-list",
        "about",
        "dedication",
        "epigraph",
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
    sort_name: str | None = attrs.field(default=None, validator=optional_non_blank)
    """How the name sorts in catalogues and the EPUB's ``file-as`` (``"Lévesque, Annie"``);
    derived from :attr:`name` when absent (see :attr:`file_as`).

    .. versionadded:: 0.2"""

    @property
    def file_as(self) -> str:
        """:attr:`sort_name`, or the name with its last word first (``"Ashby, Corentin"``)."""
        return self.sort_name or derived_sort_name(self.name)


@attrs.frozen(kw_only=True)
class Speaker:
    """A voice of an interview, declared once and named by :attr:`id` in its exchanges.

    Two-person interviews need no speakers: questions are the interviewer's, answers the
    subject's.  Declare speakers when more voices take part (two interviewers, a round table,
    an apprentice who interrupts), so that every question and answer says who speaks.

    .. versionadded:: 0.2
    """

    id: str = attrs.field(validator=slug)
    """Slug unique in the portrait; :attr:`Exchange.asker` and :attr:`Answer.speaker` use it."""
    name: str = attrs.field(validator=non_blank)
    """Full name (``"Dev Raghunathan"``)."""
    label: str | None = attrs.field(default=None, validator=optional_non_blank)
    """The short name printed before what they say (``"Dev"``); the name when absent."""
    role: str | None = attrs.field(default=None, validator=optional_non_blank)
    """What they do, or their part in the conversation ("apprentice")."""
    affiliations: tuple[str, ...] = attrs.field(default=(), validator=one_line_items)
    """Organisations they work for or with."""
    links: tuple[Link, ...] = ()
    """Their web presence."""
    sort_name: str | None = attrs.field(default=None, validator=optional_non_blank)
    """How the name sorts; derived from :attr:`name` when absent."""

    @property
    def shown(self) -> str:
        """What outputs print before their words: :attr:`label`, else :attr:`name`."""
        return self.label or self.name

    @property
    def file_as(self) -> str:
        """:attr:`sort_name`, or the name with its last word first."""
        return self.sort_name or derived_sort_name(self.name)


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
class Answer:
    """One person's answer to a question.

    .. versionadded:: 0.2
    """

    text: RichText = RichText()
    """Block CommonMark (paragraphs, lists, links)."""
    speaker: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    """Id of the :class:`Speaker` who answers; ``None`` for the portrait's subject in a
    two-person interview."""


@attrs.frozen(kw_only=True)
class Exchange:
    """One question and the answers to it: one in most interviews, several at a round table.

    .. versionchanged:: 0.2
       ``answer`` and ``speaker`` became :attr:`answers`, each with its speaker.
    """

    question: RichText = attrs.field(validator=non_blank_rich)
    """The question, inline CommonMark (never empty)."""
    answers: tuple[Answer, ...] = ()
    """The answers, in order; none when a question closes the interview unanswered."""
    asker: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    """Id of the :class:`Speaker` who asks; ``None`` for the interviewer of a two-person
    interview."""
    key: str | None = attrs.field(default=None, validator=attrs.validators.optional(slug))
    """The same key on questions of several portraits puts them together in the book's
    concordance, however differently they are worded (``{#key}`` on the line before the
    question in a portrait's Markdown).

    .. versionadded:: 0.3"""

    @property
    def answer(self) -> RichText:
        """All answers' text, joined by a blank line (for search and word counts)."""
        return RichText("\n\n".join(str(answer.text) for answer in self.answers if answer.text))


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
class Publication:
    """Where and when a portrait was first published.

    .. versionadded:: 0.2
    """

    title: str | None = attrs.field(default=None, validator=optional_non_blank)
    """The title it was published under, when it differs from the portrait's."""
    publication: str | None = attrs.field(default=None, validator=optional_non_blank)
    """The blog, magazine or site (``"Le Carnet des comptes"``)."""
    url: str | None = attrs.field(default=None, validator=optional_url)
    """Its address; checked like :attr:`Link.url`."""
    date: dt.date | None = None
    """Date of first publication."""

    def __attrs_post_init__(self) -> None:
        if self.title is None and self.publication is None and self.url is None:
            from interviewkit.errors import ModelError

            raise ModelError(
                "Publication",
                "url",
                "a first publication needs its address, its publication's name or its title",
                hint="add 'url: https://...' (or 'publication: ...'), or remove 'first_published'",
            )


@attrs.frozen(kw_only=True)
class Permission:
    """The permission or licence under which a portrait is reprinted.

    .. versionadded:: 0.2
    """

    text: str | None = attrs.field(default=None, validator=optional_non_blank)
    """The permission as granted ("Reprinted by kind permission of the author.")."""
    licence: str | None = attrs.field(default=None, validator=optional_license_id)
    """An SPDX licence id (Creative Commons ones included: ``CC-BY-4.0``)."""
    url: str | None = attrs.field(default=None, validator=optional_url)
    """The licence or permission's page; derived from :attr:`licence` when absent."""

    def __attrs_post_init__(self) -> None:
        if self.text is None and self.licence is None:
            from interviewkit.errors import ModelError

            raise ModelError(
                "Permission",
                "text",
                "a permission needs its text, its licence id, or both",
                hint="add 'licence: CC-BY-4.0' (an SPDX id) or 'text: ...' (the wording granted)",
            )

    @property
    def licence_url(self) -> str | None:
        """:attr:`url`, or the licence's canonical page (creativecommons.org, spdx.org)."""
        if self.url is not None or self.licence is None:
            return self.url
        from interviewkit.model._licences import licence_url

        return licence_url(self.licence)


@attrs.frozen(kw_only=True)
class PhotoCredit:
    """A photographer or illustrator credited for a portrait's pictures.

    .. versionadded:: 0.2
    """

    name: str = attrs.field(validator=non_blank)
    """Their name as printed."""
    detail: str | None = attrs.field(default=None, validator=optional_non_blank)
    """What they took ("portrait photos", "the workshop, in winter")."""
    sort_name: str | None = attrs.field(default=None, validator=optional_non_blank)
    """How the name sorts; derived when absent."""

    @property
    def file_as(self) -> str:
        """:attr:`sort_name`, or the name with its last word first."""
        return self.sort_name or derived_sort_name(self.name)


@attrs.frozen(kw_only=True)
class Credits:
    """Who may print a portrait, and whom to thank for it.

    .. versionadded:: 0.2
    """

    first_published: Publication | None = None
    """Where and when it was first published."""
    permission: Permission | None = None
    """The permission or licence it is reprinted under."""
    photos: tuple[PhotoCredit, ...] = ()
    """Photographers and illustrators."""

    def __bool__(self) -> bool:
        return bool(self.first_published or self.permission or self.photos)


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
    interviewers: tuple[Person, ...] | None = None
    """Who asked the questions.  ``None`` (absent) takes the anthology's
    :attr:`~Anthology.default_interviewers`; an empty tuple says "not named".  Never guessed
    from the editors.

    .. versionchanged:: 0.2
       Was ``interviewer``, which fell back to the first editor."""
    speakers: tuple[Speaker, ...] = attrs.field(default=(), validator=unique_speaker_ids)
    """The voices of an interview with more than two; exchanges name them by id.

    .. versionadded:: 0.2"""
    closing: RichText = RichText()
    """What ends the interview after the last answer: thanks, "propos recueillis par", a
    licence line (block CommonMark).

    .. versionadded:: 0.2"""
    credits: Credits = attrs.field(factory=Credits)
    """Where it was first published, the permission it is reprinted under, photo credits.

    .. versionadded:: 0.2"""
    date: dt.date | None = None
    """The interview's date, printed in its byline."""
    language: str | None = attrs.field(default=None, validator=optional_language_tag)
    """BCP 47 tag when the portrait's language differs from the anthology's; see
    :meth:`Anthology.language_of`."""
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

    def __attrs_post_init__(self) -> None:
        _check_voices(self)

    def speaker(self, speaker_id: str) -> Speaker:
        """The declared speaker with this id; :class:`KeyError` when there is none."""
        for speaker in self.speakers:
            if speaker.id == speaker_id:
                return speaker
        raise KeyError(speaker_id)

    def part_id(self, part: Part) -> str:
        """The anchor of one of the interview's titled parts: ``<id>-part<n>``.

        ``n`` counts the titled parts (:attr:`Interview.parts`) from 1; questions before the
        first part do not count, so adding an opening question does not move every part's
        address.  Every format (HTML, EPUB, PDF, Markdown, plugins) gives the part this one id,
        so a link to it lands on the same part whichever format the reader has.
        :class:`ValueError` when ``part`` is not one of this portrait's parts.

        .. versionadded:: 0.2
        """
        return f"{self.id}-part{self.interview.parts.index(part) + 1}"

    def question_id(self, number: int) -> str:
        """The anchor of the ``number``-th exchange (from 1, across parts): ``<id>-q<n>``.

        Like :meth:`part_id`, the one address every format gives that question.

        .. versionadded:: 0.2
        """
        return f"{self.id}-q{number}"


def _check_voices(portrait: Portrait) -> None:
    from interviewkit.errors import ModelError

    declared = {speaker.id for speaker in portrait.speakers}
    for number, exchange in enumerate(portrait.interview.exchanges):
        voices = [("asker", exchange.asker)] + [
            (f"answers[{index}].speaker", answer.speaker)
            for index, answer in enumerate(exchange.answers)
        ]
        for field, voice in voices:
            if voice is not None and voice not in declared:
                known = ", ".join(sorted(declared)) or "none"
                raise ModelError(
                    "Portrait",
                    f"interview.exchanges[{number}].{field}",
                    f"{voice!r} is not a declared speaker (declared: {known})",
                    hint="declare every voice once in the portrait's 'speakers'",
                )


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
    """Who edited the book (credited ``edt``; never taken for an interviewer)."""
    default_interviewers: tuple[Person, ...] = ()
    """The interviewers of every portrait that names none of its own (``interviewers`` absent).

    .. versionadded:: 0.2"""
    publisher: str | None = attrs.field(default=None, validator=optional_non_blank)
    """Publisher's name."""
    identifier: str | None = attrs.field(default=None, validator=optional_non_blank)
    """A URN or URI for the book when the EPUB edition has no ISBN; a stable id is derived from
    the content when both are absent."""
    isbn_epub: str | None = attrs.field(default=None, validator=optional_isbn13)
    """ISBN-13 of the EPUB edition, compact (13 digits).

    .. versionadded:: 0.2"""
    isbn_print: str | None = attrs.field(default=None, validator=optional_isbn13)
    """ISBN-13 of the print (PDF) edition, compact.

    .. versionadded:: 0.2"""
    legal_deposit: str | None = attrs.field(default=None, validator=optional_non_blank)
    """The legal-deposit line of the copyright page ("Dépôt légal : 2e trimestre 2026,
    Bibliothèque et Archives nationales du Québec").

    .. versionadded:: 0.2"""
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
    index: IndexSettings = attrs.field(factory=IndexSettings)
    """The generated index (``[index]``).

    .. versionadded:: 0.3"""
    concordance: ConcordanceSettings = attrs.field(factory=ConcordanceSettings)
    """The generated concordance of recurring questions (``[concordance]``).

    .. versionadded:: 0.3"""
    reading_list: ReadingListSettings = attrs.field(factory=ReadingListSettings)
    """The generated reading list (``[reading_list]``).

    .. versionadded:: 0.3"""

    def portrait(self, portrait_id: str) -> Portrait:
        """Return the portrait with this id; :class:`KeyError` when there is none."""
        for portrait in self.portraits:
            if portrait.id == portrait_id:
                return portrait
        raise KeyError(portrait_id)

    def interviewers_of(self, portrait: Portrait) -> tuple[Person, ...]:
        """The portrait's interviewers, or :attr:`default_interviewers` when it names none.

        .. versionadded:: 0.2
        """
        if portrait.interviewers is not None:
            return portrait.interviewers
        return self.default_interviewers

    def language_of(self, portrait: Portrait) -> str:
        """The portrait's language, falling back to the anthology's.

        A portrait tagged less specifically than the book (``fr`` in a ``fr-CA`` book) is in
        the book's language: the tag says "French", the book says which French, and its
        regional typography applies.
        """
        language = portrait.language
        if language is None:
            return self.language
        if self.language.lower().startswith(language.lower() + "-"):
            return self.language
        return language
