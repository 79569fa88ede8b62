"""The book document as the HTML pieces the templates of the visual formats show.

The visual exporters (HTML, EPUB, PDF) make one :class:`BookView` from the build's
:class:`~interviewkit.BookDocument` and hand it to their Jinja templates, so every
format shows the same text, typography, labels and ids.  Only what differs between formats is
passed in: how to link to a portrait (``#anchor``, ``page.html``, ``chapter.xhtml``), how to
reference an image (embedded, copied, packaged), the heading levels, and for print the link
notes and soft hyphens.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from markupsafe import Markup

from interviewkit.document._build import build_document
from interviewkit.document.back_matter_view import (
    HrefFor,
    LocatorMarkup,
    back_matter_markup,
    linked_locators,
)
from interviewkit.document.book import (
    BookDocument,
    ImageDocument,
    PortraitDocument,
    Reference,
    RichBlocks,
    RichLine,
    SectionDocument,
)
from interviewkit.document.html import HtmlWriter, ImageResolver
from interviewkit.document.nodes import Inline
from interviewkit.model.models import Anthology
from interviewkit.render.hyphenation import Hyphenator
from interviewkit.render.link_notes import LinkNote, LinkNotes, NoteStyle
from interviewkit.render.markdown import RichTextRenderer

__all__ = [
    "AnswerView",
    "BookView",
    "CreditsView",
    "EditorView",
    "ExchangeView",
    "ImageView",
    "LinkView",
    "PartView",
    "PortraitView",
    "SectionView",
    "build_book_view",
]


@attrs.frozen(kw_only=True)
class LinkView:
    label: str
    href: str
    kind: str = "website"
    internal: bool = False


@attrs.frozen(kw_only=True)
class ImageView:
    src: str
    alt: str
    caption: Markup | None = None
    credit: str | None = None


@attrs.frozen(kw_only=True)
class EditorView:
    name: str
    role: str | None
    bio: Markup | None
    photo: ImageView | None


@attrs.frozen(kw_only=True)
class AnswerView:
    text: Markup
    speaker: str | None
    """The speaker's printed label, typeset; ``None`` for the subject of a two-person
    interview."""


@attrs.frozen(kw_only=True)
class ExchangeView:
    id: str
    number: int
    question: Markup
    answers: tuple[AnswerView, ...]
    asker: str | None


@attrs.frozen(kw_only=True)
class CreditsView:
    """A portrait's credits as printed lines, the same in the portrait and on the sources page."""

    first_published: Markup | None
    permission: Markup | None
    photos: Markup | None

    @property
    def lines(self) -> tuple[Markup, ...]:
        return tuple(line for line in (self.first_published, self.permission, self.photos) if line)


@attrs.frozen(kw_only=True)
class PartView:
    id: str | None
    title: Markup | None
    exchanges: tuple[ExchangeView, ...]
    question_level: int
    """Heading level of the questions: one below the part title, or below the portrait's."""


@attrs.frozen(kw_only=True)
class PortraitView:
    id: str
    href: str
    number: int
    title: str
    subject: str
    role: str | None
    affiliations: tuple[str, ...]
    bio: Markup | None
    photo: ImageView | None
    lede: Markup
    lang: str
    lang_differs: bool
    parts: tuple[PartView, ...]
    question_level: int
    follow: tuple[LinkView, ...]
    follow_title: str
    related: tuple[LinkView | str, ...]
    reading: tuple[LinkView, ...]
    interviewers: tuple[str, ...]
    byline: str | None
    """"Interview by A and B · 11 April 2019", or ``None`` when there is neither."""
    date: str | None
    source: str | None
    closing: Markup | None
    credits: CreditsView | None
    tags: tuple[str, ...]
    notes: tuple[LinkNote, ...] = ()
    """The addresses of the portrait's links, listed after it (print, ``notes`` style only)."""
    previous: PortraitView | None = None
    next: PortraitView | None = None

    @property
    def exchanges(self) -> tuple[ExchangeView, ...]:
        return tuple(exchange for part in self.parts for exchange in part.exchanges)


@attrs.frozen(kw_only=True)
class SectionView:
    id: str
    title: str
    kind: str
    body: Markup
    notes: tuple[LinkNote, ...] = ()
    """The addresses of the section's links, listed after it (print, ``notes`` style only)."""


