"""Prepress of the ``pdf`` format: page boxes, crop marks, the cover's bleed, and the outline.

The French example (a cover image, an interview with a titled part) is built twice per module:
A5 with a 3 mm bleed and crop and cross marks, and with the defaults (no bleed, no marks, no
questions in the outline).  Every test reads the written PDF back: its page boxes and outline
with pikepdf, the cover's content stream, and the pixels of pages rendered by poppler.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from tests import validators

from interviewkit.build import build
from interviewkit.exporters.pdf._options import (
    MARKS_GAP,
    PdfOptions,
    bleed_points,
    cover_css,
    page_setup_css,
    sheet_margin,
)
from interviewkit.exporters.pdf._prepress import set_page_boxes
from interviewkit.plugins import make_plugin_manager

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "derriere-les-comptes"
MM = 72 / 25.4
#: The trimmed A5 page, in points.
A5 = (0.0, 0.0, 419.53, 595.28)
BLEED = 3 * MM
OPTIONS = PdfOptions(bleed="3mm", marks="crop cross")
#: Render pages at this many pixels per point.
SCALE = 2

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Built:
    """A built book and its pages (the assembly calls :func:`set_page_boxes`)."""

    path: Path
    pdf: pikepdf.Pdf


def _build(tmp: Path, options: list[str], prepress: PdfOptions) -> Built:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        report = build(
            EXAMPLE,
            ["pdf"],
            tmp,
            options=options,
            plugins=make_plugin_manager(entry_point_plugins=False),
        )
    assert report.ok, report.failures
    del prepress  # the options given on the command line are the book's
    written = report.results[0].path
    return Built(written, pikepdf.open(written))


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The example with a 3 mm bleed, crop and cross marks."""
    built = _build(
        tmp_path_factory.mktemp("marked"), ["pdf.bleed=3mm", "pdf.marks=crop cross"], OPTIONS
    )
    yield built
    built.pdf.close()


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The example with the default page setup, and no questions in the outline."""
    options = PdfOptions(outline_questions=False)
    built = _build(tmp_path_factory.mktemp("plain"), ["pdf.outline_questions=false"], options)
    yield built
    built.pdf.close()


def box(page: pikepdf.Page, name: str) -> Box:
    left, bottom, right, top = (float(value) for value in page.obj[name])
    return left, bottom, right, top


def grown(area: Box, by: float) -> Box:
    left, bottom, right, top = area
    return left - by, bottom - by, right + by, top + by


def assert_box(actual: Box, expected: Box) -> None:
    assert actual == pytest.approx(expected, abs=0.01), (actual, expected)


def render(built: Built, index: int) -> Image.Image:
    """Page ``index`` as poppler draws it: the whole MediaBox, :data:`SCALE` pixels a point."""
    validators.require(
        "pdftoppm", shutil.which("pdftoppm") is not None, "apt-get install poppler-utils"
    )
    number = str(index + 1)
    run = subprocess.run(
        ["pdftoppm", "-r", str(72 * SCALE), "-f", number, "-l", number, "-gray", str(built.path)],
        capture_output=True,
        check=True,
    )
    return Image.open(io.BytesIO(run.stdout)).convert("L")


def pixels(image: Image.Image, media: Box, area: Box) -> list[int]:
    """The grey levels of ``area`` (PDF points) in a page rendered from ``media``."""
    left, bottom, right, top = area
    crop = (
        round((left - media[0]) * SCALE),
        round((media[3] - top) * SCALE),
        round((right - media[0]) * SCALE),
        round((media[3] - bottom) * SCALE),
    )
    return list(image.crop(crop).tobytes())


def ring(outer: Box, inner: Box) -> list[Box]:
    """The four bands of ``outer`` around ``inner`` (left and right ones full height)."""
    return [
        (outer[0], outer[1], inner[0], outer[3]),
        (inner[2], outer[1], outer[2], outer[3]),
        (inner[0], outer[1], inner[2], inner[1]),
        (inner[0], inner[3], inner[2], outer[3]),
    ]


@pytest.mark.slow
class TestPageBoxes:
    """MediaBox = trim + bleed + room for marks; BleedBox = trim + bleed; TrimBox = page."""

    def test_every_page_has_the_three_boxes(self, marked: Built):
        sheet = 2 * (BLEED + 3 * MM)  # twice the bleed and the 3 mm gap
        for page in marked.pdf.pages:
            assert_box(box(page, "/TrimBox"), A5)
            assert_box(box(page, "/BleedBox"), grown(A5, BLEED))
            assert_box(box(page, "/MediaBox"), grown(A5, sheet))

    def test_without_bleed_or_marks_the_boxes_are_the_page(self, plain: Built):
        for page in plain.pdf.pages:
            for name in ("/MediaBox", "/TrimBox", "/BleedBox"):
                if name in page.obj:
                    assert_box(box(page, name), A5)

    def test_setting_the_boxes_twice_changes_nothing(self, marked: Built):
        with pikepdf.open(marked.path) as again:
            set_page_boxes(again, OPTIONS)
            for first, second in zip(marked.pdf.pages, again.pages, strict=True):
                assert box(first, "/BleedBox") == box(second, "/BleedBox")

    @pytest.mark.validator
    @pytest.mark.parametrize("variant", ["marked", "plain"])
    def test_qpdf_finds_no_error(self, variant: str, request: pytest.FixtureRequest):
        validators.require("qpdf", shutil.which("qpdf") is not None, "apt-get install qpdf")
        built: Built = request.getfixturevalue(variant)
        run = subprocess.run(["qpdf", "--check", str(built.path)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "WARNING" not in run.stdout + run.stderr


@pytest.mark.slow
class TestMarks:
    """Crop and cross marks are drawn on the sheet outside the bleed, never inside it."""

    @pytest.mark.parametrize("index", [2, 10])
    def test_the_bleed_of_a_text_page_is_blank_and_the_marks_are_outside(
        self, marked: Built, index: int
    ):
        page = marked.pdf.pages[index]
        media, bleed = box(page, "/MediaBox"), box(page, "/BleedBox")
        image = render(marked, index)
        in_bleed = [p for band in ring(bleed, A5) for p in pixels(image, media, band)]
        assert min(in_bleed) > 250, "something is drawn in the bleed of a white page"
        # Two crop marks at each corner, on the lines of the trim, out on the sheet.
        for x in (0, 2):
            for y in (1, 3):
                outside_x = (min(media[x], bleed[x]), max(media[x], bleed[x]))
                outside_y = (min(media[y], bleed[y]), max(media[y], bleed[y]))
                marks = [
                    (outside_x[0], A5[y] - 1, outside_x[1], A5[y] + 1),
                    (A5[x] - 1, outside_y[0], A5[x] + 1, outside_y[1]),
                ]
                for mark in marks:
                    assert min(pixels(image, media, mark)) < 128, f"no crop mark in {mark}"

    def test_the_marks_start_past_the_gap(self, marked: Built):
        """Between the bleed and the marks, MARKS_GAP wide, the sheet is blank, cover included."""
        for index in (0, 2):
            page = marked.pdf.pages[index]
            media, bleed = box(page, "/MediaBox"), box(page, "/BleedBox")
            image = render(marked, index)
            # Half a point of the gap is left to the antialiasing of each edge.
            gap = ring(grown(bleed, MARKS_GAP - 0.5), grown(bleed, 0.5))
            assert min(p for band in gap for p in pixels(image, media, band)) > 250


def _images_drawn(page: pikepdf.Page) -> list[Box]:
    """The rectangles (PDF points) where each image XObject of ``page`` is painted."""
    images = page.obj.Resources.get("/XObject", pikepdf.Dictionary())
    matrix = pikepdf.Matrix()
    stack: list[pikepdf.Matrix] = []
    drawn: list[Box] = []
    for item in pikepdf.parse_content_stream(page):
        operator = str(item.operator)
        if operator == "q":
            stack.append(matrix)
        elif operator == "Q":
            matrix = stack.pop()
        elif operator == "cm":
            matrix = pikepdf.Matrix(*(float(n) for n in item.operands)) @ matrix
        elif operator == "Do":
            xobject = images.get(item.operands[0])
            if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Image":
                corners = [matrix.transform((x, y)) for x in (0, 1) for y in (0, 1)]
                xs, ys = [c[0] for c in corners], [c[1] for c in corners]
                drawn.append((min(xs), min(ys), max(xs), max(ys)))
    return drawn


@pytest.mark.slow
class TestCover:
    """The cover image reaches into the bleed on every side, and no further than the marks."""

    def test_the_cover_image_covers_the_bleed_box(self, marked: Built):
        page = marked.pdf.pages[0]
        bleed = box(page, "/BleedBox")
        drawn = _images_drawn(page)
        assert len(drawn) == 1
        left, bottom, right, top = drawn[0]
        assert left <= bleed[0] + 0.01
        assert bottom <= bleed[1] + 0.01
        assert right >= bleed[2] - 0.01
        assert top >= bleed[3] - 0.01

    def test_the_bleed_of_the_cover_is_painted(self, marked: Built):
        page = marked.pdf.pages[0]
        media, bleed = box(page, "/MediaBox"), box(page, "/BleedBox")
        image = render(marked, 0)
        # Inside the bleed, half a point from its edge: the cover's dark image, no white.
        bands = ring(grown(bleed, -0.5), grown(A5, 0.5))
        assert max(p for band in bands for p in pixels(image, media, band)) < 240

    def test_without_bleed_the_cover_image_fills_the_page(self, plain: Built):
        left, bottom, right, top = _images_drawn(plain.pdf.pages[0])[0]
        assert left <= 0.01
        assert bottom <= 0.01
        assert right >= A5[2] - 0.01
        assert top >= A5[3] - 0.01


def _outline(pdf: pikepdf.Pdf) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    with pdf.open_outline() as outline:
        return [
            (
                item.title,
                [
                    (child.title, [grand.title for grand in child.children])
                    for child in item.children
                ],
            )
            for item in outline.root
        ]


@pytest.mark.slow
class TestOutline:
    """An interview's titled parts are bookmarks under their portrait, questions under them."""

    def test_parts_are_under_their_portrait_with_their_questions(self, marked: Built):
        entries = dict(_outline(marked.pdf))
        samuel = entries["Samuel Fortier-Dion, gestionnaire de communauté"]
        titles = [title for title, _ in samuel]
        # Questions before the part stay right under the portrait; the part comes after them.
        assert titles[:2] == [
            "À quand remonte la création de tes comptes Twitter et Facebook?",
            "En quoi as-tu étudié?",
        ]
        assert titles[-1] == "Questions éclair"
        questions = dict(samuel)["Questions éclair"]
        assert questions[0] == "Ton téléphone : iPhone, Android ou BlackBerry?"
        assert questions[-1] == "Quels sont tes #ff incontournables?"
        assert len(questions) == 6
        # Nothing else moved: the portraits without parts keep their questions flat.
        rosalie = entries["Rosalie Gendron-Paquin, gestionnaire de communauté"]
        assert rosalie
        assert all(not grand for _, grand in rosalie)

    def test_each_bookmark_opens_its_page(self, marked: Built):
        pages = {page.objgen: i for i, page in enumerate(marked.pdf.pages)}
        with marked.pdf.open_outline() as outline:
            (samuel,) = [i for i in outline.root if i.title.startswith("Samuel")]
            part = samuel.children[-1]
            start = pages[samuel.destination[0].objgen]
            at = pages[part.destination[0].objgen]
            assert start <= at <= pages[part.children[0].destination[0].objgen]

    def test_without_questions_the_parts_stay(self, plain: Built):
        entries = dict(_outline(plain.pdf))
        assert entries["Samuel Fortier-Dion, gestionnaire de communauté"] == [
            ("Questions éclair", [])
        ]
        assert entries["Rosalie Gendron-Paquin, gestionnaire de communauté"] == []


