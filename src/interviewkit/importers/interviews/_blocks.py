"""Blocks: what every published-interview source is reduced to before recognition.

A plain-text page, a saved HTML page, a WordPress post and a Markdown file look nothing alike,
but once each is cut into paragraphs, headings, list items and separators, the same recognition
(:mod:`._recognise`) works on all of them.  A block keeps the plain text that recognition reads
and the Markdown that the portrait file will hold, and the source line it came from so that a
review note can point at it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

import attrs

__all__ = ["Block", "BlockKind", "escape_markdown", "text_blocks"]

BlockKind = Literal["paragraph", "heading", "item", "separator"]

_SEPARATOR = re.compile(
    r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|(?:~\s*){3,}|§+|#{3,})\s*$"
)
_DIALOGUE_DASH = re.compile(r"^\s*[—–]\s+")
# Numbered lines are not taken as list items: "1. What do you do?" is a numbered question.
_BULLET = re.compile(r"^\s*[-*•–—▪◦·]\s+(?=\S)")
# "[00:03:12] ", "00:03:12 ", "(12:04) – ": the time codes of a transcript.
_TIMESTAMP = re.compile(r"^\s*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?[\])]?\s*[-–—|]?\s*(?=\S)")
_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(?=\S)")
_SPACES = re.compile(r"\s+")
# A plain-text page is "wrapped" when its paragraphs are broken into lines of similar length
# (an e-mail, a text editor with hard wrap).  Below this length a line is a paragraph of its own.
_WRAPPED_LINE = 45


@attrs.frozen(kw_only=True)
class Block:
    """One paragraph, heading, list item or separator of a source."""

    text: str
    """Plain text, whitespace collapsed: what recognition reads."""
    markdown: str
    """The same content as Markdown (links and emphasis kept), for the portrait file."""
    line: int
    """Line of the source where the block starts (1-based), for review notes."""
    kind: BlockKind = "paragraph"
    level: int = 0
    """Heading level (1-6) for headings."""
    bold: bool = False
    """The whole block is bold (a common way of marking questions)."""
    links: tuple[tuple[str, str], ...] = ()
    """``(label, url)`` of each link in the block, in order."""
    number: int | None = None
    """The number of an item of a numbered list (``1.``), kept when it is written back."""

    def with_text(self, text: str, markdown: str) -> Block:
        """The same block with a marker (``Q:``, a speaker label) taken off its text."""
        return attrs.evolve(self, text=text, markdown=markdown)


def collapse(text: str) -> str:
    """Whitespace runs (newlines, non-breaking spaces excepted) become one space."""
    return _SPACES.sub(" ", text.replace("\u00a0", "\x00")).replace("\x00", "\u00a0").strip()


def escape_markdown(text: str) -> str:
    """Make plain text safe to put in Markdown: it must read back as the same text.

    Only what Markdown would take as syntax is escaped: emphasis and code markers, brackets,
    angle brackets, backslashes, and at the start of a line the characters that open a heading,
    a quote or a list.  Underscores inside words (``Best_Of``) are left alone, so the review file
    stays readable.
    """
    text = re.sub(r"([\\`\[\]<>])", r"\\\1", text)
    text = re.sub(r"(?<!\w)_|_(?!\w)", r"\\_", text)
    text = text.replace("*", "\\*")
    # At the start of a line: headings, quotes, list items, thematic breaks ("---").
    text = re.sub(r"^(\s*)([#>+=~-])", r"\1\\\2", text)
    return re.sub(r"^(\s*\d{1,9})([.)])(?=\s|$)", r"\1\\\2", text)


def text_blocks(text: str) -> list[Block]:
    """Cut plain text into blocks.

    Text copied from a web page comes in two shapes: one paragraph per line with no blank lines,
    or paragraphs separated by blank lines, sometimes hard-wrapped.  In the second shape a
    paragraph is joined back into one block when its lines look wrapped, and cut into one block
    per line otherwise (a question directly followed by its answer, a short list).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = _without_timestamps(lines)
    groups: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(lines, start=1):
        if line.strip():
            groups[-1].append((number, line.rstrip()))
        elif groups[-1]:
            groups.append([])
    dialogue = _is_dialogue([line for group in groups for _, line in group])
    blocks: list[Block] = []
    for group in groups:
        if not group:
            continue
        if dialogue:
            group = [(number, _DIALOGUE_DASH.sub("", line)) for number, line in group]
        if _is_wrapped(group):
            number = group[0][0]
            joined = collapse(" ".join(line for _, line in group))
            blocks.append(_line_block(joined, number))
        else:
            blocks.extend(_numbered(_line_block(line, number) for number, line in group))
    return blocks


def _numbered(blocks: Iterable[Block]) -> list[Block]:
    """Runs of two or more numbered lines that are not questions become a numbered list.

    "1. What do you do?" stays a (numbered) question; "1. Le rabot." then "2. La lime." is a
    list inside an answer.
    """
    found = list(blocks)
    marked = [(match, block) for block in found for match in [_NUMBERED.match(block.text)]]
    result: list[Block] = []
    index = 0
    while index < len(found):
        end = index
        while (
            end < len(found)
            and marked[end][0] is not None
            and found[end].kind == "paragraph"
            and not found[end].text.rstrip().endswith("?")
        ):
            end += 1
        if end - index >= 2:
            for match, block in marked[index:end]:
                assert match is not None
                content = block.text[match.end() :]
                result.append(
                    attrs.evolve(
                        block,
                        text=content,
                        markdown=escape_markdown(content),
                        kind="item",
                        number=int(match.group(1)),
                    )
                )
            index = end
        else:
            result.append(found[index])
            index += 1
    return result


def _without_timestamps(lines: list[str]) -> list[str]:
    """A transcript's lines without their time codes, when most lines carry one."""
    filled = [line for line in lines if line.strip()]
    stamped = [line for line in filled if _TIMESTAMP.match(line)]
    if len(stamped) < 3 or len(stamped) * 2 < len(filled):
        return lines
    return [_TIMESTAMP.sub("", line, count=1) for line in lines]


def _is_dialogue(lines: list[str]) -> bool:
    """An interview written as dialogue: most lines open with a dash, questions among them.

    French print often does this ("— Comment as-tu commencé ?" then "— Par hasard.").  The
    dashes are then turns of speech, not list bullets.
    """
    dashed = [line for line in lines if _DIALOGUE_DASH.match(line)]
    asking = [line for line in dashed if line.rstrip().endswith("?")]
    return len(dashed) >= 4 and len(dashed) * 5 >= len(lines) * 2 and len(asking) >= 2


def _is_wrapped(group: list[tuple[int, str]]) -> bool:
    if len(group) < 2:
        return False
    for _, line in group[:-1]:
        stripped = line.strip()
        if len(stripped) < _WRAPPED_LINE or stripped[-1] in "?:" or _BULLET.match(line):
            return False
    return not any(_BULLET.match(line) for _, line in group[1:])


def _line_block(line: str, number: int) -> Block:
    if _SEPARATOR.match(line):
        return Block(text=line.strip(), markdown="", line=number, kind="separator")
    bullet = _BULLET.match(line)
    if bullet:
        content = collapse(line[bullet.end() :])
        return Block(text=content, markdown=escape_markdown(content), line=number, kind="item")
    content = collapse(line)
    return Block(text=content, markdown=escape_markdown(content), line=number)
