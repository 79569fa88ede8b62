"""Whether a rich text may hold a link the renderer refuses: a cheap, conservative look.

Parsing a text with the renderer's parser is the exact answer (:mod:`interviewkit.build._text_scan`)
but costs some 200 us; a book of interviews holds thousands of texts with ordinary links
(``[site](https://...)``, ``<https://...>``, a bare address, an ``@handle``) that the parse
would only confirm.  This look answers "no" only when every place a link could come from is
plainly accepted, and "maybe" (then the text is parsed) for anything else, so it may parse too
often but never skips a refused link:

* a Markdown link's destination must start with ``http://`` or ``https://`` (its address is then
  checked below); anything else after ``](`` (a relative path, ``#part``, ``mailto:``, an
  angle-bracketed address), a reference definition (``]:``), a backslash escape or a character
  reference (``&#39;``, which could hide a quote or a scheme) means "maybe";
* every ``://`` must follow ``http`` or ``https`` at a word start, and the model's expression
  for a valid address (:data:`~interviewkit._util.urls.HTTP_URL`) must read it up to a character
  no link can go past (white space, the end, ``<``, ``>``; right after a host name, closing
  punctuation then one of those); what follows a bracket, ``..``, ``??`` or a character that is
  not ASCII in it is judged apart (linkify may end the address there); a ``//`` after anything
  else means "maybe";
* an autolink (``<scheme:...>``, ``<name@host>``) other than ``<http(s)://...>``, and with raw
  HTML on, any ``<a``, means "maybe";
* a bare host name (``Bit.ly``, ``www.example.org``, what linkify reads as ``http://...``) must
  be, as a whole run of the word between brackets, a valid address after ``http://``; an e-mail
  address (``ana_lima@b.org``) a valid ``mailto:`` one with a plain name (letters, digits, "_",
  "+", "-"); an ``@handle`` must not name a server (``@a@b``), since a platform builds the rest.

A differential test (random texts of link-like pieces through both this look and the parser)
found no text that the parser refuses a link of and this look lets through.
"""

from __future__ import annotations

import re

from interviewkit._util.urls import HTTP_URL, MAILTO_URL

__all__ = ["may_refuse_link"]

#: The places a link may come from.  Every alternative starts with a literal character (the
#: dotted-name one with its dot, the "//" one asserts what precedes afterwards), so that the
#: search skips from one of those characters to the next.
_SPOTS = re.compile(r"://|\]\(|\]:|<|@|\\|&|/(?<!:/)/|\.(?<=[\w-]\.)[a-zA-Z]{2}")
_DESTINATION = re.compile(r"\]\([ \t]*\n?[ \t]*https?://", re.IGNORECASE)
_SCHEME_BEFORE = re.compile(r"(?<![\w+.-])https?\Z", re.IGNORECASE)
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.-]{1,31}:|<[^<>\s]*@")
_HTTP_AUTOLINK = re.compile(r"<https?://", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: What may follow an address that ends with its host name: closing punctuation, then a space.
_AFTER_HOST = re.compile(r"[)\],;:!.*_]*(?:\s|$|[<>])")
_AFTER_PATH = frozenset(" \t\n\r\f\v<>")
#: Brackets: linkify ends an address at one that is not balanced, and may read another one
#: after it.  The address-like run around a spot stops at them.
_BRACKETS = frozenset("()[]{}")
_CUT = re.compile(r"[()\[\]{}&]|[^\x00-\x7f]|\.\.|\?\?")
_RUN = re.compile(r"[^\s()\[\]{}]+")
_WORD = re.compile(r"\S+")
_SIMPLE_NAME = re.compile(r"[A-Za-z0-9_+-]+@")


def may_refuse_link(text: str, *, raw_html: bool = False) -> bool:
    """False only when no link of ``text`` can be refused by the renderer (see module doc)."""
    position = 0
    while (spot := _SPOTS.search(text, position)) is not None:
        found = spot.group()
        start = spot.start()
        position = spot.end()
        if found == "://":
            end = _plain_address_end(text, start)
            if end < 0:
                return True
            # The "//", "@" and dotted names inside an accepted address are judged with it.
            if end > position:
                position = end
        elif found in {"\\", "]:", "//"}:
            return True
        elif found == "](":
            if _DESTINATION.match(text, start) is None:
                return True
        elif found == "<":
            if raw_html and text[start : start + 2].lower() == "<a":
                return True
            if _AUTOLINK.match(text, start) and not _HTTP_AUTOLINK.match(text, start):
                return True
        elif found == "&":
            if _ENTITY.match(text, start):
                return True
        elif found == "@":
            if _suspect_at(text, start):
                return True
        elif _suspect_name(text, start):
            return True
    return False


def _plain_address_end(text: str, colon: int) -> int:
    """Up to where the http(s) address whose ``://`` is at ``colon`` is accepted, or -1."""
    scheme = _SCHEME_BEFORE.search(text, max(0, colon - 5), colon)
    if scheme is None:
        return -1
    match = HTTP_URL.match(text, scheme.start())
    if match is None:
        return -1
    port = match["port"]
    if port is not None and not 0 < int(port) < 65536:
        return -1
    end = match.end()
    after_host = match.end("port") if port is not None else match.end("host")
    if end == after_host:
        if _AFTER_HOST.match(text, end) is None:
            return -1
    elif end < len(text) and text[end] not in _AFTER_PATH:
        return -1
    # linkify may end this address earlier (at a bracket, "..", "??" or a character that is not
    # ASCII) and read another one after it, and "&" may start a character reference: the
    # address is trusted up to there only (what follows is looked at on its own).
    cut = _CUT.search(text, after_host, end)
    return end if cut is None else cut.start()


def _run_at(text: str, index: int) -> tuple[str, str]:
    """The address-like run around ``index`` (between brackets), and the whole word."""
    begin = index
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    word_match = _WORD.match(text, begin)
    word = word_match.group() if word_match else ""
    run = ""
    for found in _RUN.finditer(word):
        if found.start() <= index - begin < found.end():
            run = found.group()
            break
    return run.rstrip(".,;:!?"), word


def _suspect_at(text: str, index: int) -> bool:
    """Whether the "@" at ``index`` may start a refused e-mail link or a handle with a server."""
    if index == 0 or text[index - 1].isspace() or text[index - 1] in _BRACKETS:
        rest = _WORD.match(text, index + 1)  # a handle: the platform builds its address
        return rest is not None and "@" in rest.group()
    run, word = _run_at(text, index)
    return not _plain_email(run, word)


def _suspect_name(text: str, dot: int) -> bool:
    """Whether the dotted name at ``dot`` may be read by linkify as a refused address."""
    run, word = _run_at(text, dot)
    if "@" in run:
        return not _plain_email(run, word)
    return (
        "'" in word
        or _CUT.search(run) is not None  # linkify may read two addresses from it
        or HTTP_URL.fullmatch(f"http://{run}") is None
    )


def _plain_email(run: str, word: str) -> bool:
    """Whether ``run`` is an e-mail address linkify reads whole, and the check accepts.

    Its name must be letters, digits, "_", "+" or "-" only: linkify reads other characters
    (a dot among them) differently, and could find a host name in it.
    """
    return (
        "'" not in word
        and _CUT.search(run) is None
        and _SIMPLE_NAME.match(run) is not None
        and MAILTO_URL.fullmatch(f"mailto:{run}") is not None
    )
