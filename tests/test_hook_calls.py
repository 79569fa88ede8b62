"""Hooks are called through pluggy: its order, its wrappers, its tracing; results are checked.

Each test registers toy plugins next to the built-ins (no installed entry points) and looks only
at what a plugin author can observe: the order of calls, the results a wrapper sees, what
pluggy's documented tracing reports, and the error that names a misbehaving plugin.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pluggy
import pytest

import interviewkit
from interviewkit import (
    ExportContext,
    ExporterError,
    ExportResult,
    ImporterRegistry,
    Problem,
    Source,
    hookimpl,
)
from interviewkit.build import template_context_for
from interviewkit.errors import PluginError
from interviewkit.plugins import Plugins, make_plugin_manager
from interviewkit.testing import sample_anthology


def with_plugins(*extra: tuple[str, object]) -> Plugins:
    """Built-ins plus ``extra``, registered in this order, without installed entry points."""
    return make_plugin_manager(entry_point_plugins=False, extra=list(extra))


@pytest.fixture
def sample_source(tmp_path: Path) -> Source:
    """The sample anthology as a loaded source whose outputs are named ``sample``."""
    return Source(anthology=sample_anthology(), root=tmp_path, file=tmp_path / "sample.json")


def problem(where: str) -> Problem:
    return Problem(severity="warning", where=where, message=f"found by {where}")


class Noting:
    """A check plugin that notes its name in a shared list when called."""

    def __init__(self, name: str, calls: list[str]) -> None:
        self.name = name
        self.calls = calls

    def check(self) -> list[Problem]:
        self.calls.append(self.name)
        return [problem(self.name)]


def noting(name: str, calls: list[str], **opts: bool) -> object:
    """A plugin whose ``interviewkit_check`` notes ``name`` and carries the options ``opts``."""
    note = Noting(name, calls)

    class Plugin:
        @hookimpl(**opts)
        def interviewkit_check(self) -> list[Problem]:
            return note.check()

    return Plugin()


class TestOrder:
    def test_tryfirst_and_trylast_are_honoured(self, sample_source: Source) -> None:
        """pluggy's order: tryfirst first, trylast last, otherwise the last registered first."""
        calls: list[str] = []
        plugins = with_plugins(
            ("plain-a", noting("plain-a", calls)),
            ("first", noting("first", calls, tryfirst=True)),
            ("plain-b", noting("plain-b", calls)),
            ("last", noting("last", calls, trylast=True)),
        )
        problems = interviewkit.run_checks(sample_source, plugins)
        assert calls == ["first", "plain-b", "plain-a", "last"]
        assert [p.where for p in problems] == ["first", "plain-b", "plain-a", "last"]

    def test_same_order_as_a_direct_pluggy_call(self, sample_source: Source) -> None:
        """The checks run in exactly the order ``pm.hook.interviewkit_check()`` calls them."""
        calls: list[str] = []
        plugins = with_plugins(
            ("a", noting("a", calls, trylast=True)),
            ("b", noting("b", calls)),
            ("c", noting("c", calls, tryfirst=True)),
            ("d", noting("d", calls)),
            ("e", noting("e", calls, tryfirst=True)),
        )
        plugins.manager.hook.interviewkit_check(anthology=sample_source.anthology)
        direct = list(calls)
        calls.clear()
        interviewkit.run_checks(sample_source, plugins)
        assert calls == direct

    def test_a_tryfirst_importer_is_asked_before_the_builtins(self) -> None:
        """Register hooks follow pluggy's order too: tryfirst comes before the built-ins."""

        class Early:
            name = "early"

            def detect(self, path: Path) -> bool:
                return False

            def load(self, path: Path) -> Source:
                raise NotImplementedError

        class Late(Early):
            name = "late"

        class EarlyPlugin:
            @hookimpl(tryfirst=True)
            def interviewkit_register_importers(self, registry: ImporterRegistry) -> None:
                registry.add(Early)

        class LatePlugin:
            @hookimpl
            def interviewkit_register_importers(self, registry: ImporterRegistry) -> None:
                registry.add(Late)

        plugins = with_plugins(("early", EarlyPlugin()), ("late", LatePlugin()))
        order = [entry.name for entry in plugins.importers.sources()]
        assert order[0] == "early"
        assert order[-1] == "late"
        assert order.index("folder") < order.index("late")


