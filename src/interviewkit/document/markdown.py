"""Document nodes to Markdown that Pandoc (and any CommonMark reader) reads as the same text.

Every character of text is escaped where it could start markup, in CommonMark or in Pandoc's
Markdown (``*``, ``[``, ``<``, ``{``, ``$``, ``@``, a list marker at the start of a line...), so
a ``<script>`` an author typed stays text and a name with a ``*`` in it stays a name.  Emphasis
is written ``*``/``**`` (CommonMark's delimiter that may touch a word), links as
``[text](<address>)``, an address shown as itself as ``<address>``; a portrait of the book is
linked through the ``portrait_target`` a format gives (``#id``, ``id.md``).  The typography of
the document (curly quotes, French spaces) is in the text, so it is in the Markdown too.

An image is written only when its path is one the model accepts for an image (a file inside the
anthology folder, :class:`interviewkit.Image`): an address or a path out of the folder would
have a reader's converter fetch it, so its description stands in.  A destination never holds a
raw ``<`` or ``>`` (they are percent-encoded), so nothing after it is read as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import assert_never

from interviewkit.document.nodes import (
    Block,
    BlockQuote,
    BulletList,
    Cite,
    Code,
    CodeBlock,
    Emphasis,
    Heading,
    Image,
    IndexTerm,
    Inline,
    LineBreak,
    Link,
    ListItem,
    OrderedList,
    Paragraph,
    SoftBreak,
    Span,
    Strong,
    Superscript,
    Text,
    ThematicBreak,
)
from interviewkit.document.text import link_text
from interviewkit.errors import ModelError
from interviewkit.model.models import Image as ImageModel

__all__ = ["MarkdownWriter", "escape_markdown"]

# Characters that mean something inline in CommonMark or Pandoc's Markdown (emphasis, code,
# links, attributes, math, raw HTML, tables, sub/superscript), and an "@" that starts a word
# (a citation): inside a word ("pass@example.org") it is a character, and an escape there
# would stop a reader's linkify from seeing the address whole.
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$]|(?<![^\W_])@)")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What starts a block at the beginning of a line in Pandoc's Markdown: list markers (``-``,
# ``+``, ``1.``, ``a)``, ``(iv)``), definitions and divs (``:``), setext and table rules.
_LINE_START = re.compile(r"^(?:[-+:=]|\(?(?:\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)[.)](?=\s|$))")
_BACKTICKS = re.compile(r"`+")
_INFO = re.compile(r"[A-Za-z0-9_+-]+")


# Runs a "smart" reader (Pandoc's default, markdown-it's typographer) turns into dashes and an
# ellipsis: text typeset already keeps whatever such run it still has as it is.
_SMART = re.compile(r"(?<=-)-|(?<=\.\.)\.")


def escape_markdown(text: str) -> str:
    """Text as inline Markdown that reads as exactly this text (white space kept)."""
    escaped = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", text))
    return _SMART.sub(lambda match: "\\" + match.group(0), escaped)


def _escape_line_start(line: str) -> str:
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group(0)[0] in "-+:=(":
        return "\\" + line
    end = match.end() - 1  # the "." or ")" of "1." or "a)"
    return f"{line[:end]}\\{line[end:]}"


def _kept_white_space(line: str) -> str:
    """A line whose white space at either end stays text: a reader strips it there, so it is
    written as character references (a no-break space that opens a paragraph, say)."""
    body = line.strip()
    if body == line:
        return line
    start = line.index(body[0]) if body else len(line)
    head, tail = line[:start], line[start + len(body) :]

    def refs(space: str) -> str:
        return "".join(f"&#x{ord(char):x};" for char in space)

    return refs(head) + body + (refs(tail) if body else "")


def _destination(target: str) -> str:
    """A link or image destination between ``<`` and ``>``: its own ``<`` and ``>`` encoded."""
    return "<" + target.replace("<", "%3C").replace(">", "%3E") + ">"


def _inside_folder(path: str) -> bool:
    """Whether ``path`` is an image the model accepts: a file inside the anthology folder."""
    try:
        ImageModel(path=path, alt="image")
    except ModelError:
        return False
    return True


def _indent(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join([first + lines[0], *(rest + line if line else line for line in lines[1:])])


def _code_span(content: str) -> str:
    longest = max((len(run) for run in _BACKTICKS.findall(content)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark strips one space at both ends when both have one; a backtick at an end needs
    # a space between it and the fence.
    both = content.startswith(" ") and content.endswith(" ") and bool(content.strip())
    pad = " " if content.startswith("`") or content.endswith("`") or both else ""
    return f"{fence}{pad}{content}{pad}{fence}"


class MarkdownWriter:
    """Writes blocks and inlines as Markdown.

    :param portrait_target: a portrait id to the link target of its portrait; without it,
        ``#id``.
    :param images: whether images are written (``False``: their description stands in); an
        image whose path leaves the anthology folder is never written.
    """

    def __init__(
        self,
        *,
        portrait_target: Callable[[str], str | None] | None = None,
        images: bool = True,
    ) -> None:
        self.portrait_target = portrait_target
        self.images = images

    # ------------------------------------------------------------------ blocks

    def blocks(self, blocks: Sequence[Block], *, heading_level: int = 3) -> str:
        """Blocks separated by blank lines; a ``#`` heading of the text is written at
        ``heading_level``."""
        return self._blocks(blocks, tight=False, offset=heading_level - 1)

    def _blocks(self, blocks: Iterable[Block], *, tight: bool, offset: int) -> str:
        written: list[str] = []
        previous: type | None = None
        alternate = False
        for block in blocks:
            # Two lists of a kind one after the other are one list to a reader, unless the
            # second takes the other marker ("*" after "-", ")" after ".").
            alternate = type(block) is previous and not alternate
            text = self._block(block, offset, alternate=alternate)
            if text:
                written.append(text)
                previous = type(block)
        return ("\n" if tight else "\n\n").join(written)

    def _block(self, block: Block, offset: int, *, alternate: bool = False) -> str:
        match block:
            case Paragraph(children=children):
                text = self.inlines(children, one_line=False)
                lines = text.split("\n")
                return "\n".join(_escape_line_start(_kept_white_space(line)) for line in lines)
            case Heading(level=level, children=children):
                text = _kept_white_space(self.inlines(children))
                return "#" * min(6, level + offset) + " " + text
            case BulletList(items=items, tight=tight):
                return self._list(items, ["*" if alternate else "-"] * len(items), tight, offset)
            case OrderedList(items=items, start=start, tight=tight):
                delimiter = ")" if alternate else "."
                markers = [f"{start + n}{delimiter}" for n in range(len(items))]
                return self._list(items, markers, tight, offset)
            case BlockQuote(children=children):
                inner = self._blocks(children, tight=False, offset=offset)
                return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
            case CodeBlock(text=text, language=language):
                if text and not text.endswith("\n"):
                    text += "\n"
                longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
                fence = "`" * max(3, longest + 1)
                info = _INFO.match(language or "")
                return f"{fence}{info.group(0) if info else ''}\n{text}{fence}"
            case ThematicBreak():
                return "* * *"
        assert_never(block)  # the node set is closed

    def _list(self, items: Sequence[ListItem], markers: list[str], tight: bool, offset: int) -> str:
        written = []
        for item, marker in zip(items, markers, strict=True):
            body = self._blocks(item.children, tight=tight, offset=offset)
            written.append(_indent(body, marker + " ", " " * (len(marker) + 1)).rstrip())
        return ("\n" if tight else "\n\n").join(written)

    # ------------------------------------------------------------------ inlines

    def inlines(self, inlines: Iterable[Inline], *, one_line: bool = True) -> str:
        """Inlines as Markdown; ``one_line``: line breaks become spaces (a heading, a list
        entry)."""
        text = "".join(self._inline(inline) for inline in inlines)
        if one_line:
            text = " ".join(text.replace("\\\n", " ").split("\n"))
        return text

    def _inline(self, inline: Inline) -> str:
        match inline:
            case Text(text=text):
                return escape_markdown(text)
            case SoftBreak():
                return "\n"
            case LineBreak():
                return "\\\n"
            case Code(text=text):
                return _code_span(text)
            case Emphasis(children=children) | Cite(children=children):
                return f"*{self.inlines(children, one_line=False)}*"
            case Strong(children=children):
                return f"**{self.inlines(children, one_line=False)}**"
            case Superscript(children=children):
                # Pandoc's superscript; a space inside it is escaped.
                raised = self.inlines(children, one_line=False).replace(" ", "\\ ")
                return f"^{raised}^"
            case Span(children=children, lang=lang):
                return f'[{self.inlines(children, one_line=False)}]{{lang="{lang}"}}'
            case IndexTerm(children=children, term=term):
                words = self.inlines(children, one_line=False)
                if term == link_text(children):
                    return f"[{words}]{{.index}}"
                return f'[{words}]{{index="{_quoted(term)}"}}'
            case Link():
                return self._link(inline)
            case Image(path=path, alt=alt, title=title):
                if not self.images or not _inside_folder(path):
                    return escape_markdown(alt)
                suffix = f' "{_quoted(title)}"' if title else ""
                return f"![{escape_markdown(alt)}]({_destination(path)}{suffix})"
        assert_never(inline)  # the node set is closed

    def _link(self, link: Link) -> str:
        text = self.inlines(link.children, one_line=False)
        target = link.target
        if link.kind == "portrait":
            found = self.portrait_target(target) if self.portrait_target else f"#{target}"
            if found is None:
                return text
            target = found
        elif link.kind == "address" and not link.title and link_text(link.children) == target:
            return _destination(target)
        suffix = f' "{_quoted(link.title)}"' if link.title else ""
        return f"[{text}]({_destination(target)}{suffix})"


def _quoted(title: str) -> str:
    return title.replace("\\", "\\\\").replace('"', '\\"')
