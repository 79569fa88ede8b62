"""Read one rich text as the renderer reads it: its Markdown images, and the links it refuses.

The content checks must find exactly what rendering finds, so a text is parsed by the
renderer's own parser (:func:`~interviewkit.render.markdown.parser_for`), whose ``check_links``
rule asks :func:`~interviewkit.model._links.refused_link` about every link while parsing.
With raw HTML on, ``<a>`` elements typed in the text go through the renderer's own sanitizer.

Parsing costs far more than looking: a text is parsed only when it can hold what is looked
for.  An image needs ``![``; a refused link needs one of the marks a link starts with (``](``,
``<``, ``://``, ``@``, a dotted name...), and then :func:`~interviewkit.build._link_suspects.
may_refuse_link` must not be able to tell that every such link is accepted.  Most answers hold
no link, and most links are plain ``https://`` addresses, so few texts are parsed.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
from markdown_it.token import Token

from interviewkit.build._link_suspects import may_refuse_link
from interviewkit.build._rich_texts import TextField
from interviewkit.model._links import RefusedLink
from interviewkit.render.markdown import parser_for, sanitize

__all__ = ["Scan", "scan", "worth_scanning"]

#: What an image or a link starts with: "![", "](", "]:", "<", "@", "\\", "&", "//" (and so
#: "://"), or a dot between a word and two letters (a bare host name such as ``Bit.ly``).  One
#: expression whose every alternative starts with a literal character, so that the search of
#: a text that holds none (most of them) skips from one of those characters to the next.
_MARKS = re.compile(r"!\[|\]\(|\]:|<|@|\\|&|//|\.(?<=[\w-]\.)[a-zA-Z]{2}")


@attrs.frozen
class Scan:
    """What one text holds that the checks judge."""

    images: tuple[str, ...]
    """The ``src`` of every Markdown image, as parsed (percent-encoded)."""
    refused: tuple[RefusedLink, ...]
    """Every link the renderer prints as text, in order."""


def worth_scanning(text: str) -> bool:
    """Whether ``text`` holds a mark an image or a link starts with (:data:`_MARKS`).

    The first, cheapest look, for every text of the book; :func:`scan` looks closer.
    """
    return _MARKS.search(text) is not None


def scan(field: TextField, *, raw_html: bool) -> Scan | None:
    """What ``field`` holds, or ``None`` when it can hold no image and no refused link.

    ``field.text`` must be :func:`worth_scanning`.

    :param raw_html: whether a format renders raw HTML too: then the text is also read that
        way (a Markdown link inside an HTML block is no link there, an ``<a>`` is).
    """
    text = field.text
    if "![" not in text and not may_refuse_link(text, raw_html=raw_html):
        return None
    env: dict[str, Any] = {}
    tokens = _parse(field, False, env)
    images = tuple(
        str(child.attrGet("src") or "")
        for token in tokens
        for child in token.children or ()
        if child.type == "image"
    )
    refused: list[RefusedLink] = env.get("refused_links", [])
    if raw_html and "<" in text:
        raw_env: dict[str, Any] = {"resolve_image": None, "problems": []}
        raw_tokens = _parse(field, True, raw_env)
        refused.extend(raw_env.get("refused_links", []))
        if "<a" in text.lower():
            md = parser_for(field.language, field.platform, True)
            html = md.renderer.render(raw_tokens, md.options, raw_env)
            sanitize(html, refused, raw_anchors=True)
    return Scan(images=images, refused=tuple(dict.fromkeys(refused)))


def _parse(field: TextField, raw_html: bool, env: dict[str, Any]) -> list[Token]:
    md = parser_for(field.language, field.platform, raw_html)
    if field.inline:
        return md.parseInline(field.text, env)
    return md.parse(field.text, env)