class TestWrappers:
    def test_a_check_wrapper_sees_every_result_and_adds_no_none(
        self, sample_source: Source
    ) -> None:
        """A ``wrapper=True`` check runs once around the others and may change their results."""
        calls: list[str] = []
        seen: list[list[Any]] = []

        class Wrapper:
            @hookimpl(wrapper=True)
            def interviewkit_check(self) -> Generator[None, list[Any], list[Any]]:
                calls.append("wrapper:before")
                results = yield
                calls.append("wrapper:after")
                seen.append([list(result) for result in results if result])
                return [*results, [problem("wrapper")]]

        plugins = with_plugins(
            ("a", noting("a", calls)), ("wrapper", Wrapper()), ("b", noting("b", calls))
        )
        problems = interviewkit.run_checks(sample_source, plugins)
        assert calls == ["wrapper:before", "b", "a", "wrapper:after"]
        assert seen == [[[problem("b")], [problem("a")]]]
        assert None not in problems
        assert [p.where for p in problems] == ["b", "a", "wrapper"]

    def test_a_wrapper_may_drop_results(self, sample_source: Source) -> None:
        """What the wrapper returns is the hook's result, as with any pluggy hook."""

        class Silencer:
            @hookimpl(wrapper=True)
            def interviewkit_check(self) -> Generator[None, list[Any], list[Any]]:
                results = yield
                return [[p for p in result if p.where != "noisy"] for result in results]

        calls: list[str] = []
        plugins = with_plugins(("noisy", noting("noisy", calls)), ("silencer", Silencer()))
        assert interviewkit.run_checks(sample_source, plugins) == ()
        assert calls == ["noisy"]

    def test_an_old_style_context_wrapper_sees_the_mappings(self) -> None:
        """A ``hookwrapper=True`` template-context wrapper sees each plugin's mapping, no None."""
        seen: list[list[object]] = []

        class Values:
            @hookimpl
            def interviewkit_template_context(self) -> Mapping[str, object]:
                return {"answer": 42}

        class Nothing:
            @hookimpl
            def interviewkit_template_context(self) -> None:
                return None

        class Wrapper:
            @hookimpl(hookwrapper=True)
            def interviewkit_template_context(self) -> Generator[None, pluggy.Result[Any], None]:
                outcome = yield
                seen.append(list(outcome.get_result()))

        plugins = with_plugins(("values", Values()), ("nothing", Nothing()), ("w", Wrapper()))
        context = template_context_for(plugins, "html")(sample_anthology(), None)
        assert context == {"values": {"answer": 42}}
        assert seen == [[{"answer": 42}]]

    def test_a_failing_wrapper_is_named(self, sample_source: Source) -> None:
        """An exception raised by a wrapper names the wrapper's plugin."""

        class Wrapper:
            @hookimpl(wrapper=True)
            def interviewkit_check(self) -> Generator[None, list[Any], list[Any]]:
                yield
                raise RuntimeError("wrapper broke")

        plugins = with_plugins(("a", noting("a", [])), ("wrapping", Wrapper()))
        with pytest.raises(ExporterError) as caught:
            interviewkit.run_checks(sample_source, plugins)
        assert caught.value.plugin == "wrapping"
        assert "RuntimeError: wrapper broke" in str(caught.value)

    def test_a_failing_plugin_inside_a_wrapper_is_still_named(self, sample_source: Source) -> None:
        """The plugin that raised is named even when a wrapper lets its exception through."""

        class Crashy:
            @hookimpl
            def interviewkit_check(self) -> list[Problem]:
                raise ValueError("crashy broke")

        class Wrapper:
            @hookimpl(wrapper=True)
            def interviewkit_check(self) -> Generator[None, list[Any], list[Any]]:
                return (yield)

        plugins = with_plugins(("crashy", Crashy()), ("wrapping", Wrapper()))
        with pytest.raises(ExporterError) as caught:
            interviewkit.run_checks(sample_source, plugins)
        assert caught.value.plugin == "crashy"
        assert isinstance(caught.value.__cause__, ValueError)


