"""The generated back matter in Word: the concordance, the reading list, and a real Word index.

The entries are the book document's (every format prints the same).  The index is a Word
index, not only text: an ``XE`` field (an index mark) at each place an entry points to (the
handle or the marked term itself, the question, the portrait's title), and an ``INDEX``
field where the index goes.  Word and LibreOffice compute its page numbers when fields are
updated (the document asks Word to on opening); until then the field shows the book's own
index, with the subjects' names for places, so the document reads right in any viewer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from interviewkit.document import BookDocument
from interviewkit.document.book import IndexEntry, Locator
from interviewkit_docx._fields import field_char, instruction

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

    from interviewkit_docx._runs import RunWriter

__all__ = ["index_marks", "marks_for", "write_back_matter"]

#: Adds a paragraph of a style at the end of the document.
NewParagraph = Callable[[str], "Paragraph"]


def _field_text(text: str) -> str:
    """A term as an ``XE`` field argument: backslash, quote and colon escaped (Word reads an
    unescaped colon as the start of a sub-entry)."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace(":", "\\:")


def _term(entry: IndexEntry) -> str:
    return f"{entry.term} ({entry.note})" if entry.note else entry.term


def index_marks(book: BookDocument) -> dict[str, list[str]]:
    """The ``XE`` arguments to place at each id of the book: ``"Term"``, ``"Term:Role"``."""
    marks: dict[str, list[str]] = {}

    def mark(locators: Iterable[Locator], text: str) -> None:
        for locator in locators:
            places = marks.setdefault(locator.target, [])
            if text not in places:
                places.append(text)

    if book.index is not None:
        for entry in book.index.entries:
            mark(entry.locators, _field_text(_term(entry)))
            for sub in entry.subentries:
                mark(sub.locators, f"{_field_text(entry.term)}:{_field_text(sub.term)}")
    return marks


def _places(writer: RunWriter, paragraph: Paragraph, locators: Sequence[Locator]) -> None:
    """Each place as its subject's name, linked to the nearest bookmark (a word of a text has
    none: its question's)."""
    for number, locator in enumerate(locators):
        if number:
            writer.run(paragraph, ", ")
        target = locator.heading or locator.target
        if target not in writer.bookmarks and locator.portrait_id is not None:
            target = locator.portrait_id
        writer.text(paragraph, locator.label, target=target, kind="portrait")


def _concordance(book: BookDocument, writer: RunWriter, new: NewParagraph) -> None:
    concordance = book.concordance
    if concordance is None:
        return
    writer.text(new("Heading 1"), concordance.title)
    writer.text(new("Body Text"), concordance.intro)
    for question in concordance.questions:
        writer.inlines(new("Heading 2"), question.question.inlines)
        for place in question.places:
            if concordance.answers:
                paragraph = new("Heading 3")
                writer.text(paragraph, place.subject, target=place.target, kind="portrait")
                for answer in place.answers:
                    lead = (
                        f"{answer.speaker.label}{book.labels['colon']} " if answer.speaker else None
                    )
                    writer.blocks(answer.text.blocks, style="Answer", lead=lead)
            else:
                paragraph = new("List Bullet")
                writer.text(paragraph, place.subject, target=place.target, kind="portrait")


def _reading_list(book: BookDocument, writer: RunWriter, new: NewParagraph) -> None:
    reading = book.reading_list
    if reading is None:
        return
    writer.text(new("Heading 1"), reading.title)
    for entry in reading.entries:
        paragraph = new("List Bullet")
        writer.text(paragraph, entry.label, target=entry.target)
        writer.run(paragraph, f" \u2014 {entry.line}")


def _index(book: BookDocument, writer: RunWriter, new: NewParagraph) -> None:
    index = book.index
    if index is None:
        return
    writer.text(new("Heading 1"), index.title)
    opening = new("Index Letter")
    # Letters as headings (\h), two columns (\c); the result until Word updates it is ours.
    field_char(opening, "begin", dirty=True)
    instruction(opening, ' INDEX \\h "A" \\c "2" ')
    field_char(opening, "separate")
    paragraph = opening
    for number, group in enumerate(index.groups):
        if number:
            paragraph = new("Index Letter")
        writer.run(paragraph, group.letter)
        for entry in group.entries:
            paragraph = new("Index Entry")
            writer.run(paragraph, _term(entry))
            if entry.locators:
                writer.run(paragraph, " ")
                _places(writer, paragraph, entry.locators)
            for sub in entry.subentries:
                paragraph = new("Index Subentry")
                writer.run(paragraph, f"{sub.term} ")
                _places(writer, paragraph, sub.locators)
    field_char(paragraph, "end")


def write_back_matter(book: BookDocument, writer: RunWriter, new: NewParagraph) -> None:
    """The concordance, the reading list and the index, after the sources page: the order of
    the built-in formats."""
    _concordance(book, writer, new)
    _reading_list(book, writer, new)
    _index(book, writer, new)


def marks_for(marks: Mapping[str, list[str]], ident: str | None) -> list[str]:
    """The ``XE`` arguments to place at ``ident`` (none for ``None``)."""
    return marks.get(ident, []) if ident is not None else []
