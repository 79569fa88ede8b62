"""Document nodes to HTML and XHTML: the markup of every visual format and of plugins.

The output is the markup markdown-it-py writes for the same text (``<p>``, ``<ul>``/``<li>``,
``<br />``...), well-formed XHTML, with every text escaped by markdown-it's own ``escapeHtml``.
What a format decides is passed in: how an image path becomes a ``src`` (embedded, copied,
packaged; ``None`` leaves the image out, replaced by its description, and says so), how a
portrait id becomes an address, and, for print, where the addresses of links are printed
(``interviewkit.render.link_notes.LinkNotes``) and where words may break
(``interviewkit.render.hyphenation.Hyphenator``).

Addresses shown as themselves (a bare URL, a credit's source) carry the class ``url``, handles
and hashtags ``handle`` and ``hashtag``, so a stylesheet can break or style them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from markdown_it.common.utils import escapeHtml
from markupsafe import Markup, escape

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
from interviewkit.document.text import link_text
from interviewkit.model._links import ANY_SCHEME
from interviewkit.render.hyphenation import Hyphenator
from interviewkit.render.link_notes import LinkNotes, printed_address

__all__ = ["HtmlWriter", "ImageResolver", "PortraitHref"]

#: ``resolve(path) -> src`` for an image path of the text, or ``None`` to leave it out.
ImageResolver = Callable[[str], str | None]
#: ``href(portrait_id)``: the address of a portrait of the book, from the page being written.
PortraitHref = Callable[[str], str]


class HtmlWriter:
    """Writes blocks and inlines as HTML for one format (and, for print, one text's notes).

    :param resolve_image: an image path to its ``src``; without it, images are left out.
    :param portrait_href: a portrait id to its address; without it, ``#id``.
    :param problems: where to say what was left out (an image that could not be used).
    :param link_notes: print the address of each link after it (print only).
    :param hyphenator: put soft hyphens into the running text, never into links, code or
        headings (print only).
    :param anchors: write the ids of the places the index points to (a handle, a marked
        term); ``False`` for a text printed a second time (an answer in the concordance).
    """

    def __init__(
        self,
        *,
        resolve_image: ImageResolver | None = None,
        portrait_href: PortraitHref | None = None,
        problems: list[str] | None = None,
        link_notes: LinkNotes | None = None,
        hyphenator: Hyphenator | None = None,
        anchors: bool = True,
    ) -> None:
        self.anchors = anchors
        self.resolve_image = resolve_image
        self.portrait_href = portrait_href
        self.problems = problems if problems is not None else []
        self.link_notes = link_notes
        self.hyphenator = hyphenator if hyphenator is not None and hyphenator.available else None

    # ------------------------------------------------------------------ entry points

    def blocks(self, blocks: Sequence[Block], *, heading_level: int = 3) -> Markup:
        """Blocks as HTML; a heading written ``#`` in the text becomes ``<h{heading_level}>``."""
        out: list[str] = []
        for block in blocks:
            self._block(block, heading_level - 1, out)
        return Markup("".join(out))

    def inlines(self, inlines: Sequence[Inline]) -> Markup:
        """Inlines as HTML (a question, a title, a credit line), without a paragraph."""
        out: list[str] = []
        self._inlines(inlines, out, running=True)
        return Markup("".join(out))

    # ------------------------------------------------------------------ blocks

    def _block(self, block: Block, offset: int, out: list[str]) -> None:
        match block:
            case Paragraph(children=children):
                out.append("<p>")
                self._inlines(children, out, running=True)
                out.append("</p>\n")
            case Heading(level=level, children=children):
                tag = f"h{min(6, level + offset)}"
                out.append(f"<{tag}>")
                self._inlines(children, out, running=False)
                out.append(f"</{tag}>\n")
            case BulletList(items=items, tight=tight):
                out.append("<ul>\n")
                self._items(items, tight, offset, out)
                out.append("</ul>\n")
            case OrderedList(items=items, start=start, tight=tight):
                out.append("<ol>\n" if start == 1 else f'<ol start="{start}">\n')
                self._items(items, tight, offset, out)
                out.append("</ol>\n")
            case BlockQuote(children=children):
                out.append("<blockquote>\n" if children else "<blockquote>")
                for child in children:
                    self._block(child, offset, out)
                out.append("</blockquote>\n")
            case CodeBlock(text=text, language=language):
                css = f' class="language-{escapeHtml(language)}"' if language else ""
                out.append(f"<pre><code{css}>{escapeHtml(text)}</code></pre>\n")
            case ThematicBreak():
                out.append("<hr />\n")

    def _items(self, items: Iterable[ListItem], tight: bool, offset: int, out: list[str]) -> None:
        for item in items:
            children = item.children
            if not children:
                out.append("<li></li>\n")
                continue
            # As markdown-it writes it: in a tight list a paragraph is its text alone, and the
            # block after such a text starts on a line of its own.
            bare = tight and isinstance(children[0], Paragraph)
            out.append("<li>" if bare else "<li>\n")
            after_text = False
            for child in children:
                if tight and isinstance(child, Paragraph):
                    self._inlines(child.children, out, running=True)
                    after_text = True
                    continue
                if after_text:
                    out.append("\n")
                self._block(child, offset, out)
                after_text = False
            out.append("</li>\n")

    # ------------------------------------------------------------------ inlines

    def _inlines(self, inlines: Iterable[Inline], out: list[str], *, running: bool) -> None:
        """``running``: text that may take soft hyphens (not a heading's, not a link's)."""
        for inline in inlines:
            self._inline(inline, out, running)

    def _inline(self, inline: Inline, out: list[str], running: bool) -> None:
        match inline:
            case Text(text=text):
                if running and self.hyphenator is not None:
                    text = self.hyphenator.hyphenate(text)
                out.append(escapeHtml(text))
            case SoftBreak():
                out.append("\n")
            case LineBreak():
                out.append("<br />\n")
            case Code(text=text):
                out.append(f"<code>{escapeHtml(text)}</code>")
            case Emphasis(children=children):
                self._wrapped("em", children, out, running)
            case Strong(children=children):
                self._wrapped("strong", children, out, running)
            case Cite(children=children):
                self._wrapped("cite", children, out, running)
            case Superscript(children=children):
                self._wrapped("sup", children, out, running)
            case Span(children=children, lang=lang):
                out.append(f'<span lang="{escapeHtml(lang)}">')
                self._inlines(children, out, running=running)
                out.append("</span>")
            case IndexTerm(children=children, anchor=anchor):
                if anchor is not None and self.anchors:
                    out.append(f'<span id="{escapeHtml(anchor)}">')
                    self._inlines(children, out, running=running)
                    out.append("</span>")
                else:
                    self._inlines(children, out, running=running)
            case Link():
                self._link(inline, out)
            case Image():
                self._image(inline, out)

    def _wrapped(self, tag: str, children: Iterable[Inline], out: list[str], running: bool) -> None:
        out.append(f"<{tag}>")
        self._inlines(children, out, running=running)
        out.append(f"</{tag}>")

    def _link(self, link: Link, out: list[str]) -> None:
        target = link.target
        if link.kind == "portrait":
            target = self.portrait_href(target) if self.portrait_href else f"#{target}"
        if link.kind == "address":
            out.append(f'<a class="url" href="{escapeHtml(target)}"')
        else:
            out.append(f'<a href="{escapeHtml(target)}"')
        if link.kind in {"handle", "hashtag"}:
            out.append(f' class="{link.kind}"')
        if link.anchor is not None and self.anchors:
            out.append(f' id="{escapeHtml(link.anchor)}"')
        if link.title:
            out.append(f' title="{escapeHtml(link.title)}"')
        out.append(">")
        self._inlines(link.children, out, running=False)
        out.append("</a>")
        if self.link_notes is not None and link.kind == "text":
            shown = printed_address(link.target, link_text(link.children))
            if shown is not None:
                out.append(str(self.link_notes.mark(self.link_notes.add(link.target, shown))))

    def _image(self, image: Image, out: list[str]) -> None:
        local = not ANY_SCHEME.match(image.path) and not image.path.startswith("//")
        src = self.resolve_image(image.path) if self.resolve_image and local else None
        if src is None:
            self.problems.append(
                f"image {image.path!r} left out: only images inside the anthology folder are used"
            )
            out.append(f'<span class="missing-image">{escape(image.alt)}</span>')
            return
        out.append(f'<img src="{escapeHtml(src)}" alt="{escapeHtml(image.alt)}"')
        if image.title:
            out.append(f' title="{escapeHtml(image.title)}"')
        out.append(" />")
