"""Public path ``interviewkit.loading``: re-exports ``interviewkit.build.loading``.

The module moved to the build stage, ``interviewkit/build/``, when the package layout was made
to show the pipeline (issue 15). Documented code imports it by this name, so the name stays:
this module only re-exports the public names (``__all__``) of ``interviewkit.build.loading``.
Nothing inside interviewkit imports it (the layers contract keeps it at the top).
"""

from __future__ import annotations

from interviewkit.build.loading import load as load
from interviewkit.build.loading import open_source as open_source

__all__ = [
    "load",
    "open_source",
]
