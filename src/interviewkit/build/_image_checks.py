"""The content check of every image the anthology names (part of the content checks).

The exporters leave out an image they cannot use (its alt text is shown) and used to report it
themselves, once per format and sometimes twice, where ``check`` never saw it.  This check finds
the same images first, by the same rules, so the problems are listed once and by both commands:

* every image field (cover, photos) and every Markdown image of a rich text (``![alt](path)``,
  found by :mod:`interviewkit.build._text_scan` with the renderer's own parser, so a path is
  read the way the book reads it);
* an image outside the folder, missing, or in a text that shows no image: a warning, the book
  leaves it out;
* a file that is not a usable image (wrong type for its name, damaged, a decompression bomb,
  a format no output carries): an error, whatever names it;
* an image that would print under :data:`~interviewkit.build._print_sizes.MIN_PPI` in the PDF: a
  warning with its size in pixels and the size it needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from interviewkit._util.fs import ResourceResolver
from interviewkit.build._print_sizes import MIN_PPI, Page, Placement, page_of, printed_ppi
from interviewkit.build._rich_texts import TextField
from interviewkit.errors import MissingResourceError
from interviewkit.importers import Source
from interviewkit.importers._resources import images_of, missing_resources
from interviewkit.model._links import ANY_SCHEME
from interviewkit.model.problems import Problem
from interviewkit.render._image_files import ImageRefusal, inspect_image
from interviewkit.render.svg import removal_warning

__all__ = ["ImageChecks"]

_PLACES: dict[Placement, str] = {
    "cover": "on the {page} cover",
    "photo": "as the portrait's photo",
    "text": "in the text of the {page} page",
}


class ImageChecks:
    """The image problems of one source: its image fields, then the images of its texts."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.resolver = ResourceResolver(source.root)
        pdf_options = source.export_options.get("pdf", {})
        self.page = page_of(pdf_options if isinstance(pdf_options, dict) else {})

    def fields(self) -> Iterator[Problem]:
        """Every problem with the cover and the photos, each place once."""
        anthology = self.source.anthology
        # Missing field images: the very warning the json importer gives (it is listed once).
        yield from missing_resources(anthology, self.source.root)
        shown = {id(p.subject.photo or p.photo) for p in anthology.portraits}
        for field, image in images_of(anthology):
            try:
                path = self.resolver.resolve(image.path)
            except MissingResourceError:
                continue  # reported by missing_resources above
            placement: Placement | None = None
            if field == "cover":
                placement = "cover"
            elif id(image) in shown and field.startswith("portraits["):
                placement = "photo"
            yield from _judge(field, image.path, path, placement, self.page)

    def inline(self, field: TextField, src: str) -> Iterator[Problem]:
        """The problems of the image ``src`` written in the text ``field``."""
        yield from _inline(
            field.where, src, field.placement, field.shows_images, self.resolver, self.page
        )


def _inline(
    where: str,
    src: str,
    placement: Placement | None,
    shows: bool,
    resolver: ResourceResolver,
    page: Page,
) -> Iterator[Problem]:
    if not shows:
        yield Problem(
            severity="warning",
            where=where,
            message=f"image {src!r} left out: only ledes, answers and sections show images",
            hint="move the image into the text of an answer, or remove it",
        )
        return
    if ANY_SCHEME.match(src):
        yield Problem(
            severity="warning",
            where=where,
            message=f"image {src!r} left out: only images inside the anthology folder are used",
            hint="save the image in the images/ folder and write its path instead",
        )
        return
    ref = unquote(src)  # as the renderer does: <images/my photo.png> is my%20photo.png
    try:
        path = resolver.resolve(ref)
    except MissingResourceError as exc:
        yield Problem(
            severity="warning",
            where=where,
            message=f"image {ref!r} left out: it {exc.reason}",
            hint=exc.hint,
        )
        return
    yield from _judge(where, ref, path, placement, page)


def _judge(
    where: str, ref: str, path: Path, placement: Placement | None, page: Page
) -> Iterator[Problem]:
    found = inspect_image(path)
    if isinstance(found, ImageRefusal):
        yield Problem(
            severity="error", where=where, message=f"image {ref!r} {found.reason}", hint=found.hint
        )
        return
    if found.removed:
        yield Problem(
            severity="warning",
            where=where,
            message=removal_warning(ref, found.removed),
            hint="save the drawing again without scripts, event handlers or links to other files",
        )
    if placement is None or found.width is None or found.height is None:
        return
    ppi, (wide, tall) = printed_ppi(placement, found.width, found.height, page)
    if ppi < MIN_PPI:
        place = _PLACES[placement].format(page=page.name)
        if placement == "cover" and page.bleed:
            place += " with its bleed"
        yield Problem(
            severity="warning",
            where=where,
            message=(
                f"image {ref!r} ({found.width}\u00d7{found.height} px) prints at {ppi} ppi "
                f"{place} (needs {MIN_PPI})"
            ),
            hint=f"use an image at least {wide}\u00d7{tall} px",
        )
