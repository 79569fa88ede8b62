"""The back matter the book makes from its own data: an index, a concordance, a reading list.

They are parts of the :class:`~interviewkit.BookDocument` (``index``, ``concordance``,
``reading_list``), built once with it, so every format prints the same entries in the same
order: a format only decides how a :class:`Locator` reads (a page number in print, a link
elsewhere).  ``anthology.toml`` switches each part off or retitles it
(:class:`~interviewkit.IndexSettings` and its siblings).

.. versionadded:: 0.3
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import attrs

from interviewkit.document.book import AnswerDocument, RichLine

__all__ = [
    "ConcordanceDocument",
    "ConcordancePlace",
    "IndexDocument",
    "IndexEntry",
    "IndexGroup",
    "Locator",
    "ReadingEntry",
    "ReadingListDocument",
    "RecurringQuestion",
]

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
