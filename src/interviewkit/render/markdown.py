"""Rich text to HTML/XHTML fragments, with markdown-it-py.

One :class:`RichTextRenderer` per language and platform renders every lede, question and answer
of the visual formats, so HTML, EPUB and PDF get the same markup:

* raw HTML in the source is escaped (``<script>`` shows as text); ``raw_html=True`` lets a
  sanitized subset through nh3 instead;
* a link is kept only when its URL passes the model's check (:func:`interviewkit._util.urls.
  url_problem`: absolute ``http``, ``https`` or ``mailto``, a valid host name, no quote or
  space); any other link, a relative one (``other.md``, ``../x``, ``#part``) included, is
  printed as its link text alone, and a problem says to write an absolute https:// address;
  a relative link would otherwise point at a file next to the book (``file://`` in a PDF);
* with ``raw_html=True``, an ``<a>`` whose ``href`` the sanitizer or the same check refuses is
  unwrapped: its text stays, the element goes;
* images are resolved by a callback (inside the source folder only); an image that cannot be
  resolved is replaced by its alt text and reported;
* bare URLs become links; ``@handles`` and ``#hashtags`` become links when a platform is known;
* typography (quotes, apostrophes, ellipses, French spaces) is applied to text only, never inside
  URLs, handles or code;
* headings inside answers are moved below the question's level; output is well-formed XHTML;
* for print (the pdf format), a block can be given a :class:`~interviewkit.render.link_notes.
  LinkNotes`, which prints the address of each link after it (a footnote, or the number of a
  note), and a :class:`~interviewkit.render.hyphenation.Hyphenator`, which puts soft hyphens
  into its running text (never into links, code or headings).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline import linkify as linkify_rule
from markdown_it.token import Token
from markupsafe import Markup, escape
from mdit_py_plugins.attrs import attrs_plugin

from interviewkit.model._links import (
    ANY_SCHEME,
    RefusedLink,
    accept_link,
    check_links,
    href_filter,
    unwrap_bare_anchors,
)
from interviewkit.model._validators import is_language_tag
from interviewkit.render.handles import Platform, platform_for
from interviewkit.render.hyphenation import Hyphenator, soft_hyphens_rule
from interviewkit.render.link_notes import LinkNotes, link_notes_rule
from interviewkit.render.typography import rules_for, space_text

__all__ = ["MAYBE_BARE_LINK", "ImageResolver", "RichTextRenderer", "parser_for", "sanitize"]

#: ``resolve(path) -> src`` for an image path written in the content, or ``None`` to drop it.
ImageResolver = Callable[[str], str | None]

_SANITIZED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "br",
        "cite",
        "code",
        "em",
        "i",
        "kbd",
        "mark",
        "p",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "u",
        "ul",
        "ol",
        "li",
        "blockquote",
    }
)


def _handle_rule(platform: Platform) -> Callable[[StateInline, bool], bool]:
    def rule(state: StateInline, silent: bool) -> bool:
        marker = state.src[state.pos]
        if marker not in "@#":
            return False
        if state.pos > 0 and (
            state.src[state.pos - 1].isalnum() or state.src[state.pos - 1] in "_@#/"
        ):
            return False  # part of a word or an e-mail address
        rest = state.src[state.pos + 1 :]
        if marker == "@":
            match = platform.handle_pattern.match(rest)
            if not match:
                return False
            name = match.group(0)
            href = platform.handle_link(name)
        else:
            match = re.match(r"\w+", rest)
            if not match or match.group(0).isdigit():
                return False
            name = match.group(0).rstrip("_") or match.group(0)
            href = platform.hashtag_link(name)
        if not silent:
            token = state.push("link_open", "a", 1)
            token.attrs = {"href": href, "class": "handle" if marker == "@" else "hashtag"}
            token.meta = {"verbatim": True}
            text = state.push("text", "", 0)
            text.content = marker + name
            close = state.push("link_close", "a", -1)
            close.meta = {"verbatim": True}
        state.pos += 1 + len(name)
        return True

    return rule


def _spacing_rule(language: str) -> Callable[[StateCore], None]:
    rules = rules_for(language)

    def rule(state: StateCore) -> None:
        for block in state.tokens:
            if block.type != "inline" or not block.children:
                continue
            verbatim = 0
            previous: Token | None = None
            for token in block.children:
                if token.type == "link_open" and (
                    token.markup in {"linkify", "autolink"} or token.meta.get("verbatim")
                ):
                    verbatim += 1
                elif token.type == "link_close" and verbatim:
                    verbatim -= 1
                elif token.type == "text" and not verbatim:
                    # Text right after an inline element ("*vraiment* ?", "@nom !") continues
                    # the same run of words: space it as if the element were a word.
                    if _continues(previous):
                        token.content = space_text(_WORD + token.content, rules)[len(_WORD) :]
                    else:
                        token.content = space_text(token.content, rules)
                previous = token

    return rule


#: Stands for the inline element before a text token while that text is spaced.
_WORD = "\ue000"


def _continues(previous: Token | None) -> bool:
    """Whether text after ``previous`` follows a word on the same line (not a line start)."""
    return (
        previous is not None
        and previous.nesting != 1
        and previous.type not in {"softbreak", "hardbreak"}
    )


class RichTextRenderer:
    """Renders CommonMark for one language and one handle platform.

    .. versionadded:: 0.1
    """

    def __init__(
        self,
        language: str,
        *,
        handle_platform: str | None = None,
        raw_html: bool = False,
        hyphenate: bool = False,
    ) -> None:
        self.language = language
        self.raw_html = raw_html
        self._md = parser_for(language, handle_platform, raw_html)
        self._hyphenator = Hyphenator(language) if hyphenate else None

    def block(
        self,
        source: str,
        *,
        heading_level: int = 3,
        resolve_image: ImageResolver | None = None,
        problems: list[str] | None = None,
        link_notes: LinkNotes | None = None,
    ) -> Markup:
        """Render block text (an answer, a lede); headings start at ``heading_level``.

        :param link_notes: where the addresses of the text's links go, for print; without it,
            a link is its text alone.
        """
        env: dict[str, Any] = {
            "heading_offset": max(0, heading_level - 1),
            "resolve_image": resolve_image,
            "problems": problems if problems is not None else [],
            "slots": [] if self.raw_html else None,
            "link_notes": link_notes,
            "hyphenator": self._hyphenator,
        }
        html = self._md.render(source, env)
        return self._finish(html, env, source)

    def inline(self, source: str, *, problems: list[str] | None = None) -> Markup:
        """Render one line (a question, a part title) without a wrapping paragraph."""
        env: dict[str, Any] = {
            "resolve_image": None,
            "problems": problems if problems is not None else [],
            "slots": [] if self.raw_html else None,
        }
        return self._finish(self._md.renderInline(source, env), env, source)

    def _finish(self, html: str, env: dict[str, Any], source: str) -> Markup:
        refusals: list[RefusedLink] = env.setdefault("refused_links", [])
        if self.raw_html:
            # Raw <img> is dropped: images come from Markdown only, resolved inside the folder.
            # Those, and the marks of printed addresses, were set aside in slots while the rest
            # is cleaned, so that their data: URIs, classes and ids survive the sanitizer.
            html = sanitize(html, refusals, raw_anchors="<a" in source.lower())
            slots: list[str] = env["slots"]
            html = _SLOT.sub(
                lambda m: slots[int(m.group(1))] if int(m.group(1)) < len(slots) else "", html
            )
        env["problems"].extend(str(refusal) for refusal in refusals)
        return Markup(html)


def sanitize(html: str, refusals: list[RefusedLink], *, raw_anchors: bool) -> str:
    """``html`` rendered with raw HTML on, cleaned by nh3; refused raw anchors go to ``refusals``.

    Markdown links were checked while parsing: only an ``<a>`` typed as raw HTML
    (``raw_anchors``) needs its href checked (nh3 has dropped javascript: and data: ones
    already) and, when it lost it, to be unwrapped; only then are the filter and the second
    parse paid for.  The content checks call it too, to find the same refused anchors.
    """
    import nh3

    html = nh3.clean(
        html,
        tags=set(_SANITIZED_TAGS) | {"h2", "h3", "h4", "h5", "h6", "pre", "hr"},
        # Keep the classes this renderer puts on handle and hashtag links; any other class a
        # raw-HTML author writes is dropped.
        allowed_classes={"a": {"handle", "hashtag"}},
        attribute_filter=href_filter(refusals) if raw_anchors else None,
    )
    return unwrap_bare_anchors(html) if raw_anchors else html


def _set_aside(html: str, env: dict[str, Any]) -> str:
    """``html``, or (raw HTML on) a placeholder that stands for it while the sanitizer runs."""
    slots: list[str] | None = env.get("slots")
    if slots is None:
        return html
    slots.append(html)
    return f"\ue001{len(slots) - 1}\ue001"


_SLOT = re.compile("\ue001([0-9]+)\ue001")


def _render_image(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    return _set_aside(_image_html(self, tokens, idx, options, env), env)


def _render_link_note(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    notes: LinkNotes = env["link_notes"]
    return _set_aside(str(notes.mark(tokens[idx].meta["note"])), env)


def _image_html(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[idx]
    alt = self.renderInlineAsText(token.children or [], options, env)
    src = str(token.attrGet("src") or "")
    resolve: ImageResolver | None = env.get("resolve_image")
    # markdown-it percent-encodes destinations (``<images/my photo.png>`` -> ``my%20photo.png``):
    # decode them back into the file path they name.
    local = not ANY_SCHEME.match(src) and not src.startswith("//")
    resolved = resolve(unquote(src)) if resolve is not None and local else None
    if resolved is None:
        env.setdefault("problems", []).append(
            f"image {src!r} left out: only images inside the anthology folder are used"
        )
        return f'<span class="missing-image">{escape(alt)}</span>'
    token.attrSet("src", resolved)
    token.attrSet("alt", alt)
    return str(self.renderToken(tokens, idx, options, env))


def span_kind(attributes: dict[str, Any]) -> tuple[str, str]:
    """What a bracketed span's attributes make of it: ``("index", term)`` (``""``: its own
    words), ``("lang", tag)``, or ``("plain", "")`` (any other attribute is dropped)."""
    classes = str(attributes.get("class", "")).split()
    term = attributes.get("index")
    if term is not None and str(term).strip():
        return "index", " ".join(str(term).split())
    if "index" in classes:
        return "index", ""
    lang = attributes.get("lang")
    if lang is not None and is_language_tag(str(lang)):
        return "lang", str(lang)
    return "plain", ""


def spans_rule(state: StateCore) -> None:
    """Give each span's open and close tokens its :func:`span_kind` (``meta["span"]``)."""
    for block in state.tokens:
        opened: list[tuple[str, str]] = []
        for token in block.children or ():
            if token.type == "span_open":
                kind = span_kind(dict(token.attrs))
                opened.append(kind)
                token.meta = {**(token.meta or {}), "span": kind}
            elif token.type == "span_close" and opened:
                token.meta = {**(token.meta or {}), "span": opened.pop()}


