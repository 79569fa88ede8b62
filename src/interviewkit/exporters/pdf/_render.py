"""Laying out one part of the book with WeasyPrint, in a rendering process.

A *part* is the front matter, a chunk of portraits, or the page numbers of a chunk.
:func:`render_part` runs in a child process (see :mod:`interviewkit.exporters.pdf._pipeline`): it
lays the part out, reports a chunk's page count and anchors to the parent as soon as they are
known (so its page numbers can be laid out while it is being written), strips attachments,
writes the part's PDF to a file and returns what the assembly needs.

Everything here is picklable plain data; WeasyPrint is imported in the child only.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
from typing import Any, Literal

import attrs

from interviewkit.exporters.pdf._content import compact_contents
from interviewkit.exporters.pdf._fetcher import Sandbox, make_url_fetcher
from interviewkit.exporters.pdf._tags import tidy_tags

__all__ = ["Anchor", "PartJob", "PartResult", "init_worker", "render_part"]

#: ``name -> (page index in the part, x, y)``, PDF points from the trimmed page's bottom left.
Anchor = tuple[int, float, float]

_PX_TO_PT = 0.75
_progress_queue: Any = None


@attrs.frozen(kw_only=True)
class PartJob:
    """One part to render."""

    index: int
    """0 for the front matter, then 1, 2... for the chunks of the main matter."""
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


def _cache_page_references() -> None:
    """Make pydyf's ``PDF.page_references`` cached rather than rebuilt at each use.

    WeasyPrint reads it for every structure element of a tagged PDF, and each read builds the
    tuple of every page's reference again: for a chunk of 20 portraits (240 pages, 20,000
    elements) that is millions of strings, a tenth of the time the chunk takes to be written.
    The tuple only changes when a page is added (``Kids`` grows), so it is cached by the length
    of ``Kids``.  Only done in the rendering processes, and only if pydyf still has the property.
    """
    import importlib

    pdf_class = importlib.import_module("pydyf").PDF
    original = pdf_class.__dict__.get("page_references")
    if not isinstance(original, property) or original.fget is None:
        return
    build = original.fget

    def page_references(self: Any) -> Any:
        kids = self.pages["Kids"]
        cached = self.__dict__.get("_interviewkit_page_references")
        if cached is None or cached[0] != len(kids):
            cached = (len(kids), build(self))
            self.__dict__["_interviewkit_page_references"] = cached
        return cached[1]

    pdf_class.page_references = property(page_references)


def _exit_with_parent() -> None:
    """End this process when the one that started it ends (killed with SIGKILL, say).

    The pool's processes would otherwise wait for work forever, holding the book's parts and
    the terminal's output open.
    """
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="interviewkit-parent-watch", daemon=True).start()


def init_worker(queue: Any) -> None:
    """Process-pool initializer: keep the queue that carries early page counts to the parent."""
    global _progress_queue
    _progress_queue = queue
    _exit_with_parent()
    _cache_page_references()
    # WeasyPrint logs every CSS property it ignores and every refused URL; the sandbox records
    # the refusals, which the exporter reports as problems.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)


def _options(job: PartJob) -> dict[str, Any]:
    if job.kind == "folios":
        return {}  # drawn over tagged pages as an artifact by the assembly
    options: dict[str, Any] = {"pdf_tags": job.tagged or job.pdf_variant == "pdf/ua-1"}
    if job.pdf_variant:
        options["pdf_variant"] = job.pdf_variant
    return options


def _finish(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher of an untagged part: shorter text operators."""
    del document
    compact_contents(pdf)


def _finish_tagged(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher of a tagged part: a leaner structure tree, shorter text operators."""
    tidy_tags(document, pdf)
    compact_contents(pdf)


def render_part(job: PartJob) -> PartResult:
    """Lay out, report the page count early, and write one part (runs in a child process)."""
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
            if name not in anchors:
                x, y = position[0], position[1]
                anchors[name] = (number, x * _PX_TO_PT, (page.height - y) * _PX_TO_PT)
    if _progress_queue is not None and job.kind == "chunk":
        _progress_queue.put((job.index, len(pages), anchors))
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
    finisher = _finish_tagged if options.get("pdf_tags") else _finish
    document.copy(pages).write_pdf(job.output, finisher=finisher, **options)
    return PartResult(
        index=job.index,
        output=job.output,
        page_count=len(pages),
        anchors=anchors,
        refused=tuple(dict.fromkeys(job.sandbox.refused)),
        attachments=tuple(attachments),
    )
