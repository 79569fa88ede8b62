"""Toy plugin that adds a format, then raises while registering: it must end up broken."""

from __future__ import annotations

from interviewkit import ExporterRegistry, hookimpl
from interviewkit.exporters.json import JsonExporter


class ToyBrokenExporter(JsonExporter):
    """A format that must not survive its plugin's failure."""

    name = "toy-broken"


@hookimpl
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register ``toy-broken``, then fail."""
    registry.add(ToyBrokenExporter)
    raise RuntimeError("toy registration exploded")
