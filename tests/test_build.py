"""``interviewkit.build``: checks, options, exporters into temporary paths, atomic results."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar, Literal

import attrs
import pytest

import interviewkit
from interviewkit import ExportContext, ExportResult, Problem
from interviewkit.build import ContentError
from interviewkit.errors import ExporterError, InvalidInputError
from interviewkit.plugins import Plugins, make_plugin_manager


@attrs.frozen(kw_only=True)
class DateOptions:
    """Options of the toy date exporter."""

    prefix: str = ""


class DateExporter:
    """Writes the build date it was given, to observe ExportContext.build_date."""

    name: ClassVar[str] = "date"
    suffix: ClassVar[str] = ".date.txt"
    media_type: ClassVar[str] = "text/plain"
    output: ClassVar[Literal["file", "directory"]] = "file"
    description: ClassVar[str] = "toy: the build date"
    Options: ClassVar[type[DateOptions]] = DateOptions

    def export(
        self,
        anthology: interviewkit.Anthology,
        *,
        options: Any,
        target: Path,
        context: ExportContext,
    ) -> ExportResult:
        target.write_text(options.prefix + context.build_date.isoformat(), encoding="utf-8")
        return ExportResult(format_name=self.name, path=target, files=(Path(target.name),))


class HalfExporter:
    """Writes half a file, then crashes like a buggy plugin."""

    name: ClassVar[str] = "half"
    suffix: ClassVar[str] = ".half"
    media_type: ClassVar[str] = "text/plain"
    output: ClassVar[Literal["file", "directory"]] = "file"
    description: ClassVar[str] = "toy: always fails half-way"
    Options: ClassVar[type[interviewkit.NoOptions]] = interviewkit.NoOptions

    def export(
        self,
        anthology: interviewkit.Anthology,
        *,
        options: Any,
        target: Path,
        context: ExportContext,
    ) -> ExportResult:
        target.write_text("the first half of the bo", encoding="utf-8")
        raise RuntimeError("disk full of bugs")


class FolderExporter:
    """Writes a folder, noting what the target held when it was handed over."""

    name: ClassVar[str] = "site"
    suffix: ClassVar[str] = ""
    media_type: ClassVar[str] = "text/html"
    output: ClassVar[Literal["file", "directory"]] = "directory"
    description: ClassVar[str] = "toy: a folder"
    Options: ClassVar[type[interviewkit.NoOptions]] = interviewkit.NoOptions

    def export(
        self,
        anthology: interviewkit.Anthology,
        *,
        options: Any,
        target: Path,
        context: ExportContext,
    ) -> ExportResult:
        found = sorted(p.name for p in target.iterdir()) if target.is_dir() else None
        (target / "index.txt").write_text(f"{anthology.title}\n{found}\n", encoding="utf-8")
        return ExportResult(format_name=self.name, path=target, files=(Path("index.txt"),))


class Hooks:
    """A plugin object holding hook functions as attributes (hashable, as plugins must be)."""

    def __init__(self, **hooks: object) -> None:
        self.__dict__.update(hooks)


def exporter_plugin(*exporters: type[Any]) -> object:
    """A plugin object registering ``exporters`` through the public hook."""

    @interviewkit.hookimpl
    def interviewkit_register_exporters(registry: interviewkit.ExporterRegistry) -> None:
        for exporter in exporters:
            registry.add(exporter)

    return Hooks(interviewkit_register_exporters=interviewkit_register_exporters)


def check_plugin(*problems: Problem) -> object:
    """A plugin object whose check returns ``problems``."""

    @interviewkit.hookimpl
    def interviewkit_check(anthology: interviewkit.Anthology) -> list[Problem]:
        return list(problems)

    return Hooks(interviewkit_check=interviewkit_check)


@pytest.fixture
def toys() -> Plugins:
    """Built-ins plus the toy exporters, registered by a plugin named "toy"."""
    plugins = make_plugin_manager(
        entry_point_plugins=False,
        extra=[("toy", exporter_plugin(DateExporter, HalfExporter, FolderExporter))],
    )
    assert plugins.broken == []
    return plugins


def files_under(folder: Path) -> list[str]:
    """Every entry under ``folder`` (files and folders, hidden ones included), sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


