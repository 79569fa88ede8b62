"""One reading list: every portrait's ``reading`` merged, one entry per address.

Two addresses are one reading when they are the same once *normalised*: scheme (``http`` or
``https``) and a leading ``www.`` ignored, host lowercased, default port, fragment, trailing
slash and tracking parameters (``utm_*``, ``fbclid``, ``gclid``) dropped, the other query
parameters sorted.  The entry keeps the label and address of the first portrait that gives it;
the list is sorted by label as the book's language sorts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit

from interviewkit.document.book import Locator, PortraitDocument, ReadingEntry, ReadingListDocument
from interviewkit.document.collation import collation_for
from interviewkit.document.text import join_names
from interviewkit.model.back_matter import ReadingListSettings
from interviewkit.render.elision import fill

__all__ = ["build_reading_list", "normalised_address"]

_TRACKING = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid")


def normalised_address(address: str) -> str:
    """An address as the reading list compares it (see the module's docstring)."""
    parts = urlsplit(address.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = parts.port
    if port is not None and port not in {80, 443}:
        host = f"{host}:{port}"
    query = sorted(
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith(_TRACKING)
    )
    path = parts.path.rstrip("/")
    scheme = parts.scheme.lower()
    scheme = "http" if scheme in {"http", "https"} else scheme
    return f"{scheme}://{host}{path}" + (f"?{urlencode(query)}" if query else "")


def build_reading_list(
    portraits: Sequence[PortraitDocument],
    settings: ReadingListSettings,
    *,
    language: str,
    list_id: str,
    title: str,
    labels: Mapping[str, str],
) -> ReadingListDocument | None:
    """The merged reading list, or ``None`` when no reading is recommended often enough."""
    found: dict[str, tuple[str, str, list[Locator]]] = {}
    for portrait in portraits:
        for reference in portrait.reading:
            if reference.target is None:
                continue
            places = found.setdefault(
                normalised_address(reference.target), (reference.label, reference.target, [])
            )[2]
            if all(place.portrait_id != portrait.id for place in places):
                places.append(
                    Locator(
                        target=f"{portrait.id}-reading",
                        portrait_id=portrait.id,
                        label=portrait.subject,
                    )
                )
    kept = [entry for entry in found.values() if len(entry[2]) >= settings.min_portraits]
    if not kept:
        return None
    collation = collation_for(language)
    kept.sort(key=lambda entry: (collation.key(entry[0]), entry[1]))
    return ReadingListDocument(
        id=list_id,
        title=title,
        entries=tuple(
            ReadingEntry(
                id=f"{list_id}-{number}",
                label=label,
                target=target,
                recommended_by=tuple(places),
                line=fill(
                    labels["recommended_by"],
                    language,
                    names=join_names([place.label for place in places], labels["and"]),
                ),
            )
            for number, (label, target, places) in enumerate(kept, 1)
        ),
    )
