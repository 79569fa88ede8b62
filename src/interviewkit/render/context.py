"""From the model to what templates show: typeset, rendered, linked and labelled.

The visual exporters (HTML, EPUB, PDF) build one :class:`BookView` and hand it to their
templates, so every format shows the same text with the same typography.  Only two things differ
between formats, and they are passed in: how to link to a portrait (``#anchor``, ``page.html``,
``chapter.xhtml``) and how to reference an image (embedded, copied, packaged).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import attrs
from markupsafe import Markup

from interviewkit.model._isbn import format_isbn
from interviewkit.model.models import Anthology, Credits, Image, Link, Portrait, Section
from interviewkit.render.elision import fill
from interviewkit.render.labels import date_markup, format_date, labels_for
from interviewkit.render.link_notes import LinkNote, LinkNotes, NoteStyle
from interviewkit.render.markdown import ImageResolver, RichTextRenderer
from interviewkit.render.typography import typeset

__all__ = [
    "AnswerView",
    "BookView",
    "CreditsView",
    "ExchangeView",
    "ImageView",
    "LinkView",
    "PartView",
    "PortraitView",
    "SectionView",
    "build_book_view",
    "join_names",
]

#: ``href(portrait_id, anchor)``: where a portrait (or an anchor inside it) is, from any page.
HrefFor = Callable[[str, str | None], str]


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


def _date(value: dt.date | None, language: str) -> Markup | None:
    """A date as HTML (French ``1<sup>er</sup>``), for the fields templates print as markup."""
    return None if value is None else date_markup(value, language)


def _sentences(pieces: list[Markup]) -> Markup:
    """Join pieces as sentences: a full stop between them unless one already ends the first."""
    joined = Markup("")
    for piece in pieces:
        if joined:
            joined += Markup(" ") if joined.striptags().endswith((".", "!", "?")) else Markup(". ")
        joined += piece
    return joined


#: Id of the generated "Sources and permissions" page, unless a section of the book has it.
SOURCES_ID = "sources-and-permissions"


def _sources_page(
    portraits: list[PortraitView], anthology: Anthology, labels: Mapping[str, str]
) -> tuple[SectionView, ...]:
    """The "Sources and permissions" page: every portrait's credits, in book order.

    It is a generated back-matter section, so every format places it, lists it in its table of
    contents and styles it the way it does any other section, and the lines are the ones the
    portraits print.
    """
    entries = [
        Markup("<dt><cite>{}</cite></dt>{}").format(
            portrait.title,
            Markup("").join(Markup("<dd>{}</dd>").format(line) for line in portrait.credits.lines),
        )
        for portrait in portraits
        if portrait.credits is not None
    ]
    if not entries:
        return ()
    taken = {section.id for section in (*anthology.front_matter, *anthology.back_matter)}
    ident = SOURCES_ID
    while ident in taken:
        ident += "-1"
    return (
        SectionView(
            id=ident,
            title=labels["sources"],
            kind="sources",
            body=Markup('<dl class="sources">{}</dl>').format(Markup("").join(entries)),
        ),
    )


def join_names(names: list[str] | tuple[str, ...], conjunction: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` (no serial comma: French has none)."""
    if len(names) < 3:
        return f" {conjunction} ".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


