"""Hypothesis strategies for every model type, producing valid instances only.

Each strategy respects the validators of :mod:`interviewkit._validators` (slugs, absolute URLs with
a dotted host, well-formed BCP 47 tags, non-blank text, known link and section kinds, relative image
paths, ordered parts, unique portrait ids), so a property test that fails points at the code under
test, not at the generator.  Sizes are small by default (at most 3 portraits of at most 5
exchanges) to keep property tests fast.
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from interviewkit.models import (
    LINK_KINDS,
    SECTION_KINDS,
    Anthology,
    Exchange,
    Image,
    Interview,
    Link,
    Part,
    Person,
    Portrait,
    RelatedPortrait,
    Section,
    Series,
)
from interviewkit.richtext import RichText

__all__ = [
    "LANGUAGE_TAGS",
    "anthologies",
    "dates",
    "exchanges",
    "image_paths",
    "images",
    "interviews",
    "language_tags",
    "link_kinds",
    "links",
    "parts",
    "people",
    "portraits",
    "related_portraits",
    "rich_texts",
    "section_kinds",
    "sections",
    "series",
    "slugs",
    "texts",
    "urls",
]

#: Well-formed BCP 47 tags, from the plain to the elaborate.
LANGUAGE_TAGS = (
    "en",
    "fr",
    "fr-CA",
    "fr-FR",
    "en-GB",
    "en-US",
    "pt-BR",
    "de-CH",
    "es-419",
    "zh-Hant-TW",
    "sr-Latn",
    "iu-Cans-CA",
    "x-private",
)

# Hand-picked non-blank texts: accents, French quotes and apostrophes, emoji, handles, Markdown
# syntax and raw HTML (which must survive as text).
_SAMPLE_TEXTS = (
    "Maude Lavigueur",
    "Geneviève Saint-Onge",
    "« Bonjour », dit-elle.",
    "L\u2019atelier d\u2019Hélène",
    "Œuvre à cœur ❤️ 🎉",
    "Ça va? Très bien!",
    "@maude_lvg et #communauté",
    "東京の職人",
    "**gras** et _italique_",
    "- un\n- deux\n- trois",
    "1. premier\n2. second",
    "Voir [le blogue](https://example.org/blogue).",
    "> une citation\n\nsuivie d\u2019un paragraphe",
    "`du code` et <script>alert(1)</script>",
    "ligne\\\navec saut",
    "  espaces autour  ",
    "# Pas un titre?",
)

_ALNUM = string.ascii_lowercase + string.digits
# Characters a source may hold: no control characters but tab and line feed, no surrogates, no
# noncharacters (unassigned, category Cn) and no bidirectional controls (refused unpaired).
_TEXT_CHARACTERS = st.characters(
    exclude_categories=("Cc", "Cs", "Cn"),
    exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    include_characters="\t\n",
)


def texts(max_size: int = 24) -> st.SearchStrategy[str]:
    """Non-blank text (what ``non_blank`` accepts): samples plus arbitrary Unicode."""
    generated = st.text(_TEXT_CHARACTERS, min_size=1, max_size=max_size).filter(
        lambda text: not text.isspace()
    )
    return st.one_of(st.sampled_from(_SAMPLE_TEXTS), generated)


def rich_texts(*, allow_blank: bool = False) -> st.SearchStrategy[RichText]:
    """CommonMark sources; blank ones (``""``, white space) only when ``allow_blank``."""
    base = texts(max_size=60)
    if allow_blank:
        base = st.one_of(base, st.sampled_from(["", " ", "\n"]))
    return base.map(RichText)


def slugs() -> st.SearchStrategy[str]:
    """Lowercase slugs: ``^[a-z0-9]+(-[a-z0-9]+)*$``."""
    segment = st.text(_ALNUM, min_size=1, max_size=8)
    return st.lists(segment, min_size=1, max_size=3).map("-".join)


def _hosts() -> st.SearchStrategy[str]:
    label = st.text(_ALNUM, min_size=1, max_size=10)
    tld = st.sampled_from(["org", "com", "net", "example", "qc.ca", "co.uk"])
    return st.tuples(label, tld).map(".".join)


def urls() -> st.SearchStrategy[str]:
    """Absolute ``http``, ``https`` and ``mailto`` URLs with a dotted host."""
    path = st.lists(
        st.one_of(slugs(), st.sampled_from(["é", "%C3%A9", "a_b", "x.html"])), max_size=3
    ).map(lambda segments: "/" + "/".join(segments) if segments else "")
    suffix = st.sampled_from(["", "?q=1", "#haut", "?a=1&b=deux#fin"])
    web = st.builds(
        lambda scheme, host, port, path, suffix: f"{scheme}://{host}{port}{path}{suffix}",
        st.sampled_from(["http", "https"]),
        _hosts(),
        st.sampled_from(["", ":8080"]),
        path,
        suffix,
    )
    mail = st.builds(
        lambda user, host: f"mailto:{user}@{host}",
        st.text(_ALNUM + "._+", min_size=1, max_size=10),
        _hosts(),
    )
    return st.one_of(web, mail)


def language_tags() -> st.SearchStrategy[str]:
    """Well-formed BCP 47 tags."""
    return st.sampled_from(LANGUAGE_TAGS)


def link_kinds() -> st.SearchStrategy[str]:
    """One of :data:`~interviewkit.models.LINK_KINDS`."""
    return st.sampled_from(sorted(LINK_KINDS))


def section_kinds() -> st.SearchStrategy[str]:
    """One of :data:`~interviewkit.models.SECTION_KINDS`."""
    return st.sampled_from(sorted(SECTION_KINDS))


def dates() -> st.SearchStrategy[dt.date]:
    """Calendar dates."""
    return st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))


def image_paths() -> st.SearchStrategy[str]:
    """POSIX paths relative to the anthology folder that never leave it."""
    segment = st.one_of(slugs(), st.sampled_from(["Photos", "été", "a b", "x_y", "."]))
    name = st.tuples(
        st.one_of(slugs(), st.sampled_from(["portrait é", "Maude_L"])),
        st.sampled_from(["png", "jpg", "jpeg", "gif", "svg", "webp"]),
    ).map(".".join)
    return st.tuples(st.lists(segment, max_size=2), name).map(
        lambda parts: "/".join([*parts[0], parts[1]])
    )


def _optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | strategy


def _small_tuple(
    strategy: st.SearchStrategy[object], max_size: int = 2
) -> st.SearchStrategy[tuple[object, ...]]:
    return st.lists(strategy, max_size=max_size).map(tuple)


def links() -> st.SearchStrategy[Link]:
    """Valid :class:`Link` values."""
    return st.builds(Link, label=texts(), url=urls(), kind=link_kinds())


def images() -> st.SearchStrategy[Image]:
    """Valid :class:`Image` values."""
    return st.builds(
        Image,
        path=image_paths(),
        alt=texts(),
        caption=_optional(rich_texts()),
        credit=_optional(texts()),
    )


def people() -> st.SearchStrategy[Person]:
    """Valid :class:`Person` values."""
    return st.builds(
        Person,
        name=texts(),
        role=_optional(texts()),
        affiliations=_small_tuple(texts()),
        bio=_optional(rich_texts()),
        links=_small_tuple(links()),
        photo=_optional(images()),
    )


def series() -> st.SearchStrategy[Series]:
    """Valid :class:`Series` values (numbers stay in the 64-bit range JSON writers support)."""
    return st.builds(Series, name=texts(), number=_optional(st.integers(0, 10_000)))


def exchanges() -> st.SearchStrategy[Exchange]:
    """Valid :class:`Exchange` values; the answer may be empty."""
    return st.builds(
        Exchange,
        question=rich_texts(),
        answer=rich_texts(allow_blank=True),
        asker=_optional(texts()),
        speaker=_optional(texts()),
    )


def parts(count: int) -> st.SearchStrategy[tuple[Part, ...]]:
    """Parts for an interview of ``count`` exchanges: strictly increasing starts below ``count``."""
    starts = st.lists(st.integers(0, max(count - 1, 0)), unique=True, max_size=min(count, 3))
    return starts.flatmap(
        lambda chosen: st.tuples(
            *(st.builds(Part, title=texts(), start=st.just(start)) for start in sorted(chosen))
        )
    )


def interviews(max_exchanges: int = 5) -> st.SearchStrategy[Interview]:
    """Valid :class:`Interview` values, with or without parts."""
    return st.lists(exchanges(), max_size=max_exchanges).flatmap(
        lambda items: parts(len(items)).map(
            lambda chosen: Interview(exchanges=tuple(items), parts=chosen)
        )
    )


def related_portraits() -> st.SearchStrategy[RelatedPortrait]:
    """Valid :class:`RelatedPortrait` values."""
    return st.builds(
        RelatedPortrait,
        name=texts(),
        affiliation=_optional(texts()),
        portrait=_optional(slugs()),
        url=_optional(urls()),
    )


def portraits(max_exchanges: int = 5) -> st.SearchStrategy[Portrait]:
    """Valid :class:`Portrait` values."""
    return st.builds(
        Portrait,
        id=slugs(),
        title=texts(),
        subject=people(),
        interview=interviews(max_exchanges),
        lede=rich_texts(allow_blank=True),
        interviewer=_optional(people()),
        date=_optional(dates()),
        source=_optional(urls()),
        language=_optional(language_tags()),
        handle_platform=_optional(texts()),
        photo=_optional(images()),
        follow=_small_tuple(links()),
        related=_small_tuple(related_portraits()),
        reading=_small_tuple(links()),
        tags=_small_tuple(texts()),
    )


def sections() -> st.SearchStrategy[Section]:
    """Valid :class:`Section` values."""
    return st.builds(
        Section,
        id=slugs(),
        title=texts(),
        kind=section_kinds(),
        body=rich_texts(allow_blank=True),
    )


def anthologies(max_portraits: int = 3, max_exchanges: int = 5) -> st.SearchStrategy[Anthology]:
    """Valid :class:`Anthology` values with unique portrait ids."""
    return st.builds(
        Anthology,
        title=texts(),
        language=language_tags(),
        subtitle=_optional(texts()),
        editors=_small_tuple(people()),
        publisher=_optional(texts()),
        identifier=_optional(texts()),
        date=_optional(dates()),
        rights=_optional(texts()),
        description=_optional(rich_texts()),
        series=_optional(series()),
        cover=_optional(images()),
        handle_platform=_optional(texts()),
        keywords=_small_tuple(texts()),
        front_matter=_small_tuple(sections()),
        back_matter=_small_tuple(sections()),
        portraits=st.lists(
            portraits(max_exchanges), max_size=max_portraits, unique_by=lambda p: p.id
        ).map(tuple),
    )
