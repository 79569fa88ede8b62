"""Word fields (a table of contents, an index, its marks) as runs of a paragraph.

python-docx has no field API: a complex field is a ``begin`` mark, its instruction, an
optional ``separate`` mark and result, and an ``end`` mark, each in a run of its own, made
with python-docx's ``OxmlElement`` and added to the run's public ``element``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

__all__ = ["add_field", "field_char", "instruction"]


def add_field(paragraph: Paragraph, text: str, *, dirty: bool = False) -> None:
    """A field with no result (an ``XE`` index mark) at the end of ``paragraph``."""
    field_char(paragraph, "begin", dirty=dirty)
    instruction(paragraph, text)
    field_char(paragraph, "end")


def field_char(paragraph: Paragraph, kind: str, *, dirty: bool = False) -> None:
    """A field's ``begin``, ``separate`` or ``end`` mark, as a run at the end of ``paragraph``
    (``dirty``: Word updates the field on opening)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    if dirty:
        char.set(qn("w:dirty"), "true")
    paragraph.add_run().element.append(char)


def instruction(paragraph: Paragraph, text: str) -> None:
    """A field's instruction (``TOC ...``, ``XE "Term"``), as a run at the end of ``paragraph``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = text
    paragraph.add_run().element.append(element)
