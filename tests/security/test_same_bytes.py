"""Same bytes from any path: no output depends on where the source or the output folder is.

The same anthology (with an image) is copied to two folders of different depths and names,
built in every format with the same ``SOURCE_DATE_EPOCH`` into two different output folders,
and the outputs are compared byte for byte (every file, for folder outputs).  The PDF is in
the set, so the test is in the slow suite.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import interviewkit

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "makers-at-work"
NAME = "makers-at-work"


def tree(path: Path) -> dict[str, bytes]:
    """The bytes of a file output, or of every file of a folder output, by relative path."""
    if path.is_file():
        return {"": path.read_bytes()}
    return {
        file.relative_to(path).as_posix(): file.read_bytes()
        for file in sorted(path.rglob("*"))
        if file.is_file()
    }


@pytest.mark.slow
def test_every_format_is_the_same_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two copies in unrelated folders, built into unrelated folders, give identical outputs."""
    assert any((EXAMPLE / "images").iterdir()), "the example must have an image"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = tmp_path / "a" / NAME
    second = tmp_path / "elsewhere" / "much deeper" / "é" / NAME
    shutil.copytree(EXAMPLE, first)
    shutil.copytree(EXAMPLE, second)
    one = interviewkit.build(first, ["all"], tmp_path / "out")
    two = interviewkit.build(second, ["all"], tmp_path / "x" / "y" / "other out")
    assert one.ok, one.failures
    assert two.ok, two.failures
    assert "pdf" in {result.format_name for result in one.results}
    outputs = {result.format_name: result.path for result in two.results}
    for result in one.results:
        theirs = outputs[result.format_name]
        assert result.path.name == theirs.name
        assert tree(result.path) == tree(theirs), f"{result.format_name} depends on the path"
