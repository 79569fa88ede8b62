"""Read one portrait file: YAML front matter, a lede, one ``## question`` per exchange, a closing.

The body is parsed by markdown-it-py; only the *positions* of top-level blocks are taken from the
parse (headings, the paragraphs that open with a declared speaker's label, the last thematic
break), and every lede, question, answer and closing keeps its exact Markdown source, so nothing
the author wrote is lost or rewritten.

A ``{#key}`` line before a question (mdit-py-plugins' block attributes) is the exchange's
``key``; it is not text, so it is left out of the answer (or lede) above it.  Block attributes
anywhere else at the top level are refused with their line: interviewkit reads no other, and a
renderer would print the line as text.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import attrs
import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.attrs import attrs_block_plugin

from interviewkit._util.fs import read_text
from interviewkit._util.text import BAD_TEXT_HINT, bad_text_in_data
from interviewkit.errors import InvalidInputError
from interviewkit.importers._authoring import PORTRAIT_SHORTHANDS, expand_portrait, speaker_labels
from interviewkit.model._validators import slugify
from interviewkit.model.models import Portrait
from interviewkit.model.problems import Problem
from interviewkit.serialization._errorpaths import join_path
from interviewkit.serialization._yamlpos import AliasNotAllowedError, LineMap, load_yaml

__all__ = ["FRONT_MATTER_KEYS", "REVIEW_MARK", "PortraitSource", "read_portrait", "review_problem"]

#: Keys a portrait's front matter may hold: the Portrait fields an author writes, plus the
#: shorthands ``interviewer`` and ``source``.
FRONT_MATTER_KEYS = frozenset(
    {field.name for field in attrs.fields(Portrait)} - {"id", "lede", "interview"}
) | frozenset(PORTRAIT_SHORTHANDS)

_DELIMITER = re.compile(r"^---[ \t]*$")
# A line that is only an HTML comment is a note to the author (``interviewkit import`` writes its
# review marks this way); it is not content, and Markdown without raw HTML would print it.
_COMMENT_LINE = re.compile(r"^[ \t]*<!--.*-->[ \t]*$", re.MULTILINE)
#: The word of the marks ``interviewkit import`` leaves for review.
REVIEW_MARK = "interviewkit-review"


@attrs.frozen(kw_only=True)
class PortraitSource:
    """A portrait file read into plain data, ready for the converter, plus its line map."""

    data: dict[str, Any]
    lines: LineMap
    display: str
    review_marks: int = 0
    """``interviewkit-review`` marks still in the file (left by an import, not yet checked)."""


def read_portrait(path: Path, *, display: str, portrait_id: str | None = None) -> PortraitSource:
    """Read ``path`` into the plain data of a :class:`~interviewkit.Portrait`."""
    text = read_text(path, display=display)
    front_text, body, body_first_line = _split_front_matter(text, display)
    review_marks = front_text.count(f"{REVIEW_MARK}:") + body.count(f"{REVIEW_MARK}:")
    body = _COMMENT_LINE.sub("", body)
    try:
        front, lines = load_yaml(front_text, first_line=2)
    except AliasNotAllowedError as exc:
        sigil = "*" if exc.what == "alias" else "&"
        raise InvalidInputError(
            display,
            [
                f"line {exc.line}, column {exc.column}: the YAML {exc.what} "
                f"'{sigil}{exc.name}' is not allowed in front matter"
            ],
            hint="write each value out in full instead of using YAML anchors (&name) and "
            "aliases (*name)",
        ) from None
    except yaml.YAMLError as exc:
        raise InvalidInputError(
            display,
            [_yaml_problem(exc, first_line=2)],
            hint="fix the YAML front matter between the two '---' lines",
        ) from exc
    if front is None:
        front = {}
    if not isinstance(front, dict):
        raise InvalidInputError(
            display, ["line 2: the front matter must be a set of 'key: value' lines"]
        )
    if "\\" in front_text:  # only an escape can put a character that read_text refuses
        errors = [lines.locate(e) for e in bad_text_in_data(front)]
        if errors:
            raise InvalidInputError(display, errors, hint=BAD_TEXT_HINT)
    errors = [lines.locate(e) for e in _unknown_keys(front)]
    errors.extend(lines.locate(e) for e in expand_portrait(front))
    labels = speaker_labels(front.get("speakers") or [])
    stem_id = portrait_id or path.stem
    data: dict[str, Any] = dict(front)
    data["id"] = stem_id
    lines.add("id", 1)
    # A closing in the front matter leaves every thematic break of the body in the answers.
    has_closing = "closing" in data
    lede, exchanges, parts, closing = _split_body(
        body, body_first_line, labels, lines, find_closing=not has_closing, display=display
    )
    if closing:
        data["closing"] = closing
    if errors:
        raise InvalidInputError(display, errors)
    data["lede"] = lede
    data["interview"] = {"exchanges": exchanges, "parts": parts}
    if "title" not in data:
        raise InvalidInputError(
            display,
            ["line 2: the front matter has no 'title'"],
            hint='add a line such as  title: "Portrait de ..."',
        )
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", stem_id):
        raise InvalidInputError(
            display,
            [f"the file name {path.name!r} is not a valid portrait id"],
            hint=f"rename the file to {slugify(stem_id) or 'portrait'}.md "
            "(lowercase letters, digits and hyphens) and update anthology.toml",
        )
    return PortraitSource(data=data, lines=lines, display=display, review_marks=review_marks)


def review_problem(source: PortraitSource) -> Problem | None:
    """A warning while an imported portrait still carries review marks."""
    if not source.review_marks:
        return None
    return Problem(
        severity="warning",
        where=source.display,
        message=f"{source.review_marks} '{REVIEW_MARK}' marks left by 'interviewkit import'",
        hint=f"search the file for {REVIEW_MARK}, check each decision and delete the mark",
    )


def _split_front_matter(text: str, display: str) -> tuple[str, str, int]:
    lines = text.splitlines(keepends=True)
    if not lines or not _DELIMITER.match(lines[0].rstrip("\r\n")):
        raise InvalidInputError(
            display,
            ["line 1: a portrait file starts with YAML front matter between '---' lines"],
            hint="put '---', then 'title: ...' and the other fields, then '---' at the top",
        )
    for index in range(1, len(lines)):
        if _DELIMITER.match(lines[index].rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise InvalidInputError(
        display,
        ["line 1: the front matter is never closed"],
        hint="add a line with '---' after the last front-matter field",
    )


def _yaml_problem(exc: yaml.YAMLError, *, first_line: int) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is not None:
        return f"line {mark.line + first_line}, column {mark.column + 1}: invalid YAML ({problem})"
    return f"invalid YAML ({problem})"


def _unknown_keys(front: dict[Any, Any]) -> list[str]:
    errors = []
    for key in front:
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(str(key), sorted(FRONT_MATTER_KEYS), n=1)
            hint = (
                f" (did you mean {close[0]!r}?)"
                if close
                else (f"; known fields: {', '.join(sorted(FRONT_MATTER_KEYS))}")
            )
            errors.append(f"{key}: unknown field{hint}")
    return errors


def _split_body(
    body: str,
    first_line: int,
    labels: list[tuple[str, str]],
    lines: LineMap,
    *,
    find_closing: bool,
    display: str,
) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]], str]:
    source_lines = body.splitlines(keepends=True)
    env: dict[str, Any] = {}
    tokens = _block_parser().parse(body, env)
    attr_lines: list[int] = env.get(_ATTR_LINES, [])
    # (level, start line, end line, inline source, key or None)
    headings: list[tuple[int, int, int, str, str | None]] = []
    paragraphs: list[tuple[int, str]] = []  # (start line, source) of top-level paragraphs
    breaks: list[int] = []  # start lines of top-level thematic breaks
    misplaced: list[tuple[int, str]] = []  # (line, problem)
    for index, token in enumerate(tokens):
        if token.level != 0 or token.map is None:
            continue
        key, problem = _key_of(token, attr_lines, first_line)
        if problem:
            misplaced.append((token.map[0], problem))
        if token.type == "heading_open" and token.tag in {"h1", "h2"}:
            headings.append(
                (int(token.tag[1]), token.map[0], token.map[1], tokens[index + 1].content, key)
            )
        elif token.type == "paragraph_open":
            paragraphs.append((token.map[0], tokens[index + 1].content))
        elif token.type == "hr":
            breaks.append(token.map[0])
    attr_set = frozenset(attr_lines)

    def before_heading(stop: int, start: int) -> int:
        # The end of the text above a heading: without the {#key} lines that belong to it.
        while stop > start and (not source_lines[stop - 1].strip() or stop - 1 in attr_set):
            stop -= 1
        return stop

    for heading in headings:
        # A {#key} line that was not read as attributes: under a paragraph with no blank line
        # (it continues the paragraph), or not a valid attribute line (a space in the key).
        last = before_heading(heading[1], 0) - 1
        looks = _KEY_LINE.match(source_lines[last]) if last >= 0 else None
        if looks is None or last in attr_set:
            continue
        shown = source_lines[last].strip()
        if last > 0 and source_lines[last - 1].strip():
            why = "is read as the end of the paragraph above it: put a blank line before it"
        else:
            why = f"is not a key: write one slug, such as {{#{slugify(looks[1]) or 'key'}}}"
        misplaced.append((last, f"line {last + first_line}: {shown} {why}"))
    if misplaced:
        raise InvalidInputError(
            display,
            [problem for _, problem in sorted(misplaced)],
            hint="write {#key} (a slug: lowercase letters, digits and hyphens) alone on a line, "
            "after a blank line, right before a '## ' question; remove any other {…} line",
        )

    end_of_lede = before_heading(headings[0][1], 0) if headings else len(source_lines)
    lede = "".join(source_lines[:end_of_lede]).strip()
    # The closing: what follows the last thematic break after the last question.
    end_of_interview = len(source_lines)
    closing = ""
    if find_closing and headings and breaks and breaks[-1] > headings[-1][1]:
        end_of_interview = breaks[-1]
        closing = "".join(source_lines[breaks[-1] + 1 :]).strip()
        lines.add("closing", breaks[-1] + 1 + first_line)
    exchanges: list[dict[str, Any]] = []
    parts: list[dict[str, Any]] = []
    for number, (level, start, end, inline, key) in enumerate(headings):
        if number + 1 < len(headings):
            next_start = before_heading(headings[number + 1][1], end)
        else:
            next_start = end_of_interview
        if level == 1:
            path = f"interview.parts[{len(parts)}]"
            lines.add(path, start + first_line)
            parts.append({"title": inline, "start": len(exchanges)})
            continue
        path = f"interview.exchanges[{len(exchanges)}]"
        lines.add(path, start + first_line)
        lines.add(f"{path}.question", start + first_line)
        exchange: dict[str, Any] = {"question": inline}
        if key is not None:
            exchange["key"] = key
            lines.add(f"{path}.key", _attr_line(attr_lines, start) + first_line)
        if labels:
            exchange["asker"], exchange["question"] = _speaker(inline, labels)
        # An answer starts at the first line after the question, and again at each top-level
        # paragraph that opens with a declared speaker's label.
        starts: list[tuple[int, str | None]] = [(end, None)]
        for line, text in paragraphs:
            if end <= line < next_start and labels:
                speaker, _ = _speaker(text, labels)
                if speaker is not None:
                    starts.append((line, speaker))
        answers: list[dict[str, str | None]] = []
        for index, (line, speaker) in enumerate(starts):
            stop = starts[index + 1][0] if index + 1 < len(starts) else next_start
            text = "".join(source_lines[line:stop]).strip()
            if speaker is not None:
                text = _speaker(text, labels)[1]
            if speaker is None and not text:
                continue  # nothing before the first label
            lines.add(f"{path}.answers[{len(answers)}]", line + first_line)
            lines.add(f"{path}.answers[{len(answers)}].text", line + first_line)
            answers.append({"text": text, "speaker": speaker})
        exchange["answers"] = answers
        exchanges.append(exchange)
    lines.add("lede", first_line)
    return lede, exchanges, parts, closing


#: What a ``{#key}`` line looks like, to say so when one is not read as one.
_KEY_LINE = re.compile(r"^[ ]{0,3}\{#([^{}]*)\}[ \t]*\r?\n?$")

#: How the refusal of a ``{…}`` line names the block under it.
_BLOCK_NAMES = {
    "paragraph_open": "a paragraph",
    "bullet_list_open": "a list",
    "ordered_list_open": "a list",
    "blockquote_open": "a block quote",
    "fence": "a code block",
    "code_block": "a code block",
    "hr": "a thematic break",
}

#: The ``env`` key under which the block parser leaves the lines of the top-level ``{…}`` lines.
_ATTR_LINES = "interviewkit_attr_lines"


def _record_attr_lines(state: StateCore) -> None:
    """Note where the top-level block-attribute lines are, before the plugin moves their
    attributes onto the next block and drops them from the tokens."""
    state.env[_ATTR_LINES] = [
        token.map[0]
        for token in state.tokens
        if token.type == "attrs_block" and token.level == 0 and token.map is not None
    ]


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    # Only block structure is needed to find the headings: inline parsing is switched off, and
    # every lede, question and answer keeps its source text untouched.  A ``{…}`` line gives
    # its attributes to the block under it; the recording rule runs right after the block
    # parse, before the plugin's rule that moves them.
    parser = MarkdownIt("commonmark", {"html": False}).disable("inline").use(attrs_block_plugin)
    parser.core.ruler.after("block", "interviewkit_attr_lines", _record_attr_lines)
    return parser


def _attr_line(attr_lines: list[int], start: int) -> int:
    """The last ``{…}`` line above the block that starts at ``start`` (0-based)."""
    return max((line for line in attr_lines if line < start), default=start)


def _key_of(token: Token, attr_lines: list[int], first_line: int) -> tuple[str | None, str]:
    """The key a ``{#key}`` line gives this top-level block, or what is wrong with it."""
    if not token.attrs and not token.meta:  # almost every block: nothing to look at
        return None, ""
    given = {**token.attrs, **(token.meta or {}).get("insecure_attrs", {})}
    if not given:
        return None, ""
    line = _attr_line(attr_lines, token.map[0] if token.map else 0) + first_line
    if token.type == "heading_open" and token.tag == "h2":
        others = sorted(name for name in given if name != "id")
        if others:
            return None, (
                f"line {line}: only a key, written {{#key}}, may be given to a question "
                f"(not {', '.join(others)})"
            )
        return str(given["id"]), ""
    if token.type == "heading_open" and token.tag == "h1":
        where = "a part title ('# ')"
    elif token.type == "heading_open":
        where = f"a '{'#' * int(token.tag[1])} ' heading"
    else:
        where = _BLOCK_NAMES.get(token.type, "another block")
    return None, f"line {line}: a {{…}} line before {where}: only a question ('## ') takes one"


def _speaker(text: str, labels: list[tuple[str, str]]) -> tuple[str | None, str]:
    """The id of the declared speaker whose label opens ``text``, and the text without it.

    ``Ana:``, ``Ana :`` (French spacing, also with a no-break space), ``**Ana:**``,
    ``**Ana** :`` and ``**Ana**:`` are labels; a label of an undeclared name is text.
    """
    for label, speaker_id in labels:
        for prefix in (
            f"{label}:",
            f"{label} :",
            f"{label}\u00a0:",
            f"{label}\u202f:",
            f"**{label}:**",
            f"**{label} :**",
            f"**{label}** :",
            f"**{label}**:",
            f"**{label}**\u00a0:",
        ):
            if text.startswith(prefix):
                return speaker_id, text[len(prefix) :].lstrip()
    return None, text


def portrait_path(path: str) -> str:
    """Kept for symmetry with the folder importer's paths (``portraits[2]``)."""
    return join_path("", path)
