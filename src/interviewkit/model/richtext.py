"""Rich text: CommonMark source held in a small value type.

Questions, answers, ledes and section bodies are written in CommonMark.  The model keeps the
*source*, never rendered HTML, so the canonical JSON stays editable and every output format
renders it with the same parser (markdown-it-py), with raw HTML disabled: text written by users
is always escaped where it lands in HTML.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

__all__ = ["RichText"]


class RichText(str):
    """CommonMark source text.

    A distinct type so that code, type checkers and the JSON Schema can tell formatted prose from
    plain fields such as names and URLs.  It subclasses :class:`str` (instead of wrapping one)
    because an anthology holds tens of thousands of them: a ``str`` subclass costs nothing to
    serialize (orjson writes it as a string) and little to create, which keeps canonical JSON
    loading close to the speed of plain JSON.

    .. versionadded:: 0.1
    """

    __slots__ = ()

    @property
    def source(self) -> str:
        """The CommonMark source, exactly as written, as a plain :class:`str`."""
        return str.__str__(self)

    def __repr__(self) -> str:
        return f"RichText({str.__repr__(self)})"

    def is_blank(self) -> bool:
        """True when the text is empty or only white space."""
        return not self.strip()

    def to_html(self) -> str:
        """Render to an HTML fragment; raw HTML in the source is escaped, never passed through."""
        html: str = markdown_parser().render(self.source)
        return html

    def to_inline_html(self) -> str:
        """Render a one-line text (a question, a title) without the wrapping paragraph."""
        html: str = markdown_parser().renderInline(self.source)
        return html

    def to_text(self) -> str:
        """Plain text with the Markdown syntax removed, for search indexes and metadata."""
        tokens = markdown_parser().parse(self.source)
        parts: list[str] = []
        for token in tokens:
            if token.type != "inline" or token.children is None:
                continue
            words: list[str] = []
            for child in token.children:
                if child.type in {"text", "code_inline", "image"}:
                    words.append(child.content)
                elif child.type == "softbreak":
                    words.append(" ")
                elif child.type == "hardbreak":
                    words.append("\n")
            parts.append("".join(words))
        return "\n\n".join(part for part in parts if part)


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    # Imported lazily: loading a JSON file should not pay for the Markdown parser.
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_plugin

    from interviewkit.model._links import check_links

    md = MarkdownIt("commonmark", {"html": False})
    # The same link policy as every output format: a link the model's URL check refuses
    # (relative ones included) is printed as its text.
    md.core.ruler.after("inline", "check_links", check_links)
    # Bracketed spans ([words]{.index}, [words]{lang=en}) read as their words, as in every
    # format; their attributes are never written here.
    md.use(attrs_plugin, after=(), spans=True)
    md.add_render_rule("span_open", _no_markup)
    md.add_render_rule("span_close", _no_markup)
    return md


def _no_markup(*_: object) -> str:
    return ""
