"""The ``markdown`` importer: an interview written in Markdown, questions in bold or headings.

A blog's Markdown file (Jekyll, Hugo...) may start with front matter: its ``title``, ``date``
and ``tags`` are used, the rest ignored.  A file whose front matter has a ``subject`` is already
an interviewkit portrait, and is left to ``interviewkit build``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import yaml

from interviewkit.importers.interviews._md_blocks import markdown_blocks
from interviewkit.importers.interviews._model import ImportedPortrait, ImportOptions
from interviewkit.importers.interviews._reading import imported_from_blocks, read_page

__all__ = ["MarkdownImporter"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """The front matter as a dict (empty if none or unreadable), the body, its first line."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, 1
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        data = None
    body_line = text[: match.end()].count("\n") + 1
    return (data if isinstance(data, dict) else {}), text[match.end() :], body_line


class MarkdownImporter:
    """Markdown (``.md``), with or without a blog's front matter."""

    name: ClassVar[str] = "markdown"
    description: ClassVar[str] = "an interview in Markdown, questions in bold or headings (.md)"

    def detect(self, path: Path) -> bool:
        if not (path.is_file() and path.suffix.lower() in {".md", ".markdown"}):
            return False
        with path.open("rb") as handle:
            head = handle.read(65536).decode("utf-8", "replace")
        front, _, _ = split_front_matter(head)
        return "subject" not in front

    def read(self, path: Path, options: ImportOptions) -> Sequence[ImportedPortrait]:
        front, body, first_line = split_front_matter(read_page(path))
        blocks, title = markdown_blocks(body, first_line=first_line)
        front_title = front.get("title")
        date = front.get("date")
        if isinstance(date, dt.datetime):
            date = date.date()
        tags = front.get("tags") or front.get("categories") or []
        return [
            imported_from_blocks(
                blocks,
                source=str(path),
                options=options,
                title=str(front_title) if front_title else title,
                date=date if isinstance(date, dt.date) else None,
                tags=[str(t) for t in tags] if isinstance(tags, list) else [],
            )
        ]
