"""The Word document of an anthology, built with python-docx from the book document.

Every text comes from interviewkit's book document (:class:`interviewkit.BookDocument`): titles
and names typeset, the byline and credit lines worded in the book's language, the details of the
title page, the sources page, the follow, related and reading lists resolved.  This module only
decides how it looks.

Structure: a title page (``Title``, ``Subtitle``, the book's details in ``Book Details``, the
description), a table-of-contents field, the front matter, one ``Heading 1`` per portrait (on a
new page), the back matter and the "Sources and permissions" page.  Inside a portrait: its
photo, a ``Portrait Metadata`` paragraph (subject, role, affiliations, byline, source), the
bio, the lede, titled parts as ``Heading 2``, questions in the ``Question`` style (based on
``Heading 3``, so they are in the navigation pane and the table of contents) and answers in the
``Answer`` style.  Portraits, titled parts, questions, sections and the sources page carry a
bookmark (:mod:`interviewkit_docx._bookmarks`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from interviewkit import Anthology, BookDocument, primary_language
from interviewkit.document import (
    CreditLines,
    ImageDocument,
    PortraitDocument,
    Reference,
    SectionDocument,
)
from interviewkit.document.nodes import Inline
from interviewkit_docx._back_matter import index_marks, marks_for, write_back_matter
from interviewkit_docx._bookmarks import bookmark_names
from interviewkit_docx._fields import add_field, field_char, instruction
from interviewkit_docx._messages import UPDATE_FIELDS, translate
from interviewkit_docx._runs import Marks, RunWriter

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

    from docx.document import Document
    from docx.text.paragraph import Paragraph

__all__ = ["build_document"]


class _Book:
    """The document being written, its book document, and where its bookmarks are."""

    def __init__(self, document: Document, book: BookDocument) -> None:
        self.document = document
        self.book = book
        self.bookmarks = bookmark_names(book)
        self.marks = index_marks(book)
        self.writer = RunWriter(document, self.bookmarks, self.marks)
        self.labels: Mapping[str, str] = book.labels
        self._numbers = {name: n for n, name in enumerate(self.bookmarks.values(), start=1)}

    def paragraph(self, style: str) -> Paragraph:
        return self.writer.paragraph(style)

    def bookmark(self, paragraph: Paragraph, ident: str | None) -> None:
        """Put the bookmark of a document id around the paragraph's runs."""
        if ident is None or ident not in self.bookmarks:
            return
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        name = self.bookmarks[ident]
        number = str(self._numbers[name])
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), number)
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), number)
        # python-docx has no bookmark API: the marks go around the paragraph's runs, placed with
        # lxml beside each run's public ``element`` (a paragraph's own element is private).
        runs = paragraph.runs or [paragraph.add_run()]
        runs[0].element.addprevious(start)
        runs[-1].element.addnext(end)
        self.index_here(paragraph, ident)

    def index_here(self, paragraph: Paragraph, ident: str) -> None:
        """The index marks (``XE`` fields) of the entries that point to ``ident``."""
        for text in marks_for(self.marks, ident):
            add_field(paragraph, f' XE "{text}" ')


def build_document(
    anthology: Anthology,
    book: BookDocument,
    *,
    toc: bool,
    image_width_cm: float,
    resolve: Callable[[str, str], Path],
    build_date: dt.date,
) -> Document:
    """The whole document, styles and core properties included (not yet saved)."""
    import docx

    from interviewkit_docx._styles import set_core_properties, set_up_styles

    document = docx.Document()
    set_up_styles(document, language=book.lang)
    set_core_properties(document, anthology, build_date)
    out = _Book(document, book)
    _title_page(out)
    if toc:
        _table_of_contents(out)
    for section in book.front_matter:
        _section(out, section)
    for portrait in book.portraits:
        _portrait(out, portrait, image_width_cm, resolve)
    for section in book.back_matter:
        _section(out, section)
    _sources(out)
    write_back_matter(book, out.writer, out.paragraph)
    return document


def _title_page(out: _Book) -> None:
    book = out.book
    out.writer.text(out.paragraph("Title"), book.title)
    if book.subtitle:
        out.writer.text(out.paragraph("Subtitle"), book.subtitle)
    # A DOCX is a manuscript of the print edition: its ISBN first, then the EPUB's; the date
    # of publication follows the publisher, as on the other formats' title pages.
    before = (book.edited_by, book.series, book.publisher)
    after = (book.rights, book.isbn_print, book.isbn_epub, book.legal_deposit)
    for line in before:
        if line:
            out.writer.text(out.paragraph("Book Details"), line)
    if book.date:
        out.writer.inlines(out.paragraph("Book Details"), book.date)
    for line in after:
        if line:
            out.writer.text(out.paragraph("Book Details"), line)
    if book.description is not None:
        out.writer.blocks(book.description.blocks, style="Body Text")


def _table_of_contents(out: _Book) -> None:
    """A ``TOC`` complex field; Word and LibreOffice fill it when fields are updated."""
    heading = out.paragraph("TOC Heading")
    out.writer.text(heading, out.labels["contents"])
    heading.paragraph_format.page_break_before = True
    paragraph = out.paragraph("Normal")
    field_char(paragraph, "begin", dirty=True)
    instruction(paragraph, ' TOC \\o "1-3" \\h \\z \\u ')
    field_char(paragraph, "separate")
    out.writer.run(paragraph, translate(UPDATE_FIELDS, out.book.lang), Marks(italic=True))
    field_char(paragraph, "end")


def _section(out: _Book, section: SectionDocument) -> None:
    heading = out.paragraph("Heading 1")
    out.writer.text(heading, section.title)
    out.bookmark(heading, section.id)
    out.writer.blocks(section.body.blocks, style="Body Text")


