"""The ``wordpress`` importer: a WordPress export (WXR) of a whole blog, one portrait per post.

The export is parsed with defusedxml, which refuses entity declarations (the "billion laughs"
expansion) and external references instead of following them.  Each published post of the
chosen category or tag becomes a portrait with its title, date, author, categories, tags and
address; a post with no interview in it is skipped and reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar
from xml.etree.ElementTree import ParseError

from interviewkit._util.urls import is_url
from interviewkit.errors import InvalidInputError
from interviewkit.importers.interviews._model import ImportedPortrait, ImportOptions
from interviewkit.importers.interviews._reading import imported_from_blocks, read_page

__all__ = ["WordPressImporter"]

#: A whole blog's export can be large; past this it is refused rather than read into memory.
MAX_EXPORT_BYTES = 200_000_000

#: Fewer questions than this in a post of a whole blog, and it is not taken for an interview.
MIN_EXCHANGES = 3

_NAMESPACES = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_WP = re.compile(r"^\{http://wordpress\.org/export/1\.\d+/\}")


class WordPressImporter:
    """A WordPress export (``.xml``, WXR 1.0 to 1.2)."""

    name: ClassVar[str] = "wordpress"
    description: ClassVar[str] = "a WordPress export (WXR .xml), one portrait per post"

    def __init__(self) -> None:
        self.skipped: list[str] = []

    def detect(self, path: Path) -> bool:
        if not (path.is_file() and path.suffix.lower() in {".xml", ".wxr"}):
            return False
        with path.open("rb") as handle:
            head = handle.read(4096)
        return b"<rss" in head and b"wordpress.org/export" in head

    def read(self, path: Path, options: ImportOptions) -> Sequence[ImportedPortrait]:
        # Imported here: registering the importer stays cheap for every command.
        import defusedxml.ElementTree as safe_xml
        from defusedxml import DefusedXmlException

        from interviewkit.importers.interviews._html_blocks import html_page

        text = read_page(path, limit=MAX_EXPORT_BYTES)
        try:
            root = safe_xml.fromstring(text.encode("utf-8"))
        except DefusedXmlException as exc:
            raise InvalidInputError(
                path,
                [f"refused: the file declares XML entities or external references ({exc})"],
                hint="export the blog again from WordPress (Tools > Export); a real export "
                "declares no entities",
            ) from None
        except ParseError as exc:
            line, column = getattr(exc, "position", (0, 0))
            raise InvalidInputError(
                path,
                [f"line {line}, column {column + 1}: not well-formed XML ({_reason(exc)})"],
                hint="export the blog again from WordPress (Tools > Export > All content)",
            ) from None
        channel = root.find("channel")
        if root.tag != "rss" or channel is None:
            raise InvalidInputError(
                path,
                ["is XML but not a WordPress export (no <rss><channel>)"],
                hint="export the blog from WordPress with Tools > Export",
            )
        authors = _authors(channel)
        language = options.language or _text(channel, "language") or None
        results: list[ImportedPortrait] = []
        self.skipped = []
        selected = 0
        for item in channel.findall("item"):
            post = _post(item, authors)
            if post["type"] != "post" or post["status"] not in {"publish", ""}:
                continue
            if not _selected(post, options):
                continue
            selected += 1
            where = f"{path}, post {post['title']!r}"
            page = html_page(_autop(post["content"]), whole_page=False)
            try:
                imported = imported_from_blocks(
                    page.blocks,
                    source=where,
                    options=ImportOptions(language=language),
                    title=post["title"] or None,
                    url=post["link"] if is_url(post["link"]) else None,
                    date=post["date"],
                    tags=[name for name, _ in post["categories"] if name] + post["tags"],
                    author=post["author"],
                )
            except InvalidInputError:
                self.skipped.append(f"{post['title'] or '(untitled)'}: no interview found")
                continue
            found = len(imported.portrait.interview.exchanges)
            if found < MIN_EXCHANGES:
                # A news post that asks the readers a question is not an interview.
                self.skipped.append(
                    f"{post['title'] or '(untitled)'}: {found} question(s) only, not an interview"
                )
                continue
            results.append(imported)
        if not results:
            what = _selection(options)
            raise InvalidInputError(
                path,
                [f"no interview found in {selected} published post(s){what}"],
                hint="choose the posts with --category or --tag (the category of the series)",
            )
        return results


_HAS_BLOCKS = re.compile(r"<(?:p|h[1-6]|ul|ol|div|blockquote|table|figure)\b", re.IGNORECASE)


def _autop(content: str) -> str:
    """Paragraphs for a classic-editor post, stored as text with blank lines between them.

    WordPress adds the ``<p>`` tags only when it shows the post (``wpautop``); the export keeps
    the text as typed.
    """
    if _HAS_BLOCKS.search(content):
        return content
    paragraphs = re.split(r"\n\s*\n", content.replace("\r\n", "\n"))
    return "".join(
        "<p>" + p.strip().replace("\n", "<br>") + "</p>" for p in paragraphs if p.strip()
    )


def _reason(exc: ParseError) -> str:
    return str(exc).split(":")[0]


def _text(element: Any, path: str) -> str:
    found = element.find(path, _NAMESPACES)
    return (found.text or "").strip() if found is not None else ""


def _wp(element: Any, name: str) -> str:
    for child in element:
        if isinstance(child.tag, str) and _WP.sub("", child.tag) == name and _WP.match(child.tag):
            return (child.text or "").strip()
    return ""


def _authors(channel: Any) -> dict[str, str]:
    authors = {}
    for child in channel:
        if isinstance(child.tag, str) and _WP.match(child.tag) and child.tag.endswith("}author"):
            login = _wp(child, "author_login")
            authors[login] = _wp(child, "author_display_name") or login
    return authors


def _post(item: Any, authors: dict[str, str]) -> dict[str, Any]:
    categories: list[tuple[str, str]] = []
    tags: list[tuple[str, str]] = []
    for category in item.findall("category"):
        entry = ((category.text or "").strip(), category.get("nicename", ""))
        (tags if category.get("domain") == "post_tag" else categories).append(entry)
    date = None
    raw_date = _wp(item, "post_date")[:10]
    try:
        date = dt.date.fromisoformat(raw_date) if raw_date else None
    except ValueError:
        date = None
    creator = _text(item, "dc:creator")
    return {
        "title": _text(item, "title"),
        "link": _text(item, "link"),
        "content": _text(item, "content:encoded"),
        "type": _wp(item, "post_type") or "post",
        "status": _wp(item, "status"),
        "date": date,
        "author": authors.get(creator, creator) or None,
        "categories": categories,
        "tags": [name for name, _ in tags if name],
        "tag_entries": tags,
    }


def _selected(post: dict[str, Any], options: ImportOptions) -> bool:
    def matches(wanted: str, entries: list[tuple[str, str]]) -> bool:
        wanted = wanted.casefold()
        return any(wanted in (name.casefold(), slug.casefold()) for name, slug in entries)

    if options.category and not matches(options.category, post["categories"]):
        return False
    return not (options.tag and not matches(options.tag, post["tag_entries"]))


def _selection(options: ImportOptions) -> str:
    parts = []
    if options.category:
        parts.append(f"category {options.category!r}")
    if options.tag:
        parts.append(f"tag {options.tag!r}")
    return f" of {' and '.join(parts)}" if parts else ""
