"""Localized labels of the visual formats (contents, follow, reading list...).

Chosen from the anthology's language (``fr-CA`` uses ``fr``); English is the fallback.  A theme
can override any label in ``theme/labels.toml``.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["LABELS", "labels_for"]

LABELS: dict[str, dict[str, str]] = {
    "en": {
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
    },
    "fr": {
        "contents": "Table des matières",
        "back_to_contents": "Retour à la table des matières",
        "follow": "Pour suivre {name}",
        "reading": "Lectures",
        "related": "Autres portraits",
        "previous": "Précédent",
        "next": "Suivant",
        "interview_by": "Entrevue réalisée par {names}",
        "and": "et",
        "colon": "\u00a0:",
        "sources": "Sources et autorisations",
        "first_published": "Première publication",
        "permission": "Autorisation",
        "licence": "Licence",
        "photos": "Photos",
        "isbn_epub": "ISBN {isbn} (EPUB)",
        "isbn_print": "ISBN {isbn} (version imprimée)",
        "published": "Publié le {date}",
        "source": "Publication originale",
        "edited_by": "Sous la direction de {names}",
        "series": "{name}, tome {number}",
        "photo_credit": "Photo : {credit}",
        "question": "Question",
        "answer": "Réponse",
        "cover": "Couverture",
        "title_page": "Page de titre",
        "copyright": "Droits",
        "portraits": "Portraits",
        "skip_to_content": "Aller au contenu",
        "in_this_book": "dans ce livre",
        "notes": "Notes",
    },
}

_MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def labels_for(language: str, overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The labels for a BCP 47 tag, with a theme's overrides applied."""
    base = LABELS.get(language.lower().split("-")[0], LABELS["en"])
    return {**LABELS["en"], **base, **(overrides or {})}


def format_date(day: int, month: int, year: int, language: str) -> str:
    """A date written out as readers of ``language`` expect (``16 février 2012``)."""
    primary = language.lower().split("-")[0]
    if primary == "fr":
        return f"{'1er' if day == 1 else day} {_MONTHS['fr'][month - 1]} {year}"
    return f"{_MONTHS['en'][month - 1]} {day}, {year}"
