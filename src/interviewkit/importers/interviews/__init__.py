"""Importers of published interviews: plain text, HTML pages, Markdown, WordPress exports.

Every source is cut into blocks (:mod:`._blocks`, :mod:`._html_blocks`, :mod:`._md_blocks`),
the interview is recognised in the blocks (:mod:`._recognise`, :mod:`._questions`,
:mod:`._parts`), and the result becomes a :class:`~interviewkit.Portrait` with review notes
(:mod:`._draft_portrait`), written as a portrait file for a person to check
(:mod:`._review_file`).
"""

from __future__ import annotations

from interviewkit.importers.interviews._model import (
    ImportedPortrait,
    ImportOptions,
    InterviewImporter,
    ReviewNote,
)
from interviewkit.importers.interviews._review_file import REVIEW_MARK, review_file

__all__ = [
    "REVIEW_MARK",
    "ImportOptions",
    "ImportedPortrait",
    "InterviewImporter",
    "ReviewNote",
    "review_file",
]
