"""Public path ``interviewkit.migrations``: re-exports ``interviewkit.serialization.migrations``.

The module moved to the serialization stage, ``interviewkit/serialization/``, when the package
layout was made to show the pipeline (issue 15). Documented code imports it by this name, so the
name stays: this module only re-exports the public names (``__all__``) of
``interviewkit.serialization.migrations``. Nothing inside interviewkit imports it (the layers
contract keeps it at the top).
"""

from __future__ import annotations

from interviewkit.serialization.migrations import MIGRATIONS as MIGRATIONS
from interviewkit.serialization.migrations import migrate as migrate
from interviewkit.serialization.migrations import one_to_two as one_to_two

__all__ = [
    "MIGRATIONS",
    "migrate",
    "one_to_two",
]