def _render_span(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[idx]
    kind, value = (token.meta or {}).get("span", ("plain", ""))
    if kind != "lang":
        return ""  # an index term or a plain span prints its words only
    return f'<span lang="{escape(value)}">' if token.nesting == 1 else "</span>"


def _render_heading(
    self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]
) -> str:
    token = tokens[idx]
    offset = int(env.get("heading_offset", 0))
    level = min(6, int(token.tag[1]) + offset)
    token.tag = f"h{level}"
    return str(self.renderToken(tokens, idx, options, env))


#: Something that could start a bare link (linkify) or a handle: a scheme, "www.", an "@", or a
#: dotted host name.  Text without one holds no such link.
MAYBE_BARE_LINK = re.compile(r"://|www\.|@|[\w-]\.[a-z]{2,}", re.IGNORECASE)


def _prefilter_linkify(md: MarkdownIt) -> None:
    # linkify-it's own pretest is one large regular expression run on every paragraph, and it
    # was half of the rendering time; prose without any of these marks cannot hold a link, so
    # a small expression answers first.
    linkify = md.linkify
    if linkify is None:  # pragma: no cover - linkify-it-py is a dependency
        return
    full_pretest = linkify.pretest
    full_test = linkify.test

    def pretest(text: str) -> bool:
        return bool(MAYBE_BARE_LINK.search(text)) and bool(full_pretest(text))

    def test(text: str) -> bool:
        return bool(MAYBE_BARE_LINK.search(text)) and bool(full_test(text))

    linkify.pretest = pretest
    linkify.test = test


