"""Every inline of a portrait, in reading order: what the index looks through."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from interviewkit.document.book import PortraitDocument, RichBlocks, RichLine
from interviewkit.document.nodes import (
    Block,
    BlockQuote,
    BulletList,
    Cite,
    Emphasis,
    Heading,
    IndexTerm,
    Inline,
    Link,
    OrderedList,
    Paragraph,
    Span,
    Strong,
    Superscript,
)

__all__ = ["portrait_inlines"]


def _inlines(inlines: Iterable[Inline]) -> Iterator[Inline]:
    for inline in inlines:
        yield inline
        if isinstance(inline, Emphasis | Strong | Cite | Superscript | Span | IndexTerm | Link):
            yield from _inlines(inline.children)


def _blocks(blocks: Iterable[Block]) -> Iterator[Inline]:
    for block in blocks:
        if isinstance(block, Paragraph | Heading):
            yield from _inlines(block.children)
        elif isinstance(block, BulletList | OrderedList):
            for item in block.items:
                yield from _blocks(item.children)
        elif isinstance(block, BlockQuote):
            yield from _blocks(block.children)


def _text(text: RichBlocks | RichLine | None) -> Iterator[Inline]:
    if isinstance(text, RichBlocks):
        yield from _blocks(text.blocks)
    elif isinstance(text, RichLine):
        yield from _inlines(text.inlines)


def portrait_inlines(portrait: PortraitDocument) -> Iterator[tuple[str, Inline]]:
    """The bio, lede, part titles, questions, answers and closing of ``portrait``, in order,
    each inline with the id of the heading it is under (the portrait, a part, a question)."""
    for inline in _text(portrait.bio):
        yield portrait.id, inline
    for inline in _text(portrait.lede):
        yield portrait.id, inline
    for part in portrait.parts:
        for inline in _text(part.title):
            yield part.id or portrait.id, inline
        for exchange in part.exchanges:
            for inline in _text(exchange.question):
                yield exchange.id, inline
            for answer in exchange.answers:
                for inline in _text(answer.text):
                    yield exchange.id, inline
    for inline in _text(portrait.closing):
        yield portrait.id, inline
