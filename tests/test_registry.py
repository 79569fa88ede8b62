"""Registries: adding, looking up and refusing exporters and importers."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest

from interviewkit import (
    DuplicateExporterError,
    ExporterRegistry,
    ImporterRegistry,
    PluginError,
    Source,
    UnknownFormatError,
)
from interviewkit.exporters.json import JsonExporter


def exporter(name: str, /, **overrides: object) -> type[Any]:
    """A valid exporter class named ``name`` (a JsonExporter), with class attributes changed."""
    return type("ToyExporter", (JsonExporter,), {"name": name, **overrides})


class TestExporterRegistry:
    def test_add_get_names(self) -> None:
        """Added classes are found by name, names are sorted, and the entry says who added it."""
        registry = ExporterRegistry()
        text, epub = exporter("text"), exporter("epub")
        registry.add(text)
        registry.add(epub)
        assert registry.names() == ["epub", "text"]
        assert [entry.name for entry in registry] == ["epub", "text"]
        assert len(registry) == 2
        assert "text" in registry
        assert "pdf" not in registry
        entry = registry.get("text")
        assert entry.cls is text
        assert (entry.name, entry.plugin, entry.distribution) == (
            "text",
            "interviewkit",
            "interviewkit",
        )

    def test_duplicate_is_refused(self) -> None:
        """A second class under the same name raises DuplicateExporterError; the first stays."""
        registry = ExporterRegistry()
        first = exporter("text")
        registry.add(first)
        with pytest.raises(DuplicateExporterError) as caught:
            registry.add(exporter("text"))
        assert caught.value.name == "text"
        assert "already registered" in str(caught.value)
        assert "replace=True" in caught.value.hint
        assert registry.get("text").cls is first

    def test_replace_overrides(self) -> None:
        """``replace=True`` puts the new class in place of the old one."""
        registry = ExporterRegistry()
        registry.add(exporter("text"))
        second = exporter("text")
        registry.add(second, replace=True)
        assert registry.get("text").cls is second
        assert registry.names() == ["text"]

    @pytest.mark.parametrize("name", ["JSON", "1json", "", "json_x", "-json", None, 3])
    def test_invalid_name_is_refused(self, name: object) -> None:
        """A name that is not a lowercase slug starting with a letter is refused."""
        registry = ExporterRegistry()
        with pytest.raises(PluginError, match="no valid 'name' class attribute"):
            registry.add(exporter("x", name=name))
        assert len(registry) == 0

    def test_missing_capabilities_are_listed(self) -> None:
        """A class missing every capability is refused with a message listing each one."""

        class Bare:
            name = "bare"

        with pytest.raises(PluginError) as caught:
            ExporterRegistry().add(Bare)
        message = str(caught.value)
        for needed in (
            "a 'suffix' string",
            "a 'media_type' string",
            "a 'description' string",
            "'output' set to 'file' or 'directory'",
            "an 'Options' attrs class",
            "an 'export' method",
        ):
            assert needed in message
        assert "exporter 'bare'" in message

    @pytest.mark.parametrize(
        ("overrides", "needed"),
        [
            ({"output": "zip"}, "'output' set to 'file' or 'directory'"),
            ({"Options": dict}, "an 'Options' attrs class"),
            ({"export": None}, "an 'export' method"),
            ({"suffix": None}, "a 'suffix' string"),
        ],
    )
    def test_one_missing_capability(self, overrides: dict[str, object], needed: str) -> None:
        """A single wrong capability is named, and only that one."""
        with pytest.raises(PluginError) as caught:
            ExporterRegistry().add(exporter("text", **overrides))
        assert caught.value.message == (
            f"exporter 'text' needs {needed} (see the plugin author guide)"
        )

    def test_attrs_options_are_accepted(self) -> None:
        """Any attrs class is accepted as ``Options``."""

        @attrs.frozen(kw_only=True)
        class WidthOptions:
            width: int = 72

        registry = ExporterRegistry()
        registry.add(exporter("text", Options=WidthOptions))
        assert registry.get("text").cls.Options is WidthOptions

    def test_unknown_name_suggests_a_close_one(self) -> None:
        """An unknown name raises UnknownFormatError with a suggestion and the known names."""
        registry = ExporterRegistry()
        registry.add(exporter("json"))
        registry.add(exporter("epub"))
        with pytest.raises(UnknownFormatError) as caught:
            registry.get("jsno")
        error = caught.value
        assert (error.name, error.suggestion, error.available) == ("jsno", "json", ("epub", "json"))
        assert str(error) == (
            "unknown format 'jsno' (did you mean 'json'?); known formats: epub, json"
        )
        assert "interviewkit formats" in error.hint

    def test_unknown_name_without_close_match(self) -> None:
        """Without a close name, the error lists the known names and suggests nothing."""
        registry = ExporterRegistry()
        registry.add(exporter("json"))
        with pytest.raises(UnknownFormatError) as caught:
            registry.get("docx")
        assert caught.value.suggestion is None
        assert str(caught.value) == "unknown format 'docx'; known formats: json"

    def test_unknown_name_in_empty_registry(self) -> None:
        """An empty registry says that no format is known."""
        with pytest.raises(UnknownFormatError, match="known formats: none"):
            ExporterRegistry().get("json")


class NeverImporter:
    """An importer that recognises nothing."""

    name: ClassVar[str] = "never"

    def detect(self, path: Path) -> bool:
        return False

    def load(self, path: Path) -> Source:
        raise AssertionError("never called")


def importer(name: str) -> type[Any]:
    """A minimal importer class named ``name``."""
    return type("ToyImporter", (NeverImporter,), {"name": name})


class TestImporterRegistry:
    def test_in_order_keeps_registration_order(self) -> None:
        """``in_order()`` follows registration order (detection order); ``names()`` is sorted."""
        registry = ImporterRegistry()
        for name in ("zip", "folder", "markdown"):
            registry.add(importer(name))
        assert [entry.name for entry in registry.in_order()] == ["zip", "folder", "markdown"]
        assert registry.names() == ["folder", "markdown", "zip"]

    def test_replace_keeps_the_position(self) -> None:
        """Replacing an importer keeps its place in the detection order."""
        registry = ImporterRegistry()
        for name in ("zip", "folder", "markdown"):
            registry.add(importer(name))
        replacement = importer("folder")
        registry.add(replacement, replace=True)
        assert [entry.name for entry in registry.in_order()] == ["zip", "folder", "markdown"]
        assert registry.get("folder").cls is replacement

    def test_invalid_importer_name_is_refused(self) -> None:
        """Importer names follow the same rule as format names."""
        with pytest.raises(PluginError, match="no valid 'name'"):
            ImporterRegistry().add(importer("Folder"))

    def test_importers_need_only_a_name(self) -> None:
        """Importers are not held to the exporter capabilities."""
        registry = ImporterRegistry()
        toy = importer("toy")
        registry.add(toy)
        assert registry.get("toy").cls is toy


class TestTypedRegistrars:
    """Each kind of importer is registered by its own method and checked against its own
    protocol; nothing is told apart by duck typing."""

    class Both:
        """A class with both methods: what it is depends on how it is registered."""

        name = "both"

        def detect(self, path: object) -> bool:
            return False

        def load(self, path: object) -> None:
            raise NotImplementedError

        def read(self, path: object, options: object) -> list[object]:
            return []

    def test_the_method_decides_the_kind(self) -> None:
        """A class with ``load`` and ``read`` is what the plugin registered it as."""
        registry = ImporterRegistry()
        registry.add_interview_importer(self.Both)
        assert [e.name for e in registry.interview_importers()] == ["both"]
        assert registry.sources() == []
        other = ImporterRegistry()
        other.add_source(self.Both)
        assert [e.name for e in other.sources()] == ["both"]
        assert other.interview_importers() == []

    def test_each_method_checks_its_own_protocol(self) -> None:
        """A source without ``load``, or an interview importer without ``read``, is refused
        with the method it lacks."""

        def detect(self: object, path: object) -> bool:
            return False

        reader_only = type("ReaderOnly", (), {"name": "reader", "detect": detect, "read": detect})
        with pytest.raises(PluginError, match="anthology source and needs a 'detect' and a 'load'"):
            ImporterRegistry().add_source(reader_only)
        with pytest.raises(PluginError, match="of interviews and needs a 'detect' and a 'read'"):
            ImporterRegistry().add_interview_importer(importer("loader-only"))

    def test_the_built_ins_use_the_typed_methods(self) -> None:
        """The built-in sources and interview importers are registered as such."""
        from interviewkit.plugins import make_plugin_manager

        plugins = make_plugin_manager(entry_point_plugins=False)
        assert [e.name for e in plugins.importers.sources()] == ["folder", "portrait", "json"]
        assert [e.name for e in plugins.importers.interview_importers()] == [
            "wordpress",
            "html",
            "markdown",
            "text",
        ]