class TestBuild:
    """A successful build."""

    def test_report_has_the_result_path(self, fr_example: Path, tmp_path: Path, pm: Plugins):
        """`build` returns a report whose result points at the written file."""
        report = interviewkit.build(fr_example, ["json"], tmp_path / "out", plugins=pm)
        assert report.ok
        assert report.failures == ()
        (result,) = report.results
        assert result.format_name == "json"
        assert result.path == tmp_path / "out" / "derriere-les-comptes.json"
        assert result.path.is_file()
        assert files_under(tmp_path / "out") == ["derriere-les-comptes.json"]

    def test_two_builds_are_byte_identical(self, fr_example: Path, tmp_path: Path, pm: Plugins):
        """Building the same source twice gives the same bytes."""
        first = interviewkit.build(fr_example, ["json"], tmp_path / "a", plugins=pm)
        second = interviewkit.build(fr_example, ["json"], tmp_path / "b", plugins=pm)
        assert first.results[0].path.read_bytes() == second.results[0].path.read_bytes()

    def test_rebuild_replaces_the_previous_output(
        self, fr_example: Path, tmp_path: Path, pm: Plugins
    ):
        """An existing output file is replaced by the new one."""
        out = tmp_path / "out"
        out.mkdir()
        (out / "derriere-les-comptes.json").write_text("old", encoding="utf-8")
        interviewkit.build(fr_example, ["json"], out, plugins=pm)
        assert (out / "derriere-les-comptes.json").read_text(encoding="utf-8") != "old"
        assert files_under(out) == ["derriere-les-comptes.json"]

    def test_progress_is_reported(self, fr_example: Path, tmp_path: Path, pm: Plugins):
        """The progress callback hears the start and the end of each format."""
        calls: list[tuple[str, str]] = []
        interviewkit.build(
            fr_example,
            ["json"],
            tmp_path,
            plugins=pm,
            progress=lambda name, msg: calls.append((name, msg)),
        )
        assert calls[0] == ("json", "exporting")
        assert calls[-1] == ("json", "done")

    def test_all_builds_every_format(self, fr_example: Path, tmp_path: Path, toys: Plugins):
        """`formats=["all"]` selects every registered format."""
        report = interviewkit.build(fr_example, ["all"], tmp_path, plugins=toys)
        built = {r.format_name for r in report.results} | {
            f.message.split("'")[1] for f in report.failures if isinstance(f, ExporterError)
        }
        assert built == set(toys.exporters.names())


