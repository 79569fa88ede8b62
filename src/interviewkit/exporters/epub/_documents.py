"""The documents of the EPUB: every XHTML page, the table of contents and the labels they need.

:class:`BookBuilder` renders the shared :class:`~interviewkit.document.view.BookView` through the
``epub/*.xhtml`` templates; :mod:`interviewkit.exporters.epub` packages the result.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any, Protocol

import attrs

from interviewkit.document.view import (
    BookView,
    PortraitView,
    SectionView,
    build_book_view,
)
from interviewkit.exporters import ExportContext
from interviewkit.exporters.epub._package import PackagingResolver, book_identifier
from interviewkit.model.models import Anthology
from interviewkit.render.environment import make_environment
from interviewkit.render.labels import epub_labels
from interviewkit.render.theme import theme_stylesheets

__all__ = [
    "BOOK_PAGES",
    "BookBuilder",
    "BookOptions",
    "Document",
    "TocEntry",
    "toc_depth",
]

STYLESHEET = "epub.css"

#: epub:type and DPUB-ARIA role of each section kind (kinds without one get neither).
_SECTION_SEMANTICS = {
    "preface": ("preface", "doc-preface"),
    "introduction": ("introduction", "doc-introduction"),
    "foreword": ("foreword", "doc-foreword"),
    "acknowledgements": ("acknowledgments", "doc-acknowledgments"),
    "dedication": ("dedication", "doc-dedication"),
    "epigraph": ("epigraph", "doc-epigraph"),
    "sources": ("credits", "doc-credits"),
    # EPUB Indexes 1.0: the generated index's groups, lists, entries, terms and locators carry
    # their own epub:type (interviewkit.document.back_matter_view).
    "index": ("index", "doc-index"),
}

#: Section kinds with a landmark of the navigation document.
_SECTION_LANDMARKS = {"index": "index"}

#: Documents before the content proper: not listed in the table of contents.
BOOK_PAGES = frozenset({"cover", "titlepage", "copyright", "nav"})

_VOID_TAG = re.compile(r"<(br|hr|img|wbr)((?:\s+[^\s=>/]+(?:=\"[^\"]*\")?)*)\s*>")
_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")


@attrs.frozen(kw_only=True)
class TocEntry:
    """One line of the table of contents (navigation document and NCX)."""

    label: str
    href: str
    children: tuple[TocEntry, ...] = ()
    order: int = 0
    """Position in reading order (the NCX ``playOrder``), from 1."""
    lang: str | None = None
    """Language of the label when it differs from the book's."""


@attrs.frozen(kw_only=True)
class Document:
    """An XHTML document of the book."""

    uid: str
    href: str
    title: str
    content: str
    landmark: str | None = None
    """``epub:type`` of the landmark pointing at it (``cover``, ``titlepage``…)."""


