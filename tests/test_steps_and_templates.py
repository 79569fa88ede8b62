"""Content steps and the template hooks, through toy plugins registered like real ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import attrs
import pytest

import interviewkit
from interviewkit import Anthology, ExporterError, StepRegistry, UnknownStepError, hookimpl
from interviewkit.cli import main
from interviewkit.errors import PluginError
from interviewkit.plugins import Plugins, make_plugin_manager


class Reverse:
    name: ClassVar[str] = "reverse"
    before: ClassVar[tuple[str, ...]] = ()
    after: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = "reverse the portrait order"

    def run(self, anthology: Anthology) -> Anthology:
        return attrs.evolve(anthology, portraits=tuple(reversed(anthology.portraits)))


class Retitle:
    name: ClassVar[str] = "retitle"
    before: ClassVar[tuple[str, ...]] = ()
    after: ClassVar[tuple[str, ...]] = ("reverse",)
    description: ClassVar[str] = "prefix the book title with the first portrait's id"

    def run(self, anthology: Anthology) -> Anthology:
        return attrs.evolve(anthology, title=f"{anthology.portraits[0].id}: {anthology.title}")


class Crash:
    name: ClassVar[str] = "crash"
    before: ClassVar[tuple[str, ...]] = ()
    after: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = "always fails"

    def run(self, anthology: Anthology) -> Anthology:
        raise RuntimeError("boom")


class StepsPlugin:
    @hookimpl
    def interviewkit_register_steps(self, registry: StepRegistry) -> None:
        registry.add(Retitle)
        registry.add(Reverse)
        registry.add(Crash)


class ContextPlugin:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.calls: list[tuple[str | None, str]] = []

    @hookimpl
    def interviewkit_template_context(
        self, portrait: interviewkit.Portrait | None, format_name: str
    ) -> dict[str, Any] | None:
        self.calls.append((portrait.id if portrait else None, format_name))
        if portrait is None:
            return {"banner": "BOOK-LEVEL-MARKER"}
        return {"exchanges": len(portrait.interview.exchanges)}

    @hookimpl
    def interviewkit_template_folders(self, format_name: str) -> list[Path] | None:
        return [self.folder] if self.folder is not None else None


@pytest.fixture
def steps_plugins() -> Plugins:
    return make_plugin_manager(entry_point_plugins=False, extra=[("steps", StepsPlugin())])


class TestSteps:
    """Selected steps change the anthology before checks and export."""

    def test_selected_steps_run_in_declared_order(self, fr_example: Path, steps_plugins: Plugins):
        """'retitle' declares it runs after 'reverse', whatever the order of the selection."""
        source = interviewkit.open_source(fr_example, plugins=steps_plugins)
        changed = interviewkit.run_steps(source, ["retitle", "reverse"], steps_plugins)
        last_id = source.anthology.portraits[-1].id
        assert changed.anthology.portraits[0].id == last_id
        assert changed.anthology.title.startswith(f"{last_id}: ")
        assert source.anthology.portraits[0].id != last_id  # the input is not modified

    def test_steps_apply_to_the_build(
        self, fr_example: Path, tmp_path: Path, steps_plugins: Plugins
    ):
        """A step given to build() shows in the exported JSON."""
        report = interviewkit.build(
            fr_example, ["json"], tmp_path, steps=["reverse"], plugins=steps_plugins
        )
        exported = interviewkit.loads(report.results[0].path.read_bytes())
        original = interviewkit.load(fr_example)
        assert exported.portraits == tuple(reversed(original.portraits))

    def test_unselected_steps_do_not_run(
        self, fr_example: Path, tmp_path: Path, steps_plugins: Plugins
    ):
        """Installing a step plugin changes nothing until the step is selected."""
        report = interviewkit.build(fr_example, ["json"], tmp_path, plugins=steps_plugins)
        assert interviewkit.loads(report.results[0].path.read_bytes()) == interviewkit.load(
            fr_example
        )

    def test_unknown_step_suggests_a_name(self, fr_example: Path, steps_plugins: Plugins):
        """A misspelt step name is refused with the known names and a suggestion."""
        source = interviewkit.open_source(fr_example, plugins=steps_plugins)
        with pytest.raises(UnknownStepError, match="did you mean 'reverse'"):
            interviewkit.run_steps(source, ["revers"], steps_plugins)

    def test_crashing_step_is_named(self, fr_example: Path, steps_plugins: Plugins):
        """A step that raises becomes an ExporterError naming the plugin and the step."""
        source = interviewkit.open_source(fr_example, plugins=steps_plugins)
        with pytest.raises(ExporterError, match="step 'crash' failed: RuntimeError: boom") as info:
            interviewkit.run_steps(source, ["crash"], steps_plugins)
        assert info.value.plugin == "steps"

    def test_circular_order_is_refused(self):
        """Two steps that each want to run before the other are an error naming both."""

        class A:
            name: ClassVar[str] = "a"
            before: ClassVar[tuple[str, ...]] = ("b",)
            after: ClassVar[tuple[str, ...]] = ()

            def run(self, anthology: Anthology) -> Anthology:
                return anthology

        class B(A):
            name: ClassVar[str] = "b"
            before: ClassVar[tuple[str, ...]] = ("a",)

        registry = StepRegistry()
        registry.add(A)
        registry.add(B)
        with pytest.raises(PluginError, match="circular"):
            registry.ordered(["a", "b"])

    def test_step_without_run_is_refused(self):
        """registry.add validates a step class and says what is missing."""

        class NoRun:
            name: ClassVar[str] = "no-run"

        with pytest.raises(PluginError, match="a 'run' method"):
            StepRegistry().add(NoRun)

    def test_anthology_toml_selects_steps(
        self, anthology_copy: Path, tmp_path: Path, steps_plugins: Plugins
    ):
        """`steps = [...]` in anthology.toml selects steps like --step does."""
        manifest = anthology_copy / "anthology.toml"
        manifest.write_text(
            'steps = ["reverse"]\n' + manifest.read_text(encoding="utf-8"), encoding="utf-8"
        )
        report = interviewkit.build(
            anthology_copy, ["json"], tmp_path / "out", plugins=steps_plugins
        )
        exported = interviewkit.loads(report.results[0].path.read_bytes())
        assert exported.portraits[0].id == interviewkit.load(anthology_copy).portraits[-1].id

    def test_cli_step_option(
        self,
        fr_example: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        steps_plugins: Plugins,
    ):
        """`interviewkit build --step NAME` runs the step; an unknown one exits 2."""
        monkeypatch.setattr("interviewkit.plugins.get_plugins", lambda: steps_plugins)
        assert (
            main(["build", str(fr_example), "-f", "json", "-o", str(tmp_path), "-s", "reverse"])
            == 0
        )
        assert (
            main(["build", str(fr_example), "-f", "json", "-o", str(tmp_path), "-s", "nope"]) == 2
        )


class TestTemplateHooks:
    """Plugins add template variables and template folders to the visual formats."""

    def test_context_reaches_every_page(self, fr_example: Path, tmp_path: Path):
        """The hook fires for the index and each portrait page with the format name."""
        plugin = ContextPlugin()
        plugins = make_plugin_manager(entry_point_plugins=False, extra=[("ctx", plugin)])
        interviewkit.build(fr_example, ["html-site"], tmp_path, plugins=plugins)
        ids = [p.id for p in interviewkit.load(fr_example).portraits]
        assert (None, "html-site") in plugin.calls
        assert {(pid, "html-site") for pid in ids} <= set(plugin.calls)

    def test_template_folder_overrides_and_uses_context(self, fr_example: Path, tmp_path: Path):
        """A plugin's template folder overrides a built-in template, which sees plugins.<name>."""
        folder = tmp_path / "templates" / "html"
        folder.mkdir(parents=True)
        (folder / "book.html").write_text(
            '{% extends "html/base.html" %}{% block body %}<main id="content"><p>'
            "{{ plugins.ctx.banner }}</p></main>{% endblock %}",
            encoding="utf-8",
        )
        plugin = ContextPlugin(folder=tmp_path / "templates")
        plugins = make_plugin_manager(entry_point_plugins=False, extra=[("ctx", plugin)])
        report = interviewkit.build(fr_example, ["html"], tmp_path / "out", plugins=plugins)
        assert "<p>BOOK-LEVEL-MARKER</p>" in report.results[0].path.read_text(encoding="utf-8")

    def test_crashing_context_plugin_is_named(self, fr_example: Path, tmp_path: Path):
        """A template-context hook that raises fails that format with the plugin's name."""

        class Broken:
            @hookimpl
            def interviewkit_template_context(self) -> None:
                raise KeyError("oops")

        plugins = make_plugin_manager(entry_point_plugins=False, extra=[("broken", Broken())])
        report = interviewkit.build(fr_example, ["html", "json"], tmp_path, plugins=plugins)
        assert [r.format_name for r in report.results] == ["json"]
        (failure,) = report.failures
        assert isinstance(failure, ExporterError)
        assert failure.plugin == "broken"
        assert "interviewkit_template_context failed" in str(failure)


def test_unknown_handle_platform_is_a_warning(anthology_copy: Path) -> None:
    """A handle_platform interviewkit cannot link to is reported, naming the known ones."""
    manifest = anthology_copy / "anthology.toml"
    text = manifest.read_text(encoding="utf-8").replace(
        'handle_platform = "twitter"', 'handle_platform = "myspace"'
    )
    manifest.write_text(text, encoding="utf-8")
    problems = interviewkit.run_checks(interviewkit.open_source(anthology_copy))
    (problem,) = [p for p in problems if p.where == "handle_platform"]
    assert problem.severity == "warning"
    assert "'myspace'" in problem.message
    assert "mastodon:<server>" in problem.hint
