"""What an image file of the anthology really is, decided by decoding it, never by its name.

A folder from a stranger may hold a PNG named ``.jpg``, a truncated JPEG, a text file named
``.png``, a TIFF no reader of the book can show, or a 20000 x 20000 PNG of a few kilobytes that
would take gigabytes once decoded.  Every one of them must be refused *before* an exporter embeds
it, with a message that says how to fix it.  Pillow is the only judge for raster images (its
public API: ``Image.open`` limited to the four formats every output can carry, ``verify``,
``load``, ``MAX_IMAGE_PIXELS`` and the decompression-bomb warning and error); SVG is not decoded
here: the sanitizer every format ships it through (:mod:`interviewkit.render.svg`) parses it
without entities, refuses what it cannot clean and says what it removes.

Two depths, one function:

* ``decode=False`` (at load, for the images fields name): the header only, so loading a folder
  stays fast: the format against the four an output carries, the real type against the name,
  and the pixel count against the limit (nothing is decoded yet).
* ``decode=True`` (the content checks of ``check`` and ``build``, and the exporters): ``verify()``
  (PNG: every chunk's checksum) then the pixels are decoded, which catches damaged and truncated
  files of every format.  WeasyPrint sets Pillow's ``ImageFile.LOAD_TRUNCATED_IMAGES`` when it is
  imported, which would let a truncated file pass: it is switched off around the decoding.

Results are cached by file identity (path, size, modification time), so the checks and every
exporter of one build decode each file once.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import attrs

from interviewkit._util.fs import ResourceResolver
from interviewkit.errors import MissingResourceError

__all__ = ["ImageInfo", "ImageRefusal", "inspect_image", "unusable_image"]

#: Pillow's name of each format every output (EPUB, HTML, PDF) can carry: media type, file
#: extensions (the first one is the one to rename to).
_RASTER: dict[str, tuple[str, tuple[str, ...]]] = {
    "PNG": ("image/png", (".png",)),
    "JPEG": ("image/jpeg", (".jpg", ".jpeg")),
    "GIF": ("image/gif", (".gif",)),
    "WEBP": ("image/webp", (".webp",)),
}
_FORMATS = list(_RASTER)
_SVG = ("image/svg+xml", (".svg",))
_FORMATS_HINT = "save it as PNG or JPEG (outputs carry only PNG, JPEG, GIF, WebP and SVG)"


@attrs.frozen
class ImageInfo:
    """A usable image: its real media type and, for raster images, its size in pixels."""

    media_type: str
    width: int | None = None
    height: int | None = None
    removed: tuple[str, ...] = ()
    """SVG only: what the sanitizer removes before any format ships it (``line N: what``)."""


@attrs.frozen
class ImageRefusal:
    """Why a file cannot be used as an image (completes "image 'x' ..."), and how to fix it."""

    reason: str
    hint: str


def inspect_image(path: Path, *, decode: bool = True) -> ImageInfo | ImageRefusal:
    """Decide whether ``path`` (already confined to the anthology folder) is a usable image."""
    try:
        stat = path.stat()
    except OSError as exc:
        return ImageRefusal(f"cannot be read ({exc.strerror})", "check the file's permissions")
    return _inspect(path, decode, (stat.st_size, stat.st_mtime_ns, stat.st_ino))


@lru_cache(maxsize=1024)
def _inspect(path: Path, decode: bool, identity: tuple[int, int, int]) -> ImageInfo | ImageRefusal:
    del identity  # part of the cache key only: a file changed on disk is inspected again
    # Imported here: registering the importers (every command) must not load the decoders.
    from PIL import Image, UnidentifiedImageError

    suffix = path.suffix.lower()
    if suffix in _SVG[1]:
        return _inspect_svg(path)
    try:
        with (
            warnings.catch_warnings(),
            _strict_decoding() if decode else contextlib.nullcontext(),
        ):
            # Over Image.MAX_IMAGE_PIXELS Pillow only warns (it raises over twice the limit):
            # both are a refusal here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path, formats=_FORMATS) as image:
                size = image.size
                found = image.format or ""
                if decode:
                    image.verify()  # every chunk's checksum: a cut PNG may still decode
            if decode:
                with Image.open(path, formats=_FORMATS) as image:
                    image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return _bomb()
    except UnidentifiedImageError:
        if _looks_like_svg(path):
            return _misnamed("an SVG image", suffix, _SVG[1][0])
        return ImageRefusal("is not a PNG, JPEG, GIF, WebP or SVG image", _FORMATS_HINT)
    except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
        # Pillow reports damaged data as OSError ("image file is truncated"), SyntaxError
        # ("broken PNG file") or ValueError, depending on the format and the damage.
        return ImageRefusal(
            f"is damaged or truncated ({exc})",
            "export the image again from the original, or replace the file",
        )
    media_type, suffixes = _RASTER[found]
    if suffix not in suffixes:
        return _misnamed(f"a {found} image", suffix, suffixes[0])
    return ImageInfo(media_type, size[0], size[1])


@contextlib.contextmanager
def _strict_decoding() -> Iterator[None]:
    """Pillow's documented switch, off while we decode, whoever switched it on (WeasyPrint)."""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before


def unusable_image(
    ref: str, resolver: ResourceResolver, *, referrer: str | Path
) -> ImageRefusal | None:
    """Why the image field ``ref`` is refused at load (missing, outside, not an image), or None.

    The light pass (the header, no pixel decoding), so loading a folder stays fast; the content
    checks of ``check`` and ``build`` decode the pixels too.
    """
    try:
        path = resolver.resolve(ref, referrer=referrer)
    except MissingResourceError as exc:
        return ImageRefusal(exc.reason, exc.hint)
    found = inspect_image(path, decode=False)
    return found if isinstance(found, ImageRefusal) else None


def _bomb() -> ImageRefusal:
    from PIL import Image

    return ImageRefusal(
        f"has more pixels than the {Image.MAX_IMAGE_PIXELS:,} one image may have "
        "(a decompression bomb, or a scan far larger than a page needs)",
        "scale it down: a full A4 page at 300 ppi is 2480 x 3508 pixels",
    )


def _misnamed(what: str, suffix: str, right: str) -> ImageRefusal:
    named = f"named {suffix}" if suffix else "with no extension"
    return ImageRefusal(
        f"is {what} {named}",
        f"rename it to {right} (and the path that names it), or convert it to the type its "
        "name says",
    )


def _looks_like_svg(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(512).lstrip().lower()
    return head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head)


def _inspect_svg(path: Path) -> ImageInfo | ImageRefusal:
    # The sanitizer every format ships SVG through decides here too (one parser, one set of
    # refusals): entities and malformed files are refused, what it removes is reported.
    from interviewkit.errors import InvalidInputError
    from interviewkit.render.svg import sanitize_svg

    try:
        cleaned = sanitize_svg(path.read_bytes(), name=path.name)
    except OSError as exc:
        return ImageRefusal(f"cannot be read ({exc.strerror})", "check the file's permissions")
    except InvalidInputError as exc:
        return ImageRefusal(f"is refused: {'; '.join(exc.errors)}", exc.hint)
    return ImageInfo(_SVG[0], removed=cleaned.removed)
