"""Word bookmark names for the book document's anchors.

Every other format names its anchors after the document's ids (``<portrait>``,
``<portrait>-part<n>``, ``<portrait>-q<n>``, the sections' ids).  A Word bookmark name cannot
carry them as they are: at most 40 characters, a letter first, then only letters, digits and
``_``.  So the names are counted, and the id only helps a reader of the XML:

* the portrait numbered ``n`` in the book: ``p<n>_<id>`` (its id with every other character
  than a letter or digit as ``_``, cut at 40 characters);
* its ``k``-th titled part: ``p<n>_part<k>``; its ``k``-th question: ``p<n>_q<k>``;
* the ``k``-th section of the front and back matter, in book order, then the "Sources and
  permissions" page: ``s<k>_<id>``, cut at 40 characters.

The counters make every name unique and stable (the same book gives the same names), whatever
the ids' lengths; the mapping from the document's ids is what links (another portrait of the
book) look up.
"""

from __future__ import annotations

import re

from interviewkit import BookDocument

__all__ = ["LIMIT", "bookmark_names"]

#: Word keeps at most this many characters of a bookmark's name.
LIMIT = 40


def _spelled(prefix: str, ident: str) -> str:
    return f"{prefix}_{re.sub(r'[^A-Za-z0-9]', '_', ident)}"[:LIMIT]


def bookmark_names(book: BookDocument) -> dict[str, str]:
    """The bookmark name of each id of the book that has one, in book order."""
    names: dict[str, str] = {}
    sections = [*book.front_matter, *book.back_matter]
    for number, section in enumerate(sections, start=1):
        names[section.id] = _spelled(f"s{number}", section.id)
    if book.sources:
        names[book.sources_id] = _spelled(f"s{len(sections) + 1}", book.sources_id)
    for portrait in book.portraits:
        prefix = f"p{portrait.number}"
        names[portrait.id] = _spelled(prefix, portrait.id)
        titled = [part.id for part in portrait.parts if part.id is not None]
        for counted, part_id in enumerate(titled, start=1):
            names[part_id] = f"{prefix}_part{counted}"
        for exchange in portrait.exchanges:
            names[exchange.id] = f"{prefix}_q{exchange.number}"
    return names
