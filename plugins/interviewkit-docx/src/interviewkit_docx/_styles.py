"""Paragraph and character styles, document language, field updates and core properties.

Custom styles are real Word styles, so a reader restyles the whole book by changing one style:
``Question`` (based on ``Heading 3``, outline level 3, so questions are in the navigation pane),
``Answer``, ``Lede``, ``Portrait Metadata``, ``Book Details``, ``Picture``, and the character
styles ``Hyperlink`` and ``Inline Code``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from interviewkit import Anthology

if TYPE_CHECKING:
    from docx.document import Document
    from docx.styles.style import ParagraphStyle

__all__ = ["set_core_properties", "set_up_styles"]


def _paragraph_style(document: Document, name: str, base: str) -> ParagraphStyle:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.styles.style import ParagraphStyle

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = document.styles[base]
    style.quick_style = True
    return style


def set_up_styles(document: Document, *, language: str) -> None:
    """Add the book's styles and make ``language`` the document's default language."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor
    from docx.styles.style import ParagraphStyle

    styles = document.styles
    heading_1 = styles["Heading 1"]
    assert isinstance(heading_1, ParagraphStyle)
    heading_1.paragraph_format.page_break_before = True

    answer = _paragraph_style(document, "Answer", "Normal")
    answer.paragraph_format.space_after = Pt(8)

    question = _paragraph_style(document, "Question", "Heading 3")
    question.next_paragraph_style = answer
    question.paragraph_format.keep_with_next = True
    # Inherited from Heading 3 already; stated so that every reader sees level 3.
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "2")
    question.element.get_or_add_pPr().append(outline)

    lede = _paragraph_style(document, "Lede", "Normal")
    lede.font.italic = True
    lede.font.size = Pt(12)

    metadata = _paragraph_style(document, "Portrait Metadata", "Normal")
    metadata.font.size = Pt(10)
    metadata.font.color.rgb = RGBColor(0x59, 0x59, 0x59)

    details = _paragraph_style(document, "Book Details", "Normal")
    details.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    # The index as the book prints it until Word rebuilds it (then Word uses its own).
    letter = _paragraph_style(document, "Index Letter", "Normal")
    letter.font.bold = True
    letter.paragraph_format.keep_with_next = True
    entry = _paragraph_style(document, "Index Entry", "Normal")
    entry.paragraph_format.left_indent = Pt(12)
    entry.paragraph_format.first_line_indent = Pt(-12)
    entry.paragraph_format.space_after = Pt(0)
    subentry = _paragraph_style(document, "Index Subentry", "Index Entry")
    subentry.paragraph_format.left_indent = Pt(24)

    picture = _paragraph_style(document, "Picture", "Normal")
    picture.paragraph_format.keep_with_next = True
    picture.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    hyperlink = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    hyperlink.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    hyperlink.font.underline = True

    code = styles.add_style("Inline Code", WD_STYLE_TYPE.CHARACTER)
    code.font.name = "Courier New"

    for lang in styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang"):
        lang.set(qn("w:val"), language)

    # Ask Word to update fields on opening, so the table of contents fills itself.
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    compat = settings.find(qn("w:compat"))
    if compat is not None:
        compat.addprevious(update)
    else:
        settings.append(update)


#: python-docx refuses a core property longer than this (Word's own limit for these fields).
_PROPERTY_LIMIT = 255


def _fit(text: str) -> str:
    """``text`` shortened to fit a core property, ending with an ellipsis when cut.

    The properties are a summary for file browsers and search; the book itself keeps the full
    title, names and description, so a long one is shortened here instead of failing the format.
    """
    if len(text) <= _PROPERTY_LIMIT:
        return text
    return text[: _PROPERTY_LIMIT - 1].rstrip() + "\u2026"


def set_core_properties(document: Document, anthology: Anthology, build_date: dt.date) -> None:
    """Title, author, language, keywords... from the anthology; dates from the build date."""
    properties = document.core_properties
    stamp = dt.datetime(build_date.year, build_date.month, build_date.day)
    author = _fit(
        "; ".join(editor.name for editor in anthology.editors) or anthology.publisher or ""
    )
    properties.title = _fit(anthology.title)
    properties.subject = _fit(anthology.subtitle or "")
    properties.author = author
    properties.last_modified_by = author
    properties.language = _fit(anthology.language)
    properties.keywords = _fit(", ".join(anthology.keywords))
    properties.comments = _fit(
        anthology.description.to_text() if anthology.description is not None else ""
    )
    properties.category = _fit(anthology.series.name if anthology.series is not None else "")
    if anthology.identifier:
        properties.identifier = _fit(anthology.identifier)
    properties.created = stamp
    properties.modified = stamp
    properties.revision = 1
