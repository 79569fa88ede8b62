"""The Jinja2 environment shared by the visual formats.

Autoescaping is on for every template, ``.xhtml`` included, and undefined variables are errors
(``StrictUndefined``): a typo in a template fails the build instead of printing nothing.
Templates come from the package, and an anthology folder can override any of them (and add
CSS) in ``theme/``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jinja2

__all__ = ["THEME_FOLDER", "make_environment"]

#: Folder of an anthology where template overrides (``theme/templates``) and CSS live.
THEME_FOLDER = "theme"


def make_environment(
    source_root: Path | None = None, extra_folders: Sequence[Path] = ()
) -> jinja2.Environment:
    """Templates from ``<source>/theme/templates``, then plugins' folders, then the package."""
    loaders: list[jinja2.BaseLoader] = []
    if source_root is not None:
        theme = source_root / THEME_FOLDER / "templates"
        if theme.is_dir():
            loaders.append(jinja2.FileSystemLoader(str(theme)))
    loaders.extend(jinja2.FileSystemLoader(str(folder)) for folder in extra_folders)
    loaders.append(jinja2.PackageLoader("interviewkit", "render/templates"))
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