def _sources(out: _Book) -> None:
    """The "Sources and permissions" page, after the back matter as in the built-in formats."""
    book = out.book
    if not book.sources:
        return
    heading = out.paragraph("Heading 1")
    out.writer.text(heading, out.labels["sources"])
    out.bookmark(heading, book.sources_id)
    for entry in book.sources:
        out.writer.text(out.paragraph("Heading 2"), entry.title)
        _lines(out, out.paragraph("Portrait Metadata"), entry.lines)


def _lines(out: _Book, paragraph: Paragraph, lines: Sequence[Sequence[Inline]]) -> None:
    """Lines of inlines in one paragraph, separated by line breaks."""
    for number, line in enumerate(lines):
        if number:
            out.writer.run(paragraph, "").add_break()
        out.writer.inlines(paragraph, line)


def _picture(
    out: _Book,
    image: ImageDocument,
    width_cm: float,
    resolve: Callable[[str, str], Path],
    referrer: str,
) -> None:
    from docx.shared import Cm

    path = resolve(image.path, referrer)
    out.document.add_picture(str(path), width=Cm(width_cm))
    picture = out.document.element.body.xpath("./w:p")[-1]  # the paragraph add_picture added
    picture.style = out.writer.style_id("Picture")
    for doc_pr in picture.xpath(".//wp:docPr"):
        doc_pr.set("descr", image.alt)
        doc_pr.set("name", image.path.rsplit("/", 1)[-1])
    if not image.caption and not image.credit:
        return
    caption = out.paragraph("Caption")
    if image.caption:
        out.writer.inlines(caption, image.caption.inlines)
    if image.credit:
        # The credit as written ("Photo: Jules Bédard", "Illustration: …"), as the HTML, EPUB
        # and PDF print it under a photo: a label before it would say "Photo" twice.
        if image.caption:
            out.writer.run(caption, "").add_break()
        out.writer.text(caption, image.credit)


def _label_lang(out: _Book, portrait: PortraitDocument) -> str | None:
    """The language of the book's own words in a portrait: marked when it is another's."""
    return out.book.lang if portrait.lang_differs else None


def _metadata(out: _Book, portrait: PortraitDocument) -> None:
    paragraph = out.paragraph("Portrait Metadata")
    out.writer.run(paragraph, portrait.subject, Marks(bold=True))
    details = [detail for detail in (portrait.role, *portrait.affiliations) if detail]
    if details:
        out.writer.run(paragraph, ", " + ", ".join(details))
    lang = _label_lang(out, portrait)
    if portrait.byline:
        out.writer.run(paragraph, "").add_break()
        out.writer.text(paragraph, portrait.byline, lang=lang)
    if portrait.source:
        out.writer.run(paragraph, "").add_break()
        out.writer.text(paragraph, out.labels["source"], target=portrait.source, lang=lang)


def _credits(out: _Book, credits: CreditLines) -> None:
    """The credit lines, one per kind, as in every built-in format."""
    if credits:
        _lines(out, out.paragraph("Portrait Metadata"), credits.lines)


def _references(
    out: _Book, portrait: PortraitDocument, title: str, references: Sequence[Reference]
) -> None:
    """A list of follow, related or reading entries, under its heading in the book's words."""
    if not references:
        return
    heading = out.paragraph("Heading 2")
    out.writer.text(heading, title, lang=_label_lang(out, portrait))
    if references is portrait.related:
        out.index_here(heading, f"{portrait.id}-related")
    for reference in references:
        out.writer.text(
            out.paragraph("List Bullet"),
            reference.label,
            target=reference.target,
            kind=reference.kind,
        )


def _said(label: str, language: str) -> str:
    """A speaker's label before the words: French sets a space before the colon."""
    return f"{label}\u2002: " if primary_language(language) == "fr" else f"{label}: "


def _portrait(
    out: _Book,
    portrait: PortraitDocument,
    image_width_cm: float,
    resolve: Callable[[str, str], Path],
) -> None:
    writer = out.writer
    writer.language = portrait.lang if portrait.lang_differs else None
    heading = out.paragraph("Heading 1")
    writer.text(heading, portrait.title)
    out.bookmark(heading, portrait.id)
    if portrait.photo is not None:
        _picture(out, portrait.photo, image_width_cm, resolve, portrait.id)
    _metadata(out, portrait)
    if portrait.bio:
        writer.inlines(out.paragraph("Portrait Metadata"), portrait.bio.inlines)
    writer.blocks(portrait.lede.blocks, style="Lede")
    for part in portrait.parts:
        if part.title is not None:
            paragraph = out.paragraph("Heading 2")
            writer.inlines(paragraph, part.title.inlines)
            out.bookmark(paragraph, part.id)
        for exchange in part.exchanges:
            question = out.paragraph("Question")
            if exchange.asker is not None:
                writer.run(question, _said(exchange.asker.label, portrait.lang))
            writer.inlines(question, exchange.question.inlines)
            out.bookmark(question, exchange.id)
            for answer in exchange.answers:
                lead = None
                if answer.speaker is not None:
                    lead = _said(answer.speaker.label, portrait.lang)
                writer.blocks(answer.text.blocks, style="Answer", lead=lead)
    if portrait.closing is not None:
        writer.blocks(portrait.closing.blocks, style="Body Text")
    _credits(out, portrait.credits)
    _references(out, portrait, portrait.follow_title, portrait.follow)
    _references(out, portrait, out.labels["related"], portrait.related)
    _references(out, portrait, out.labels["reading"], portrait.reading)
    writer.language = None
