"""The ``epub`` format: an EPUB 3 anthology that passes EPUBCheck and Ace, built reproducibly.

One XHTML document per portrait, rendered by the shared :mod:`interviewkit.render` layer (the
same text and typography as the HTML and PDF editions), plus front matter (cover, title page,
copyright page, the anthology's front matter sections) and back matter (its back matter sections,
the generated concordance and reading list, a page about the editors, and the generated index
last, in EPUB Indexes 1.0 markup).  The navigation document holds the table of contents, with
each portrait's questions as a second level, and the landmarks (the index's included); an NCX
is added for older readers.

The package metadata (titles, people with MARC roles, identifier, series, EPUB Accessibility 1.1
properties) is derived from the anthology; see ``docs/how-to/epub.md`` for the full table.

Two builds of the same source with the same ``SOURCE_DATE_EPOCH`` are byte-identical: the
modification date is the build date, never the clock, and the archive is rewritten with fixed
dates in a stable order.  Images come from the source folder only; a file that is not an image is
left out (its alt text is shown instead), so the book stays valid; the content checks report it.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar, Literal

import attrs

from interviewkit.errors import MissingDependencyError
from interviewkit.exporters import ExportContext, ExportResult
from interviewkit.exporters.epub._documents import BOOK_PAGES, BookBuilder, toc_depth
from interviewkit.exporters.epub._package import fill_metadata, reproducible_zip, write_package
from interviewkit.model.models import Anthology
from interviewkit.plugins.hookspecs import hookimpl
from interviewkit.plugins.registry import ExporterRegistry

__all__ = ["EpubExporter", "EpubOptions"]


@attrs.frozen(kw_only=True)
class EpubOptions:
    """Options of the ``epub`` format.

    Set in ``[export.epub]`` of ``anthology.toml``, or with ``-O epub.KEY=VALUE``.
    """

    toc_questions: bool = True
    """List each portrait's questions (and parts) under it in the table of contents."""
    raw_html: bool = False
    """Let a sanitized subset of raw HTML in answers through (nh3); off: it is shown as text."""
    cover: bool = True
    """Open the book on a cover page: the anthology's cover image, or a generated title cover."""
    certified_by: str | None = None
    """Who evaluated the accessibility claim (``a11y:certifiedBy``); default: the publisher."""


class EpubExporter:
    """An EPUB 3 book: one document per portrait, navigation, accessibility metadata."""

    name: ClassVar[str] = "epub"
    suffix: ClassVar[str] = ".epub"
    media_type: ClassVar[str] = "application/epub+zip"
    output: ClassVar[Literal["file", "directory"]] = "file"
    description: ClassVar[str] = "EPUB 3 e-book (EPUBCheck-valid, accessible, reproducible)"
    Options: ClassVar[type[EpubOptions]] = EpubOptions

    def export(
        self, anthology: Anthology, *, options: EpubOptions, target: Path, context: ExportContext
    ) -> ExportResult:
        try:
            from ebooklib import epub
        except ImportError as exc:
            raise MissingDependencyError("the epub format", "pip install ebooklib") from exc
        context.progress("rendering")
        builder = BookBuilder(anthology, options, context)
        documents = list(builder.documents())
        toc = builder.toc(documents)
        book = builder.book
        labels = builder.labels
        landmarks = [
            (
                document.landmark,
                labels["start"] if document.landmark == "bodymatter" else document.title,
                f"{document.href}#toc" if document.landmark == "toc" else document.href,
            )
            for document in documents
            if document.landmark
        ]
        if not any(kind == "bodymatter" for kind, _, _ in landmarks):
            first = next((d for d in documents if d.uid not in BOOK_PAGES), None)
            if first is not None:
                landmarks.append(("bodymatter", labels["start"], first.href))
        identifier = builder.identifier
        nav = builder.render("nav.xhtml", toc=toc, landmarks=landmarks)
        ncx = builder.render(
            "toc.ncx", toc=toc, depth=max(1, toc_depth(toc)), identifier=identifier.value
        )

        context.progress("packaging")
        package = epub.EpubBook()
        images = labels["a11y_images"] if builder.images.files else ""
        fill_metadata(
            package,
            anthology,
            identifier=identifier,
            has_images=bool(builder.images.files),
            summary=labels["a11y_summary"].format(images=images),
            certified_by=options.certified_by or anthology.publisher,
            generator=f"interviewkit {context.interviewkit_version}",
        )
        spine = []
        for document in documents:
            content = nav if document.uid == "nav" else document.content
            item = epub.EpubItem(
                uid=document.uid,
                file_name=document.href,
                media_type="application/xhtml+xml",
                content=content.encode("utf-8"),
            )
            item.properties = ["nav"] if document.uid == "nav" else []
            package.add_item(item)
            spine.append(item)
        package.add_item(
            epub.EpubItem(
                uid="ncx",
                file_name="toc.ncx",
                media_type="application/x-dtbncx+xml",
                content=ncx.encode("utf-8"),
            )
        )
        for number, (href, css) in enumerate(builder.stylesheets, 1):
            package.add_item(
                epub.EpubItem(
                    uid=f"css-{number}",
                    file_name=href,
                    media_type="text/css",
                    content=css.encode("utf-8"),
                )
            )
        # The cover image stays the book's cover for libraries even without a cover page.
        cover_href = book.cover.src if book.cover is not None else None
        for number, (href, (path, media_type)) in enumerate(builder.images.files.items(), 1):
            item = epub.EpubItem(
                uid="cover-image" if href == cover_href else f"image-{number}",
                file_name=href,
                media_type=media_type,
                content=builder.images.read(path),
            )
            item.properties = ["cover-image"] if href == cover_href else []
            package.add_item(item)
        if cover_href is not None:
            package.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})
        package.spine = spine
        written = write_package(package, modified=context.build_date, language=anthology.language)
        reproducible_zip(written, target, context.build_date)
        return ExportResult(
            format_name=self.name,
            path=target,
            files=(Path(target.name),),
            # What is left out (an image outside the folder, say) is reported once, by the
            # content checks of build() and check (interviewkit.build._image_checks), not here.
        )


# tryfirst: pluggy calls the last registered plugin first; built-ins claim their names first.
@hookimpl(tryfirst=True)
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register the built-in ``epub`` format, the same way a third-party plugin would."""
    registry.add(EpubExporter)
