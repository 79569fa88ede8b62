"""Issue 15: plugins load in a fixed order, clashes and crashes are visible, listings agree.

Installed plugins are fake distributions written into a folder put on ``sys.path`` (a module
and a ``.dist-info`` with ``METADATA`` and ``entry_points.txt``), found by ``importlib.metadata``
exactly as a ``pip install`` would make them found.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ClassVar, Literal

import pytest

import interviewkit
from interviewkit import (
    DuplicateExporterError,
    ExportContext,
    ExporterRegistry,
    ExportResult,
    OutputError,
    PluginLoadError,
    Source,
    hookimpl,
)
from interviewkit.cli import main
from interviewkit.exporters.json import JsonExporter
from interviewkit.plugins import get_plugins, make_plugin_manager
from interviewkit.testing import sample_anthology

Capture = pytest.CaptureFixture[str]

# A plugin module registering the format NAME, with a description saying which plugin wrote it.
CLASH_MODULE = """\
from interviewkit import hookimpl
from interviewkit.exporters.json import JsonExporter


class ClashExporter(JsonExporter):
    name = "clash"
    suffix = ".clash.json"
    description = "the clash format of {dist}"


@hookimpl
def interviewkit_register_exporters(registry):
    registry.add(ClashExporter)
"""

# Two formats writing the same path (the same suffix), and one whose code crashes deep inside.
TOOLS_MODULE = '''\
from pathlib import Path
from typing import Any

import attrs

from interviewkit import ExportResult, hookimpl
from interviewkit.exporters.json import JsonExporter


@attrs.frozen(kw_only=True)
class TwinOptions:
    """Options of the twin formats."""

    width: int = 72
    """Wrap lines at this many characters."""
    tags: tuple[str, ...] = attrs.field(factory=tuple, metadata={{"description": "Tags kept."}})
    title: str | None = None


class TwinA(JsonExporter):
    name = "twin-a"
    suffix = ".txt"
    description = "first twin"
    Options = TwinOptions

    def export(self, anthology, *, options, target, context):
        target.write_text(self.name, encoding="utf-8")
        return ExportResult(format_name=self.name, path=target, files=(Path(target.name),))


class TwinB(TwinA):
    name = "twin-b"
    description = "second twin"


class Crashy(JsonExporter):
    name = "crashy"
    suffix = ".crashy"
    description = "always crashes"

    def export(self, anthology, *, options, target, context):
        return _deep_inside_the_plugin(anthology)


def _deep_inside_the_plugin(anthology: Any) -> Any:
    raise ValueError("the plugin tripped over " + anthology.title)


@hookimpl
def interviewkit_register_exporters(registry):
    registry.add(TwinA)
    registry.add(TwinB)
    registry.add(Crashy)
'''

BROKEN_MODULE = """\
def _helper_that_fails():
    raise ImportError("needs a library that is not installed")


_helper_that_fails()
"""


Installer = Callable[[str, str, str, str], Path]


@pytest.fixture
def install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Installer]:
    """``install(dist, entry, module, body)``: a distribution in its own folder on sys.path.

    Each call prepends its folder, so the distribution installed last is the first that
    ``importlib.metadata`` finds.
    """
    modules: list[str] = []

    def installer(dist: str, entry: str, module: str, body: str) -> Path:
        site = tmp_path / f"site-{dist}"
        site.mkdir()
        (site / f"{module}.py").write_text(body.format(dist=dist), encoding="utf-8")
        info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n", encoding="utf-8"
        )
        (info / "entry_points.txt").write_text(
            f"[interviewkit]\n{entry} = {module}\n", encoding="utf-8"
        )
        monkeypatch.syspath_prepend(str(site))
        modules.append(module)
        return site

    get_plugins.cache_clear()
    yield installer
    get_plugins.cache_clear()
    for module in modules:
        sys.modules.pop(module, None)


@pytest.fixture
def sample_source(tmp_path: Path) -> Source:
    """The sample anthology as a loaded source whose outputs are named ``sample``."""
    return Source(anthology=sample_anthology(), root=tmp_path, file=tmp_path / "sample.json")


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    """Run the command line with ``argv``; return the exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ----------------------------------------------------------------------- 2. load order


