"""Hypothesis strategies for every model type, producing valid instances only.

Each strategy respects the validators of :mod:`interviewkit.model._validators` (slugs, absolute
URLs with a dotted host, well-formed BCP 47 tags, non-blank text, known link and section kinds,
relative image paths, ordered parts, unique portrait ids), so a property test that fails points
at the code under test, not at the generator.  Sizes are small by default (at most 3 portraits
of at most 5 exchanges) to keep property tests fast.
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from interviewkit.model.models import (
    LINK_KINDS,
    SECTION_KINDS,
    Answer,
    Anthology,
    ConcordanceSettings,
    Credits,
    Exchange,
    Image,
    IndexSettings,
    Interview,
    Link,
    Part,
    Permission,
    Person,
    PhotoCredit,
    Portrait,
    Publication,
    ReadingListSettings,
    RelatedPortrait,
    Section,
    Series,
    Speaker,
)
from interviewkit.model.richtext import RichText

__all__ = [
    "LANGUAGE_TAGS",
    "anthologies",
    "concordance_settings",
    "credits",
    "dates",
    "exchanges",
    "image_paths",
    "images",
    "index_settings",
    "interviews",
    "isbns",
    "language_tags",
    "link_kinds",
    "links",
    "parts",
    "people",
    "portraits",
    "reading_list_settings",
    "related_portraits",
    "rich_texts",
    "section_kinds",
    "sections",
    "series",
    "slugs",
    "speakers",
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
    """One of :data:`~interviewkit.model.models.LINK_KINDS`."""
    return st.sampled_from(sorted(LINK_KINDS))


def section_kinds() -> st.SearchStrategy[str]:
    """One of :data:`~interviewkit.model.models.SECTION_KINDS`."""
    return st.sampled_from(sorted(SECTION_KINDS))


def isbns() -> st.SearchStrategy[str]:
    """Valid ISBN-13s, compact (13 digits, check digit computed)."""
    from stdnum import ean

    return st.builds(
        lambda prefix, body: prefix + body + ean.calc_check_digit(prefix + body),
        st.just("978"),
        st.text(string.digits, min_size=9, max_size=9),
    )


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
        sort_name=_optional(texts()),
    )


def series() -> st.SearchStrategy[Series]:
    """Valid :class:`Series` values (numbers stay in the 64-bit range JSON writers support)."""
    return st.builds(Series, name=texts(), number=_optional(st.integers(0, 10_000)))


def exchanges(voices: tuple[str, ...] = ()) -> st.SearchStrategy[Exchange]:
    """Valid :class:`Exchange` values: none to three answers, voices drawn from ``voices``."""
    voice = _optional(st.sampled_from(voices)) if voices else st.none()
    answer = st.builds(Answer, text=rich_texts(allow_blank=True), speaker=voice)
    return st.builds(
        Exchange,
        question=rich_texts(),
        answers=_small_tuple(answer, max_size=3),
        asker=voice,
        key=_optional(slugs()),
    )


def speakers() -> st.SearchStrategy[tuple[Speaker, ...]]:
    """Declared voices with unique ids."""
    speaker = st.builds(
        Speaker,
        id=slugs(),
        name=texts(),
        label=_optional(texts()),
        role=_optional(texts()),
        affiliations=_small_tuple(texts()),
        links=_small_tuple(links()),
        sort_name=_optional(texts()),
    )
    return st.lists(speaker, max_size=3, unique_by=lambda item: item.id).map(tuple)


def credits() -> st.SearchStrategy[Credits]:
    """Valid :class:`Credits` values, empty ones included."""
    publication = st.builds(
        Publication,
        title=_optional(texts()),
        publication=texts(),
        url=_optional(urls()),
        date=_optional(dates()),
    )
    permission = st.builds(
        Permission,
        text=texts(),
        licence=_optional(st.sampled_from(["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0", "MIT"])),
        url=_optional(urls()),
    )
    photo = st.builds(
        PhotoCredit, name=texts(), detail=_optional(texts()), sort_name=_optional(texts())
    )
    return st.builds(
        Credits,
        first_published=_optional(publication),
        permission=_optional(permission),
        photos=_small_tuple(photo),
    )


def parts(count: int) -> st.SearchStrategy[tuple[Part, ...]]:
    """Parts for an interview of ``count`` exchanges: strictly increasing starts below ``count``."""
    starts = st.lists(st.integers(0, max(count - 1, 0)), unique=True, max_size=min(count, 3))
    return starts.flatmap(
        lambda chosen: st.tuples(
            *(st.builds(Part, title=texts(), start=st.just(start)) for start in sorted(chosen))
        )
    )


def interviews(
    max_exchanges: int = 5, voices: tuple[str, ...] = ()
) -> st.SearchStrategy[Interview]:
    """Valid :class:`Interview` values, with or without parts; voices drawn from ``voices``."""
    return st.lists(exchanges(voices), max_size=max_exchanges).flatmap(
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
    """Valid :class:`Portrait` values, two-person interviews and round tables alike."""
    return speakers().flatmap(
        lambda voices: st.builds(
            Portrait,
            id=slugs(),
            title=texts(),
            subject=people(),
            interview=interviews(max_exchanges, tuple(voice.id for voice in voices)),
            lede=rich_texts(allow_blank=True),
            interviewers=_optional(_small_tuple(people())),
            speakers=st.just(voices),
            closing=rich_texts(allow_blank=True),
            credits=credits(),
            date=_optional(dates()),
            language=_optional(language_tags()),
            handle_platform=_optional(texts()),
            photo=_optional(images()),
            follow=_small_tuple(links()),
            related=_small_tuple(related_portraits()),
            reading=_small_tuple(links()),
            tags=_small_tuple(texts()),
        )
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


def index_settings() -> st.SearchStrategy[IndexSettings]:
    """Valid ``[index]`` tables."""
    return st.builds(IndexSettings, enabled=st.booleans(), title=_optional(texts()))


def concordance_settings() -> st.SearchStrategy[ConcordanceSettings]:
    """Valid ``[concordance]`` tables, bounds included."""
    return st.builds(
        ConcordanceSettings,
        enabled=st.booleans(),
        title=_optional(texts()),
        min_portraits=st.integers(2, 100_000),
        similarity=st.integers(50, 100),
        answers=st.booleans(),
    )


def reading_list_settings() -> st.SearchStrategy[ReadingListSettings]:
    """Valid ``[reading_list]`` tables, bounds included."""
    return st.builds(
        ReadingListSettings,
        enabled=st.booleans(),
        title=_optional(texts()),
        min_portraits=st.integers(1, 100_000),
    )


def anthologies(max_portraits: int = 3, max_exchanges: int = 5) -> st.SearchStrategy[Anthology]:
    """Valid :class:`Anthology` values with unique portrait ids."""
    return st.builds(
        Anthology,
        title=texts(),
        language=language_tags(),
        subtitle=_optional(texts()),
        editors=_small_tuple(people()),
        default_interviewers=_small_tuple(people()),
        publisher=_optional(texts()),
        identifier=_optional(texts()),
        isbn_epub=_optional(isbns()),
        isbn_print=_optional(isbns()),
        legal_deposit=_optional(texts()),
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
        index=index_settings(),
        concordance=concordance_settings(),
        reading_list=reading_list_settings(),
    )


# ------------------------------------------------------------------------------ hostile input
#
# Unlike the strategies above, these produce what an untrusted anthology may contain: any code
# point (surrogates, controls, noncharacters, bidirectional controls), any bytes, and Markdown
# written to trip a renderer.  A property test fed with them asserts that interviewkit either
# accepts the input or refuses it with an InterviewkitError, never with a traceback.

#: Characters and snippets with a meaning to some layer: YAML, TOML, Markdown, HTML, XML, Jinja,
#: Unicode (controls, line separators, bidi controls, BOM, noncharacters, lone surrogates).
HOSTILE_SNIPPETS = (
    "\x00",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\x9b",
    "\r",
    "\r\n",
    "\t",
    "\u00ad",
    "\u200b",
    "\u200d",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u2069",
    "\ufeff",
    "\ufffd",
    "\ufffe",
    "\uffff",
    "\U0001fffe",
    "\U0010ffff",
    "\ud800",
    "\udfff",
    "\ud83d",
    "e\u0301\u0301\u0301\u0301",
    "👩\u200d👩\u200d👧",
    "🇶🇨",
    "שלום",
    "مرحبا",
    "&",
    "&amp;",
    "&nbsp;",
    "&#0;",
    "&#x110000;",
    "<",
    ">",
    '"',
    "'",
    "\\",
    "]]>",
    "<![CDATA[",
    "<!--",
    "-->",
    "</style>",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "{{ 7 * 7 }}",
    "{% raw %}",
    "{#",
    "---",
    "...",
    ": ",
    " #",
    "- ",
    "? ",
    "|",
    ">-",
    "&anchor ",
    "*alias",
    "!!python/object/apply:os.system ['true']",
    "!!binary",
    "%YAML 1.1",
    "@",
    "`",
    "'''",
    '"""',
    "[[x]]",
    "= ",
    "\n## ",
    "\n# ",
    "[^1]",
    "*",
    "_",
    "~~",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "../../",
    "x" * 300,
)


