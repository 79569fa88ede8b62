"""``theme/labels.toml``: an anthology's own wording of the generated labels.

One table per language, named by its BCP 47 tag; keys are label names, values the text with the
same ``{placeholders}`` as the English message::

    [fr]
    edited_by = "Textes réunis par {names}"
    contents = "Sommaire"

    [fr - CA]
    interview_by = "Propos recueillis par {names}"

A book in ``fr-CA`` takes the ``[fr]`` table, then ``[fr-CA]`` over it; a book in a language
without a table keeps the catalogue's labels.  Every table is checked, whatever the book's
language: a label name that does not exist, a value that is not a string, or a value whose
placeholders differ from the message's is refused with an
:class:`~interviewkit.errors.InvalidInputError` naming the file, the table, the key and the fix.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping

from interviewkit._util.fs import read_text
from interviewkit._util.languages import primary_language
from interviewkit.errors import InvalidInputError
from interviewkit.render.environment import THEME_FOLDER
from interviewkit.render.labels import MESSAGES
from interviewkit.render.theme import ThemeContext

__all__ = ["LABELS_FILE", "check_label_tables", "theme_labels"]

#: The file, relative to the anthology folder.
LABELS_FILE = f"{THEME_FOLDER}/labels.toml"


def _fields(text: str) -> set[str] | None:
    """The placeholder names of ``text``; ``None`` when its braces do not parse."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return None


def _placeholders(names: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "no placeholder"


def _problems(table: str, labels: object) -> list[str]:
    if not isinstance(labels, dict):
        return [f"{table!r} is not a table of labels: write [{table}] and the labels under it"]
    problems = []
    for key, value in labels.items():
        where = f"[{table}] {key}"
        if key not in MESSAGES:
            problems.append(f"{where}: no label has this name")
            continue
        if not isinstance(value, str):
            problems.append(f"{where}: the label must be a string in quotes")
            continue
        expected = _fields(MESSAGES[key])
        found = _fields(value)
        if found is None:
            problems.append(f"{where}: unbalanced braces (write {{{{ and }}}} for a brace)")
        elif found != expected:
            problems.append(
                f"{where}: has {_placeholders(found)} where the label needs "
                f"{_placeholders(expected or set())}"
            )
    return problems


def check_label_tables(tables: Mapping[str, object], display: str = LABELS_FILE) -> None:
    """Raise the :class:`InvalidInputError` of every problem of the parsed file, at once."""
    problems = [problem for table, labels in tables.items() for problem in _problems(table, labels)]
    if problems:
        raise InvalidInputError(
            display,
            problems,
            hint=(
                "name a label as the docs list it (how-to/localisation), keep exactly the "
                "placeholders of its English message, and put the labels under a table named "
                "by the language ([fr], [en], [fr-CA])"
            ),
        )


def theme_labels(context: ThemeContext, language: str) -> dict[str, str]:
    """The overrides ``theme/labels.toml`` sets for ``language``; empty without the file."""
    if not (context.source_root / LABELS_FILE).exists():
        return {}
    path = context.resources.resolve(LABELS_FILE, referrer=THEME_FOLDER)
    text = read_text(path, display=LABELS_FILE)
    try:
        tables = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInputError(
            LABELS_FILE, [str(exc)], hint="correct the TOML syntax at that line"
        ) from exc
    check_label_tables(tables)
    by_tag = {tag.lower().replace("_", "-"): labels for tag, labels in tables.items()}
    tag = language.lower().replace("_", "-")
    overrides: dict[str, str] = {}
    for name in dict.fromkeys([primary_language(language), tag]):
        overrides.update(by_tag.get(name, {}))
    return overrides
