"""``interviewkit.testing``: the sample anthology and the exporter conformance check."""

from __future__ import annotations

import importlib.util
import itertools
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest

import interviewkit
from interviewkit import ExportContext, ExportResult, Source
from interviewkit.document.nodes import Text
from interviewkit.exporters.json import JsonExporter
from interviewkit.plugins import Plugins
from interviewkit.testing import check_exporter, sample_anthology

PLUGINS = Path(__file__).parent / "plugins"


def toy(name: str) -> ModuleType:
    """A fresh import of ``tests/plugins/toy_<name>.py``."""
    spec = importlib.util.spec_from_file_location(f"toy_{name}", PLUGINS / f"toy_{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestSampleAnthology:
    def test_round_trips_through_canonical_json(self) -> None:
        """The sample is a valid anthology that survives the canonical JSON unchanged."""
        anthology = sample_anthology()
        assert interviewkit.loads(interviewkit.dumps(anthology)) == anthology
        assert sample_anthology() == anthology

    def test_is_bilingual(self) -> None:
        """One portrait is in the book's fr-CA, the other in English."""
        anthology = sample_anthology()
        assert [anthology.language_of(p) for p in anthology.portraits] == ["fr-CA", "en"]

    def test_exercises_the_model(self) -> None:
        """It has parts, lists, links, an in-book related portrait and a section."""
        anthology = sample_anthology()
        french, english = anthology.portraits
        assert french.interview.parts
        assert english.interview.parts
        answers = [e.answer.to_html() for p in anthology.portraits for e in p.interview.exchanges]
        assert any("<ul>" in html for html in answers)
        assert any("<ol>" in html for html in answers)
        assert any('<a href="https://' in html for html in answers)
        assert french.follow
        assert french.reading
        assert french.related[0].portrait == english.id
        assert english.related[0].portrait == french.id
        assert anthology.front_matter[0].kind == "preface"

    def test_has_several_voices_nesting_and_untitled_questions(self) -> None:
        """An interviewer's voice asks a question before the first titled part; two other
        voices answer; an answer nests a list in a list, another quotes."""
        anthology = sample_anthology()
        french, english = anthology.portraits
        first = english.interview.exchanges[0]
        assert first.asker is not None
        assert english.speaker(first.asker).role == "interviewer"
        assert english.interview.parts[0].start > 0
        voices = {a.speaker for e in english.interview.exchanges for a in e.answers}
        assert {"owen", "mei"} <= voices
        answers = [e.answer.to_html() for e in french.interview.exchanges]
        assert any(re.search(r"<li>[^<]*<ul>", html) for html in answers)
        assert any("<blockquote>" in html for html in answers)

    def test_has_no_images(self) -> None:
        """No image is referenced, so it builds without a source folder."""
        anthology = sample_anthology()
        assert anthology.cover is None
        for portrait in anthology.portraits:
            assert portrait.photo is None
            assert portrait.subject.photo is None

    def test_passes_the_builtin_checks(self, pm: Plugins, tmp_path: Path) -> None:
        """The built-in checks find nothing to report."""
        source = Source(anthology=sample_anthology(), root=tmp_path, file=tmp_path / "s.json")
        assert interviewkit.run_checks(source, pm) == ()


class TestCheckExporterPasses:
    def test_json_exporter(self, tmp_path: Path) -> None:
        """The built-in json exporter keeps the contract; the result points at its output."""
        result = check_exporter(JsonExporter, tmp_path=tmp_path)
        assert result.format_name == "json"
        assert result.path.is_file()
        assert result.path.is_relative_to(tmp_path)
        assert interviewkit.loads(result.path.read_bytes()) == sample_anthology()

    def test_json_exporter_with_options(self, tmp_path: Path) -> None:
        """Options given are structured and used for the export."""
        result = check_exporter(JsonExporter, tmp_path=tmp_path, options={"indent": 0})
        assert b"\n" not in result.path.read_bytes()

    def test_other_anthology(self, tmp_path: Path, fr_anthology: interviewkit.Anthology) -> None:
        """Any anthology can be exported, resolving images against ``source_root``."""
        result = check_exporter(
            toy("text").ToyTextExporter, tmp_path=tmp_path, anthology=fr_anthology
        )
        lines = result.path.read_text(encoding="utf-8").splitlines()
        assert lines == [portrait.title for portrait in fr_anthology.portraits]

    def test_directory_exporter(self, tmp_path: Path) -> None:
        """A folder output is compared file by file and its listed files must exist."""
        result = check_exporter(toy("pages").ToyPagesExporter, tmp_path=tmp_path)
        assert result.path.is_dir()
        assert sorted(f.as_posix() for f in result.files) == [
            "index.txt",
            "pages/owen-park.txt",
            "pages/rosalie-gendron.txt",
        ]

    def test_both_exports_share_one_book_document(self, tmp_path: Path) -> None:
        """As in a build, the contexts of the two exports hand out one book document: the
        anthology's, typeset."""
        seen: list[interviewkit.BookDocument] = []

        def export(self: object, anthology: Any, **kwargs: Any) -> ExportResult:
            seen.append(kwargs["context"].book_document(anthology))
            target = kwargs["target"]
            target.write_text("{}")
            return ExportResult(format_name="json", path=target, files=(Path(target.name),))

        check_exporter(fake(export=export), tmp_path=tmp_path)
        first, second = seen
        assert first is second
        assert first.portraits[1].exchanges[2].question.inlines == (Text("What\u2019s next?"),)

    def test_refused_options_fail(self, tmp_path: Path) -> None:
        """Options the exporter refuses are reported as a failure of the call."""
        with pytest.raises(AssertionError, match="the options given are refused"):
            check_exporter(JsonExporter, tmp_path=tmp_path, options={"indent": 7})


@attrs.frozen(kw_only=True)
class PathOptions:
    """Options whose default (a Path) does not match the declared type (text)."""

    folder: str = attrs.field(factory=lambda: Path("assets"))


@attrs.frozen(kw_only=True, eq=False)
class NoEqOptions:
    """Options without value equality."""

    width: int = 72


@attrs.frozen(kw_only=True)
class NeedyOptions:
    """Options with a required field."""

    width: int


def fake(**attributes: Any) -> type[Any]:
    """A JsonExporter subclass with some attributes or methods replaced."""
    return type("FakeExporter", (JsonExporter,), attributes)


def writing(body: Any) -> type[Any]:
    """An exporter whose ``export`` runs ``body(target, context)`` and reports ``target``."""

    def export(
        self: object, anthology: object, *, options: object, target: Path, context: ExportContext
    ) -> ExportResult:
        body(target, context)
        return ExportResult(format_name="json", path=target, files=(Path(target.name),))

    return fake(export=export)


class TestCheckExporterFailures:
    def test_registry_refusal(self, tmp_path: Path) -> None:
        """A class the registry refuses fails with the registry's list of what is missing."""

        class Bare:
            name = "bare"
            suffix = ".txt"

        with pytest.raises(AssertionError, match="refused by the exporter registry") as caught:
            check_exporter(Bare, tmp_path=tmp_path)
        assert "an 'export' method" in str(caught.value)

    def test_option_without_default(self, tmp_path: Path) -> None:
        """Options that cannot be built from an empty table fail: every option needs a default."""
        with pytest.raises(AssertionError, match="every option a default"):
            check_exporter(fake(Options=NeedyOptions), tmp_path=tmp_path)

    def test_options_that_do_not_structure_back(self, tmp_path: Path) -> None:
        """Options whose unstructured form cannot be read back fail."""
        with pytest.raises(AssertionError, match="does not structure back"):
            check_exporter(fake(Options=PathOptions), tmp_path=tmp_path)

    def test_options_that_do_not_compare_equal(self, tmp_path: Path) -> None:
        """Options without value equality fail the round trip."""
        with pytest.raises(AssertionError, match="options do not round-trip"):
            check_exporter(fake(Options=NoEqOptions), tmp_path=tmp_path)

    def test_not_deterministic(self, tmp_path: Path) -> None:
        """Two exports that differ fail, naming the file that differs."""
        counter = itertools.count()
        exporter_cls = writing(lambda target, context: target.write_text(str(next(counter))))
        with pytest.raises(AssertionError, match="not deterministic") as caught:
            check_exporter(exporter_cls, tmp_path=tmp_path)
        assert "mains-d-ateliers.json" in str(caught.value)

    def test_zip_entries_dated_by_the_clock(self, tmp_path: Path) -> None:
        """A zip whose entries are dated after the build date (the clock's mark) fails."""

        def write_zip(target: Path, context: ExportContext) -> None:
            import zipfile

            with zipfile.ZipFile(target, "w") as archive:
                later = (2099, 1, 1, 0, 0, 0)  # what a clock-stamped entry looks like, fixed
                archive.writestr(zipfile.ZipInfo("content.txt", date_time=later), "same bytes")

        with pytest.raises(AssertionError, match="dated after the build date"):
            check_exporter(writing(write_zip), tmp_path=tmp_path)

    def test_embedding_the_output_path_is_not_deterministic(self, tmp_path: Path) -> None:
        """An output that embeds where it is written differs between the two exports."""
        exporter_cls = writing(lambda target, context: target.write_text(str(context.output)))
        with pytest.raises(AssertionError, match="not deterministic"):
            check_exporter(exporter_cls, tmp_path=tmp_path)

    def test_writing_beside_the_target(self, tmp_path: Path) -> None:
        """A file written next to the output folder is reported as written outside."""

        def body(target: Path, context: ExportContext) -> None:
            target.write_text("{}")
            (context.output.parent / "stray.txt").write_text("oops")

        with pytest.raises(AssertionError, match="wrote outside its target") as caught:
            check_exporter(writing(body), tmp_path=tmp_path)
        assert "stray.txt" in str(caught.value)

    def test_changing_the_source(self, tmp_path: Path) -> None:
        """Changing a file of the source folder is reported."""
        source = tmp_path / "source"
        source.mkdir()
        (source / "notes.txt").write_text("original")

        def body(target: Path, context: ExportContext) -> None:
            target.write_text("{}")
            (context.source_root / "notes.txt").write_text("changed")

        with pytest.raises(AssertionError, match="changed or removed files") as caught:
            check_exporter(writing(body), tmp_path=tmp_path, source_root=source)
        assert "notes.txt" in str(caught.value)

    def test_nothing_written(self, tmp_path: Path) -> None:
        """An exporter that writes nothing at its target fails."""
        with pytest.raises(AssertionError, match="left no file at its target"):
            check_exporter(writing(lambda target, context: None), tmp_path=tmp_path)

    def test_wrong_return_value(self, tmp_path: Path) -> None:
        """``export`` must return an ExportResult."""

        def export(self: object, anthology: object, **kwargs: Any) -> object:
            kwargs["target"].write_text("{}")
            return kwargs["target"]

        with pytest.raises(AssertionError, match="not an ExportResult"):
            check_exporter(fake(export=export), tmp_path=tmp_path)

    def test_wrong_format_name(self, tmp_path: Path) -> None:
        """The result must be for the exporter's own format."""

        def export(self: object, anthology: object, **kwargs: Any) -> ExportResult:
            kwargs["target"].write_text("{}")
            return ExportResult(format_name="other", path=kwargs["target"])

        with pytest.raises(AssertionError, match="result for format 'other'"):
            check_exporter(fake(export=export), tmp_path=tmp_path)

    def test_listed_file_missing(self, tmp_path: Path) -> None:
        """A result listing a file that was not written fails."""

        def export(self: object, anthology: object, **kwargs: Any) -> ExportResult:
            kwargs["target"].write_text("{}")
            return ExportResult(format_name="json", path=kwargs["target"], files=(Path("x.map"),))

        with pytest.raises(AssertionError, match="files that were not written") as caught:
            check_exporter(fake(export=export), tmp_path=tmp_path)
        assert "x.map" in str(caught.value)

    def test_unlisted_file_in_directory_output(self, tmp_path: Path) -> None:
        """Every file of a folder output must be listed in the result."""
        pages = toy("pages").ToyPagesExporter

        class Sloppy(pages):  # type: ignore[misc, valid-type]
            def export(self, anthology: Any, **kwargs: Any) -> ExportResult:
                result: ExportResult = super().export(anthology, **kwargs)
                return attrs.evolve(result, files=result.files[:1])

        with pytest.raises(AssertionError, match="not listed in the result") as caught:
            check_exporter(Sloppy, tmp_path=tmp_path)
        assert "pages/owen-park.txt" in str(caught.value)

    def test_changing_the_shared_book_document(self, tmp_path: Path) -> None:
        """A format that changes the book document (its labels are a dict) would change the
        formats built after it: it fails."""

        def export(self: object, anthology: Any, **kwargs: Any) -> ExportResult:
            labels = kwargs["context"].book_document(anthology).labels
            assert isinstance(labels, dict)
            labels["and"] = "&"
            target = kwargs["target"]
            target.write_text("{}")
            return ExportResult(format_name="json", path=target, files=(Path(target.name),))

        with pytest.raises(AssertionError, match="changed the book document"):
            check_exporter(fake(export=export), tmp_path=tmp_path)

    def test_exporter_exception_propagates(self, tmp_path: Path) -> None:
        """An exception of the exporter itself reaches the test unchanged, with nothing left."""

        def body(target: Path, context: ExportContext) -> None:
            target.write_text("half")
            raise RuntimeError("exporter bug")

        with pytest.raises(RuntimeError, match="exporter bug"):
            check_exporter(writing(body), tmp_path=tmp_path)
        assert not any(path.is_file() for path in (tmp_path / "check-json").rglob("*"))


BUILTIN_FORMATS = ["json", "html", "html-site", "epub", "pdf"]


@pytest.mark.parametrize(
    "format_name",
    [
        pytest.param(name, marks=pytest.mark.slow) if name == "pdf" else name
        for name in BUILTIN_FORMATS
    ],
)
def test_every_builtin_exporter_passes_the_conformance_check(
    format_name: str, pm: Plugins, tmp_path: Path
) -> None:
    """Built-in formats are held to the same contract as third-party ones."""
    entry = pm.exporters.get(format_name)
    assert entry.distribution == "interviewkit"
    result = check_exporter(entry.cls, tmp_path=tmp_path)
    assert result.format_name == format_name
