"""Page numbers for the generated back matter: where an index entry's places are, in print.

On paper a locator is a page number, not a link: the index and the concordance are laid out
after every chunk of the book (:mod:`~interviewkit.exporters.pdf._pipeline`), once the page of
each anchor is known, and :class:`PageLocators` writes each entry's places with those numbers.
An entry's pages are sorted, each page is printed once, and consecutive pages make a range
("12, 14-16", with an en dash); a subject's ``whole`` locator is the page range of the
portrait, from its first page to the page of its end marker (the pages left blank before the
next portrait are not part of it).  Each number, or range, is a link to its first place, so
the PDF's reader turns to it on a click.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs
from markupsafe import Markup

from interviewkit.document.book import Locator
from interviewkit.exporters.pdf._navigation import END_SUFFIX

__all__ = ["PageLocators", "PageSpan", "page_runs"]

#: ``(first page, last page, href)`` of one place of the book (a portrait spans several).
PageSpan = tuple[int, int, str]

_EN_DASH = "\N{EN DASH}"


def page_runs(spans: Sequence[PageSpan]) -> list[PageSpan]:
    """``spans`` sorted, with the same or consecutive pages joined: ``(first, last, href)``.

    A run keeps the address of its first place (the earliest page, then the first given).
    """
    runs: list[PageSpan] = []
    for first, last, href in sorted(spans, key=lambda span: (span[0], span[1])):
        if runs and first <= runs[-1][1] + 1:
            start, end, kept = runs[-1]
            runs[-1] = (start, max(end, last), kept)
        else:
            runs.append((first, last, href))
    return runs


@attrs.frozen
class PageLocators:
    """The :data:`~interviewkit.document.back_matter_view.LocatorMarkup` of print.

    :param pages: the book's page number of each anchor (the first page it is on).
    """

    pages: Mapping[str, int]

    def span(self, locator: Locator, href: str) -> PageSpan | None:
        """The pages of one place, or ``None`` when the book does not have it."""
        page = self.pages.get(locator.target)
        if page is None and locator.portrait_id is not None:
            page = self.pages.get(locator.portrait_id)  # an anchor the print edition lacks
        if page is None:
            return None
        last = page
        if locator.whole:
            last = max(page, self.pages.get(locator.target + END_SUFFIX, page))
        return page, last, href

    def numbers(self, locators: Sequence[Locator], hrefs: Sequence[str]) -> list[Markup]:
        spans = [
            span
            for locator, href in zip(locators, hrefs, strict=True)
            if (span := self.span(locator, href)) is not None
        ]
        return [
            Markup('<a class="index-locator" href="{}">{}</a>').format(
                href, str(first) if first == last else f"{first}{_EN_DASH}{last}"
            )
            for first, last, href in page_runs(spans)
        ]

    def __call__(self, locators: Sequence[Locator], hrefs: Sequence[str]) -> Markup:
        """An index entry's places: "12, 14-16" (an en dash), each number a link."""
        return Markup(", ").join(self.numbers(locators, hrefs))

    def place(self, locators: Sequence[Locator], hrefs: Sequence[str]) -> Markup:
        """A place of the concordance: the subject's name, then its page number."""
        names = Markup(", ").join(dict.fromkeys(locator.label for locator in locators))
        numbers = Markup(", ").join(self.numbers(locators, hrefs))
        return Markup('<span class="concordance-subject">{}</span> {}').format(names, numbers)
