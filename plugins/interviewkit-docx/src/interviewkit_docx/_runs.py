"""The book document's nodes as Word paragraphs and runs.

interviewkit has already parsed, typeset and checked every text (:mod:`interviewkit.document`):
this module only walks the nodes.  Blocks become paragraphs (lists take the ``List Bullet`` /
``List Number`` styles, one level per nesting depth, and every ordered list restarts its
numbering; quotes take ``Quote``); inlines become runs with bold, italic (emphasis and the title
of a work), superscript, the ``Inline Code`` character style, a language mark for a
:class:`~interviewkit.document.nodes.Span` of another language, and real hyperlinks: external
relationships for addresses, handles and hashtags, internal links to bookmarks for another
portrait of the book.

A link becomes a hyperlink only when interviewkit's model accepts its address (an absolute
``http``, ``https`` or ``mailto`` one, checked again here by constructing a
:class:`~interviewkit.Link`): the document holds no other, and Word would resolve anything else
against the document's own folder.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, assert_never, cast

import attrs

from interviewkit import Link as ModelLink
from interviewkit import ModelError
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
    OrderedList,
    Paragraph,
    SoftBreak,
    Span,
    Strong,
    Superscript,
    Text,
    ThematicBreak,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.numbering import CT_NumPr
    from docx.oxml.shared import CT_DecimalNumber
    from docx.oxml.text.paragraph import CT_P
    from docx.oxml.text.run import CT_R
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.paragraph import Paragraph as WordParagraph
    from docx.text.run import Run

    #: Adds a paragraph of a style (the first one of a text gets its lead).
    _NewParagraph = Callable[[str], WordParagraph]

__all__ = ["Marks", "RunWriter", "accepted"]


def accepted(href: str) -> bool:
    """Whether an address is written as a hyperlink: the model's URL check decides."""
    try:
        ModelLink(label="link", url=href)
    except ModelError:
        return False
    return True


@attrs.frozen
class Marks:
    """The character formatting of a run, as the nodes around it set it."""

    bold: bool = False
    italic: bool = False
    superscript: bool = False
    lang: str | None = None
    """A language other than the text's around it (a :class:`Span`)."""


@attrs.frozen
class _List:
    """An open list: its style name (``List Bullet 2``...) and its numbering instance."""

    style: str
    num_id: int | None