class TestTracing:
    def test_pluggy_tracing_sees_the_hook_calls(self, sample_source: Source) -> None:
        """``enable_tracing()`` with a writer, as pluggy documents it, reports every check call."""
        plugins = with_plugins(("toy", noting("toy", [])))
        lines: list[str] = []
        plugins.manager.trace.root.setwriter(lines.append)
        undo = plugins.manager.enable_tracing()
        try:
            interviewkit.run_checks(sample_source, plugins)
        finally:
            undo()
        text = "".join(lines)
        assert "interviewkit_check [hook]" in text
        assert "finish interviewkit_check -->" in text

    def test_call_monitoring_sees_each_plugin(self, sample_source: Source) -> None:
        """``add_hookcall_monitoring`` sees the calls, with the implementations pluggy runs."""
        plugins = with_plugins(("toy", noting("toy", [])))
        called: list[tuple[str, list[str]]] = []

        def before(name: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, Any]) -> None:
            called.append((name, [impl.plugin_name for impl in impls]))

        def after(*args: object) -> None:
            del args

        undo = plugins.manager.add_hookcall_monitoring(before, after)
        try:
            interviewkit.run_checks(sample_source, plugins)
        finally:
            undo()
        assert ("interviewkit_check", ["toy"]) in called
        assert ("interviewkit_check", ["checks"]) in called

    def test_trace_switch_names_plugins_and_failures(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        sample_source: Source,
    ) -> None:
        """INTERVIEWKIT_TRACE_PLUGINS=1 writes each call and each failure, through pluggy."""
        monkeypatch.setenv("INTERVIEWKIT_TRACE_PLUGINS", "1")

        class Crashy:
            @hookimpl
            def interviewkit_check(self) -> list[Problem]:
                raise ValueError("crashy broke")

        plugins = with_plugins(("crashy", Crashy()))
        with pytest.raises(ExporterError):
            interviewkit.run_checks(sample_source, plugins)
        err = capsys.readouterr().err
        assert "[interviewkit] interviewkit_check <- crashy\n" in err
        assert "[interviewkit] interviewkit_check <- crashy raised ValueError: crashy broke" in err


class TestTemplateHooksOnlyForTemplates:
    """The template hooks fire only for formats that render templates (html, epub, pdf)."""

    class BrokenFolders:
        def __init__(self) -> None:
            self.calls: list[str] = []

        @hookimpl
        def interviewkit_template_folders(self, format_name: str) -> list[Path]:
            self.calls.append(format_name)
            raise OSError("templates are on a missing drive")

    def test_json_ignores_a_broken_template_folders_hook(
        self, sample_source: Source, tmp_path: Path
    ) -> None:
        """A failing template-folders hook does not break the JSON build: json renders none."""
        broken = self.BrokenFolders()
        plugins = with_plugins(("broken-folders", broken))
        report = interviewkit.build(sample_source, ["json"], tmp_path / "out", plugins=plugins)
        assert report.ok
        assert broken.calls == []

    def test_html_fails_with_the_plugin_named(self, sample_source: Source, tmp_path: Path) -> None:
        """The same hook breaks html, with a PluginError naming the plugin and the hook."""
        broken = self.BrokenFolders()
        plugins = with_plugins(("broken-folders", broken))
        report = interviewkit.build(
            sample_source, ["html", "json"], tmp_path / "out", plugins=plugins
        )
        assert [r.format_name for r in report.results] == ["json"]
        (failure,) = report.failures
        assert isinstance(failure, PluginError)
        assert failure.plugin == "broken-folders"
        assert "interviewkit_template_folders failed" in str(failure)
        assert broken.calls == ["html"]

    def test_folders_are_asked_once_per_visual_export(
        self, sample_source: Source, tmp_path: Path
    ) -> None:
        """The hook fires once for a visual format, however often the exporter reads them."""
        calls: list[str] = []

        class Folders:
            @hookimpl
            def interviewkit_template_folders(self, format_name: str) -> list[Path]:
                calls.append(format_name)
                return []

        plugins = with_plugins(("folders", Folders()))
        report = interviewkit.build(
            sample_source, ["json", "html-site"], tmp_path / "out", plugins=plugins
        )
        assert report.ok
        assert calls == ["html-site"]

    def test_json_ignores_a_broken_template_context_hook(
        self, sample_source: Source, tmp_path: Path
    ) -> None:
        """A failing template-context hook does not break the JSON build either."""

        class BrokenContext:
            @hookimpl
            def interviewkit_template_context(self) -> Mapping[str, object]:
                raise RuntimeError("no context today")

        plugins = with_plugins(("broken-context", BrokenContext()))
        report = interviewkit.build(sample_source, ["json"], tmp_path / "out", plugins=plugins)
        assert report.ok