def _inline_linkify(state: StateInline, silent: bool) -> bool:
    """markdown-it-py's inline linkify rule, left out while a link label is skipped.

    In that silent pass the rule reads the scheme from pending text that is not the label's
    (``ple.org[ftp://p://``): it may claim a link of length zero (the parser then raises) or
    move backwards (the parser never ends).  There an address is read as the text it is; the
    link itself is found when the text is parsed for real.
    """
    if silent:
        return False
    return linkify_rule(state, silent)


@lru_cache(maxsize=32)
def parser_for(language: str, handle_platform: str | None, raw_html: bool) -> MarkdownIt:
    """The parser of one renderer (cached): the content checks read texts with it too."""
    rules = rules_for(language)
    md = MarkdownIt(
        "commonmark",
        {
            "html": raw_html,
            "xhtmlOut": True,
            "typographer": True,
            "linkify": True,
            "quotes": rules.quotes,
        },
    )
    md.enable(["linkify", "replacements", "smartquotes"])
    _prefilter_linkify(md)
    md.inline.ruler.at("linkify", _inline_linkify)
    md.validateLink = accept_link  # type: ignore[method-assign]
    platform = platform_for(handle_platform)
    if platform is not None:
        md.inline.ruler.before("emphasis", "handle", _handle_rule(platform))
    md.core.ruler.after("linkify", "check_links", check_links)
    # Bracketed spans, as Pandoc writes them: [words]{.index} and [words]{index="Term"} mark
    # index terms, [words]{lang=fr} another language. Attributes after other elements are text.
    md.use(attrs_plugin, after=(), spans=True)
    md.core.ruler.push("spans", spans_rule)
    md.add_render_rule("span_open", _render_span)
    md.add_render_rule("span_close", _render_span)
    md.core.ruler.after("smartquotes", "language_spacing", _spacing_rule(language))
    # For print only (they do nothing unless the block's env asks): addresses, soft hyphens.
    md.core.ruler.push("link_notes", link_notes_rule)
    md.core.ruler.push("soft_hyphens", soft_hyphens_rule)
    md.add_render_rule("image", _render_image)
    md.add_render_rule("link_note", _render_link_note)
    md.add_render_rule("heading_open", _render_heading)
    md.add_render_rule("heading_close", _render_heading)
    return md
