"""Sources: turn a path (an authoring folder, a portrait file, a JSON file) into an anthology.

An importer is a small class with a ``name``, ``detect(path)`` and ``load(path)``, registered
through the ``interviewkit_register_importers`` hook like any plugin's.  :func:`load` asks each
registered importer in turn whether it recognises the path.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable

import attrs

from interviewkit.model.models import Anthology
from interviewkit.model.problems import Problem

__all__ = ["Importer", "Source"]


@attrs.frozen(kw_only=True)
class Source:
    """An anthology together with where it came from.

    .. versionadded:: 0.1
    """

    anthology: Anthology
    """The content."""
    root: Path
    """Folder that relative resource paths (images) are resolved against."""
    file: Path
    """The path that was loaded, for messages."""
    export_options: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)
    """``[export.<format>]`` tables of ``anthology.toml``, by format name."""
    problems: tuple[Problem, ...] = ()
    """Non-fatal findings of the importer (a portrait file not listed in the order)."""
    steps: tuple[str, ...] = ()
    """Content steps selected by the source (``steps = [...]`` in ``anthology.toml``)."""
    inputs: tuple[Path, ...] = ()
    """Every file the importer read (the build never writes over one of them).

    Empty when the importer does not say: the build then protects ``file`` and, for a folder,
    every file in it.

    .. versionadded:: 0.2
    """


@runtime_checkable
class Importer(Protocol):
    """What an importer plugin provides.

    .. versionadded:: 0.1
    """

    name: ClassVar[str]
    """Short name shown by ``interviewkit formats``."""

    def detect(self, path: Path) -> bool:
        """Whether this importer reads ``path``; cheap, no parsing."""
        ...

    def load(self, path: Path) -> Source:
        """Read ``path``; raise :class:`~interviewkit.errors.InvalidInputError` when it is bad."""
        ...
