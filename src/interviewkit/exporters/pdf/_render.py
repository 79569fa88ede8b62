"""Laying out one part of the book with WeasyPrint, in a worker of the build's executor.

A *part* is the front matter, a chunk of portraits, the page numbers of a chunk, or the back
matter made from the data.
:func:`render_part` lays the part out, strips attachments, writes the part's PDF to a file and
returns what the assembly needs.  It uses WeasyPrint's documented API only (``HTML.render``,
``Document.copy``, ``Document.write_pdf``, the pages' ``anchors`` and ``links``); the written
file is left as WeasyPrint wrote it.

A job and its result are plain, picklable data, so that any :class:`concurrent.futures.Executor`
can run it: a process pool here, a cluster's workers elsewhere.  WeasyPrint is imported in the
worker only.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from interviewkit.exporters.pdf._fetcher import Sandbox, make_url_fetcher

__all__ = ["Anchor", "PartJob", "PartResult", "render_part"]

#: ``name -> (page index in the part, x, y)``, PDF points from the trimmed page's bottom left.
Anchor = tuple[int, float, float]

_PX_TO_PT = 0.75


@attrs.frozen(kw_only=True)
class PartJob:
    """One part to render."""

    index: int
    """0 for the front matter, then 1, 2... for the chunks of the main matter, and the one
    after the last chunk for the back matter made from the data."""
    kind: Literal["front", "chunk", "folios"]
    html: str
    stylesheets: tuple[tuple[str, str], ...]
    """``(css, base_url)`` in cascade order: print.css, page setup, then the theme's."""
    base_url: str
    """``file://`` URL of the anthology folder: relative image paths resolve against it."""
    sandbox: Sandbox
    output: str
    """Where to write the part's PDF."""
    tagged: bool
    pdf_variant: str | None


@attrs.frozen(kw_only=True)
class PartResult:
    """What the assembly needs to know about a rendered part."""

    index: int
    output: str
    page_count: int
    anchors: dict[str, Anchor]
    refused: tuple[tuple[str, str], ...] = ()
    """``(url, reason)`` of every resource the sandbox refused."""
    attachments: tuple[str, ...] = ()
    """Attachments the document asked for and that were left out."""


def _options(job: PartJob) -> dict[str, Any]:
    if job.kind == "folios":
        return {}  # drawn over tagged pages as an artifact by the assembly
    options: dict[str, Any] = {"pdf_tags": job.tagged or job.pdf_variant == "pdf/ua-1"}
    if job.pdf_variant:
        options["pdf_variant"] = job.pdf_variant
    return options


def render_part(job: PartJob) -> PartResult:
    """Lay out and write one part (runs in a worker: a child process, a thread, a cluster)."""
    import weasyprint

    fetcher = make_url_fetcher(job.sandbox)
    sheets = [
        weasyprint.CSS(string=css, base_url=base, url_fetcher=fetcher)
        for css, base in job.stylesheets
    ]
    html = weasyprint.HTML(string=job.html, base_url=job.base_url, url_fetcher=fetcher)
    options = _options(job)
    document = html.render(stylesheets=sheets, **options)
    pages = document.pages
    if job.kind != "folios" and len(pages) > 1:
        # The part ends with an empty element that starts on a right-hand page: dropping that
        # last page leaves an even page count, so the next part starts on a right-hand page.
        pages = pages[:-1]
    anchors: dict[str, Anchor] = {}
    for number, page in enumerate(pages):
        for name, position in page.anchors.items():
            x, y = position[0], position[1]
            anchors.setdefault(name, (number, x * _PX_TO_PT, (page.height - y) * _PX_TO_PT))
    # Files attached with <link rel=attachment> or <a rel=attachment> would be embedded in the
    # PDF: none are, whatever a theme template or raw HTML asks for.
    attachments = [
        f"<link rel=attachment> {attachment.description or attachment.name or ''}".strip()
        for attachment in document.metadata.attachments
    ]
    document.metadata.attachments = []
    for page in pages:
        attachments.extend(
            f"<a rel=attachment> {link[1]}" for link in page.links if link[0] == "attachment"
        )
        page.links[:] = [link for link in page.links if link[0] != "attachment"]
    document.copy(pages).write_pdf(job.output, **options)
    return PartResult(
        index=job.index,
        output=job.output,
        page_count=len(pages),
        anchors=anchors,
        refused=tuple(dict.fromkeys(job.sandbox.refused)),
        attachments=tuple(attachments),
    )
