"""``load()``: one entry point for every kind of source.

Each registered importer (built-in or from a plugin) is asked in turn whether it recognises the
path; the first that does reads it.
"""

from __future__ import annotations

import os
from pathlib import Path

from interviewkit.errors import InvalidInputError
from interviewkit.importers import Source
from interviewkit.model.models import Anthology
from interviewkit.plugins import Plugins, get_plugins

__all__ = ["load", "open_source"]


def open_source(path: str | os.PathLike[str], *, plugins: Plugins | None = None) -> Source:
    """Read ``path`` into a :class:`~interviewkit.importers.Source` (anthology, folder, options).

    .. versionadded:: 0.1
    """
    source_path = Path(path)
    if not source_path.exists():
        raise InvalidInputError(
            source_path,
            ["no such file or folder"],
            hint="check the path (it is relative to the current folder)",
        )
    registry = (plugins or get_plugins()).importers
    for entry in registry.sources():
        importer = entry.cls()
        if importer.detect(source_path):
            source: Source = importer.load(source_path)
            return source
    raise InvalidInputError(
        source_path,
        ["is not something interviewkit can read"],
        hint="give an anthology folder (with anthology.toml), a portrait .md file or a .json "
        f"archive (a published interview is turned into one with 'interviewkit import'); "
        f"readers installed: {', '.join(e.name for e in registry.sources())}",
    )


def load(path: str | os.PathLike[str]) -> Anthology:
    """Load an anthology from a folder, a single portrait ``.md`` file or a canonical ``.json``.

    Every problem of the input is reported at once in an
    :class:`~interviewkit.errors.InvalidInputError`; images the content names must exist inside
    the source folder.

    .. versionadded:: 0.1
    """
    return open_source(path).anthology