def hostile_texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any Unicode text, lone surrogates included, biased towards :data:`HOSTILE_SNIPPETS`.

    The result may not be encodable as UTF-8: write it with ``errors="surrogatepass"`` to put
    invalid UTF-8 in a file, or escape it to smuggle the code points through YAML or TOML.
    """
    pieces = st.one_of(
        st.characters(exclude_categories=()),
        st.sampled_from(HOSTILE_SNIPPETS),
        st.text(max_size=8),
    )
    return st.lists(pieces, max_size=max_size).map("".join)


def hostile_bytes(max_size: int = 60) -> st.SearchStrategy[bytes]:
    """Any bytes, biased towards invalid UTF-8, BOMs, NUL and line ends."""
    pieces = st.one_of(
        st.binary(max_size=8),
        st.sampled_from(
            [
                b"\x00",
                b"\xff",
                b"\xfe\xff",
                b"\xef\xbb\xbf",
                b"\xc0\x80",
                b"\xed\xa0\x80",
                b"\xf4\x90\x80\x80",
                b"\xe2\x80\xae",
                b"\r",
                b"\r\n",
                b"\n---\n",
                b'"',
                b"'''",
            ]
        ),
        hostile_texts(max_size=4).map(lambda text: text.encode("utf-8", "surrogatepass")),
    )
    return st.lists(pieces, max_size=max_size).map(b"".join)


# Link and image targets an answer may hold: schemes, relative paths, spaces, IDNs, brackets.
_ODD_URLS = (
    "https://example.org/a",
    "http://exa mple.org/",
    "<http://example.org/a b>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "vbscript:msgbox",
    "data:text/html,<script>alert(1)</script>",
    "file:///etc/passwd",
    "../../../etc/passwd",
    "other-portrait.md",
    "images/missing.png",
    "/absolute/path",
    "//example.org/protocol-relative",
    "#",
    "#frag ment",
    "?q=1",
    "mailto:",
    "mailto:someone@example.org?subject=hi%20there",
    "tel:+15555550100",
    "ftp://example.org/",
    "https://例え.jp/パス",
    "https://xn--.example",
    "https://[::1]/",
    "https://user:pass@example.org/",
    "https://example.org/%zz",
    'https://example.org/" onmouseover="alert(1)',
    "https://example.org/'quote'",
    "https://example.org/<b>",
    "https://example.org/\u202e",
    "https://example.org/(parens)",
    "",
    " ",
)

_INLINE_SAMPLES = (
    "plain words",
    "*emphasis*",
    "**strong**",
    "_under_",
    "***both***",
    "~~struck~~",
    "`code`",
    "``co`de``",
    "\\*escaped\\*",
    "hard  \nbreak",
    "back\\\nslash break",
    "<span>raw</span>",
    '<span style="color:red">styled</span>',
    "<b><i>misnested</b></i>",
    "<br>",
    "<br/>",
    "<wbr>",
    "<p>unclosed",
    "</p>",
    "</div>",
    "<!-- comment -->",
    "<!-- unclosed",
    "<?php echo 1; ?>",
    "<!DOCTYPE html>",
    "<![CDATA[ x ]]>",
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">a</a>',
    '<a name="anchor">anchor</a>',
    "<a>no href</a>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi>x</mi></math>",
    '<iframe src="https://example.org"></iframe>',
    "<ruby>漢<rt>kan</rt></ruby>",
    "<x-custom>custom</x-custom>",
    "<style>p{}</style>",
    '<div xmlns="http://www.w3.org/2000/svg">ns</div>',
    "&nbsp;&amp;&lt;&gt;&quot;",
    "&bogus;",
    "&#0;",
    "&#x110000;",
    "&#xD800;",
    "&#65;&#x42;",
    "&copy",
    "[^1]",
    "www.example.org",
    "https://example.org/bare",
    "someone@example.org",
    "<https://example.org/auto>",
    "<mailto:someone@example.org>",
    "[ref link][ref]",
    "[dangling]",
    "@handle",
    "#hashtag",
    "« guillemets »",
    "l\u2019apostrophe",
    "שלום עולם",
    "مرحبا بالعالم",
    "a\u202eb\u202cc",
    "\u2067isolate\u2069",
    "👩\u200d💻 🇶🇨 ❤️",
    "e\u0301\u0301\u0301\u0301\u0301",
    "Z\u0351\u0352\u0353\u0354\u0355\u0356",
    "東京の職人",
    "x" * 400,
    "long-" * 80,
    "\u00ad\u200b\u2060",
    "{{ title }}",
    "{% if true %}x{% endif %}",
    "]]>",
)

_BLOCK_SAMPLES = (
    "### A sub-heading",
    "#### Deeper *heading*",
    "###### six",
    "####### seven is a paragraph",
    "Setext heading\n---",
    "- one\n- two\n  - nested\n- three",
    "1. first\n2. second\n10. tenth",
    "3) odd start\n4) next",
    "- [ ] task\n- [x] done",
    "> a quote\n> > nested quote",
    "> - list in quote",
    "---",
    "***",
    "```\nfenced code <b>&amp;\n```",
    "```python {onload=alert(1)}\nprint('hi')\n```",
    "~~~\nunclosed fence",
    "    indented code\n    <script>",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "| a |\n|:-:|\n| <b>x</b> |",
    "<div>\nblock html\n</div>",
    "<div>unclosed block",
    "<table><tr><td>raw table</td></tr></table>",
    "<pre>pre\n  formatted</pre>",
    "<details><summary>s</summary>d</details>",
    "<section><h1>raw heading</h1></section>",
    "<!--\nmultiline comment\n-->",
    "[ref]: https://example.org/ref",
    "[ref]: javascript:alert(1)",
    "[^1]: a footnote",
    "Term\n: definition",
    "line one\\\nline two",
    "* * *",
    "- \n- empty items",
    "1.\n2.",
)


# Any character but controls (tab and newline aside), surrogates and unassigned code points: those
# are refused at load, and the Markdown strategy is about what the renderer does with the rest.
_PRINTABLE = st.characters(exclude_categories=("Cc", "Cs", "Cn"), include_characters="\t\n")


def _links() -> st.SearchStrategy[str]:
    label = st.sampled_from(["link", "", "*em*", "`c`", "![i](x.png)", "[nested]", "שלום"])
    url = st.sampled_from(_ODD_URLS)
    title = st.sampled_from(["", ' "title"', " 'it''s'", ' "a \\" quote"', " (paren)"])
    return st.builds(lambda text, target, extra: f"[{text}]({target}{extra})", label, url, title)


def _images() -> st.SearchStrategy[str]:
    alt = st.sampled_from(["", "alt", "alt with *markup*", '"quoted"', "<b>"])
    url = st.sampled_from(
        [
            "images/missing.png",
            "https://example.org/remote.png",
            "data:image/png;base64,iVBORw0KGgo=",
            "../outside.png",
            "/etc/passwd",
            "javascript:alert(1)",
            "",
        ]
    )
    return st.builds(lambda text, target: f"![{text}]({target})", alt, url)


def _inline() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(_INLINE_SAMPLES),
        _links(),
        _images(),
        st.text(_PRINTABLE, min_size=1, max_size=12),
    )
    return st.lists(piece, min_size=1, max_size=6).map(" ".join)


def markdown_texts() -> st.SearchStrategy[str]:
    """Markdown meant to trip a renderer: every block and inline construct, odd links, raw HTML.

    The text is always UTF-8 encodable (no lone surrogates): it tests the Markdown path, not the
    decoding of files.  Images point to files that do not exist or are not in the folder.
    """
    block = st.one_of(
        _inline(),
        st.sampled_from(_BLOCK_SAMPLES),
        st.builds(
            lambda marker, text: f"{marker} {text}", st.sampled_from(["-", "1.", ">"]), _inline()
        ),
    )
    return (
        st.lists(block, min_size=1, max_size=6)
        .map("\n\n".join)
        .filter(lambda text: bool(text.strip()))
    )


def hostile_values() -> st.SearchStrategy[object]:
    """Values of every type YAML and TOML can write, for fields that expect another one.

    Huge and negative integers, NaN and infinities, dates and times, empty and nested lists and
    tables, hostile text: what a field may hold when a folder's author types it wrong, or on
    purpose.
    """
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([0, -1, 2**63 - 1, 2**63, -(2**63) - 1, 10**30]),
        st.floats(),
        dates(),
        st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
        hostile_texts(max_size=10),
        st.sampled_from(["", " ", "fr-CA", "https://example.org/", "images/x.png", "2020-13-45"]),
    )
    keys = st.one_of(
        st.sampled_from(["name", "title", "url", "label", "path", "alt", "number", "kind", "file"]),
        hostile_texts(max_size=6),
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(keys, inner, max_size=3)
        ),
        max_leaves=6,
    )
