"""Registers the built-in importers through the plugin hook, like any third-party plugin."""

from __future__ import annotations

from interviewkit.hookspecs import hookimpl
from interviewkit.importers.folder import FolderImporter, PortraitFileImporter
from interviewkit.importers.json import JsonImporter
from interviewkit.registry import ImporterRegistry


@hookimpl
def interviewkit_register_importers(registry: ImporterRegistry) -> None:
    """Register the folder, portrait-file and JSON importers."""
    registry.add(FolderImporter)
    registry.add(PortraitFileImporter)
    registry.add(JsonImporter)
