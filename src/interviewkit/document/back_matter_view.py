"""The generated back matter as HTML sections: what the index, concordance and reading list
look like in the visual formats.

Each part becomes a :class:`~interviewkit.document.view.SectionView` (kinds ``concordance``,
``readings`` and ``index``), so every format places it, lists it in its contents and styles it
as it does any section.  What differs between formats is passed in:

- where a place of the book is (``href_for``: ``#id``, ``page.html#id``, ``chapter.xhtml#id``);
- how a locator reads (:data:`LocatorMarkup`): the subject's name as a link by default; print
  passes its own, which writes page numbers;
- ``epub``: the EPUB Indexes 1.0 semantics (``epub:type="index-entry"``...) on the index.

Every text is escaped by :class:`markupsafe.Markup`; texts of the book go through
:class:`~interviewkit.HtmlWriter`, with the ids of indexed places left out (an answer printed
again in the concordance must not repeat them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup

from interviewkit.document.book import (
    BookDocument,
    ConcordanceDocument,
    IndexDocument,
    IndexEntry,
    Locator,
    ReadingListDocument,
)
from interviewkit.document.html import HtmlWriter
from interviewkit.document.text import inlines_text
from interviewkit.render.link_notes import printed_address

__all__ = ["GENERATED_KINDS", "HrefFor", "LocatorMarkup", "back_matter_markup"]

#: The section kinds of the parts :func:`back_matter_markup` writes.
GENERATED_KINDS = ("concordance", "readings", "index")

#: ``href(portrait_id, anchor)``: where a portrait (or an anchor inside it) is, from any page.
HrefFor = Callable[[str, str | None], str]
#: ``markup(locators, hrefs)``: how an entry's places read (a format's own, for print).
LocatorMarkup = Callable[[Sequence[Locator], Sequence[str]], Markup]


def linked_locators(
    locators: Sequence[Locator], hrefs: Sequence[str], *, epub: bool = False
) -> Markup:
    """Each place as a link whose text is the portrait's subject, separated by commas; with
    ``epub``, each is an ``index-locator`` of EPUB Indexes 1.0 (only in the index: a link of
    the concordance is no index locator)."""
    semantics = Markup(' epub:type="index-locator"') if epub else Markup("")
    return Markup(", ").join(
        Markup('<a class="index-locator"{} href="{}">{}</a>').format(semantics, href, locator.label)
        for locator, href in zip(locators, hrefs, strict=True)
    )


def _epub_linked_locators(locators: Sequence[Locator], hrefs: Sequence[str]) -> Markup:
    return linked_locators(locators, hrefs, epub=True)


class _Writer:
    def __init__(
        self,
        document: BookDocument,
        href_for: HrefFor,
        locator_markup: LocatorMarkup,
        place_markup: LocatorMarkup,
        epub: bool,
        heading_level: int,
    ) -> None:
        self.document = document
        self.href_for = href_for
        self.locator_markup = locator_markup
        self.place_markup = place_markup
        # The index's own links carry epub:type in the EPUB; a format's own markup (print's
        # page numbers) is used as it is.
        self.index_locators = (
            _epub_linked_locators if epub and locator_markup is linked_locators else locator_markup
        )
        self.epub = epub
        self.level = heading_level
        self.writer = HtmlWriter(portrait_href=lambda ident: href_for(ident, None), anchors=False)

    def href(self, locator: Locator) -> str:
        portrait = locator.portrait_id or locator.target
        return self.href_for(portrait, None if locator.target == portrait else locator.target)

    def type(self, value: str) -> Markup:
        return Markup(' epub:type="{}"').format(value) if self.epub else Markup("")

    def lang(self, lang: str) -> Markup:
        if lang == self.document.lang:
            return Markup("")
        xml = Markup(' xml:lang="{}"').format(lang) if self.epub else Markup("")
        return Markup(' lang="{}"').format(lang) + xml

    def heading(self, level: int, ident: str | None, content: Markup | str) -> Markup:
        level = min(level, 6)
        ident_attribute = Markup(' id="{}"').format(ident) if ident else Markup("")
        return Markup("<h{}{}>{}</h{}>").format(level, ident_attribute, content, level)

    # ------------------------------------------------------------------ index

    def entry(self, entry: IndexEntry) -> Markup:
        places = Markup("")
        if entry.locators:
            hrefs = [self.href(locator) for locator in entry.locators]
            places = Markup(" ") + self.index_locators(entry.locators, hrefs)
        note = Markup("")
        if entry.note:
            note = Markup(' <span class="index-note">({})</span>').format(entry.note)
        subentries = Markup("")
        if entry.subentries:
            subentries = self.entry_list(entry.subentries, "index-subentries")
        return Markup(
            '<li class="index-entry" id="{}"{}><span class="index-term"{}>{}</span>{}{}{}</li>'
        ).format(
            entry.id,
            self.type("index-entry"),
            self.type("index-term"),
            entry.term,
            note,
            places,
            subentries,
        )

    def entry_list(self, entries: Sequence[IndexEntry], css: str) -> Markup:
        return Markup('<ul class="{}"{}>{}</ul>').format(
            css,
            self.type("index-entry-list"),
            Markup("").join(self.entry(entry) for entry in entries),
        )

    def index(self, index: IndexDocument) -> Markup:
        return Markup("").join(
            Markup('<section class="index-group" id="{}"{}>{}{}</section>').format(
                group.id,
                self.type("index-group"),
                self.heading(self.level, f"{group.id}-title", group.letter),
                self.entry_list(group.entries, "index-entries"),
            )
            for group in index.groups
        )

    # ------------------------------------------------------------------ concordance

    def concordance(self, concordance: ConcordanceDocument) -> Markup:
        out = [Markup('<p class="concordance-intro">{}</p>').format(concordance.intro)]
        for question in concordance.questions:
            shown = inlines_text(question.question.inlines)
            places = []
            for place in question.places:
                href = self.href_for(place.portrait_id, place.target)
                asked = inlines_text(place.question.inlines)
                wording = Markup("")
                if asked != shown:
                    wording = Markup(' <span class="asked-as"{}>{}</span>').format(
                        self.lang(place.lang), self.writer.inlines(place.question.inlines)
                    )
                link = self.place_markup(
                    [
                        Locator(
                            target=place.target, portrait_id=place.portrait_id, label=place.subject
                        )
                    ],
                    [href],
                )
                if not concordance.answers:
                    places.append(Markup("<li>{}{}</li>").format(link, wording))
                    continue
                answers = Markup("").join(
                    Markup('<div class="answer"{}>{}{}</div>').format(
                        self.lang(place.lang),
                        Markup('<p class="speaker">{}</p>').format(answer.speaker.label)
                        if answer.speaker
                        else Markup(""),
                        self.writer.blocks(answer.text.blocks, heading_level=self.level + 2),
                    )
                    for answer in place.answers
                )
                places.append(
                    Markup('<li class="concordance-place">{}{}{}</li>').format(
                        self.heading(self.level + 1, None, link), wording, answers
                    )
                )
            out.append(
                Markup(
                    '<section class="recurring-question" id="{}">{}<ul class="{}">{}</ul></section>'
                ).format(
                    question.id,
                    self.heading(
                        self.level,
                        f"{question.id}-title",
                        Markup("<span{}>{}</span>").format(
                            self.lang(question.lang), self.writer.inlines(question.question.inlines)
                        ),
                    ),
                    "concordance-answers" if concordance.answers else "concordance-places",
                    Markup("").join(places),
                )
            )
        return Markup("").join(out)

    # ------------------------------------------------------------------ reading list

    def reading_list(self, reading: ReadingListDocument) -> Markup:
        # class="url": the link's text already is its address (print does not repeat it).
        return Markup('<ul class="reading-list">{}</ul>').format(
            Markup("").join(
                Markup(
                    '<li id="{}"><a{} href="{}">{}</a> <span class="recommended-by">{}</span></li>'
                ).format(
                    entry.id,
                    Markup("")
                    if printed_address(entry.target, entry.label)
                    else Markup(' class="url"'),
                    entry.target,
                    entry.label,
                    entry.line,
                )
                for entry in reading.entries
            )
        )


def back_matter_markup(
    document: BookDocument,
    *,
    href_for: HrefFor,
    locator_markup: LocatorMarkup = linked_locators,
    place_markup: LocatorMarkup | None = None,
    epub: bool = False,
    heading_level: int = 3,
) -> list[tuple[str, str, str, Markup]]:
    """The generated parts of ``document`` as ``(id, title, kind, body)``, in book order:
    the concordance, the reading list, the index (last, as in any book).  Every format puts
    them together after the back matter and the "Sources and permissions" page.

    :param place_markup: how a portrait's asking of a recurring question reads in the
        concordance (one locator, labelled with the subject); ``locator_markup`` when not given.
        Print passes its own: the subject's name, then the page number.
    :param heading_level: the level of the headings inside a part (a letter of the index, a
        question of the concordance): one below the part's title.
    """
    writer = _Writer(
        document, href_for, locator_markup, place_markup or locator_markup, epub, heading_level
    )
    parts: list[tuple[str, str, str, Markup]] = []
    if document.concordance is not None:
        concordance = document.concordance
        parts.append(
            (concordance.id, concordance.title, "concordance", writer.concordance(concordance))
        )
    if document.reading_list is not None:
        reading = document.reading_list
        parts.append((reading.id, reading.title, "readings", writer.reading_list(reading)))
    if document.index is not None:
        index = document.index
        parts.append((index.id, index.title, "index", writer.index(index)))
    return parts
