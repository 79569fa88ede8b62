"""Explicit migrations of canonical JSON from older schema versions.

Each migration is a pure function from the unstructured ``anthology`` object of version *N* to
that of version *N + 1*.  :func:`migrate` chains them; a document from a version with no path to
the current one (in practice: a newer one) is refused by the caller with
:class:`~interviewkit.errors.SchemaVersionError`.

Version ``"1"`` is the first published schema, so the table is empty today; the machinery is
tested with a toy migration so that the first real one lands on tested ground.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["MIGRATIONS", "migrate"]

Migration = Callable[[Any], Any]

#: ``{from_version: (to_version, function)}``; append, never rewrite.
MIGRATIONS: dict[str, tuple[str, Migration]] = {}


def migrate(anthology: Any, version: str, target: str) -> Any | None:
    """Migrate ``anthology`` from ``version`` to ``target``; ``None`` when there is no path."""
    seen = {version}
    while version != target:
        step = MIGRATIONS.get(version)
        if step is None:
            return None
        version, function = step
        if version in seen:  # a cycle in the table is a bug; refuse rather than loop
            return None
        seen.add(version)
        anthology = function(anthology)
    return anthology
