"""Importer of authoring folders: ``anthology.toml`` + ``portraits/*.md`` + ``images/``.

Every file is read and checked before anything is reported, so one run lists every problem of
every file; messages name the file and, where it is known, the line.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from pathlib import Path
from typing import Any, ClassVar

import attrs

from interviewkit._util.fs import ResourceResolver, read_text
from interviewkit._util.text import BAD_TEXT_HINT, bad_text_in_data
from interviewkit.errors import InvalidInputError, MissingResourceError, ModelError
from interviewkit.importers import Source
from interviewkit.importers._authoring import compact_isbns
from interviewkit.importers._portrait_md import PortraitSource, read_portrait, review_problem
from interviewkit.model._validators import slugify
from interviewkit.model.models import Anthology, Portrait
from interviewkit.model.problems import Problem
from interviewkit.render._image_files import unusable_image
from interviewkit.serialization import structure_as

__all__ = ["MANIFEST", "FolderImporter", "PortraitFileImporter"]

#: The file that makes a folder an anthology.
MANIFEST = "anthology.toml"
#: The folder of the portrait files.
PORTRAITS = "portraits"
_PORTRAIT_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_ANTHOLOGY_KEYS = frozenset(field.name for field in attrs.fields(Anthology)) - {
    "front_matter",
    "back_matter",
    "portraits",
}
_SECTION_KEYS = frozenset({"id", "kind", "title", "file"})
_TOML_ONLY_KEYS = frozenset({"front_matter", "back_matter", "portraits", "export", "steps"})
#: The hint of an InvalidInputError created without one; not worth repeating.
_GENERIC_HINT = InvalidInputError(None, ()).hint


class FolderImporter:
    """Reads an anthology folder."""

    name: ClassVar[str] = "folder"

    def detect(self, path: Path) -> bool:
        return path.is_dir()

    def load(self, path: Path) -> Source:
        if not (path / MANIFEST).exists() and not (path / MANIFEST).is_symlink():
            raise InvalidInputError(
                path,
                [f"no {MANIFEST} in this folder"],
                hint=f"run the command on an anthology folder, or create one with "
                f"'interviewkit new {path.name or 'my-anthology'}'",
            )
        return _FolderReader(path).read()


class PortraitFileImporter:
    """Reads a single portrait ``.md`` file as a one-portrait anthology."""

    name: ClassVar[str] = "portrait"

    def detect(self, path: Path) -> bool:
        return path.is_file() and path.suffix.lower() in {".md", ".markdown"}

    def load(self, path: Path) -> Source:
        root = path.parent
        if root.name == "portraits" and (root.parent / MANIFEST).is_file():
            root = root.parent
        display = str(path)
        # The file named on the command line is read as given (read_text refuses a named pipe);
        # its images are resolved in its folder, by the resolver, like an anthology's.
        source = read_portrait(path, display=display)
        language = source.data.get("language")
        if not isinstance(language, str):
            raise InvalidInputError(
                display,
                ["line 2: a portrait read on its own needs 'language' in its front matter"],
                hint="add a line such as  language: fr-CA, or build the book the portrait "
                "belongs to (its anthology.toml gives the language)",
            )
        portrait = _structure_portrait(source)
        _check_images(portrait, source, ResourceResolver(root))
        anthology = Anthology(title=portrait.title, language=language, portraits=(portrait,))
        review = review_problem(source)
        return Source(
            anthology=anthology,
            root=root,
            file=path,
            problems=(review,) if review else (),
            inputs=(path,),
        )


def _structure_portrait(source: PortraitSource) -> Portrait:
    try:
        return structure_as(source.data, Portrait, file=source.display)
    except InvalidInputError as exc:
        raise InvalidInputError(
            source.display, [source.lines.locate(error) for error in exc.errors]
        ) from exc


def _check_images(portrait: Portrait, source: PortraitSource, resolver: ResourceResolver) -> None:
    """Refuse a photo that is missing, outside the folder or not a usable image, with its line."""
    fields = [("subject.photo", portrait.subject.photo), ("photo", portrait.photo)]
    fields.extend(
        (f"interviewers[{n}].photo", person.photo)
        for n, person in enumerate(portrait.interviewers or ())
    )
    errors: list[str] = []
    hints: list[str] = []
    for field, image in fields:
        if image is None:
            continue
        refusal = unusable_image(image.path, resolver, referrer=source.display)
        if refusal is not None:
            line = source.lines.line_of(f"{field}.path")
            where = f"line {line}: " if line else ""
            errors.append(f"{where}{field}.path: {image.path!r} {refusal.reason}")
            hints.extend(hint for hint in (refusal.hint,) if hint not in hints)
    if errors:
        raise InvalidInputError(source.display, errors, hint="; ".join(hints))


class _FolderReader:
    """One read of one folder; collects the errors of every file before raising."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.resolver = ResourceResolver(root)
        self.errors: list[str] = []
        self.files_with_errors: set[str] = set()
        self.problems: list[Problem] = []
        self.hints: list[str] = []
        #: Portrait files of the listing, already checked by the resolver, by id.
        self.checked: dict[str, Path] = {}
        self.inputs: list[Path] = [root / MANIFEST]

    def fail(self, file: str, error: InvalidInputError | MissingResourceError) -> None:
        self.files_with_errors.add(file)
        if error.hint and error.hint != _GENERIC_HINT and error.hint not in self.hints:
            self.hints.append(error.hint)
        if isinstance(error, InvalidInputError):
            self.errors.extend(f"{file}: {message}" for message in error.errors)
        else:
            self.errors.append(f"{file}: {error.ref!r} {error.reason}")

    def read(self) -> Source:
        display = str(self.root / MANIFEST)
        try:
            manifest = self.resolver.resolve(MANIFEST)
        except MissingResourceError as exc:
            raise InvalidInputError(display, [exc.reason], hint=exc.hint) from None
        toml = _read_toml(manifest, display)
        export_options = toml.pop("export", {})
        steps = toml.pop("steps", [])
        if not isinstance(steps, list) or not all(isinstance(step, str) for step in steps):
            self.fail(
                MANIFEST, InvalidInputError(MANIFEST, ["steps: expected a list of step names"])
            )
            steps = []
        portraits = self._read_portraits(toml.pop("portraits", None))
        front = self._read_sections(toml.pop("front_matter", []), "front_matter")
        back = self._read_sections(toml.pop("back_matter", []), "back_matter")
        unknown = [key for key in toml if key not in _ANTHOLOGY_KEYS]
        for key in unknown:
            close = difflib.get_close_matches(key, sorted(_ANTHOLOGY_KEYS | _TOML_ONLY_KEYS), n=1)
            suggestion = f" (did you mean {close[0]!r}?)" if close else ""
            self.errors.append(f"{MANIFEST}: {key}: unknown field{suggestion}")
            self.files_with_errors.add(MANIFEST)
        if not isinstance(export_options, dict) or not all(
            isinstance(v, dict) for v in export_options.values()
        ):
            self.fail(
                MANIFEST, InvalidInputError(MANIFEST, ["export: expected [export.<format>] tables"])
            )
            export_options = {}
        if self.errors:
            self._raise()
        data = {key: value for key, value in toml.items() if key not in unknown}
        data.update(front_matter=[], back_matter=[], portraits=[])
        compact_isbns(data)
        try:
            anthology = structure_as(data, Anthology, file=MANIFEST)
            anthology = attrs.evolve(
                anthology,
                front_matter=tuple(front),
                back_matter=tuple(back),
                portraits=tuple(portraits),
            )
        except InvalidInputError as exc:
            self.fail(MANIFEST, exc)
            self._raise()
        except MissingResourceError as exc:  # pragma: no cover - evolve does not read files
            self.fail(MANIFEST, exc)
            self._raise()
        except ModelError as exc:  # from evolve: duplicate portrait ids in the order list
            self.fail(MANIFEST, InvalidInputError(MANIFEST, [f"{exc.field}: {exc.problem}"]))
            self.hints.append(exc.hint)
            self._raise()
        manifest_images = [("cover", anthology.cover)] + [
            (f"{field}[{n}].photo", person.photo)
            for field, people in (
                ("editors", anthology.editors),
                ("default_interviewers", anthology.default_interviewers),
            )
            for n, person in enumerate(people)
        ]
        for field, image in manifest_images:
            if image is None:
                continue
            refusal = unusable_image(image.path, self.resolver, referrer=MANIFEST)
            if refusal is not None:
                message = f"{field}.path: {image.path!r} {refusal.reason}"
                self.fail(MANIFEST, InvalidInputError(MANIFEST, [message], hint=refusal.hint))
        if self.errors:
            self._raise()
        return Source(
            anthology=anthology,
            root=self.root,
            file=self.root,
            export_options=export_options,
            steps=tuple(steps),
            problems=tuple(self.problems),
            inputs=tuple(self.inputs),
        )

    def _raise(self) -> None:
        if len(self.files_with_errors) == 1:
            file = next(iter(self.files_with_errors))
            prefix = f"{file}: "
            errors = [e.removeprefix(prefix) for e in self.errors]
            raise InvalidInputError(
                self.root / file if file != self.root.name else self.root,
                errors,
                hint="; ".join(self.hints),
            )
        raise InvalidInputError(self.root, self.errors, hint="; ".join(self.hints))

    def _list_portraits(self) -> list[str]:
        """The ids of ``portraits/*.md``; every entry must be a regular file inside the folder.

        An entry that is a link out of the folder, a named pipe or a folder named ``x.md`` is an
        error naming it, rather than skipped: a skipped portrait would silently vanish from the
        book.
        """
        try:
            folder = self.resolver.resolve(PORTRAITS, folder=True)
        except MissingResourceError as exc:
            if not (self.root / PORTRAITS).exists() and not (self.root / PORTRAITS).is_symlink():
                return []
            display = f"{PORTRAITS}/"
            self.fail(display, InvalidInputError(display, [exc.reason], hint=exc.hint))
            return []
        ids = []
        for entry in sorted(folder.iterdir()):
            if entry.suffix != ".md":
                continue
            try:
                checked = self.resolver.resolve(f"{PORTRAITS}/{entry.name}")
            except MissingResourceError as exc:
                display = f"{PORTRAITS}/{entry.name}"
                self.fail(display, InvalidInputError(display, [exc.reason], hint=exc.hint))
                continue
            self.checked[entry.stem] = checked
            ids.append(entry.stem)
        return ids

    def _read_portraits(self, order: Any) -> list[Portrait]:
        available = self._list_portraits()
        if order is None:
            ids = available
        elif not isinstance(order, list) or not all(isinstance(i, str) for i in order):
            self.fail(
                MANIFEST,
                InvalidInputError(MANIFEST, ["portraits: expected a list of portrait ids"]),
            )
            return []
        else:
            ids = order
            for unlisted in sorted(set(available) - set(order)):
                self.problems.append(
                    Problem(
                        severity="warning",
                        where=f"portraits/{unlisted}.md",
                        message="this portrait is not listed in anthology.toml and is left out",
                        hint="add its id to the 'portraits' list, or move the file away",
                    )
                )
        if not ids:
            self.problems.append(
                Problem(
                    severity="warning",
                    where="portraits/",
                    message="the anthology has no portraits",
                    hint="add portrait files to portraits/ (see 'interviewkit new')",
                )
            )
        portraits = []
        for number, portrait_id in enumerate(ids):
            display = f"{PORTRAITS}/{portrait_id}.md"
            # An id of the list names a file: refused before any path is built from it (an id
            # from the listing is a file's own name, and read_portrait says if it is invalid).
            if order is not None and not _PORTRAIT_ID.fullmatch(portrait_id):
                self.fail(MANIFEST, _bad_portrait_id(number, portrait_id))
                continue
            try:
                path = self.checked.get(portrait_id) or self.resolver.resolve(display)
            except MissingResourceError as exc:
                if not exc.reason.startswith("does not exist"):
                    self.fail(display, InvalidInputError(display, [exc.reason], hint=exc.hint))
                    continue
                close = difflib.get_close_matches(portrait_id, available, n=1)
                suggestion = f" (did you mean {close[0]!r}?)" if close else ""
                self.fail(
                    MANIFEST,
                    InvalidInputError(
                        MANIFEST,
                        [f"portraits[{number}]: {portrait_id!r} has no file {display}{suggestion}"],
                    ),
                )
                continue
            self.inputs.append(path)
            try:
                source = read_portrait(path, display=display, portrait_id=portrait_id)
                portrait = _structure_portrait(source)
                _check_images(portrait, source, self.resolver)
            except InvalidInputError as exc:
                self.fail(display, exc)
                continue
            review = review_problem(source)
            if review is not None:
                self.problems.append(review)
            portraits.append(portrait)
        return portraits

    def _read_sections(self, entries: Any, field: str) -> list[Any]:
        from interviewkit.model.models import Section

        if not isinstance(entries, list):
            self.fail(
                MANIFEST, InvalidInputError(MANIFEST, [f"{field}: expected [[{field}]] tables"])
            )
            return []
        sections = []
        for number, entry in enumerate(entries):
            where = f"{field}[{number}]"
            if not isinstance(entry, dict):
                self.fail(MANIFEST, InvalidInputError(MANIFEST, [f"{where}: expected a table"]))
                continue
            unknown = [key for key in entry if key not in _SECTION_KEYS]
            if unknown:
                close = difflib.get_close_matches(unknown[0], sorted(_SECTION_KEYS), n=1)
                suggestion = f" (did you mean {close[0]!r}?)" if close else ""
                self.fail(
                    MANIFEST,
                    InvalidInputError(
                        MANIFEST, [f"{where}.{unknown[0]}: unknown field{suggestion}"]
                    ),
                )
                continue
            file = entry.get("file")
            if not isinstance(file, str):
                self.fail(
                    MANIFEST,
                    InvalidInputError(
                        MANIFEST,
                        [f"{where}.file: required field missing (the section's Markdown file)"],
                    ),
                )
                continue
            try:
                body_path = self.resolver.resolve(file, referrer=MANIFEST)
                self.inputs.append(body_path)
                body = read_text(body_path, display=file)
            except MissingResourceError as exc:
                self.fail(
                    MANIFEST,
                    MissingResourceError(
                        MANIFEST, exc.ref, f"({where}.file) {exc.reason}", hint=exc.hint
                    ),
                )
                continue
            except InvalidInputError as exc:
                self.fail(file, exc)
                continue
            data = {
                "id": entry.get("id", slugify(Path(file).stem) or f"section-{number + 1}"),
                "title": entry.get("title"),
                "kind": entry.get("kind", "other"),
                "body": body.strip(),
            }
            if data["title"] is None:
                data.pop("title")
            try:
                sections.append(structure_as(data, Section, file=MANIFEST))
            except InvalidInputError as exc:
                self.fail(
                    MANIFEST, InvalidInputError(MANIFEST, [f"{where}.{e}" for e in exc.errors])
                )
        return sections


def _bad_portrait_id(number: int, portrait_id: str) -> InvalidInputError:
    stem = portrait_id.removesuffix(".md").rsplit("/", 1)[-1]
    suggestion = slugify(stem)
    example = f" (did you mean {suggestion!r}?)" if suggestion else ""
    return InvalidInputError(
        MANIFEST,
        [f"portraits[{number}]: {portrait_id!r} is not a portrait id{example}"],
        hint="portrait ids are the names of the files in portraits/ without '.md': lowercase "
        "letters, digits and hyphens, no folder and no '..'",
    )


def _read_toml(path: Path, display: str) -> dict[str, Any]:
    text = read_text(path, display=display)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInputError(
            display, [f"invalid TOML: {exc}"], hint="fix the TOML syntax at that line"
        ) from exc
    problems = list(bad_text_in_data(data)) if "\\" in text else []  # escapes only
    if problems:
        raise InvalidInputError(display, problems, hint=BAD_TEXT_HINT)
    return data
