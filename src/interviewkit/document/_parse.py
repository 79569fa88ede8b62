"""CommonMark text to document nodes, through the renderers' own markdown-it parser.

The parser is the one the visual formats always used (:func:`interviewkit.render.markdown.
parser_for`): the same typography rules, link checks, linkify and handle rules run on the token
stream, and the syntax tree that comes out is turned into :mod:`~interviewkit.document.nodes`.
Raw HTML is read as text, as everywhere (the ``raw_html`` option of a format renders the source
itself: :attr:`~interviewkit.document.RichBlocks.source`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import unquote

from markdown_it.token import Token

from interviewkit.document.nodes import (
    Block,
    BlockQuote,
    BulletList,
    Code,
    CodeBlock,
    Emphasis,
    Heading,
    Image,
    IndexTerm,
    Inline,
    LineBreak,
    Link,
    LinkKind,
    ListItem,
    OrderedList,
    Paragraph,
    SoftBreak,
    Span,
    Strong,
    Text,
    ThematicBreak,
)
from interviewkit.document.text import link_text
from interviewkit.render.link_notes import printed_address
from interviewkit.render.markdown import parser_for

__all__ = ["Anchors", "parse_blocks", "parse_inlines"]

#: Gives the next id of an indexed place (a handle, a hashtag, a portrait named, a marked term).
Anchors = Callable[[], str]


def _env(problems: list[str] | None) -> dict[str, Any]:
    return {"problems": problems if problems is not None else [], "refused_links": []}


def _report(env: dict[str, Any]) -> None:
    env["problems"].extend(str(refusal) for refusal in env["refused_links"])


def parse_blocks(
    source: str,
    language: str,
    platform: str | None,
    problems: list[str] | None = None,
    anchors: Anchors | None = None,
) -> tuple[Block, ...]:
    """Block text (an answer, a lede, a section body) as blocks; refused links go to
    ``problems`` (their text stays); ``anchors`` names the places the index points to."""
    if not source.strip():
        return ()
    env = _env(problems)
    tokens = parser_for(language, platform, False).parse(source, env)
    _report(env)
    return tuple(_Reader(anchors).blocks(tokens, 0)[0])


def parse_inlines(
    source: str,
    language: str,
    platform: str | None,
    problems: list[str] | None = None,
    anchors: Anchors | None = None,
) -> tuple[Inline, ...]:
    """One line (a question, a part title, a bio) as inlines, without a paragraph."""
    if not source.strip():
        return ()
    env = _env(problems)
    tokens = parser_for(language, platform, False).parseInline(source, env)
    _report(env)
    return _Reader(anchors).inline_of(tokens[0]) if tokens else ()


class _Reader:
    """One text's tokens to nodes, numbering the indexed places as it meets them."""

    def __init__(self, anchors: Anchors | None) -> None:
        self.anchors = anchors

    def anchor(self) -> str | None:
        return self.anchors() if self.anchors is not None else None

    def blocks(self, tokens: Sequence[Token], index: int) -> tuple[list[Block], int]:
        return _blocks(self, tokens, index)

    def inline_of(self, token: Token) -> tuple[Inline, ...]:
        return tuple(_inlines(self, token.children or [], 0)[0])


def _blocks(reader: _Reader, tokens: Sequence[Token], index: int) -> tuple[list[Block], int]:
    """The blocks from ``tokens[index]`` to the close of their container (or the end), and the
    index after that close.

    The token stream is read directly, without markdown-it's ``SyntaxTreeNode``: building
    that tree cost as much as turning it into nodes.
    """
    out: list[Block] = []
    count = len(tokens)
    while index < count:
        token = tokens[index]
        kind = token.type
        if token.nesting == -1:
            return out, index + 1
        if kind == "paragraph_open":
            out.append(Paragraph(reader.inline_of(tokens[index + 1])))
            index += 3  # paragraph_open, inline, paragraph_close
        elif kind == "heading_open":
            out.append(Heading(int(token.tag[1]), reader.inline_of(tokens[index + 1])))
            index += 3
        elif kind in {"bullet_list_open", "ordered_list_open"}:
            items: list[ListItem] = []
            first = index
            index += 1
            while tokens[index].type == "list_item_open":
                children, index = _blocks(reader, tokens, index + 1)
                items.append(ListItem(tuple(children)))
            # The list's close; a tight list's paragraphs are hidden (no <p> around them).
            tight = all(
                tokens[k].hidden
                for k in range(first, index)
                if tokens[k].type == "paragraph_open" and tokens[k].level == token.level + 2
            )
            index += 1
            if kind == "bullet_list_open":
                out.append(BulletList(tuple(items), tight=tight))
            else:
                start = int(str(token.attrGet("start") or 1))
                out.append(OrderedList(tuple(items), start=start, tight=tight))
        elif kind == "blockquote_open":
            children, index = _blocks(reader, tokens, index + 1)
            out.append(BlockQuote(tuple(children)))
        elif kind in {"fence", "code_block"}:
            info = token.info.strip().split(maxsplit=1) if kind == "fence" else []
            out.append(CodeBlock(token.content, language=info[0] if info else None))
            index += 1
        elif kind == "hr":
            out.append(ThematicBreak())
            index += 1
        else:  # pragma: no cover - raw HTML is off, so the dialect has no other block
            out.append(Paragraph((Text(token.content),)))
            index += 1
    return out, index


