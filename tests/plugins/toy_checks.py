"""Toy check plugin: one warning for every portrait without tags."""

from __future__ import annotations

from collections.abc import Iterator

from interviewkit import Anthology, Problem, hookimpl


@hookimpl
def interviewkit_check(anthology: Anthology) -> Iterator[Problem]:
    """Warn about portraits without tags."""
    for number, portrait in enumerate(anthology.portraits):
        if not portrait.tags:
            yield Problem(
                severity="warning",
                where=f"portraits[{number}] ({portrait.id})",
                message="toy check: the portrait has no tags",
            )
