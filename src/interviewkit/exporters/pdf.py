"""The ``pdf`` format: a print-ready book, laid out by WeasyPrint.

Cover, title page, copyright page, contents with page numbers, the front matter, one portrait per
right-hand page opening, then the back matter; running heads, roman then arabic page numbers
(and page labels to match), an outline, hyphenation by language, tagged PDF.

How a book is made (see the private modules for each step):

1. the shared :mod:`interviewkit.render` layer builds the book's view, and the ``pdf/`` templates
   turn it into HTML parts: the front matter, and chunks of a few portraits each
   (:mod:`~interviewkit.exporters._pdf_options` writes the page setup);
2. the parts are laid out in child processes, in order, each chunk starting on the page number
   where the previous one ended; the front matter, with the table of contents, comes last
   (:mod:`~interviewkit.exporters._pdf_pipeline`, :mod:`~interviewkit.exporters._pdf_render`);
3. WeasyPrint reads only the anthology's files and the package's assets
   (:mod:`~interviewkit.exporters._pdf_fetcher`); every refused URL is reported as a problem;
4. pypdf assembles the parts into one file with one structure tree, outline, page labels and
   metadata (:mod:`~interviewkit.exporters._pdf_assemble`).
"""

from __future__ import annotations

import importlib.util
import math
import shutil
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import quote

from markupsafe import Markup

from interviewkit.checks import Problem
from interviewkit.errors import MissingDependencyError, MissingResourceError
from interviewkit.exporters import ExportContext, ExportResult
from interviewkit.exporters._pdf_assemble import ANCHOR_SCHEME, OutlineEntry, assemble
from interviewkit.exporters._pdf_fetcher import Sandbox
from interviewkit.exporters._pdf_options import (
    FOLIOS_ONLY_CSS,
    NO_FOLIOS_CSS,
    PdfOptions,
    page_setup_css,
)
from interviewkit.exporters._pdf_pipeline import ChunkLayout, render_book
from interviewkit.exporters._pdf_render import Anchor, PartJob
from interviewkit.hookspecs import hookimpl
from interviewkit.models import Anthology
from interviewkit.registry import ExporterRegistry
from interviewkit.render.context import BookView, PortraitView, build_book_view
from interviewkit.render.environment import THEME_FOLDER, make_environment
from interviewkit.render.images import EmbeddingResolver

__all__ = ["PdfExporter", "PdfOptions"]

STYLESHEET = "print.css"
#: Suffix of the id of the empty element that ends each portrait and section of the main matter.
END_SUFFIX = "--end"

#: Labels only the printed book uses (the others come from :mod:`interviewkit.render.labels`).
PRINT_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "edition": "Print edition",
        "identifier": "Identifier:",
        "generator": "Typeset with interviewkit {version}.",
    },
    "fr": {
        "edition": "Édition imprimée",
        "identifier": "Identifiant :",
        "generator": "Mis en pages avec interviewkit {version}.",
    },
}

#: Automatic chunking: about this many parts, and never more portraits than this in one part.
_TARGET_PARTS = 8
_MAX_CHUNK = 20


def _version() -> str:
    from interviewkit import __version__

    return __version__


def _static_folder() -> Path:
    return Path(str(resources.files("interviewkit").joinpath("render/static")))


class _ImageRefs(EmbeddingResolver):
    """Checks each image (inside the anthology folder, a real image) and returns its path."""

    def __call__(self, ref: str) -> str | None:
        if ref not in self._cache:
            found = self.locate(ref)
            relative = found[0].relative_to(self.resources.root).as_posix() if found else None
            self._cache[ref] = quote(relative) if relative else None
        return self._cache[ref]


def _theme_stylesheets(context: ExportContext) -> list[tuple[str, str]]:
    sheets = []
    theme = context.source_root / THEME_FOLDER
    if theme.is_dir():
        for css in sorted(theme.glob("*.css")):
            try:
                path = context.resources.resolve(css.relative_to(context.source_root).as_posix())
            except MissingResourceError:
                continue  # a symlink out of the folder: not read
            sheets.append((path.read_text(encoding="utf-8"), path.parent.as_uri() + "/"))
    return sheets


def _chunks(portraits: Sequence[PortraitView], size: int) -> list[Sequence[PortraitView]]:
    if not size:
        size = max(1, min(_MAX_CHUNK, math.ceil(len(portraits) / _TARGET_PARTS)))
    return [portraits[i : i + size] for i in range(0, len(portraits), size)]


