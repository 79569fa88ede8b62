"""One book document per build, shared by every format of that build."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

from interviewkit.document.book import BookDocument
from interviewkit.model.models import Anthology

__all__ = ["DocumentCache"]


class DocumentCache:
    """Makes the document of an anthology the first time a format asks, then hands out that one.

    The build gives one cache to the export context of each of its formats, so ``-f all``
    parses and typesets every text once.  The anthology is compared by identity: a format that
    asks about another anthology (one it made itself) gets that one's own document.

    :param freeze: make the document with the garbage collector paused, then keep every object
        alive at that point out of its full collections until :meth:`release` (``gc.freeze``).
        The document lives as long as the build; its hundred thousand nodes set off more full
        collections while they were made, and each collection during the export scanned them
        again: at 160 portraits that was half a second of an EPUB build of three.  Only when
        the process has frozen nothing itself (a server that froze its own objects before
        forking keeps them as they are).
    """

    def __init__(self, *, freeze: bool = False) -> None:
        self._lock = threading.Lock()
        self._made: list[tuple[Anthology, BookDocument]] = []
        self._freeze = freeze
        self._frozen = False

    def get(self, anthology: Anthology, make: Callable[[], BookDocument]) -> BookDocument:
        with self._lock:
            for known, document in self._made:
                if known is anthology:
                    return document
            freeze = self._freeze and not self._frozen and gc.get_freeze_count() == 0
            collecting = gc.isenabled()
            if freeze:
                gc.disable()  # making it only allocates: nothing for a collection to find
            try:
                document = make()
            finally:
                if freeze and collecting:
                    gc.enable()
            self._made.append((anthology, document))
            if freeze:
                gc.freeze()
                self._frozen = True
            return document

    def release(self) -> None:
        """Forget the documents and give the frozen objects back to the collector."""
        with self._lock:
            self._made.clear()
            if self._frozen:
                gc.unfreeze()
                self._frozen = False
