"""The ``docx`` format for interviewkit: a Word document with real styles and a contents field.

Portraits are ``Heading 1``, parts ``Heading 2``, questions a ``Question`` style based on
``Heading 3`` (so they show in Word's navigation pane), answers an ``Answer`` style.  The texts
come from the build's book document (:meth:`interviewkit.ExportContext.book_document`): parsed,
typeset and worded once for every format, they become Word paragraphs, runs, lists, hyperlinks
and bookmarks here.  The output is reproducible: core-property dates come from the build
date and the zip entries carry a fixed time, so two builds of the same anthology are
byte-identical.

interviewkit finds the plugin through the ``docx = "interviewkit_docx"`` entry point of the
``interviewkit`` group, declared in this package's ``pyproject.toml``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, ClassVar, Literal

import attrs

from interviewkit import (
    Anthology,
    ExportContext,
    ExporterRegistry,
    ExportResult,
    MissingDependencyError,
    ModelError,
    hookimpl,
)

__all__ = ["DocxExporter", "DocxOptions"]


def _positive(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 1 <= value <= 16:
        raise ModelError(
            "DocxOptions",
            attribute.name,
            f"{value} cm is not a usable image width",
            hint="use a width between 1 and 16 (centimetres; an A4 text block is about 16)",
        )


@attrs.frozen(kw_only=True)
class DocxOptions:
    """Options of the ``docx`` format (``[export.docx]``)."""

    toc: bool = True
    """Insert a table-of-contents field after the title page (filled when fields update)."""
    image_width_cm: float = attrs.field(default=6.0, validator=_positive)
    """Width of portrait photos, in centimetres."""


class DocxExporter:
    """Writes the anthology as one Word document."""

    name: ClassVar[str] = "docx"
    suffix: ClassVar[str] = ".docx"
    media_type: ClassVar[str] = (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    output: ClassVar[Literal["file", "directory"]] = "file"
    description: ClassVar[str] = "Word document with heading styles and a table of contents"
    Options: ClassVar[type[DocxOptions]] = DocxOptions

    def export(
        self, anthology: Anthology, *, options: DocxOptions, target: Path, context: ExportContext
    ) -> ExportResult:
        try:
            import docx  # noqa: F401 - imported here to turn its absence into a clear error
        except ImportError as exc:
            raise MissingDependencyError(
                "the docx format", hint="pip install python-docx (or reinstall interviewkit-docx)"
            ) from exc
        from interviewkit_docx._document import build_document
        from interviewkit_docx._package import normalized_zip

        def resolve(path: str, referrer: str) -> Path:
            return context.resources.resolve(path, referrer=referrer)

        book = context.book_document(anthology)
        context.progress("building the document")
        document = build_document(
            anthology,
            book,
            toc=options.toc,
            image_width_cm=options.image_width_cm,
            resolve=resolve,
            build_date=context.build_date,
        )
        buffer = io.BytesIO()
        document.save(buffer)
        target.write_bytes(normalized_zip(buffer.getvalue(), context.build_date))
        return ExportResult(
            format_name=self.name,
            path=target,
            files=(Path(target.name),),
        )


@hookimpl
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``docx`` format."""
    registry.add(DocxExporter)
