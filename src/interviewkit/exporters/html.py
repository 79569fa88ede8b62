"""The ``html`` and ``html-site`` formats: a self-contained page, or a static site.

Both render the shared :mod:`interviewkit.render` layer through Jinja2 templates, like the EPUB
and PDF formats, and are registered through the plugin hook like any third-party format.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Literal

import attrs

from interviewkit.document.back_matter_view import GENERATED_KINDS
from interviewkit.document.view import build_book_view
from interviewkit.exporters import ExportContext, ExportResult
from interviewkit.model.models import Anthology
from interviewkit.plugins.hookspecs import hookimpl
from interviewkit.plugins.registry import ExporterRegistry
from interviewkit.render.environment import make_environment
from interviewkit.render.images import CopyingResolver, EmbeddingResolver
from interviewkit.render.theme import theme_stylesheets

__all__ = ["HtmlExporter", "HtmlOptions", "HtmlSiteExporter"]

STYLESHEET = "interviewkit.css"


@attrs.frozen(kw_only=True)
class HtmlOptions:
    """Options of the ``html`` and ``html-site`` formats."""

    raw_html: bool = False
    """Let a sanitized subset of raw HTML in answers through (nh3); off: it is shown as text."""


def _stylesheets(context: ExportContext) -> list[tuple[str, str]]:
    """``(name, css)``: the package's stylesheet, then the theme's (checked, see render.theme)."""
    builtin = resources.files("interviewkit").joinpath(f"render/static/{STYLESHEET}")
    return [
        (STYLESHEET, builtin.read_text("utf-8")),
        *((sheet.name, sheet.css) for sheet in theme_stylesheets(context)),
    ]


class HtmlExporter:
    """One self-contained HTML file: styles inlined, images embedded, a table of contents."""

    name: ClassVar[str] = "html"
    suffix: ClassVar[str] = ".html"
    media_type: ClassVar[str] = "text/html"
    output: ClassVar[Literal["file", "directory"]] = "file"
    description: ClassVar[str] = "one self-contained HTML page (styles and images inside)"
    Options: ClassVar[type[HtmlOptions]] = HtmlOptions

    def export(
        self, anthology: Anthology, *, options: HtmlOptions, target: Path, context: ExportContext
    ) -> ExportResult:
        images = EmbeddingResolver(context.resources)
        context.progress("rendering")
        book = build_book_view(
            anthology,
            context.book_document(anthology),
            href_for=lambda pid, anchor: f"#{anchor or pid}",
            image_src=images,
            raw_html=options.raw_html,
            heading_base=2,
        )
        environment = make_environment(
            context.source_root, context.template_folders, resources=context.resources
        )
        html = environment.get_template("html/book.html").render(
            book=book,
            plugins=context.template_context(anthology, None),
            xhtml=False,
            inline_css=[css for _, css in _stylesheets(context)],
            stylesheets=[],
            generator_version=context.interviewkit_version,
        )
        target.write_text(html, encoding="utf-8")
        return ExportResult(
            format_name=self.name,
            path=target,
            files=(Path(target.name),),
        )


class HtmlSiteExporter:
    """A static site: an index page, one page per portrait, shared assets; opens from disk."""

    name: ClassVar[str] = "html-site"
    suffix: ClassVar[str] = ""
    media_type: ClassVar[str] = "text/html"
    output: ClassVar[Literal["file", "directory"]] = "directory"
    description: ClassVar[str] = "a folder of pages: index, one page per portrait, assets"
    Options: ClassVar[type[HtmlOptions]] = HtmlOptions

    def export(
        self, anthology: Anthology, *, options: HtmlOptions, target: Path, context: ExportContext
    ) -> ExportResult:
        images = CopyingResolver(context.resources, prefix="images/")
        context.progress("rendering")
        document = context.book_document(anthology)

        def href_for(pid: str, anchor: str | None) -> str:
            return f"{pid}.html" + (f"#{anchor}" if anchor else "")

        book = build_book_view(
            anthology,
            document,
            href_for=href_for,
            image_src=images,
            raw_html=options.raw_html,
            heading_base=1,
            # The sections are on the home page, under the book's title (templates/html).
            section_heading=2,
            # The generated parts have pages of their own, titled at level 1.
            generated_heading=2,
        )
        environment = make_environment(
            context.source_root, context.template_folders, resources=context.resources
        )
        sheets = _stylesheets(context)
        common: dict[str, Any] = {
            "book": book,
            "xhtml": False,
            "inline_css": [],
            "stylesheets": [f"assets/{name}" for name, _ in sheets],
            "generator_version": context.interviewkit_version,
        }
        # The concordance, the reading list and the index each get a page of their own (their
        # ids never are "index": see interviewkit.document), headed at level 1.
        generated = [s for s in book.back_matter if s.kind in GENERATED_KINDS]
        common["section_pages"] = {section.id: f"{section.id}.html" for section in generated}
        written: list[Path] = []

        def write(relative: str, text: str) -> None:
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(Path(relative))

        write(
            "index.html",
            environment.get_template("html/index.html").render(
                plugins=context.template_context(anthology, None), **common
            ),
        )
        page = environment.get_template("html/portrait.html")
        pages = zip(book.portraits, anthology.portraits, strict=True)
        for number, (portrait, model) in enumerate(pages, 1):
            context.progress(f"portrait {number} of {len(book.portraits)}")
            extra = context.template_context(anthology, model)
            write(f"{portrait.id}.html", page.render(p=portrait, plugins=extra, **common))
        for section in generated:
            write(
                f"{section.id}.html",
                environment.get_template("html/section.html").render(s=section, **common),
            )
        for name, css in sheets:
            write(f"assets/{name}", css)
        for relative, source in sorted(images.files.items()):
            destination = target / "images" / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(images.read(source))
            written.append(Path("images") / relative)
        return ExportResult(
            format_name=self.name,
            path=target,
            files=tuple(sorted(written)),
        )


# tryfirst: pluggy calls the last registered plugin first; built-ins claim their names first.
@hookimpl(tryfirst=True)
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``html`` and ``html-site`` formats."""
    registry.add(HtmlExporter)
    registry.add(HtmlSiteExporter)
