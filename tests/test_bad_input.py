"""Bad input: every case under ``tests/bad/`` fails cleanly, says where, and writes nothing.

Each case folder holds a small fictional input (an ``input/`` folder, or an ``input.json`` file)
and ``expected_error.txt``: fragments, one per line, that must all appear in the error output
(the file, the place in it, and a piece of the fix).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import interviewkit
from interviewkit.cli import main

BAD = Path(__file__).parent / "bad"
CASES = sorted(path.name for path in BAD.iterdir() if (path / "expected_error.txt").is_file())

Snapshot = Callable[[Path], dict[str, bytes]]


def case_input(case: str) -> Path:
    """The input of a case: its ``input/`` folder, or its single ``input.*`` file."""
    inputs = sorted((BAD / case).glob("input*"))
    assert len(inputs) == 1, f"case {case!r} must hold exactly one input, found {inputs}"
    return inputs[0]


def expected_fragments(case: str) -> list[str]:
    """The non-empty lines of the case's ``expected_error.txt``."""
    text = (BAD / case / "expected_error.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.fixture
def copied(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A writable copy of the case's input in tmp_path (the repository copy is never touched)."""
    source = case_input(request.param)
    target = tmp_path / request.param / source.name
    target.parent.mkdir()
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy(source, target)
    return target


def test_cases_are_present():
    """The bad-input corpus is found (a wrong path would silently parametrize nothing)."""
    assert len(CASES) >= 18


@pytest.mark.parametrize("copied", CASES, indirect=True, ids=CASES)
class TestBadInput:
    """A case's input makes `build` and `check` fail with a clear error and no side effect."""

    def test_build_fails_cleanly(
        self, copied: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], snapshot: Snapshot
    ):
        """`build` exits 2 with every expected fragment, no traceback, no output, input intact."""
        case = copied.parent.name
        root = copied if copied.is_dir() else copied.parent
        before = snapshot(root)
        out = tmp_path / "out"
        code = main(["build", str(copied), "-f", "json", "-o", str(out)])
        stderr = capsys.readouterr().err
        assert code == 2, stderr
        assert "Traceback" not in stderr
        assert stderr.startswith("error: ")
        for fragment in expected_fragments(case):
            assert fragment in stderr, f"{fragment!r} missing from:\n{stderr}"
        assert "hint: " in stderr
        written = [path for path in out.rglob("*") if path.is_file()] if out.exists() else []
        assert written == []
        assert snapshot(root) == before

    def test_check_fails_too(self, copied: Path, capsys: pytest.CaptureFixture[str]):
        """`check` on the same input exits 2 with the same message."""
        code = main(["check", str(copied)])
        stderr = capsys.readouterr().err
        assert code == 2, stderr
        assert "Traceback" not in stderr
        for fragment in expected_fragments(copied.parent.name):
            assert fragment in stderr

    def test_load_raises_an_interviewkit_error(self, copied: Path):
        """The API raises an InterviewkitError (never a raw parser or cattrs exception)."""
        with pytest.raises(interviewkit.InterviewkitError):
            interviewkit.load(copied)


def test_ten_megabyte_answer_loads(tmp_path: Path):
    """A portrait with a 10 MB answer loads through the folder importer with its answer intact."""
    root = tmp_path / "long"
    shutil.copytree(case_input("missing-image"), root)  # a valid portrait except for its photo
    portrait = root / "portraits" / "alice-tremblay.md"
    text = portrait.read_text(encoding="utf-8").replace(
        "  photo:\n    path: images/alice-tremblay.png\n"
        "    alt: Alice Tremblay devant un mur de briques.\n",
        "",
    )
    paragraph = "Une phrase assez longue pour remplir la réponse, encore et encore. " * 15
    answer = "\n\n".join([paragraph.strip()] * (10_000_000 // len(paragraph) + 1))
    portrait.write_text(f"{text}\n## Une très longue réponse?\n\n{answer}\n", encoding="utf-8")
    anthology = interviewkit.load(root)
    last = anthology.portraits[0].interview.exchanges[-1]
    assert str(last.question) == "Une très longue réponse?"
    assert len(last.answer.source.encode("utf-8")) > 10_000_000
    assert last.answer.source == answer
