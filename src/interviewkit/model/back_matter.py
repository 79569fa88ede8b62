"""What the book generates after the portraits, and how: the ``[index]``, ``[concordance]`` and
``[reading_list]`` tables of ``anthology.toml``.

Each part is made when the book has material for it (a name to index, a question asked in two
portraits, a recommended reading) unless its table says ``enabled = false``; its title is the
label of the book's language unless the table gives one.

.. versionadded:: 0.3
"""

from __future__ import annotations

from typing import Any

import attrs
from attrs import Attribute

from interviewkit.errors import ModelError
from interviewkit.model._validators import optional_non_blank

__all__ = ["ConcordanceSettings", "IndexSettings", "ReadingListSettings"]


def _between(low: int, high: int, what: str) -> Any:
    def check(instance: object, attribute: Attribute[Any], value: int) -> None:
        if not low <= value <= high:
            raise ModelError(
                type(instance).__name__,
                attribute.name,
                f"{value} is out of range",
                hint=f"give {what}, from {low} to {high}",
            )

    return check


@attrs.frozen(kw_only=True)
class IndexSettings:
    """The index of people, organisations, handles, hashtags and marked terms.

    .. versionadded:: 0.3
    """

    enabled: bool = True
    """``false``: no index, whatever the book holds."""
    title: str | None = attrs.field(default=None, validator=optional_non_blank)
    """The index's title (default: "Index" in the book's language)."""


@attrs.frozen(kw_only=True)
class ConcordanceSettings:
    """The "same question, every answer" pages: the questions asked in several portraits.

    .. versionadded:: 0.3
    """

    enabled: bool = True
    """``false``: no concordance."""
    title: str | None = attrs.field(default=None, validator=optional_non_blank)
    """The concordance's title (default: "Same question, every answer", translated)."""
    min_portraits: int = attrs.field(
        default=2, validator=_between(2, 100_000, "how many portraits must ask a question")
    )
    """A question is listed when at least this many portraits ask it."""
    similarity: int = attrs.field(
        default=90,
        validator=_between(
            50, 100, "how alike two questions must be to count as one, as a percentage"
        ),
    )
    """How alike two normalised questions must be to count as one: rapidfuzz's
    ``token_sort_ratio`` (0 to 100) at least this.  100 groups only questions that are the same
    once normalised; a question's ``key`` groups reworded ones whatever this says."""
    answers: bool = False
    """``true``: print every answer under the question, not only a link to it."""


@attrs.frozen(kw_only=True)
class ReadingListSettings:
    """One reading list: every portrait's ``reading`` merged, one entry per address.

    .. versionadded:: 0.3
    """

    enabled: bool = True
    """``false``: no merged reading list."""
    title: str | None = attrs.field(default=None, validator=optional_non_blank)
    """The list's title (default: "Reading list", translated)."""
    min_portraits: int = attrs.field(
        default=1, validator=_between(1, 100_000, "how many portraits must recommend a reading")
    )
    """A reading is listed when at least this many portraits recommend it."""
