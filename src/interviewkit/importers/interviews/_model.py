"""What an interview importer gives back, and what it is given."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

import attrs

from interviewkit.model.models import Portrait

__all__ = ["ImportOptions", "ImportedPortrait", "InterviewImporter", "ReviewNote"]


@attrs.frozen(kw_only=True)
class ReviewNote:
    """A decision the importer was unsure of, for a person to check.

    .. versionadded:: 0.2
    """

    where: str
    """``"portrait"`` (title, subject, the parts around the interview) or ``"exchanges[3]"``."""
    line: int | None
    """Line of the source the decision is about, when there is one."""
    message: str
    """What was decided and why it is uncertain."""

    def __str__(self) -> str:
        place = f"line {self.line}: " if self.line is not None else ""
        return f"{place}{self.message}"


@attrs.frozen(kw_only=True)
class ImportedPortrait:
    """One interview read from a published source, ready to be written for review.

    .. versionadded:: 0.2
    """

    portrait: Portrait
    """The portrait as recognised."""
    source: str
    """Where it came from, for messages (``blog.xml, post 'Title'``)."""
    notes: tuple[ReviewNote, ...] = ()
    """Every decision to check; each becomes an ``interviewkit-review`` mark in the file."""
    parts: tuple[str, ...] = ()
    """Parts recognised: ``title``, ``lede``, ``interview``, ``follow``, ``related``..."""
    dropped: tuple[str, ...] = ()
    """What was left out on purpose: comments, share buttons, a closing thank-you."""
    mode: str = ""
    """How the questions were marked in the source."""
    unlinked_reading: tuple[str, ...] = ()
    """Reading-list titles that came without a link (the model needs one; kept as comments)."""
    author: str | None = None
    """The post's author, when the source says (a WordPress export does)."""
    language_guess: str | None = None
    """The language the text looks like (``fr``, ``en``), when it is not written in the
    portrait because nothing shows the region: the book's language then applies."""

    def marks_by_part(self) -> dict[str, int]:
        """How many review marks concern each part: ``subject``, ``title``, ``questions``,
        ``closing``, ``parts`` (titled parts of the interview), ``links`` and ``other``.

        .. versionadded:: 0.2
        """
        counts: dict[str, int] = {}
        for note in self.notes:
            part = _part_of(note)
            counts[part] = counts.get(part, 0) + 1
        return counts


@attrs.frozen(kw_only=True)
class ImportOptions:
    """Choices for an import.

    .. versionadded:: 0.2
    """

    language: str | None = None
    """Language tag of the interviews (``fr-CA``); guessed from the text when not given."""
    category: str | None = None
    """WordPress export: only posts in this category (name or slug)."""
    tag: str | None = None
    """WordPress export: only posts with this tag (name or slug)."""


@runtime_checkable
class InterviewImporter(Protocol):
    """What a plugin provides to read published interviews of one kind of source.

    Registered with ``registry.add(...)`` in the ``interviewkit_register_importers`` hook, like
    the built-in ``text``, ``html``, ``markdown`` and ``wordpress`` importers.

    .. versionadded:: 0.2
    """

    name: ClassVar[str]
    """Short name, used by ``interviewkit import --from NAME``."""
    description: ClassVar[str]
    """One line for ``interviewkit formats``."""

    def detect(self, path: Path) -> bool:
        """Whether this importer reads ``path``; cheap (the name, the first bytes)."""
        ...

    def read(self, path: Path, options: ImportOptions) -> Sequence[ImportedPortrait]:
        """The interviews found in ``path``.

        Raise :class:`~interviewkit.errors.InvalidInputError` when the file cannot be read or
        holds no interview.
        """
        ...


def _part_of(note: ReviewNote) -> str:
    if note.where.startswith("exchanges["):
        return "questions"
    message = note.message
    for part, words in (
        ("subject", ("person interviewed", "subject")),
        ("title", ("title",)),
        ("closing", ("closing",)),
        ("parts", ("part of the interview",)),
        ("links", ("https://", "handle", "link", "reading-list")),
    ):
        if any(word in message for word in words):
            return part
    return "other"
