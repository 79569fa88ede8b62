"""The content check of every image the anthology names, run by ``check`` and ``build`` alike.

The exporters leave out an image they cannot use (its alt text is shown) and used to report it
themselves, once per format and sometimes twice, where ``check`` never saw it.  This pass finds
the same images first, by the same rules, so the problems are listed once and by both commands:

* every image field (cover, photos) and every Markdown image of a rich text (``![alt](path)``,
  found with the renderer's own parser, so a path is read the way the book reads it);
* an image outside the folder, missing, or in a text that shows no image: a warning, the book
  leaves it out;
* a file that is not a usable image (wrong type for its name, damaged, a decompression bomb,
  a format no output carries): an error, whatever names it;
* an image that would print under :data:`~interviewkit._print_sizes.MIN_PPI` in the PDF: a
  warning with the width it needs.

Only texts holding ``![`` are parsed, so a book without inline images costs one substring
search per text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import unquote

from interviewkit._fs import ResourceResolver
from interviewkit._images import ImageRefusal, inspect_image
from interviewkit._print_sizes import MIN_PPI, Page, Placement, page_of, printed_ppi
from interviewkit.checks import Problem
from interviewkit.errors import MissingResourceError
from interviewkit.importers import Source
from interviewkit.importers._resources import images_of, missing_resources
from interviewkit.models import Anthology
from interviewkit.render._links import ANY_SCHEME
from interviewkit.render.markdown import _parser
from interviewkit.render.svg import removal_warning

__all__ = ["image_problems"]

#: (where, text, placement in the PDF or None, whether the text shows images at all)
_Text = tuple[str, str, Placement | None, bool]

_PLACES: dict[Placement, str] = {
    "cover": "on the {page} cover",
    "photo": "as the portrait's photo",
    "text": "in the text of the {page} page",
}


def image_problems(source: Source) -> Iterator[Problem]:
    """Every problem with the images of ``source``, each place once."""
    anthology = source.anthology
    resolver = ResourceResolver(source.root)
    pdf_options = source.export_options.get("pdf", {})
    page = page_of(pdf_options if isinstance(pdf_options, dict) else {})
    # Missing field images: the very warning the json importer gives (it is listed once).
    yield from missing_resources(anthology, source.root)
    shown = {id(p.subject.photo or p.photo) for p in anthology.portraits}
    texts: list[_Text] = []
    for field, image in images_of(anthology):
        if image.caption is not None:
            texts.append((f"{field}.caption", image.caption, None, False))
        try:
            path = resolver.resolve(image.path)
        except MissingResourceError:
            continue  # reported by missing_resources above
        placement: Placement | None = None
        if field == "cover":
            placement = "cover"
        elif id(image) in shown and field.startswith("portraits["):
            placement = "photo"
        yield from _judge(field, image.path, path, placement, page)
    texts.extend(_texts(anthology))
    for where, text, placement, shows in texts:
        if "![" not in text:
            continue
        for src in _image_sources(text, anthology.language):
            yield from _inline(where, src, placement, shows, resolver, page)


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
    ppi, needed = printed_ppi(placement, found.width, found.height, page)
    if ppi < MIN_PPI:
        place = _PLACES[placement].format(page=page.name)
        yield Problem(
            severity="warning",
            where=where,
            message=f"image {ref!r} prints at {ppi} ppi {place} (needs {MIN_PPI})",
            hint=f"use an image at least {needed} px wide ({found.width} x {found.height} now)",
        )


def _texts(anthology: Anthology) -> Iterable[_Text]:
    """Every rich text that may hold a Markdown image, with where it prints."""
    if anthology.description is not None:
        yield "description", anthology.description, None, False
    for number, editor in enumerate(anthology.editors):
        if editor.bio is not None:
            yield f"editors[{number}].bio", editor.bio, None, True  # EPUB only: not printed
    for matter in ("front_matter", "back_matter"):
        for number, section in enumerate(getattr(anthology, matter)):
            yield f"{matter}[{number}] ({section.id}).body", section.body, "text", True
    for number, portrait in enumerate(anthology.portraits):
        where = f"portraits[{number}] ({portrait.id})"
        yield f"{where}.lede", portrait.lede, "text", True
        for role, person in (("subject", portrait.subject), ("interviewer", portrait.interviewer)):
            if person is not None and person.bio is not None:
                yield f"{where}.{role}.bio", person.bio, None, False
        for index, exchange in enumerate(portrait.interview.exchanges):
            exchange_where = f"{where}.interview.exchanges[{index}]"
            yield f"{exchange_where}.question", exchange.question, None, False
            yield f"{exchange_where}.answer", exchange.answer, "text", True


def _image_sources(text: str, language: str) -> Iterator[str]:
    """The ``src`` of every Markdown image of ``text``, parsed as the renderer parses it."""
    for token in _parser(language, None, False).parse(text):
        for child in token.children or ():
            if child.type == "image":
                yield str(child.attrGet("src") or "")
