"""Nothing is overwritten or deleted that the build did not write.

An output that is, or resolves to, a file the build reads is refused before anything is built;
a folder where a file output goes (or a file where a folder goes), a symbolic link, and a folder
the build did not write are errors naming the path, and are left as they are.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

import interviewkit
from interviewkit.cli import main

Capture = pytest.CaptureFixture[str]

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "makers-at-work"
NAME = "makers-at-work"


def run(capsys: Capture, *argv: str) -> tuple[int, str]:
    """Run the command line; return the exit status and what it printed on stderr."""
    code = main(list(argv))
    return code, capsys.readouterr().err


def fingerprint(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (links not followed) with a digest of its content."""
    found: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[key] = f"-> {os.readlink(path)}"
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[key] = "folder"
    return found


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A writable copy of the English example."""
    target = tmp_path / NAME
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.fixture
def portrait(tmp_path: Path) -> Path:
    """A portrait file read on its own (it names its language), alone in a folder."""
    folder = tmp_path / "desk"
    folder.mkdir()
    text = (EXAMPLE / "portraits" / "marguerite-obi.md").read_text(encoding="utf-8")
    path = folder / "p.md"
    path.write_text(text.replace("---\n", "---\nlanguage: en\n", 1), encoding="utf-8")
    return path


class TestInputsAreNeverReplaced:
    """An output path that is, or resolves to, a file the build reads."""

    def test_portrait_built_into_its_own_folder(
        self, portrait: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
    ):
        """`build p.md -o .` would replace p.md with the Markdown export: refused, nothing built."""
        pytest.importorskip("interviewkit_markdown")
        before = fingerprint(portrait.parent)
        monkeypatch.chdir(portrait.parent)
        code, err = run(capsys, "build", "p.md", "-f", "json", "-f", "markdown", "-o", ".")
        assert code == 2
        assert f"cannot write p.md: it is {portrait.resolve()}, which this build reads" in err
        assert "choose another output folder with -o" in err
        assert fingerprint(portrait.parent) == before

    def test_output_folder_that_is_a_link_to_the_source_folder(
        self, portrait: Path, tmp_path: Path, capsys: Capture
    ):
        """An output folder that resolves to the source's folder is seen through."""
        pytest.importorskip("interviewkit_markdown")
        link = tmp_path / "out"
        link.symlink_to(portrait.parent, target_is_directory=True)
        before = fingerprint(portrait.parent)
        code, err = run(capsys, "build", str(portrait), "-f", "markdown", "-o", str(link))
        assert code == 2
        assert f"it is {portrait.resolve()}, which this build reads" in err
        assert fingerprint(portrait.parent) == before

    def test_canonical_json_rebuilt_into_its_own_folder(
        self, source: Path, tmp_path: Path, capsys: Capture
    ):
        """`build book.json -o <its folder>` would rewrite the source in place: refused."""
        archive = tmp_path / "archive"
        assert interviewkit.build(source, ["json"], archive).ok
        before = fingerprint(archive)
        code, err = run(
            capsys, "build", str(archive / f"{NAME}.json"), "-f", "json", "-o", str(archive)
        )
        assert code == 2
        assert "which this build reads" in err
        assert fingerprint(archive) == before

    def test_section_file_named_like_an_output(self, source: Path, capsys: Capture):
        """Building into the anthology folder must not replace a section file the build reads."""
        section = source / f"{NAME}.json"
        section.write_text("A preface kept in a file named like the JSON output.\n", "utf-8")
        manifest = source / "anthology.toml"
        manifest.write_text(
            manifest.read_text(encoding="utf-8")
            + f'\n[[back_matter]]\ntitle = "Afterword"\nfile = "{NAME}.json"\n',
            encoding="utf-8",
        )
        assert interviewkit.load(source).back_matter
        before = fingerprint(source)
        code, err = run(capsys, "build", str(source), "-f", "json", "-o", str(source))
        assert code == 2
        assert f"it is {section.resolve()}, which this build reads" in err
        assert fingerprint(source) == before

    def test_link_at_an_output_path_pointing_to_an_input(
        self, source: Path, tmp_path: Path, capsys: Capture
    ):
        """A symbolic link at an output path is neither written through nor replaced."""
        out = tmp_path / "out"
        out.mkdir()
        (out / f"{NAME}.json").symlink_to(source / "anthology.toml")
        before = fingerprint(tmp_path)
        code, err = run(capsys, "build", str(source), "-f", "json", "-o", str(out))
        assert code == 2
        assert "it is a symbolic link" in err
        assert "remove the link, or choose another output folder with -o" in err
        assert fingerprint(tmp_path) == before

    def test_folder_output_holding_the_source(self, tmp_path: Path, capsys: Capture):
        """A folder output that holds the anthology being built is never replaced."""
        out = tmp_path / "out"
        site = out / f"{NAME}-html-site"
        site.mkdir(parents=True)
        (site / ".interviewkit-build").write_text("", encoding="utf-8")
        source = site / "drafts" / NAME
        shutil.copytree(EXAMPLE, source)
        before = fingerprint(tmp_path)
        code, err = run(capsys, "build", str(source), "-f", "html-site", "-o", str(out))
        assert code == 2
        assert "which this build reads" in err
        assert fingerprint(tmp_path) == before

    def test_building_into_the_anthology_folder_twice(self, source: Path, capsys: Capture):
        """Building into the anthology folder is fine, again and again: no input is touched."""
        inputs = fingerprint(source)
        for _ in range(2):
            code, err = run(
                capsys, "build", str(source), "-f", "json", "-f", "html-site", "-o", str(source)
            )
            assert code == 0, err
        after = fingerprint(source)
        assert {key: after[key] for key in inputs} == inputs
        assert f"{NAME}-html-site/.interviewkit-build" in after