class TestLoadOrder:
    @pytest.mark.parametrize("installed_first", ["alpha", "zulu"])
    def test_same_winner_whatever_the_file_system_lists_first(
        self, install: Installer, installed_first: str
    ) -> None:
        """Two distributions claiming ``clash``: the one first by name keeps it, in any order.

        The folder installed last comes first on sys.path, so the two runs see the entry
        points in opposite orders from importlib.metadata.
        """
        dists = {"alpha": ("alpha-formats", "clash_alpha"), "zulu": ("zulu-formats", "clash_z")}
        order = [installed_first, *(name for name in dists if name != installed_first)]
        for entry in order:
            dist, module = dists[entry]
            install(dist, entry, module, CLASH_MODULE)
        plugins = make_plugin_manager()
        winner = plugins.exporters.get("clash")
        assert (winner.plugin, winner.distribution) == ("alpha", "alpha-formats")
        assert winner.cls.description == "the clash format of alpha-formats"
        (refused,) = [error for error in plugins.broken if error.plugin == "zulu"]
        assert isinstance(refused, DuplicateExporterError)
        assert refused.other_plugin == "alpha"
        assert "format 'clash' is already registered by plugin 'alpha'" in str(refused)

    @pytest.mark.parametrize("installed_first", ["first-dist", "second-dist"])
    def test_same_entry_point_name_in_two_distributions(
        self, install: Installer, installed_first: str
    ) -> None:
        """Two distributions with an entry point ``dup``: the first by name keeps the name."""
        for dist in (installed_first, *({"first-dist", "second-dist"} - {installed_first})):
            install(dist, "dup", f"dup_{dist.replace('-', '_')}", CLASH_MODULE)
        plugins = make_plugin_manager()
        assert plugins.exporters.get("clash").distribution == "first-dist"
        (refused,) = [error for error in plugins.broken if error.plugin == "dup"]
        assert isinstance(refused, PluginLoadError)
        assert refused.distribution == "second-dist"
        assert "already taken by plugin 'dup' (from first-dist)" in str(refused)
        infos = [(info.distribution, info.error is None) for info in plugins.info()]
        assert ("first-dist", True) in infos
        assert ("second-dist", False) in infos

    def test_build_report_and_command_warn_about_the_refused_plugin(
        self, install: Installer, capsys: Capture, fr_example: Path, tmp_path: Path
    ) -> None:
        """``build`` reports the plugin kept out; the command prints one warning line for it."""
        install("zulu-formats", "zulu", "clash_zulu_cli", CLASH_MODULE)
        install("alpha-formats", "alpha", "clash_alpha_cli", CLASH_MODULE)
        report = interviewkit.build(fr_example, ["clash"], tmp_path / "api", plugins=get_plugins())
        assert [error.plugin for error in report.broken_plugins] == ["zulu"]
        code, _, err = run(capsys, "build", str(fr_example), "-f", "clash", "-o", str(tmp_path))
        assert code == 0
        warning = (
            "warning: plugin 'zulu' (from zulu-formats) is not loaded: format 'clash' is "
            "already registered by plugin 'alpha' (from alpha-formats)"
        )
        assert [line for line in err.splitlines() if line.startswith("warning: plugin")] == [
            warning
        ]

    def test_build_warns_about_a_plugin_that_cannot_be_imported(
        self, install: Installer, capsys: Capture, fr_example: Path, tmp_path: Path
    ) -> None:
        """A plugin failing at import is named in a warning even when its format is not asked."""
        install("broken-dist", "broken", "broken_at_import", BROKEN_MODULE)
        code, _, err = run(capsys, "build", str(fr_example), "-f", "json", "-o", str(tmp_path))
        assert code == 0
        assert (
            "warning: plugin 'broken' (from broken-dist) is not loaded: cannot be imported: "
            "ImportError: needs a library that is not installed" in err
        )
        assert "Traceback" not in err

    def test_quiet_build_prints_no_warning(
        self, install: Installer, capsys: Capture, fr_example: Path, tmp_path: Path
    ) -> None:
        """``-q`` prints only errors."""
        install("broken-dist", "broken", "broken_quiet", BROKEN_MODULE)
        code, _, err = run(
            capsys, "build", str(fr_example), "-q", "-f", "json", "-o", str(tmp_path)
        )
        assert code == 0
        assert err == ""


