"""The Word document of an anthology, built with python-docx.

Structure: a title page (``Title``, ``Subtitle``, editors, publisher, rights, description), a
table-of-contents field, the front matter, one ``Heading 1`` per portrait (on a new page, with a
bookmark named after the portrait id), the back matter.  Inside a portrait: a ``Portrait
Metadata`` paragraph (subject, role, affiliations, interviewer, date, source), the lede, parts as
``Heading 2``, questions in the ``Question`` style (based on ``Heading 3``, so they are in the
navigation pane and the table of contents) and answers in the ``Answer`` style.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

import interviewkit
from interviewkit import (
    Anthology,
    Credits,
    Image,
    Link,
    Portrait,
    Section,
    format_date,
    format_isbn,
    format_label,
)
from interviewkit_docx._messages import UPDATE_FIELDS, translate
from interviewkit_docx._runs import RunWriter

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from docx.document import Document
    from docx.text.paragraph import Paragraph

__all__ = ["build_document"]


def labels(language: str) -> dict[str, str]:
    """interviewkit's labels for a BCP 47 tag, and the sentence of the contents field.

    The colon is followed by a space here: the lines are written as one string each.
    """
    words = interviewkit.labels_for(language)
    return {
        **words,
        "colon": words["colon"] + " ",
        "update": translate(UPDATE_FIELDS, language),
    }


def _primary(language: str) -> str:
    return interviewkit.primary_language(language)


def bookmark_name(number: int, portrait_id: str) -> str:
    """A Word bookmark name: letters, digits and ``_``, at most 40 characters, unique."""
    return f"p{number}_{re.sub(r'[^A-Za-z0-9]', '_', portrait_id)}"[:40]


def build_document(
    anthology: Anthology,
    *,
    toc: bool,
    image_width_cm: float,
    resolve: Callable[[Image, str], Path],
    build_date: dt.date,
) -> Document:
    """The whole document, styles and core properties included (not yet saved)."""
    import docx

    from interviewkit_docx._styles import set_core_properties, set_up_styles

    document = docx.Document()
    set_up_styles(document, language=anthology.language)
    set_core_properties(document, anthology, build_date)
    bookmarks = {
        portrait.id: bookmark_name(number, portrait.id)
        for number, portrait in enumerate(anthology.portraits, start=1)
    }
    writer = RunWriter(document, bookmarks.get)
    words = labels(anthology.language)

    _title_page(document, writer, anthology, words)
    if toc:
        _table_of_contents(document, words)
    for section in anthology.front_matter:
        _section(document, writer, section)
    for portrait in anthology.portraits:
        _portrait(document, writer, anthology, portrait, bookmarks, image_width_cm, resolve)
    for section in anthology.back_matter:
        _section(document, writer, section)
    _sources(document, writer, anthology, words)
    return document


def _sources(
    document: Document, writer: RunWriter, anthology: Anthology, words: dict[str, str]
) -> None:
    """The "Sources and permissions" page, after the back matter as in the built-in formats."""
    credited = [portrait for portrait in anthology.portraits if portrait.credits]
    if not credited:
        return
    heading = document.add_paragraph(style="Heading 1")
    writer.run(heading, words["sources"])
    for portrait in credited:
        title = document.add_paragraph(style="Heading 2")
        writer.run(title, portrait.title)
        _credits(document, writer, portrait.credits, anthology.language, words)


def _title_page(
    document: Document, writer: RunWriter, anthology: Anthology, words: dict[str, str]
) -> None:
    document.add_paragraph(anthology.title, style="Title")
    if anthology.subtitle:
        document.add_paragraph(anthology.subtitle, style="Subtitle")
    lines: list[str] = []
    if anthology.editors:
        names = ", ".join(editor.name for editor in anthology.editors)
        lines.append(format_label(words["edited_by"], anthology.language, names=names))
    if anthology.series is not None:
        if anthology.series.number is not None:
            lines.append(
                words["series"].format(name=anthology.series.name, number=anthology.series.number)
            )
        else:
            lines.append(anthology.series.name)
    if anthology.publisher:
        lines.append(anthology.publisher)
    if anthology.date is not None:
        lines.append(format_date(anthology.date, anthology.language))
    if anthology.rights:
        lines.append(anthology.rights)
    # A DOCX is a manuscript of the print edition: its ISBN first, then the EPUB's.
    for key, isbn in (("isbn_print", anthology.isbn_print), ("isbn_epub", anthology.isbn_epub)):
        if isbn:
            lines.append(words[key].format(isbn=format_isbn(isbn)))
    if anthology.legal_deposit:
        lines.append(anthology.legal_deposit)
    for line in lines:
        document.add_paragraph(line, style="Book Details")
    if anthology.description is not None:
        writer.blocks(anthology.description.source, style="Body Text")


def _table_of_contents(document: Document, words: dict[str, str]) -> None:
    """A ``TOC`` complex field; Word and LibreOffice fill it when fields are updated."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    heading = document.add_paragraph(words["contents"], style="TOC Heading")
    heading.paragraph_format.page_break_before = True
    paragraph = document.add_paragraph()

    def field_char(kind: str) -> None:
        run = paragraph.add_run()
        char = OxmlElement("w:fldChar")
        char.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            char.set(qn("w:dirty"), "true")
        run.element.append(char)

    field_char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = ' TOC \\o "1-3" \\h \\z \\u '
    paragraph.add_run().element.append(instruction)
    field_char("separate")
    paragraph.add_run(words["update"]).italic = True
    field_char("end")


