"""Issue 12, item 4 (SVG): an SVG image cannot run script or load anything, in any format.

One function cleans every SVG before a format ships it (the single-file HTML's ``data:`` URIs,
the site's copies, the EPUB's items, the PDF's fetcher, the Markdown plugin's copies): scripts,
event handlers and external references are removed, with a warning that ``check`` gives too; an
SVG that cannot be read safely (malformed, XML entities) is refused before anything is built.
"""

from __future__ import annotations

import base64
import re
import zipfile
from pathlib import Path

import pytest

import interviewkit
from interviewkit.build import ContentError
from interviewkit.errors import InvalidInputError
from interviewkit.plugins import make_plugin_manager

#: Everything here must be gone from every output; ``KEEP-ME`` must stay.
HOSTILE_SVG = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet href="http://tracker.example.org/sheet.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="40" height="40" onload="alert('onload')">
  <script>alert('script')</script>
  <style>@import url(http://tracker.example.org/style.css);</style>
  <defs><linearGradient id="KEEP-ME-gradient"/></defs>
  <rect width="40" height="40" fill="url(#KEEP-ME-gradient)" onclick="alert('click')"
        style="cursor: url(http://tracker.example.org/cursor.cur)"/>
  <a xlink:href="javascript:alert('link')"><text>KEEP-ME text</text></a>
  <use href="http://tracker.example.org/sprite.svg#icon"/>
  <image href="file:///etc/passwd" width="1" height="1"/>
  <foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="http://tracker.example.org/f"/></foreignObject>
  <set attributeName="xlink:href" to="javascript:alert('set')"/>
</svg>
"""

GONE = ("alert(", "tracker.example.org", "javascript:", "onload", "onclick", "file:///")

CLEAN_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
    '<rect width="4" height="4" fill="#123"/></svg>\n'
)

#: An XML external entity: must never be expanded, and the image is left out.
ENTITY_SVG = """<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><text>&secret;</text></svg>
"""


def anthology(root: Path, images: dict[str, str]) -> Path:
    """A one-portrait anthology using ``images`` (name: SVG text): first as photo, all inline."""
    (root / "portraits").mkdir(parents=True)
    (root / "images").mkdir()
    for name, text in images.items():
        (root / "images" / name).write_text(text, encoding="utf-8")
    first = next(iter(images))
    inline = " ".join(f"![A drawing](images/{name})" for name in images)
    (root / "anthology.toml").write_text(
        'title = "Quiet Rooms"\nlanguage = "en"\nportraits = ["june-harrow"]\n', encoding="utf-8"
    )
    (root / "portraits" / "june-harrow.md").write_text(
        '---\ntitle: "The Weaver"\nsubject:\n  name: June Harrow\n  photo:\n'
        f"    path: images/{first}\n    alt: A drawing of a loom.\n---\n\n"
        f"## What do you weave?\n\nBlankets, mostly. {inline}\n",
        encoding="utf-8",
    )
    return root


def shipped_svgs(result: interviewkit.ExportResult) -> list[bytes]:
    """The SVG files an HTML, site, EPUB or Markdown-folder output carries."""
    path = result.path
    if path.suffix == ".html":
        uris = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", path.read_text("utf-8"))
        return [base64.b64decode(uri) for uri in uris]
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as archive:
            return [archive.read(n) for n in archive.namelist() if n.endswith(".svg")]
    return [file.read_bytes() for file in sorted(path.rglob("*.svg"))]


def build(source: Path, out: Path, formats: list[str]) -> interviewkit.BuildReport:
    """Build ``source`` with the built-in formats (and the Markdown plugin when asked)."""
    extra = []
    if "markdown-folder" in formats:
        extra.append(("markdown", pytest.importorskip("interviewkit_markdown")))
    plugins = make_plugin_manager(entry_point_plugins=False, extra=extra)
    return interviewkit.build(source, formats, out, plugins=plugins)


def problems(report: interviewkit.BuildReport) -> str:
    """The build's warnings (``check`` prints the same), one per line."""
    return "\n".join(problem.message for problem in report.problems)


@pytest.mark.parametrize("fmt", ["html", "html-site", "epub", "markdown-folder"])
def test_hostile_svg_is_cleaned(fmt: str, tmp_path: Path):
    """Script, handlers and external references are absent from the shipped SVG; the rest stays."""
    source = anthology(tmp_path / "book", {"loom.svg": HOSTILE_SVG, "plain.svg": CLEAN_SVG})
    report = build(source, tmp_path / "out", [fmt])
    assert report.ok, report.failures
    (result,) = report.results
    svgs = shipped_svgs(result)
    assert svgs
    hostile = [svg for svg in svgs if b"KEEP-ME" in svg]
    assert hostile
    for svg in hostile:
        text = svg.decode("utf-8")
        for fragment in GONE:
            assert fragment not in text, (fmt, fragment)
        for element in ("<script", "<foreignObject", "<iframe", "<set", "<?xml-stylesheet"):
            assert element not in text
        assert 'fill="url(#KEEP-ME-gradient)"' in text
    if fmt != "markdown-folder":  # which copies the photos only, not inline images
        assert CLEAN_SVG.encode("utf-8") in svgs  # a clean SVG ships byte for byte
        assert "image 'images/loom.svg': removed what could run or load: line 2: " in problems(
            report
        )


def test_pdf_fetches_nothing_from_a_hostile_svg(tmp_path: Path):
    """The PDF builds, and WeasyPrint never asks for the SVG's external references."""
    source = anthology(tmp_path / "book", {"loom.svg": HOSTILE_SVG})
    report = build(source, tmp_path / "out", ["pdf"])
    assert report.ok, report.failures
    assert "image 'images/loom.svg': removed what could run or load" in problems(report)
    assert "refused" not in "\n".join(p.message for p in report.results[0].problems)


@pytest.mark.parametrize("fmt", ["html", "html-site", "epub", "pdf"])
def test_svg_with_entities_is_refused(fmt: str, tmp_path: Path):
    """An SVG declaring XML entities is refused before anything is built, never expanded."""
    source = anthology(tmp_path / "book", {"loom.svg": ENTITY_SVG})
    with pytest.raises(InvalidInputError) as caught:
        build(source, tmp_path / "out", [fmt])
    message = str(caught.value)
    assert "june-harrow.md: line 6: subject.photo.path: 'images/loom.svg' is refused" in message
    assert "the DOCTYPE declares XML entities" in message
    assert not (tmp_path / "out").exists()


def test_inline_svg_with_entities_stops_the_build(tmp_path: Path):
    """An SVG named only in an answer is checked too: the build stops, nothing is written."""
    source = anthology(tmp_path / "book", {"plain.svg": CLEAN_SVG, "loom.svg": ENTITY_SVG})
    with pytest.raises(ContentError) as caught:
        build(source, tmp_path / "out", ["html"])
    assert "'images/loom.svg' is refused: the DOCTYPE declares XML entities" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_malformed_svg_is_refused_with_its_line(tmp_path: Path):
    """An SVG that is not well-formed XML is refused, with the line of the error."""
    broken = '<svg xmlns="http://www.w3.org/2000/svg">\n<g>\n</svg>\n'
    source = anthology(tmp_path / "book", {"loom.svg": broken})
    with pytest.raises(InvalidInputError) as caught:
        build(source, tmp_path / "out", ["html-site"])
    assert "'images/loom.svg' is refused: line 3: not a well-formed SVG file" in str(caught.value)