@attrs.frozen(kw_only=True)
class BookView:
    title: str
    subtitle: str | None
    lang: str
    labels: Mapping[str, str]
    editors: tuple[str, ...]
    editor_notes: tuple[EditorView, ...]
    """The editors with a role or a bio (the EPUB's "about the editors" page)."""
    edited_by: str | None
    publisher: str | None
    rights: str | None
    identifier: str | None
    isbn_epub: str | None
    """"ISBN 978-2-… (EPUB)", hyphenated, the same line in every format."""
    isbn_print: str | None
    legal_deposit: str | None
    date: Markup | None
    description: Markup | None
    series: str | None
    cover: ImageView | None
    keywords: tuple[str, ...]
    front_matter: tuple[SectionView, ...]
    portraits: tuple[PortraitView, ...]
    back_matter: tuple[SectionView, ...]
    problems: tuple[str, ...] = ()
    extra: Mapping[str, Any] = attrs.field(factory=dict)


class _Views:
    """Renders the document's texts as HTML for one format."""

    def __init__(
        self,
        document: BookDocument,
        href_for: HrefFor,
        image_src: ImageResolver,
        raw_html: bool,
        heading_base: int,
        link_notes: NoteStyle | None,
        hyphenate: bool,
        section_heading: int,
    ) -> None:
        self.document = document
        self.href_for = href_for
        self.image_src = image_src
        self.raw_html = raw_html
        self.heading_base = heading_base
        self.section_heading = section_heading
        self.link_notes = link_notes
        self.hyphenate = hyphenate
        self.problems: list[str] = []
        self._hyphenators: dict[str, Hyphenator] = {}
        self._raw: dict[tuple[str, str | None, bool], RichTextRenderer] = {}

    def hyphenator(self, language: str) -> Hyphenator | None:
        if not self.hyphenate:
            return None
        if language not in self._hyphenators:
            self._hyphenators[language] = Hyphenator(language)
        return self._hyphenators[language]

    def writer(
        self, language: str, notes: LinkNotes | None = None, *, running_text: bool = True
    ) -> HtmlWriter:
        """``running_text=False`` for text read elsewhere than on the page (the description,
        in the PDF's metadata): never hyphenated."""
        return HtmlWriter(
            resolve_image=self.image_src,
            portrait_href=lambda ident: self.href_for(ident, None),
            problems=self.problems,
            link_notes=notes,
            hyphenator=self.hyphenator(language) if running_text else None,
        )

    def raw(
        self, language: str, platform: str | None, *, running_text: bool = True
    ) -> RichTextRenderer:
        """The renderer of the ``raw_html`` option: the author's sanitized HTML, from source."""
        hyphenate = self.hyphenate and running_text
        key = (language, platform, hyphenate)
        if key not in self._raw:
            self._raw[key] = RichTextRenderer(
                language, handle_platform=platform, raw_html=True, hyphenate=hyphenate
            )
        return self._raw[key]

    def blocks(
        self,
        text: RichBlocks,
        language: str,
        platform: str | None,
        *,
        heading_level: int,
        notes: LinkNotes | None = None,
        running_text: bool = True,
    ) -> Markup:
        if self.raw_html:
            return self.raw(language, platform, running_text=running_text).block(
                text.source,
                heading_level=heading_level,
                resolve_image=self.image_src,
                problems=self.problems,
                link_notes=notes,
            )
        writer = self.writer(language, notes, running_text=running_text)
        return writer.blocks(text.blocks, heading_level=heading_level)

    def line(self, text: RichLine, language: str, platform: str | None) -> Markup:
        if self.raw_html:
            return self.raw(language, platform).inline(text.source, problems=self.problems)
        # One line is a heading, a bio or a caption: never hyphenated.
        return self.writer(language, running_text=False).inlines(text.inlines)

    def inlines(self, inlines: Sequence[Inline]) -> Markup:
        return HtmlWriter(portrait_href=lambda ident: self.href_for(ident, None)).inlines(inlines)

    def image(self, image: ImageDocument | None, language: str, where: str) -> ImageView | None:
        if image is None:
            return None
        src = self.image_src(image.path)
        if src is None:
            self.problems.append(f"{where}: image {image.path!r} could not be used")
            return None
        caption = None
        if image.caption is not None:
            caption = self.line(image.caption, language, None)
        return ImageView(src=src, alt=image.alt, caption=caption, credit=image.credit)

    def reference(self, entry: Reference) -> LinkView | str:
        if entry.target is None:
            return entry.label
        if entry.kind == "portrait":
            return LinkView(
                label=entry.label, href=self.href_for(entry.target, None), internal=True
            )
        return LinkView(label=entry.label, href=entry.target, kind=entry.kind)

    def notes_for(self, ident: str) -> LinkNotes | None:
        """Where the addresses of the links of a portrait or section go (print only)."""
        return None if self.link_notes is None else LinkNotes(self.link_notes, f"{ident}-note-")

    @staticmethod
    def listed(notes: LinkNotes | None) -> tuple[LinkNote, ...]:
        """The notes to list after the text: only in the ``notes`` style."""
        return tuple(notes.notes) if notes is not None and notes.style == "notes" else ()

    def section(self, section: SectionDocument) -> SectionView:
        notes = self.notes_for(section.id)
        body = self.blocks(
            section.body,
            self.document.lang,
            self.document.handle_platform,
            heading_level=self.section_heading + 1,
            notes=notes,
        )
        return SectionView(
            id=section.id,
            title=section.title,
            kind=section.kind,
            body=body,
            notes=self.listed(notes),
        )

    def portrait(self, portrait: PortraitDocument, platform: str | None) -> PortraitView:
        language = portrait.lang
        has_parts = any(part.id is not None for part in portrait.parts)
        question_level = self.heading_base + (2 if has_parts else 1)
        # The lede first: the notes of the portrait's links are numbered in reading order.
        notes = self.notes_for(portrait.id)
        lede = self.blocks(
            portrait.lede, language, platform, heading_level=question_level, notes=notes
        )
        parts = []
        for part in portrait.parts:
            # Questions before the first part have no part heading above them.
            level = question_level if part.id is not None else self.heading_base + 1
            views = []
            for exchange in part.exchanges:
                answers = tuple(
                    AnswerView(
                        text=self.blocks(
                            answer.text, language, platform, heading_level=level + 1, notes=notes
                        ),
                        speaker=answer.speaker.label if answer.speaker else None,
                    )
                    for answer in exchange.answers
                )
                views.append(
                    ExchangeView(
                        id=exchange.id,
                        number=exchange.number,
                        question=self.line(exchange.question, language, platform),
                        answers=answers,
                        asker=exchange.asker.label if exchange.asker else None,
                    )
                )
            parts.append(
                PartView(
                    id=part.id,
                    title=self.line(part.title, language, platform) if part.title else None,
                    exchanges=tuple(views),
                    question_level=level,
                )
            )
        closing = None
        if portrait.closing is not None:
            closing = self.blocks(
                portrait.closing, language, platform, heading_level=question_level, notes=notes
            )
        credits = None
        given = portrait.credits
        if given:
            credits = CreditsView(
                first_published=self.inlines(given.first_published)
                if given.first_published
                else None,
                permission=self.inlines(given.permission) if given.permission else None,
                photos=self.inlines(given.photos) if given.photos else None,
            )
        return PortraitView(
            id=portrait.id,
            href=self.href_for(portrait.id, None),
            number=portrait.number,
            title=portrait.title,
            subject=portrait.subject,
            role=portrait.role,
            affiliations=portrait.affiliations,
            bio=self.line(portrait.bio, language, platform) if portrait.bio else None,
            photo=self.image(portrait.photo, language, portrait.id),
            lede=lede,
            lang=language,
            lang_differs=portrait.lang_differs,
            parts=tuple(parts),
            question_level=question_level,
            follow=tuple(
                LinkView(label=e.label, href=e.target or "", kind=e.kind) for e in portrait.follow
            ),
            follow_title=portrait.follow_title,
            related=tuple(self.reference(entry) for entry in portrait.related),
            reading=tuple(
                LinkView(label=e.label, href=e.target or "", kind=e.kind) for e in portrait.reading
            ),
            interviewers=portrait.interviewers,
            byline=portrait.byline,
            date=portrait.date,
            source=portrait.source,
            closing=closing,
            credits=credits,
            tags=portrait.tags,
            notes=self.listed(notes),
        )

    def sources(self) -> tuple[SectionView, ...]:
        """The generated "Sources and permissions" page, as a back-matter section.

        It is a section, so every format places it, lists it in its table of contents and
        styles it the way it does any other section, and the lines are the ones the
        portraits print.
        """
        document = self.document
        if not document.sources:
            return ()
        entries = [
            Markup("<dt><cite>{}</cite></dt>{}").format(
                entry.title,
                Markup("").join(
                    Markup("<dd>{}</dd>").format(self.inlines(line)) for line in entry.lines
                ),
            )
            for entry in document.sources
        ]
        return (
            SectionView(
                id=document.sources_id,
                title=document.labels["sources"],
                kind="sources",
                body=Markup('<dl class="sources">{}</dl>').format(Markup("").join(entries)),
            ),
        )


