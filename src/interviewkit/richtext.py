"""Public path ``interviewkit.richtext``: re-exports ``interviewkit.model.richtext``.

The module moved to the model stage, ``interviewkit/model/``, when the package layout was made
to show the pipeline (issue 15). Documented code imports it by this name, so the name stays:
this module only re-exports the public names (``__all__``) of ``interviewkit.model.richtext``.
Nothing inside interviewkit imports it (the layers contract keeps it at the top).
"""

from __future__ import annotations

from interviewkit.model.richtext import RichText as RichText

__all__ = [
    "RichText",
]
