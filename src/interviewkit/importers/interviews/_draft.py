"""What recognition finds in one interview, before it becomes a portrait: the draft types.

:mod:`._recognise` fills a :class:`Draft`; :mod:`._endings` and :mod:`._subject` read and
complete it; :mod:`._draft_portrait` turns it into a portrait with its review notes.
"""

from __future__ import annotations

import attrs

from interviewkit.importers.interviews._blocks import Block
from interviewkit.model.models import Link, RelatedPortrait

__all__ = ["Draft", "DraftExchange", "Note"]


@attrs.frozen
class Note:
    """A decision of the importer that a person should check."""

    line: int | None
    message: str


@attrs.define
class DraftExchange:
    """A question block and the blocks of its answer."""

    question: Block
    answer: list[Block]
    notes: list[Note] = attrs.Factory(list)
    asker: str | None = None
    """The name of the speaker who asks, when turns are labelled."""
    voices: list[tuple[int, str]] = attrs.Factory(list)
    """``(index in answer, speaker name)`` where a labelled answer starts."""


@attrs.define
class Draft:
    """What recognition found in one interview, before it becomes a portrait."""

    language: str
    title: str | None = None
    subject: str | None = None
    lede: list[Block] = attrs.Factory(list)
    exchanges: list[DraftExchange] = attrs.Factory(list)
    follow: tuple[Link, ...] = ()
    related: tuple[RelatedPortrait, ...] = ()
    reading: tuple[Link, ...] = ()
    reading_titles: tuple[str, ...] = ()
    parts: list[str] = attrs.Factory(list)
    """Parts recognised, in reading order: ``title``, ``lede``, ``follow``..."""
    dropped: list[str] = attrs.Factory(list)
    """What was left out on purpose (comments, share buttons, a closing thank-you)."""
    notes: list[Note] = attrs.Factory(list)
    """Notes about the portrait as a whole (title, subject, parts)."""
    mode: str = ""
    """How the questions were marked (``"Q/A prefixes"``, ``"speaker labels"``...)."""
    trailing_text: list[str] = attrs.Factory(list)
    """Text of the parts after the interview (a follow header names the subject)."""
    speakers: list[str] = attrs.Factory(list)
    """Names of the labelled voices, in order of first appearance."""
    closing: list[Block] = attrs.Factory(list)
    """What ends the interview after the last answer: thanks, credits, notices."""
    sender: str | None = None
    """The name in an e-mail's "From:" header: who wrote the answers."""
    sections: list[tuple[int, str]] = attrs.Factory(list)
    """``(index of the first exchange, title)`` of each titled part of the interview."""
