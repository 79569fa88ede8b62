"""Importer of canonical JSON files (what the ``json`` exporter writes)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from interviewkit._fs import read_text
from interviewkit.importers import Source
from interviewkit.importers._resources import check_resources
from interviewkit.serialization import loads

__all__ = ["JsonImporter"]


class JsonImporter:
    """Reads a canonical ``.json`` file; images are looked up beside it."""

    name: ClassVar[str] = "json"

    def detect(self, path: Path) -> bool:
        return path.is_file() and path.suffix.lower() == ".json"

    def load(self, path: Path) -> Source:
        anthology = loads(read_text(path), file=path)
        root = path.parent
        check_resources(anthology, root, referrer=path)
        return Source(anthology=anthology, root=root, file=path)
