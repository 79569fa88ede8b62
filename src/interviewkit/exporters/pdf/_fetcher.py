"""What WeasyPrint may read while it lays out a book: the anthology's files and ours, nothing else.

WeasyPrint's default URL fetcher opens any ``file://`` path and any ``http(s)://`` address, so a
theme template, a stylesheet or a raw-HTML answer could pull ``/etc/passwd`` or a tracking pixel
into the book.  :class:`Sandbox` decides, and the fetcher built by :func:`make_url_fetcher`
serves only what it allows: files inside the anthology folder (checked by the same
:class:`~interviewkit._util.fs.ResourceResolver` as images) and the package's own assets, plus
``data:`` URLs (already inside the document).  An SVG image of the anthology is served as
:func:`~interviewkit.render.svg.clean_svg` cleans it, whichever page or template names it.  Every
refusal is recorded, and the exporter reports each one as a problem.

The anthology folder is given to WeasyPrint as :data:`ANTHOLOGY_URL`, not as its real
``file://`` address: WeasyPrint names each image in the PDF after its URL, so the book would
otherwise change with the folder it was built from.  The fetcher maps that URL to the folder.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from interviewkit._util.fs import ResourceResolver
from interviewkit.errors import InvalidInputError, MissingResourceError
from interviewkit.render.svg import clean_svg, looks_like_xml

__all__ = ["ANTHOLOGY_URL", "Sandbox", "make_url_fetcher"]

#: The base URL of the anthology folder in every document and stylesheet of a book.
ANTHOLOGY_URL = "file:///interviewkit-anthology/"
_ANTHOLOGY_PATH = PurePosixPath(urlsplit(ANTHOLOGY_URL).path)


class Sandbox:
    """The folders a render may read from; records what it refuses.

    Picklable: it is built in the parent and sent to the rendering process.
    """

    def __init__(self, source_root: Path, assets: Path) -> None:
        self.resources = ResourceResolver(source_root)
        self.assets = assets.resolve()
        self.refused: list[tuple[str, str]] = []

    def check(self, url: str) -> Path | None:
        """The file ``url`` may be read from, ``None`` for a ``data:`` URL; else raise."""
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return None
        if scheme != "file":
            reason = "is not a file of the anthology folder (external content is not fetched)"
            self.refused.append((url, reason))
            raise PermissionError(f"{url}: {reason}")
        virtual = PurePosixPath(posixpath.normpath(unquote(urlsplit(url).path)))
        path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
        if path.is_relative_to(self.assets) and path.is_file():
            return path
        try:
            relative = virtual.relative_to(_ANTHOLOGY_PATH)
        except ValueError:
            reason = "points outside the anthology folder"
            self.refused.append((url, reason))
            raise PermissionError(f"{url}: {reason}") from None
        try:
            return self.resources.resolve(relative.as_posix())
        except MissingResourceError as exc:
            self.refused.append((url, exc.reason))
            raise PermissionError(f"{url}: {exc.reason}") from None

    def read(self, url: str, path: Path) -> tuple[bytes, str | None]:
        """The bytes of ``path`` (from :meth:`check`) to serve, and their type if they are SVG."""
        body = path.read_bytes()
        if path.is_relative_to(self.assets) or not looks_like_xml(body):
            return body, None
        name = path.relative_to(self.resources.root).as_posix()
        try:
            return clean_svg(body, name=name), "image/svg+xml"
        except InvalidInputError as exc:
            reason = "; ".join(exc.errors)
            self.refused.append((url, reason))
            raise PermissionError(f"{url}: {reason}") from None


def make_url_fetcher(sandbox: Sandbox) -> Any:
    """A WeasyPrint URL fetcher that reads only what ``sandbox`` allows (imports WeasyPrint)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SandboxedFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            path = sandbox.check(url)
            if path is None:
                return super().fetch(url, headers)  # data: URL, decoded by urllib
            body, media_type = sandbox.read(url, path)
            media_type = media_type or mimetypes.guess_type(path.name)[0]
            # Answered under the URL asked for (for the anthology's files, ANTHOLOGY_URL...):
            # the real path does not reach the book.
            return URLFetcherResponse(
                url,
                body=body,
                headers={"Content-Type": media_type or "application/octet-stream"},
            )

    return SandboxedFetcher(allowed_protocols=("file", "data"), allow_redirects=False)
