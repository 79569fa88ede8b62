"""Rendering the parts of a book in child processes, pipelined.

Layout is done in ``spawn``-ed processes, never in the caller's: a very large book can exhaust a
child's memory, which ends that child, not the program that asked for the book.

Page numbers run on across the parts, and each part's first page number must be known before
it is laid out (it is in the part's CSS: ``counter-reset: page N``).  So the chunks are laid out
in order, but each one reports its page count as soon as its layout is done; the next chunk then
starts on a free process while the previous one is still being written to PDF (drawing and
writing are about a third of the work).  When the last chunk's count is in, the page number of
every portrait is known and the front matter (with the table of contents) is laid out.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queue_module
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from interviewkit.errors import ExporterError
from interviewkit.exporters._pdf_render import Anchor, PartJob, PartResult, init_worker, render_part

__all__ = ["ChunkLayout", "render_book", "worker_count"]

#: What the front matter needs from each chunk: its first page number and its anchors.
ChunkLayout = tuple[int, dict[str, Anchor]]

_POLL_SECONDS = 0.2


def worker_count(requested: int, parts: int) -> int:
    """Processes to start: ``requested`` (0: every core), never more than there are parts."""
    available = requested or os.cpu_count() or 1
    return max(1, min(available, parts))


def _warm_up() -> None:
    """Import WeasyPrint in a fresh process while the first chunk is being laid out."""
    import weasyprint  # noqa: F401


def _died(exc: BaseException) -> ExporterError:
    error = ExporterError(
        "pdf",
        "interviewkit",
        "a PDF rendering process ended unexpectedly (killed, or out of memory)",
    )
    error.hint = (
        "free some memory, or use less: -O pdf.jobs=1 renders one part at a time and "
        "-O pdf.chunk_size=1 lays out one portrait at a time"
    )
    error.__cause__ = exc
    return error


def _check(futures: Sequence[Future[PartResult]]) -> None:
    """Raise the error of a part that failed before reporting its page count."""
    for future in futures:
        if future.done():
            future.result()


def render_book(
    chunk_job: Callable[[int, int], PartJob],
    chunk_count: int,
    front_job: Callable[[Sequence[ChunkLayout]], PartJob],
    *,
    jobs: int,
    progress: Callable[[str], None],
) -> list[PartResult]:
    """Render chunks ``1..chunk_count`` then the front matter; results in book order.

    :param chunk_job: ``(chunk number, first page number) -> job``.
    :param front_job: gets each chunk's first page number and anchors, in order.
    """
    context = multiprocessing.get_context("spawn")
    early: queue_module.Queue[tuple[int, int, dict[str, Anchor]]] = context.Queue()
    workers = worker_count(jobs, chunk_count + 1)
    layouts: list[ChunkLayout] = []
    try:
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=init_worker,
            initargs=(early,),
        ) as pool:
            for _ in range(workers - 1):
                pool.submit(_warm_up)
            futures: dict[int, Future[PartResult]] = {}
            start = 1
            if chunk_count:
                futures[1] = pool.submit(render_part, chunk_job(1, start))
            while len(layouts) < chunk_count:
                try:
                    index, pages, anchors = early.get(timeout=_POLL_SECONDS)
                except queue_module.Empty:
                    _check(list(futures.values()))
                    continue
                layouts.append((start, anchors))
                progress(f"laid out part {index} of {chunk_count} ({pages} pages)")
                start += pages
                if index < chunk_count:
                    futures[index + 1] = pool.submit(render_part, chunk_job(index + 1, start))
            futures[0] = pool.submit(render_part, front_job(layouts))
            results = [futures[index].result() for index in range(chunk_count + 1)]
    except BrokenProcessPool as exc:
        raise _died(exc) from exc
    finally:
        early.close()
        early.join_thread()
    progress("assembling")
    return results
