"""Images of the source folder: what they are, and how each format references them.

The media type comes from decoding the file (:mod:`interviewkit.render._image_files`), not from
its name, so a text file named ``photo.jpg`` is left out instead of producing a broken book.
"""

from __future__ import annotations

import base64
from pathlib import Path
from urllib.parse import quote

from interviewkit._util.fs import ResourceResolver
from interviewkit.errors import InvalidInputError, MissingResourceError
from interviewkit.render._image_files import ImageInfo, inspect_image
from interviewkit.render.svg import removal_warning, sanitize_svg

__all__ = ["EmbeddingResolver", "media_type_of"]


def media_type_of(path: Path) -> str | None:
    """``image/png``, ``image/jpeg``, ``image/gif``, ``image/webp``, ``image/svg+xml`` or None.

    None for anything that is not a usable image (decoded by Pillow: damaged, misnamed, a
    decompression bomb...), so no exporter embeds it; the content checks say why.
    """
    found = inspect_image(path)
    return found.media_type if isinstance(found, ImageInfo) else None


class EmbeddingResolver:
    """Turns an image path of the content into a ``data:`` URI (single-file HTML).

    Records a problem and returns ``None`` for anything that is not an image inside the source
    folder.
    """

    def __init__(self, resources: ResourceResolver) -> None:
        self.resources = resources
        self.problems: list[str] = []
        self._cache: dict[str, str | None] = {}
        self._svg: dict[Path, bytes] = {}

    def locate(self, ref: str) -> tuple[Path, str] | None:
        """The file and media type of ``ref``, or None (with a problem recorded)."""
        try:
            path = self.resources.resolve(ref)
        except MissingResourceError as exc:
            self.problems.append(f"image {ref!r} {exc.reason}")
            return None
        media_type = media_type_of(path)
        if media_type is None:
            self.problems.append(f"image {ref!r} is not a PNG, JPEG, GIF, WebP or SVG file")
            return None
        if media_type == "image/svg+xml" and not self._clean_svg(ref, path):
            return None
        return path, media_type

    def _clean_svg(self, ref: str, path: Path) -> bool:
        """Clean an SVG once (see :mod:`interviewkit.render.svg`); False when it is left out."""
        if path not in self._svg:
            try:
                clean = sanitize_svg(path.read_bytes(), name=ref)
            except InvalidInputError as exc:
                self.problems.append(f"image {ref!r} left out: {'; '.join(exc.errors)}")
                return False
            if clean.removed:
                self.problems.append(removal_warning(ref, clean.removed))
            self._svg[path] = clean.data
        return True

    def read(self, path: Path) -> bytes:
        """The bytes to ship for an image :meth:`locate` returned: an SVG cleaned, others as is."""
        return self._svg[path] if path in self._svg else path.read_bytes()

    def __call__(self, ref: str) -> str | None:
        if ref not in self._cache:
            found = self.locate(ref)
            if found is None:
                self._cache[ref] = None
            else:
                path, media_type = found
                data = base64.b64encode(self.read(path)).decode("ascii")
                self._cache[ref] = f"data:{media_type};base64,{data}"
        return self._cache[ref]


class CopyingResolver(EmbeddingResolver):
    """Collects images to copy next to the pages (multi-page site); returns relative URLs."""

    def __init__(self, resources: ResourceResolver, prefix: str = "images/") -> None:
        super().__init__(resources)
        self.prefix = prefix
        self.files: dict[str, Path] = {}

    def __call__(self, ref: str) -> str | None:
        if ref not in self._cache:
            found = self.locate(ref)
            if found is None:
                self._cache[ref] = None
            else:
                relative = Path(ref).as_posix().removeprefix("images/")
                self.files[relative] = found[0]
                self._cache[ref] = self.prefix + quote(relative)  # "my photo.png" -> %20
        return self._cache[ref]
