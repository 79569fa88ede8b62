"""Which built-in importer reads a published interview, decided from its content, not its name.

Only the beginning of the file is read (:data:`SNIFF_BYTES`), with the rules of
:func:`~interviewkit.importers.interviews._reading.read_page`: a binary file, an empty one or
one far too big is refused at once.  The decision, in this order:

* a WordPress export (WXR): XML whose root is ``<rss`` and that declares the
  ``wordpress.org/export`` namespace;
* HTML: the text starts (after a byte-order mark, blanks and comments) with ``<!DOCTYPE html``
  or ``<html``;
* Markdown: markdown-it-py finds Markdown in it (headings, lines starting in bold, links, lists,
  a blog's front matter): two kinds of signs, or three headings and bold lines at least;
* HTML again: a fragment with several block tags (``<p>``, ``<h2>``, ``<div>``...);
* the file name, when the text shows too little markup to tell (a ``.md`` file of plain
  paragraphs is still Markdown, a ``.html`` one still HTML);
* plain text otherwise.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import attrs
from markdown_it import MarkdownIt
from markdown_it.token import Token

from interviewkit.errors import InvalidInputError
from interviewkit.importers.interviews.markdown import split_front_matter

__all__ = ["SNIFF_BYTES", "Sniffed", "is_portrait_file", "sniff", "sniff_text"]

#: The beginning of the file that decides (a page's head, a few dozen exchanges).
SNIFF_BYTES = 65_536

#: The first bytes searched for a NUL, as ``read_page`` does.
_BINARY_BYTES = 8192

_COMMENTS = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_XML_PROLOG = re.compile(r"\A(?:\s|<\?.*?\?>|<!DOCTYPE\b[^[>]*(?:\[.*?\])?\s*>)*", re.DOTALL)
_XML_DECLARATION = re.compile(r"\A<\?xml\b.*?\?>", re.DOTALL)
_HTML_START = re.compile(r"<!DOCTYPE\s+html\b|<html\b", re.IGNORECASE)
_BLOCK_TAG = re.compile(
    r"<(?:p|h[1-6]|div|ul|ol|li|blockquote|table|article|section|main|figure|body)\b[^<>]*>",
    re.IGNORECASE,
)
#: Opening block tags that make a fragment HTML.
MIN_BLOCK_TAGS = 3
#: Headings and bold lines that make a text Markdown on their own.
MIN_HEADINGS_AND_BOLD = 3
#: Kinds of Markdown signs that make a text Markdown together.
MIN_KINDS = 2

#: The importer a file name asks for, when the content does not tell.
_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_LANGUAGES = {"markdown": "Markdown", "html": "HTML"}


@attrs.frozen
class Sniffed:
    """The built-in importer for a file, and why, in a few words for the summary."""

    importer: str
    reason: str


def sniff(path: Path) -> Sniffed:
    """The built-in importer for ``path`` (a regular file), from its first :data:`SNIFF_BYTES`.

    :raises InvalidInputError: the file is binary, empty, or bigger than any importer reads.
    """
    return sniff_text(_head(path), suffix=path.suffix)


def sniff_text(head: str, *, suffix: str = "") -> Sniffed:
    """The built-in importer for a text that starts with ``head``.

    ``suffix``, the file name's, decides only when the text shows too little of either Markdown
    or HTML to tell it from plain text (a ``.md`` file of plain paragraphs is Markdown).
    """
    start = _COMMENTS.sub("", head.removeprefix("\ufeff")).lstrip()
    if _is_wxr(start, head):
        return Sniffed("wordpress", "a WordPress export (WXR)")
    if _HTML_START.match(_XML_DECLARATION.sub("", start, count=1).lstrip()):
        return Sniffed("html", "HTML markup")
    signs = markup_signs(head)
    tags = signs.pop("HTML block tag", 0)
    headings_and_bold = signs["heading"] + signs["bold line"]
    if headings_and_bold >= MIN_HEADINGS_AND_BOLD or len(signs) >= MIN_KINDS:
        return Sniffed("markdown", f"Markdown syntax: {_counted(signs)}")
    if tags >= MIN_BLOCK_TAGS:
        return Sniffed("html", f"HTML markup: {tags} block tags")
    named = _BY_SUFFIX.get(suffix.lower())
    if named is not None:
        return Sniffed(named, f"a {suffix.lower()} file with little {_LANGUAGES[named]} in it")
    return Sniffed("text", "plain text")


def is_portrait_file(path: Path) -> bool:
    """Whether ``path`` is a ``.md`` file whose front matter has a ``subject``: a portrait."""
    if not (path.is_file() and path.suffix.lower() in {".md", ".markdown"}):
        return False
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES).decode("utf-8", "replace")
    front, _, _ = split_front_matter(head)
    return "subject" in front


def markup_signs(text: str) -> Counter[str]:
    """Signs of markup in ``text``, counted by kind; kinds not found are absent.

    Markdown: ``heading`` (``# Title``, not an underlined line), ``bold line`` (a line that
    starts in bold), ``link`` (``[text](address)``, not ``<address>``), ``list item``, ``front
    matter`` (a blog's).  HTML: ``HTML block tag`` (``<p>``, ``<h2>``, ``<div>``... outside
    code spans).  The text is parsed by markdown-it-py, as the importer will parse it.
    """
    signs: Counter[str] = Counter()
    front, body, _ = split_front_matter(text)
    signs["front matter"] = 1 if front else 0
    tokens = _parser().parse(body)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.markup.startswith("#"):
            signs["heading"] += 1
        elif token.type == "list_item_open":
            signs["list item"] += 1
        elif token.type == "html_block":
            signs["HTML block tag"] += len(_BLOCK_TAG.findall(token.content))
        elif token.type == "inline":
            in_heading = index > 0 and tokens[index - 1].type == "heading_open"
            _inline_signs(token.children or [], signs, in_heading=in_heading)
    return +signs  # drops the kinds counted zero


def _inline_signs(children: list[Token], signs: Counter[str], *, in_heading: bool) -> None:
    line_start = True
    for child in children:
        if child.type == "strong_open" and line_start and not in_heading:
            signs["bold line"] += 1
        elif child.type == "link_open" and child.markup not in {"autolink", "linkify"}:
            signs["link"] += 1
        elif child.type == "html_inline":
            signs["HTML block tag"] += len(_BLOCK_TAG.findall(child.content))
        if child.type in {"softbreak", "hardbreak"}:
            line_start = True
        elif child.type != "text" or child.content.strip():
            line_start = False


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # HTML on: its tags become tokens of their own, counted as HTML and not read as Markdown.
    return MarkdownIt("commonmark", {"html": True})


def _counted(signs: Counter[str]) -> str:
    """``4 headings, 1 bold line, front matter``."""
    parts = [
        f"{signs[kind]} {kind}{'s' if signs[kind] > 1 else ''}"
        for kind in ("heading", "bold line", "link", "list item")
        if signs[kind]
    ]
    return ", ".join(parts + (["front matter"] if signs["front matter"] else []))


def _is_wxr(start: str, head: str) -> bool:
    prolog = _XML_PROLOG.match(start)
    rest = start[prolog.end() :] if prolog else start
    return rest.startswith("<rss") and "wordpress.org/export/" in head


def _head(path: Path) -> str:
    """The first :data:`SNIFF_BYTES` of ``path`` as text, refused like ``read_page`` refuses."""
    # Imported here: the limits belong to the importers, loaded only when a file is imported.
    from interviewkit.importers.interviews._reading import MAX_PAGE_BYTES
    from interviewkit.importers.interviews.wordpress import MAX_EXPORT_BYTES

    limit = max(MAX_PAGE_BYTES, MAX_EXPORT_BYTES)
    try:
        size = path.stat().st_size
        if size > limit:
            raise InvalidInputError(
                path,
                [f"is {size / 1_000_000:.1f} MB, more than the {limit // 1_000_000} MB "
                 "an import can read"],
                hint="give one interview per file, or a WordPress export of the blog",
            )  # fmt: skip
        with path.open("rb") as handle:
            data = handle.read(SNIFF_BYTES)
    except OSError as exc:
        raise InvalidInputError(path, [f"cannot be read ({exc.strerror})"]) from exc
    if b"\x00" in data[:_BINARY_BYTES]:
        raise InvalidInputError(
            path,
            ["is a binary file, not text"],
            hint="give the interview as a .txt, .md or .html file, or a WordPress export (.xml)",
        )
    # A character cut at the end of the head is not an error; a byte that is not UTF-8 is left
    # to the importer, which names its line.
    whole = len(data) >= size
    text = codecs.getincrementaldecoder("utf-8")("replace").decode(data, final=whole)
    if whole and not text.strip():
        raise InvalidInputError(
            path, ["is empty"], hint="paste the interview into the file and run the import again"
        )
    if not whole:
        text = text[: text.rfind("\n") + 1] or text  # whole lines only
    return text
