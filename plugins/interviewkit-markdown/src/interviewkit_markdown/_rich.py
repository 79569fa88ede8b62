"""Rich text (CommonMark) rewritten as Markdown that Pandoc reads as the same text, and no more.

Answers, ledes, bios and section bodies are CommonMark, parsed by interviewkit with raw HTML
shown as text.  Copied verbatim, Pandoc's Markdown would read more into them: ``<script>`` and
``<!-- -->`` as raw HTML, `` `x`{=html} `` as a raw block, ``{onclick=...}`` as attributes,
``::: `` as a div, ``[x](javascript:...)`` as a link.  So the text is parsed with markdown-it-py
(the same dialect as interviewkit) and written back from its syntax tree: structure as Markdown,
every text as escaped characters, links only to URLs the model accepts, images only from
inside the anthology folder.  A link or image that is refused keeps its text; interviewkit's
content checks (``check`` and ``build``) report it, once for every format.  Text with no
character that could start such markup is copied as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from interviewkit import Image, Link, ModelError

__all__ = ["RichMarkdown", "escape_inline"]

# Characters that mean something inline in CommonMark or Pandoc's Markdown (emphasis, code,
# links, attributes, math, citations, raw HTML, tables, sub/superscript).
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What starts a block at the beginning of a line in Pandoc's Markdown but is text here: list
# markers (``-``, ``+``, ``1.``, ``a)``, ``(iv)``), definitions and divs (``:``), setext and
# table rules (``=``, ``-``); escaping the character keeps the text and loses the block.
_LINE_START = re.compile(
    r"^(?:[-+:=]|\(?(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)](?=\s|$))",
)
_INFO = re.compile(r"[A-Za-z0-9_+-]+")
# Pandoc reads markup beyond CommonMark's, or a link, only from text holding one of these: "<"
# (raw HTML, comments, autolinks), "[" (links, images, spans, notes), "{" (attributes, raw
# blocks), a ":::" div fence or a "---" line (a YAML block inside the text).  Text without any
# is copied as written, which is what most answers are; the rest is parsed and rewritten.
_MAY_HOLD_MARKUP = re.compile(r"[<\[{]|^ {0,3}(?::{3}|-{3,}[ \t]*$)", re.MULTILINE)
_BACKTICKS = re.compile(r"`+")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # The same dialect as interviewkit: CommonMark, raw HTML read as text.
    return MarkdownIt("commonmark", {"html": False})


def escape_inline(text: str) -> str:
    """Text as inline Markdown that renders as exactly this text (white space kept)."""
    return _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", text))


def _escape_line_start(line: str) -> str:
    match = _LINE_START.match(line)
    if match is None:
        return line
    return "\\" + line if match.group(0)[0] in "-+:=(" else _escape_delimiter(line, match)


def _escape_delimiter(line: str, match: re.Match[str]) -> str:
    end = match.end() - 1  # the "." or ")" of "1." or "a)"
    return f"{line[:end]}\\{line[end:]}"


def _indent(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    out = [first + lines[0]]
    out.extend(rest + line if line else line for line in lines[1:])
    return "\n".join(out)


class RichMarkdown:
    """Writes rich text as safe Markdown: refused links and images keep their text only."""

    # ------------------------------------------------------------------ entry points

    def block(self, source: str) -> str:
        """Block text (an answer, a lede, a section body) as Markdown blocks."""
        if not _MAY_HOLD_MARKUP.search(source):
            return source
        root = SyntaxTreeNode(_parser().parse(source))
        return self._blocks(root.children, tight=False)

    def inline(self, source: str) -> str:
        """One line of inline text (a question) as inline Markdown, on one line."""
        one_line = " ".join(source.split())
        if not _MAY_HOLD_MARKUP.search(one_line):
            return one_line
        root = SyntaxTreeNode(_parser().parseInline(one_line))
        return "".join(self._inline(node) for node in root.children[0].children)

    # ------------------------------------------------------------------ blocks

    def _blocks(self, nodes: Iterable[SyntaxTreeNode], *, tight: bool) -> str:
        written: list[str] = []
        for node in nodes:
            text = self._block(node)
            if text:
                written.append(text)
        return ("\n" if tight else "\n\n").join(written)

    def _block(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "paragraph":
            return self._paragraph(node)
        if kind == "heading":
            level = int(node.tag[1])
            return "#" * level + " " + self._one_line(node)
        if kind in {"bullet_list", "ordered_list"}:
            return self._list(node)
        if kind == "blockquote":
            inner = self._blocks(node.children, tight=False)
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        if kind in {"fence", "code_block"}:
            return self._code_block(node)
        if kind == "hr":
            return "* * *"
        # Anything else (raw HTML blocks, should the dialect ever allow them) is shown as text.
        return "\n".join(
            _escape_line_start(escape_inline(line)) for line in node.content.split("\n")
        )

    def _paragraph(self, node: SyntaxTreeNode) -> str:
        text = "".join(self._inline(child) for child in node.children[0].children)
        return "\n".join(_escape_line_start(line) for line in text.split("\n"))

    def _one_line(self, node: SyntaxTreeNode) -> str:
        text = "".join(self._inline(child) for child in node.children[0].children)
        return " ".join(text.replace("\\\n", " ").split("\n"))

    def _list(self, node: SyntaxTreeNode) -> str:
        tight = all(
            child.hidden
            for item in node.children
            for child in item.children
            if child.type == "paragraph"
        )
        ordered = node.type == "ordered_list"
        number = int(str(node.attrs.get("start", 1))) if ordered else 0
        items = []
        for item in node.children:
            marker = f"{number}{node.markup or '.'}" if ordered else (node.markup or "-")
            number += 1
            body = self._blocks(item.children, tight=tight) or ""
            items.append(_indent(body, marker + " ", " " * (len(marker) + 1)).rstrip())
        return ("\n" if tight else "\n\n").join(items)

    def _code_block(self, node: SyntaxTreeNode) -> str:
        content = node.content
        if content and not content.endswith("\n"):
            content += "\n"
        longest = max((len(run) for run in _BACKTICKS.findall(content)), default=0)
        fence = "`" * max(3, longest + 1)
        info = _INFO.match(node.info.strip()) if node.type == "fence" else None
        return f"{fence}{info.group(0) if info else ''}\n{content}{fence}"

    # ------------------------------------------------------------------ inline

    def _inline(self, node: SyntaxTreeNode) -> str:
        kind = node.type
        if kind == "softbreak":
            return "\n"
        if kind == "hardbreak":
            return "\\\n"
        if kind == "code_inline":
            return _code_span(node.content)
        if kind in {"em", "strong"}:
            # The author's own delimiters ("*" or "_"): they decide what the emphasis can touch.
            markup = node.markup or ("*" if kind == "em" else "**")
            return markup + self._children(node) + markup
        if kind == "link":
            return self._link(node)
        if kind == "image":
            return self._image(node)
        return escape_inline(node.content)  # text, and raw HTML shown as text

    def _children(self, node: SyntaxTreeNode) -> str:
        return "".join(self._inline(child) for child in node.children)

    def _link(self, node: SyntaxTreeNode) -> str:
        text = self._children(node)
        href = str(node.attrs.get("href", ""))
        if not _accepted(href):
            return text
        title = str(node.attrs.get("title") or "")
        suffix = ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"' if title else ""
        return f"[{text}](<{href}>{suffix})"

    def _image(self, node: SyntaxTreeNode) -> str:
        alt = escape_inline(_plain(node))
        src = str(node.attrs.get("src", ""))
        try:
            Image(path=_unquote(src), alt=_plain(node) or "image")
        except ModelError:
            return alt
        return f"![{alt}](<{src}>)"


def _plain(node: SyntaxTreeNode) -> str:
    """The text of a link or image, without its markup (for alt text and messages)."""
    return "".join(
        child.content if child.type in {"text", "code_inline"} else _plain(child)
        for child in node.children
    )


def _code_span(content: str) -> str:
    longest = max((len(run) for run in _BACKTICKS.findall(content)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space at both ends when both have one; a backtick at an end needs
    # a space between it and the fence.
    both_spaces = content.startswith(" ") and content.endswith(" ") and bool(content.strip())
    pad = " " if content.startswith("`") or content.endswith("`") or both_spaces else ""
    return f"{fence}{pad}{content}{pad}{fence}"


def _unquote(src: str) -> str:
    from urllib.parse import unquote

    # markdown-it percent-encodes destinations; the model checks the path they name.
    return unquote(src)


def _accepted(href: str) -> bool:
    """Whether ``href`` is written as a link: the model's own URL check decides."""
    try:
        Link(label="link", url=href)
    except ModelError:
        return False
    return True
