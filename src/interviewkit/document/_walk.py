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


def portrait_inlines(portrait: PortraitDocument) -> Iterator[Inline]:
    """The bio, lede, part titles, questions, answers and closing of ``portrait``, in order."""
    yield from _text(portrait.bio)
    yield from _text(portrait.lede)
    for part in portrait.parts:
        yield from _text(part.title)
        for exchange in part.exchanges:
            yield from _text(exchange.question)
            for answer in exchange.answers:
                yield from _text(answer.text)
    yield from _text(portrait.closing)
