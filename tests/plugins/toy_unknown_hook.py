"""Toy plugin implementing a hook interviewkit does not have (a typo, say)."""

from __future__ import annotations

from interviewkit import ExporterRegistry, hookimpl
from interviewkit.exporters.json import JsonExporter


class ToyUnknownExporter(JsonExporter):
    """A format that must not be registered, since its plugin is refused."""

    name = "toy-unknown"


@hookimpl
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register ``toy-unknown``."""
    registry.add(ToyUnknownExporter)


@hookimpl
def interviewkit_not_a_hook() -> None:
    """Not a hook of interviewkit."""
