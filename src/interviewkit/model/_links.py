"""The link policy of rich text: which links of an answer are written, and what the rest become.

A link in an answer, a lede or a section is written only when its URL passes the model's check
(:func:`interviewkit._util.urls.url_problem`), the same one as a portrait's ``follow`` links.  Any
other link, a relative one (``other.md``, ``../x``, ``#part``) included, is printed as its link
text alone, and a problem says to write an absolute https:// address.  A relative link could
not work in every format anyway (a PDF would turn it into a ``file://`` address next to the
book), and a refused absolute one could break out of its attribute or deceive the reader.

:func:`refused_link` decides and words it, for the renderer and for the content checks that
``check`` and ``build`` share, so the warning is the same wherever the link is found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping, Sequence
from typing import Any

import attrs
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import escape

from interviewkit._util.urls import url_problem

__all__ = [
    "ANY_SCHEME",
    "RELATIVE_HINT",
    "RefusedLink",
    "accept_link",
    "check_links",
    "href_filter",
    "refused_link",
    "unwrap_bare_anchors",
]

#: A URL scheme (``https:``, ``javascript:``): what makes a destination absolute.
ANY_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def accept_link(url: str) -> bool:
    # Every destination becomes a link token here, so that one place, the ``check_links`` core
    # rule below, decides which links are written and reports the others.  Images are decided
    # where they are rendered (inside the anthology folder only).
    return True


#: How to fix a relative link (``other.md``, ``../x``, ``#part``).
RELATIVE_HINT = "write an absolute https:// address (or mailto: for an e-mail address)"


@attrs.frozen
class RefusedLink:
    """A link of rich text printed as its text alone: what happened, and how to fix it."""

    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})"


def refused_link(href: str, text: str | None) -> RefusedLink | None:
    """Why the link to ``href`` (``text``) is printed as text, or ``None`` when it is written.

    The one decision and the one warning: the renderer (while parsing, and in raw HTML anchors)
    and the content checks of ``check`` and ``build`` both ask it, so a link is refused, and
    worded, the same way wherever it is found.
    """
    found = url_problem(href)
    if found is None:
        return None
    link = f"link to {href!r}" + (f" ({text!r})" if text is not None else "")
    if not ANY_SCHEME.match(href) and not href.startswith("//"):
        return RefusedLink(
            f"{link} printed as plain text: a relative link cannot work in every format",
            RELATIVE_HINT,
        )
    problem, hint = found
    return RefusedLink(f"{link} printed as plain text: the address {problem}", hint)


def check_links(state: StateCore) -> None:
    """Unwrap every link whose URL the model's check refuses: its text stays, the link goes.

    The refusals are recorded in ``env["refused_links"]`` (a list of :class:`RefusedLink`).
    """
    for block in state.tokens:
        children = block.children
        if not children or block.type != "inline":
            continue
        refused: list[int] = []
        for index, token in enumerate(children):
            if token.type == "link_open" and url_problem(str(token.attrGet("href") or "")):
                refused.append(index)
        if refused:
            block.children = _unwrapped(children, refused, state.env)


def _unwrapped(
    children: list[Token], refused: list[int], env: MutableMapping[str, Any]
) -> list[Token]:
    refusals: list[RefusedLink] = env.setdefault("refused_links", [])
    kept: list[Token] = []
    dropped: list[bool] = []  # one entry per open link: was it refused?
    for index, token in enumerate(children):
        if token.type == "link_open":
            drop = index in refused
            dropped.append(drop)
            if drop:
                href = str(token.attrGet("href") or "")
                refusal = refused_link(href, _link_text(children, index))
                if refusal is not None:  # always: url_problem refused it above
                    refusals.append(refusal)
                continue
        elif token.type == "link_close" and dropped and dropped.pop():
            continue
        kept.append(token)
    return kept


def _link_text(children: Sequence[Token], start: int) -> str:
    text = []
    for token in children[start + 1 :]:
        if token.type == "link_close":
            break
        text.append(token.content)
    return "".join(text)


def href_filter(refusals: list[RefusedLink]) -> Callable[[str, str, str], str | None]:
    """An nh3 ``attribute_filter`` that drops (and reports) an ``<a href>`` the check refuses."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "a" and attribute == "href":
            refusal = refused_link(value, None)
            if refusal is not None:
                refusals.append(refusal)
                return None
        return value

    return keep


def unwrap_bare_anchors(html: str) -> str:
    """``html`` without its ``<a>`` elements that have no ``href`` (their content kept).

    nh3 removes a refused ``href`` but keeps the element, which would print as a link that goes
    nowhere (and an ``<a>`` with no ``href`` is not a link for screen readers either).
    """
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(html, create_parent="div")
    bare = [anchor for anchor in root.iter("a") if anchor.get("href") is None]
    if not bare:
        return html
    for anchor in bare:
        anchor.drop_tag()
    children = (lxml_html.tostring(child, encoding="unicode") for child in root)
    return str(escape(root.text or "")) + "".join(children)