def _outline(book: BookView, questions: bool) -> list[OutlineEntry]:
    def portrait_title(p: PortraitView) -> str:
        return p.subject + (f", {p.role}" if p.role else "")

    entries = [OutlineEntry(title=book.labels["contents"], anchor="contents")]
    entries += [OutlineEntry(title=s.title, anchor=s.id) for s in book.front_matter]
    for p in book.portraits:
        children: tuple[OutlineEntry, ...] = ()
        if questions:
            children = tuple(
                OutlineEntry(title=Markup(e.question).striptags(), anchor=e.id) for e in p.exchanges
            )
        entries.append(OutlineEntry(title=portrait_title(p), anchor=p.id, children=children))
    entries += [OutlineEntry(title=s.title, anchor=s.id) for s in book.back_matter]
    return entries


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
        images = _ImageRefs(context.resources)
        context.progress("rendering")
        book = build_book_view(
            anthology,
            href_for=lambda pid, anchor: f"{ANCHOR_SCHEME}{anchor or pid}",
            image_src=images,
            raw_html=options.raw_html,
            heading_base=1,
        )
        environment = make_environment(context.source_root, context.template_folders)
        language = book.lang.lower().split("-")[0]
        authors = list(book.editors) or list(
            dict.fromkeys(p.interviewer for p in book.portraits if p.interviewer)
        )
        common: dict[str, Any] = {
            "book": book,
            "authors": authors,
            "subject": book.description.striptags() if book.description else book.subtitle,
            "created": context.build_date.isoformat(),
            "generator_version": _version(),
            "print_labels": PRINT_LABELS.get(language, PRINT_LABELS["en"]),
            "plugins": context.template_context(anthology, None),
            "xhtml": False,
            "anchor_scheme": ANCHOR_SCHEME,
            "end_suffix": END_SUFFIX,
        }
        static = _static_folder()
        print_css = ((static / STYLESHEET).read_text(encoding="utf-8"), static.as_uri() + "/")
        theme = _theme_stylesheets(context)
        base_url = context.source_root.resolve().as_uri() + "/"
        sandbox = Sandbox(context.source_root, static)
        chunks = _chunks(book.portraits, options.chunk_size)
        chunk_template = environment.get_template("pdf/chunk.html")
        back = book.back_matter
        if back and not chunks:
            chunks = [()]
        htmls, items = [], []
        for i, chunk in enumerate(chunks):
            sections = back if i == len(chunks) - 1 else ()
            htmls.append(chunk_template.render(portraits=chunk, back_matter=sections, **common))
            items.append([p.id for p in chunk] + [s.id for s in sections])
        folio_template = environment.get_template("pdf/folios.html")
        work = Path(tempfile.mkdtemp(prefix="interviewkit-pdf-"))
        setup_base = static.as_uri() + "/"

        def job(
            index: int, kind: Literal["front", "chunk", "folios"], html: str, first_page: int | None
        ) -> PartJob:
            setup = page_setup_css(options, running_title=book.title, first_page=first_page)
            last = {"chunk": NO_FOLIOS_CSS, "folios": FOLIOS_ONLY_CSS, "front": ""}[kind]
            return PartJob(
                index=index,
                kind=kind,
                html=html,
                stylesheets=(print_css, (setup, setup_base), *theme, (last, setup_base)),
                base_url=base_url,
                sandbox=sandbox,
                output=str(work / f"{kind}-{index:04d}.pdf"),
                tagged=options.tagged,
                pdf_variant=options.pdf_variant,
            )

        def folio_job(number: int, first: int, pages: int, anchors: dict[str, Anchor]) -> PartJob:
            ids = items[number - 1]
            blank = [False] * pages
            for i, item in enumerate(ids):
                end = anchors[item + END_SUFFIX][0]
                following = anchors[ids[i + 1]][0] if i + 1 < len(ids) else pages
                for page in range(end + 1, following):
                    blank[page] = True
            html = folio_template.render(book=book, pages=blank)
            return job(number, "folios", html, first)

        def front_job(layouts: Sequence[ChunkLayout]) -> PartJob:
            pages: dict[str, int] = {}
            for start, anchors in layouts:
                for name, (index, _, _) in anchors.items():
                    pages.setdefault(name, start + index)
            html = environment.get_template("pdf/front.html").render(pages=pages, **common)
            return job(0, "front", html, None)

        try:
            front, parts, folios = render_book(
                [job(number, "chunk", html, None) for number, html in enumerate(htmls, 1)],
                folio_job,
                front_job,
                jobs=options.jobs,
                progress=context.progress,
            )
            assemble(
                front, parts, folios, target, outline=_outline(book, options.outline_questions)
            )
        finally:
            shutil.rmtree(work, ignore_errors=True)
        messages = [*book.problems, *images.problems]
        for part in (front, *parts, *folios):
            messages.extend(f"refused {url!r}: {reason}" for url, reason in part.refused)
            messages.extend(f"left out an attachment: {what}" for what in part.attachments)
        return ExportResult(
            format_name=self.name,
            path=target,
            files=(Path(target.name),),
            problems=_problems(messages),
        )


@hookimpl
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``pdf`` format."""
    registry.add(PdfExporter)
