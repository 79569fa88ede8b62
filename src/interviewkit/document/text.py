"""Document nodes to plain text: what a reader of the text sees, for search, metadata, e-mail.

Lists keep their markers (``-``, ``1.``), quotes their ``>``, and a link whose text hides its
address is followed by the address in parentheses (a handle, a hashtag or an address shown as
itself is its text alone), so nothing a reader needs is lost on the way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import assert_never

from interviewkit.document.nodes import (
    Block,
    BlockQuote,
    BulletList,
    Cite,
    Code,
    CodeBlock,
    Emphasis,
    Heading,
    Image,
    IndexTerm,
    Inline,
    LineBreak,
    Link,
    ListItem,
    OrderedList,
    Paragraph,
    SoftBreak,
    Span,
    Strong,
    Superscript,
    Text,
    ThematicBreak,
)
from interviewkit.render.link_notes import printed_address

__all__ = ["blocks_text", "inlines_text", "join_names", "link_text"]


def link_text(inlines: Iterable[Inline]) -> str:
    """The characters of some inlines with no addresses added: a link's text as it reads."""
    parts: list[str] = []
    for inline in inlines:
        match inline:
            case Text(text=text) | Code(text=text):
                parts.append(text)
            case SoftBreak() | LineBreak():
                parts.append(" ")
            case (
                Emphasis(children=children)
                | Strong(children=children)
                | Cite(children=children)
                | Superscript(children=children)
                | Span(children=children)
                | IndexTerm(children=children)
                | Link(children=children)
            ):
                parts.append(link_text(children))
            case Image():
                pass
    return "".join(parts)


def inlines_text(inlines: Iterable[Inline]) -> str:
    """Inlines as one line of text; a link's hidden address follows it in parentheses."""
    parts: list[str] = []
    for inline in inlines:
        match inline:
            case Text(text=text) | Code(text=text):
                parts.append(text)
            case SoftBreak():
                parts.append(" ")
            case LineBreak():
                parts.append("\n")
            case (
                Emphasis(children=children)
                | Strong(children=children)
                | Cite(children=children)
                | Superscript(children=children)
                | Span(children=children)
                | IndexTerm(children=children)
            ):
                parts.append(inlines_text(children))
            case Link(children=children, target=target, kind=kind):
                text = inlines_text(children)
                shown = printed_address(target, link_text(children)) if kind == "text" else None
                parts.append(f"{text} ({shown})" if shown else text)
            case Image(alt=alt):
                parts.append(alt)
    return "".join(parts)


def blocks_text(blocks: Sequence[Block]) -> str:
    """Blocks as paragraphs of text separated by blank lines."""
    return "\n\n".join(_block(block) for block in blocks)


def _block(block: Block) -> str:
    match block:
        case Paragraph(children=children) | Heading(children=children):
            return inlines_text(children)
        case BulletList(items=items, tight=tight):
            return _list(items, ["-"] * len(items), tight)
        case OrderedList(items=items, start=start, tight=tight):
            return _list(items, [f"{start + n}." for n in range(len(items))], tight)
        case BlockQuote(children=children):
            return "\n".join(
                f"> {line}" if line else ">" for line in blocks_text(children).split("\n")
            )
        case CodeBlock(text=text):
            return text.rstrip("\n")
        case ThematicBreak():
            return "* * *"
    assert_never(block)  # the node set is closed


def _list(items: Sequence[ListItem], markers: list[str], tight: bool) -> str:
    written = []
    for item, marker in zip(items, markers, strict=True):
        body = ("\n" if tight else "\n\n").join(_block(child) for child in item.children)
        pad = " " * (len(marker) + 1)
        lines = body.split("\n")
        written.append(
            "\n".join(
                [f"{marker} {lines[0]}", *(pad + line if line else line for line in lines[1:])]
            )
        )
    return ("\n" if tight else "\n\n").join(written)


def join_names(names: list[str] | tuple[str, ...], conjunction: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` (no serial comma: French has none)."""
    if len(names) < 3:
        return f" {conjunction} ".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"
