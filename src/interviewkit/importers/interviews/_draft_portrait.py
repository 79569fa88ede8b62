"""A recognised draft becomes a :class:`~interviewkit.Portrait` and its review notes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from interviewkit.importers.interviews._blocks import Block
from interviewkit.importers.interviews._draft import Draft, DraftExchange
from interviewkit.importers.interviews._model import ImportedPortrait, ReviewNote
from interviewkit.importers.interviews._subject import full_names
from interviewkit.model._validators import slugify
from interviewkit.model.models import (
    Answer,
    Credits,
    Exchange,
    Interview,
    Part,
    Person,
    Portrait,
    Publication,
    Speaker,
)
from interviewkit.model.richtext import RichText

__all__ = ["to_imported"]

_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$")
_HANDLE_LINE = re.compile(r"^@\w+")
#: Labels that stand for the interviewer without naming anyone.
_GENERIC_ASKERS = frozenset(
    {"interviewer", "intervieweur", "intervieweuse", "journaliste", "question", "q", "moi", "me"}
)
_SHORT_PAIR = re.compile(r"^[^:]{1,40}\s?:\s?\S.{0,50}$")


def to_imported(
    draft: Draft,
    *,
    source: str,
    url: str | None = None,
    date: dt.date | None = None,
    tags: Sequence[str] = (),
    language: str | None = None,
    author: str | None = None,
) -> ImportedPortrait:
    """The portrait of ``draft``, with every note placed where a reviewer will look for it."""
    subject = draft.subject or "?"
    notes = [ReviewNote(where="portrait", line=n.line, message=n.message) for n in draft.notes]
    mentioned = full_names(
        [draft.title or "", *(b.text for b in draft.lede), *(b.text for b in draft.closing)]
    )
    speakers = _speakers(draft.speakers, subject, mentioned)
    exchanges = []
    for number, exchange in enumerate(draft.exchanges):
        question = exchange.question.markdown.strip() or exchange.question.text
        exchanges.append(
            Exchange(
                question=RichText(question),
                answers=_voiced_answers(exchange, speakers),
                asker=speakers.get(exchange.asker or ""),
            )
        )
        notes.extend(
            ReviewNote(where=f"exchanges[{number}]", line=n.line, message=n.message)
            for n in exchange.notes
        )
    portrait = Portrait(
        id=slugify(subject if draft.subject else (draft.title or "portrait")) or "portrait",
        title=draft.title or subject,
        subject=Person(name=subject),
        interviewers=_interviewers(author, exchanges, speakers),
        interview=Interview(exchanges=tuple(exchanges), parts=_parts(draft, len(exchanges))),
        speakers=tuple(speakers.values_as_speakers()),
        lede=RichText(answer_markdown(draft.lede)),
        closing=RichText(answer_markdown(draft.closing)),
        date=date,
        credits=Credits(first_published=Publication(url=url)) if url else Credits(),
        language=language,
        follow=draft.follow,
        related=draft.related,
        reading=draft.reading,
        tags=tuple(dict.fromkeys(tags)),
    )
    return ImportedPortrait(
        portrait=portrait,
        source=source,
        notes=tuple(notes),
        parts=tuple(dict.fromkeys(draft.parts)),
        dropped=tuple(draft.dropped),
        mode=draft.mode,
        unlinked_reading=draft.reading_titles,
        author=author,
        language_guess=None if language else draft.language,
    )


def answer_markdown(blocks: Sequence[Block]) -> str:
    """Markdown of an answer: paragraphs, and runs of list-like lines as bullet lists.

    Copied text loses its list markup; a run of two or more lines that are each a URL, an
    ``@handle`` with its sentence, or a short ``Label : value`` pair is turned back into a list.
    """
    chunks: list[str] = []
    index = 0
    while index < len(blocks):
        run = _list_run(blocks, index)
        if run:
            chunks.append(
                "\n".join(
                    f"{b.number}. {b.markdown}" if b.number is not None else f"- {b.markdown}"
                    for b in blocks[index : index + run]
                )
            )
            index += run
        else:
            chunks.append(blocks[index].markdown)
            index += 1
    return "\n\n".join(chunk for chunk in chunks if chunk.strip())


def _list_run(blocks: Sequence[Block], start: int) -> int:
    if blocks[start].kind == "item":
        end = start
        while end < len(blocks) and blocks[end].kind == "item":
            end += 1
        return end - start
    for pattern in (_URL_LINE, _HANDLE_LINE, _SHORT_PAIR):
        end = start
        while (
            end < len(blocks)
            and blocks[end].kind == "paragraph"
            and pattern.match(blocks[end].text)
            and (pattern is not _SHORT_PAIR or blocks[end].text[-1:] not in ".?!")
        ):
            end += 1
        if end - start >= 2:
            return end - start
    return 0


def _interviewers(
    author: str | None, exchanges: Sequence[Exchange], speakers: _Voices
) -> tuple[Person, ...] | None:
    """Who asked: the post's author, or the named voices that ask; absent when unknown (the
    book's default then applies)."""
    if author:
        return (Person(name=author),)
    asking = dict.fromkeys(exchange.asker for exchange in exchanges if exchange.asker)
    by_id = {speaker.id: speaker for speaker in speakers.values_as_speakers()}
    named = [by_id[ident] for ident in asking if ident in by_id]
    return tuple(Person(name=speaker.name) for speaker in named) or None


