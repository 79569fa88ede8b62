"""The ``html`` importer: an interview page saved from a browser."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from interviewkit.importers.interviews._model import ImportedPortrait, ImportOptions
from interviewkit.importers.interviews._reading import imported_from_blocks, read_page

__all__ = ["HtmlImporter"]


class HtmlImporter:
    """A web page (``.html``): the article is found, navigation and comments are dropped."""

    name: ClassVar[str] = "html"
    description: ClassVar[str] = "an interview page saved from a browser (.html)"

    def detect(self, path: Path) -> bool:
        return path.is_file() and path.suffix.lower() in {".html", ".htm", ".xhtml"}

    def read(self, path: Path, options: ImportOptions) -> Sequence[ImportedPortrait]:
        # lxml is imported here, not at the top: registering the importer stays cheap for
        # every command, including those that never import anything.
        from interviewkit.importers.interviews._html_blocks import html_page

        page = html_page(read_page(path))
        return [
            imported_from_blocks(page.blocks, source=str(path), options=options, title=page.title)
        ]
