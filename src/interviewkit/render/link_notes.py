"""Addresses of links for print: a link's text alone tells a reader of paper nothing.

On a screen, "[a post on my blog](https://…)" is a link; on paper it is five words. The pdf
format prints each such address, either as a footnote at the foot of the page
(``links = "footnotes"``, with WeasyPrint's ``float: footnote``) or as a numbered note at the
end of the portrait or section (``links = "notes"``). The Markdown renderer asks
:func:`printed_address` about each link of the running text and, when there is an address to
print, adds a :class:`LinkNote` to the text's :class:`LinkNotes` and its mark after the link.

No address is printed for a link whose text already is its address (a bare URL, an autolink,
``[example.org](https://example.org)``, an e-mail address shown as itself), for a handle or a
hashtag (their text is what a reader looks up), or for a link that is not to the web or to an
e-mail address (those lead inside the book, and a reader turns to the page).
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import unquote

import attrs
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

__all__ = ["LinkNote", "LinkNotes", "NoteStyle", "link_notes_rule", "printed_address"]

#: ``footnotes``: at the foot of the page; ``notes``: listed at the end of the portrait.
NoteStyle = Literal["footnotes", "notes"]

_WEB = re.compile(r"^(?:https?://|mailto:)", re.IGNORECASE)
_SHOWN_PREFIX = re.compile(r"^(?:https?://|mailto:)?(?:www\.)?", re.IGNORECASE)


def _bare(address: str) -> str:
    """An address as a reader compares it: no scheme, no ``www.``, no final slash, any case,
    percent-escapes decoded (a parser writes ``%25`` for the ``%`` of the text)."""
    return unquote(_SHOWN_PREFIX.sub("", address.strip())).rstrip("/").casefold()


def printed_address(href: str, text: str) -> str | None:
    """The address to print for a link to ``href`` whose text is ``text``, or ``None``.

    ``mailto:`` is left out of an e-mail address (and anything after ``?``: a subject line).
    """
    if not _WEB.match(href):
        return None
    shown = href
    if href.lower().startswith("mailto:"):
        shown = href[len("mailto:") :].split("?", 1)[0]
    if _bare(text) in {_bare(href), _bare(shown)}:
        return None
    return shown


@attrs.frozen(kw_only=True)
class LinkNote:
    """One printed address: its number in its portrait or section, and its element id."""

    number: int
    href: str
    """Where the link leads (the printed address is a link too)."""
    shown: str
    """The address as printed."""
    id: str
    """Id of the note in a ``notes`` list; the mark's id is ``<id>-call``."""


@attrs.define
class LinkNotes:
    """The notes of one portrait or section, numbered in the order their links come."""

    style: NoteStyle
    prefix: str
    """Ids of the notes are ``<prefix>1``, ``<prefix>2``...: unique in the book."""
    notes: list[LinkNote] = attrs.field(factory=list)

    def add(self, href: str, shown: str) -> LinkNote:
        note = LinkNote(
            number=len(self.notes) + 1,
            href=href,
            shown=shown,
            id=f"{self.prefix}{len(self.notes) + 1}",
        )
        self.notes.append(note)
        return note

    def mark(self, note: LinkNote) -> Markup:
        """What follows the link in the text: the footnote itself, or the note's number."""
        if self.style == "footnotes":
            return Markup(
                '<span class="link-footnote"><a class="url" href="{}">{}</a></span>'
            ).format(note.href, note.shown)
        return Markup('<sup class="note-call" id="{0}-call"><a href="#{0}">{1}</a></sup>').format(
            note.id, note.number
        )


def _is_verbatim_link(token: Token) -> bool:
    """A link whose text is what it links to: a bare URL, an autolink, a handle, a hashtag."""
    return token.markup in {"linkify", "autolink"} or bool(token.meta.get("verbatim"))


def _link_text(children: list[Token], start: int) -> tuple[str, int]:
    """The text of the link opened at ``children[start]``, and the index of its close."""
    depth = 0
    text: list[str] = []
    for index in range(start, len(children)):
        token = children[index]
        if token.type == "link_open":
            depth += 1
        elif token.type == "link_close":
            depth -= 1
            if depth == 0:
                return "".join(text), index
        elif token.type in {"text", "code_inline"}:
            text.append(token.content)
        elif token.type in {"softbreak", "hardbreak"}:
            text.append(" ")
    return "".join(text), len(children) - 1


def link_notes_rule(state: StateCore) -> None:
    """markdown-it core rule: after each link whose text hides its address, a ``link_note``
    token (the renderer writes :meth:`LinkNotes.mark` for it), when the block's env has
    ``link_notes``."""
    notes: LinkNotes | None = state.env.get("link_notes")
    if notes is None:
        return
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        children = block.children
        index = 0
        while index < len(children):
            token = children[index]
            index += 1
            if token.type != "link_open" or _is_verbatim_link(token):
                continue
            text, close = _link_text(children, index - 1)
            href = str(token.attrGet("href") or "")
            shown = printed_address(href, text)
            if shown is None:
                continue
            mark = Token("link_note", "", 0)
            mark.meta = {"note": notes.add(href, shown)}
            children.insert(close + 1, mark)
            index = close + 2