def _section(document: Document, writer: RunWriter, section: Section) -> None:
    document.add_paragraph(section.title, style="Heading 1")
    writer.blocks(section.body.source, style="Body Text")


def _add_bookmark(paragraph: Paragraph, number: int, name: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    # python-docx has no bookmark API: the marks go around the paragraph's runs, placed with
    # lxml beside each run's public ``element`` (a paragraph's own element is private).
    runs = paragraph.runs or [paragraph.add_run()]
    runs[0].element.addprevious(start)
    runs[-1].element.addnext(end)


def _picture(
    document: Document,
    writer: RunWriter,
    image: Image,
    width_cm: float,
    resolve: Callable[[Image, str], Path],
    referrer: str,
    words: dict[str, str],
) -> None:
    from docx.shared import Cm

    path = resolve(image, referrer)
    document.add_picture(str(path), width=Cm(width_cm))
    picture_paragraph = document.paragraphs[-1]
    picture_paragraph.style = document.styles["Picture"]
    for doc_pr in picture_paragraph._p.xpath(".//wp:docPr"):
        doc_pr.set("descr", image.alt)
        doc_pr.set("name", image.path.rsplit("/", 1)[-1])
    caption_lines = []
    if image.caption is not None and not image.caption.is_blank():
        caption_lines.append(image.caption.source)
    if image.credit:
        caption_lines.append(words["photo_credit"].format(credit=image.credit))
    if caption_lines:
        caption = document.add_paragraph(style="Caption")
        for number, line in enumerate(caption_lines):
            if number:
                writer.run(caption, "").add_break()
            writer.inline_text(caption, line)


def _metadata(
    document: Document,
    writer: RunWriter,
    anthology: Anthology,
    portrait: Portrait,
    words: dict[str, str],
) -> None:
    paragraph = document.add_paragraph(style="Portrait Metadata")
    subject = portrait.subject
    writer.run(paragraph, subject.name, bold=True)
    details = [detail for detail in (subject.role, *subject.affiliations) if detail]
    if details:
        writer.run(paragraph, ", " + ", ".join(details))
    lines: list[tuple[str, str | None]] = []
    interviewers = [person.name for person in anthology.interviewers_of(portrait)]
    if interviewers:
        lines.append(
            (
                format_label(
                    words["interview_by"],
                    anthology.language_of(portrait),
                    names=_joined(interviewers, words["and"]),
                ),
                None,
            )
        )
    language = anthology.language_of(portrait)
    if portrait.date is not None:
        day = format_date(portrait.date, language)
        lines.append((words["published"].format(date=day), None))
    first = portrait.credits.first_published
    if first is not None and first.url:
        lines.append((words["source"], first.url))
    _lines(paragraph, writer, lines)


def _lines(paragraph: Paragraph, writer: RunWriter, lines: list[tuple[str, str | None]]) -> None:
    """One run (or link) per line, separated by line breaks."""
    for text, url in lines:
        writer.run(paragraph, "").add_break()
        if url is None:
            writer.run(paragraph, text)
        else:
            writer.link(paragraph, text, url)


def _joined(names: list[str], and_word: str) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) < 3:
        return f" {and_word} ".join(names)
    return f"{', '.join(names[:-1])} {and_word} {names[-1]}"