class TestBuildDate:
    """Which date exporters receive."""

    def test_source_date_epoch_wins(
        self, fr_example: Path, tmp_path: Path, toys: Plugins, monkeypatch: pytest.MonkeyPatch
    ):
        """With SOURCE_DATE_EPOCH set, ExportContext.build_date is that day (UTC)."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        report = interviewkit.build(fr_example, ["date"], tmp_path, plugins=toys)
        assert report.results[0].path.read_text(encoding="utf-8") == "2023-11-14"

    def test_anthology_date_otherwise(self, fr_example: Path, tmp_path: Path, toys: Plugins):
        """Without SOURCE_DATE_EPOCH, the build date is the anthology's date."""
        report = interviewkit.build(fr_example, ["date"], tmp_path, plugins=toys)
        expected = interviewkit.load(fr_example).date
        assert expected == dt.date(2013, 4, 18)
        assert report.results[0].path.read_text(encoding="utf-8") == expected.isoformat()

    def test_bad_source_date_epoch(
        self, fr_example: Path, tmp_path: Path, toys: Plugins, monkeypatch: pytest.MonkeyPatch
    ):
        """A SOURCE_DATE_EPOCH that is not a number stops the build once, naming the variable."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
        with pytest.raises(InvalidInputError, match="SOURCE_DATE_EPOCH"):
            interviewkit.build(fr_example, ["date", "json"], tmp_path / "out", plugins=toys)
        assert not (tmp_path / "out").exists() or files_under(tmp_path / "out") == []


class TestFailingExporter:
    """An exporter that crashes half-way."""

    def test_leaves_no_file_and_no_temporary(self, fr_example: Path, tmp_path: Path, toys: Plugins):
        """Nothing of the failed format remains in the output folder, not even a temp file."""
        out = tmp_path / "out"
        report = interviewkit.build(fr_example, ["half"], out, plugins=toys)
        assert report.results == ()
        assert not report.ok
        assert files_under(out) == []

    def test_previous_output_is_untouched(self, fr_example: Path, tmp_path: Path, toys: Plugins):
        """An output from an earlier build keeps its bytes when the new export fails."""
        out = tmp_path / "out"
        out.mkdir()
        (out / "derriere-les-comptes.half").write_bytes(b"the previous, complete book")
        interviewkit.build(fr_example, ["half"], out, plugins=toys)
        assert files_under(out) == ["derriere-les-comptes.half"]
        assert (out / "derriere-les-comptes.half").read_bytes() == b"the previous, complete book"

    def test_failure_names_the_plugin(self, fr_example: Path, tmp_path: Path, toys: Plugins):
        """The failure is an ExporterError naming the plugin, the format and the cause."""
        report = interviewkit.build(fr_example, ["half"], tmp_path, plugins=toys)
        (failure,) = report.failures
        assert isinstance(failure, ExporterError)
        assert failure.plugin == "toy"
        assert "'half'" in str(failure)
        assert "disk full of bugs" in str(failure)
        assert isinstance(failure.__cause__, RuntimeError)

    def test_other_formats_still_succeed(self, fr_example: Path, tmp_path: Path, toys: Plugins):
        """In a build of several formats, the others are built and reported as results."""
        report = interviewkit.build(fr_example, ["half", "json", "date"], tmp_path, plugins=toys)
        assert sorted(r.format_name for r in report.results) == ["date", "json"]
        assert [type(f) for f in report.failures] == [ExporterError]
        assert files_under(tmp_path) == [
            "derriere-les-comptes.date.txt",
            "derriere-les-comptes.json",
        ]


class TestDirectoryOutput:
    """Exporters whose output is a folder."""

    def test_target_is_an_empty_folder(self, fr_example: Path, tmp_path: Path, toys: Plugins):
        """The exporter receives an existing, empty folder."""
        report = interviewkit.build(fr_example, ["site"], tmp_path, plugins=toys)
        (result,) = report.results
        assert result.path == tmp_path / "derriere-les-comptes-site"
        index = (result.path / "index.txt").read_text(encoding="utf-8")
        assert index == "Derrière les comptes\n[]\n"

    def test_new_folder_replaces_the_old_one(self, fr_example: Path, tmp_path: Path, toys: Plugins):
        """A rebuild replaces the whole folder it wrote: files of the old one do not linger."""
        interviewkit.build(fr_example, ["site"], tmp_path, plugins=toys)
        old = tmp_path / "derriere-les-comptes-site"
        (old / "stale.txt").write_text("from an older build", encoding="utf-8")
        interviewkit.build(fr_example, ["site"], tmp_path, plugins=toys)
        assert files_under(tmp_path) == [
            "derriere-les-comptes-site",
            "derriere-les-comptes-site/.interviewkit-build",
            "derriere-les-comptes-site/index.txt",
        ]


class TestChecks:
    """Content checks run before any export."""

    def test_error_problem_stops_the_build(self, fr_example: Path, tmp_path: Path):
        """A check returning an `error` Problem raises ContentError and nothing is written."""
        problem = Problem(severity="error", where="portraits[0]", message="toy says no")
        plugins = make_plugin_manager(
            entry_point_plugins=False, extra=[("strict", check_plugin(problem))]
        )
        out = tmp_path / "out"
        with pytest.raises(ContentError) as caught:
            interviewkit.build(fr_example, ["json"], out, plugins=plugins)
        assert caught.value.problems == (problem,)
        assert "toy says no" in str(caught.value)
        assert not out.exists()

    def test_warnings_are_reported_and_the_build_goes_on(self, fr_example: Path, tmp_path: Path):
        """A `warning` Problem is in the report and the output is written."""
        problem = Problem(severity="warning", where="portraits[0]", message="just saying")
        plugins = make_plugin_manager(
            entry_point_plugins=False, extra=[("mild", check_plugin(problem))]
        )
        report = interviewkit.build(fr_example, ["json"], tmp_path, plugins=plugins)
        assert problem in report.problems
        assert report.ok
        assert report.results[0].path.is_file()


class TestOptions:
    """Exporter options from anthology.toml and from overrides."""

    def set_indent(self, anthology: Path, value: str) -> None:
        manifest = anthology / "anthology.toml"
        text = manifest.read_text(encoding="utf-8")
        assert "[export.json]\nindent = 2\n" in text
        manifest.write_text(
            text.replace("[export.json]\nindent = 2\n", f"[export.json]\nindent = {value}\n"),
            encoding="utf-8",
        )

    def test_manifest_options_apply(self, anthology_copy: Path, tmp_path: Path, pm: Plugins):
        """`[export.json] indent = 0` in anthology.toml writes one line."""
        self.set_indent(anthology_copy, "0")
        report = interviewkit.build(anthology_copy, ["json"], tmp_path / "out", plugins=pm)
        assert b"\n" not in report.results[0].path.read_bytes().strip()

    def test_overrides_win(self, anthology_copy: Path, tmp_path: Path, pm: Plugins):
        """An override `json.indent=2` beats `indent = 0` from anthology.toml."""
        self.set_indent(anthology_copy, "0")
        report = interviewkit.build(
            anthology_copy, ["json"], tmp_path / "out", options=["json.indent=2"], plugins=pm
        )
        assert report.results[0].path.read_bytes().count(b"\n") > 100

    def test_bare_key_applies_to_formats_that_have_it(
        self, fr_example: Path, tmp_path: Path, toys: Plugins
    ):
        """A bare `prefix=...` goes to the format with that option only."""
        report = interviewkit.build(
            fr_example, ["date", "json"], tmp_path, options=["prefix=le:"], plugins=toys
        )
        date = next(r for r in report.results if r.format_name == "date")
        assert date.path.read_text(encoding="utf-8") == "le:2013-04-18"

    def test_bad_option_value_names_the_format(self, fr_example: Path, tmp_path: Path, pm: Plugins):
        """An unsupported value is an InvalidInputError naming the format; nothing is written."""
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.build(
                fr_example, ["json"], tmp_path / "out", options=["json.indent=3"], plugins=pm
            )
        assert "'json'" in str(caught.value)
        assert "indent" in str(caught.value)
        assert not (tmp_path / "out").exists()

    def test_bad_manifest_option_names_the_format(
        self, anthology_copy: Path, tmp_path: Path, pm: Plugins
    ):
        """A wrong type in [export.json] is an InvalidInputError pointing at that table."""
        self.set_indent(anthology_copy, '"deux"')
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.build(anthology_copy, ["json"], tmp_path / "out", plugins=pm)
        assert "'json'" in str(caught.value)
        assert "[export.json]" in caught.value.hint

    def test_unknown_option_key(self, fr_example: Path, tmp_path: Path, pm: Plugins):
        """An option the format does not have is refused with a suggestion."""
        with pytest.raises(InvalidInputError, match="did you mean 'indent'"):
            interviewkit.build(fr_example, ["json"], tmp_path, options=["indnt=0"], plugins=pm)

    def test_option_for_a_format_not_built(self, fr_example: Path, tmp_path: Path, pm: Plugins):
        """`FORMAT.KEY=...` for a format that is not selected is refused."""
        with pytest.raises(InvalidInputError, match="'epub' is not being built"):
            interviewkit.build(
                fr_example, ["json"], tmp_path, options=["epub.toc=true"], plugins=pm
            )
