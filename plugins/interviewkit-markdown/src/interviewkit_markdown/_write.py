"""Markdown text of the book document: metadata blocks, portraits, sections.

Everything comes from the build's :class:`~interviewkit.BookDocument`, so the Markdown says
what every other format says: the same typeset text (curly quotes, French spaces), ids, labels
in the book's language and credit lines.  Texts (ledes, answers, bios, section bodies,
questions) are document nodes written by :class:`~interviewkit.MarkdownWriter`, which escapes
every character Pandoc could read as markup and keeps only checked links; plain strings
(names, titles, labels) are escaped here so that a ``*``, a ``[`` or a ``<`` in a name stays a
character.  The output targets Pandoc's Markdown: YAML metadata, ``{#id}`` heading attributes,
a ``:::`` div for a portrait in another language and ``[…]{lang="…"}`` spans for the book's
own words inside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

import yaml

from interviewkit import Anthology, BookDocument, MarkdownWriter, format_isbn, labels_for
from interviewkit.document import (
    ImageDocument,
    PortraitDocument,
    Reference,
    SectionDocument,
    escape_markdown,
)
from interviewkit.document.nodes import Image, Inline, Link, Paragraph, Span, Text

__all__ = [
    "anthology_metadata",
    "back_to_contents",
    "details_markdown",
    "escape",
    "front_matter_block",
    "label",
    "portrait_markdown",
    "portrait_metadata",
    "section_markdown",
    "sources_markdown",
]

_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+])(?=\s|$)")
# White space between words; the no-break spaces of French typography are kept.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")

#: Returns the Markdown target of a related portrait's id (``#owen-park`` or ``owen-park.md``).
PortraitLink = Callable[[str], str | None]


def escape(text: str) -> str:
    """Plain text as inline Markdown that renders as exactly this text, on one line."""
    one_line = _SPACES.sub(" ", text).strip(" ")
    escaped = escape_markdown(one_line)
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def label(text: str, lang: str | None, writer: MarkdownWriter) -> str:
    """A generated label; inside a portrait of another language (``lang``, the book's) it is a
    span saying its language, so a reader's converter reads it with the right rules."""
    if lang is None:
        return escape(text)
    return writer.inlines((Span((Text(_SPACES.sub(" ", text).strip(" ")),), lang=lang),))


def _heading(level: int, text: str, ident: str | None) -> str:
    return f"{'#' * level} {text}" + (f" {{#{ident}}}" if ident else "")


def _yaml(data: dict[str, object]) -> str:
    text: str = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000
    )
    return text


def front_matter_block(data: dict[str, object]) -> str:
    """A YAML metadata block (Pandoc) or front matter (static-site generators)."""
    return f"---\n{_yaml(data)}---\n"


def anthology_metadata(
    anthology: Anthology, document: BookDocument, writer: MarkdownWriter
) -> dict[str, object]:
    """Pandoc metadata of the book; string values are Markdown, so plain ones are escaped.

    Texts are the document's (typeset as in every format); the facts Pandoc reads as data
    (the ISO date, the ISBNs, the series and its number) are the model's.
    """
    data: dict[str, object] = {"title": escape(document.title)}
    if document.subtitle:
        data["subtitle"] = escape(document.subtitle)
    data["lang"] = document.lang
    if document.editors:
        data["author"] = [escape(name) for name in document.editors]
    if document.publisher:
        data["publisher"] = escape(document.publisher)
    if anthology.date is not None:
        data["date"] = anthology.date.isoformat()
    if document.identifier:
        data["identifier"] = escape(document.identifier)
    if document.rights:
        data["rights"] = escape(document.rights)
    if anthology.isbn_epub:
        data["isbn-epub"] = format_isbn(anthology.isbn_epub)
    if anthology.isbn_print:
        data["isbn-print"] = format_isbn(anthology.isbn_print)
    if document.legal_deposit:
        data["legal-deposit"] = escape(document.legal_deposit)
    if anthology.series is not None:
        data["series"] = escape(anthology.series.name)
        if anthology.series.number is not None:
            data["series-number"] = anthology.series.number
    if document.description:
        data["description"] = writer.blocks(document.description.blocks, heading_level=1)
    if document.keywords:
        data["keywords"] = [escape(keyword) for keyword in document.keywords]
    return data


