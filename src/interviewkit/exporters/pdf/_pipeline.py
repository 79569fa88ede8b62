"""Rendering the parts of a book in parallel, on any :class:`concurrent.futures.Executor`.

WeasyPrint's cost grows faster than the document, so a book is laid out in chunks of a few
portraits, in parallel.  Page numbers run on across the book, but a chunk's first page number is
only known once every chunk before it is laid out: so the chunks are laid out without their page
numbers, and as soon as the first page number of a chunk is known, a small document with just
its page numbers (one page per page of the chunk) is laid out too; the assembly draws those
pages over the chunk's.  When every chunk is counted, the back matter the book makes from its
data (the concordance, the reading list, the index) is written with the page numbers of its
locators and laid out as more chunks, one per part, in parallel, numbered after the last;
then the front matter, with the table of contents (whose last entries are those parts' pages),
is laid out last.

The executor is the caller's (``build(..., executor=...)``), or :func:`default_executor`: a pool
of ``spawn``-ed processes, so that a very large book that exhausts a process's memory ends that
process, not the program that asked for the book.  At most ``in_flight`` parts are submitted at
once, page numbers before waiting chunks, so that the assembly (in this process, as each chunk
and its page numbers are written) is never kept waiting.
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from contextlib import contextmanager
from typing import NamedTuple

from interviewkit.errors import ExporterError
from interviewkit.exporters.pdf._render import Anchor, PartJob, PartResult, render_part

__all__ = [
    "BackJobs",
    "BookResults",
    "ChunkLayout",
    "default_executor",
    "render_book",
    "worker_count",
]

#: What the front matter needs from each chunk: its first page number and its anchors.
ChunkLayout = tuple[int, dict[str, Anchor]]
#: ``(the chunks' layouts) -> jobs``: chunks to add once every chunk is counted (the back
#: matter made from the data, whose page numbers are the book's); numbered after the last.
BackJobs = Callable[[Sequence[ChunkLayout]], Sequence[PartJob]]


def worker_count(requested: int, parts: int) -> int:
    """Parts in flight at once: ``requested`` (0: every core), never more than there are parts."""
    available = requested or os.cpu_count() or 1
    return max(1, min(available, parts))


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


def _init_worker() -> None:
    """Initializer of our own pool's processes (a caller's executor keeps its own settings).

    WeasyPrint logs every CSS property it ignores and every refused URL; the sandbox records
    the refusals, which the exporter reports as problems, so its log is silenced here.  And the
    process ends when the one that started it ends (SIGKILL, say): it would otherwise wait for
    work forever, holding the book's parts and the terminal's output open.
    """
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        multiprocessing.connection.wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="interviewkit-parent-watch", daemon=True).start()


def _warm_up() -> None:
    """Import WeasyPrint in a new process while the parent prepares the parts."""
    import weasyprint  # noqa: F401


@contextmanager
def default_executor(workers: int) -> Iterator[Executor]:
    """A pool of ``workers`` spawned processes, started at once (they take a moment to import).

    On Ctrl-C the parts being laid out are not waited for: the pool's processes are ended.
    """
    context = multiprocessing.get_context("spawn")
    before = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker)
    processes: list[multiprocessing.process.BaseProcess] = []
    try:
        for _ in range(workers):
            pool.submit(_warm_up)
        # The pool starts one process per task until it has them all: these are its processes.
        processes = [p for p in multiprocessing.active_children() if p not in before]
        yield pool
    except KeyboardInterrupt:
        for process in processes:
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class BookResults(NamedTuple):
    """The rendered parts: the front matter, the chunks (the back parts last) and their page
    numbers."""

    front: PartResult
    chunks: list[PartResult]
    folios: list[PartResult]


def render_book(
    executor: Executor,
    chunk_jobs: Sequence[PartJob],
    folio_job: Callable[[int, int, int, dict[str, Anchor]], PartJob],
    front_job: Callable[[Sequence[ChunkLayout]], PartJob],
    *,
    in_flight: int,
    progress: Callable[[str], None],
    on_chunk: Callable[[PartResult, PartResult], None],
    back_jobs: BackJobs | None = None,
    worker: Callable[[PartJob], PartResult] = render_part,
) -> BookResults:
    """Render the chunks, their page numbers, the back matter and the front matter.

    :param chunk_jobs: the chunks, numbered from 1 in ``index``.
    :param folio_job: ``(chunk number, first page number, page count, anchors) -> job``.
    :param front_job: gets each chunk's first page number and anchors, in order, then the back
        matter's (it is laid out once the back matter is).
    :param in_flight: parts submitted to the executor at once.
    :param on_chunk: called with each chunk and its page numbers, in order, as soon as both are
        written (in this process, while the other parts are being rendered).
    :param back_jobs: the generated back matter, once every chunk is counted: more chunks,
        laid out in parallel and numbered (folios included) like the others.
    :param worker: what renders a job in the worker (tests replace it).
    """
    try:
        return _render(
            executor,
            chunk_jobs,
            folio_job,
            front_job,
            back_jobs,
            in_flight,
            progress,
            on_chunk,
            worker,
        )
    except BrokenExecutor as exc:
        raise _died(exc) from exc


def _render(
    executor: Executor,
    chunk_jobs: Sequence[PartJob],
    folio_job: Callable[[int, int, int, dict[str, Anchor]], PartJob],
    front_job: Callable[[Sequence[ChunkLayout]], PartJob],
    back_jobs: BackJobs | None,
    in_flight: int,
    progress: Callable[[str], None],
    on_chunk: Callable[[PartResult, PartResult], None],
    worker: Callable[[PartJob], PartResult],
) -> BookResults:
    count = len(chunk_jobs)
    waiting = list(chunk_jobs)
    running: dict[Future[PartResult], str] = {}
    chunks: dict[int, PartResult] = {}
    folios: dict[int, PartResult] = {}
    layouts: list[ChunkLayout] = []
    front: Future[PartResult] | None = None
    # The back parts are asked for once, when every chunk of the main matter is counted.
    back_added = back_jobs is None
    delivered = 0

    while front is None or running:
        # Page numbers were submitted as soon as known; chunks fill what room is left.
        while waiting and len(running) < in_flight:
            running[executor.submit(worker, waiting.pop(0))] = "chunk"
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            kind = running.pop(future)
            result = future.result()  # a part's error is raised here, as it happened
            if kind == "chunk":
                chunks[result.index] = result
                progress(f"laid out part {len(chunks)} of {count} ({result.page_count} pages)")
            elif kind == "folios":
                folios[result.index] = result
        # The page numbers of each chunk whose first page number is now known.
        while len(layouts) + 1 in chunks:
            chunk = chunks[len(layouts) + 1]
            start = layouts[-1][0] + chunks[len(layouts)].page_count if layouts else 1
            job = folio_job(chunk.index, start, chunk.page_count, chunk.anchors)
            running[executor.submit(worker, job)] = "folios"
            layouts.append((start, chunk.anchors))
        if not back_added and len(layouts) == count:
            back_added = True
            extra = list(back_jobs(layouts)) if back_jobs is not None else []
            waiting += extra
            count += len(extra)
            while waiting and len(running) < in_flight:
                running[executor.submit(worker, waiting.pop(0))] = "chunk"
        if front is None and back_added and len(layouts) == count:
            front = executor.submit(worker, front_job(layouts))
            running[front] = "front"
        while delivered + 1 in folios:
            delivered += 1
            on_chunk(chunks[delivered], folios[delivered])
    return BookResults(
        front=front.result(),
        chunks=[chunks[n] for n in range(1, count + 1)],
        folios=[folios[n] for n in range(1, count + 1)],
    )
