"""Write a portrait in the authoring format, so that reading the file gives the portrait back.

``interviewkit import`` writes its drafts with it, and anyone converting content can too: the
front matter holds every field an author writes (plain data from the canonical converter, with
empty values left out), and the body holds the lede, the parts, the questions (each after its
``{#key}`` line when it has a key) and each answer after its speaker's label, then the closing
after ``* * *``.

Where the body cannot say it without ambiguity, the front matter does: when the last answer
holds a thematic break of its own (which the reader would take for the start of the closing),
the closing is written as ``closing:`` in the front matter, which tells the reader not to look
for one in the body.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import yaml
from markdown_it import MarkdownIt

from interviewkit.model._validators import slugify
from interviewkit.model.models import Exchange, Portrait
from interviewkit.serialization import make_converter

__all__ = ["front_matter", "portrait_body", "portrait_file"]

#: The order of the front matter: what a reader looks for first, first.
_ORDER = (
    "title",
    "date",
    "language",
    "handle_platform",
    "tags",
    "subject",
    "interviewers",
    "speakers",
    "credits",
    "photo",
    "follow",
    "related",
    "reading",
    "closing",
)

#: Fields the body holds.
_BODY_FIELDS = frozenset({"id", "lede", "interview", "closing"})

#: Lines to put right above an exchange's heading (review marks, say), by its index.
BeforeExchange = Callable[[int], list[str]]


def portrait_file(portrait: Portrait) -> str:
    """The whole file: front matter between ``---`` lines, then the body."""
    dumped = yaml.safe_dump(
        front_matter(portrait),
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    return f"---\n{dumped}---\n\n{portrait_body(portrait)}"


def front_matter(portrait: Portrait) -> dict[str, Any]:
    """The front matter of ``portrait`` as plain data, empty values left out."""
    data = make_converter().unstructure(portrait)
    front: dict[str, Any] = {}
    for key in _ORDER:
        if key in _BODY_FIELDS:
            continue
        value = _pruned(data[key])
        if value is not None:
            front[key] = value
    if portrait.interviewers is not None:
        # Present and empty means "not named"; absent means "the book's default".
        front["interviewers"] = _pruned(data["interviewers"]) or []
    if portrait.speakers:
        front["speakers"] = [_speaker(entry) for entry in front["speakers"]]
    if _closing_in_front_matter(portrait):
        front["closing"] = str(portrait.closing)
    return front


def portrait_body(portrait: Portrait, before_exchange: BeforeExchange | None = None) -> str:
    """The Markdown body: lede, ``# part``, ``## question``, labelled answers, closing."""
    blocks: list[str] = []
    if not portrait.lede.is_blank():
        blocks.append(str(portrait.lede).strip())
    number = 0
    for part, exchanges in portrait.interview.grouped():
        if part is not None:
            blocks.append(f"# {_one_line(part.title)}")
        for exchange in exchanges:
            above = before_exchange(number) if before_exchange is not None else []
            if exchange.key is not None:
                above = [*above, f"{{#{exchange.key}}}"]
            blocks.append("\n".join([*above, f"## {_question(portrait, exchange)}"]))
            blocks.extend(_answers(portrait, exchange))
            number += 1
    if not portrait.closing.is_blank() and not _closing_in_front_matter(portrait):
        blocks += ["* * *", str(portrait.closing).strip()]
    return "\n\n".join(blocks) + "\n"


def _question(portrait: Portrait, exchange: Exchange) -> str:
    question = _one_line(str(exchange.question))
    if exchange.asker is None:
        return question
    return f"{portrait.speaker(exchange.asker).shown}: {question}"


def _answers(portrait: Portrait, exchange: Exchange) -> list[str]:
    blocks = []
    for answer in exchange.answers:
        text = str(answer.text).strip()
        if answer.speaker is None:
            if text:
                blocks.append(text)
            continue
        label = f"{portrait.speaker(answer.speaker).shown}:"
        if text and _starts_with_paragraph(text):
            blocks.append(f"{label} {text}")
        else:
            blocks.append(f"{label}\n\n{text}".rstrip())
    return blocks


def _closing_in_front_matter(portrait: Portrait) -> bool:
    """Whether the body could not hold the closing without the reader misplacing it."""
    exchanges = portrait.interview.exchanges
    if not exchanges:
        return not portrait.closing.is_blank()
    last = "\n\n".join(str(answer.text) for answer in exchanges[-1].answers)
    return _has_break(last) or _has_break(str(portrait.closing))


def _has_break(markdown: str) -> bool:
    return any(token.type == "hr" and token.level == 0 for token in _parser().parse(markdown))


def _starts_with_paragraph(markdown: str) -> bool:
    """Whether ``Label: `` can open the first line and leave the text a paragraph."""
    tokens = _parser().parse(markdown)
    first = tokens[0] if tokens else None
    return first is not None and first.type == "paragraph_open" and (first.map or [1])[0] == 0


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).disable("inline")


def _speaker(entry: dict[str, Any]) -> dict[str, Any]:
    """A speaker's entry, without the id when the reader derives the same one."""
    shown = entry.get("label") or entry["name"]
    if slugify(shown) == entry["id"]:
        return {key: value for key, value in entry.items() if key != "id"}
    return entry


def _pruned(value: Any) -> Any:
    """``value`` without ``None``, empty strings, lists and mappings (they are the defaults)."""
    if isinstance(value, dict):
        kept = {key: _pruned(item) for key, item in value.items()}
        kept = {key: item for key, item in kept.items() if item is not None}
        return kept or None
    if isinstance(value, list):
        items = [_pruned(item) for item in value]
        return items or None
    if isinstance(value, str):  # RichText too: YAML writes plain strings only
        return str(value) or None
    return value


def _one_line(text: str) -> str:
    return " ".join(text.split())
