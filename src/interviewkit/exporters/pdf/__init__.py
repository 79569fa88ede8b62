"""The ``pdf`` format: a print-ready book, laid out by WeasyPrint.

Cover, title page, copyright page, contents with page numbers, the front matter, each portrait
opening on a right-hand page, then the back matter; running heads, roman then arabic page numbers
(and page labels to match), an outline, hyphenation by language, a tagged PDF.

How a book is made (one private module per step):

1. :mod:`~interviewkit.exporters.pdf._parts`: the shared :mod:`interviewkit.render` layer and the
   ``pdf/`` templates give the parts' HTML: the front matter, and chunks of a few portraits
   (:mod:`~interviewkit.exporters.pdf._options` writes the page setup from the options);
2. :mod:`~interviewkit.exporters.pdf._pipeline` and :mod:`~interviewkit.exporters.pdf._render`:
   the build's executor (a process pool by default) lays the chunks out in parallel, then each
   chunk's page numbers once its first page number is known, then the back matter made from
   the data as more chunks (its locators are page numbers,
   :mod:`~interviewkit.exporters.pdf._locators`), then the front matter with the contents' page
   numbers; each chunk is handed to the assembly as soon as it is written;
3. :mod:`~interviewkit.exporters.pdf._fetcher`: WeasyPrint reads only the anthology's files and
   the package's assets; each refused URL and left-out attachment is reported as a problem;
4. :mod:`~interviewkit.exporters.pdf._assemble` (with pikepdf, and
   :mod:`~interviewkit.exporters.pdf._navigation`): the parts become one file with one
   structure tree, links across parts, outline, page labels and metadata, copied chunk by chunk
   while the others are rendered.

Only the documented APIs of WeasyPrint and pikepdf are used: what WeasyPrint writes is changed
after it is written, with pikepdf (see ``docs/explanation/pdf-engine.md``).
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import ClassVar, Literal

from interviewkit.errors import MissingDependencyError
from interviewkit.exporters import ExportContext, ExportResult
from interviewkit.exporters.pdf._options import PdfOptions
from interviewkit.model.models import Anthology
from interviewkit.model.problems import Problem
from interviewkit.plugins.hookspecs import hookimpl
from interviewkit.plugins.registry import ExporterRegistry

__all__ = ["PdfExporter", "PdfOptions"]


def _problems(messages: Sequence[str]) -> tuple[Problem, ...]:
    return tuple(
        Problem(
            severity="warning",
            where="pdf",
            message=message,
            hint="only files inside the anthology folder are used in the PDF",
        )
        for message in dict.fromkeys(messages)
    )


class PdfExporter:
    """A print-ready PDF book."""

    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"
    media_type: ClassVar[str] = "application/pdf"
    output: ClassVar[Literal["file", "directory"]] = "file"
    description: ClassVar[str] = (
        "print-ready PDF book: contents, page numbers, outline (WeasyPrint)"
    )
    Options: ClassVar[type[PdfOptions]] = PdfOptions

    def export(
        self, anthology: Anthology, *, options: PdfOptions, target: Path, context: ExportContext
    ) -> ExportResult:
        if importlib.util.find_spec("weasyprint") is None:
            raise MissingDependencyError(
                "the pdf format", hint="install WeasyPrint: python -m pip install weasyprint"
            )
        # Imported here, not at the top: registering the format must stay cheap for every
        # command, including those that never build a PDF.
        from interviewkit.exporters.pdf._assemble import BookAssembler
        from interviewkit.exporters.pdf._parts import BookParts, chunk_sizes
        from interviewkit.exporters.pdf._pipeline import default_executor, render_book, worker_count

        chunks = len(chunk_sizes(len(anthology.portraits), options.chunk_size))
        if not chunks and anthology.back_matter:
            chunks = 1
        in_flight = worker_count(options.jobs, chunks + 1)
        # The parts are written beside the target, in the build's own temporary folder: a
        # build that is killed leaves them where the next build sweeps them away.
        work = Path(tempfile.mkdtemp(prefix=".pdf-parts-", dir=target.parent))
        try:
            with ExitStack() as stack:
                # The caller's executor, or processes of our own, started first: they import
                # WeasyPrint while the parts' HTML is being prepared here.
                executor = context.executor or stack.enter_context(default_executor(in_flight))
                context.progress("rendering")
                parts = BookParts(anthology, options, context, work)
                # Each chunk is copied into the book as soon as it is written.
                assembler = BookAssembler()
                results = render_book(
                    executor,
                    parts.chunk_jobs(),
                    parts.folio_job,
                    parts.front_job,
                    in_flight=in_flight,
                    progress=context.progress,
                    on_chunk=assembler.add,
                    back_jobs=parts.back_jobs,
                )
            context.progress("assembling")
            assembler.write(results.front, target, outline=parts.outline(), options=options)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        # Images left out are reported by the content checks (interviewkit.build._image_checks);
        # what only the layout finds (a resource of a theme) is reported here.
        messages: list[str] = []
        for part in (results.front, *results.chunks, *results.folios):
            messages.extend(f"refused {url!r}: {reason}" for url, reason in part.refused)
            messages.extend(f"left out an attachment: {what}" for what in part.attachments)
        return ExportResult(
            format_name=self.name,
            path=target,
            files=(Path(target.name),),
            problems=_problems(messages),
        )


# tryfirst: pluggy calls the last registered plugin first; built-ins claim their names first.
@hookimpl(tryfirst=True)
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``pdf`` format."""
    registry.add(PdfExporter)
