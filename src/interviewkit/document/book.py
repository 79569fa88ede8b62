"""The book document: an anthology resolved into what every format prints.

:func:`~interviewkit.build_document` makes one per build, from the anthology after
its steps: every text parsed into :mod:`~interviewkit.document.nodes` with its language's
typography, every generated phrase (the interviewers line, the French elisions, the credit
lines) worded from the gettext catalogues, every anchor (portrait, part, question) given the
id all formats share, every related portrait resolved to a link inside the book or out of it.
A format then only decides how it looks.  An exporter gets it from
:meth:`ExportContext.book_document <interviewkit.ExportContext.book_document>`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeAlias

import attrs

from interviewkit.document.nodes import Block, Inline

__all__ = [
    "AnswerDocument",
    "BookDocument",
    "ConcordanceDocument",
    "ConcordancePlace",
    "CreditLines",
    "EditorDocument",
    "ExchangeDocument",
    "ImageDocument",
    "IndexDocument",
    "IndexEntry",
    "IndexGroup",
    "Locator",
    "PartDocument",
    "PortraitDocument",
    "ReadingEntry",
    "ReadingListDocument",
    "RecurringQuestion",
    "Reference",
    "RichBlocks",
    "RichLine",
    "SectionDocument",
    "SourceEntry",
    "Voice",
]


@attrs.frozen
class RichBlocks:
    """A text of blocks (an answer, a lede), and the CommonMark it was read from.

    The ``source`` is for a format's ``raw_html`` option, which renders the author's HTML
    itself (sanitized); everything else uses :attr:`blocks`."""

    blocks: tuple[Block, ...]
    source: str = ""

    def __bool__(self) -> bool:
        return bool(self.blocks)


@attrs.frozen
class RichLine:
    """A text of one line (a question, a part title, a bio, a caption) and its source."""

    inlines: tuple[Inline, ...]
    source: str = ""

    def __bool__(self) -> bool:
        return bool(self.inlines)


@attrs.frozen(kw_only=True)
class Voice:
    """Who speaks: a speaker of the portrait, by id and by the label printed before the words."""

    id: str
    label: str


@attrs.frozen(kw_only=True)
class AnswerDocument:
    """One answer: its text and who gives it."""

    text: RichBlocks
    speaker: Voice | None
    """``None`` for the subject of a two-person interview (no label is printed)."""


@attrs.frozen(kw_only=True)
class ExchangeDocument:
    """A question and its answers."""

    id: str
    """The question's anchor (``<portrait>-q<n>``), the same in every format."""
    number: int
    """1-based, counted through the whole interview."""
    question: RichLine
    asker: Voice | None
    answers: tuple[AnswerDocument, ...]


@attrs.frozen(kw_only=True)
class PartDocument:
    """A titled part of an interview, or the questions before the first title."""

    id: str | None
    """``<portrait>-part<n>`` for a titled part; ``None`` for questions before the first."""
    title: RichLine | None
    exchanges: tuple[ExchangeDocument, ...]


@attrs.frozen(kw_only=True)
class Reference:
    """An entry of a portrait's lists (follow, related, reading), resolved.

    :attr:`target` is an address, the id of a portrait of this book (:attr:`kind`
    ``portrait``), or ``None`` for a name to print without a link."""

    label: str
    target: str | None
    kind: str
    """The model's kind of link (``website``, ``twitter``...), ``portrait``, or ``name``."""


@attrs.frozen(kw_only=True)
class ImageDocument:
    """An image by its path inside the anthology folder, with its typeset texts."""

    path: str
    alt: str
    caption: RichLine | None = None
    credit: str | None = None


@attrs.frozen(kw_only=True)
class CreditLines:
    """A portrait's credits as printed lines, the same in the portrait and on the sources page.

    Each line starts with its label ("First published: ..."), in the book's language."""

    first_published: tuple[Inline, ...] = ()
    permission: tuple[Inline, ...] = ()
    photos: tuple[Inline, ...] = ()

    @property
    def lines(self) -> tuple[tuple[Inline, ...], ...]:
        """The lines given, in this order."""
        return tuple(line for line in (self.first_published, self.permission, self.photos) if line)

    def __bool__(self) -> bool:
        return bool(self.lines)


