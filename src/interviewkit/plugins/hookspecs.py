"""The plugin contract: every hook interviewkit calls, and the markers plugins use.

Hooks are named ``interviewkit_<verb>_<noun>`` and always called with keyword arguments, so an
implementation may accept only the arguments it needs.  Arguments may be added in later versions,
never renamed or removed.  The built-in formats are registered through these same hooks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from interviewkit.exporters import ExportContext, ExportResult
    from interviewkit.model.models import Anthology, Portrait
    from interviewkit.model.problems import Problem
    from interviewkit.plugins.registry import ExporterRegistry, ImporterRegistry, StepRegistry

__all__ = ["PROJECT_NAME", "hookimpl", "hookspec"]

#: The pluggy project name, and the entry-point group third-party plugins declare.
PROJECT_NAME = "interviewkit"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
#: Decorate a plugin's hook implementations with this marker.
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register export formats.

    Fires once per process, the first time a format is looked up.  Call
    ``registry.add(ExporterClass)`` for every format the plugin provides.

    :param registry: the exporter registry;
        :meth:`~interviewkit.plugins.registry.ExporterRegistry.add` refuses a format name that
        another plugin already registered.
    :return: nothing.

    .. versionadded:: 0.1
    """


@hookspec
def interviewkit_register_importers(registry: ImporterRegistry) -> None:
    """Register sources :func:`interviewkit.load` can read, and importers of published interviews.

    Fires once per process, the first time a path is loaded or imported.  Call
    ``registry.add(ImporterClass)``: a class with ``load`` is an anthology source, one with
    ``read`` an :class:`~interviewkit.InterviewImporter`.

    :param registry: the importer registry.
    :return: nothing.

    .. versionadded:: 0.1
    """


@hookspec
def interviewkit_check(anthology: Anthology) -> Iterable[Problem]:
    """Check the content of an anthology before it is exported.

    Fires on every build and every ``interviewkit check``, after loading.  Results of every
    implementation are collected; ``error`` problems stop the build.

    :param anthology: the anthology about to be built.
    :return: the problems found (an empty iterable when there are none).

    .. versionadded:: 0.1
    """
    raise NotImplementedError  # pragma: no cover - specification only


@hookspec
def interviewkit_after_export(result: ExportResult, context: ExportContext) -> None:
    """Act on a finished export: validate it, publish it, report on it.

    Fires after each format is written to its temporary path and before it is moved into place,
    so raising here keeps a bad output from replacing a good one.  An exception becomes an
    :class:`~interviewkit.errors.ExporterError` naming the plugin.

    :param result: what the exporter wrote.
    :param context: the build context (source folder, build date, output path).
    :return: nothing.

    .. versionadded:: 0.1
    """


@hookspec
def interviewkit_register_steps(registry: StepRegistry) -> None:
    """Register content steps: functions from an anthology to a changed anthology.

    Fires once per process, with the other register hooks.  Call ``registry.add(StepClass)``.
    A step runs only when the user selects it (``steps = [...]`` in ``anthology.toml`` or
    ``interviewkit build --step NAME``), after loading and before checks, in the order its
    ``before`` / ``after`` declarations give.

    :param registry: the step registry.
    :return: nothing.

    .. versionadded:: 0.1
    """


@hookspec
def interviewkit_template_context(
    anthology: Anthology, portrait: Portrait | None, format_name: str
) -> Mapping[str, object] | None:
    """Add variables to the templates of the visual formats.

    Fires once per rendered page: with ``portrait=None`` for the book-level pages (the single
    HTML file, the site's index), and once per portrait page.  The mapping returned is
    available in templates as ``plugins.<plugin name>``; two plugins cannot clash.

    :param anthology: the anthology being built.
    :param portrait: the portrait of the page, or ``None``.
    :param format_name: the format being built (``html``, ``html-site``...).
    :return: a mapping of variables, or ``None`` to add nothing.

    .. versionadded:: 0.1
    """


@hookspec
def interviewkit_template_folders(format_name: str) -> Iterable[Path] | None:
    """Add folders of Jinja2 templates, searched after the anthology's ``theme/templates``.

    Fires once per visual export.  A folder may override any built-in template by giving a
    file the same relative name (``html/portrait.html``).

    :param format_name: the format being built.
    :return: folders, in priority order, or ``None``.

    .. versionadded:: 0.1
    """