class _Builder:
    def __init__(
        self,
        anthology: Anthology,
        href_for: HrefFor,
        image_src: ImageResolver,
        raw_html: bool,
        heading_base: int,
        link_notes: NoteStyle | None = None,
        hyphenate: bool = False,
    ) -> None:
        self.anthology = anthology
        self.link_notes = link_notes
        self.hyphenate = hyphenate
        self.href_for = href_for
        self.image_src = image_src
        self.raw_html = raw_html
        self.heading_base = heading_base
        self.ids = {portrait.id for portrait in anthology.portraits}
        self.labels = labels_for(anthology.language)
        self.problems: list[str] = []
        self._renderers: dict[tuple[str, str | None, bool], RichTextRenderer] = {}

    def renderer(
        self, language: str, platform: str | None, *, running_text: bool = True
    ) -> RichTextRenderer:
        """The renderer of a language; ``running_text=False`` for text that is read elsewhere
        than on the page (the description, in the PDF's metadata): never hyphenated."""
        hyphenate = self.hyphenate and running_text
        key = (language, platform, hyphenate)
        if key not in self._renderers:
            self._renderers[key] = RichTextRenderer(
                language, handle_platform=platform, raw_html=self.raw_html, hyphenate=hyphenate
            )
        return self._renderers[key]

    def image(self, image: Image | None, language: str, where: str) -> ImageView | None:
        if image is None:
            return None
        src = self.image_src(image.path)
        if src is None:
            self.problems.append(f"{where}: image {image.path!r} could not be used")
            return None
        caption = None
        if image.caption is not None:
            caption = self.renderer(language, None).inline(str(image.caption))
        return ImageView(
            src=src,
            alt=typeset(image.alt, language),
            caption=caption,
            credit=typeset(image.credit, language) if image.credit else None,
        )

    def link(self, link: Link, language: str) -> LinkView:
        return LinkView(label=typeset(link.label, language), href=link.url, kind=link.kind)

    def credits(self, credits: Credits, language: str) -> CreditsView | None:
        """The credit lines; user text is escaped by ``Markup.format``."""
        if not credits:
            return None
        book_language = self.anthology.language

        def label(key: str) -> Markup:
            # The book's words in a portrait of another language carry the book's language.
            if language == book_language:
                return Markup("{}").format(self.labels[key])
            return Markup('<span lang="{}">{}</span>').format(book_language, self.labels[key])

        labels = self.labels
        first_line = None
        first = credits.first_published
        if first is not None:
            pieces = [
                Markup("“{}”").format(typeset(first.title, language)) if first.title else None,
                Markup("<cite>{}</cite>").format(typeset(first.publication, language))
                if first.publication
                else None,
                _date(first.date, self.anthology.language),
                Markup('<a class="url" href="{0}">{0}</a>').format(first.url)
                if first.url
                else None,
            ]
            shown = Markup(", ").join(piece for piece in pieces if piece)
            first_line = Markup("{}{} {}").format(label("first_published"), labels["colon"], shown)
        permission_line = None
        permission = credits.permission
        if permission is not None:
            granted: list[Markup] = []
            if permission.text:
                granted.append(Markup("{}").format(typeset(permission.text, language)))
            if permission.licence:
                url = permission.licence_url
                granted.append(
                    Markup('{} <a href="{}">{}</a>').format(
                        label("licence"), url, permission.licence
                    )
                )
            elif permission.url:
                granted.append(Markup('<a class="url" href="{0}">{0}</a>').format(permission.url))
            permission_line = Markup("{}{} {}").format(
                label("permission"), labels["colon"], _sentences(granted)
            )
        photos_line = None
        if credits.photos:
            names = [
                typeset(credit.name, language)
                + (f" ({typeset(credit.detail, language)})" if credit.detail else "")
                for credit in credits.photos
            ]
            photos_line = Markup("{}{} {}").format(
                label("photos"), labels["colon"], join_names(names, labels["and"])
            )
        return CreditsView(
            first_published=first_line, permission=permission_line, photos=photos_line
        )

    def notes_for(self, ident: str) -> LinkNotes | None:
        """Where the addresses of the links of a portrait or section go (print only)."""
        return None if self.link_notes is None else LinkNotes(self.link_notes, f"{ident}-note-")

    @staticmethod
    def listed(notes: LinkNotes | None) -> tuple[LinkNote, ...]:
        """The notes to list after the text: only in the ``notes`` style."""
        return tuple(notes.notes) if notes is not None and notes.style == "notes" else ()

    def section(self, section: Section) -> SectionView:
        language = self.anthology.language
        problems: list[str] = []
        notes = self.notes_for(section.id)
        body = self.renderer(language, self.anthology.handle_platform).block(
            str(section.body),
            heading_level=self.heading_base + 1,
            resolve_image=self.image_src,
            problems=problems,
            link_notes=notes,
        )
        self.problems.extend(f"{section.id}: {problem}" for problem in problems)
        return SectionView(
            id=section.id,
            title=typeset(section.title, language),
            kind=section.kind,
            body=body,
            notes=self.listed(notes),
        )

    def portrait(self, number: int, portrait: Portrait) -> PortraitView:
        anthology = self.anthology
        language = anthology.language_of(portrait)
        platform = portrait.handle_platform or anthology.handle_platform
        renderer = self.renderer(language, platform)
        problems: list[str] = []
        has_parts = bool(portrait.interview.parts)
        question_level = self.heading_base + (2 if has_parts else 1)
        # The lede first: the notes of the portrait's links are numbered in reading order.
        notes = self.notes_for(portrait.id)
        lede = renderer.block(
            str(portrait.lede),
            heading_level=question_level,
            resolve_image=self.image_src,
            problems=[],  # as before: the content checks report what a lede leaves out
            link_notes=notes,
        )
        parts = []
        counter = 0
        voices = {speaker.id: typeset(speaker.shown, language) for speaker in portrait.speakers}
        for part, exchanges in portrait.interview.grouped():
            # Questions before the first part have no part heading above them.
            level = question_level if part is not None else self.heading_base + 1
            views = []
            for exchange in exchanges:
                counter += 1
                answers = tuple(
                    AnswerView(
                        text=renderer.block(
                            str(answer.text),
                            heading_level=level + 1,
                            resolve_image=self.image_src,
                            problems=problems,
                            link_notes=notes,
                        ),
                        speaker=voices.get(answer.speaker) if answer.speaker else None,
                    )
                    for answer in exchange.answers
                )
                views.append(
                    ExchangeView(
                        id=portrait.question_id(counter),
                        number=counter,
                        question=renderer.inline(str(exchange.question), problems=problems),
                        answers=answers,
                        asker=voices.get(exchange.asker) if exchange.asker else None,
                    )
                )
            parts.append(
                PartView(
                    id=portrait.part_id(part) if part is not None else None,
                    title=renderer.inline(part.title) if part is not None else None,
                    exchanges=tuple(views),
                    question_level=level,
                )
            )
        self.problems.extend(f"{portrait.id}: {problem}" for problem in problems)
        subject = portrait.subject
        labels = self.labels
        interviewers = tuple(
            typeset(person.name, language) for person in anthology.interviewers_of(portrait)
        )
        # The byline is plain text (a name filter runs on it in print): ``1er`` without markup.
        date = format_date(portrait.date, anthology.language) if portrait.date else None
        byline_parts = []
        if interviewers:
            byline_parts.append(
                fill(
                    labels["interview_by"], language, names=join_names(interviewers, labels["and"])
                )
            )
        if date:
            byline_parts.append(fill(labels["published"], anthology.language, date=date))
        first = portrait.credits.first_published
        closing = None
        if portrait.closing:
            closing = renderer.block(
                str(portrait.closing),
                heading_level=question_level,
                resolve_image=self.image_src,
                problems=problems,
                link_notes=notes,
            )
        related: list[LinkView | str] = []
        for entry in portrait.related:
            label = typeset(
                entry.name + (f" / {entry.affiliation}" if entry.affiliation else ""), language
            )
            if entry.portrait is not None and entry.portrait in self.ids:
                related.append(
                    LinkView(label=label, href=self.href_for(entry.portrait, None), internal=True)
                )
            elif entry.url is not None:
                related.append(LinkView(label=label, href=entry.url))
            else:
                related.append(label)
        return PortraitView(
            id=portrait.id,
            href=self.href_for(portrait.id, None),
            number=number,
            title=typeset(portrait.title, language),
            subject=typeset(subject.name, language),
            role=typeset(subject.role, language) if subject.role else None,
            affiliations=tuple(typeset(a, language) for a in subject.affiliations),
            bio=renderer.inline(str(subject.bio)) if subject.bio else None,
            photo=self.image(subject.photo or portrait.photo, language, portrait.id),
            lede=lede,
            lang=language,
            lang_differs=language != anthology.language,
            parts=tuple(parts),
            question_level=question_level,
            follow=tuple(self.link(link, language) for link in portrait.follow),
            follow_title=fill(labels["follow"], language, name=subject.name.split()[0]),
            related=tuple(related),
            reading=tuple(self.link(link, language) for link in portrait.reading),
            interviewers=interviewers,
            byline=" · ".join(byline_parts) or None,
            date=date,
            source=first.url if first is not None else None,
            closing=closing,
            credits=self.credits(portrait.credits, language),
            tags=portrait.tags,
            notes=self.listed(notes),
        )


