"""Registers the built-in importers through the plugin hook, like any third-party plugin."""

from __future__ import annotations

from interviewkit.importers.folder import FolderImporter, PortraitFileImporter
from interviewkit.importers.interviews.html import HtmlImporter
from interviewkit.importers.interviews.markdown import MarkdownImporter
from interviewkit.importers.interviews.text import TextImporter
from interviewkit.importers.interviews.wordpress import WordPressImporter
from interviewkit.importers.json import JsonImporter
from interviewkit.plugins.hookspecs import hookimpl
from interviewkit.plugins.registry import ImporterRegistry


# tryfirst: pluggy calls the last registered plugin first; load() asks the built-ins first.
@hookimpl(tryfirst=True)
def interviewkit_register_importers(registry: ImporterRegistry) -> None:
    """Register the anthology sources, then the importers of published interviews."""
    registry.add_source(FolderImporter)
    registry.add_source(PortraitFileImporter)
    registry.add_source(JsonImporter)
    registry.add_interview_importer(WordPressImporter)
    registry.add_interview_importer(HtmlImporter)
    registry.add_interview_importer(MarkdownImporter)
    registry.add_interview_importer(TextImporter)
