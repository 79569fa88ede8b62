"""The ``markdown`` importer: an interview written in Markdown, questions in bold or headings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from interviewkit.importers.interviews._md_blocks import markdown_blocks
from interviewkit.importers.interviews._model import ImportedPortrait, ImportOptions
from interviewkit.importers.interviews._reading import imported_from_blocks, read_page

__all__ = ["MarkdownImporter"]


class MarkdownImporter:
    """Markdown (``.md``) with no front matter (a file with one is already a portrait)."""

    name: ClassVar[str] = "markdown"
    description: ClassVar[str] = "an interview in Markdown, questions in bold or headings (.md)"

    def detect(self, path: Path) -> bool:
        if not (path.is_file() and path.suffix.lower() in {".md", ".markdown"}):
            return False
        with path.open("rb") as handle:
            return not handle.read(4).startswith(b"---")

    def read(self, path: Path, options: ImportOptions) -> Sequence[ImportedPortrait]:
        blocks, title = markdown_blocks(read_page(path))
        return [imported_from_blocks(blocks, source=str(path), options=options, title=title)]