def _credits(
    document: Document, writer: RunWriter, credits: Credits, language: str, words: dict[str, str]
) -> None:
    """The credit lines, one per kind, as in every built-in format."""
    if not credits:
        return
    lines: list[tuple[str, str | None]] = []
    first = credits.first_published
    if first is not None:
        pieces = [
            f"“{first.title}”" if first.title else "",
            first.publication or "",
            format_date(first.date, language) if first.date is not None else "",
        ]
        shown = ", ".join(piece for piece in pieces if piece)
        lines.append((f"{words['first_published']}{words['colon']}{shown}".rstrip(), None))
        if first.url:
            lines.append((first.url, first.url))
    permission = credits.permission
    if permission is not None:
        text = f"{words['permission']}{words['colon']}{permission.text or ''}".rstrip()
        lines.append((text, None))
        if permission.licence:
            label = f"{words['licence']} {permission.licence}"
            lines.append((label, permission.licence_url))
        elif permission.url:
            lines.append((permission.url, permission.url))
    if credits.photos:
        names = [
            credit.name + (f" ({credit.detail})" if credit.detail else "")
            for credit in credits.photos
        ]
        lines.append((f"{words['photos']}{words['colon']}{_joined(names, words['and'])}", None))
    paragraph = document.add_paragraph(style="Portrait Metadata")
    first_text, first_url = lines[0]
    if first_url is None:
        writer.run(paragraph, first_text)
    else:
        writer.link(paragraph, first_text, first_url)
    _lines(paragraph, writer, lines[1:])


def _link_list(
    document: Document, writer: RunWriter, title: str, links: list[tuple[str, str | None, str]]
) -> None:
    if not links:
        return
    document.add_paragraph(title, style="Heading 2")
    for label, target, rest in links:
        paragraph = document.add_paragraph(style="List Bullet")
        if target is None:
            writer.run(paragraph, label)
        else:
            writer.link(paragraph, label, target)
        if rest:
            writer.run(paragraph, rest)


def _links(links: tuple[Link, ...]) -> list[tuple[str, str | None, str]]:
    return [(link.label, link.url, "") for link in links]


def _portrait(
    document: Document,
    writer: RunWriter,
    anthology: Anthology,
    portrait: Portrait,
    bookmarks: dict[str, str],
    image_width_cm: float,
    resolve: Callable[[Image, str], Path],
) -> None:
    language = anthology.language_of(portrait)
    words = labels(language)
    fr = _primary(language) == "fr"
    writer.language = language if language != anthology.language else None
    heading = document.add_paragraph(style="Heading 1")
    writer.run(heading, portrait.title)
    _add_bookmark(heading, list(bookmarks).index(portrait.id) + 1, bookmarks[portrait.id])
    for image in (portrait.photo, portrait.subject.photo):
        if image is not None:
            _picture(document, writer, image, image_width_cm, resolve, portrait.id, words)
    _metadata(document, writer, anthology, portrait, words)
    if portrait.subject.bio is not None:
        writer.blocks(portrait.subject.bio.source, style="Portrait Metadata")
    writer.blocks(portrait.lede.source, style="Lede")
    for part, exchanges in portrait.interview.grouped():
        if part is not None:
            paragraph = document.add_paragraph(style="Heading 2")
            writer.run(paragraph, part.title)
        for exchange in exchanges:
            question = document.add_paragraph(style="Question")
            if exchange.asker is not None:
                asker = portrait.speaker(exchange.asker).shown
                writer.run(question, f"{asker}\u2002: " if fr else f"{asker}: ")
            writer.inline_text(question, exchange.question.source)
            for answer in exchange.answers:
                lead = None
                if answer.speaker is not None:
                    shown = portrait.speaker(answer.speaker).shown
                    lead = f"{shown}\u2002: " if fr else f"{shown}: "
                writer.blocks(answer.text.source, style="Answer", lead=lead)
    writer.blocks(portrait.closing.source, style="Body Text")
    _credits(document, writer, portrait.credits, language, words)
    first_name = portrait.subject.name.split()[0]
    _link_list(
        document,
        writer,
        format_label(words["follow"], language, name=first_name),
        _links(portrait.follow),
    )
    related: list[tuple[str, str | None, str]] = []
    for other in portrait.related:
        if other.portrait in bookmarks:
            target: str | None = f"#{other.portrait}"
        else:
            target = other.url
        related.append((other.name, target, f", {other.affiliation}" if other.affiliation else ""))
    _link_list(document, writer, words["related"], related)
    _link_list(document, writer, words["reading"], _links(portrait.reading))
    writer.language = None
