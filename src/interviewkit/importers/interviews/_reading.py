"""Reading a source file safely, and turning its blocks into an imported portrait."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from interviewkit._util.fs import read_text
from interviewkit._util.languages import primary_language
from interviewkit.errors import InvalidInputError
from interviewkit.importers.interviews._blocks import Block
from interviewkit.importers.interviews._draft_portrait import to_imported
from interviewkit.importers.interviews._language import guess_language, regional_tag
from interviewkit.importers.interviews._model import ImportedPortrait, ImportOptions
from interviewkit.importers.interviews._recognise import recognise

__all__ = ["MAX_PAGE_BYTES", "imported_from_blocks", "read_page"]

#: A published interview is a few dozen kilobytes; past this size a file is not one page, and
#: refusing it is better than minutes of work on something else (a WordPress export is read by
#: its own importer, with its own limit).
MAX_PAGE_BYTES = 5_000_000


def read_page(path: Path, *, limit: int = MAX_PAGE_BYTES) -> str:
    """The text of ``path``, refused with a clear message if empty, binary or far too big."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidInputError(path, [f"cannot be read ({exc.strerror})"]) from exc
    if size > limit:
        raise InvalidInputError(
            path,
            [f"is {size / 1_000_000:.1f} MB, more than the {limit // 1_000_000} MB a page can be"],
            hint="give one interview per file (a whole blog is imported from its WordPress export)",
        )
    head = b""
    if path.is_file():
        with path.open("rb") as handle:
            head = handle.read(8192)
    if b"\x00" in head:
        raise InvalidInputError(
            path,
            ["is a binary file, not text"],
            hint="give the interview as a .txt, .md or .html file, or a WordPress export (.xml)",
        )
    text = read_text(path)
    if not text.strip():
        raise InvalidInputError(
            path, ["is empty"], hint="paste the interview into the file and run the import again"
        )
    return text


def imported_from_blocks(
    blocks: Sequence[Block],
    *,
    source: str,
    options: ImportOptions,
    title: str | None = None,
    url: str | None = None,
    date: dt.date | None = None,
    tags: Sequence[str] = (),
    author: str | None = None,
) -> ImportedPortrait:
    """Recognise the interview in ``blocks``; an error if there is none."""
    text = " ".join(b.text for b in blocks[:400])
    language = options.language or guess_language(text)
    primary = primary_language(language)
    draft = recognise(blocks, language=primary, title=title)
    # Written only when given or shown by the text: a bare "fr" would hide the book's "fr-CA".
    written = options.language or regional_tag(text, primary)
    if not draft.exchanges:
        raise InvalidInputError(
            source,
            ["no interview found: no line was recognised as a question"],
            hint="mark the questions (end them with '?', put them in bold or as headings, or "
            "start them with 'Q:') and run the import again",
        )
    return to_imported(
        draft, source=source, url=url, date=date, tags=tags, language=written, author=author
    )
