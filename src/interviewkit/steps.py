"""Public path ``interviewkit.steps``: re-exports ``interviewkit.plugins.steps``.

The module moved to the plugin machinery, ``interviewkit/plugins/``, when the package layout was
made to show the pipeline (issue 15). Documented code imports it by this name, so the name
stays: this module only re-exports the public names (``__all__``) of
``interviewkit.plugins.steps``. Nothing inside interviewkit imports it (the layers contract
keeps it at the top).
"""

from __future__ import annotations

from interviewkit.plugins.steps import Step as Step

__all__ = [
    "Step",
]