# ------------------------------------------------------------------ 3. one path, two formats


class TextTwin:
    """A second format writing ``.txt`` files, like ``toy-text``."""

    name: ClassVar[str] = "text-twin"
    suffix: ClassVar[str] = ".txt"
    media_type: ClassVar[str] = "text/plain"
    output: ClassVar[Literal["file", "directory"]] = "file"
    description: ClassVar[str] = "another .txt format"
    Options: ClassVar[type[interviewkit.NoOptions]] = interviewkit.NoOptions

    def export(
        self, anthology: interviewkit.Anthology, *, options: object, target: Path,
        context: ExportContext,
    ) -> ExportResult:  # fmt: skip
        target.write_text("twin\n", encoding="utf-8")
        return ExportResult(format_name=self.name, path=target, files=(Path(target.name),))


class TestSharedOutputPath:
    def test_two_formats_writing_the_same_file_are_refused(
        self, sample_source: Source, tmp_path: Path
    ) -> None:
        """Both formats and their plugins are named, and nothing is written."""

        class Text(TextTwin):
            name: ClassVar[str] = "text"

        class Both:
            @hookimpl
            def interviewkit_register_exporters(self, registry: ExporterRegistry) -> None:
                registry.add(Text)

        class Other:
            @hookimpl
            def interviewkit_register_exporters(self, registry: ExporterRegistry) -> None:
                registry.add(TextTwin)

        plugins = make_plugin_manager(
            entry_point_plugins=False, extra=[("first", Both()), ("second", Other())]
        )
        out = tmp_path / "out"
        with pytest.raises(OutputError) as caught:
            interviewkit.build(sample_source, ["json", "text", "text-twin"], out, plugins=plugins)
        message = str(caught.value)
        assert str(out / "sample.txt") in message
        assert "'text' (plugin 'first')" in message
        assert "'text-twin' (plugin 'second')" in message
        assert "-o" in caught.value.hint
        assert not out.exists()

    def test_command_exits_2_before_building(
        self, install: Installer, capsys: Capture, fr_example: Path, tmp_path: Path
    ) -> None:
        """``build -f twin-a -f twin-b`` exits 2 naming both formats and the plugin."""
        install("twins-dist", "twins", "twins_tools", TOOLS_MODULE)
        out = tmp_path / "out"
        code, _, err = run(
            capsys, "build", str(fr_example), "-f", "json", "-f", "twin-a", "-f", "twin-b",
            "-o", str(out),
        )  # fmt: skip
        assert code == 2
        assert "'twin-a' (plugin 'twins', from twins-dist)" in err
        assert "'twin-b' (plugin 'twins', from twins-dist)" in err
        assert "hint:" in err
        assert not out.exists()


# ------------------------------------------------------------------------------ 4. --debug


