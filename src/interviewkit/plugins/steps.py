"""Content steps: plugins that change an anthology before it is checked and exported.

A step is a class with a ``name``, optional ``before`` / ``after`` tuples of other step names, a
one-line ``description``, and ``run(anthology) -> Anthology``.  Models are frozen, so a step
returns a new anthology (``attrs.evolve``), which is validated again on construction.  Steps run
only when selected, in the order their declarations give (:meth:`StepRegistry.ordered`).
"""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from interviewkit.model.models import Anthology

__all__ = ["Step"]


@runtime_checkable
class Step(Protocol):
    """What a content-step plugin provides.

    .. versionadded:: 0.1
    """

    name: ClassVar[str]
    """The name users select it by (``--step NAME``)."""
    before: ClassVar[tuple[str, ...]]
    """Steps this one must run before (when they are selected too)."""
    after: ClassVar[tuple[str, ...]]
    """Steps this one must run after."""
    description: ClassVar[str]
    """One line for ``interviewkit plugins``."""

    def run(self, anthology: Anthology) -> Anthology:
        """Return the changed anthology (never modify the input: models are frozen)."""
        ...
