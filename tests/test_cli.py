"""The ``interviewkit`` command, run in-process through ``cli.main`` (and once as a module)."""

from __future__ import annotations

import importlib
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import interviewkit
from interviewkit.cli import main
from interviewkit.plugins import get_plugins

Capture = pytest.CaptureFixture[str]


def run(capsys: Capture, *argv: str) -> tuple[int, str, str]:
    """Run the command line with ``argv``; return the exit code, stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestGeneral:
    """Help and version."""

    def test_help_lists_the_commands(self, capsys: Capture):
        """`--help` lists every command."""
        code, out, _ = run(capsys, "--help")
        assert code == 0
        for command in ("build", "check", "formats", "plugins", "new", "schema"):
            assert f"  {command} " in out

    def test_version(self, capsys: Capture):
        """`--version` prints the installed version."""
        code, out, _ = run(capsys, "--version")
        assert code == 0
        assert out.strip() == f"interviewkit, version {interviewkit.__version__}"

    def test_python_dash_m(self):
        """`python -m interviewkit --version` runs the same command line."""
        completed = subprocess.run(
            [sys.executable, "-m", "interviewkit", "--version"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        assert interviewkit.__version__ in completed.stdout

    def test_unknown_command_is_a_usage_error(self, capsys: Capture):
        """A mistyped command exits 2."""
        code, _, err = run(capsys, "biuld")
        assert code == 2
        assert "biuld" in err


class TestBuild:
    """`interviewkit build`."""

    def test_writes_the_json_archive(self, fr_example: Path, tmp_path: Path, capsys: Capture):
        """`-f json -o DIR` writes DIR/derriere-les-comptes.json, which loads back."""
        out = tmp_path / "out"
        code, _, err = run(capsys, "build", str(fr_example), "-f", "json", "-o", str(out))
        assert code == 0, err
        assert sorted(p.name for p in out.iterdir()) == ["derriere-les-comptes.json"]
        assert json.loads((out / "derriere-les-comptes.json").read_bytes())["interviewkit"] == "3"

    def test_default_formats_are_all_registered_formats(
        self, en_example: Path, tmp_path: Path, capsys: Capture
    ):
        """Without `-f`, every registered format is built."""
        out = tmp_path / "out"
        code, _, err = run(capsys, "build", str(en_example), "-o", str(out))
        assert code == 0, err
        built = {result.split()[1] for result in err.splitlines() if result.startswith("✓")}
        assert built == set(get_plugins().exporters.names())
        assert (out / "makers-at-work.json").is_file()

    def test_unknown_format_suggests_a_name(
        self, fr_example: Path, tmp_path: Path, capsys: Capture
    ):
        """`-f jsn` exits 2 with "did you mean 'json'" and writes nothing."""
        out = tmp_path / "out"
        code, _, err = run(capsys, "build", str(fr_example), "-f", "jsn", "-o", str(out))
        assert code == 2
        assert "did you mean 'json'" in err
        assert "Traceback" not in err
        assert not out.exists()

    def test_option_override_writes_one_line(
        self, fr_example: Path, tmp_path: Path, capsys: Capture
    ):
        """`-O json.indent=0` overrides anthology.toml's indent and writes one line of JSON."""
        out = tmp_path / "out"
        code, _, err = run(
            capsys, "build", str(fr_example), "-f", "json", "-O", "json.indent=0", "-o", str(out)
        )
        assert code == 0, err
        data = (out / "derriere-les-comptes.json").read_bytes()
        assert b"\n" not in data.strip()
        assert json.loads(data)["anthology"]["title"] == "Derrière les comptes"

    def test_unknown_option_exits_2_with_a_hint(
        self, fr_example: Path, tmp_path: Path, capsys: Capture
    ):
        """`-O nope=1` exits 2 and lists the options that exist."""
        out = tmp_path / "out"
        code, _, err = run(capsys, "build", str(fr_example), "-O", "nope=1", "-o", str(out))
        assert code == 2
        assert "'nope'" in err
        assert "hint: " in err
        assert "json.indent" in err
        assert not out.exists()

    def test_quiet_prints_nothing_on_success(
        self, fr_example: Path, tmp_path: Path, capsys: Capture
    ):
        """`-q` keeps a successful build silent."""
        code, out, err = run(capsys, "build", str(fr_example), "-q", "-o", str(tmp_path / "o"))
        assert (code, out, err) == (0, "", "")


