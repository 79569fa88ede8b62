"""What a piece of CSS would make its reader load: every URL and every ``@import``, with its line.

Shared by the theme's stylesheets (:mod:`interviewkit.render.theme`) and the ``<style>`` elements
and ``style`` attributes of SVG images (:mod:`interviewkit.render.svg`), so both read CSS the
way a browser or WeasyPrint does: through tinycss2's tokenizer, escapes decoded (``\\75rl(``
is ``url(``, ``@\\69mport`` is ``@import``), never with a regular expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

import attrs
import tinycss2
import tinycss2.ast

__all__ = ["Reference", "closes_style_element", "references"]

#: Functions whose quoted-string arguments are URLs (``url("x")``, ``image-set("a.png" 1x)``).
_URL_FUNCTIONS = frozenset(
    {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "-webkit-cross-fade"}
)
#: What could end a ``<style>`` element inlined in HTML, or open or close an HTML comment there.
_STYLE_BREAKERS = re.compile(r"</style|<!--|-->", re.IGNORECASE)


@attrs.frozen
class Reference:
    """One thing the CSS would load (``url``, ``import``), or a syntax error (``error``)."""

    kind: Literal["url", "import", "error"]
    value: str
    line: int


def references(css: str, *, first_line: int = 1) -> Iterator[Reference]:
    """Every URL, ``@import`` and syntax error of ``css``, in the order they appear."""
    offset = first_line - 1
    stack: list[Iterator[tinycss2.ast.Node]] = [iter(tinycss2.parse_component_value_list(css))]
    while stack:
        node = next(stack[-1], None)
        if node is None:
            stack.pop()
            continue
        line = node.source_line + offset
        if isinstance(node, tinycss2.ast.URLToken):
            yield Reference("url", node.value, line)
        elif isinstance(node, tinycss2.ast.AtKeywordToken) and node.lower_value == "import":
            yield Reference("import", "@" + node.value, line)
        elif isinstance(node, tinycss2.ast.ParseError):
            yield Reference("error", node.message, line)
        elif isinstance(node, tinycss2.ast.FunctionBlock):
            if node.lower_name in _URL_FUNCTIONS:
                for argument in node.arguments:
                    if isinstance(argument, tinycss2.ast.StringToken):
                        yield Reference("url", argument.value, argument.source_line + offset)
            stack.append(iter(node.arguments))
        elif isinstance(
            node,
            tinycss2.ast.CurlyBracketsBlock
            | tinycss2.ast.ParenthesesBlock
            | tinycss2.ast.SquareBracketsBlock,
        ):
            stack.append(iter(node.content))


def closes_style_element(css: str) -> tuple[int, str] | None:
    """``(line, text)`` of the first ``</style``, ``<!--`` or ``-->`` in ``css``, or None.

    Looked for in the raw text, strings and comments included: the HTML parser that reads an
    inlined ``<style>`` element knows nothing of CSS strings or comments.
    """
    found = _STYLE_BREAKERS.search(css)
    if found is None:
        return None
    return css.count("\n", 0, found.start()) + 1, found.group()
