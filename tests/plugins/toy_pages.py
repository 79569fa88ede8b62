"""Toy format plugin: ``toy-pages`` writes a folder with one page per portrait and an index."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

from interviewkit import (
    Anthology,
    ExportContext,
    ExporterRegistry,
    ExportResult,
    NoOptions,
    hookimpl,
)


class ToyPagesExporter:
    """Writes ``index.txt`` and ``pages/<portrait id>.txt``."""

    name: ClassVar[str] = "toy-pages"
    suffix: ClassVar[str] = ""
    media_type: ClassVar[str] = "text/plain"
    output: ClassVar[Literal["file", "directory"]] = "directory"
    description: ClassVar[str] = "one text page per portrait (toy)"
    Options: ClassVar[type[NoOptions]] = NoOptions

    def export(
        self, anthology: Anthology, *, options: NoOptions, target: Path, context: ExportContext
    ) -> ExportResult:
        files = [Path("index.txt")]
        (target / "pages").mkdir()
        index = [f"{anthology.title} ({context.build_date.isoformat()})"]
        for portrait in anthology.portraits:
            page = Path("pages") / f"{portrait.id}.txt"
            (target / page).write_text(f"{portrait.title}\n\n{portrait.lede}\n", encoding="utf-8")
            index.append(page.as_posix())
            files.append(page)
        (target / "index.txt").write_text("\n".join(index) + "\n", encoding="utf-8")
        return ExportResult(format_name=self.name, path=target, files=tuple(files))


@hookimpl
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register ``toy-pages``."""
    registry.add(ToyPagesExporter)
