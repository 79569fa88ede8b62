"""Blocks from HTML: a page saved from a browser, or the body of a WordPress post.

The page is parsed by lxml's HTML parser (no network, comments and scripts dropped).  The
article is found (``<article>``, ``itemprop=articleBody``, WordPress's ``entry-content``, then
``<main>``, then ``<body>``), page furniture inside it is removed (navigation, sidebars, share
buttons, comment sections), and block elements become blocks in reading order, their inline
content turned into Markdown: ``<strong>`` into ``**``, links into ``[text](url)``.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml import html as lxml_html

from interviewkit._util.urls import encode_unsafe, is_url
from interviewkit.importers.interviews._blocks import Block, BlockKind, collapse, escape_markdown
from interviewkit.importers.interviews._language import word_set

__all__ = ["HtmlPage", "html_page"]

_DROP_TAGS = word_set(
    """
        script style noscript template nav aside footer form iframe button svg select input
        textarea object embed canvas video audio map
    """
)
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:comments?|commentaires?|respond|share|sharing|partage|partager|sharedaddy|social-share|jp-relatedposts|"
    r"related-posts|sidebar|widget|navigation|breadcrumbs?|cookie|newsletter|subscribe|"
    r"post-navigation|nav-links|author-box|skip-link|menu|site-header|masthead|entry-meta|post-meta|byline|posted-on|"
    r"entry-footer|meta|post-date|dateline)(?:$|[\s_-])",
    re.IGNORECASE,
)
_ARTICLE_PATHS = (
    "//*[@itemprop='articleBody']",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' post-content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' article-content ')]",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' article-body ')]",
)
_LEAF_BLOCKS = word_set(
    """
        p h1 h2 h3 h4 h5 h6 li dt dd pre figcaption td th caption
    """
)
_CONTAINERS = word_set(
    """
        div section article main header ul ol dl blockquote figure table thead tbody tfoot
        tr body center details summary hgroup address
    """
)
_BLOCK_TAGS = _LEAF_BLOCKS | _CONTAINERS | {"hr"}
_BOLD = frozenset({"strong", "b"})
_ITALIC = frozenset({"em", "i"})
_SITE_SUFFIX = re.compile(r"\s+[|–—·:-]\s+[^|–—·]{2,60}$")


class HtmlPage:
    """The blocks of a page and the title it gives itself."""

    def __init__(self, blocks: list[Block], title: str | None) -> None:
        self.blocks = blocks
        self.title = title


def html_page(markup: str, *, first_line: int = 1, whole_page: bool = True) -> HtmlPage:
    """Parse ``markup``; ``whole_page=False`` for a fragment (a WordPress post's content)."""
    parser = lxml_html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, recover=True
    )
    try:
        root = lxml_html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return HtmlPage([], None)
    page_title = _page_title(root) if whole_page else None
    article = _article(root) if whole_page else root
    _drop_furniture(article)
    heading: Any = article.find(".//h1")
    title = collapse(heading.text_content()) if heading is not None else None
    # The headline stays among the blocks: what comes before it (a series' name, the site's
    # kicker) is told apart from the lede by where it stands.
    walker = _Walker(first_line)
    walker.walk(article)
    return HtmlPage(walker.blocks, title or page_title)


def _page_title(root: Any) -> str | None:
    for path in ("//meta[@property='og:title']/@content", "//title/text()"):
        found = root.xpath(path)
        if found and str(found[0]).strip():
            text = collapse(str(found[0]))
            return _SITE_SUFFIX.sub("", text) if path.endswith("text()") else text
    return None


def _article(root: Any) -> Any:
    articles = root.xpath("//article")
    if articles:
        return max(articles, key=lambda a: len(a.text_content()))
    for path in _ARTICLE_PATHS:
        found = root.xpath(path)
        if found:
            return found[0]
    main = root.xpath("//main")
    if main:
        return main[0]
    body = root.find("body")
    return body if body is not None else root


def _drop_furniture(article: Any) -> None:
    doomed = []
    for element in article.iter():
        if not isinstance(element.tag, str):
            doomed.append(element)
            continue
        tag = element.tag.lower()
        marks = f"{element.get('id', '')} {element.get('class', '')} {element.get('role', '')}"
        if (
            tag in _DROP_TAGS
            or (element is not article and _FURNITURE.search(marks))
            or (tag == "header" and element is not article and element.find(".//h1") is None)
        ):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()  # keeps the text that followed it


