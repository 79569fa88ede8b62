"""The ``json`` format: the canonical JSON archive of the anthology.

It is the lossless format: ``interviewkit.load()`` reads it back into an equal anthology, and the
JSON Schema published with interviewkit describes it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, Literal

import attrs
import orjson

from interviewkit.exporters import ExportContext, ExportResult
from interviewkit.model.models import Anthology
from interviewkit.plugins.hookspecs import hookimpl
from interviewkit.plugins.registry import ExporterRegistry
from interviewkit.serialization import dump_bytes, unstructure

__all__ = ["JsonExporter", "JsonOptions"]


def _indent(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value not in (0, 2):
        from interviewkit.errors import ModelError

        raise ModelError(
            "JsonOptions",
            "indent",
            f"{value} is not supported",
            hint="use 2 (canonical, readable) or 0 (one line, smallest)",
        )


@attrs.frozen(kw_only=True)
class JsonOptions:
    """Options of the ``json`` format."""

    indent: int = attrs.field(default=2, validator=_indent)
    """2 writes the canonical form (diffable, what ``dumps`` returns); 0 writes one line."""


class JsonExporter:
    """Writes the canonical JSON archive."""

    name: ClassVar[str] = "json"
    suffix: ClassVar[str] = ".json"
    media_type: ClassVar[str] = "application/json"
    output: ClassVar[Literal["file", "directory"]] = "file"
    description: ClassVar[str] = (
        "canonical JSON archive, lossless (reads back with interviewkit.load)"
    )
    Options: ClassVar[type[JsonOptions]] = JsonOptions

    def export(
        self, anthology: Anthology, *, options: JsonOptions, target: Path, context: ExportContext
    ) -> ExportResult:
        if options.indent == 2:
            data = dump_bytes(anthology)
        else:
            data = orjson.dumps(unstructure(anthology), option=orjson.OPT_SORT_KEYS)
        target.write_bytes(data)
        return ExportResult(format_name=self.name, path=target, files=(Path(target.name),))


# tryfirst: pluggy calls the last registered plugin first; built-ins claim their names first.
@hookimpl(tryfirst=True)
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register the built-in ``json`` format, the same way a third-party plugin would."""
    registry.add(JsonExporter)
