"""Toy format plugin: ``toy-text`` writes the title of every portrait, one per line."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

import attrs

from interviewkit import Anthology, ExportContext, ExporterRegistry, ExportResult, hookimpl


@attrs.frozen(kw_only=True)
class ToyTextOptions:
    """Options of ``toy-text``."""

    upper: bool = False
    """Write the titles in capitals."""


class ToyTextExporter:
    """Writes one portrait title per line."""

    name: ClassVar[str] = "toy-text"
    suffix: ClassVar[str] = ".txt"
    media_type: ClassVar[str] = "text/plain"
    output: ClassVar[Literal["file", "directory"]] = "file"
    description: ClassVar[str] = "portrait titles, one per line (toy)"
    Options: ClassVar[type[ToyTextOptions]] = ToyTextOptions

    def export(
        self,
        anthology: Anthology,
        *,
        options: ToyTextOptions,
        target: Path,
        context: ExportContext,
    ) -> ExportResult:
        lines = [portrait.title for portrait in anthology.portraits]
        text = "\n".join(line.upper() if options.upper else line for line in lines) + "\n"
        target.write_text(text, encoding="utf-8")
        return ExportResult(format_name=self.name, path=target, files=(Path(target.name),))


@hookimpl
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register ``toy-text``."""
    registry.add(ToyTextExporter)
