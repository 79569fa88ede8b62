"""The JSON importer: reads the canonical archive the ``json`` exporter writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import interviewkit
from interviewkit.build.loading import open_source
from interviewkit.errors import InvalidInputError, SchemaVersionError
from interviewkit.plugins import Plugins


@pytest.fixture
def archive(anthology_copy: Path, pm: Plugins) -> Path:
    """The French example built to JSON inside its own folder, so its images sit beside it."""
    report = interviewkit.build(anthology_copy, ["json"], anthology_copy, plugins=pm)
    (result,) = report.results
    return result.path


class TestJsonImporter:
    """What the json exporter wrote loads back unchanged."""

    def test_reads_what_the_exporter_wrote(self, archive: Path, anthology_copy: Path):
        """Loading the archive gives an anthology equal to the one loaded from the folder."""
        assert archive.name == "derriere-les-comptes.json"
        assert interviewkit.load(archive) == interviewkit.load(anthology_copy)

    def test_source_root_is_the_archive_folder(self, archive: Path):
        """Images of an archive are looked up beside the JSON file."""
        source = open_source(archive)
        assert source.root == archive.parent
        assert source.file == archive

    def test_archive_without_its_images_loads_with_warnings(self, archive: Path, tmp_path: Path):
        """An archive moved away from its images loads; each missing image is a warning."""
        moved = tmp_path / "elsewhere" / archive.name
        moved.parent.mkdir()
        shutil.copy(archive, moved)
        source = interviewkit.open_source(moved)
        assert source.anthology == interviewkit.load(archive)
        warnings = {problem.where: problem for problem in source.problems}
        assert warnings["cover"].severity == "warning"
        assert "images/cover.png" in warnings["cover"].message

    def test_one_line_archive_reads_back(self, archive: Path, anthology_copy: Path, pm: Plugins):
        """The `indent=0` form of the archive loads into the same anthology."""
        report = interviewkit.build(
            anthology_copy, ["json"], anthology_copy, options=["json.indent=0"], plugins=pm
        )
        assert b"\n" not in report.results[0].path.read_bytes().strip()
        assert interviewkit.load(report.results[0].path) == interviewkit.load(anthology_copy)

    def test_error_paths_point_into_the_document(self, archive: Path):
        """A wrong value deep in the archive is reported with its path and the file name."""
        data = json.loads(archive.read_text(encoding="utf-8"))
        data["anthology"]["portraits"][1]["interview"]["exchanges"][2]["question"] = "   "
        archive.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(archive)
        assert "derriere-les-comptes.json" in str(caught.value)
        assert "portraits[1].interview.exchanges[2].question" in str(caught.value)

    def test_newer_schema_version_is_refused(self, archive: Path):
        """An archive written by a newer interviewkit says to upgrade."""
        data = json.loads(archive.read_text(encoding="utf-8"))
        data["interviewkit"] = "4"
        archive.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(SchemaVersionError) as caught:
            interviewkit.load(archive)
        assert "upgrade" in caught.value.hint
