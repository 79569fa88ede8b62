"""The book document: one typed, format-neutral tree of the book, for every format.

* :mod:`~interviewkit.document.nodes`: the blocks and inlines of texts;
* :mod:`~interviewkit.document.book`: the book, its portraits, parts, questions and answers,
  sections and generated pages, with their ids and localised words;
* :func:`build_document`: the anthology to its document (once per build: exporters ask
  :meth:`ExportContext.book_document <interviewkit.ExportContext.book_document>`);
* the renderers :class:`~interviewkit.HtmlWriter`,
  :class:`~interviewkit.MarkdownWriter` and the plain-text functions of
  :mod:`~interviewkit.document.text`.
"""

from __future__ import annotations

from interviewkit.document._build import build_document, date_inlines
from interviewkit.document._parse import parse_blocks, parse_inlines
from interviewkit.document.book import (
    AnswerDocument,
    BookDocument,
    CreditLines,
    EditorDocument,
    ExchangeDocument,
    ImageDocument,
    PartDocument,
    PortraitDocument,
    Reference,
    RichBlocks,
    RichLine,
    SectionDocument,
    SourceEntry,
    Voice,
)
from interviewkit.document.html import HtmlWriter
from interviewkit.document.markdown import MarkdownWriter, escape_markdown
from interviewkit.document.text import blocks_text, inlines_text, join_names, link_text

__all__ = [
    "AnswerDocument",
    "BookDocument",
    "CreditLines",
    "EditorDocument",
    "ExchangeDocument",
    "HtmlWriter",
    "ImageDocument",
    "MarkdownWriter",
    "PartDocument",
    "PortraitDocument",
    "Reference",
    "RichBlocks",
    "RichLine",
    "SectionDocument",
    "SourceEntry",
    "Voice",
    "blocks_text",
    "build_document",
    "date_inlines",
    "escape_markdown",
    "inlines_text",
    "join_names",
    "link_text",
    "parse_blocks",
    "parse_inlines",
]
