"""Blocks from Markdown, parsed by markdown-it-py.

Each block keeps its Markdown source untouched (links, emphasis), and its plain text comes from
the parsed inline tokens.  A paragraph whose first line is all bold and whose next lines are
not ("**When did you start?**" then the answer on the next line) is two blocks.
"""

from __future__ import annotations

from functools import lru_cache

import attrs
from markdown_it import MarkdownIt
from markdown_it.token import Token

from interviewkit.importers.interviews._blocks import Block, BlockKind, collapse

__all__ = ["markdown_blocks"]


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def markdown_blocks(text: str, *, first_line: int = 1) -> tuple[list[Block], str | None]:
    """The blocks of ``text`` and its title (a level-1 heading before anything else).

    ``first_line`` is the line of the file where ``text`` starts (after a front matter).
    """
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    in_item = 0
    numbers: list[int | None] = []  # the next number of each open list (None: bullets)
    item_number: int | None = None
    for index, token in enumerate(tokens):
        if token.type == "ordered_list_open":
            numbers.append(int(token.attrGet("start") or 1))
        elif token.type == "bullet_list_open":
            numbers.append(None)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            numbers.pop()
        elif token.type == "list_item_open":
            in_item += 1
            item_number = numbers[-1] if numbers else None
            if numbers and numbers[-1] is not None:
                numbers[-1] = (numbers[-1] or 0) + 1
        elif token.type == "list_item_close":
            in_item -= 1
        elif token.type == "hr":
            line = (token.map[0] if token.map else 0) + first_line
            blocks.append(Block(text="***", markdown="", line=line, kind="separator"))
        elif token.type == "inline" and index and token.map:
            opener = tokens[index - 1]
            kind: BlockKind = "paragraph"
            level = 0
            if opener.type == "heading_open":
                kind, level = "heading", int(opener.tag[1:])
            elif in_item:
                kind = "item"
            found = _inline_blocks(token, kind, level, first_line)
            if kind == "item" and item_number is not None:
                found = [attrs.evolve(block, number=item_number) for block in found]
                item_number = None
            blocks.extend(found)
    title = None
    if blocks and blocks[0].kind == "heading" and blocks[0].level == 1:
        title = blocks.pop(0).text
    return blocks, title


def _inline_blocks(token: Token, kind: BlockKind, level: int, offset: int) -> list[Block]:
    assert token.map is not None
    first_line = token.map[0] + offset
    children = token.children or []
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            lines.append([])
        else:
            lines[-1].append(child)
    source = token.content.split("\n")
    if kind == "paragraph" and len(lines) > 1 and _all_bold(lines[0]):
        return [
            _block(lines[0], source[0], first_line, kind, level),
            _block(
                [c for line in lines[1:] for c in line],
                " ".join(source[1:]),
                first_line + 1,
                kind,
                level,
            ),
        ]
    return [_block(children, " ".join(source), first_line, kind, level)]


def _block(children: list[Token], source: str, line: int, kind: BlockKind, level: int) -> Block:
    text = collapse("".join(_plain(child) for child in children))
    links = []
    for number, child in enumerate(children):
        if child.type == "link_open":
            label = ""
            for follower in children[number + 1 :]:
                if follower.type == "link_close":
                    break
                label += _plain(follower)
            links.append((collapse(label), str(child.attrGet("href") or "")))
    bold = _all_bold(children)
    markdown = collapse(source)
    if kind == "heading":
        markdown = markdown.strip("# ").strip()
    if bold and markdown.startswith(("**", "__")) and markdown.endswith(("**", "__")):
        markdown = markdown[2:-2].strip()
    return Block(
        text=text,
        markdown=markdown,
        line=line,
        kind=kind,
        level=level,
        bold=bold,
        links=tuple(links),
    )


def _plain(token: Token) -> str:
    if token.type in ("text", "code_inline", "html_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.type == "image":
        return ""
    return "".join(_plain(child) for child in token.children or [])


def _all_bold(children: list[Token]) -> bool:
    meaningful = [c for c in children if not (c.type == "text" and not c.content.strip())]
    return (
        len(meaningful) >= 3
        and meaningful[0].type == "strong_open"
        and meaningful[-1].type == "strong_close"
        and sum(1 for c in meaningful if c.type == "strong_open") == 1
    )
