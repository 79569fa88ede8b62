"""``import_portrait()``: turn a published interview into portrait files for a person to review.

The importer is chosen by name, or else among the registered ones: a plugin's importer that
recognises the file first, then one of the built-in ``text``, ``html``, ``markdown`` and
``wordpress``, chosen from the file's first bytes (:mod:`interviewkit.importers._sniff`), not its
name.  The files are written only when every one of them can be: an existing file is never
replaced without ``force=True``, and a failure leaves no half-written file.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from interviewkit._util.fs import atomic_output
from interviewkit.errors import InvalidInputError, OutputError
from interviewkit.importers._sniff import is_portrait_file, sniff
from interviewkit.importers.interviews import (
    ImportedPortrait,
    ImportOptions,
    InterviewImporter,
    review_file,
)
from interviewkit.importers.interviews.html import HtmlImporter
from interviewkit.importers.interviews.markdown import MarkdownImporter
from interviewkit.importers.interviews.text import TextImporter
from interviewkit.importers.interviews.wordpress import WordPressImporter
from interviewkit.plugins import Plugins, get_plugins
from interviewkit.plugins.registry import Registered

__all__ = ["ImportReport", "import_portrait"]

#: The importers that come with interviewkit: chosen by sniffing, after the plugins' importers.
_BUILT_IN: frozenset[type[Any]] = frozenset(
    {TextImporter, HtmlImporter, MarkdownImporter, WordPressImporter}
)


@attrs.frozen(kw_only=True)
class ImportReport:
    """What an import found and wrote.

    .. versionadded:: 0.2
    """

    importer: str
    """Name of the importer that read the source."""
    portraits: tuple[ImportedPortrait, ...]
    """The interviews found, in source order."""
    files: tuple[Path, ...] = ()
    """The portrait files written (empty when no output folder was given)."""
    skipped: tuple[str, ...] = ()
    """Entries of the source that were not interviews (a blog post with no questions)."""
    reason: str = ""
    """Why this importer was chosen: ``"chosen with --from"`` (the ``importer`` argument),
    ``"a plugin's importer recognised the file"``, or what was found in the file
    (``"Markdown syntax: 4 headings, 6 bold lines"``, ``"HTML markup"``, ``"plain text"``).

    .. versionadded:: 0.2
    """

    @property
    def uncertain(self) -> int:
        """Review marks written, over all portraits."""
        return sum(len(p.notes) for p in self.portraits)


def import_portrait(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    importer: str | None = None,
    language: str | None = None,
    category: str | None = None,
    tag: str | None = None,
    force: bool = False,
    plugins: Plugins | None = None,
) -> ImportReport:
    """Read the interview(s) in ``source`` and, given an ``output`` folder, write portrait files.

    A plain-text or HTML page gives one portrait, a WordPress export one per post (``category``
    and ``tag`` select the posts).  Each file is in the authoring format with
    ``interviewkit-review`` marks on every uncertain decision; the same input always gives the
    same files.

    :param importer: the importer's name (``text``, ``html``, ``markdown``, ``wordpress``);
        by default a plugin's importer that recognises ``source``, else the built-in one its
        content calls for (the report's ``reason`` says which and why).
    :param language: language tag of the interviews, guessed from the text by default.
    :param force: replace existing files instead of refusing.
    :raises InvalidInputError: the source cannot be read or holds no interview.
    :raises OutputError: a file exists (without ``force``) or cannot be written.

    .. versionadded:: 0.2
    """
    return _import(
        Path(source),
        None if output is None else Path(output),
        importer=importer,
        options=ImportOptions(language=language, category=category, tag=tag),
        force=force,
        plugins=plugins,
    )


def _import(
    path: Path,
    output: Path | None,
    *,
    importer: str | None,
    options: ImportOptions,
    force: bool,
    plugins: Plugins | None,
    display: str | None = None,
) -> ImportReport:
    """:func:`import_portrait`; ``display`` names the source in messages and files instead of
    ``path`` (``<stdin>`` for the temporary file standard input was copied to)."""
    try:
        registry = (plugins or get_plugins()).importers
        if not path.exists():
            raise InvalidInputError(path, ["no such file"], hint="check the path")
        chosen, reason = _choose(path, importer, registry.interview_importers())
        reader: InterviewImporter = chosen()
        portraits = tuple(reader.read(path, options))
    except InvalidInputError as error:
        if display is not None:
            error.file = _renamed(error.file, path, display)
        raise
    if display is not None:
        portraits = tuple(
            attrs.evolve(p, source=_renamed(p.source, path, display) or display) for p in portraits
        )
    skipped = tuple(getattr(reader, "skipped", ()))
    report = ImportReport(importer=chosen.name, portraits=portraits, skipped=skipped, reason=reason)
    if output is None:
        return report
    return attrs.evolve(report, files=_write(portraits, output, force=force))


def _renamed(text: str | None, path: Path, display: str) -> str | None:
    return None if text is None else text.replace(str(path), display)


def _choose(
    path: Path, name: str | None, entries: Sequence[Registered[Any]]
) -> tuple[type[InterviewImporter], str]:
    """The importer for ``path`` and why it was chosen."""
    if name is not None:
        matching = [e for e in entries if e.name == name]
        if not matching:
            raise InvalidInputError(
                path,
                [f"no importer is called {name!r}"],
                hint=f"use one of: {', '.join(sorted(e.name for e in entries))}",
            )
        cls: type[InterviewImporter] = matching[0].cls
        return cls, "chosen with --from"
    for entry in entries:
        if entry.cls not in _BUILT_IN and entry.cls().detect(path):
            found: type[InterviewImporter] = entry.cls
            return found, "a plugin's importer recognised the file"
    if is_portrait_file(path):
        raise InvalidInputError(
            path,
            ["is already a portrait file (its front matter has a subject)"],
            hint=f"build it as it is (interviewkit build {path}) or copy it into an "
            "anthology's portraits/ folder; --from markdown reads it as plain Markdown",
        )
    if path.is_file():
        sniffed = sniff(path)
        matching = [e for e in entries if e.name == sniffed.importer]
        if matching:
            built_in: type[InterviewImporter] = matching[0].cls
            return built_in, sniffed.reason
    raise InvalidInputError(
        path,
        ["is not a kind of file interviewkit can import"],
        hint="give a text, HTML or Markdown file or a WordPress export, or choose an importer "
        f"with --from ({', '.join(sorted(e.name for e in entries))})",
    )


def _write(portraits: Sequence[ImportedPortrait], folder: Path, *, force: bool) -> tuple[Path, ...]:
    names: dict[str, int] = {}
    planned: list[tuple[Path, str]] = []
    for imported in portraits:
        stem = imported.portrait.id
        names[stem] = names.get(stem, 0) + 1
        if names[stem] > 1:
            stem = f"{stem}-{names[stem]}"
        planned.append((folder / f"{stem}.md", review_file(imported)))
    existing = [target for target, _ in planned if target.exists()]
    if existing and not force:
        shown = ", ".join(str(p) for p in existing[:5]) + (" ..." if len(existing) > 5 else "")
        raise OutputError(
            existing[0],
            f"{len(existing)} file(s) already exist ({shown}); nothing was written",
            hint="review and move them, or run again with --force to replace them",
        )
    for target, text in planned:
        with atomic_output(target, directory=False) as temporary:
            temporary.write_text(text, encoding="utf-8", newline="\n")
    return tuple(target for target, _ in planned)
