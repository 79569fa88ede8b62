"""The generated text of the visual formats (contents, bylines, dates...), by label name.

Templates and views read labels by name (``labels.contents``); each name stands for one English
message, translated by the gettext catalogues of :mod:`interviewkit.render.catalogues`
(``fr-CA`` reads ``fr_CA`` then ``fr``; a language without a catalogue gets English).  An
anthology's ``theme/labels.toml`` overrides any label of the book's language.

The messages below are the msgids: a translation lives only in a ``.po`` file, never here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from babel.dates import format_date as babel_format_date

from interviewkit._util.languages import primary_language
from interviewkit.render.catalogues import babel_locale, translations

__all__ = [
    "EPUB_MESSAGES",
    "MESSAGES",
    "PRINT_MESSAGES",
    "all_messages",
    "epub_labels",
    "format_date",
    "labels_for",
    "print_labels",
]

#: Labels every visual format shares: label name → English message (the msgid).
MESSAGES: dict[str, str] = {
    "contents": "Contents",
    "back_to_contents": "Back to the contents",
    "follow": "Follow {name}",
    "reading": "Further reading",
    "related": "Other portraits",
    "previous": "Previous",
    "next": "Next",
    "interview_by": "Interview by {names}",
    "and": "and",
    "colon": ":",
    "sources": "Sources and permissions",
    "first_published": "First published",
    "permission": "Permission",
    "licence": "Licence",
    "photos": "Photos",
    "isbn_epub": "ISBN {isbn} (EPUB)",
    "isbn_print": "ISBN {isbn} (print)",
    "published": "First published on {date}",
    "source": "Original publication",
    "edited_by": "Edited by {names}",
    "series": "{name}, volume {number}",
    "photo_credit": "Photo: {credit}",
    "question": "Question",
    "answer": "Answer",
    "cover": "Cover",
    "title_page": "Title page",
    "copyright": "Copyright",
    "portraits": "Portraits",
    "skip_to_content": "Skip to content",
    "in_this_book": "in this book",
    "notes": "Notes",
    "index": "Index",
    "index_symbols": "Symbols and numbers",
    "index_portrait": "portrait",
    "index_interviews": "interviews",
    "index_conversation": "in conversation",
    "index_mentions": "mentions",
    "concordance": "Same question, every answer",
    "concordance_intro": "The questions asked in more than one portrait, with who answered them.",
    "reading_list": "Reading list",
    "recommended_by": "Recommended by {names}",
}

#: Labels only the EPUB uses.
EPUB_MESSAGES: dict[str, str] = {
    "landmarks": "Landmarks",
    "start": "Start of content",
    "about_editor": "About the editor",
    "about_editors": "About the editors",
    "identifier": "Identifier: {identifier}",
    "a11y_summary": (
        "This book is text only{images}. It has a table of contents, a heading for every "
        "portrait and every question, and a reading order that follows the anthology."
    ),
    "a11y_images": ", and every image has a text alternative",
}

#: Labels only the printed book (the pdf format) uses.
PRINT_MESSAGES: dict[str, str] = {
    "edition": "Print edition",
    "identifier": "Identifier:",
    "generator": "Typeset with interviewkit {version}.",
}


def all_messages() -> tuple[str, ...]:
    """Every msgid the code uses, once each (what every catalogue must translate)."""
    return tuple(
        dict.fromkeys([*MESSAGES.values(), *EPUB_MESSAGES.values(), *PRINT_MESSAGES.values()])
    )


def _translated(messages: Mapping[str, str], language: str) -> dict[str, str]:
    gettext = translations(language).gettext
    return {name: gettext(message) for name, message in messages.items()}


def labels_for(language: str, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The labels the visual formats share, for a BCP 47 tag, with a theme's overrides applied.

    Keys are the label names of the localisation how-to (``contents``, ``interview_by``...);
    values are translated by the package's catalogues, in English for a language without one.
    Plugins use it so that every format of a book says the same words.

    .. versionadded:: 0.2
    """
    return {**_translated(MESSAGES, language), **(overrides or {})}


def epub_labels(language: str) -> dict[str, str]:
    """The EPUB-only labels for a BCP 47 tag."""
    return _translated(EPUB_MESSAGES, language)


def print_labels(language: str) -> dict[str, str]:
    """The labels only the printed book uses, for a BCP 47 tag."""
    return _translated(PRINT_MESSAGES, language)


def _pattern(day: dt.date, language: str) -> str:
    """The locale's long date pattern; French writes the first of the month ``1er``."""
    pattern = str(babel_locale(language).date_formats["long"].pattern)
    if day.day == 1 and primary_language(language) == "fr" and pattern.count("d") == 1:
        pattern = pattern.replace("d", "d'er'")
    return pattern


def format_date(day: dt.date, language: str) -> str:
    """A date written out as readers of ``language`` expect, as plain text.

    ``16 avril 2013``, ``1er avril 2013``, ``April 16, 2013``: Babel's long date
    format of the book's locale (``en-GB`` writes ``16 April 2013``).

    .. versionadded:: 0.2
    """
    return str(babel_format_date(day, _pattern(day, language), locale=babel_locale(language)))
