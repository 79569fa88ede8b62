"""Rendering the parts of a book in child processes, in parallel.

Layout is done in ``spawn``-ed processes, never in the caller's: a very large book can exhaust a
child's memory, which ends that child, not the program that asked for the book.

Page numbers run on across the book, but a chunk's first page number is only known once every
chunk before it has been laid out.  So the chunks are laid out in parallel without their page
numbers; each reports its page count as soon as its layout is done, and as soon as the first page
number of a chunk is known, a small document with just its page numbers (one empty page per
page, same page setup) is laid out too; the assembly draws those pages over the chunk's.  When
every chunk is counted, the front matter, with the table of contents, is laid out last.

Each chunk, once it and its page numbers are written, is handed (in order) to a callback: the
assembly copies it into the book while the other parts are still being rendered.
"""

from __future__ import annotations

import multiprocessing
import os
import queue as queue_module
from collections.abc import Callable, Sequence
from concurrent.futures import ALL_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from interviewkit.errors import ExporterError
from interviewkit.exporters.pdf._render import Anchor, PartJob, PartResult, init_worker, render_part

__all__ = ["ChunkLayout", "RenderPool", "worker_count"]

#: What the front matter needs from each chunk: its first page number and its anchors.
ChunkLayout = tuple[int, dict[str, Anchor]]

_POLL_SECONDS = 0.2


def worker_count(requested: int, parts: int) -> int:
    """Processes to start: ``requested`` (0: every core), never more than there are parts."""
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


def _check(futures: Sequence[Future[PartResult]]) -> None:
    """Raise the error of a part that failed before reporting its page count."""
    for future in futures:
        if future.done():
            future.result()


def _warm_up() -> None:
    """Import WeasyPrint in a new process while the parent prepares the parts."""
    import weasyprint  # noqa: F401


class RenderPool:
    """The rendering processes of one book, started early (they take a moment to import).

    Use as a context manager; :meth:`render_book` does the work.
    """

    def __init__(self, jobs: int, parts: int) -> None:
        self.workers = worker_count(jobs, parts)
        self.context = multiprocessing.get_context("spawn")
        self.early = self.context.Queue()
        self.pool = ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self.context,
            initializer=init_worker,
            initargs=(self.early,),
        )

    def __enter__(self) -> RenderPool:
        before = set(multiprocessing.active_children())
        try:
            for _ in range(self.workers):
                self.pool.submit(_warm_up)
        except BrokenProcessPool as exc:
            raise _died(exc) from exc
        # The pool starts one process per task until it has them all: these are its processes.
        self.processes = [p for p in multiprocessing.active_children() if p not in before]
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc_info: object) -> None:
        if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):
            # Ctrl-C or SIGTERM: the parts being laid out are not waited for.
            for process in self.processes:
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.early.close()
        self.early.join_thread()

    def render_book(
        self,
        chunk_jobs: Sequence[PartJob],
        folio_job: Callable[[int, int, int, dict[str, Anchor]], PartJob],
        front_job: Callable[[Sequence[ChunkLayout]], PartJob],
        *,
        progress: Callable[[str], None],
        worker: Callable[[PartJob], PartResult] = render_part,
        on_chunk: Callable[[PartResult, PartResult], None] | None = None,
    ) -> tuple[PartResult, list[PartResult], list[PartResult]]:
        """Render the chunks, their page numbers and the front matter: ``(front, chunks, folios)``.

        Chunks are handed out one at a time, so that the page numbers of a chunk, as soon as
        its first page number is known, are laid out before the chunks still waiting.

        :param chunk_jobs: the chunks, numbered from 1 in ``index``.
        :param folio_job: ``(chunk number, first page number, page count, anchors) -> job``.
        :param front_job: gets each chunk's first page number and anchors, in order.
        :param worker: what renders a job in the child (tests replace it).
        :param on_chunk: called with each chunk and its page numbers, in order, as soon as
            both are written (in this process, while the other parts are being rendered).
        """
        try:
            rendered = self._render(chunk_jobs, folio_job, front_job, progress, worker, on_chunk)
        except BrokenProcessPool as exc:
            raise _died(exc) from exc
        # Nothing more to render: the processes exit while the caller writes the book (leaving
        # the ``with`` block waits for them).
        self.pool.shutdown(wait=False)
        return rendered

    def _render(
        self,
        chunk_jobs: Sequence[PartJob],
        folio_job: Callable[[int, int, int, dict[str, Anchor]], PartJob],
        front_job: Callable[[Sequence[ChunkLayout]], PartJob],
        progress: Callable[[str], None],
        worker: Callable[[PartJob], PartResult],
        on_chunk: Callable[[PartResult, PartResult], None] | None,
    ) -> tuple[PartResult, list[PartResult], list[PartResult]]:
        count = len(chunk_jobs)
        waiting = list(chunk_jobs)
        chunks: list[Future[PartResult]] = []
        folios: list[Future[PartResult]] = []

        delivered = 0

        def hand_out(number: int) -> None:
            while waiting and len(chunks) < number:
                chunks.append(self.pool.submit(worker, waiting.pop(0)))

        def deliver() -> None:
            """Pass on the next chunks whose page numbers are written too, in order."""
            nonlocal delivered
            while on_chunk is not None and delivered < len(folios):
                chunk, numbers = chunks[delivered], folios[delivered]
                if not (chunk.done() and numbers.done()):
                    return
                on_chunk(chunk.result(), numbers.result())
                delivered += 1

        # One chunk per process to begin with; then one more each time a chunk is laid out (its
        # process is writing it, and will be free soon), queued after the page numbers that
        # became known: those are laid out first, so that the assembly is never kept waiting.
        hand_out(self.workers)
        laid_out: dict[int, tuple[int, dict[str, Anchor]]] = {}
        layouts: list[ChunkLayout] = []
        start = 1
        while len(layouts) < count:
            try:
                index, pages, anchors = self.early.get(timeout=_POLL_SECONDS)
            except queue_module.Empty:
                _check([*chunks, *folios])
                deliver()
                continue
            laid_out[index] = (pages, anchors)
            progress(f"laid out part {len(laid_out)} of {count} ({pages} pages)")
            while len(layouts) + 1 in laid_out:
                number = len(layouts) + 1
                pages, anchors = laid_out[number]
                folios.append(self.pool.submit(worker, folio_job(number, start, pages, anchors)))
                layouts.append((start, anchors))
                start += pages
            hand_out(len(laid_out) + self.workers)
            deliver()
        front = self.pool.submit(worker, front_job(layouts))
        while delivered < count and on_chunk is not None:
            wait([chunks[delivered], folios[delivered]], return_when=ALL_COMPLETED)
            deliver()
        return (
            front.result(),
            [future.result() for future in chunks],
            [future.result() for future in folios],
        )