class TestDebug:
    def test_without_debug_the_hint_says_how_to_see_the_traceback(
        self, install: Installer, capsys: Capture, fr_example: Path, tmp_path: Path
    ) -> None:
        """A crashing exporter: error line and hint, no traceback, and the way to see it."""
        install("twins-dist", "twins", "twins_nodebug", TOOLS_MODULE)
        code, _, err = run(capsys, "build", str(fr_example), "-f", "crashy", "-o", str(tmp_path))
        assert code == 2
        assert "error: plugin 'twins' (from twins-dist): format 'crashy' failed: ValueError" in err
        assert "run again with --debug" in err
        assert "Traceback" not in err
        assert "_deep_inside_the_plugin" not in err

    @pytest.mark.parametrize("how", ["option", "environment"])
    def test_debug_prints_the_plugins_traceback_first(
        self,
        install: Installer,
        capsys: Capture,
        fr_example: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        how: str,
    ) -> None:
        """``--debug`` or INTERVIEWKIT_DEBUG=1: the plugin's traceback, then the error line."""
        install("twins-dist", "twins", f"twins_debug_{how}", TOOLS_MODULE)
        argv = ["build", str(fr_example), "-f", "crashy", "-o", str(tmp_path)]
        if how == "option":
            argv.insert(0, "--debug")
        else:
            monkeypatch.setenv("INTERVIEWKIT_DEBUG", "1")
        code, _, err = run(capsys, *argv)
        assert code == 2
        traceback_at = err.index("Traceback (most recent call last)")
        inside_at = err.index("in _deep_inside_the_plugin")
        raised_at = err.index("ValueError: the plugin tripped over Derrière les comptes")
        error_at = err.index("error: plugin 'twins'")
        assert traceback_at < inside_at < raised_at < error_at
        assert "run again with --debug" not in err

    def test_debug_off_in_the_environment(
        self,
        install: Installer,
        capsys: Capture,
        fr_example: Path,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """INTERVIEWKIT_DEBUG=0 leaves debugging off."""
        install("twins-dist", "twins", "twins_debug_zero", TOOLS_MODULE)
        monkeypatch.setenv("INTERVIEWKIT_DEBUG", "0")
        code, _, err = run(capsys, "build", str(fr_example), "-f", "crashy", "-o", str(tmp_path))
        assert code == 2
        assert "Traceback" not in err

    def test_debug_shows_why_a_plugin_failed_to_import(
        self, install: Installer, capsys: Capture
    ) -> None:
        """``--debug formats``: the traceback of a plugin that cannot be imported."""
        install("broken-dist", "broken", "broken_debug", BROKEN_MODULE)
        code, _, err = run(capsys, "formats")
        assert code == 0
        assert "broken plugin broken (broken-dist)" in err
        assert "Traceback" not in err
        code, _, err = run(capsys, "--debug", "formats")
        assert code == 0
        assert "in _helper_that_fails" in err
        assert err.index("in _helper_that_fails") < err.index("broken plugin broken")


# ------------------------------------------------------------- 7. misspelt [export.<name>]


def add_table(folder: Path, table: str) -> None:
    """Append ``[export.<table>]`` with one option to the folder's anthology.toml."""
    manifest = folder / "anthology.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(f"{text}\n[export.{table}]\nraw_html = true\n", encoding="utf-8")


class TestExportTables:
    def test_a_typo_is_an_error_with_a_suggestion(
        self, anthology_copy: Path, capsys: Capture, tmp_path: Path
    ) -> None:
        """``[export.epbu]``: ``check`` and ``build`` exit 2, naming file, table and guess."""
        add_table(anthology_copy, "epbu")
        code, _, err = run(capsys, "check", str(anthology_copy))
        assert code == 2
        assert "error: anthology.toml: [export.epbu] names no installed format" in err
        assert "did you mean [export.epub]?" in err
        out = tmp_path / "out"
        code, _, err = run(capsys, "build", str(anthology_copy), "-f", "json", "-o", str(out))
        assert code == 2
        assert "[export.epbu]" in err
        assert not out.exists()

    def test_a_format_not_installed_here_is_a_warning(
        self, anthology_copy: Path, capsys: Capture, tmp_path: Path
    ) -> None:
        """``[export.braille]`` (a plugin not installed): a warning, and the build goes on."""
        add_table(anthology_copy, "braille")
        out = tmp_path / "out"
        code, _, err = run(capsys, "build", str(anthology_copy), "-f", "json", "-o", str(out))
        assert code == 0
        assert (
            "warning: anthology.toml: [export.braille]: no format called 'braille' is "
            "installed; its options are ignored" in err
        )
        assert (out / "derriere-les-comptes.json").is_file()

    def test_another_formats_name_is_not_a_typo(self, anthology_copy: Path) -> None:
        """``[export.markdown]`` without the markdown plugin is not "markdown-folder" misspelt."""

        class FolderOnly(JsonExporter):
            name = "markdown-folder"

        class Provider:
            @hookimpl
            def interviewkit_register_exporters(self, registry: ExporterRegistry) -> None:
                registry.add(FolderOnly)

        add_table(anthology_copy, "markdown")
        add_table(anthology_copy, "html-sit")
        plugins = make_plugin_manager(entry_point_plugins=False, extra=[("md", Provider())])
        source = interviewkit.open_source(anthology_copy, plugins=plugins)
        found = {
            problem.message.split(" ")[0].rstrip(":"): problem
            for problem in interviewkit.run_checks(source, plugins)
            if "[export." in problem.message
        }
        assert found["[export.markdown]"].severity == "warning"
        assert "the closest is 'markdown-folder'" in found["[export.markdown]"].message
        assert found["[export.html-sit]"].severity == "error"
        assert "did you mean [export.html-site]?" in found["[export.html-sit]"].message


# ---------------------------------------------------------- 8. listings and format options


COMMON_KEYS = {"name", "plugin", "distribution", "version", "error"}


class TestListings:
    def test_formats_and_plugins_json_have_the_same_shape(
        self, install: Installer, capsys: Capture
    ) -> None:
        """Both print an object with lists; every item has the same keys for the same facts."""
        install("broken-dist", "broken", "broken_json", BROKEN_MODULE)
        code, out, _ = run(capsys, "formats", "--json")
        assert code == 0
        formats = json.loads(out)
        code, out, _ = run(capsys, "plugins", "--json")
        assert code == 0
        plugins = json.loads(out)
        assert set(formats) == {"formats", "broken"}
        assert set(plugins) == {"plugins"}
        for item in [*formats["formats"], *formats["broken"], *plugins["plugins"]]:
            assert item.keys() >= COMMON_KEYS, item
        (json_format,) = [item for item in formats["formats"] if item["name"] == "json"]
        (json_plugin,) = [item for item in plugins["plugins"] if item["name"] == "json"]
        for key in ("plugin", "distribution", "version", "error"):
            assert json_format[key] == json_plugin[key]
        (broken,) = [item for item in formats["broken"] if item["name"] == "broken"]
        assert broken in plugins["plugins"]
        assert broken["plugin"] == "broken"
        assert broken["distribution"] == "broken-dist"
        assert "ImportError" in broken["error"]

    def test_options_of_one_format(self, install: Installer, capsys: Capture) -> None:
        """``formats NAME``: option, type, default and description, from the Options class."""
        install("twins-dist", "twins", "twins_options", TOOLS_MODULE)
        code, out, _ = run(capsys, "formats", "twin-a")
        assert code == 0
        assert "[export.twin-a]" in out
        rows = {line.split()[0]: line for line in out.splitlines() if line.strip()}
        assert rows["width"].split()[1:4] == ["int", "72", "Wrap"]
        assert rows["tags"].split()[1:5] == ["tuple[str,", "...]", "[]", "Tags"]
        assert rows["title"].split()[1:5] == ["str", "|", "None", "(not"]
        assert "twin-b" not in out

    def test_options_of_every_format(self, capsys: Capture) -> None:
        """``formats --options`` lists the options of every format, built-ins included."""
        code, out, _ = run(capsys, "formats", "--options")
        assert code == 0
        for table in ("[export.json]", "[export.pdf]", "[export.epub]", "[export.html]"):
            assert table in out
        assert any(line.split()[:3] == ["indent", "int", "2"] for line in out.splitlines())
        assert any(line.startswith("page_size ") for line in out.splitlines())

    def test_options_in_json(self, install: Installer, capsys: Capture) -> None:
        """``formats --json`` gives each option's type, default, and whether it is required."""
        install("twins-dist", "twins", "twins_options_json", TOOLS_MODULE)
        code, out, _ = run(capsys, "formats", "twin-a", "pdf", "--json")
        assert code == 0
        data = json.loads(out)
        assert [item["name"] for item in data["formats"]] == ["twin-a", "pdf"]
        options = {option["name"]: option for option in data["formats"][0]["options"]}
        assert options["width"] == {
            "name": "width",
            "type": "int",
            "required": False,
            "default": 72,
            "description": "Wrap lines at this many characters.",
        }
        assert options["tags"]["default"] == []
        assert options["tags"]["description"] == "Tags kept."
        assert options["title"]["description"] == ""
        pdf = {option["name"]: option for option in data["formats"][1]["options"]}
        assert pdf["page_size"]["default"] == "A5"

    def test_unknown_format_name_exits_2(self, capsys: Capture) -> None:
        """``formats pfd`` is an unknown format, with a guess."""
        code, _, err = run(capsys, "formats", "pfd")
        assert code == 2
        assert "did you mean 'pdf'?" in err