class RunWriter:
    """Adds document nodes to a Word document as styled paragraphs and runs.

    :param bookmarks: the bookmark name of each id of the book document that has one (a
        portrait, a titled part, a question), for links to another portrait.
    """

    def __init__(
        self,
        document: Document,
        bookmarks: Mapping[str, str],
        index_marks: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        self.document = document
        self.bookmarks = bookmarks
        self.index_marks = index_marks or {}
        """The ``XE`` arguments of the index entries that point to a word's id."""
        self.language: str | None = None
        """When set, every run is marked with this language (a portrait in another language)."""
        self._elements: dict[WordParagraph, CT_P] = {}
        self._style_ids: dict[str, str | None] = {}
        self._links: dict[str, str] = {}
        self._end: BaseOxmlElement | None = None

    # ------------------------------------------------------------------ paragraphs

    def paragraph(self, style: str | None = None) -> WordParagraph:
        """A new paragraph of ``style`` at the end of the document.

        It is made from its ``w:p`` element, added to the public ``Document.element``'s body,
        and kept (python-docx has no public accessor to a paragraph's element, which runs,
        hyperlinks and numbering are added to).  Its style is set by id, looked up once per
        name: ``add_paragraph(style=name)`` looks the name up and then scans every style of the
        document for the default one on each call, which was half the time of a large book.
        """
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph as WordParagraph

        # Before the body's section properties, which end it: python-docx's add_p finds them
        # among every paragraph of the body on each call, so a book took quadratic time.
        element = cast("CT_P", OxmlElement("w:p"))
        if self._end is None:
            self._end = self.document.element.body.get_or_add_sectPr()
        self._end.addprevious(element)
        style_id = self.style_id(style) if style is not None else None
        if style_id is not None:
            element.style = style_id
        paragraph = WordParagraph(element, self.document)
        self._elements[paragraph] = element
        return paragraph

    def element(self, paragraph: WordParagraph) -> CT_P:
        """The ``w:p`` element of a paragraph made by :meth:`paragraph`."""
        return self._elements[paragraph]

    def style_id(self, name: str) -> str | None:
        """The id of the style named ``name``; ``None`` for the default paragraph style."""
        if name not in self._style_ids:
            style = self.document.styles[name]
            default = self.document.styles.default(style.type)
            self._style_ids[name] = None if style == default else style.style_id
        return self._style_ids[name]

    # ------------------------------------------------------------------ runs

    def run(
        self,
        paragraph: WordParagraph,
        text: str,
        marks: Marks = Marks(),
        *,
        code: bool = False,
        container: BaseOxmlElement | None = None,
    ) -> Run:
        """Append one run (to ``container``, a hyperlink element, when given)."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.text.run import Run

        element = cast("CT_R", OxmlElement("w:r"))
        (container if container is not None else self.element(paragraph)).append(element)
        run = Run(element, paragraph)
        run.text = text
        if marks.bold:
            run.bold = True
        if marks.italic:
            run.italic = True
        if marks.superscript:
            run.font.superscript = True
        # Character styles by id, as paragraphs' (see paragraph()).
        if code:
            element.style = self.style_id("Inline Code")
        if container is not None:
            element.style = self.style_id("Hyperlink")
        lang_tag = marks.lang or self.language
        if lang_tag is not None:
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), lang_tag)
            element.get_or_add_rPr().append(lang)
        return run

    def hyperlink(self, paragraph: WordParagraph, link: Link) -> BaseOxmlElement | None:
        """A ``w:hyperlink`` element appended to the paragraph for the link's runs, or ``None``
        when the link cannot be one (a portrait with no bookmark, a refused address)."""
        from docx.opc.constants import RELATIONSHIP_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        anchor: str | None = None
        if link.kind == "portrait":
            anchor = self.bookmarks.get(link.target)
            if anchor is None:
                return None
        elif not accepted(link.target):
            return None
        # OxmlElement is typed as a plain lxml element; it is python-docx's own element class.
        element = cast("BaseOxmlElement", OxmlElement("w:hyperlink"))
        if anchor is not None:
            element.set(qn("w:anchor"), anchor)
        else:
            # One relationship per address, under an id of our own: relate_to looks for an
            # existing one, and then for a free id, through every relationship of the part,
            # which grows with each link of the book (quadratic time).
            rel_id = self._links.get(link.target)
            if rel_id is None:
                rel_id = f"rIdLink{len(self._links) + 1}"
                paragraph.part.rels.add_relationship(
                    RELATIONSHIP_TYPE.HYPERLINK, link.target, rel_id, is_external=True
                )
                self._links[link.target] = rel_id
            element.set(qn("r:id"), rel_id)
        element.set(qn("w:history"), "1")
        self.element(paragraph).append(element)
        return element

    def inlines(
        self,
        paragraph: WordParagraph,
        inlines: Sequence[Inline],
        marks: Marks = Marks(),
        *,
        container: BaseOxmlElement | None = None,
    ) -> None:
        """Add the runs of some inlines to ``paragraph``, formatted by ``marks`` and their own."""
        for inline in inlines:
            match inline:
                case Text(text=text):
                    if text:
                        self.run(paragraph, text, marks, container=container)
                case Code(text=text):
                    self.run(paragraph, text, marks, code=True, container=container)
                case SoftBreak():
                    self.run(paragraph, " ", marks, container=container)
                case LineBreak():
                    self.run(paragraph, "", marks, container=container).add_break()
                case Strong(children=children):
                    self.inlines(
                        paragraph, children, attrs.evolve(marks, bold=True), container=container
                    )
                case Emphasis(children=children) | Cite(children=children):
                    self.inlines(
                        paragraph, children, attrs.evolve(marks, italic=True), container=container
                    )
                case Superscript(children=children):
                    self.inlines(
                        paragraph,
                        children,
                        attrs.evolve(marks, superscript=True),
                        container=container,
                    )
                case Span(children=children, lang=lang):
                    self.inlines(
                        paragraph, children, attrs.evolve(marks, lang=lang), container=container
                    )
                case IndexTerm(children=children, anchor=anchor):
                    self.inlines(paragraph, children, marks, container=container)
                    self.index_mark(paragraph, anchor)
                case Link(children=children, anchor=anchor):
                    # CommonMark has no link inside a link: one already open keeps the runs.
                    inside = (
                        container if container is not None else self.hyperlink(paragraph, inline)
                    )
                    self.inlines(paragraph, children, marks, container=inside)
                    self.index_mark(paragraph, anchor)
                case Image(path=path, alt=alt):
                    # Images of the running text are not embedded: their alt text stands in.
                    shown = f"[{alt or path}]"
                    self.run(
                        paragraph, shown, attrs.evolve(marks, italic=True), container=container
                    )
                case _:
                    assert_never(inline)  # the node set is closed

    def index_mark(self, paragraph: WordParagraph, anchor: str | None) -> None:
        """The index marks (``XE`` fields) of the entries that point to this word."""
        from interviewkit_docx._fields import add_field

        for text in self.index_marks.get(anchor or "", ()):
            add_field(paragraph, f' XE "{text}" ')

    def text(
        self,
        paragraph: WordParagraph,
        text: str,
        *,
        target: str | None = None,
        kind: str = "address",
        lang: str | None = None,
    ) -> None:
        """Plain text, linked to ``target`` when given (a portrait id when ``kind`` is
        ``portrait``), in language ``lang`` when it differs from the text around it."""
        node: Inline = Text(text)
        if target is not None:
            node = Link((node,), target, kind="portrait" if kind == "portrait" else "text")
        self.inlines(paragraph, (node,), Marks(lang=lang))

    # ------------------------------------------------------------------ blocks

    def blocks(
        self, blocks: Sequence[Block], *, style: str, lead: str | None = None
    ) -> list[WordParagraph]:
        """Add blocks as paragraphs of ``style`` (lists and quotes get their own styles).

        ``lead`` starts the first paragraph in bold (a speaker's label).
        """
        added: list[WordParagraph] = []

        def new(paragraph_style: str) -> WordParagraph:
            paragraph = self.paragraph(paragraph_style)
            if lead is not None and not added:
                self.run(paragraph, lead, Marks(bold=True))
            added.append(paragraph)
            return paragraph

        self._blocks(blocks, style, new, lists=(), quoted=False)
        return added

    def _blocks(
        self,
        blocks: Sequence[Block],
        style: str,
        new: _NewParagraph,
        *,
        lists: tuple[_List, ...],
        quoted: bool,
        item_style: str | None = None,
    ) -> None:
        """Blocks at one place: ``item_style`` is the style of a list item's first paragraph,
        the later ones continue it (``List Continue``)."""
        for block in blocks:
            if isinstance(block, BulletList | OrderedList):
                self._list(block, style, new, lists=lists, quoted=quoted)
            elif isinstance(block, BlockQuote):
                # Its first paragraph may be a list item's first: the item's style goes on.
                self._blocks(
                    block.children, style, new, lists=lists, quoted=True, item_style=item_style
                )
            else:
                paragraph = new(self._style(style, lists, quoted, item_style))
                if item_style is not None and lists:
                    self._number(paragraph, lists[-1])
                self._leaf(paragraph, block)
            item_style = None

    def _leaf(
        self, paragraph: WordParagraph, block: Paragraph | Heading | CodeBlock | ThematicBreak
    ) -> None:
        """The content of a block that is one paragraph."""
        match block:
            case Paragraph(children=children):
                self.inlines(paragraph, children)
            case Heading(children=children):
                # A heading inside a text stays in the flow, as a bold paragraph.
                self.inlines(paragraph, children, Marks(bold=True))
            case CodeBlock(text=text):
                lines = text.rstrip("\n").split("\n")
                for number, line in enumerate(lines):
                    run = self.run(paragraph, line, code=True)
                    if number < len(lines) - 1:
                        run.add_break()
            case ThematicBreak():
                self.run(paragraph, "*\u2003*\u2003*")
            case _:
                assert_never(block)  # the node set is closed

    def _style(
        self, style: str, lists: tuple[_List, ...], quoted: bool, item_style: str | None
    ) -> str:
        if not lists:
            return "Quote" if quoted else style
        if item_style is not None:
            return item_style
        return f"List Continue{_depth_suffix(len(lists))}"

    def _list(
        self,
        block: BulletList | OrderedList,
        style: str,
        new: _NewParagraph,
        *,
        lists: tuple[_List, ...],
        quoted: bool,
    ) -> None:
        suffix = _depth_suffix(len(lists) + 1)
        if isinstance(block, OrderedList):
            name = f"List Number{suffix}"
            opened = _List(name, self._restart_numbering(name, block.start))
        else:
            name = f"List Bullet{suffix}"
            opened = _List(name, None)
        for item in block.items:
            self._blocks(
                item.children, style, new, lists=(*lists, opened), quoted=quoted, item_style=name
            )

    def _number(self, paragraph: WordParagraph, opened: _List) -> None:
        """Put a numbered item in its list's own numbering instance."""
        if opened.num_id is None:
            return
        # get_or_add_numPr is generated at run time by python-docx's element metaclass.
        p_pr = self.element(paragraph).get_or_add_pPr()
        num_pr = p_pr.get_or_add_numPr()  # type: ignore[attr-defined]
        num_pr.get_or_add_ilvl().val = self._style_level(opened.style)
        num_pr.get_or_add_numId().val = opened.num_id

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
        with a start override makes each list count from its own first number.
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
