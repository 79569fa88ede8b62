"""Importer of canonical JSON files (what the ``json`` exporter writes)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from interviewkit._util.fs import read_bytes
from interviewkit.importers import Source
from interviewkit.importers._resources import missing_resources
from interviewkit.serialization import loads

__all__ = ["JsonImporter"]


class JsonImporter:
    """Reads a canonical ``.json`` file; images are looked up beside it (warnings if absent)."""

    name: ClassVar[str] = "json"

    def detect(self, path: Path) -> bool:
        return path.is_file() and path.suffix.lower() == ".json"

    def load(self, path: Path) -> Source:
        # Bytes, not text: loads checks the characters once, on the bytes orjson reads.
        anthology = loads(read_bytes(path, display=path), file=path)
        root = path.parent
        # An archive may travel without its images: they are reported, not refused, and the
        # visual formats leave out what they cannot find.
        problems = tuple(missing_resources(anthology, root))
        return Source(anthology=anthology, root=root, file=path, problems=problems, inputs=(path,))
