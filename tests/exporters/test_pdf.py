"""The ``pdf`` format: a print-ready book, checked by its text and structure, never its bytes.

One small anthology (``tests/golden/pdf/small-book/input``: two portraits, front and back matter,
a photo, a theme stylesheet, and answers with content that must not reach the PDF) is built once
per module, and every test of the book reads that one PDF (pypdf; poppler and qpdf where said).
The other tests are quick unit tests of the options, the sandbox, the part renderer, the
assembly and the rendering processes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pypdf import PdfReader
from tests import validators

import interviewkit
from interviewkit.build import build
from interviewkit.errors import ExporterError, InvalidInputError, ModelError
from interviewkit.exporters.pdf import PdfExporter
from interviewkit.exporters.pdf._assemble import _retag, _subset_tag
from interviewkit.exporters.pdf._fetcher import ANTHOLOGY_URL, Sandbox
from interviewkit.exporters.pdf._options import (
    PAGE_SIZES,
    PdfOptions,
    css_string,
    page_setup_css,
)
from interviewkit.exporters.pdf._pipeline import default_executor, render_book, worker_count
from interviewkit.exporters.pdf._render import PartJob, render_part
from interviewkit.plugins import make_plugin_manager
from interviewkit.serialization import structure_as

TESTS = Path(__file__).resolve().parent.parent
GOLDEN = TESTS / "golden" / "pdf" / "small-book"
STATIC = TESTS.parent / "src" / "interviewkit" / "render" / "static"
TITLE = "Small Workshops"
SUBJECTS = ["Ada Brook", "Ben Okafor"]


def normalize(text: str) -> str:
    """Text with hyphenation undone, typographic quotes and spaces made plain, spaces collapsed."""
    text = re.sub(r"[\u2010\u00ad]\s*\n\s*", "", text)
    text = text.translate(str.maketrans("\u2019\u2018\u201c\u201d\u00a0\u202f", "''\"\"  "))
    return " ".join(text.split())


@dataclass(frozen=True)
class Book:
    """The golden anthology built once, with what the tests read from it."""

    pdf: Path
    reader: PdfReader
    pages: list[str]
    problems: list[str]
    anthology: interviewkit.Anthology

    def outline(self) -> list[tuple[str, int, list[tuple[str, int]]]]:
        """``(title, page index, [(child title, page index)])`` of the top-level bookmarks."""
        entries: list[tuple[str, int, list[tuple[str, int]]]] = []
        for item in self.reader.outline:
            if isinstance(item, list):
                children = [(c.title, self.reader.get_destination_page_number(c)) for c in item]
                title, page, _ = entries[-1]
                entries[-1] = (title, page, children)
            else:
                entries.append((item.title, self.reader.get_destination_page_number(item), []))
        return entries

    def start_of(self, title: str) -> int:
        """Page index the top-level bookmark ``title`` opens."""
        return next(page for name, page, _ in self.outline() if name == title)


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    """The golden small anthology built once as a PDF (about three seconds)."""
    source = tmp_path_factory.mktemp("pdf-source") / "small-book"
    shutil.copytree(GOLDEN / "input", source)
    out = tmp_path_factory.mktemp("pdf-out")
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        report = build(source, ["pdf"], out, plugins=make_plugin_manager(entry_point_plugins=False))
    assert report.ok, report.failures
    result = report.results[0]
    reader = PdfReader(result.path)
    return Book(
        pdf=result.path,
        reader=reader,
        pages=[page.extract_text() for page in reader.pages],
        # The build's checks report what is left out; the exporter, what only the layout finds.
        problems=[problem.message for problem in (*report.problems, *result.problems)],
        anthology=report.source.anthology,
    )


@pytest.mark.slow
class TestBook:
    """The book's content, pages, navigation and metadata."""

    def test_every_question_and_answer_in_order(self, book: Book):
        """Each question, then the start of its answer, appears once, in the portraits' order."""
        text = normalize("\n".join(book.pages))
        position = 0
        for portrait in book.anthology.portraits:
            for exchange in portrait.interview.exchanges:
                for part in (exchange.question.to_text(), exchange.answer.to_text()[:40]):
                    found = text.find(normalize(part), position)
                    assert found >= 0, f"{part!r} missing or out of order"
                    position = found

    def test_outline_has_the_portraits_and_their_questions(self, book: Book):
        """Contents, front section, each portrait (its questions below it), back section, then
        the back matter made from the data, at the end of the book."""
        outline = book.outline()
        assert [title for title, _, _ in outline] == [
            "Contents",
            "About this series",
            "Ada Brook, bookbinder",
            "Ben Okafor, chair maker",
            "Thanks",
            "Reading list",
            "Index",
        ]
        for (_, start, children), portrait in zip(
            outline[2:4], book.anthology.portraits, strict=True
        ):
            questions = [normalize(e.question.to_text()) for e in portrait.interview.exchanges]
            assert [normalize(title) for title, _ in children] == questions
            assert all(page >= start for _, page in children)

    def test_page_labels_are_roman_then_arabic(self, book: Book):
        """The front matter is labelled i, ii, iii...; the first portrait page is 1."""
        labels = book.reader.page_labels
        first = book.start_of("Ada Brook, bookbinder")
        roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
        assert labels[:first] == roman[:first]
        assert labels[first:] == [str(n) for n in range(1, len(labels) - first + 1)]

    def test_portraits_start_on_right_hand_pages(self, book: Book):
        """Every portrait opens on an odd page of the book (a recto), with its title on it."""
        for title, subject in zip(
            ["The Bookbinder: Ada Brook", "The Chair Maker: Ben Okafor"], SUBJECTS, strict=True
        ):
            start = book.start_of(next(t for t, _, _ in book.outline() if t.startswith(subject)))
            assert start % 2 == 0  # 0-based: pages 1, 3, 5... of the book
            assert title in normalize(book.pages[start])

    def test_contents_page_numbers_point_at_the_portraits(self, book: Book):
        """The number after each subject in the contents is the label of its first page."""
        contents = next(page for page in book.pages if "Contents" in page)
        for subject in SUBJECTS:
            match = re.search(re.escape(subject) + r"[^\n]*?(\d+)\s*$", contents, re.MULTILINE)
            assert match, f"{subject} not in the contents"
            start = book.start_of(next(t for t, _, _ in book.outline() if t.startswith(subject)))
            assert match.group(1) == book.reader.page_labels[start]

    def test_links_lead_inside_the_book(self, book: Book):
        """Contents links go to the portraits' first pages; no internal link is left as a URI."""
        pages = {page.indirect_reference.idnum: i for i, page in enumerate(book.reader.pages)}
        contents_index = next(i for i, page in enumerate(book.pages) if "Contents" in page)
        targets = set()
        for i, page in enumerate(book.reader.pages):
            for annotation in page.get("/Annots", ()):
                annotation = annotation.get_object()
                uri = str(annotation.get("/A", {}).get("/URI", ""))
                assert not uri.startswith("interviewkit-anchor:")
                if i == contents_index and "/Dest" in annotation:
                    targets.add(pages[annotation["/Dest"][0].idnum])
        assert {book.start_of("Ada Brook, bookbinder"), book.start_of("Thanks")} <= targets

    def test_every_anchor_is_a_named_destination(self, book: Book):
        """``book.pdf#<id>``, ``#<id>-q<n>``, ``#introduction``... open the page the outline
        opens; the layout's end markers are no names of the book; the name tree is sorted."""
        named = book.reader.named_destinations
        assert not [name for name in named if name.endswith("--end")]

        def page_of(name: str) -> int:
            return book.reader.get_destination_page_number(named[name])

        outline = book.outline()
        for (_, start, children), portrait in zip(
            outline[2:4], book.anthology.portraits, strict=True
        ):
            assert page_of(portrait.id) == start
            questions = [page_of(portrait.question_id(n)) for n in range(1, len(children) + 1)]
            assert questions == [page for _, page in children]
        assert page_of("introduction") == book.start_of("About this series")
        assert page_of("thanks") == book.start_of("Thanks")
        with pikepdf.open(book.pdf) as pdf:
            names = list(pikepdf.NameTree(pdf.Root.Names.Dests).keys())
        assert names == sorted(named) == sorted(names)

    def test_page_numbers_and_running_heads(self, book: Book):
        """Main-matter pages print their number; left pages the title, right pages the subject."""
        first = book.start_of("Ada Brook, bookbinder")
        second = book.start_of("Ben Okafor, chair maker")
        for index in range(first, len(book.pages)):
            lines = [line.strip() for line in book.pages[index].splitlines() if line.strip()]
            if not lines:
                continue  # a blank page: no number, no running head
            assert book.reader.page_labels[index] in lines
            if index % 2:  # a left-hand page
                assert TITLE in lines
        inside = [line.strip() for line in book.pages[first + 2].splitlines()]
        assert first + 2 < second
        assert "Ada Brook" in inside
        # Drawn at the end of the page's own contents, not as more streams (an object each).
        with pikepdf.open(book.pdf) as pdf:
            contents = [pdf.pages[index].obj.Contents for index in range(first, len(book.pages))]
            assert all(isinstance(stream, pikepdf.Stream) for stream in contents)

    def test_metadata_and_language(self, book: Book):
        """Title, author, subject, keywords and the catalog's /Lang come from the anthology."""
        metadata = book.reader.metadata
        assert metadata is not None
        assert metadata.title == TITLE
        assert metadata.author == "Clara Vint"
        assert metadata.subject == "Two short interviews with people who make things by hand."
        assert metadata["/Keywords"] == "craft, tests"
        assert str(metadata.creator).startswith("interviewkit ")
        assert metadata.creation_date is not None
        assert metadata.creation_date.date().isoformat() == "2024-05-17"
        assert book.reader.trailer["/Root"]["/Lang"] == "en"

    def test_tagged_with_one_structure_tree(self, book: Book):
        """The merged parts form one tagged document with unique structure-parent keys."""
        root = book.reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"])
        tree = root["/StructTreeRoot"]
        (document,) = tree["/K"]
        assert document.get_object()["/S"] == "/Document"
        keys = [page["/StructParents"] for page in book.reader.pages]
        nums = tree["/ParentTree"]["/Nums"]
        assert len(set(keys)) == len(keys)
        assert set(keys) <= {int(nums[i]) for i in range(0, len(nums), 2)}

    def test_every_marked_content_belongs_to_its_element(self, book: Book):
        """Each page's parent-tree entry maps every MCID to an element that holds it, in the tree.

        The parts' structure trees are trimmed (runs of text belong to their paragraph) and
        merged: an MCID left pointing at a removed element would make the text unreachable.
        """
        assert check_marked_content(book.pdf) > 50  # sequences: one per paragraph and page

    def test_images_are_marked_as_figures(self, book: Book):
        """The photo's marked content keeps its ``Figure`` tag, and its element is a Figure."""
        with pikepdf.open(book.pdf) as pdf:
            marked = [
                page
                for page in pdf.pages
                if re.search(rb"/Figure\s*<<\s*/MCID", page.obj.Contents.read_bytes())
            ]
            figures = [
                obj
                for obj in pdf.objects
                if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure"
            ]
        assert marked
        assert figures
        assert all("/Alt" in figure for figure in figures)

    def test_each_link_once_and_tagged(self, book: Book):
        """A printed web address is not a second link over its own link; each link is tagged."""
        with pikepdf.open(book.pdf) as pdf:
            nums = pdf.Root.StructTreeRoot.ParentTree.Nums
            keys = {int(nums[i]) for i in range(0, len(nums), 2)}
            for page in pdf.pages:
                links = [a for a in page.obj.get("/Annots", ()) if a.Subtype == "/Link"]
                for annotation in links:
                    assert int(annotation.StructParent) in keys
                targets = [
                    (str(a.A.URI) if "/A" in a else repr(a.Dest), [float(v) for v in a.Rect])
                    for a in links
                ]
                for i, (target, (x1, y1, x2, y2)) in enumerate(targets):
                    for j, (other, (u1, v1, u2, v2)) in enumerate(targets):
                        inside = x1 >= u1 and y1 >= v1 and x2 <= u2 and y2 <= v2
                        assert i == j or target != other or not inside, target

    def test_different_font_subsets_have_different_names(self, book: Book):
        """Each part embeds its own subsets: one name never stands for two font programs."""
        programs: dict[str, set[bytes]] = {}
        with pikepdf.open(book.pdf) as pdf:
            for page in pdf.pages:
                for font in page.obj.Resources.get("/Font", {}).values():
                    for item in [font, *font.get("/DescendantFonts", [])]:
                        descriptor = item.get("/FontDescriptor")
                        if descriptor is None:
                            continue
                        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                            if key in descriptor:
                                data = bytes(descriptor[key].read_raw_bytes())
                                programs.setdefault(str(item.BaseFont), set()).add(data)
        assert programs
        assert all(len(found) == 1 for found in programs.values())

    def test_nothing_from_outside_reaches_the_pdf(self, book: Book):
        """No embedded file, one image (the photo); a refused image prints as its alt text."""
        root = book.reader.trailer["/Root"]
        assert "/EmbeddedFiles" not in root.get("/Names", {})
        assert "/AF" not in root
        images = set()
        for page in book.reader.pages:
            for annotation in page.get("/Annots", ()):
                assert annotation.get_object()["/Subtype"] != "/FileAttachment"
            for ref in page["/Resources"].get("/XObject", {}).values():
                if ref.get_object()["/Subtype"] == "/Image":
                    images.add(ref.idnum)
        assert len(images) == 1
        text = normalize("\n".join(book.pages))
        assert "worse: passwd, pixel, escape and" in text
        assert "root:x:0" not in text

    def test_each_refusal_is_reported(self, book: Book):
        """The http image and the ../ image are reported (a theme's are refused, not reported)."""
        problems = "\n".join(book.problems)
        assert "'file:///etc/passwd' left out" in problems
        assert "'http://tracker.example.com/pixel.png' left out" in problems
        assert "'../../outside.png' left out" in problems
        assert "raw.png" not in problems  # raw <img> tags are removed by the sanitizer

    @pytest.mark.validator
    def test_qpdf_finds_no_error(self, book: Book):
        """``qpdf --check`` accepts the assembled file without errors or warnings."""
        validators.require("qpdf", shutil.which("qpdf") is not None, "apt-get install qpdf")
        run = subprocess.run(["qpdf", "--check", str(book.pdf)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "WARNING" not in run.stdout + run.stderr

    @pytest.mark.validator
    def test_poppler_reads_the_questions_in_order(self, book: Book):
        """``pdftotext`` (poppler) finds every question, in order."""
        validators.require(
            "pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils"
        )
        run = subprocess.run(["pdftotext", str(book.pdf), "-"], capture_output=True, text=True)
        text, position = normalize(run.stdout), 0
        for portrait in book.anthology.portraits:
            for exchange in portrait.interview.exchanges:
                position = text.find(normalize(exchange.question.to_text()), position)
                assert position >= 0, exchange.question.to_text()

    def test_matches_the_golden_structure(self, book: Book, request: pytest.FixtureRequest):
        """Metadata, page labels, outline and per-page text match expected/book.json."""
        fonts = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True).stdout
        validators.require(
            "the default fonts (Charis SIL, Noto Sans)",
            "Charis SIL" in fonts and "Noto Sans" in fonts,
            "apt-get install fonts-sil-charis fonts-noto-core (page breaks depend on the fonts)",
        )
        metadata = book.reader.metadata or {}
        actual: dict[str, Any] = {
            "metadata": {
                key: str(metadata[key])
                for key in sorted(metadata)
                if key not in ("/Producer", "/Creator")  # versions of WeasyPrint and interviewkit
            },
            "page_labels": book.reader.page_labels,
            "outline": [
                [title, book.reader.page_labels[page], [t for t, _ in children]]
                for title, page, children in book.outline()
            ],
            "pages": [normalize(page) for page in book.pages],
        }
        expected_file = GOLDEN / "expected" / "book.json"
        rendered = json.dumps(actual, indent=2, ensure_ascii=False) + "\n"
        if request.config.getoption("--update-golden"):
            expected_file.write_text(rendered, encoding="utf-8")
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        assert actual == expected, (
            "the PDF changed; if intended, run `pytest tests/exporters/test_pdf.py "
            "--update-golden` and review the diff"
        )


def check_marked_content(path: Path) -> int:
    """Check that each MCID of each page belongs to an element of the one tree; how many."""
    with pikepdf.open(path) as pdf:
        tree = pdf.Root.StructTreeRoot
        nums = tree.ParentTree.Nums
        entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        keys = [int(page.obj.StructParents) for page in pdf.pages if "/StructParents" in page.obj]
        assert len(set(keys)) == len(keys)
        checked = 0
        for key in keys:
            for mcid, element in enumerate(entries[key]):
                if element is None:
                    continue
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                held = {
                    int(k) if isinstance(k, int) else int(k.get("/MCID", -1))
                    for k in kids
                    if isinstance(k, int) or k.get("/Type") == "/MCR"
                }
                assert mcid in held, f"MCID {mcid} not in its element {element.S}"
                ancestor, steps = element, 0
                while ancestor.get("/Type") != "/StructTreeRoot" and steps < 100:
                    ancestor, steps = ancestor.P, steps + 1
                assert ancestor.objgen == tree.objgen
                checked += 1
        return checked


@pytest.mark.slow
@pytest.mark.validator
@pytest.mark.parametrize(
    "options",
    [
        ["pdf.pdf_variant=pdf/ua-1"],
        ["pdf.pdf_variant=pdf/a-3b"],
        ["pdf.tagged=false"],
        ["pdf.bleed=3mm", "pdf.marks=crop cross"],
    ],
    ids=["pdf-ua-1", "pdf-a-3b", "untagged", "bleed-and-marks"],
)
def test_every_variant_is_clean(tmp_path: Path, options: list[str]) -> None:
    """qpdf accepts each variant of a book of several parts without a warning, and a tagged
    one's structure holds every marked-content sequence; an untagged one has no tree."""
    validators.require("qpdf", shutil.which("qpdf") is not None, "apt-get install qpdf")
    source = tmp_path / "small-book"
    shutil.copytree(GOLDEN / "input", source)
    report = build(source, ["pdf"], tmp_path / "out", options=[*options, "pdf.chunk_size=1"])
    assert report.ok, report.failures
    path = report.results[0].path
    run = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "WARNING" not in run.stdout + run.stderr
    with pikepdf.open(path) as pdf:
        tagged = "/StructTreeRoot" in pdf.Root
        if "pdf/a-3b" in options[0]:
            assert "/OutputIntents" in pdf.Root
    if options == ["pdf.tagged=false"]:
        assert not tagged
    else:
        assert check_marked_content(path) > 50


class TestOptions:
    """``[export.pdf]`` options and the page setup written from them."""

    @pytest.mark.parametrize("size", sorted(PAGE_SIZES))
    def test_each_page_size_sets_the_page(self, size: str):
        """Each page size gives its CSS size and mirrored inside/outside margins."""
        css = page_setup_css(PdfOptions(page_size=size), running_title="T", first_page=None)
        assert f"size: {PAGE_SIZES[size][0]};" in css
        assert "@page :left { margin-left:" in css
        assert "counter-reset" not in css

    def test_margins_marks_bleed_and_first_page(self):
        """Margins are top/outside/bottom/inside; marks, bleed and the first page number follow.

        The CSS bleed is the sheet: the 3 mm bleed, then room for the marks (see
        test_pdf_prepress.py).
        """
        options = PdfOptions(margins="10mm 12mm 14mm 16mm", marks="crop cross", bleed="3mm")
        css = page_setup_css(options, running_title="T", first_page=7)
        assert "margin: 10mm 12mm 14mm 16mm; marks: crop cross; bleed: 34.015748pt;" in css
        assert "margin-left: 12mm; margin-right: 16mm;" in css  # left pages: outside on the left
        assert "@page :first { counter-reset: page 7; }" in css

    def test_running_title_is_a_quoted_css_string(self):
        """Quotes, backslashes and line breaks in the title cannot break out of the CSS string."""
        assert css_string('Say "hi" \\ now\n}') == '"Say \\"hi\\" \\\\ now }"'

    @pytest.mark.parametrize(
        ("table", "fragment"),
        [
            ({"margins": "wide"}, "margins"),
            ({"bleed": "3"}, "bleed"),
            ({"page_size": "B5"}, "page_size"),
            ({"pdf_variant": "pdf/x-4"}, "pdf_variant"),
            ({"jobs": -1}, "jobs"),
            ({"colour": "red"}, "colour"),
        ],
    )
    def test_bad_values_are_refused(self, table: dict[str, Any], fragment: str):
        """Malformed lengths, unknown sizes or variants and unknown keys are input errors."""
        with pytest.raises((InvalidInputError, ModelError)) as caught:
            structure_as(table, PdfOptions, file="[export.pdf]")
        assert fragment in str(caught.value)

    def test_print_css_uses_block_layout_only(self):
        """The print stylesheet never uses flex or grid layout."""
        css = (STATIC / "print.css").read_text(encoding="utf-8")
        assert not re.search(r"display:\s*(inline-)?(flex|grid)|\bgrid-template", css)

    def test_pdf_is_a_builtin_format(self):
        """The ``pdf`` format is registered by the built-in plugin of the same name."""
        entry = make_plugin_manager(entry_point_plugins=False).exporters.get("pdf")
        assert entry.cls is PdfExporter
        assert entry.plugin == "pdf"


class TestSandbox:
    """What WeasyPrint may read: the anthology folder and the package's assets, nothing else."""

    def test_files_inside_the_folder_and_assets_are_served(self, tmp_path: Path):
        """A file of the anthology (by its path-independent URL) and a package asset resolve."""
        (tmp_path / "images").mkdir()
        (tmp_path / "images" / "a.png").write_bytes(b"png")
        sandbox = Sandbox(tmp_path, STATIC)
        assert sandbox.check(f"{ANTHOLOGY_URL}images/a.png") is not None
        assert sandbox.check((STATIC / "print.css").as_uri()) is not None
        assert sandbox.check("data:text/plain,hello") is None
        assert sandbox.refused == []

    @pytest.mark.parametrize(
        "url",
        [
            "http://example.com/x.png",
            "https://example.com/font.woff2",
            "ftp://example.com/x",
            "file:///etc/passwd",
        ],
    )
    def test_other_urls_are_refused_and_recorded(self, tmp_path: Path, url: str):
        """Network URLs and files outside the folder raise, and the refusal is recorded."""
        sandbox = Sandbox(tmp_path, STATIC)
        with pytest.raises(PermissionError):
            sandbox.check(url)
        assert [refused for refused, _ in sandbox.refused] == [url]

    def test_escapes_and_symlinks_out_are_refused(self, tmp_path: Path):
        """``../`` out of the folder and a symlink pointing out of it are refused."""
        source = tmp_path / "book"
        source.mkdir()
        secret = tmp_path / "secret.txt"
        secret.write_text("secret")
        (source / "link.txt").symlink_to(secret)
        sandbox = Sandbox(source, STATIC)
        for url in [(source / ".." / "secret.txt").as_uri(), (source / "link.txt").as_uri()]:
            with pytest.raises(PermissionError):
                sandbox.check(url)
        assert len(sandbox.refused) == 2


class TestRenderPart:
    """One part rendered in this process (the exporter does it in a child process)."""

    def test_attachments_are_left_out_and_reported(self, tmp_path: Path):
        """``<link rel=attachment>`` and ``<a rel=attachment>`` embed nothing, and are listed."""
        (tmp_path / "notes.txt").write_text("private notes")
        html = (
            '<html><head><link rel="attachment" href="notes.txt" title="notes"></head><body>'
            '<p>Hello <a rel="attachment" href="notes.txt">notes</a>'
            '<link rel="stylesheet" href="http://example.com/x.css"></p></body></html>'
        )
        job = PartJob(
            index=0,
            kind="front",
            html=html,
            stylesheets=(),
            base_url=tmp_path.as_uri() + "/",
            sandbox=Sandbox(tmp_path, STATIC),
            output=str(tmp_path / "part.pdf"),
            tagged=True,
            pdf_variant=None,
        )
        result = render_part(job)
        reader = PdfReader(result.output)
        assert "/EmbeddedFiles" not in reader.trailer["/Root"].get("/Names", {})
        assert all(
            a.get_object()["/Subtype"] != "/FileAttachment"
            for page in reader.pages
            for a in page.get("/Annots", ())
        )
        assert b"private notes" not in Path(result.output).read_bytes()
        assert len(result.attachments) == 2
        assert [url for url, _ in result.refused] == ["http://example.com/x.css"]


class TestLeanStructure:
    """The leaner structure tree of a part (``pdf._lean.lean_structure``), on a small document."""

    HTML = (
        '<html lang="en"><body><h1>Title</h1><p>Plain text, <em>emphasis</em> and '
        '<a href="https://example.com/page">a link</a>.</p>'
        "<p>" + "Words that wrap over many lines. " * 30 + "</p></body></html>"
    )

    @pytest.fixture
    def parts(self, tmp_path: Path) -> tuple[pikepdf.Pdf, pikepdf.Pdf]:
        """The same part as WeasyPrint wrote it, and made lean (saved and opened again)."""
        import weasyprint

        from interviewkit.exporters.pdf._lean import lean_structure

        plain = tmp_path / "plain.pdf"
        weasyprint.HTML(string=self.HTML).write_pdf(plain, pdf_tags=True)
        lean = pikepdf.open(plain)
        lean_structure(lean)
        lean.save(tmp_path / "lean.pdf")
        return pikepdf.open(plain), pikepdf.open(tmp_path / "lean.pdf")

    @staticmethod
    def elements(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
        """The structure elements reachable from the tree root."""
        found, stack = [], list(pdf.Root.StructTreeRoot.K)
        while stack:
            element = stack.pop()
            found.append(element)
            kids = element.get("/K", [])
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    stack.append(kid)
        return found

    def test_spans_become_marked_content_of_their_parent(
        self, parts: tuple[pikepdf.Pdf, pikepdf.Pdf]
    ):
        """Fewer elements; the heading and paragraphs hold their MCIDs; the same text."""
        plain, lean = parts
        assert len(self.elements(lean)) < len(self.elements(plain)) / 2
        kinds = {str(e.S): e for e in self.elements(lean)}
        assert all(isinstance(k, int) for k in kinds["/H1"].K)
        paragraphs = [e for e in self.elements(lean) if e.S == "/P"]
        assert any(len([k for k in p.K if isinstance(k, int)]) > 10 for p in paragraphs)
        texts = [[page.extract_text() for page in PdfReader(pdf.filename).pages] for pdf in parts]
        assert texts[0] == texts[1]

    def test_the_parent_tree_points_at_the_holder(self, parts: tuple[pikepdf.Pdf, pikepdf.Pdf]):
        """Each MCID of the page maps to the element that now holds it in its ``K``."""
        _, lean = parts
        nums = lean.Root.StructTreeRoot.ParentTree.Nums
        by_page = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        holders = by_page[int(lean.pages[0].obj.StructParents)]
        for mcid, holder in enumerate(holders):
            assert mcid in [k for k in holder.K if isinstance(k, int)], mcid

    def test_object_references_are_direct_and_types_left_out(
        self, parts: tuple[pikepdf.Pdf, pikepdf.Pdf]
    ):
        """The link holds its annotation's reference directly; no ``/Type /StructElem``."""
        _, lean = parts
        (link,) = [e for e in self.elements(lean) if e.S == "/Link"]
        (reference,) = [k for k in link.K if isinstance(k, pikepdf.Dictionary)]
        assert not reference.is_indirect
        assert reference.Obj.objgen == lean.pages[0].obj.Annots[0].objgen
        assert all("/Type" not in element for element in self.elements(lean))

    def test_qpdf_finds_no_error(self, parts: tuple[pikepdf.Pdf, pikepdf.Pdf]):
        """``qpdf --check`` accepts the lean part without errors or warnings."""
        validators.require("qpdf", shutil.which("qpdf") is not None, "apt-get install qpdf")
        run = subprocess.run(
            ["qpdf", "--check", str(parts[1].filename)], capture_output=True, text=True
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert "WARNING" not in run.stdout + run.stderr


class TestAssembly:
    """Small pieces of the assembly."""

    def test_subset_tags_differ_per_part_and_stay_tags(self):
        """A part's subset tag is six capital letters, stable, and differs from other parts'."""
        tags = {_subset_tag("ABCDEF", part) for part in range(1, 30)}
        assert len(tags) == 29
        assert all(len(tag) == 6 and tag.isupper() for tag in tags)
        assert _subset_tag("ABCDEF", 3) == _subset_tag("ABCDEF", 3)
        assert str(_retag(pikepdf.Name("/ABCDEF+Noto-Sans"), 1)).endswith("+Noto-Sans")
        assert _retag(pikepdf.Name("/Helvetica"), 1) is None


def test_a_build_leaves_qpdfs_process_wide_settings_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The flate level is qpdf's for the whole process: a library build must not touch it
    (there is no public getter to restore it with)."""
    calls: list[int] = []
    monkeypatch.setattr(pikepdf.settings, "set_flate_compression_level", calls.append)
    source = tmp_path / "small-book"
    shutil.copytree(GOLDEN / "input", source)
    report = build(source, ["pdf"], tmp_path / "out")
    assert report.ok, report.failures
    assert calls == []


class TestExecutors:
    """Parts are laid out on the build's executor: a process pool of our own, or the caller's."""

    def test_a_dead_rendering_process_is_a_clear_error(self):
        """When a worker process dies, the build fails with an InterviewkitError and a hint."""
        with pytest.raises(ExporterError) as caught, default_executor(1) as executor:
            render_book(
                executor,
                [3],  # type: ignore[list-item]  # os._exit(3) in the child
                lambda *args: pytest.fail("no page numbers without a layout"),
                lambda layouts: pytest.fail("no front matter without a layout"),
                in_flight=1,
                progress=lambda message: None,
                on_chunk=lambda chunk, numbers: pytest.fail("nothing to assemble"),
                worker=os._exit,
            )
        assert "ended unexpectedly" in str(caught.value)
        assert "pdf.jobs=1" in caught.value.hint

    @pytest.mark.parametrize("kind", ["threads", "processes"])
    def test_the_callers_executor_makes_the_same_book(self, tmp_path: Path, kind: str):
        """A standard-library executor given to ``build`` lays out the parts (it is used, and left
        running for its owner), and the book is byte-identical to the default one's."""
        source = tmp_path / "small-book"
        shutil.copytree(GOLDEN / "input", source)
        options = ["pdf.chunk_size=1"]  # several chunks, so several parts in flight
        default = build(source, ["pdf"], tmp_path / "default", options=options)
        assert default.ok, default.failures
        submitted: list[object] = []

        class Counting(ThreadPoolExecutor if kind == "threads" else ProcessPoolExecutor):  # type: ignore[misc]
            def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
                submitted.append(args[0])
                return super().submit(fn, *args, **kwargs)

        extra: dict[str, Any] = {}
        if kind == "processes":
            extra["mp_context"] = multiprocessing.get_context("spawn")
        with Counting(max_workers=2, **extra) as executor:
            report = build(source, ["pdf"], tmp_path / "given", options=options, executor=executor)
            assert report.ok, report.failures
            # Still usable: the build does not shut down an executor it did not start.
            assert executor.submit(len, "abc").result() == 3
        chunks = [job for job in submitted if getattr(job, "kind", None) == "chunk"]
        assert len(chunks) >= 2
        ours = (tmp_path / "given").glob("*.pdf")
        theirs = (tmp_path / "default").glob("*.pdf")
        assert [p.read_bytes() for p in ours] == [p.read_bytes() for p in theirs]

    def test_worker_count(self):
        """0 means every core; never more processes than parts, never fewer than one."""
        assert worker_count(0, 1) == 1
        assert worker_count(3, 2) == 2
        assert worker_count(0, 100) == max(1, os.cpu_count() or 1)