class _Walker:
    """Turns block elements into :class:`Block` values, in document order."""

    def __init__(self, first_line: int) -> None:
        self.blocks: list[Block] = []
        self.first_line = first_line

    def walk(self, element: Any) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "hr":
            self._emit_separator(element)
            return
        if tag in _LEAF_BLOCKS and not _has_block_children(element):
            pieces: list[Any] = [element.text or ""]
            for child in element:
                pieces += [child, child.tail or ""]
            self._emit_inline(element, pieces, tag)
            return
        run: list[Any] = [element.text or ""]
        for child in element:
            child_tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if child_tag in _BLOCK_TAGS:
                self._emit_inline(element, run, "p")
                run = []
                self.walk(child)
            else:
                run.append(child)
            run.append(child.tail or "")
        self._emit_inline(element, run, tag if tag in _LEAF_BLOCKS else "p")

    def _line(self, element: Any) -> int:
        line = getattr(element, "sourceline", None) or 1
        return int(line) + self.first_line - 1

    def _emit_separator(self, element: Any) -> None:
        self.blocks.append(
            Block(text="***", markdown="", line=self._line(element), kind="separator")
        )

    def _emit_inline(self, element: Any, run: list[Any], tag: str) -> None:
        """Emit the inline content ``run`` (strings and inline elements), cut at ``<br>``."""
        lines: list[list[Any]] = [[]]
        for item in run:
            if not isinstance(item, str) and isinstance(item.tag, str) and item.tag.lower() == "br":
                lines.append([])
            else:
                lines[-1].append(item)
        for pieces in lines:
            self._emit_line(element, pieces, tag)

    def _emit_line(self, element: Any, pieces: list[Any], tag: str) -> None:
        rendered = [_inline(piece) for piece in pieces]
        text = collapse("".join(r[0] for r in rendered))
        if not text:
            return
        markdown = collapse("".join(r[1] for r in rendered))
        links = tuple(link for r in rendered for link in r[2])
        kind: BlockKind = "paragraph"
        level = 0
        if tag[:1] == "h" and tag[1:].isdigit():
            kind, level = "heading", int(tag[1:])
        elif tag in {"li", "dd"}:
            kind = "item"
        first: Any = next((p for p in pieces if not isinstance(p, str) or p.strip()), None)
        bold_lead = (
            first is not None
            and not isinstance(first, str)
            and isinstance(first.tag, str)
            and first.tag.lower() in _BOLD
        )
        line = self._line(element)
        if bold_lead and kind == "paragraph":
            lead_text = collapse(_inline(first)[0])
            if lead_text == text:
                self.blocks.append(
                    Block(
                        text=text,
                        markdown=_unbold(markdown),
                        line=line,
                        bold=True,
                        links=links,
                    )
                )
                return
            if lead_text[-1:] in "?:" and len(lead_text) > 3:
                # "<p><strong>Question?</strong> Answer...</p>": two blocks.
                lead = _inline(first)
                rest_pieces = pieces[pieces.index(first) + 1 :]
                rest = [_inline(piece) for piece in rest_pieces]
                self.blocks.append(
                    Block(text=lead_text, markdown=_unbold(collapse(lead[1])), line=line, bold=True)
                )
                rest_text = collapse("".join(r[0] for r in rest))
                if rest_text:
                    self.blocks.append(
                        Block(
                            text=rest_text,
                            markdown=collapse("".join(r[1] for r in rest)),
                            line=line,
                            links=tuple(link for r in rest for link in r[2]),
                        )
                    )
                return
        self.blocks.append(
            Block(text=text, markdown=markdown, line=line, kind=kind, level=level, links=links)
        )


def _has_block_children(element: Any) -> bool:
    return any(isinstance(child.tag, str) and child.tag.lower() in _BLOCK_TAGS for child in element)


def _unbold(markdown: str) -> str:
    if markdown.startswith("**") and markdown.endswith("**") and markdown.count("**") == 2:
        return markdown[2:-2].strip()
    return markdown


def _inline(piece: Any) -> tuple[str, str, list[tuple[str, str]]]:
    """Plain text, Markdown and links of one inline piece (a string or an element)."""
    if isinstance(piece, str):
        return piece, escape_markdown(piece), []
    if not isinstance(piece.tag, str):
        return "", "", []
    tag = piece.tag.lower()
    inner = [_inline(piece.text or "")] + [
        item for child in piece for item in (_inline(child), _inline(child.tail or ""))
    ]
    text = "".join(i[0] for i in inner)
    markdown = "".join(i[1] for i in inner)
    links = [link for i in inner for link in i[2]]
    if tag == "br":
        return " ", " ", []
    if tag == "img":
        return "", "", []
    stripped = markdown.strip()
    if not stripped:
        return text, markdown, links
    if tag in _BOLD:
        return text, _wrap(markdown, "**"), links
    if tag in _ITALIC:
        return text, _wrap(markdown, "*"), links
    if tag == "code":
        return text, f"`{text}`", links
    if tag == "a":
        # Only an address the model accepts becomes a link (the one URL check); another
        # anchor (relative, script, no real host) is imported as its text.
        href = encode_unsafe(piece.get("href") or "")
        if is_url(href):
            label = collapse(text)
            links.insert(0, (label, href))
            safe = href.replace(")", "%29").replace("(", "%28").replace(" ", "%20")
            if label == href:
                return text, f"<{safe}>", links
            return text, f"[{stripped}]({safe})", links
    return text, markdown, links


def _wrap(markdown: str, marker: str) -> str:
    leading = markdown[: len(markdown) - len(markdown.lstrip())]
    trailing = markdown[len(markdown.rstrip()) :]
    return f"{leading}{marker}{markdown.strip()}{marker}{trailing}"