class TestWhatTheBuildDidNotWriteIsKept:
    """Folders, files and links in the way of an output are errors, never removed."""

    def test_folder_where_a_file_output_goes(self, source: Path, tmp_path: Path, capsys: Capture):
        """A folder named like the JSON output is reported and kept with its files."""
        out = tmp_path / "out"
        (out / f"{NAME}.json").mkdir(parents=True)
        (out / f"{NAME}.json" / "notes.txt").write_text("mine", encoding="utf-8")
        before = fingerprint(out)
        code, err = run(capsys, "build", str(source), "-f", "json", "-o", str(out))
        assert code == 2
        assert f"cannot write {out / NAME}.json: it is a folder, and this output is a file" in err
        assert fingerprint(out) == before

    def test_file_where_a_folder_output_goes(self, source: Path, tmp_path: Path, capsys: Capture):
        """A file named like the site folder is reported and kept."""
        out = tmp_path / "out"
        out.mkdir()
        (out / f"{NAME}-html-site").write_text("mine", encoding="utf-8")
        before = fingerprint(out)
        code, err = run(capsys, "build", str(source), "-f", "html-site", "-o", str(out))
        assert code == 2
        assert (
            f"cannot write {out / NAME}-html-site: it is a file, and this output is a folder" in err
        )
        assert fingerprint(out) == before

    def test_folder_the_build_did_not_write(self, source: Path, tmp_path: Path, capsys: Capture):
        """A folder without the build's stamp is not replaced: the user's files stay."""
        out = tmp_path / "out"
        site = out / f"{NAME}-html-site"
        site.mkdir(parents=True)
        (site / "my-notes.txt").write_text("mine", encoding="utf-8")
        before = fingerprint(out)
        code, err = run(
            capsys, "build", str(source), "-f", "json", "-f", "html-site", "-o", str(out)
        )
        assert code == 2
        assert "this folder was not written by interviewkit" in err
        assert "move or rename the folder, or choose another output folder with -o" in err
        assert fingerprint(out) == before

    def test_folder_the_build_wrote_is_replaced(self, source: Path, tmp_path: Path):
        """The stamped folder of an earlier build is replaced whole."""
        out = tmp_path / "out"
        assert interviewkit.build(source, ["html-site"], out).ok
        (out / f"{NAME}-html-site" / "stale.html").write_text("old", encoding="utf-8")
        assert interviewkit.build(source, ["html-site"], out).ok
        assert not (out / f"{NAME}-html-site" / "stale.html").exists()
        assert (out / f"{NAME}-html-site" / ".interviewkit-build").is_file()
