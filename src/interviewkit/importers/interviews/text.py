"""The ``text`` importer: an interview as plain text, copied from a web page."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from interviewkit.importers.interviews._blocks import text_blocks
from interviewkit.importers.interviews._model import ImportedPortrait, ImportOptions
from interviewkit.importers.interviews._reading import imported_from_blocks, read_page

__all__ = ["TextImporter"]


class TextImporter:
    """Plain text (``.txt``): one paragraph per line, or paragraphs between blank lines."""

    name: ClassVar[str] = "text"
    description: ClassVar[str] = "an interview copied from a web page as plain text (.txt)"

    def detect(self, path: Path) -> bool:
        return path.is_file() and path.suffix.lower() in {".txt", ".text"}

    def read(self, path: Path, options: ImportOptions) -> Sequence[ImportedPortrait]:
        blocks = text_blocks(read_page(path))
        return [imported_from_blocks(blocks, source=str(path), options=options)]
