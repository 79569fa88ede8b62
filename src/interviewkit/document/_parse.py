"""CommonMark text to document nodes, through the renderers' own markdown-it parser.

The parser is the one the visual formats always used (:func:`interviewkit.render.markdown.
parser_for`): the same typography rules, link checks, linkify and handle rules run on the token
stream, and the syntax tree that comes out is turned into :mod:`~interviewkit.document.nodes`.
Raw HTML is read as text, as everywhere (the ``raw_html`` option of a format renders the source
itself: :attr:`~interviewkit.document.RichBlocks.source`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import unquote

from markdown_it.tree import SyntaxTreeNode

from interviewkit.document.nodes import (
    Block,
    BlockQuote,
    BulletList,
    Code,
    CodeBlock,
    Emphasis,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    LinkKind,
    ListItem,
    OrderedList,
    Paragraph,
    SoftBreak,
    Strong,
    Text,
    ThematicBreak,
)
from interviewkit.document.text import link_text
from interviewkit.render.link_notes import printed_address
from interviewkit.render.markdown import parser_for

__all__ = ["parse_blocks", "parse_inlines"]


def _env(problems: list[str] | None) -> dict[str, Any]:
    return {"problems": problems if problems is not None else [], "refused_links": []}


def _report(env: dict[str, Any]) -> None:
    env["problems"].extend(str(refusal) for refusal in env["refused_links"])


def parse_blocks(
    source: str, language: str, platform: str | None, problems: list[str] | None = None
) -> tuple[Block, ...]:
    """Block text (an answer, a lede, a section body) as blocks; refused links go to
    ``problems`` (their text stays)."""
    if not source.strip():
        return ()
    env = _env(problems)
    tokens = parser_for(language, platform, False).parse(source, env)
    _report(env)
    return tuple(_blocks(SyntaxTreeNode(tokens).children))


def parse_inlines(
    source: str, language: str, platform: str | None, problems: list[str] | None = None
) -> tuple[Inline, ...]:
    """One line (a question, a part title, a bio) as inlines, without a paragraph."""
    if not source.strip():
        return ()
    env = _env(problems)
    tokens = parser_for(language, platform, False).parseInline(source, env)
    _report(env)
    root = SyntaxTreeNode(tokens)
    inline = root.children[0] if root.children else None
    return _inlines(inline.children) if inline is not None else ()


def _blocks(nodes: Iterable[SyntaxTreeNode]) -> Iterator[Block]:
    for node in nodes:
        kind = node.type
        if kind == "paragraph":
            yield Paragraph(_inline_of(node))
        elif kind == "heading":
            yield Heading(int(node.tag[1]), _inline_of(node))
        elif kind == "bullet_list":
            yield BulletList(_items(node), tight=_tight(node))
        elif kind == "ordered_list":
            start = int(str(node.attrs.get("start", 1)))
            yield OrderedList(_items(node), start=start, tight=_tight(node))
        elif kind == "blockquote":
            yield BlockQuote(tuple(_blocks(node.children)))
        elif kind in {"fence", "code_block"}:
            info = node.info.strip().split(maxsplit=1) if kind == "fence" else []
            yield CodeBlock(node.content, language=info[0] if info else None)
        elif kind == "hr":
            yield ThematicBreak()
        else:  # pragma: no cover - raw HTML is off, so the dialect has no other block
            yield Paragraph((Text(node.content),))


def _inline_of(node: SyntaxTreeNode) -> tuple[Inline, ...]:
    return _inlines(node.children[0].children) if node.children else ()


def _items(node: SyntaxTreeNode) -> tuple[ListItem, ...]:
    return tuple(ListItem(tuple(_blocks(item.children))) for item in node.children)


def _tight(node: SyntaxTreeNode) -> bool:
    return all(
        child.hidden
        for item in node.children
        for child in item.children
        if child.type == "paragraph"
    )


def _inlines(nodes: Iterable[SyntaxTreeNode]) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for node in nodes:
        inline = _inline(node)
        if isinstance(inline, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + inline.text)  # markdown-it splits text at some marks
        elif inline is not None:
            out.append(inline)
    return tuple(out)


def _inline(node: SyntaxTreeNode) -> Inline | None:
    kind = node.type
    if kind in {"text", "html_inline"}:
        return Text(node.content) if node.content else None
    if kind == "softbreak":
        return SoftBreak()
    if kind == "hardbreak":
        return LineBreak()
    if kind == "code_inline":
        return Code(node.content)
    if kind == "em":
        return Emphasis(_inlines(node.children))
    if kind == "strong":
        return Strong(_inlines(node.children))
    if kind == "link":
        title = node.attrs.get("title")
        children = _inlines(node.children)
        href = str(node.attrs.get("href", ""))
        return Link(
            children,
            href,
            kind=_link_kind(node, href, children),
            title=str(title) if title else None,
        )
    if kind == "image":
        title = node.attrs.get("title")
        return Image(
            # markdown-it percent-encodes destinations: the path is the file name written.
            unquote(str(node.attrs.get("src", ""))),
            alt=_plain(node),
            title=str(title) if title else None,
        )
    return Text(node.content) if node.content else None  # pragma: no cover


def _link_kind(node: SyntaxTreeNode, href: str, children: tuple[Inline, ...]) -> LinkKind:
    """``address`` for a link whose text is its address however it was written (a bare URL,
    ``<https://...>``, ``[example.org](https://example.org)``): print adds nothing to it."""
    css = str(node.attrs.get("class", ""))
    if css in {"handle", "hashtag"}:
        return "handle" if css == "handle" else "hashtag"
    if node.markup in {"linkify", "autolink"} or printed_address(href, link_text(children)) is None:
        return "address"
    return "text"


def _plain(node: SyntaxTreeNode) -> str:
    """The text of an image's description, as markdown-it writes it into ``alt``."""
    return "".join(
        child.content
        if child.type == "text"
        else "\n"
        if child.type == "softbreak"
        else ""
        if child.type in {"code_inline", "hardbreak"}
        else _plain(child)
        for child in node.children
    )
