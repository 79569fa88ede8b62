"""Sorting and grouping words as the book's language does, with ICU (PyICU).

``sorted()`` puts "Éric" after "Zoé" and "œuvre" after everything; a French index files them
under E and O, and a Canadian French one orders "cote, côte, coté, côté".  ICU's collator for
the book's locale gives the order, and its alphabetic index the letter headings (the same
letters a reader of that language expects: "Œuvre" under O).
"""

from __future__ import annotations

from functools import lru_cache

import icu

__all__ = ["Collation", "collation_for"]


class Collation:
    """The sort key and the letter heading of a text, in one language."""

    def __init__(self, language: str) -> None:
        locale = icu.Locale.forLanguageTag(language)
        self._collator = icu.Collator.createInstance(locale)
        self._letters = icu.AlphabeticIndex(locale).buildImmutableIndex()

    def key(self, text: str) -> bytes:
        """The collation key: compare these, not the texts."""
        return bytes(self._collator.getSortKey(text))

    def letter(self, text: str) -> str | None:
        """The heading ``text`` files under ("É" → "E"), ``None`` for a number or a symbol."""
        label, kind = self._letters.getBucket(self._letters.getBucketIndex(text))
        return str(label) if kind == icu.UAlphabeticIndexLabelType.NORMAL else None

    def sorted(self, texts: list[str]) -> list[str]:
        """``texts`` in this language's order."""
        return sorted(texts, key=self.key)


@lru_cache(maxsize=8)
def collation_for(language: str) -> Collation:
    """The :class:`Collation` of a BCP 47 tag (cached: ICU's tables take a moment to load)."""
    return Collation(language)