class TestCheck:
    """`interviewkit check`."""

    def test_prints_a_summary(self, fr_example: Path, capsys: Capture):
        """On the example, `check` prints the counts and exits 0."""
        code, _, err = run(capsys, "check", str(fr_example))
        assert code == 0, err
        assert "3 portraits" in err
        assert "0 problem(s)" in err

    def test_strict_fails_on_warnings(self, anthology_copy: Path, capsys: Capture):
        """A warning (an unlisted portrait file) exits 0, or 2 with `--strict`."""
        shutil.copy(
            anthology_copy / "portraits" / "samuel-fortier-dion.md",
            anthology_copy / "portraits" / "zoe-brisson.md",
        )
        code, _, err = run(capsys, "check", str(anthology_copy))
        assert code == 0, err
        assert "warning" in err
        assert "portraits/zoe-brisson.md" in err
        code, _, err = run(capsys, "check", "--strict", str(anthology_copy))
        assert code == 2
        assert "portraits/zoe-brisson.md" in err

    def test_strict_passes_without_warnings(self, en_example: Path, capsys: Capture):
        """`--strict` exits 0 when there is nothing to report."""
        code, _, err = run(capsys, "check", "--strict", str(en_example))
        assert code == 0, err

    def test_missing_source(self, tmp_path: Path, capsys: Capture):
        """A path that does not exist exits 2 with a hint."""
        code, _, err = run(capsys, "check", str(tmp_path / "nowhere"))
        assert code == 2
        assert "no such file or folder" in err
        assert "hint: " in err


class TestListings:
    """`formats --json` and `plugins --json`."""

    def test_formats_json(self, capsys: Capture):
        """`formats --json` lists the json exporter with its plugin and distribution."""
        code, out, _ = run(capsys, "formats", "--json")
        assert code == 0
        data = json.loads(out)
        (entry,) = [row for row in data["formats"] if row["name"] == "json"]
        assert entry["plugin"] == "json"
        assert entry["distribution"] == "interviewkit"
        assert entry["suffix"] == ".json"
        assert isinstance(data["broken"], list)

    def test_plugins_json(self, capsys: Capture):
        """`plugins --json` lists the built-in json plugin and the format it provides."""
        code, out, _ = run(capsys, "plugins", "--json")
        assert code == 0
        data = json.loads(out)
        (entry,) = [row for row in data["plugins"] if row["name"] == "json"]
        assert entry["distribution"] == "interviewkit"
        assert entry["formats"] == ["json"]
        assert "interviewkit_register_exporters" in entry["hooks"]
        assert entry["error"] is None

    def test_formats_table(self, capsys: Capture):
        """`formats` without `--json` prints a table naming the json format."""
        code, out, _ = run(capsys, "formats")
        assert code == 0
        assert "json" in out
        assert "interviewkit" in out


class TestNew:
    """`interviewkit new`."""

    @pytest.mark.parametrize("language", ["en", "fr-CA"])
    def test_new_folder_builds(self, language: str, tmp_path: Path, capsys: Capture):
        """`new DIR --language L` creates a folder that then builds without error."""
        folder = tmp_path / "mon-recueil"
        code, _, err = run(capsys, "new", str(folder), "--language", language)
        assert code == 0, err
        assert (folder / "anthology.toml").is_file()
        assert interviewkit.load(folder).language == language
        code, _, err = run(capsys, "build", str(folder), "-f", "json", "-o", str(tmp_path / "o"))
        assert code == 0, err
        assert (tmp_path / "o" / "mon-recueil.json").is_file()

    def test_refuses_a_non_empty_folder(self, tmp_path: Path, capsys: Capture, snapshot):
        """`new` on a non-empty folder exits 2 and leaves the folder as it was."""
        folder = tmp_path / "existing"
        folder.mkdir()
        (folder / "notes.txt").write_text("à garder\n", encoding="utf-8")
        before = snapshot(folder)
        code, _, err = run(capsys, "new", str(folder))
        assert code == 2
        assert "not an empty folder" in err
        assert snapshot(folder) == before

    def test_refuses_a_bad_language_tag(self, tmp_path: Path, capsys: Capture):
        """`--language fr_CA` exits 2 with a hint suggesting fr-CA, creating nothing."""
        folder = tmp_path / "recueil"
        code, _, err = run(capsys, "new", str(folder), "--language", "fr_CA")
        assert code == 2
        assert "did you mean 'fr-CA'" in err
        assert "hint: " in err
        assert not folder.exists()


class TestSchema:
    """`interviewkit schema`."""

    def test_prints_json(self, capsys: Capture):
        """`schema` prints a JSON Schema document."""
        code, out, _ = run(capsys, "schema")
        assert code == 0
        schema = json.loads(out)
        assert "$schema" in schema

    def test_writes_a_file(self, tmp_path: Path, capsys: Capture):
        """`schema -o FILE` writes the same text to FILE."""
        code, printed, _ = run(capsys, "schema")
        target = tmp_path / "schema.json"
        code, out, _ = run(capsys, "schema", "-o", str(target))
        assert code == 0
        assert out == ""
        assert target.read_text(encoding="utf-8") == printed


