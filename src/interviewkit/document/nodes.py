"""The nodes of the book document: blocks and inlines, typed and format-neutral.

Every text of an anthology (an answer, a question, a lede, a credit line) becomes a tree of these
nodes once per build, with its typography already applied for its language, its links checked
and classified, its handles and hashtags resolved to their addresses.  An exporter walks the
tree (or hands it to one of the renderers: ``interviewkit.document.html``,
:mod:`~interviewkit.document.text`, ``interviewkit.document.markdown``) instead of parsing
CommonMark or HTML itself, so that a third-party format gets the same text as the built-ins.

The nodes are frozen attrs classes, compared by value; a renderer dispatches on the class
(``match node: case Emphasis(children=children): ...``).  The set is closed: a renderer that
handles every class here handles every document.
"""

from __future__ import annotations

from typing import Literal, TypeAlias

import attrs

__all__ = [
    "Block",
    "BlockQuote",
    "BulletList",
    "Cite",
    "Code",
    "CodeBlock",
    "Emphasis",
    "Heading",
    "Image",
    "IndexTerm",
    "Inline",
    "LineBreak",
    "Link",
    "LinkKind",
    "ListItem",
    "OrderedList",
    "Paragraph",
    "SoftBreak",
    "Span",
    "Strong",
    "Superscript",
    "Text",
    "ThematicBreak",
]

#: What a link is, which decides how a format shows it:
#:
#: ``text``
#:     a link written with its own text (``[my blog](https://...)``): print shows the address
#:     after it (``interviewkit.render.link_notes``);
#: ``address``
#:     a link whose text is its address (a bare URL, an autolink, a credit's source);
#: ``handle``, ``hashtag``
#:     ``@name`` and ``#tag``, linked to the anthology's or portrait's platform;
#: ``portrait``
#:     another portrait of the book: :attr:`Link.target` is its id, and each format turns it into
#:     its own reference (``#id``, ``id.html``, a page number).
LinkKind = Literal["text", "address", "handle", "hashtag", "portrait"]


@attrs.frozen
class Text:
    """Characters, typeset for their language (curly quotes, French spaces)."""

    text: str


@attrs.frozen
class Emphasis:
    children: tuple[Inline, ...]


@attrs.frozen
class Strong:
    children: tuple[Inline, ...]


@attrs.frozen
class Cite:
    """The title of a work (a publication in a credit line)."""

    children: tuple[Inline, ...]


@attrs.frozen
class Superscript:
    """A raised run: the ordinal of French ``1er`` in a date."""

    children: tuple[Inline, ...]


@attrs.frozen
class Span:
    """A run in another language than the text around it: the book's own words (a label) in a
    portrait of another language carry the book's language."""

    children: tuple[Inline, ...]
    lang: str


@attrs.frozen
class IndexTerm:
    """Words the author marked for the index: ``[Vélo Circuit]{.index}``, or
    ``[the co-op]{index="Vélo Circuit"}`` to index them under another term.

    A format prints the words; the index points to :attr:`anchor`."""

    children: tuple[Inline, ...]
    term: str
    anchor: str | None = None


@attrs.frozen
class Code:
    """Code or verbatim characters, never typeset."""

    text: str


@attrs.frozen
class Link:
    children: tuple[Inline, ...]
    target: str
    """An absolute ``http``, ``https`` or ``mailto`` address the model accepted, or a portrait's
    id when :attr:`kind` is ``portrait``."""
    kind: LinkKind = "text"
    title: str | None = None
    anchor: str | None = None
    """The id of this place of the book, for the index (a handle, a hashtag, a portrait
    named in a text); ``None`` where nothing points here."""


@attrs.frozen
class Image:
    """An image of the running text, by its path inside the anthology folder.

    Each format resolves the path its own way (embedded, copied, packaged), and says what it
    does with one it cannot use."""

    path: str
    alt: str
    title: str | None = None


@attrs.frozen
class LineBreak:
    """A hard line break (two spaces or a backslash at the end of a line)."""


@attrs.frozen
class SoftBreak:
    """A line end inside a paragraph: a space to a reader, a new line in the source."""


Inline: TypeAlias = (
    Text
    | Emphasis
    | Strong
    | Cite
    | Superscript
    | Span
    | IndexTerm
    | Code
    | Link
    | Image
    | LineBreak
    | SoftBreak
)


@attrs.frozen
class Paragraph:
    children: tuple[Inline, ...]


@attrs.frozen
class Heading:
    """A heading inside a text; :attr:`level` is as written (1 for ``#``), and a format moves
    it below the heading the text sits under."""

    level: int
    children: tuple[Inline, ...]


@attrs.frozen
class ListItem:
    children: tuple[Block, ...]


@attrs.frozen
class BulletList:
    items: tuple[ListItem, ...]
    tight: bool = True
    """Whether the items are single lines (no blank line between them): no paragraph spacing."""


@attrs.frozen
class OrderedList:
    items: tuple[ListItem, ...]
    start: int = 1
    tight: bool = True


@attrs.frozen
class BlockQuote:
    children: tuple[Block, ...]


@attrs.frozen
class CodeBlock:
    text: str
    language: str | None = None


@attrs.frozen
class ThematicBreak:
    """A scene break (``---`` between paragraphs)."""


Block: TypeAlias = (
    Paragraph | Heading | BulletList | OrderedList | BlockQuote | CodeBlock | ThematicBreak
)
