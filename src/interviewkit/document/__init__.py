"""The book document: one typed, format-neutral tree of the book, for every format.

* :mod:`~interviewkit.document.nodes`: the blocks and inlines of texts;
* :mod:`~interviewkit.document.book`: the book, its portraits, parts, questions and answers,
  sections and generated pages, with their ids and localised words;
* :func:`build_document`: the anthology to its document (once per build: exporters ask
  :meth:`ExportContext.book_document <interviewkit.ExportContext.book_document>`);
* :mod:`~interviewkit.document.book`: the index, the concordance and the reading list
  the book makes from its data (:func:`back_matter_markup` writes them as HTML);
* the renderers :class:`~interviewkit.HtmlWriter`,
  :class:`~interviewkit.MarkdownWriter` and the plain-text functions of
  :mod:`~interviewkit.document.text`.
"""

from __future__ import annotations

from interviewkit.document._build import build_document, date_inlines
from interviewkit.document._parse import parse_blocks, parse_inlines
from interviewkit.document.back_matter_view import back_matter_markup
from interviewkit.document.book import (
    AnswerDocument,
    BookDocument,
    ConcordanceDocument,
    ConcordancePlace,
    CreditLines,
    EditorDocument,
    ExchangeDocument,
    ImageDocument,
    IndexDocument,
    IndexEntry,
    IndexGroup,
    Locator,
    PartDocument,
    PortraitDocument,
    ReadingEntry,
    ReadingListDocument,
    RecurringQuestion,
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
    "ConcordanceDocument",
    "ConcordancePlace",
    "CreditLines",
    "EditorDocument",
    "ExchangeDocument",
    "HtmlWriter",
    "ImageDocument",
    "IndexDocument",
    "IndexEntry",
    "IndexGroup",
    "Locator",
    "MarkdownWriter",
    "PartDocument",
    "PortraitDocument",
    "ReadingEntry",
    "ReadingListDocument",
    "RecurringQuestion",
    "Reference",
    "RichBlocks",
    "RichLine",
    "SectionDocument",
    "SourceEntry",
    "Voice",
    "back_matter_markup",
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
