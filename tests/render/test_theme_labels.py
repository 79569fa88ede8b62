"""``theme/labels.toml``: an anthology rewords the generated labels, in every visual format."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from interviewkit.build import build
from interviewkit.errors import InvalidInputError
from interviewkit.plugins import Plugins

LABELS = """\
[fr]
contents = "Sommaire"
edited_by = "Textes réunis par {names}"

[fr-CA]
contents = "Sommaire du livre"

[en]
contents = "What is inside"
"""


def _write(root: Path, text: str) -> None:
    (root / "theme").mkdir(exist_ok=True)
    (root / "theme" / "labels.toml").write_text(text, encoding="utf-8")


def test_overrides_reach_every_visual_format(
    anthology_copy: Path, tmp_path: Path, pm: Plugins
) -> None:
    _write(anthology_copy, LABELS)
    report = build(anthology_copy, ["html", "epub", "pdf"], tmp_path / "out", plugins=pm)
    assert report.ok, report.failures
    paths = {result.format_name: result.path for result in report.results}
    html = paths["html"].read_text(encoding="utf-8")
    # fr-CA takes [fr], then [fr-CA] over it; [en] is another language's.
    assert "Sommaire du livre" in html
    assert "Textes réunis par Annie-Claude Letendre" in html
    assert "Table des matières" not in html
    assert "What is inside" not in html
    with zipfile.ZipFile(paths["epub"]) as epub:
        text = "".join(
            epub.read(name).decode("utf-8") for name in epub.namelist() if name.endswith("xhtml")
        )
    assert "Sommaire du livre" in text
    assert "Table des matières" not in text
    pdf = "".join(page.extract_text() for page in PdfReader(paths["pdf"]).pages)
    assert "Textes réunis par" in pdf
    assert "Sous la direction" not in pdf


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[fr]\ncontnets = "Sommaire"\n', "[fr] contnets: no label has this name"),
        (
            '[fr]\nedited_by = "Textes réunis par {name}"\n',
            "[fr] edited_by: has {name} where the label needs {names}",
        ),
        ('[fr]\ncontents = "Sommaire {names}"\n', "needs no placeholder"),
        ("[fr]\ncontents = 3\n", "[fr] contents: the label must be a string"),
        ('[en]\nfollow = "Follow {name"\n', "[en] follow: unbalanced braces"),
        ('contents = "Sommaire"\n', "write [contents] and the labels under it"),
        ("[fr\n", "line 1"),
    ],
)
def test_a_bad_file_is_a_clear_error(
    anthology_copy: Path, tmp_path: Path, pm: Plugins, text: str, message: str
) -> None:
    _write(anthology_copy, text)
    report = build(anthology_copy, ["html"], tmp_path / "out", plugins=pm)
    assert not report.ok
    (error,) = report.failures
    assert isinstance(error, InvalidInputError)
    assert error.file == "theme/labels.toml"
    assert message in str(error)
    assert error.hint
