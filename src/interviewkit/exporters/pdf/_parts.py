"""What the book is made of: its parts as HTML, and the jobs that lay them out.

The shared :mod:`interviewkit.render` layer builds the book's view once; the ``pdf/`` templates
turn it into the front matter (cover, title, copyright, contents, front sections), chunks of a
few portraits (the last one with the back matter written by hand and the sources), per chunk a
document of its page numbers, and the back matter made from the data (concordance, reading
list, index), whose locators are page numbers (:mod:`~interviewkit.exporters.pdf._locators`):
it is written once every chunk is laid out.  Each becomes a
:class:`~interviewkit.exporters.pdf._render.PartJob`: HTML plus the stylesheets in cascade order
(``print.css``, the page setup, the theme's CSS, then what the part's kind needs).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import attrs
from markupsafe import Markup

from interviewkit.document.back_matter_view import GENERATED_KINDS, back_matter_markup
from interviewkit.document.view import PortraitView, SectionView, build_book_view
from interviewkit.exporters import ExportContext
from interviewkit.exporters.pdf._fetcher import ANTHOLOGY_URL, Sandbox
from interviewkit.exporters.pdf._locators import PageLocators
from interviewkit.exporters.pdf._navigation import ANCHOR_SCHEME, END_SUFFIX, OutlineEntry
from interviewkit.exporters.pdf._options import (
    FOLIOS_ONLY_CSS,
    NO_FOLIOS_CSS,
    PdfOptions,
    page_setup_css,
)
from interviewkit.exporters.pdf._render import Anchor, PartJob
from interviewkit.model.models import Anthology
from interviewkit.render.environment import make_environment
from interviewkit.render.images import EmbeddingResolver
from interviewkit.render.labels import print_labels
from interviewkit.render.theme import theme_stylesheets

__all__ = ["BookParts", "chunk_sizes"]

STYLESHEET = "print.css"

#: Automatic chunking: about this many chunks, and never more portraits than this in one.
_TARGET_CHUNKS = 8
_MAX_CHUNK = 20
#: Chunks of this many portraits or more end in half chunks (smaller ones cost more in parts).
_HALVED_FROM = 10

Kind = Literal["front", "chunk", "folios"]


def _href(portrait_id: str, anchor: str | None) -> str:
    """Every place of the book is linked to by its anchor, resolved once the book is assembled."""
    return f"{ANCHOR_SCHEME}{anchor or portrait_id}"


def chunk_sizes(portraits: int, requested: int) -> list[int]:
    """Portraits in each chunk: ``requested`` each, or about eight chunks (at most 20 each).

    Large automatic chunks end smaller: the last two chunks' portraits are laid out as four
    half chunks, so that the processes finish at about the same time (the book waits for the last
    one) rather than one of them laying out a whole chunk alone.
    """
    if requested:
        return [min(requested, portraits - i) for i in range(0, portraits, requested)]
    size = max(1, min(_MAX_CHUNK, math.ceil(portraits / _TARGET_CHUNKS)))
    tail = min(portraits, 2 * size) if size >= _HALVED_FROM else 0
    head = portraits - tail
    sizes = [size] * (head // size) + ([head % size] if head % size else [])
    pieces = min(tail, 4)
    sizes += [tail // pieces + (1 if i < tail % pieces else 0) for i in range(pieces)]
    return sizes


class _ImageRefs(EmbeddingResolver):
    """Checks each image (inside the anthology folder, a real image) and returns its path."""

    def __call__(self, ref: str) -> str | None:
        if ref not in self._cache:
            found = self.locate(ref)
            relative = found[0].relative_to(self.resources.root).as_posix() if found else None
            self._cache[ref] = quote(relative) if relative else None
        return self._cache[ref]


class BookParts:
    """The book's view, its parts' HTML, and the jobs to lay them out into ``work``."""

    def __init__(
        self, anthology: Anthology, options: PdfOptions, context: ExportContext, work: Path
    ) -> None:
        self.options = options
        self.work = work
        self.images = _ImageRefs(context.resources)
        self.document = context.book_document(anthology)
        book = build_book_view(
            anthology,
            self.document,
            href_for=_href,
            image_src=self.images,
            raw_html=options.raw_html,
            heading_base=1,
            link_notes=None if options.links == "none" else options.links,
            # print.css sets hyphens: manual: a word breaks only where a soft hyphen is.
            hyphenate=True,
        )
        # The generated back matter goes after the sources page, in a part of its own: the
        # contents and the outline list it there too.
        plain = tuple(s for s in book.back_matter if s.kind not in GENERATED_KINDS)
        self.generated = tuple(s for s in book.back_matter if s.kind in GENERATED_KINDS)
        self.book = book = attrs.evolve(book, back_matter=(*plain, *self.generated))
        self.environment = make_environment(
            context.source_root, context.template_folders, resources=context.resources
        )
        authors = list(book.editors) or list(
            dict.fromkeys(name for p in book.portraits for name in p.interviewers)
        )
        self.common: dict[str, Any] = {
            "book": book,
            "authors": authors,
            "subject": book.description.striptags() if book.description else book.subtitle,
            "created": context.build_date.isoformat(),
            "generator_version": context.interviewkit_version,
            "print_labels": print_labels(book.lang),
            "plugins": context.template_context(anthology, None),
            "xhtml": False,
            "flat_exchanges": True,
            "print_book": True,
            "anchor_scheme": ANCHOR_SCHEME,
            "end_suffix": END_SUFFIX,
        }
        static = Path(str(resources.files("interviewkit").joinpath("render/static")))
        self.static_url = static.as_uri() + "/"
        self.print_css = ((static / STYLESHEET).read_text(encoding="utf-8"), self.static_url)
        # Relative URLs in a theme stylesheet resolve against its folder, named by its
        # path-independent URL (see pdf/_fetcher.py).
        root = context.resources.root
        self.theme = [
            (sheet.css, f"{ANTHOLOGY_URL}{sheet.path.parent.relative_to(root).as_posix()}/")
            for sheet in theme_stylesheets(context)
        ]
        self.base_url = ANTHOLOGY_URL
        self.sandbox = Sandbox(context.source_root, static)
        chunks: list[Sequence[PortraitView]] = []
        start = 0
        for size in chunk_sizes(len(book.portraits), options.chunk_size):
            chunks.append(book.portraits[start : start + size])
            start += size
        if plain and not chunks:
            chunks = [()]
        template = self.environment.get_template("pdf/chunk.html")
        self.htmls: list[str] = []
        self.items: list[list[str]] = []
        for i, chunk in enumerate(chunks):
            sections = plain if i == len(chunks) - 1 else ()
            self.htmls.append(template.render(portraits=chunk, back_matter=sections, **self.common))
            self.items.append([p.id for p in chunk] + [s.id for s in sections])

    def job(self, index: int, kind: Kind, html: str, first_page: int | None) -> PartJob:
        """A part to lay out; ``first_page`` resets the page counter."""
        setup = page_setup_css(self.options, running_title=self.book.title, first_page=first_page)
        last = {"chunk": NO_FOLIOS_CSS, "folios": FOLIOS_ONLY_CSS, "front": ""}[kind]
        return PartJob(
            index=index,
            kind=kind,
            html=html,
            stylesheets=(
                self.print_css,
                (setup, self.static_url),
                *self.theme,
                (last, self.static_url),
            ),
            base_url=self.base_url,
            sandbox=self.sandbox,
            output=str(self.work / f"{kind}-{index:04d}.pdf"),
            tagged=self.options.tagged,
            pdf_variant=self.options.pdf_variant,
        )

    def chunk_jobs(self) -> list[PartJob]:
        """The chunks of the main matter, numbered from 1."""
        return [self.job(n, "chunk", html, None) for n, html in enumerate(self.htmls, 1)]

    def folio_job(self, number: int, first: int, pages: int, anchors: dict[str, Anchor]) -> PartJob:
        """The page numbers of chunk ``number``; pages left blank between items get none."""
        ids = self.items[number - 1]
        blank = [False] * pages
        for i, item in enumerate(ids):
            end = anchors[item + END_SUFFIX][0]
            following = anchors[ids[i + 1]][0] if i + 1 < len(ids) else pages
            for page in range(end + 1, following):
                blank[page] = True
        html = self.environment.get_template("pdf/folios.html").render(book=self.book, pages=blank)
        return self.job(number, "folios", html, first)

    @staticmethod
    def page_numbers(layouts: Sequence[tuple[int, dict[str, Anchor]]]) -> dict[str, int]:
        """The book's page number of each anchor (the first part to have it wins)."""
        pages: dict[str, int] = {}
        for start, anchors in layouts:
            for name, (index, _, _) in anchors.items():
                pages.setdefault(name, start + index)
        return pages

    def back_jobs(self, layouts: Sequence[tuple[int, dict[str, Anchor]]]) -> list[PartJob]:
        """The back matter made from the data, its locators as page numbers: one more chunk
        per part (the concordance, the reading list, the index), numbered after the last, so
        that they are laid out in parallel and assembled last, with their page numbers."""
        if not self.generated:
            return []
        locators = PageLocators(self.page_numbers(layouts))
        parts = back_matter_markup(
            self.document,
            href_for=_href,
            locator_markup=locators,
            place_markup=locators.place,
            heading_level=2,
        )
        template = self.environment.get_template("pdf/chunk.html")
        jobs = []
        for ident, title, kind, body in parts:
            section = SectionView(id=ident, title=title, kind=kind, body=body)
            self.htmls.append(template.render(portraits=(), back_matter=(section,), **self.common))
            self.items.append([ident])
            jobs.append(self.job(len(self.htmls), "chunk", self.htmls[-1], None))
        return jobs

    def front_job(self, layouts: Sequence[tuple[int, dict[str, Anchor]]]) -> PartJob:
        """The front matter, with the page numbers the chunks' layouts give the contents."""
        pages = self.page_numbers(layouts)
        template = self.environment.get_template("pdf/front.html")
        return self.job(0, "front", template.render(pages=pages, **self.common), None)

    def outline(self) -> list[OutlineEntry]:
        """Contents, front matter, portraits (their parts and questions below them), back matter.

        An interview's titled parts are always in the outline, like the contents of a chapter;
        its questions only with ``outline_questions``, under their part (or right under the
        portrait, for those before the first part), as in the EPUB's table of contents.
        """
        book = self.book
        entries = [OutlineEntry(title=book.labels["contents"], anchor="contents")]
        entries += [OutlineEntry(title=s.title, anchor=s.id) for s in book.front_matter]
        for p in book.portraits:
            children: list[OutlineEntry] = []
            for part in p.parts:
                questions = tuple(
                    OutlineEntry(title=Markup(e.question).striptags(), anchor=e.id)
                    for e in part.exchanges
                    if self.options.outline_questions
                )
                if part.title is not None and part.id is not None:
                    title = part.title.striptags()
                    children.append(OutlineEntry(title=title, anchor=part.id, children=questions))
                else:
                    children.extend(questions)
            title = p.subject + (f", {p.role}" if p.role else "")
            entries.append(OutlineEntry(title=title, anchor=p.id, children=tuple(children)))
        entries += [OutlineEntry(title=s.title, anchor=s.id) for s in book.back_matter]
        return entries
