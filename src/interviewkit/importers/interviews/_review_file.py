"""The portrait file an import writes: the authoring format, with review marks.

Each decision the importer was unsure of becomes a line a person can search for:
``# interviewkit-review: ...`` in the front matter (a YAML comment) or
``<!-- interviewkit-review: ... -->`` above the question it concerns (a Markdown comment that
the portrait reader ignores).  A build warns while marks are left, so none is forgotten.
"""

from __future__ import annotations

import yaml

from interviewkit.importers._portrait_writer import front_matter, portrait_body
from interviewkit.importers.interviews._model import ImportedPortrait, ReviewNote

__all__ = ["REVIEW_MARK", "review_file"]

#: The word every review mark carries: search for it, check, delete the mark.
REVIEW_MARK = "interviewkit-review"


def review_file(imported: ImportedPortrait) -> str:
    """The text of the portrait file for ``imported``: same input, same bytes.

    The portrait is written by the authoring format's writer (so the file reads back as the
    imported portrait), with the review marks added where a reviewer will look for them.
    """
    portrait = imported.portrait
    lines = [
        "---",
        f"# Imported by interviewkit from {_one_line(imported.source)}.",
        "# Check each review mark below (the lines that start with the word",
        f"# {REVIEW_MARK} and a colon), fix what is wrong, then delete the mark.",
    ]
    lines.extend(_mark_comment(note) for note in imported.notes if note.where == "portrait")
    dumped = yaml.safe_dump(
        front_matter(portrait),
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    lines.extend(dumped.rstrip("\n").split("\n"))
    if imported.language_guess:
        lines.append(
            f"# language: {imported.language_guess}   # the text looks like this language; "
            "uncomment if the book is in another one"
        )
    if imported.unlinked_reading:
        lines.append(f"# {REVIEW_MARK}: reading-list titles without a link; add a url or delete:")
        if not portrait.reading:
            lines.append("# reading:")
        lines.extend(
            f"#   - {{label: {_yaml_scalar(title)}, url: 'https://'}}"
            for title in imported.unlinked_reading
        )
    lines += ["---", ""]
    by_exchange: dict[int, list[ReviewNote]] = {}
    for note in imported.notes:
        if note.where.startswith("exchanges["):
            by_exchange.setdefault(int(note.where[10:-1]), []).append(note)

    def marks(number: int) -> list[str]:
        return [
            f"<!-- {REVIEW_MARK}: {_comment_safe(str(note))} -->"
            for note in by_exchange.get(number, [])
        ]

    lines.append(portrait_body(portrait, before_exchange=marks))
    return "\n".join(lines).rstrip("\n") + "\n"


def _mark_comment(note: ReviewNote) -> str:
    return f"# {REVIEW_MARK}: {_one_line(str(note))}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _comment_safe(text: str) -> str:
    return _one_line(text).replace("--", "- -")


def _yaml_scalar(text: str) -> str:
    dumped: str = yaml.safe_dump(text, allow_unicode=True, width=10_000)
    return dumped.removesuffix("\n...\n").strip()
