"""The anthology (after its steps) to its :class:`~interviewkit.BookDocument`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from interviewkit._util.languages import primary_language
from interviewkit.document._concordance import build_concordance
from interviewkit.document._index import build_index
from interviewkit.document._parse import Anchors, parse_blocks, parse_inlines
from interviewkit.document._reading import build_reading_list
from interviewkit.document.book import (
    AnswerDocument,
    BookDocument,
    CreditLines,
    EditorDocument,
    ExchangeDocument,
    ImageDocument,
    PartDocument,
    PortraitDocument,
    Reference,
    RichBlocks,
    RichLine,
    SectionDocument,
    SourceEntry,
    Voice,
)
from interviewkit.document.nodes import Cite, Inline, Link, Span, Superscript, Text
from interviewkit.document.text import join_names, link_text
from interviewkit.model._isbn import format_isbn
from interviewkit.model.models import Anthology, Credits, Image, Portrait
from interviewkit.model.richtext import RichText
from interviewkit.render.elision import fill
from interviewkit.render.labels import format_date, labels_for
from interviewkit.render.typography import typeset

__all__ = ["SOURCES_ID", "build_document", "date_inlines"]

#: Id of the generated "Sources and permissions" page, unless a section of the book has it.
SOURCES_ID = "sources-and-permissions"


def date_inlines(day: dt.date, language: str) -> tuple[Inline, ...]:
    """:func:`~interviewkit.format_date` as inlines: French ``1er`` with its ordinal raised."""
    text = format_date(day, language)
    if day.day == 1 and primary_language(language) == "fr":
        head, found, tail = text.partition("1er")
        if found:
            pieces: list[Inline] = [Text(head + "1"), Superscript((Text("er"),))]
            return (*pieces, Text(tail)) if tail else tuple(pieces)
    return (Text(text),)


def _joined(pieces: list[tuple[Inline, ...]], separator: str) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for piece in pieces:
        if out:
            out.append(Text(separator))
        out.extend(piece)
    return tuple(out)


def _sentences(pieces: list[tuple[Inline, ...]]) -> tuple[Inline, ...]:
    """Pieces as sentences: a full stop between two unless the first ends one already."""
    out: list[Inline] = []
    for piece in pieces:
        if out:
            ends = link_text(out).endswith((".", "!", "?"))
            out.append(Text(" " if ends else ". "))
        out.extend(piece)
    return tuple(out)


class _Builder:
    def __init__(self, anthology: Anthology, labels: Mapping[str, str]) -> None:
        self.anthology = anthology
        self.labels = labels
        self.ids = {portrait.id for portrait in anthology.portraits}
        self.problems: list[str] = []

    def blocks(
        self,
        text: RichText,
        language: str,
        platform: str | None,
        where: str,
        anchors: Anchors | None = None,
    ) -> RichBlocks:
        problems: list[str] = []
        blocks = parse_blocks(str(text), language, platform, problems, anchors)
        self.problems.extend(f"{where}: {problem}" for problem in problems)
        return RichBlocks(blocks, str(text))

    def line(
        self,
        text: RichText | str,
        language: str,
        platform: str | None,
        where: str,
        anchors: Anchors | None = None,
    ) -> RichLine:
        problems: list[str] = []
        inlines = parse_inlines(str(text), language, platform, problems, anchors)
        self.problems.extend(f"{where}: {problem}" for problem in problems)
        return RichLine(inlines, str(text))

    def image(self, image: Image | None, language: str, where: str) -> ImageDocument | None:
        if image is None:
            return None
        return ImageDocument(
            path=image.path,
            alt=typeset(image.alt, language),
            caption=self.line(image.caption, language, None, where) if image.caption else None,
            credit=typeset(image.credit, language) if image.credit else None,
        )

    def label(self, key: str, language: str) -> Inline:
        """A label of the book; in a portrait of another language it says so."""
        book_language = self.anthology.language
        text = Text(self.labels[key])
        return text if language == book_language else Span((text,), lang=book_language)

    def headed(self, key: str, language: str, body: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return (self.label(key, language), Text(f"{self.labels['colon']} "), *body)

    def credits(self, credits: Credits, language: str) -> CreditLines:
        lines: dict[str, tuple[Inline, ...]] = {}
        first = credits.first_published
        if first is not None:
            pieces: list[tuple[Inline, ...]] = []
            if first.title:
                pieces.append((Text(f"“{typeset(first.title, language)}”"),))
            if first.publication:
                pieces.append((Cite((Text(typeset(first.publication, language)),)),))
            if first.date is not None:
                pieces.append(date_inlines(first.date, self.anthology.language))
            if first.url:
                pieces.append((Link((Text(first.url),), first.url, kind="address"),))
            lines["first_published"] = self.headed(
                "first_published", language, _joined(pieces, ", ")
            )
        permission = credits.permission
        if permission is not None:
            granted: list[tuple[Inline, ...]] = []
            if permission.text:
                granted.append((Text(typeset(permission.text, language)),))
            if permission.licence:
                licence = Link((Text(permission.licence),), permission.licence_url or "")
                granted.append((self.label("licence", language), Text(" "), licence))
            elif permission.url:
                granted.append((Link((Text(permission.url),), permission.url, kind="address"),))
            lines["permission"] = self.headed("permission", language, _sentences(granted))
        if credits.photos:
            names = [
                typeset(credit.name, language)
                + (f" ({typeset(credit.detail, language)})" if credit.detail else "")
                for credit in credits.photos
            ]
            body = (Text(join_names(names, self.labels["and"])),)
            lines["photos"] = self.headed("photos", language, body)
        return CreditLines(**lines)

    def section_document(
        self, section_id: str, title: str, kind: str, body: RichText
    ) -> SectionDocument:
        language = self.anthology.language
        return SectionDocument(
            id=section_id,
            title=typeset(title, language),
            kind=kind,
            body=self.blocks(
                body, language, self.anthology.handle_platform, section_id, _marks(section_id)
            ),
        )

    def portrait(self, number: int, portrait: Portrait) -> PortraitDocument:
        anthology = self.anthology
        labels = self.labels
        language = anthology.language_of(portrait)
        platform = portrait.handle_platform or anthology.handle_platform
        where = portrait.id
        marks = _marks(portrait.id)
        voices = {
            speaker.id: Voice(id=speaker.id, label=typeset(speaker.shown, language))
            for speaker in portrait.speakers
        }
        parts = []
        counter = 0
        for part, exchanges in portrait.interview.grouped():
            documents = []
            for exchange in exchanges:
                counter += 1
                answers = tuple(
                    AnswerDocument(
                        text=self.blocks(answer.text, language, platform, where, marks),
                        speaker=voices.get(answer.speaker) if answer.speaker else None,
                    )
                    for answer in exchange.answers
                )
                documents.append(
                    ExchangeDocument(
                        id=portrait.question_id(counter),
                        number=counter,
                        question=self.line(exchange.question, language, platform, where, marks),
                        asker=voices.get(exchange.asker) if exchange.asker else None,
                        answers=answers,
                    )
                )
            parts.append(
                PartDocument(
                    id=portrait.part_id(part) if part is not None else None,
                    title=self.line(part.title, language, platform, where, marks)
                    if part is not None
                    else None,
                    exchanges=tuple(documents),
                )
            )
        subject = portrait.subject
        interviewers = tuple(
            typeset(person.name, language) for person in anthology.interviewers_of(portrait)
        )
        date = format_date(portrait.date, anthology.language) if portrait.date else None
        byline = []
        if interviewers:
            names = join_names(interviewers, labels["and"])
            byline.append(fill(labels["interview_by"], language, names=names))
        if date:
            byline.append(fill(labels["published"], anthology.language, date=date))
        first = portrait.credits.first_published
        related = []
        for entry in portrait.related:
            label = typeset(
                entry.name + (f" / {entry.affiliation}" if entry.affiliation else ""), language
            )
            if entry.portrait is not None and entry.portrait in self.ids:
                related.append(Reference(label=label, target=entry.portrait, kind="portrait"))
            elif entry.url is not None:
                related.append(Reference(label=label, target=entry.url, kind="website"))
            else:
                related.append(Reference(label=label, target=None, kind="name"))
        return PortraitDocument(
            id=portrait.id,
            number=number,
            lang=language,
            lang_differs=language != anthology.language,
            title=typeset(portrait.title, language),
            subject=typeset(subject.name, language),
            role=typeset(subject.role, language) if subject.role else None,
            affiliations=tuple(typeset(a, language) for a in subject.affiliations),
            bio=self.line(subject.bio, language, platform, where, marks) if subject.bio else None,
            photo=self.image(subject.photo or portrait.photo, language, where),
            lede=self.blocks(portrait.lede, language, platform, where, marks),
            parts=tuple(parts),
            closing=self.blocks(portrait.closing, language, platform, where, marks)
            if portrait.closing
            else None,
            interviewers=interviewers,
            byline=" · ".join(byline) or None,
            date=date,
            date_iso=portrait.date.isoformat() if portrait.date else None,
            source=first.url if first is not None else None,
            credits=self.credits(portrait.credits, language),
            follow_title=fill(labels["follow"], language, name=subject.name.split()[0]),
            follow=tuple(
                Reference(label=typeset(link.label, language), target=link.url, kind=link.kind)
                for link in portrait.follow
            ),
            related=tuple(related),
            reading=tuple(
                Reference(label=typeset(link.label, language), target=link.url, kind=link.kind)
                for link in portrait.reading
            ),
            tags=portrait.tags,
        )


def _marks(prefix: str) -> Anchors:
    """The ids of the indexed places of one portrait or section: ``<id>-m1``, ``<id>-m2``..."""
    count = 0

    def next_id() -> str:
        nonlocal count
        count += 1
        return f"{prefix}-m{count}"

    return next_id


def _unique(base: str, taken: set[str]) -> str:
    ident = base
    while ident in taken:
        ident += "-1"
    taken.add(ident)
    return ident


def build_document(
    anthology: Anthology, *, label_overrides: Mapping[str, str] | None = None
) -> BookDocument:
    """The book document of ``anthology`` (run its steps first).

    :param label_overrides: labels to use instead of the catalogue's (``theme/labels.toml``,
        read by :meth:`ExportContext.book_document <interviewkit.ExportContext.book_document>`).

    .. versionadded:: 0.3
    """
    language = anthology.language
    labels = labels_for(language, label_overrides)
    builder = _Builder(anthology, labels)
    portraits = tuple(
        builder.portrait(number, portrait) for number, portrait in enumerate(anthology.portraits, 1)
    )
    editors = tuple(typeset(editor.name, language) for editor in anthology.editors)
    series = None
    if anthology.series is not None:
        series = typeset(anthology.series.name, language)
        if anthology.series.number is not None:
            series = fill(labels["series"], language, name=series, number=anthology.series.number)
    taken = {section.id for section in (*anthology.front_matter, *anthology.back_matter)}
    taken |= {portrait.id for portrait in anthology.portraits}
    sources_id = _unique(SOURCES_ID, taken)

    def sections(kind: str) -> tuple[SectionDocument, ...]:
        found = anthology.front_matter if kind == "front" else anthology.back_matter
        return tuple(builder.section_document(s.id, s.title, s.kind, s.body) for s in found)

    front, back = sections("front"), sections("back")
    index = concordance = reading_list = None
    if anthology.index.enabled:
        index = build_index(
            anthology,
            portraits,
            index_id=_unique("book-index", taken),
            title=typeset(anthology.index.title or labels["index"], language),
            labels=labels,
        )
    if anthology.concordance.enabled:
        concordance = build_concordance(
            anthology,
            portraits,
            anthology.concordance,
            concordance_id=_unique("concordance", taken),
            title=typeset(anthology.concordance.title or labels["concordance"], language),
            intro=labels["concordance_intro"],
        )
    if anthology.reading_list.enabled:
        reading_list = build_reading_list(
            portraits,
            anthology.reading_list,
            language=language,
            list_id=_unique("reading-list", taken),
            title=typeset(anthology.reading_list.title or labels["reading_list"], language),
            labels=labels,
        )
    return BookDocument(
        title=typeset(anthology.title, language),
        subtitle=typeset(anthology.subtitle, language) if anthology.subtitle else None,
        lang=language,
        labels=labels,
        handle_platform=anthology.handle_platform,
        editors=editors,
        editor_notes=tuple(
            EditorDocument(
                name=typeset(editor.name, language),
                role=typeset(editor.role, language) if editor.role else None,
                bio=builder.blocks(editor.bio, language, anthology.handle_platform, "editors")
                if editor.bio
                else None,
                photo=builder.image(editor.photo, language, "editors"),
            )
            for editor in anthology.editors
            if editor.bio is not None or editor.role is not None
        ),
        edited_by=fill(labels["edited_by"], language, names=", ".join(editors))
        if editors
        else None,
        publisher=typeset(anthology.publisher, language) if anthology.publisher else None,
        rights=typeset(anthology.rights, language) if anthology.rights else None,
        identifier=anthology.identifier,
        isbn_epub=fill(labels["isbn_epub"], language, isbn=format_isbn(anthology.isbn_epub))
        if anthology.isbn_epub
        else None,
        isbn_print=fill(labels["isbn_print"], language, isbn=format_isbn(anthology.isbn_print))
        if anthology.isbn_print
        else None,
        legal_deposit=typeset(anthology.legal_deposit, language)
        if anthology.legal_deposit
        else None,
        series=series,
        date=date_inlines(anthology.date, language) if anthology.date else (),
        description=builder.blocks(
            anthology.description, language, anthology.handle_platform, "description"
        )
        if anthology.description
        else None,
        cover=builder.image(anthology.cover, language, "cover"),
        keywords=anthology.keywords,
        front_matter=front,
        portraits=portraits,
        back_matter=back,
        sources_id=sources_id,
        sources=tuple(
            SourceEntry(portrait_id=p.id, title=p.title, lines=p.credits.lines)
            for p in portraits
            if p.credits
        ),
        problems=tuple(builder.problems),
        index=index,
        concordance=concordance,
        reading_list=reading_list,
    )
