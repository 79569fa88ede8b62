"""The parts around an interview: follow block, other portraits, reading list, page furniture.

Each part starts with a short header line ("Pour suivre Julie", "Other portraits in the
series:", "Lecture") and runs until the next header or separator.  Page furniture (comment
counters, share buttons, "Leave a reply") is recognised so that it can be dropped.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import urlsplit

import attrs

from interviewkit._util.urls import is_url
from interviewkit.importers.interviews._blocks import Block
from interviewkit.model.models import Link, RelatedPortrait

__all__ = [
    "PartKind",
    "comment_counter_title",
    "follow_links",
    "is_follow_sentence",
    "is_furniture",
    "part_header",
    "reading_entries",
    "related_entry",
]

PartKind = Literal["follow", "related", "reading"]

_HEADERS: tuple[tuple[PartKind, re.Pattern[str]], ...] = (
    (
        # "Pour suivre Julie", "Follow her on:", "Retrouvez Sam en ligne": a follow verb, then a
        # person (a capitalised name or a pronoun) or a colon; "Follow your passion" is not one.
        "follow",
        re.compile(
            r"^(?i:pour\s+(?:la\s+|le\s+)?suivre|suivre|suivez|suivez-(?:la|le|les)|"
            r"retrouvez|retrouver|où\s+(?:la|le)\s+(?:suivre|trouver)|follow|find|connect\s+with|"
            r"where\s+to\s+find|keep\s+up\s+with)"
            r"(?:\s+(?:[A-ZÀ-Ý][\w’'-]*|(?i:her|him|them|me|us|la|le|les|nous))\b[^.?!]{0,60}"
            r"|[^.?!]{0,60}:)$"
            r"|^(?i:links|liens|useful\s+links|liens\s+utiles|on\s+the\s+web|sur\s+le\s+web|"
            r"online|en\s+ligne|elsewhere|ailleurs)\s*:?$"
        ),
    ),
    (
        "related",
        re.compile(
            r"^(?:(?:les\s+)?autres|d['’]autres|other|more|previous|past|also\s+in|see\s+also|"
            r"read\s+also|lire\s+aussi|à\s+lire\s+aussi|dans\s+la\s+même\s+série|"
            r"in\s+the\s+same\s+series|the\s+series)\b[^.?!]{0,80}"
            r"(?:portraits?|entrevues?|entretiens?|interviews?|série|series)\b[^.?!]{0,60}$"
            r"|^(?:more\s+from|also\s+from|previously\s+(?:in|on)|plus\s+de|aussi\s+dans|"
            r"déjà\s+parus?\s+dans)\b[^.?!]{0,60}:$"
            r"|^(?:dans\s+la\s+même\s+série|(?:more\s+)?in\s+(?:this|the\s+same)\s+series|"
            r"de\s+la\s+même\s+série)\s*:?$",
            re.IGNORECASE,
        ),
    ),
    (
        "reading",
        re.compile(
            r"^(?:lecture|lectures|lectures\s+suggérées|à\s+lire|a\s+lire|pour\s+aller\s+plus\s+loin|"
            r"sur\s+le\s+même\s+sujet|reading|further\s+reading|reading\s+list|suggested\s+reading|"
            r"recommended\s+reading|to\s+read|read\s+more|ressources|resources|"
            r"à\s+lire\s+aussi|a\s+lire\s+aussi|lire\s+aussi|read\s+also|see\s+also)\s*:?$",
            re.IGNORECASE,
        ),
    ),
)

_COUNTER = re.compile(
    r"^(?:(?:one|no|\d+)\s+(?:responses?|comments?|repl(?:y|ies)|thoughts?)\s+(?:to|on)|"
    r"(?:une|aucune|\d+)\s+(?:réponses?|commentaires?|réactions?)\s+(?:à|a|sur|pour))"
    r"\s*[«“\"'‘]\s*(?P<title>.+?)\s*[»”\"'’]\s*:?$",
    re.IGNORECASE,
)
_FURNITURE = re.compile(
    r"^(?:leave\s+a\s+(?:reply|comment)|laisser\s+un\s+commentaire|laissez\s+un\s+commentaire|"
    r"répondre|reply|share\s+this|partager|partagez|share\s+on\s+\w+|partager\s+sur\s+\w+|"
    r"tweet|tweeter|j['’]aime|like\s+this|like|email|imprimer|print|pin\s+it|"
    r"loading\.*|chargement\.*|related|articles\s+similaires|posted\s+in\b.*|publié\s+dans\b.*|"
    r"filed\s+under\b.*|classé\s+dans\b.*|tags?\s*:.*|étiquettes?\s*:.*|"
    r"\d+\s+(?:comments?|commentaires?)|(?:no|aucun)\s+(?:comments?|commentaires?)|"
    r"(?:posted|published|publié|publiée|mis\s+en\s+ligne)\s+(?:on|le|by|par)\b.{0,100}|"
    r"comments\s+are\s+closed\.?|les\s+commentaires\s+sont\s+fermés\.?|"
    r"[^|›»]{1,30}(?:\s[|›»]\s[^|›»]{1,30}){2,}|"
    r"(?:propos\s+recueillis\s+par|interview\s+by|interviewed\s+by|entrevue\s+réalisée\s+par)"
    r"\b.{0,100})\s*:?$",
    re.IGNORECASE,
)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()\"'«»]+|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|ca|org|net|fr|qc\.ca|io|co|me|info|be|ch|social|app)"
    r"(?:/[^\s<>()\"'«»]*)?",
    re.IGNORECASE,
)
_LONGEST_FOLLOW_LINE = 500
_SHARE_URL = re.compile(r"sharer|intent/tweet|/share\b|shareArticle|pin/create", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{1,30}(?:@[\w.-]+\.\w+)?")
_PLATFORMS: tuple[tuple[str, str, str], ...] = (
    # (word in a label or host, link kind, profile URL for a bare @handle)
    ("facebook", "facebook", "https://www.facebook.com/"),
    ("twitter", "twitter", "https://twitter.com/"),
    ("x.com", "twitter", "https://x.com/"),
    ("instagram", "instagram", "https://www.instagram.com/"),
    ("linkedin", "linkedin", "https://www.linkedin.com/in/"),
    ("youtube", "youtube", "https://www.youtube.com/@"),
    ("tiktok", "tiktok", "https://www.tiktok.com/@"),
    ("bluesky", "bluesky", "https://bsky.app/profile/"),
    ("bsky", "bluesky", "https://bsky.app/profile/"),
    ("mastodon", "mastodon", ""),
    ("blog", "blog", ""),
    ("blogue", "blog", ""),
)
_LABEL_PREFIX = re.compile(r"^(?:sur|on|via|par|by|at|chez|sa|son|ses|her|his|their)\s+", re.I)
_RELATED_SPLIT = re.compile(r"\s*(?:\s/\s?|\s?/\s|/|\s\\\s?|\\|\s[–—|]\s)\s*")


def part_header(block: Block) -> PartKind | None:
    """Which part ``block`` opens, if it is a part header."""
    if block.kind == "separator" or len(block.text) > 120:
        return None
    text = block.text.rstrip(" :")
    for kind, pattern in _HEADERS:
        if pattern.match(text) or pattern.match(block.text):
            return kind
    return None


_FOLLOW_SENTENCE = re.compile(
    r"\b(?:reached|find|follow|website|online|learn\s+more|more\s+about|on\s+(?:twitter|"
    r"instagram|facebook|mastodon|bluesky|linkedin)|suivre|retrouver|retrouvez|joindre|site\s+web|"
    r"en\s+savoir\s+plus|sur\s+(?:twitter|instagram|facebook|mastodon|bluesky|linkedin))\b",
    re.IGNORECASE,
)


def is_follow_sentence(block: Block) -> bool:
    """ "Elias can be reached through his website, https://..." after the last answer."""
    if len(block.text) >= 300:
        return False
    has_address = bool(block.links or _URL.search(block.text) or _HANDLE.search(block.text))
    return has_address and bool(_FOLLOW_SENTENCE.search(block.text))


def comment_counter_title(block: Block) -> str | None:
    """The post title quoted by a comment counter ("One response to “Title”"), if it is one."""
    match = _COUNTER.match(block.text)
    return match.group("title") if match else None


def is_furniture(block: Block) -> bool:
    """Share buttons, comment forms and similar page furniture."""
    return len(block.text) <= 140 and bool(_FURNITURE.match(block.text))


@attrs.frozen
class Found:
    """What was read from a part, with the guesses a person should check."""

    links: tuple[Link, ...] = ()
    guesses: tuple[str, ...] = ()


def follow_links(blocks: list[Block]) -> Found:
    """The links of a follow block: URLs, bare domains and @handles, labelled by platform."""
    links: list[Link] = []
    guesses: list[str] = []
    for block in blocks:
        if len(block.text) > _LONGEST_FOLLOW_LINE:
            continue  # a paragraph, not a link line: and the URL search must stay linear
        label_text = _label_before(block.text)
        found = False
        for label, url in block.links:
            if _SHARE_URL.search(url):
                continue  # a share button, not the person's page
            links.append(_link(label if label != url else label_text, url))
            found = True
        if found:
            continue
        for match in _URL.finditer(block.text):
            raw = match.group(0).rstrip(".,;")
            url = raw if raw.lower().startswith("http") else f"https://{_lower_host(raw)}"
            if not is_url(url):  # the model's URL check: no usable host, a stray character...
                guesses.append(f"line {block.line}: left out {raw!r}, not a usable web address")
                continue
            if url != raw:
                guesses.append(f"line {block.line}: added https:// to {raw!r}")
            links.append(_link(label_text or _host_label(url), url))
        for match in _HANDLE.finditer(block.text):
            handle = match.group(0)
            platform = _platform(label_text) or ("twitter", "twitter", "https://twitter.com/")
            word, kind, base = platform
            if not base:
                guesses.append(
                    f"line {block.line}: {handle} has no profile address; "
                    "write it as a link or set handle_platform"
                )
                continue
            if not _platform(label_text):
                guesses.append(f"line {block.line}: took {handle} for a {word} handle")
            links.append(Link(label=handle, url=base + handle.lstrip("@"), kind=kind))
    return Found(links=tuple(dict.fromkeys(links)), guesses=tuple(guesses))


def _label_before(text: str) -> str:
    """The label of a follow line: what comes before its first address or handle, colon off."""
    first = min(
        (m.start() for pattern in (_URL, _HANDLE) for m in [pattern.search(text)] if m),
        default=len(text),
    )
    return text[:first].split(":", 1)[0].strip()


def _link(label: str, url: str) -> Link:
    platform = _platform(label) or _platform(urlsplit(url).netloc)
    kind = platform[1] if platform else "website"
    clean = _LABEL_PREFIX.sub("", label.strip()).strip(" :") or _host_label(url)
    return Link(label=clean[:1].upper() + clean[1:], url=url, kind=kind)


def _platform(text: str) -> tuple[str, str, str] | None:
    lowered = text.lower()
    for entry in _PLATFORMS:
        if entry[0] in lowered:
            return entry
    return None


def _lower_host(address: str) -> str:
    host, slash, path = address.partition("/")
    return host.lower() + slash + path


def _host_label(url: str) -> str:
    host = urlsplit(url).netloc.lower().removeprefix("www.")
    return host or url


def related_entry(block: Block) -> RelatedPortrait | None:
    """ "Name / Organisation" (or "Name \\ Organisation", "Name – Organisation") as a portrait."""
    text = block.text.strip(" -•")
    if not text:
        return None
    pieces = _RELATED_SPLIT.split(text, maxsplit=1)
    if len(pieces) == 1 and block.links and text.startswith(block.links[0][0]):
        # "<a>Hal Ferreira</a> <span>Ferreira Forge</span>": the link is the name.
        label = block.links[0][0]
        pieces = [label, text[len(label) :]] if text[len(label) :].strip() else [text]
    if len(pieces) == 1 and ", " in text:
        pieces = text.split(", ", 1)  # "Ingrid Solberg, Coastline Surveys"
    name = pieces[0].strip(" ,;")
    affiliation = pieces[1].strip(" ,;") if len(pieces) > 1 else ""
    if not name:
        return None
    url = block.links[0][1] if block.links else None
    return RelatedPortrait(name=name, affiliation=affiliation or None, url=url)


def reading_entries(blocks: list[Block]) -> tuple[tuple[Link, ...], tuple[str, ...]]:
    """The reading list: entries with a link, and titles that came without one."""
    links: list[Link] = []
    titles: list[str] = []
    for block in blocks:
        if block.links:
            label, url = block.links[0]
            links.append(Link(label=block.text or label, url=url, kind="article"))
        elif block.text:
            titles.append(block.text)
    return tuple(links), tuple(titles)