def details_markdown(document: BookDocument) -> str:
    """The book's details as the title and copyright pages of the other formats print them.

    Editors, series, publisher, rights, both ISBNs and the legal deposit
    (:attr:`BookDocument.details <interviewkit.BookDocument.details>`).  Pandoc's templates
    print the title, subtitle and authors from the metadata but none of these, so they are a
    paragraph of their own, one fact a line; an empty string when the book states none.
    """
    return "\\\n".join(escape(line) for line in document.details)


def portrait_metadata(document: BookDocument, portrait: PortraitDocument) -> dict[str, object]:
    """Front matter of one portrait page (the folder format)."""
    data: dict[str, object] = {
        "title": escape(portrait.title),
        "lang": portrait.lang,
        "subject": escape(portrait.subject),
    }
    if portrait.role:
        data["role"] = escape(portrait.role)
    if portrait.affiliations:
        data["affiliations"] = [escape(name) for name in portrait.affiliations]
    if portrait.interviewers:
        data["author"] = [escape(name) for name in portrait.interviewers]
    if portrait.date_iso is not None:
        data["date"] = portrait.date_iso
    if portrait.source:
        data["source"] = portrait.source
    if portrait.tags:
        data["keywords"] = [escape(tag) for tag in portrait.tags]
    data["book"] = escape(document.title)
    return data


def _blocks(*parts: str) -> str:
    """Join Markdown blocks with one blank line, dropping empty ones."""
    return "\n\n".join(part.strip("\n") for part in parts if part.strip())


def _image(image: ImageDocument, writer: MarkdownWriter) -> str:
    lines = [writer.inlines((Image(image.path, alt=image.alt),))]
    if image.caption:
        lines.append(writer.blocks((Paragraph(image.caption.inlines),)))
    if image.credit:
        lines.append(escape(image.credit))
    return "\n\n".join(lines)


