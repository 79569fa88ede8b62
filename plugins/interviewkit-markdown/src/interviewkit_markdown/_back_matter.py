"""The book's generated back matter in Markdown: the concordance, the reading list, the index.

The entries, their order and their words are the book document's (the built-in formats print
the same).  A place links to the heading it is under (the portrait, the question, its "other
portraits" list): Markdown has no anchor on a word, so a handle or a marked term of an answer
links to its question.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from interviewkit.document import BookDocument, MarkdownWriter
from interviewkit.document.book import IndexEntry, Locator
from interviewkit.document.nodes import Link, Text
from interviewkit_markdown._write import escape

__all__ = ["PlaceLink", "back_matter_markdown"]

#: ``link(portrait_id, anchor)``: the Markdown destination of a place, or ``None`` (no link).
PlaceLink = Callable[[str, str | None], str | None]


def _heading(level: int, text: str, ident: str | None) -> str:
    return f"{'#' * min(level, 6)} {escape(text)}" + (f" {{#{ident}}}" if ident else "")


class _Writer:
    def __init__(
        self,
        document: BookDocument,
        level: int,
        heading_ids: bool,
        writer: MarkdownWriter,
        link: PlaceLink,
    ) -> None:
        self.document = document
        self.level = level
        self.ids = heading_ids
        self.writer = writer
        self.link = link
        headed = {portrait.id for portrait in document.portraits}
        for portrait in document.portraits:
            headed.update(exchange.id for exchange in portrait.exchanges)
            headed.update({f"{portrait.id}-related", f"{portrait.id}-reading"})
        self.headed = headed if heading_ids else set()

    def place(self, label: str, portrait_id: str | None, target: str) -> str:
        if portrait_id is None:
            return escape(label)
        anchor = target if target in self.headed and target != portrait_id else None
        destination = self.link(portrait_id, anchor)
        if destination is None:
            return escape(label)
        return self.writer.inlines((Link((Text(label),), destination),))

    def places(self, locators: Sequence[Locator]) -> str:
        return ", ".join(
            self.place(locator.label, locator.portrait_id, locator.heading or locator.target)
            for locator in locators
        )

    def entry(self, entry: IndexEntry, indent: str) -> list[str]:
        line = f"{indent}- {escape(entry.term)}"
        if entry.note:
            line += f" ({escape(entry.note)})"
        if entry.locators:
            line += f": {self.places(entry.locators)}"
        lines = [line]
        for sub in entry.subentries:
            lines.extend(self.entry(sub, indent + "  "))
        return lines

    def index(self) -> str:
        index = self.document.index
        if index is None:
            return ""
        blocks = [_heading(self.level, index.title, index.id if self.ids else None)]
        for group in index.groups:
            blocks.append(_heading(self.level + 1, group.letter, group.id if self.ids else None))
            blocks.append("\n".join(line for e in group.entries for line in self.entry(e, "")))
        return "\n\n".join(blocks) + "\n"

    def concordance(self) -> str:
        concordance = self.document.concordance
        if concordance is None:
            return ""
        ident = concordance.id if self.ids else None
        blocks = [_heading(self.level, concordance.title, ident), escape(concordance.intro)]
        for question in concordance.questions:
            title = self.writer.inlines(question.question.inlines)
            suffix = f" {{#{question.id}}}" if self.ids else ""
            blocks.append(f"{'#' * min(self.level + 1, 6)} {title}{suffix}")
            if not concordance.answers:
                blocks.append(
                    "\n".join(
                        f"- {self.place(p.subject, p.portrait_id, p.target)}"
                        for p in question.places
                    )
                )
                continue
            for place in question.places:
                level = "#" * min(self.level + 2, 6)
                blocks.append(
                    f"{level} {self.place(place.subject, place.portrait_id, place.target)}"
                )
                for answer in place.answers:
                    text = self.writer.blocks(answer.text.blocks, heading_level=self.level + 3)
                    if answer.speaker is not None:
                        colon = self.document.labels["colon"]
                        text = f"**{escape(answer.speaker.label)}**{colon} {text}"
                    blocks.append(text)
        return "\n\n".join(blocks) + "\n"

    def reading_list(self) -> str:
        reading = self.document.reading_list
        if reading is None:
            return ""
        ident = reading.id if self.ids else None
        lines = [
            f"- {self.writer.inlines((Link((Text(entry.label),), entry.target),))}"
            f" — {escape(entry.line)}"
            for entry in reading.entries
        ]
        return _heading(self.level, reading.title, ident) + "\n\n" + "\n".join(lines) + "\n"


def back_matter_markdown(
    document: BookDocument,
    *,
    level: int,
    heading_ids: bool,
    writer: MarkdownWriter,
    link: PlaceLink,
) -> list[str]:
    """The generated parts as Markdown blocks (the concordance, the reading list, the index),
    to go after the sources page, where the built-in formats place them."""
    parts = _Writer(document, level, heading_ids, writer, link)
    return [text for text in (parts.concordance(), parts.reading_list(), parts.index()) if text]
