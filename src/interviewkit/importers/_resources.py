"""Check that every image the content names exists inside the source folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from interviewkit._util.fs import ResourceResolver
from interviewkit.errors import MissingResourceError
from interviewkit.model.models import Anthology, Image
from interviewkit.model.problems import Problem

__all__ = ["check_resources", "images_of", "missing_resources"]


def images_of(anthology: Anthology, *, with_ids: bool = False) -> Iterator[tuple[str, Image]]:
    """Every image of the anthology with the path of the field that holds it.

    :param with_ids: name a portrait's fields with its id too (``portraits[2] (ana).photo``), as
        the content checks name every field of a portrait.
    """
    if anthology.cover is not None:
        yield "cover", anthology.cover
    for field, people in (
        ("editors", anthology.editors),
        ("default_interviewers", anthology.default_interviewers),
    ):
        for number, person in enumerate(people):
            if person.photo is not None:
                yield f"{field}[{number}].photo", person.photo
    for number, portrait in enumerate(anthology.portraits):
        where = f"portraits[{number}] ({portrait.id})" if with_ids else f"portraits[{number}]"
        for field, image in (
            ("subject.photo", portrait.subject.photo),
            ("photo", portrait.photo),
            *(
                (f"interviewers[{n}].photo", person.photo)
                for n, person in enumerate(portrait.interviewers or ())
            ),
        ):
            if image is not None:
                yield f"{where}.{field}", image


def check_resources(anthology: Anthology, root: Path, *, referrer: Path | str) -> None:
    """Raise :class:`MissingResourceError` for the first image that is not in ``root``."""
    resolver = ResourceResolver(root)
    for field, image in images_of(anthology):
        try:
            resolver.resolve(image.path, referrer=referrer)
        except MissingResourceError as exc:
            raise MissingResourceError(exc.file, image.path, f"({field}) {exc.reason}") from None


def missing_resources(anthology: Anthology, root: Path) -> Iterator[Problem]:
    """A warning for every image of the anthology that is not in ``root``."""
    resolver = ResourceResolver(root)
    for field, image in images_of(anthology):
        try:
            resolver.resolve(image.path)
        except MissingResourceError as exc:
            yield Problem(
                severity="warning",
                where=field,
                message=f"image {image.path!r} {exc.reason}; the visual formats leave it out",
                hint=f"copy the images next to the archive ({root.name or '.'}/{image.path})",
            )
