"""CommonMark to Word paragraphs and runs, through markdown-it-py's token stream.

Block tokens become paragraphs (lists take the ``List Bullet`` / ``List Number`` styles, one
level per nesting depth, and every ordered list restarts its numbering); inline tokens become
runs with bold, italic, the ``Inline Code`` character style, and real hyperlinks (external
relationships, or internal links to bookmarks for ``#portrait-id`` targets).

A link written in rich text becomes a hyperlink only when interviewkit's model accepts its URL
(an absolute ``http``, ``https`` or ``mailto`` address, checked by constructing a
:class:`~interviewkit.Link`); any other, a relative one included, is written as its text and
reported, as in every format of interviewkit.  Word would resolve a relative target against the
document's own folder.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from markdown_it import MarkdownIt

from interviewkit import Link, ModelError

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.numbering import CT_NumPr
    from docx.oxml.shared import CT_DecimalNumber
    from docx.oxml.text.run import CT_R
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run
    from markdown_it.token import Token

__all__ = ["RunWriter"]

#: Returns the bookmark name for an internal ``#target``, or ``None`` when there is none.
BookmarkLookup = Callable[[str], str | None]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # The same dialect as interviewkit itself: CommonMark, raw HTML shown as text.  Every
    # destination becomes a link token, so that RunWriter.inline decides, with the model's
    # check, which links are written (images are never fetched: their alt text stands in).
    md = MarkdownIt("commonmark", {"html": False})
    md.validateLink = _any_link  # type: ignore[method-assign]
    return md


def _any_link(url: str) -> bool:
    return True


def accepted(href: str) -> bool:
    """Whether a link of rich text is written as a hyperlink: the model's URL check decides.

    A refused one is written as its text; interviewkit's content checks (``check`` and
    ``build``) warn about it, once for every format.
    """
    try:
        Link(label="link", url=href)
    except ModelError:
        return False
    return True


class RunWriter:
    """Adds CommonMark text to a document as styled paragraphs and runs."""

    def __init__(self, document: Document, bookmarks: BookmarkLookup) -> None:
        self.document = document
        self.bookmarks = bookmarks
        self.language: str | None = None
        """When set, every run is marked with this language (a portrait in another language)."""

    # ------------------------------------------------------------------ runs

    def run(
        self,
        paragraph: Paragraph,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        code: bool = False,
        container: BaseOxmlElement | None = None,
    ) -> Run:
        """Append one run (to ``container``, a hyperlink element, when given)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.text.run import Run

        element = cast("CT_R", OxmlElement("w:r"))
        (container if container is not None else paragraph._p).append(element)
        run = Run(element, paragraph)
        run.text = text
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if code:
            run.style = self.document.styles["Inline Code"]
        if container is not None:
            run.style = self.document.styles["Hyperlink"]
        if self.language is not None:
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), self.language)
            element.get_or_add_rPr().append(lang)
        return run

    def hyperlink(self, paragraph: Paragraph, href: str) -> BaseOxmlElement:
        """A ``w:hyperlink`` element appended to the paragraph, for runs to go in."""
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        # OxmlElement is typed as a plain lxml element; it is python-docx's own element class.
        link = cast("BaseOxmlElement", OxmlElement("w:hyperlink"))
        if href.startswith("#"):
            bookmark = self.bookmarks(href[1:])
            if bookmark is None:
                paragraph._p.append(link)
                return link
            link.set(qn("w:anchor"), bookmark)
        else:
            rel_id = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            link.set(qn("r:id"), rel_id)
        link.set(qn("w:history"), "1")
        paragraph._p.append(link)
        return link

    def link(self, paragraph: Paragraph, text: str, href: str) -> None:
        """A hyperlink with plain text."""
        self.run(paragraph, text, container=self.hyperlink(paragraph, href))

    def inline(
        self, paragraph: Paragraph, children: Sequence[Token], *, strong: bool = False
    ) -> None:
        """Add the runs of an inline token's children to ``paragraph`` (all bold if ``strong``)."""
        bold, italic = int(strong), 0
        link: BaseOxmlElement | None = None
        for child in children:
            kind = child.type
            if kind == "text":
                if child.content:
                    self.run(
                        paragraph, child.content, bold=bold > 0, italic=italic > 0, container=link
                    )
            elif kind == "code_inline":
                self.run(
                    paragraph,
                    child.content,
                    bold=bold > 0,
                    italic=italic > 0,
                    code=True,
                    container=link,
                )
            elif kind == "softbreak":
                self.run(paragraph, " ", container=link)
            elif kind == "hardbreak":
                self.run(paragraph, "", container=link).add_break()
            elif kind == "strong_open":
                bold += 1
            elif kind == "strong_close":
                bold -= 1
            elif kind == "em_open":
                italic += 1
            elif kind == "em_close":
                italic -= 1
            elif kind == "link_open":
                href = str(child.attrGet("href") or "")
                if accepted(href):
                    link = self.hyperlink(paragraph, href)
            elif kind == "link_close":
                link = None
            elif kind == "image":
                # Images inside answers are not embedded: their alt text stands in for them.
                alt = child.content or str(child.attrGet("src") or "")
                self.run(paragraph, f"[{alt}]", italic=True, container=link)
            elif child.content:
                self.run(paragraph, child.content, container=link)

    def inline_text(self, paragraph: Paragraph, source: str) -> None:
        """Add one line of inline CommonMark (a question, a caption) to ``paragraph``."""
        for token in _parser().parse(source):
            if token.type == "inline" and token.children is not None:
                self.inline(paragraph, token.children)

    # ------------------------------------------------------------------ blocks

    def blocks(self, source: str, *, style: str, lead: str | None = None) -> list[Paragraph]:
        """Add block CommonMark as paragraphs of ``style`` (lists and quotes get their own).

        ``lead`` starts the first paragraph in bold (a speaker's name).
        """
        added: list[Paragraph] = []

        def started(paragraph: Paragraph) -> Paragraph:
            if lead is not None and not added:
                self.run(paragraph, lead, bold=True)
            added.append(paragraph)
            return paragraph

        lists: list[tuple[str, int | None]] = []
        quote = 0
        item_started = heading = False
        for token in _parser().parse(source):
            kind = token.type
            if kind == "bullet_list_open":
                lists.append(("bullet", None))
            elif kind == "ordered_list_open":
                start = int(str(token.attrGet("start") or 1))
                name = f"List Number{_depth_suffix(len(lists) + 1)}"
                lists.append(("number", self._restart_numbering(name, start)))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif kind == "list_item_open":
                item_started = True
            elif kind in ("heading_open", "heading_close"):
                heading = kind == "heading_open"
            elif kind == "blockquote_open":
                quote += 1
            elif kind == "blockquote_close":
                quote -= 1
            elif kind == "inline" and token.children is not None:
                paragraph = started(self._paragraph(lists, quote, style, item_started))
                item_started = False
                # A heading inside rich text stays in the flow, as a bold paragraph.
                self.inline(paragraph, token.children, strong=heading)
            elif kind in ("fence", "code_block"):
                paragraph = started(self.document.add_paragraph(style=style))
                lines = token.content.rstrip("\n").split("\n")
                for number, line in enumerate(lines):
                    run = self.run(paragraph, line, code=True)
                    if number < len(lines) - 1:
                        run.add_break()
            elif kind == "hr":
                paragraph = started(self.document.add_paragraph(style=style))
                self.run(paragraph, "*\u2003*\u2003*")
        return added

    def _paragraph(
        self, lists: list[tuple[str, int | None]], quote: int, style: str, item_started: bool
    ) -> Paragraph:
        if not lists:
            return self.document.add_paragraph(style="Quote" if quote else style)
        kind, num_id = lists[-1]
        suffix = _depth_suffix(len(lists))
        if not item_started:
            return self.document.add_paragraph(style=f"List Continue{suffix}")
        name = "List Bullet" if kind == "bullet" else "List Number"
        paragraph = self.document.add_paragraph(style=f"{name}{suffix}")
        if num_id is not None:
            # get_or_add_numPr is generated at run time by python-docx's element metaclass.
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()  # type: ignore[attr-defined]
            num_pr.get_or_add_ilvl().val = self._style_level(f"{name}{suffix}")
            num_pr.get_or_add_numId().val = num_id
        return paragraph

    def _style_num_pr(self, style_name: str) -> CT_NumPr | None:
        p_pr = self.document.styles[style_name].element.pPr
        return p_pr.numPr if p_pr is not None else None

    def _style_level(self, style_name: str) -> int:
        num_pr = self._style_num_pr(style_name)
        ilvl = cast("CT_DecimalNumber | None", num_pr.ilvl if num_pr is not None else None)
        return int(ilvl.val) if ilvl is not None else 0

    def _restart_numbering(self, style_name: str, start: int) -> int | None:
        """A new numbering instance of a numbered list style that starts at ``start``.

        Word continues a numbered style's list across the whole document; a new ``w:num``
        with a start override makes each Markdown list count from its own first number.
        """
        num_pr = self._style_num_pr(style_name)
        num_id = cast("CT_DecimalNumber | None", num_pr.numId if num_pr is not None else None)
        if num_id is None:
            return None
        numbering = self.document.part.numbering_part.element
        base = numbering.num_having_numId(num_id.val)
        num = numbering.add_num(base.abstractNumId.val)
        override = num.add_lvlOverride(ilvl=self._style_level(style_name))
        override.add_startOverride(start)
        return int(num.numId)


def _depth_suffix(depth: int) -> str:
    """Style-name suffix of a list nesting depth: ``""``, ``" 2"``, ``" 3"`` (the deepest)."""
    depth = min(depth, 3)
    return "" if depth == 1 else f" {depth}"
