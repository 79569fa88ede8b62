"""Public path ``interviewkit.registry``: re-exports ``interviewkit.plugins.registry``.

The module moved to the plugin machinery, ``interviewkit/plugins/``, when the package layout was
made to show the pipeline (issue 15). Documented code imports it by this name, so the name
stays: this module only re-exports the public names (``__all__``) of
``interviewkit.plugins.registry``. Nothing inside interviewkit imports it (the layers contract
keeps it at the top).
"""

from __future__ import annotations

from interviewkit.plugins.registry import ExporterRegistry as ExporterRegistry
from interviewkit.plugins.registry import ImporterRegistry as ImporterRegistry
from interviewkit.plugins.registry import Registered as Registered
from interviewkit.plugins.registry import StepRegistry as StepRegistry

__all__ = [
    "ExporterRegistry",
    "ImporterRegistry",
    "Registered",
    "StepRegistry",
]
