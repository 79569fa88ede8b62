"""The plugin manager: built-ins and toy plugins through the public hooks, isolation of failures."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import interviewkit
from interviewkit import (
    DuplicateExporterError,
    ExportContext,
    ExporterError,
    ExporterRegistry,
    ExportResult,
    PluginLoadError,
    Source,
    UnknownFormatError,
    hookimpl,
)
from interviewkit.cli import main
from interviewkit.exporters.json import JsonExporter
from interviewkit.plugins import Plugins, get_plugins, make_plugin_manager
from interviewkit.testing import sample_anthology

PLUGINS = Path(__file__).parent / "plugins"


def toy(name: str) -> ModuleType:
    """A fresh import of ``tests/plugins/toy_<name>.py`` (one module object per call)."""
    spec = importlib.util.spec_from_file_location(f"toy_{name}", PLUGINS / f"toy_{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def with_plugins(*extra: tuple[str, object]) -> Plugins:
    """Built-ins plus ``extra``, without installed entry points."""
    return make_plugin_manager(entry_point_plugins=False, extra=list(extra))


@pytest.fixture
def sample_source(tmp_path: Path) -> Source:
    """The sample anthology as a loaded source whose outputs are named ``sample``."""
    return Source(anthology=sample_anthology(), root=tmp_path, file=tmp_path / "sample.json")


def broken_by(plugins: Plugins, name: str) -> PluginLoadError | DuplicateExporterError:
    """The recorded error of the broken plugin ``name``."""
    errors = [error for error in plugins.broken if error.plugin == name]
    assert len(errors) == 1, f"expected one error for {name!r}, got {plugins.broken!r}"
    error = errors[0]
    assert isinstance(error, PluginLoadError | DuplicateExporterError)
    return error


class TestBuiltins:
    def test_json_is_registered_by_the_json_plugin(self, pm: Plugins) -> None:
        """The json format is registered through the hook by the built-in plugin ``json``."""
        entry = pm.exporters.get("json")
        assert entry.cls is JsonExporter
        assert entry.plugin == "json"
        assert entry.distribution == "interviewkit"

    def test_builtins_are_ordinary_plugins(self, pm: Plugins) -> None:
        """Built-in modules are registered in the plugin manager under their plugin names."""
        names = {name for name, plugin in pm.manager.list_name_plugin() if plugin is not None}
        assert {"json", "importers", "checks"} <= names
        assert {entry.plugin for entry in pm.importers} == {"importers"}
        assert not pm.broken

    def test_builtins_can_be_disabled(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """INTERVIEWKIT_DISABLE_PLUGINS applies to built-ins too: no side door for json."""
        monkeypatch.setenv("INTERVIEWKIT_DISABLE_PLUGINS", "json")
        plugins = with_plugins()
        assert "json" not in plugins.exporters
        assert "folder" in plugins.importers


class TestFormats:
    def test_toy_format_builds(self, sample_source: Source, tmp_path: Path) -> None:
        """A format added by a plugin's register hook is built by ``interviewkit.build``."""
        plugins = with_plugins(("toy", toy("text")))
        report = interviewkit.build(
            sample_source, ["toy-text"], tmp_path / "out", options=["upper=true"], plugins=plugins
        )
        assert report.ok
        (result,) = report.results
        assert result.path == tmp_path / "out" / "sample.txt"
        assert result.path.read_text(encoding="utf-8") == (
            "ROSALIE GENDRON, LUTHIÈRE DE QUARTIER\nOWEN PARK BUILDS BICYCLES\n"
        )
        assert plugins.exporters.get("toy-text").plugin == "toy"

    def test_duplicate_name_names_both_plugins(self) -> None:
        """A second plugin registering ``json`` is broken with an error naming both plugins."""

        class Clash:
            @hookimpl
            def interviewkit_register_exporters(self, registry: ExporterRegistry) -> None:
                registry.add(JsonExporter)

        plugins = with_plugins(("clash", Clash()))
        error = broken_by(plugins, "clash")
        assert isinstance(error, DuplicateExporterError)
        assert error.other_plugin == "json"
        assert "plugin 'clash'" in str(error)
        assert "plugin 'json' (from interviewkit)" in str(error)
        assert plugins.exporters.get("json").plugin == "json"

    def test_replace_overrides_a_builtin(self, sample_source: Source, tmp_path: Path) -> None:
        """``registry.add(cls, replace=True)`` replaces the built-in json format on purpose."""

        class ShortJson(JsonExporter):
            def export(
                self, anthology: Any, *, options: Any, target: Path, context: ExportContext
            ) -> ExportResult:
                target.write_text('{"replaced": true}\n', encoding="utf-8")
                return ExportResult(format_name="json", path=target, files=(Path(target.name),))

        class Override:
            @hookimpl
            def interviewkit_register_exporters(self, registry: ExporterRegistry) -> None:
                registry.add(ShortJson, replace=True)

        plugins = with_plugins(("override", Override()))
        assert not plugins.broken
        assert plugins.exporters.get("json").plugin == "override"
        report = interviewkit.build(sample_source, ["json"], tmp_path / "out", plugins=plugins)
        assert report.results[0].path.read_text(encoding="utf-8") == '{"replaced": true}\n'