class _Portrait:
    """Writes one portrait; ``book_lang`` is the book's language when the portrait's differs
    (the labels interviewkit generates inside it are marked with it), else ``None``."""

    def __init__(
        self,
        document: BookDocument,
        portrait: PortraitDocument,
        writer: MarkdownWriter,
        portrait_link: PortraitLink,
    ) -> None:
        self.document = document
        self.portrait = portrait
        self.writer = writer
        self.portrait_link = portrait_link
        self.book_lang = document.lang if portrait.lang_differs else None
        # The colon after a speaker's label follows the portrait's typography, not the book's.
        words = labels_for(portrait.lang) if portrait.lang_differs else document.labels
        self.colon = words["colon"]

    def label(self, key: str) -> str:
        return label(self.document.labels[key], self.book_lang, self.writer)

    def subject_lines(self) -> str:
        portrait = self.portrait
        first = f"**{escape(portrait.subject)}**"
        details = [portrait.role or "", *portrait.affiliations]
        first += "".join(f", {escape(detail)}" for detail in details if detail)
        lines = [first]
        if portrait.byline:
            lines.append(label(portrait.byline, self.book_lang, self.writer))
        if portrait.source:
            source = self.document.labels["source"]
            link = Link((Text(source),), portrait.source)
            lines.append(self.writer.inlines(self._in_book_lang((link,))))
        return "\\\n".join(lines)

    def _in_book_lang(self, inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return inlines if self.book_lang is None else (Span(inlines, lang=self.book_lang),)

    def exchanges(self, heading_ids: bool) -> Iterator[str]:
        writer = self.writer
        has_parts = any(part.id is not None for part in self.portrait.parts)
        for part in self.portrait.parts:
            if part.title is not None:
                ident = part.id if heading_ids else None
                yield _heading(2, writer.inlines(part.title.inlines), ident)
            # Questions before the first titled part sit right under the portrait's heading.
            level = 3 if has_parts and part.id is not None else 2
            for exchange in part.exchanges:
                question = writer.inlines(exchange.question.inlines)
                if exchange.asker is not None:
                    question = f"{escape(exchange.asker.label)}{escape(self.colon)} {question}"
                yield _heading(level, question, exchange.id if heading_ids else None)
                for answer in exchange.answers:
                    if answer.speaker is not None:
                        yield f"**{escape(answer.speaker.label)}{escape(self.colon)}**"
                    if answer.text:
                        yield writer.blocks(answer.text.blocks, heading_level=1)

    def credits(self) -> str:
        return "\\\n".join(self.writer.inlines(line) for line in self.portrait.credits.lines)

    def reference(self, entry: Reference) -> str:
        if entry.kind == "portrait" and entry.target is not None:
            target = self.portrait_link(entry.target)
            if target is None:
                return f"{escape(entry.label)} ({self.label('in_this_book')})"
            return self.writer.inlines((Link((Text(entry.label),), target),))
        if entry.target is None:
            return escape(entry.label)
        return self.writer.inlines((Link((Text(entry.label),), entry.target),))

    def listed(self, title: str, suffix: str, entries: Sequence[Reference], ids: bool) -> str:
        if not entries:
            return ""
        ident = f"{self.portrait.id}-{suffix}" if ids else None
        heading = _heading(2, title, ident)
        return _blocks(heading, "\n".join(f"- {self.reference(entry)}" for entry in entries))


def portrait_markdown(
    document: BookDocument,
    portrait: PortraitDocument,
    *,
    heading_ids: bool,
    portrait_link: PortraitLink,
    images: bool,
    writer: MarkdownWriter,
) -> str:
    """A portrait: its ``#`` heading, subject, lede, questions and answers, and link lists."""
    page = _Portrait(document, portrait, writer, portrait_link)
    blocks = [_heading(1, escape(portrait.title), portrait.id if heading_ids else None)]
    blocks.append(page.subject_lines())
    if images and portrait.photo is not None:
        blocks.append(_image(portrait.photo, writer))
    if portrait.bio:
        blocks.append(writer.blocks((Paragraph(portrait.bio.inlines),)))
    blocks.append(writer.blocks(portrait.lede.blocks, heading_level=1))
    blocks.extend(page.exchanges(heading_ids))
    if portrait.closing:
        blocks.append(writer.blocks(portrait.closing.blocks, heading_level=1))
    if portrait.credits:
        blocks.append(page.credits())
    follow_title = label(portrait.follow_title, page.book_lang, writer)
    blocks.append(page.listed(follow_title, "follow", portrait.follow, heading_ids))
    blocks.append(page.listed(page.label("related"), "related", portrait.related, heading_ids))
    blocks.append(page.listed(page.label("reading"), "reading", portrait.reading, heading_ids))
    text = _blocks(*blocks)
    if portrait.lang_differs:
        text = f'::: {{lang="{portrait.lang}"}}\n\n{text}\n\n:::'
    return text + "\n"


def back_to_contents(document: BookDocument, portrait: PortraitDocument) -> str:
    """The link of a folder page back to ``index.md``, in the book's language."""
    writer = MarkdownWriter()
    link = Link((Text(document.labels["back_to_contents"]),), "index.md")
    inlines: tuple[Inline, ...] = (link,)
    if portrait.lang_differs:
        inlines = (Span(inlines, lang=document.lang),)
    return writer.inlines(inlines)


def section_markdown(
    section: SectionDocument, *, level: int, heading_ids: bool, writer: MarkdownWriter
) -> str:
    """A front- or back-matter section under a heading of ``level``."""
    heading = _heading(level, escape(section.title), section.id if heading_ids else None)
    return _blocks(heading, writer.blocks(section.body.blocks, heading_level=1)) + "\n"


def sources_markdown(
    document: BookDocument, *, level: int, heading_ids: bool, writer: MarkdownWriter
) -> str:
    """The "Sources and permissions" page: each credited portrait's title and credit lines.

    The built-in formats place the same page after the back matter; an empty string when no
    portrait has credits.
    """
    if not document.sources:
        return ""
    entries = [
        f"**{escape(entry.title)}**\\\n" + "\\\n".join(writer.inlines(line) for line in entry.lines)
        for entry in document.sources
    ]
    ident = document.sources_id if heading_ids else None
    heading = _heading(level, escape(document.labels["sources"]), ident)
    return _blocks(heading, *entries) + "\n"