class TestResultsAreChecked:
    """A hook result of the wrong type is a PluginError naming the plugin, the hook and the fix."""

    @pytest.mark.parametrize(
        ("returned", "what"),
        [
            (["not a problem"], "'not a problem' (a str)"),
            ("one string", "a str"),
            (42, "an int"),
            ({"severity": "warning"}, "'severity' (a str)"),
        ],
    )
    def test_check_results_must_be_problems(
        self, sample_source: Source, returned: object, what: str
    ) -> None:
        class Bad:
            @hookimpl
            def interviewkit_check(self) -> object:
                return returned

        with pytest.raises(PluginError) as caught:
            interviewkit.run_checks(sample_source, with_plugins(("bad", Bad())))
        error = caught.value
        assert error.plugin == "bad"
        assert "interviewkit_check" in str(error)
        assert what in str(error)
        assert "Problem" in error.hint
        assert not isinstance(error.__cause__, AttributeError)

    def test_check_generator_yielding_a_string(self, sample_source: Source) -> None:
        """The crash this issue reports: a check yielding a str, not a Problem."""

        class Bad:
            @hookimpl
            def interviewkit_check(self) -> Iterator[object]:
                yield problem("fine")
                yield "portrait 3 has no tags"

        with pytest.raises(PluginError) as caught:
            interviewkit.build(
                sample_source, ["json"], "unused", plugins=with_plugins(("bad", Bad()))
            )
        assert caught.value.plugin == "bad"
        assert "'portrait 3 has no tags' (a str)" in str(caught.value)

    @pytest.mark.parametrize(
        ("returned", "what"),
        [
            (["title", "x"], "a list"),
            ({1: "one"}, "the key 1 (an int)"),
        ],
    )
    def test_template_context_must_be_a_mapping_of_names(
        self, sample_source: Source, tmp_path: Path, returned: object, what: str
    ) -> None:
        class Bad:
            @hookimpl
            def interviewkit_template_context(self) -> object:
                return returned

        plugins = with_plugins(("bad", Bad()))
        report = interviewkit.build(sample_source, ["html"], tmp_path / "out", plugins=plugins)
        (failure,) = report.failures
        assert isinstance(failure, PluginError)
        assert failure.plugin == "bad"
        assert "interviewkit_template_context" in str(failure)
        assert what in str(failure)
        assert "mapping" in failure.hint

    @pytest.mark.parametrize(
        ("returned", "what"),
        [
            ("templates", "a str"),
            ([42], "42 (an int)"),
            (Path("templates"), f"a {type(Path()).__name__}"),
        ],
    )
    def test_template_folders_must_be_paths(
        self, sample_source: Source, tmp_path: Path, returned: object, what: str
    ) -> None:
        class Bad:
            @hookimpl
            def interviewkit_template_folders(self) -> object:
                return returned

        plugins = with_plugins(("bad", Bad()))
        report = interviewkit.build(sample_source, ["html"], tmp_path / "out", plugins=plugins)
        (failure,) = report.failures
        assert isinstance(failure, PluginError)
        assert failure.plugin == "bad"
        assert "interviewkit_template_folders" in str(failure)
        assert what in str(failure)
        assert "folders" in failure.hint

    def test_after_export_returns_nothing(self, sample_source: Source, tmp_path: Path) -> None:
        """A post-export hook returning a value (a 'False' meant as a veto, say) is refused."""

        class Veto:
            @hookimpl
            def interviewkit_after_export(
                self, result: ExportResult, context: ExportContext
            ) -> bool:
                return False

        out = tmp_path / "out"
        report = interviewkit.build(
            sample_source, ["json"], out, plugins=with_plugins(("veto", Veto()))
        )
        (failure,) = report.failures
        assert isinstance(failure, PluginError)
        assert failure.plugin == "veto"
        assert "interviewkit_after_export returned False" in str(failure)
        assert "raise" in failure.hint
        assert not (out / "sample.json").exists()


def test_an_unhashable_plugin_object_is_refused() -> None:
    """pluggy keeps plugins in sets: an unhashable object is broken, named, and the rest works."""

    class Unhashable:
        __hash__ = None  # type: ignore[assignment]

        @hookimpl
        def interviewkit_check(self) -> list[Problem]:
            return []

    plugins = with_plugins(("unhashable", Unhashable()))
    (error,) = plugins.broken
    assert error.plugin == "unhashable"
    assert "unhashable" in error.message
    assert plugins.manager.get_plugin("unhashable") is None
    assert "json" in plugins.exporters
