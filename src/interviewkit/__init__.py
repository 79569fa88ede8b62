"""interviewkit: typed interview anthologies, canonical JSON, and pluggable book exporters.

Everything listed in ``__all__`` is public and documented; everything else is private.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from interviewkit._util.languages import primary_language as primary_language
from interviewkit.build import BuildReport as BuildReport
from interviewkit.build import ContentError as ContentError
from interviewkit.build import build as build
from interviewkit.build import run_checks as run_checks
from interviewkit.build import run_steps as run_steps
from interviewkit.build.importing import ImportReport as ImportReport
from interviewkit.build.importing import import_portrait as import_portrait
from interviewkit.build.loading import load as load
from interviewkit.build.loading import open_source as open_source
from interviewkit.document import BookDocument as BookDocument
from interviewkit.document import HtmlWriter as HtmlWriter
from interviewkit.document import MarkdownWriter as MarkdownWriter
from interviewkit.document import build_document as build_document
from interviewkit.errors import DuplicateExporterError as DuplicateExporterError
from interviewkit.errors import ExporterError as ExporterError
from interviewkit.errors import InterviewkitError as InterviewkitError
from interviewkit.errors import InvalidInputError as InvalidInputError
from interviewkit.errors import MissingDependencyError as MissingDependencyError
from interviewkit.errors import MissingResourceError as MissingResourceError
from interviewkit.errors import ModelError as ModelError
from interviewkit.errors import OutputError as OutputError
from interviewkit.errors import PluginError as PluginError
from interviewkit.errors import PluginLoadError as PluginLoadError
from interviewkit.errors import SchemaVersionError as SchemaVersionError
from interviewkit.errors import UnknownFormatError as UnknownFormatError
from interviewkit.errors import UnknownStepError as UnknownStepError
from interviewkit.exporters import ExportContext as ExportContext
from interviewkit.exporters import Exporter as Exporter
from interviewkit.exporters import ExportResult as ExportResult
from interviewkit.exporters import NoOptions as NoOptions
from interviewkit.importers import Importer as Importer
from interviewkit.importers import Source as Source
from interviewkit.importers.interviews import ImportedPortrait as ImportedPortrait
from interviewkit.importers.interviews import ImportOptions as ImportOptions
from interviewkit.importers.interviews import InterviewImporter as InterviewImporter
from interviewkit.importers.interviews import ReviewNote as ReviewNote
from interviewkit.model._isbn import format_isbn as format_isbn
from interviewkit.model.models import Answer as Answer
from interviewkit.model.models import Anthology as Anthology
from interviewkit.model.models import ConcordanceSettings as ConcordanceSettings
from interviewkit.model.models import Credits as Credits
from interviewkit.model.models import Exchange as Exchange
from interviewkit.model.models import Image as Image
from interviewkit.model.models import IndexSettings as IndexSettings
from interviewkit.model.models import Interview as Interview
from interviewkit.model.models import Link as Link
from interviewkit.model.models import Part as Part
from interviewkit.model.models import Permission as Permission
from interviewkit.model.models import Person as Person
from interviewkit.model.models import PhotoCredit as PhotoCredit
from interviewkit.model.models import Portrait as Portrait
from interviewkit.model.models import Publication as Publication
from interviewkit.model.models import ReadingListSettings as ReadingListSettings
from interviewkit.model.models import RelatedPortrait as RelatedPortrait
from interviewkit.model.models import Section as Section
from interviewkit.model.models import Series as Series
from interviewkit.model.models import Speaker as Speaker
from interviewkit.model.problems import Problem as Problem
from interviewkit.model.richtext import RichText as RichText
from interviewkit.plugins import get_plugins as get_plugins
from interviewkit.plugins import make_plugin_manager as make_plugin_manager
from interviewkit.plugins.hookspecs import hookimpl as hookimpl
from interviewkit.plugins.registry import ExporterRegistry as ExporterRegistry
from interviewkit.plugins.registry import ImporterRegistry as ImporterRegistry
from interviewkit.plugins.registry import StepRegistry as StepRegistry
from interviewkit.plugins.steps import Step as Step
from interviewkit.render.elision import fill as format_label
from interviewkit.render.labels import format_date as format_date
from interviewkit.render.labels import labels_for as labels_for
from interviewkit.schema import json_schema as json_schema
from interviewkit.serialization import SCHEMA_VERSION as SCHEMA_VERSION
from interviewkit.serialization import dump_bytes as dump_bytes
from interviewkit.serialization import dumps as dumps
from interviewkit.serialization import fast_structuring as fast_structuring
from interviewkit.serialization import loads as loads
from interviewkit.serialization import make_converter as make_converter
from interviewkit.serialization import structure as structure
from interviewkit.serialization import unstructure as unstructure

if TYPE_CHECKING:
    __version__: str

__all__ = [
    "SCHEMA_VERSION",
    "Answer",
    "Anthology",
    "BookDocument",
    "BuildReport",
    "ConcordanceSettings",
    "ContentError",
    "Credits",
    "DuplicateExporterError",
    "Exchange",
    "ExportContext",
    "ExportResult",
    "Exporter",
    "ExporterError",
    "ExporterRegistry",
    "HtmlWriter",
    "Image",
    "ImportOptions",
    "ImportReport",
    "ImportedPortrait",
    "Importer",
    "ImporterRegistry",
    "IndexSettings",
    "Interview",
    "InterviewImporter",
    "InterviewkitError",
    "InvalidInputError",
    "Link",
    "MarkdownWriter",
    "MissingDependencyError",
    "MissingResourceError",
    "ModelError",
    "NoOptions",
    "OutputError",
    "Part",
    "Permission",
    "Person",
    "PhotoCredit",
    "PluginError",
    "PluginLoadError",
    "Portrait",
    "Problem",
    "Publication",
    "ReadingListSettings",
    "RelatedPortrait",
    "ReviewNote",
    "RichText",
    "SchemaVersionError",
    "Section",
    "Series",
    "Source",
    "Speaker",
    "Step",
    "StepRegistry",
    "UnknownFormatError",
    "UnknownStepError",
    "__version__",
    "build",
    "build_document",
    "dump_bytes",
    "dumps",
    "fast_structuring",
    "format_date",
    "format_isbn",
    "format_label",
    "get_plugins",
    "hookimpl",
    "import_portrait",
    "json_schema",
    "labels_for",
    "load",
    "loads",
    "make_converter",
    "make_plugin_manager",
    "open_source",
    "primary_language",
    "run_checks",
    "run_steps",
    "structure",
    "unstructure",
]


def __getattr__(name: str) -> Any:
    # The version comes from the installed metadata, looked up only when asked for.
    if name == "__version__":
        from interviewkit._util.version import installed_version

        return installed_version()
    raise AttributeError(f"module 'interviewkit' has no attribute {name!r}")