class TestInternalErrors:
    """A bug is reported as such: traceback, a request to report it, exit 1."""

    def test_build_bug_exits_1(
        self,
        fr_example: Path,
        tmp_path: Path,
        capsys: Capture,
        monkeypatch: pytest.MonkeyPatch,
    ):
        """A RuntimeError inside the build exits 1 with a traceback and "Please report"."""

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("boom")

        # `interviewkit.build` is the function re-exported by the package, so patch the module.
        monkeypatch.setattr(importlib.import_module("interviewkit.build"), "build", broken)
        code, _, err = run(capsys, "build", str(fr_example), "-o", str(tmp_path / "o"))
        assert code == 1
        assert "Traceback" in err
        assert "RuntimeError: boom" in err
        assert "Please report" in err

    def test_check_bug_exits_1(
        self, fr_example: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
    ):
        """A RuntimeError while loading exits 1 with "Please report"."""

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("boom")

        # The module object, not the dotted string: ``interviewkit.build`` as an attribute is
        # the build() function the package face exports, so pytest could not walk through it.
        from interviewkit.build import loading

        monkeypatch.setattr(loading, "open_source", broken)
        code, _, err = run(capsys, "check", str(fr_example))
        assert code == 1
        assert "Please report" in err


class TestImportFromStdin:
    """`interviewkit import - -o FOLDER` reads the interview from standard input."""

    INTERVIEW = (
        "# Ten questions for Ann Lee\n\n"
        "Ann Lee binds books in Lyon ([her workshop](https://example.com/atelier)).\n\n"
        "**When did you start binding books?**\n\nIn 2004, after a course.\n\n"
        "**What is the hardest part?**\n\nWaiting for the glue to dry.\n"
    )

    @staticmethod
    def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))

    @pytest.fixture
    def temporary(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        """The folder temporary files go to, to see that none is left."""
        folder = tmp_path / "tmp"
        folder.mkdir()
        monkeypatch.setattr(tempfile, "tempdir", str(folder))
        return folder

    def test_stdin_is_read_sniffed_and_named(
        self, tmp_path: Path, temporary: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
    ):
        self.stdin(monkeypatch, self.INTERVIEW.encode())
        code, _, err = run(capsys, "import", "-", "-o", str(tmp_path / "out"))
        assert code == 0, err
        assert "read by the 'markdown' importer (Markdown syntax:" in " ".join(err.split())
        [written] = (tmp_path / "out").glob("*.md")
        text = written.read_text(encoding="utf-8")
        assert "# Imported by interviewkit from <stdin>." in text
        assert "## When did you start binding books?" in text
        assert not any(temporary.iterdir())

    def test_from_applies_to_stdin(
        self, tmp_path: Path, temporary: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
    ):
        self.stdin(monkeypatch, b"Q: Why?\nA: Because.\nQ: How?\nA: Slowly.\n")
        code, _, err = run(capsys, "import", "-", "-o", str(tmp_path / "out"), "--from", "text")
        assert code == 0, err
        assert "read by the 'text' importer (chosen with --from)" in " ".join(err.split())

    @pytest.mark.parametrize("data", [b"", b"  \n\n"])
    def test_empty_stdin_is_an_error(
        self,
        tmp_path: Path,
        temporary: Path,
        capsys: Capture,
        monkeypatch: pytest.MonkeyPatch,
        data: bytes,
    ):
        self.stdin(monkeypatch, data)
        code, _, err = run(capsys, "import", "-", "-o", str(tmp_path / "out"))
        assert code == 2
        assert "error: <stdin>: is empty" in err
        assert "hint:" in err
        assert "< interview.txt" in err
        assert not (tmp_path / "out").exists()
        assert not any(temporary.iterdir())

    def test_errors_name_stdin_not_the_temporary_file(
        self, tmp_path: Path, temporary: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
    ):
        self.stdin(monkeypatch, b"Opening hours: 9 to 5.\nClosed on Sundays.\n")
        code, _, err = run(capsys, "import", "-", "-o", str(tmp_path / "out"))
        assert code == 2
        assert "error: <stdin>: no interview found" in err
        assert "stdin.txt" not in err
        assert not any(temporary.iterdir())

    def test_a_byte_that_is_not_utf8_is_named_with_its_line(
        self, tmp_path: Path, temporary: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
    ):
        self.stdin(monkeypatch, "Pourquoi ?\nParce que, Hélène.\n".encode("latin-1"))
        code, _, err = run(capsys, "import", "-", "-o", str(tmp_path / "out"))
        assert code == 2
        assert "<stdin>: line 2: not valid UTF-8" in err

    def test_a_real_pipe(self, tmp_path: Path):
        completed = subprocess.run(
            [sys.executable, "-m", "interviewkit", "import", "-", "-o", str(tmp_path / "out")],
            input=self.INTERVIEW.encode(),
            capture_output=True,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        assert b"'markdown' importer" in completed.stderr
        assert len(list((tmp_path / "out").glob("*.md"))) == 1
