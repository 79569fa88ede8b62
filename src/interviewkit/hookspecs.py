"""Public path ``interviewkit.hookspecs``: re-exports ``interviewkit.plugins.hookspecs``.

The module moved to the plugin machinery, ``interviewkit/plugins/``, when the package layout was
made to show the pipeline (issue 15). Documented code imports it by this name, so the name
stays: this module only re-exports the public names (``__all__``) of
``interviewkit.plugins.hookspecs``. Nothing inside interviewkit imports it (the layers contract
keeps it at the top).

The hook specifications themselves are re-exported too, so that
``pm.add_hookspecs(interviewkit.hookspecs)`` finds every one of them.
"""

from __future__ import annotations

from interviewkit.plugins.hookspecs import PROJECT_NAME as PROJECT_NAME
from interviewkit.plugins.hookspecs import hookimpl as hookimpl
from interviewkit.plugins.hookspecs import hookspec as hookspec
from interviewkit.plugins.hookspecs import interviewkit_after_export as interviewkit_after_export
from interviewkit.plugins.hookspecs import interviewkit_check as interviewkit_check
from interviewkit.plugins.hookspecs import (
    interviewkit_register_exporters as interviewkit_register_exporters,
)
from interviewkit.plugins.hookspecs import (
    interviewkit_register_importers as interviewkit_register_importers,
)
from interviewkit.plugins.hookspecs import (
    interviewkit_register_steps as interviewkit_register_steps,
)
from interviewkit.plugins.hookspecs import (
    interviewkit_template_context as interviewkit_template_context,
)
from interviewkit.plugins.hookspecs import (
    interviewkit_template_folders as interviewkit_template_folders,
)

__all__ = [
    "PROJECT_NAME",
    "hookimpl",
    "hookspec",
]