def _parts(draft: Draft, count: int) -> tuple[Part, ...]:
    """The titled parts, each with at least one question (a later title at the same place wins)."""
    starts: dict[int, str] = {}
    for start, title in draft.sections:
        if start < count:
            starts[start] = title
    return tuple(Part(title=title, start=start) for start, title in sorted(starts.items()))


def _answers(markdown: str) -> tuple[Answer, ...]:
    return (Answer(text=RichText(markdown)),) if markdown.strip() else ()


class _Voices:
    """The labelled voices of an interview as declared speakers, found by name."""

    def __init__(self) -> None:
        self._by_name: dict[str, Speaker] = {}

    def add(self, name: str, speaker: Speaker) -> None:
        self._by_name[name] = speaker

    def get(self, name: str) -> str | None:
        speaker = self._by_name.get(name)
        return speaker.id if speaker is not None else None

    def values_as_speakers(self) -> list[Speaker]:
        return list(dict.fromkeys(self._by_name.values()))


def _speakers(names: Sequence[str], subject: str, mentioned: Sequence[str]) -> _Voices:
    """Declared speakers for the labelled voices; "Interviewer" or "Q" is nobody's name.

    A label that is the subject's first name ("Léa" for Léa Gagnon) is the subject, named in
    full with the label kept, so the book prints "Léa" and credits Léa Gagnon.
    """
    voices = _Voices()
    taken: set[str] = set()
    for name in names:
        if name.lower() in _GENERIC_ASKERS:
            continue
        full, label = name, None
        if " " not in name:
            # "Maya:" asks, and the lede says "Questions by Maya Lindqvist": one full name
            # that starts with the label names the speaker (the subject first).
            matching = [m for m in [subject, *mentioned] if m.split()[:1] == [name] and " " in m]
            if len(set(matching)) == 1 or (matching and matching[0] == subject):
                full, label = matching[0], name
        ident = slugify(label or full) or "speaker"
        while ident in taken:
            ident += "-2"
        taken.add(ident)
        voices.add(name, Speaker(id=ident, name=full, label=label))
    return voices


def _voiced_answers(exchange: DraftExchange, speakers: _Voices) -> tuple[Answer, ...]:
    """One answer per labelled turn; text before the first label is an unlabelled answer."""
    starts = [(index, name) for index, name in exchange.voices if index < len(exchange.answer)]
    if not starts:
        return _answers(answer_markdown(exchange.answer))
    answers: list[Answer] = []
    if starts[0][0] > 0:
        answers.extend(_answers(answer_markdown(exchange.answer[: starts[0][0]])))
    for number, (index, name) in enumerate(starts):
        stop = starts[number + 1][0] if number + 1 < len(starts) else len(exchange.answer)
        text = answer_markdown(exchange.answer[index:stop])
        speaker = speakers.get(name)
        if speaker is None and answers:
            # A turn of a voice that is nobody in particular continues the answer before it.
            previous = answers[-1]
            joined = RichText(f"{previous.text}\n\n{text}".strip())
            answers[-1] = Answer(text=joined, speaker=previous.speaker)
        elif speaker is not None or text.strip():
            answers.append(Answer(text=RichText(text), speaker=speaker))
    return tuple(answers)