@attrs.frozen(kw_only=True)
class EditorDocument:
    """An editor the book presents (one with a role or a bio): an "about the editors" entry."""

    name: str
    role: str | None
    bio: RichBlocks | None
    photo: ImageDocument | None


@attrs.frozen(kw_only=True)
class PortraitDocument:
    """One portrait: its subject, texts, interview, credits and lists, typeset in its language."""

    id: str
    number: int
    lang: str
    """The portrait's language (the book's unless it says otherwise)."""
    lang_differs: bool
    title: str
    subject: str
    role: str | None
    affiliations: tuple[str, ...]
    bio: RichLine | None
    photo: ImageDocument | None
    lede: RichBlocks
    parts: tuple[PartDocument, ...]
    closing: RichBlocks | None
    interviewers: tuple[str, ...]
    byline: str | None
    """"Interview by A and B · 11 April 2019", plain text (French ``1er`` without markup)."""
    date: str | None
    date_iso: str | None
    source: str | None
    """Where the portrait was first published."""
    credits: CreditLines
    follow_title: str
    follow: tuple[Reference, ...]
    related: tuple[Reference, ...]
    reading: tuple[Reference, ...]
    tags: tuple[str, ...]

    @property
    def exchanges(self) -> tuple[ExchangeDocument, ...]:
        return tuple(exchange for part in self.parts for exchange in part.exchanges)


@attrs.frozen(kw_only=True)
class SectionDocument:
    """A front- or back-matter section (a preface, a glossary)."""

    id: str
    title: str
    kind: str
    body: RichBlocks


@attrs.frozen(kw_only=True)
class SourceEntry:
    """One portrait on the generated "Sources and permissions" page."""

    portrait_id: str
    title: str
    lines: tuple[tuple[Inline, ...], ...]


# ------------------------------------------------------------ the generated back matter

#: What an index entry names.
EntryKind: TypeAlias = Literal["person", "organisation", "handle", "hashtag", "term"]


@attrs.frozen(kw_only=True)
class Locator:
    """A place of the book an entry points to: an anchor every format writes.

    In print it reads as a page number (a range when :attr:`whole` and the portrait runs over
    several pages); elsewhere as a link whose text is :attr:`label`.
    """

    target: str
    """The id of the place: a portrait, a question (``<portrait>-q<n>``), an indexed word
    (``<portrait>-m<n>``), a portrait's "other portraits" list (``<portrait>-related``)."""
    portrait_id: str | None
    """The portrait the place is in (``None`` for a section of the book)."""
    label: str
    """What a link to it says: the portrait's subject, or the section's title."""
    whole: bool = False
    """The place is the whole portrait (its subject's entry): print gives its page range."""
    heading: str | None = None
    """For a word of a text (``<portrait>-m<n>``): the id of the heading it is under (its
    question, part or portrait), for a format that has no anchor on a word."""


@attrs.frozen(kw_only=True)
class IndexEntry:
    """One heading of the index with its places, or its sub-entries (a person who is both a
    subject and mentioned elsewhere has one sub-entry per role)."""

    id: str
    """Unique in the book (``index-<n>``): the EPUB's index markup and links use it."""
    term: str
    """As printed: "Haddad-Morin, Leila", "Vélo Circuit", "@leila_hm", "#velo"."""
    kind: EntryKind
    note: str | None = None
    """A person's one role in the book ("portrait", "interviews", "mentions"), when they have
    one; with several, each is a sub-entry."""
    locators: tuple[Locator, ...] = ()
    subentries: tuple[IndexEntry, ...] = ()


@attrs.frozen(kw_only=True)
class IndexGroup:
    """The entries under one letter, by the book's language's alphabet (ICU)."""

    id: str
    letter: str
    entries: tuple[IndexEntry, ...]


@attrs.frozen(kw_only=True)
class IndexDocument:
    """The index: people, organisations, handles, hashtags and the terms marked in the texts,
    collated for the book's language."""

    id: str
    title: str
    groups: tuple[IndexGroup, ...]

    @property
    def entries(self) -> tuple[IndexEntry, ...]:
        """Every entry in order (sub-entries not included)."""
        return tuple(entry for group in self.groups for entry in group.entries)