class TestSheet:
    """The page setup asks WeasyPrint for the whole sheet; the cover for the bleed."""

    @pytest.mark.parametrize(
        ("bleed", "points"), [(None, 0.0), ("0", 0.0), ("3mm", 8.5039), ("0.125in", 9.0)]
    )
    def test_bleed_in_points(self, bleed: str | None, points: float):
        assert bleed_points(bleed) == pytest.approx(points, abs=1e-4)

    def test_the_sheet_holds_bleed_and_marks(self):
        assert sheet_margin(PdfOptions()) == 0
        assert sheet_margin(PdfOptions(bleed="3mm")) == pytest.approx(BLEED)
        assert sheet_margin(PdfOptions(marks="crop")) == pytest.approx(2 * MARKS_GAP)
        assert sheet_margin(OPTIONS) == pytest.approx(2 * (BLEED + MARKS_GAP))

    def test_page_setup_asks_for_the_sheet_and_the_cover_bleed(self):
        css = page_setup_css(OPTIONS, running_title="T", first_page=None)
        assert f"marks: crop cross; bleed: {2 * (BLEED + MARKS_GAP):.6f}pt;" in css
        assert ".cover { --cover-bleed: 3mm; }" in css
        assert cover_css(PdfOptions(marks="crop")) == ""
        plain = page_setup_css(PdfOptions(), running_title="T", first_page=None)
        assert "bleed" not in plain
        assert "marks" not in plain