def build_book_view(
    anthology: Anthology,
    *,
    href_for: HrefFor,
    image_src: ImageResolver,
    raw_html: bool = False,
    heading_base: int = 1,
    label_overrides: Mapping[str, str] | None = None,
    link_notes: NoteStyle | None = None,
    hyphenate: bool = False,
) -> BookView:
    """Everything the templates of a visual format need, for one anthology.

    :param heading_base: heading level of a portrait's title (1 when each portrait is its own
        page, 2 in a single-page book); parts and questions go below it.
    :param link_notes: print the address of each link of the running text, as a footnote or as
        a note listed after its portrait or section (:mod:`interviewkit.render.link_notes`);
        ``None``: a link is its text alone.
    :param hyphenate: put soft hyphens into the running text, never into capitalised words
        (:mod:`interviewkit.render.hyphenation`), for a stylesheet with ``hyphens: manual``.
    """
    builder = _Builder(
        anthology, href_for, image_src, raw_html, heading_base, link_notes, hyphenate
    )
    language = anthology.language
    labels = labels_for(language, label_overrides)
    builder.labels = labels
    portraits = [builder.portrait(number, p) for number, p in enumerate(anthology.portraits, 1)]
    linked = []
    for index, view in enumerate(portraits):
        linked.append(
            attrs.evolve(
                view,
                previous=portraits[index - 1] if index > 0 else None,
                next=portraits[index + 1] if index + 1 < len(portraits) else None,
            )
        )
    editors = tuple(typeset(editor.name, language) for editor in anthology.editors)
    series = None
    if anthology.series is not None:
        series = typeset(anthology.series.name, language)
        if anthology.series.number is not None:
            series = fill(labels["series"], language, name=series, number=anthology.series.number)
    renderer = builder.renderer(language, anthology.handle_platform, running_text=False)
    return BookView(
        title=typeset(anthology.title, language),
        subtitle=typeset(anthology.subtitle, language) if anthology.subtitle else None,
        lang=language,
        labels=labels,
        editors=editors,
        edited_by=fill(labels["edited_by"], language, names=", ".join(editors))
        if editors
        else None,
        publisher=anthology.publisher,
        rights=typeset(anthology.rights, language) if anthology.rights else None,
        identifier=anthology.identifier,
        isbn_epub=fill(labels["isbn_epub"], language, isbn=format_isbn(anthology.isbn_epub))
        if anthology.isbn_epub
        else None,
        isbn_print=fill(labels["isbn_print"], language, isbn=format_isbn(anthology.isbn_print))
        if anthology.isbn_print
        else None,
        legal_deposit=typeset(anthology.legal_deposit, language)
        if anthology.legal_deposit
        else None,
        date=_date(anthology.date, language),
        description=renderer.block(str(anthology.description)) if anthology.description else None,
        series=series,
        cover=builder.image(anthology.cover, language, "cover"),
        keywords=anthology.keywords,
        front_matter=tuple(builder.section(s) for s in anthology.front_matter),
        portraits=tuple(linked),
        back_matter=tuple(builder.section(s) for s in anthology.back_matter)
        + _sources_page(linked, anthology, labels),
        problems=tuple(builder.problems),
    )