class TestBrokenPlugins:
    def test_raising_register_hook_is_recorded(self, sample_source: Source, tmp_path: Path) -> None:
        """A register hook that raises makes its plugin broken; json still builds."""
        plugins = with_plugins(("exploder", toy("broken_register")))
        error = broken_by(plugins, "exploder")
        assert isinstance(error, PluginLoadError)
        assert "RuntimeError: toy registration exploded" in str(error)
        assert "interviewkit_register_exporters" in str(error)
        assert "toy-broken" not in plugins.exporters
        assert plugins.manager.get_plugin("exploder") is None
        report = interviewkit.build(sample_source, ["json"], tmp_path / "out", plugins=plugins)
        assert report.ok
        assert (tmp_path / "out" / "sample.json").is_file()

    def test_format_of_a_broken_plugin_is_unknown(self, sample_source: Source) -> None:
        """Selecting a format that only a broken plugin would provide is an unknown format."""
        plugins = with_plugins(("exploder", toy("broken_register")))
        with pytest.raises(UnknownFormatError) as caught:
            interviewkit.build(sample_source, ["toy-broken"], "unused", plugins=plugins)
        assert caught.value.name == "toy-broken"
        assert "json" in caught.value.available

    def test_unknown_hook_is_refused(self) -> None:
        """A plugin implementing an unknown hook is broken and does not take the others down."""
        plugins = with_plugins(("typo", toy("unknown_hook")), ("toy", toy("text")))
        error = broken_by(plugins, "typo")
        assert isinstance(error, PluginLoadError)
        assert "interviewkit_not_a_hook" in str(error)
        assert "toy-unknown" not in plugins.exporters
        assert {"json", "toy-text"} <= set(plugins.exporters.names())

    def test_disabled_plugin_is_not_loaded(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """INTERVIEWKIT_DISABLE_PLUGINS=toy keeps the plugin ``toy`` out entirely."""
        monkeypatch.setenv("INTERVIEWKIT_DISABLE_PLUGINS", "other, toy")
        plugins = with_plugins(("toy", toy("text")))
        assert "toy-text" not in plugins.exporters
        assert "toy" not in [info.name for info in plugins.info()]
        assert not plugins.broken


class TestTracing:
    def test_trace_writes_hook_calls(
        self,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
        sample_source: Source,
    ) -> None:
        """INTERVIEWKIT_TRACE_PLUGINS=1 prints each hook call with its plugin on stderr."""
        monkeypatch.setenv("INTERVIEWKIT_TRACE_PLUGINS", "1")
        plugins = with_plugins(("toy-checks", toy("checks")))
        assert "interviewkit_register_exporters <- json" in capsys.readouterr().err
        interviewkit.run_checks(sample_source, plugins)
        err = capsys.readouterr().err
        assert "interviewkit_check <- checks" in err
        assert "interviewkit_check <- toy-checks" in err

    def test_no_trace_by_default(
        self, capsys: pytest.CaptureFixture[str], sample_source: Source
    ) -> None:
        """Without the switch nothing is written to stderr."""
        plugins = with_plugins(("toy-checks", toy("checks")))
        interviewkit.run_checks(sample_source, plugins)
        assert capsys.readouterr().err == ""


class TestCheckHook:
    def test_toy_check_problems_are_collected(self, sample_source: Source) -> None:
        """Problems of a plugin's ``interviewkit_check`` appear in ``run_checks``."""
        problems = interviewkit.run_checks(sample_source, with_plugins(("toy", toy("checks"))))
        assert [(p.severity, p.where) for p in problems] == [
            ("warning", "portraits[1] (owen-park)")
        ]
        assert "no tags" in problems[0].message

    def test_crashing_check_names_its_plugin(self, sample_source: Source) -> None:
        """A check raising a plain exception becomes an ExporterError naming its plugin."""

        class Crashy:
            @hookimpl
            def interviewkit_check(self, anthology: interviewkit.Anthology) -> list[object]:
                raise ValueError(f"cannot check {anthology.title}")

        with pytest.raises(ExporterError) as caught:
            interviewkit.run_checks(sample_source, with_plugins(("crashy", Crashy())))
        assert caught.value.plugin == "crashy"
        assert "ValueError: cannot check Mains d'ateliers" in str(caught.value)
        assert isinstance(caught.value.__cause__, ValueError)


class Recorder:
    """An ``interviewkit_after_export`` plugin that remembers what it received."""

    def __init__(self) -> None:
        self.calls: list[tuple[ExportResult, ExportContext, bytes]] = []

    @hookimpl
    def interviewkit_after_export(self, result: ExportResult, context: ExportContext) -> None:
        self.calls.append((result, context, result.path.read_bytes()))


class Rejecter:
    """An ``interviewkit_after_export`` plugin that refuses every output (asks only context)."""

    @hookimpl
    def interviewkit_after_export(self, context: ExportContext) -> None:
        raise ValueError(f"{context.format_name} output rejected")


class TestAfterExportHook:
    def test_receives_result_and_context(self, sample_source: Source, tmp_path: Path) -> None:
        """The hook sees the written result at its temporary path and the build context."""
        recorder = Recorder()
        plugins = with_plugins(("recorder", recorder))
        report = interviewkit.build(sample_source, ["json"], tmp_path / "out", plugins=plugins)
        final = tmp_path / "out" / "sample.json"
        (result, context, data) = recorder.calls[0]
        assert len(recorder.calls) == 1
        assert result.format_name == "json"
        assert result.path != final
        assert context.output == final
        assert context.format_name == "json"
        assert context.build_date == sample_anthology().date
        assert data == final.read_bytes()
        assert report.results[0].path == final

    def test_failure_keeps_the_previous_output(self, sample_source: Source, tmp_path: Path) -> None:
        """When the hook raises, the output is not moved into place and the failure names it."""
        out = tmp_path / "out"
        out.mkdir()
        (out / "sample.json").write_text("previous build\n", encoding="utf-8")
        plugins = with_plugins(("rejecter", Rejecter()))
        report = interviewkit.build(sample_source, ["json"], out, plugins=plugins)
        assert not report.ok
        (failure,) = report.failures
        assert isinstance(failure, ExporterError)
        assert failure.plugin == "rejecter"
        assert "interviewkit_after_export" in str(failure)
        assert "ValueError: json output rejected" in str(failure)
        assert isinstance(failure.__cause__, ValueError)
        assert (out / "sample.json").read_text(encoding="utf-8") == "previous build\n"
        assert sorted(p.name for p in out.iterdir()) == ["sample.json"]

    def test_failure_of_one_format_does_not_stop_others(
        self, sample_source: Source, tmp_path: Path
    ) -> None:
        """A hook failing on one format leaves the other formats of the build untouched."""

        class RejectJson:
            @hookimpl
            def interviewkit_after_export(self, result: ExportResult) -> None:
                if result.format_name == "json":
                    raise RuntimeError("no json today")

        plugins = with_plugins(("toy", toy("text")), ("no-json", RejectJson()))
        report = interviewkit.build(
            sample_source, ["json", "toy-text"], tmp_path / "out", plugins=plugins
        )
        assert [r.format_name for r in report.results] == ["toy-text"]
        assert [f.plugin for f in report.failures if isinstance(f, ExporterError)] == ["no-json"]
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["sample.txt"]


class TestInfo:
    def test_info_lists_hooks_formats_and_broken(self) -> None:
        """``Plugins.info()`` describes working plugins and broken ones with their error."""
        plugins = with_plugins(("toy", toy("text")), ("exploder", toy("broken_register")))
        infos = {info.name: info for info in plugins.info()}
        assert infos["toy"].formats == ("toy-text",)
        assert infos["toy"].hooks == ("interviewkit_register_exporters",)
        assert infos["toy"].error is None
        assert infos["json"].distribution == "interviewkit"
        assert infos["json"].formats == ("json",)
        assert infos["checks"].hooks == ("interviewkit_check",)
        assert infos["importers"].importers == (
            "folder",
            "html",
            "json",
            "markdown",
            "portrait",
            "text",
            "wordpress",
        )
        assert infos["exploder"].formats == ()
        assert infos["exploder"].error is not None
        assert "toy registration exploded" in infos["exploder"].error
        assert list(infos) == sorted(infos)


# --------------------------------------------------------------------- real entry points

TOY_EP_MODULE = '''\
"""An installed toy plugin, found through its entry point."""

from interviewkit import hookimpl
from interviewkit.exporters.json import JsonExporter


class ToyEpExporter(JsonExporter):
    name = "toy-ep"
    description = "json under another name (installed toy)"


@hookimpl
def interviewkit_register_exporters(registry):
    registry.add(ToyEpExporter)
'''

TOY_EP_BROKEN_MODULE = """\
raise ImportError("toy_ep_broken needs a library that is not installed")
"""


def install(site: Path, dist: str, entry: str, module: str, body: str) -> None:
    """Write ``module`` and the metadata of an installed distribution ``dist`` 1.0 into ``site``."""
    (site / f"{module}.py").write_text(body, encoding="utf-8")
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[interviewkit]\n{entry} = {module}\n", encoding="utf-8"
    )


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Two fake installed distributions on sys.path: ``toy-ep`` works, ``toy-ep-broken`` not."""
    site = tmp_path / "site"
    site.mkdir()
    install(site, "toy-ep", "toy", "toy_ep_plugin", TOY_EP_MODULE)
    install(site, "toy-ep-broken", "broken", "toy_ep_broken_plugin", TOY_EP_BROKEN_MODULE)
    monkeypatch.syspath_prepend(str(site))
    yield site
    for module in ("toy_ep_plugin", "toy_ep_broken_plugin"):
        sys.modules.pop(module, None)


@pytest.fixture
def fresh_plugins() -> Iterator[None]:
    """The process-wide plugins are loaded anew for this test and forgotten after it."""
    get_plugins.cache_clear()
    yield
    get_plugins.cache_clear()


@pytest.mark.usefixtures("installed")
class TestEntryPoints:
    def test_installed_plugin_provides_a_format(self) -> None:
        """An entry point of an installed distribution registers its format with its metadata."""
        plugins = make_plugin_manager()
        entry = plugins.exporters.get("toy-ep")
        assert entry.plugin == "toy"
        assert entry.distribution == "toy-ep"
        infos = {info.name: info for info in plugins.info()}
        assert (infos["toy"].distribution, infos["toy"].version) == ("toy-ep", "1.0")
        assert infos["toy"].formats == ("toy-ep",)

    def test_import_error_is_recorded_with_distribution(self) -> None:
        """A plugin failing to import is broken, with its distribution, and others still work."""
        plugins = make_plugin_manager()
        error = broken_by(plugins, "broken")
        assert error.distribution == "toy-ep-broken"
        assert "ImportError: toy_ep_broken needs a library" in str(error)
        assert "from toy-ep-broken" in str(error)
        assert {"json", "toy-ep"} <= set(plugins.exporters.names())

    def test_entry_points_off_ignores_installed_plugins(self) -> None:
        """``entry_point_plugins=False`` (the ``pm`` fixture) loads built-ins only."""
        plugins = make_plugin_manager(entry_point_plugins=False)
        assert "toy-ep" not in plugins.exporters
        assert not plugins.broken


@pytest.mark.usefixtures("installed", "fresh_plugins")
class TestCommandLine:
    def test_formats_json_shows_broken_plugin(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``interviewkit formats --json`` lists the installed format and the broken plugin."""
        assert main(["formats", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        formats = {row["name"]: row for row in data["formats"]}
        assert formats["toy-ep"]["plugin"] == "toy"
        assert formats["toy-ep"]["distribution"] == "toy-ep"
        assert formats["json"]["distribution"] == "interviewkit"
        (broken,) = [item for item in data["broken"] if item["plugin"] == "broken"]
        assert broken["distribution"] == "toy-ep-broken"
        assert "ImportError" in broken["error"]

    def test_formats_table_warns_about_broken_plugin(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The ``formats`` table names the broken plugin and its error on stderr and exits 0."""
        assert main(["formats"]) == 0
        captured = capsys.readouterr()
        assert "toy-ep" in captured.out
        assert "broken plugin broken (toy-ep-broken)" in captured.err
        assert "ImportError" in captured.err

    def test_plugins_json_shows_every_plugin(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``interviewkit plugins --json`` lists versions, hooks and the broken plugin's error."""
        assert main(["plugins", "--json"]) == 0
        infos = {info["name"]: info for info in json.loads(capsys.readouterr().out)["plugins"]}
        assert infos["toy"]["version"] == "1.0"
        assert infos["toy"]["hooks"] == ["interviewkit_register_exporters"]
        assert infos["broken"]["distribution"] == "toy-ep-broken"
        assert "ImportError" in infos["broken"]["error"]
        assert infos["json"]["formats"] == ["json"]

    def test_build_with_unavailable_format_exits_2(
        self, capsys: pytest.CaptureFixture[str], fr_example: Path, tmp_path: Path
    ) -> None:
        """Asking for a format no working plugin provides exits 2 with the known formats."""
        out = tmp_path / "out"
        assert main(["build", str(fr_example), "-f", "broken", "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert "unknown format 'broken'" in err
        assert "toy-ep" in err
        assert "hint:" in err
        assert not out.exists()