def _inlines(reader: _Reader, tokens: Sequence[Token], index: int) -> tuple[list[Inline], int]:
    """The inlines from ``tokens[index]`` to the close of their element (or the end), and the
    index after that close; adjacent texts are one (markdown-it splits text at some marks)."""
    out: list[Inline] = []
    count = len(tokens)
    while index < count:
        token = tokens[index]
        kind = token.type
        if token.nesting == -1:
            return out, index + 1
        inline: Inline | None = None
        if kind == "em_open" or kind == "strong_open":
            children, index = _inlines(reader, tokens, index + 1)
            wrapper = Emphasis if kind == "em_open" else Strong
            out.append(wrapper(tuple(children)))
            continue
        if kind == "link_open":
            children, index = _inlines(reader, tokens, index + 1)
            href = str(token.attrGet("href") or "")
            title = token.attrGet("title")
            kids = tuple(children)
            link_kind = _link_kind(token, href, kids)
            out.append(
                Link(
                    kids,
                    href,
                    kind=link_kind,
                    title=str(title) if title else None,
                    anchor=reader.anchor() if link_kind in {"handle", "hashtag"} else None,
                )
            )
            continue
        if kind == "span_open":
            children, index = _inlines(reader, tokens, index + 1)
            span, value = (token.meta or {}).get("span", ("plain", ""))
            kids = tuple(children)
            if span == "index":
                out.append(IndexTerm(kids, value or link_text(kids), anchor=reader.anchor()))
            elif span == "lang":
                out.append(Span(kids, lang=value))
            else:
                out.extend(kids)
            continue
        if kind in {"text", "html_inline"}:
            inline = Text(token.content) if token.content else None
        elif kind == "softbreak":
            inline = SoftBreak()
        elif kind == "hardbreak":
            inline = LineBreak()
        elif kind == "code_inline":
            inline = Code(token.content)
        elif kind == "image":
            title = token.attrGet("title")
            inline = Image(
                # markdown-it percent-encodes destinations: the path is the file name written.
                unquote(str(token.attrGet("src") or "")),
                alt=_alt(token.children or []),
                title=str(title) if title else None,
            )
        elif token.content:  # pragma: no cover - the dialect has no other inline
            inline = Text(token.content)
        index += 1
        if isinstance(inline, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + inline.text)
        elif inline is not None:
            out.append(inline)
    return out, index


def _link_kind(token: Token, href: str, children: tuple[Inline, ...]) -> LinkKind:
    """``address`` for a link whose text is its address however it was written (a bare URL,
    ``<https://...>``, ``[example.org](https://example.org)``): print adds nothing to it."""
    css = str(token.attrGet("class") or "")
    if css in {"handle", "hashtag"}:
        return "handle" if css == "handle" else "hashtag"
    if (
        token.markup in {"linkify", "autolink"}
        or printed_address(href, link_text(children)) is None
    ):
        return "address"
    return "text"


def _alt(tokens: Sequence[Token]) -> str:
    """An image's description as markdown-it writes it into ``alt`` (its renderInlineAsText)."""
    parts: list[str] = []
    for token in tokens:
        if token.type == "text":
            parts.append(token.content)
        elif token.type == "image":
            parts.append(_alt(token.children or []))
        elif token.type == "softbreak":
            parts.append("\n")
    return "".join(parts)