@attrs.frozen(kw_only=True)
class ConcordancePlace:
    """One portrait's asking of a recurring question: who answers, where, and the answers."""

    portrait_id: str
    subject: str
    target: str
    """The question's id in that portrait (``<portrait>-q<n>``)."""
    lang: str
    question: RichLine
    """The question as this portrait words it."""
    answers: tuple[AnswerDocument, ...]


@attrs.frozen(kw_only=True)
class RecurringQuestion:
    """A question asked in several portraits: the same once normalised, alike enough
    (rapidfuzz), or given the same ``key``."""

    id: str
    question: RichLine
    """The wording most portraits use (the first of them in book order)."""
    lang: str
    key: str | None
    places: tuple[ConcordancePlace, ...]


@attrs.frozen(kw_only=True)
class ConcordanceDocument:
    """Same question, every answer."""

    id: str
    title: str
    intro: str
    answers: bool
    """Print the answers under each question (``[concordance] answers = true``)."""
    questions: tuple[RecurringQuestion, ...]


@attrs.frozen(kw_only=True)
class ReadingEntry:
    """One reading, recommended by one portrait or more."""

    id: str
    label: str
    target: str
    """The address, as the first portrait to recommend it wrote it."""
    recommended_by: tuple[Locator, ...]
    line: str
    """"Recommended by A and B", worded in the book's language."""


@attrs.frozen(kw_only=True)
class ReadingListDocument:
    """Every portrait's reading list in one, one entry per address."""

    id: str
    title: str
    entries: tuple[ReadingEntry, ...]


@attrs.frozen(kw_only=True)
class BookDocument:
    """The whole book, resolved.  Made by :func:`~interviewkit.build_document`.

    .. versionadded:: 0.3
    """

    title: str
    subtitle: str | None
    lang: str
    labels: Mapping[str, str]
    """Every generated word of the book's language, theme overrides applied
    (:func:`~interviewkit.labels_for`)."""
    handle_platform: str | None
    editors: tuple[str, ...]
    editor_notes: tuple[EditorDocument, ...]
    """The editors with a role or a bio, for a page about them (the EPUB has one)."""
    edited_by: str | None
    publisher: str | None
    rights: str | None
    identifier: str | None
    isbn_epub: str | None
    """"ISBN 978-2-… (EPUB)", hyphenated, worded by the labels."""
    isbn_print: str | None
    legal_deposit: str | None
    series: str | None
    date: tuple[Inline, ...]
    """The publication date (French ``1``:sup:`er`), empty when the book has none."""
    description: RichBlocks | None
    cover: ImageDocument | None
    keywords: tuple[str, ...]
    front_matter: tuple[SectionDocument, ...]
    portraits: tuple[PortraitDocument, ...]
    back_matter: tuple[SectionDocument, ...]
    sources_id: str
    """The id of the "Sources and permissions" page, unique among the sections."""
    sources: tuple[SourceEntry, ...]
    """The entries of that page, in book order; empty when no portrait has credits."""
    problems: tuple[str, ...] = ()
    """What was left out of a text (a refused link), by portrait or section id."""
    index: IndexDocument | None = None
    """The generated index; ``None`` when switched off or empty.

    .. versionadded:: 0.3"""
    concordance: ConcordanceDocument | None = None
    """The questions asked in several portraits; ``None`` when switched off or none recurs."""
    reading_list: ReadingListDocument | None = None
    """Every portrait's readings in one list; ``None`` when switched off or empty."""

    @property
    def details(self) -> tuple[str, ...]:
        """The book's facts as the title and copyright pages print them, one per line."""
        lines = [self.edited_by, self.series, self.publisher, self.rights]
        lines += [self.isbn_epub, self.isbn_print, self.legal_deposit]
        return tuple(line for line in lines if line)

    def portrait(self, ident: str) -> PortraitDocument:
        """The portrait with this id (:class:`KeyError` when the book has none)."""
        for portrait in self.portraits:
            if portrait.id == ident:
                return portrait
        raise KeyError(ident)
