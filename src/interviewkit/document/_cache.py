"""One book document per build, shared by every format of that build."""

from __future__ import annotations

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
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._made: list[tuple[Anthology, BookDocument]] = []

    def get(self, anthology: Anthology, make: Callable[[], BookDocument]) -> BookDocument:
        with self._lock:
            for known, document in self._made:
                if known is anthology:
                    return document
            document = make()
            self._made.append((anthology, document))
            return document