def build_book_view(
    anthology: Anthology,
    document: BookDocument | None = None,
    *,
    href_for: HrefFor,
    image_src: ImageResolver,
    raw_html: bool = False,
    heading_base: int = 1,
    label_overrides: Mapping[str, str] | None = None,
    link_notes: NoteStyle | None = None,
    hyphenate: bool = False,
    epub: bool = False,
    locator_markup: LocatorMarkup = linked_locators,
    section_heading: int | None = None,
    generated_heading: int | None = None,
) -> BookView:
    """Everything the templates of a visual format need, for one anthology.

    :param document: the build's book document (:meth:`ExportContext.book_document
        <interviewkit.ExportContext.book_document>`); made from ``anthology`` and
        ``label_overrides`` when not given.
    :param heading_base: heading level of a portrait's title (1 when each portrait is its own
        page, 2 in a single-page book); parts and questions go below it.
    :param link_notes: print the address of each link of the running text, as a footnote or as
        a note listed after its portrait or section (``interviewkit.render.link_notes``);
        ``None``: a link is its text alone.
    :param hyphenate: put soft hyphens into the running text, never into capitalised words
        (``interviewkit.render.hyphenation``), for a stylesheet with ``hyphens: manual``.
    :param epub: mark the generated index up with EPUB Indexes 1.0 (``epub:type``).
    :param locator_markup: how the places of an index entry read (print: page numbers).
    :param section_heading: heading level of a front- or back-matter section's title, when it
        is not ``heading_base`` (the site shows its sections on its home page, under the book's
        title, and each portrait on a page of its own); the headings inside go below it.
    :param generated_heading: heading level of the headings inside the generated parts (a
        letter of the index, a question of the concordance), when they are not one below
        ``section_heading`` (the site gives each part a page of its own, its title at level 1).
    """
    if document is None:
        document = build_document(anthology, label_overrides=label_overrides)
    if section_heading is None:
        section_heading = heading_base
    views = _Views(
        document,
        href_for,
        image_src,
        raw_html,
        heading_base,
        link_notes,
        hyphenate,
        section_heading,
    )
    platforms = [p.handle_platform or anthology.handle_platform for p in anthology.portraits]
    portraits = [
        views.portrait(portrait, platform)
        for portrait, platform in zip(document.portraits, platforms, strict=True)
    ]
    linked = []
    for index, view in enumerate(portraits):
        linked.append(
            attrs.evolve(
                view,
                previous=portraits[index - 1] if index > 0 else None,
                next=portraits[index + 1] if index + 1 < len(portraits) else None,
            )
        )
    generated = {
        kind: SectionView(id=ident, title=title, kind=kind, body=body)
        for ident, title, kind, body in back_matter_markup(
            document,
            href_for=href_for,
            locator_markup=locator_markup,
            epub=epub,
            heading_level=generated_heading or section_heading + 1,
        )
    }
    language = document.lang
    description = None
    if document.description is not None:
        description = views.blocks(
            document.description,
            language,
            anthology.handle_platform,
            heading_level=3,
            running_text=False,
        )
    return BookView(
        title=document.title,
        subtitle=document.subtitle,
        lang=language,
        labels=document.labels,
        editors=document.editors,
        editor_notes=tuple(
            EditorView(
                name=editor.name,
                role=editor.role,
                bio=views.blocks(editor.bio, language, anthology.handle_platform, heading_level=3)
                if editor.bio
                else None,
                photo=views.image(editor.photo, language, f"editor {editor.name}"),
            )
            for editor in document.editor_notes
        ),
        edited_by=document.edited_by,
        publisher=document.publisher,
        rights=document.rights,
        identifier=document.identifier,
        isbn_epub=document.isbn_epub,
        isbn_print=document.isbn_print,
        legal_deposit=document.legal_deposit,
        date=views.inlines(document.date) if document.date else None,
        description=description,
        series=document.series,
        cover=views.image(document.cover, language, "cover"),
        keywords=document.keywords,
        front_matter=tuple(views.section(s) for s in document.front_matter),
        portraits=tuple(linked),
        back_matter=(
            *(views.section(s) for s in document.back_matter),
            *views.sources(),
            *generated.values(),
        ),
        problems=(*document.problems, *views.problems),
    )