def _xhtml(text: str) -> str:
    """Make HTML from nh3 (``raw_html``) well-formed XML: closed void tags, numeric entities."""

    def entity(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in {"amp", "lt", "gt", "quot", "apos"} or name not in html.entities.name2codepoint:
            return match.group(0)
        return f"&#{html.entities.name2codepoint[name]};"

    return _ENTITY.sub(entity, _VOID_TAG.sub(r"<\1\2 />", text))


def _numbered(entries: list[TocEntry]) -> tuple[TocEntry, ...]:
    counter = 0

    def number(entry: TocEntry) -> TocEntry:
        nonlocal counter
        counter += 1
        order = counter
        children = tuple(number(child) for child in entry.children)
        return attrs.evolve(entry, order=order, children=children)

    return tuple(number(entry) for entry in entries)


def toc_depth(entries: tuple[TocEntry, ...]) -> int:
    return max((1 + toc_depth(entry.children) for entry in entries), default=0)


def _portrait_entry(portrait: PortraitView, questions: bool) -> TocEntry:
    children: list[TocEntry] = []
    if questions:
        for part in portrait.parts:
            exchanges = [
                TocEntry(
                    label=exchange.question.striptags(),
                    href=f"{portrait.href}#{exchange.id}",
                )
                for exchange in part.exchanges
            ]
            if part.title is not None and part.id is not None:
                children.append(
                    TocEntry(
                        label=part.title.striptags(),
                        href=f"{portrait.href}#{part.id}",
                        children=tuple(exchanges),
                    )
                )
            else:
                children.extend(exchanges)
    return TocEntry(
        label=portrait.title,
        href=portrait.href,
        children=tuple(children),
        lang=portrait.lang if portrait.lang_differs else None,
    )


def _stylesheets(context: ExportContext) -> list[tuple[str, str]]:
    """``(href, css)``: the EPUB stylesheet, then the theme's (checked, see render.theme)."""
    builtin = resources.files("interviewkit").joinpath(f"render/static/{STYLESHEET}")
    return [
        (f"css/{STYLESHEET}", builtin.read_text("utf-8")),
        *((f"css/theme-{sheet.name}", sheet.css) for sheet in theme_stylesheets(context)),
    ]


class BookOptions(Protocol):
    """The options of the ``epub`` format that the documents depend on.

    :class:`~interviewkit.exporters.epub.EpubOptions` has them.  A protocol, not an import of
    that class: the format module imports this one, so importing it back would be a cycle.
    """

    @property
    def toc_questions(self) -> bool: ...
    @property
    def raw_html(self) -> bool: ...
    @property
    def cover(self) -> bool: ...


class BookBuilder:
    """Renders every document of one book; :meth:`EpubExporter.export` packages them."""

    def __init__(self, anthology: Anthology, options: BookOptions, context: ExportContext) -> None:
        self.anthology = anthology
        self.options = options
        self.context = context
        self.images = PackagingResolver(context.resources)
        self.book: BookView = build_book_view(
            anthology,
            context.book_document(anthology),
            href_for=lambda pid, anchor: f"{pid}.xhtml" + (f"#{anchor}" if anchor else ""),
            image_src=self.images,
            raw_html=options.raw_html,
            heading_base=1,
            epub=True,
        )
        self.labels = epub_labels(anthology.language)
        self.identifier = book_identifier(anthology)
        self.environment = make_environment(
            context.source_root, context.template_folders, resources=context.resources
        )
        self.stylesheets = _stylesheets(context)
        self.problems: list[str] = []
        self.common: dict[str, Any] = {
            "book": self.book,
            "epub_labels": self.labels,
            "xhtml": True,
            "stylesheets": [href for href, _ in self.stylesheets],
            "generator_version": context.interviewkit_version,
        }

    def render(self, template: str, **variables: Any) -> str:
        values = {**self.common, "plugins": self.context.template_context(self.anthology, None)}
        values.update(variables)
        text = self.environment.get_template(f"epub/{template}").render(**values)
        return _xhtml(text) if self.options.raw_html else text

    def documents(self) -> Iterator[Document]:
        book, labels = self.book, self.labels
        if self.options.cover:
            yield Document(
                uid="cover",
                href="book_cover.xhtml",
                title=book.labels["cover"],
                content=self.render("cover.xhtml"),
                landmark="cover",
            )
        yield Document(
            uid="titlepage",
            href="book_title.xhtml",
            title=book.labels["title_page"],
            content=self.render("titlepage.xhtml"),
            landmark="titlepage",
        )
        yield Document(
            uid="copyright",
            href="book_copyright.xhtml",
            title=book.labels["copyright"],
            content=self.render("copyright.xhtml", identifier=self.identifier),
        )
        yield Document(
            uid="nav",
            href="book_nav.xhtml",
            title=book.labels["contents"],
            content="",  # rendered last, when the table of contents is known
            landmark="toc",
        )
        for section in book.front_matter:
            yield self._section(section, "front", "frontmatter")
        portraits = zip(book.portraits, self.anthology.portraits, strict=True)
        for number, (portrait, model) in enumerate(portraits, 1):
            self.context.progress(f"portrait {number} of {len(book.portraits)}")
            yield Document(
                uid=f"p-{portrait.id}",
                href=portrait.href,
                title=portrait.title,
                content=self.render(
                    "portrait.xhtml",
                    p=portrait,
                    plugins=self.context.template_context(self.anthology, model),
                ),
                landmark="bodymatter" if number == 1 else None,
            )
        # The index closes the book, after the page about the editors (a list of contributors
        # comes before the index, as in a printed book).
        for section in book.back_matter:
            if section.kind != "index":
                yield self._section(section, "back", "backmatter")
        editors = book.editor_notes
        if editors:
            title = labels["about_editors" if len(editors) > 1 else "about_editor"]
            yield Document(
                uid="about",
                href="book_about.xhtml",
                title=title,
                content=self.render("about.xhtml", editors=editors, title=title),
            )
        for section in book.back_matter:
            if section.kind == "index":
                yield self._section(section, "back", "backmatter")

    def _section(self, section: SectionView, where: str, matter: str) -> Document:
        epub_type, role = _SECTION_SEMANTICS.get(section.kind, (None, None))
        return Document(
            uid=f"{where}-{section.id}",
            href=f"{where}_{section.id}.xhtml",
            title=section.title,
            content=self.render(
                "section.xhtml", s=section, matter=matter, epub_type=epub_type, role=role
            ),
            landmark=_SECTION_LANDMARKS.get(section.kind),
        )

    def toc(self, documents: list[Document]) -> tuple[TocEntry, ...]:
        entries: list[TocEntry] = []
        portraits = {portrait.href: portrait for portrait in self.book.portraits}
        for document in documents:
            if document.uid in BOOK_PAGES:
                continue
            if document.href in portraits:
                entries.append(
                    _portrait_entry(portraits[document.href], self.options.toc_questions)
                )
            else:
                entries.append(TocEntry(label=document.title, href=document.href))
        if not entries:
            title = next(document for document in documents if document.uid == "titlepage")
            entries.append(TocEntry(label=title.title, href=title.href))
        return _numbered(entries)
