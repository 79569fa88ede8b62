"""The back matter the PDF makes from the data: page numbers, ranges and links (issue 18).

The French example is built once per module and read back: the index and the concordance
print page numbers that point where their names are (pdftotext, page by page), a subject's
range covers the portrait, each number is a link to the page it prints (pypdf), the reading
list prints its addresses, and the generated parts come after the sources page.  The page
arithmetic itself is unit-tested on :func:`page_runs` and :class:`PageLocators`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import attrs
import pytest
from markupsafe import Markup
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from tests import validators

from interviewkit.build import build
from interviewkit.build.loading import load
from interviewkit.document import BookDocument, build_document
from interviewkit.document.back_matter_view import back_matter_markup
from interviewkit.document.book import IndexEntry, Locator
from interviewkit.document.text import inlines_text
from interviewkit.exporters.pdf._fetcher import Sandbox
from interviewkit.exporters.pdf._locators import PageLocators, page_runs
from interviewkit.exporters.pdf._pipeline import ChunkLayout, render_book
from interviewkit.exporters.pdf._render import PartJob, PartResult
from interviewkit.plugins import make_plugin_manager

FR_EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "derriere-les-comptes"
DASH = "\N{EN DASH}"
#: A run of page numbers as printed: "9", "11-13" (an en dash).
RUN = re.compile(rf"(\d+)(?:{DASH}(\d+))?")


def normalize(text: str) -> str:
    """Line breaks inside words undone (soft hyphens, and hyphenated names), quotes and spaces
    made plain, spaces collapsed."""
    text = re.sub(r"[\u2010\u00ad]\s*\n\s*", "", text)
    text = re.sub(r"-\s*\n\s*", "-", text)
    text = text.translate(str.maketrans("\u2019\u2018\u201c\u201d\u00a0\u202f", "''\"\"  "))
    return " ".join(text.split())


# ---------------------------------------------------------------------- unit


class TestPageRuns:
    def test_sorted_once_each_and_consecutive_pages_joined(self):
        spans = [(16, 16, "c"), (12, 12, "a"), (14, 14, "b"), (15, 15, "d"), (12, 12, "e")]
        assert page_runs(spans) == [(12, 12, "a"), (14, 16, "b")]

    def test_a_range_absorbs_the_pages_it_covers_and_the_next_one(self):
        spans = [(12, 18, "whole"), (13, 13, "in"), (19, 19, "next"), (21, 21, "far")]
        assert page_runs(spans) == [(12, 19, "whole"), (21, 21, "far")]


class TestPageLocators:
    PAGES: ClassVar[dict[str, int]] = {
        "p": 12,
        "p--end": 18,
        "p-m1": 14,
        "p-m2": 15,
        "p-m3": 16,
        "q": 21,
        "q-m1": 23,
    }

    def markup(self, *locators: Locator) -> str:
        hrefs = [f"#{locator.target}" for locator in locators]
        return str(PageLocators(self.PAGES)(locators, hrefs))

    def test_consecutive_pages_make_a_range_linked_to_its_first_place(self):
        locators = [Locator(target=f"p-m{n}", portrait_id="p", label="P") for n in (3, 1, 2)]
        locators.append(Locator(target="q-m1", portrait_id="q", label="Q"))
        assert self.markup(*locators) == (
            f'<a class="index-locator" href="#p-m1">14{DASH}16</a>, '
            '<a class="index-locator" href="#q-m1">23</a>'
        )

    def test_a_whole_portrait_is_its_page_range(self):
        whole = Locator(target="p", portrait_id=None, label="P", whole=True)
        assert self.markup(whole) == f'<a class="index-locator" href="#p">12{DASH}18</a>'

    def test_an_anchor_print_lacks_falls_back_to_its_portrait_or_is_left_out(self):
        missing = Locator(target="q-related", portrait_id="q", label="Q")
        nowhere = Locator(target="r-m1", portrait_id="r", label="R")
        assert self.markup(missing, nowhere) == (
            '<a class="index-locator" href="#q-related">21</a>'
        )

    def test_a_concordance_place_is_the_subject_then_the_page(self):
        place = Locator(target="q-m1", portrait_id="q", label="Léa & Co")
        markup = PageLocators(self.PAGES).place([place], ["#q-m1"])
        assert str(markup) == (
            '<span class="concordance-subject">Léa &amp; Co</span> '
            '<a class="index-locator" href="#q-m1">23</a>'
        )


class TestPipeline:
    def test_the_back_matter_is_laid_out_after_the_chunks_and_before_the_front(self):
        """The back parts are asked for with every chunk's layout, laid out as more chunks in
        parallel and numbered on; the front matter gets their layouts after the chunks'."""
        order: list[str] = []
        seen: dict[str, object] = {}

        def job(kind: str, index: int) -> PartJob:
            return PartJob(
                index=index,
                kind=kind,  # type: ignore[arg-type]
                html="",
                stylesheets=(),
                base_url="",
                sandbox=Sandbox(Path(), Path()),
                output="",
                tagged=False,
                pdf_variant=None,
            )

        def worker(part: PartJob) -> PartResult:
            order.append(f"{part.kind}{part.index}")
            pages = {"chunk": 4, "folios": 4, "front": 6}[part.kind]
            anchors = {f"{part.kind}{part.index}": (1, 0.0, 0.0)}
            return PartResult(index=part.index, output="", page_count=pages, anchors=anchors)

        def back_jobs(layouts: Sequence[ChunkLayout]) -> list[PartJob]:
            seen["back"] = [start for start, _ in layouts]
            return [job("chunk", 3), job("chunk", 4)]

        def front_job(layouts: Sequence[ChunkLayout]) -> PartJob:
            seen["front"] = [(start, sorted(anchors)) for start, anchors in layouts]
            return job("front", 0)

        delivered: list[int] = []
        with ThreadPoolExecutor(2) as executor:
            results = render_book(
                executor,
                [job("chunk", 1), job("chunk", 2)],
                lambda number, first, pages, anchors: job("folios", number),
                front_job,
                in_flight=2,
                progress=lambda message: None,
                on_chunk=lambda chunk, numbers: delivered.append(chunk.index),
                back_jobs=back_jobs,
                worker=worker,
            )
        # The back parts are asked for once the two chunks are counted, laid out as chunks 3
        # and 4 (numbered on: pages 9 and 13), delivered in order, and the front comes last.
        assert min(order.index("chunk3"), order.index("chunk4")) > max(
            order.index("chunk1"), order.index("chunk2")
        )
        assert order[-1] == "front0"
        assert seen["back"] == [1, 5]
        assert seen["front"] == [
            (1, ["chunk1"]),
            (5, ["chunk2"]),
            (9, ["chunk3"]),
            (13, ["chunk4"]),
        ]
        assert delivered == [1, 2, 3, 4]
        assert [chunk.index for chunk in results.chunks] == [1, 2, 3, 4]
        assert [part.index for part in results.folios] == [1, 2, 3, 4]

    def test_without_back_matter_the_front_follows_the_chunks(self) -> None:
        with ThreadPoolExecutor(1) as executor:
            results = render_book(
                executor,
                [],
                lambda *args: pytest.fail("no chunk"),
                lambda layouts: PartJob(
                    index=0,
                    kind="front",
                    html="",
                    stylesheets=(),
                    base_url="",
                    sandbox=Sandbox(Path(), Path()),
                    output="",
                    tagged=False,
                    pdf_variant=None,
                ),
                in_flight=1,
                progress=lambda message: None,
                on_chunk=lambda chunk, numbers: None,
                back_jobs=lambda layouts: [],
                worker=lambda part: PartResult(index=0, output="", page_count=4, anchors={}),
            )
        assert results.chunks == []
        assert results.front.page_count == 4


@pytest.fixture(scope="module")
def document() -> BookDocument:
    """The French example's book document (no layout)."""
    return build_document(load(FR_EXAMPLE))


class TestPrintMarkup:
    """What print asks of the shared back-matter markup (``back_matter_markup``)."""

    def test_the_concordance_uses_its_own_place_markup(self, document: BookDocument):
        parts = back_matter_markup(
            document,
            href_for=lambda pid, anchor: f"#{anchor or pid}",
            locator_markup=lambda locators, hrefs: Markup("INDEX"),
            place_markup=lambda locators, hrefs: Markup("PLACE"),
        )
        bodies = {kind: str(body) for _, _, kind, body in parts}
        assert "PLACE" in bodies["concordance"]
        assert "INDEX" not in bodies["concordance"]
        assert "INDEX" in bodies["index"]
        assert "PLACE" not in bodies["index"]

    def test_a_reading_whose_text_is_its_address_is_marked_url(self, document: BookDocument):
        reading = document.reading_list
        assert reading is not None
        first = reading.entries[0]
        bare = attrs.evolve(first, label=first.target.removeprefix("https://"))
        changed = attrs.evolve(document, reading_list=attrs.evolve(reading, entries=(bare, first)))
        parts = back_matter_markup(changed, href_for=lambda pid, anchor: f"#{anchor or pid}")
        body = next(str(body) for _, _, kind, body in parts if kind == "readings")
        links = re.findall(r"<a[^>]*>", body)
        assert 'class="url"' in links[0]
        assert 'class="url"' not in links[1]


# ---------------------------------------------------------------------- the French example


@dataclass(frozen=True)
class Book:
    reader: PdfReader
    pdf: Path
    labels: list[str]
    texts: list[str]
    """pdftotext's text of each page, normalized, without its folio."""
    document: BookDocument

    def page(self, label: str) -> int:
        return self.labels.index(label)

    def outline_pages(self) -> dict[str, int]:
        """Title of each top-level bookmark -> page index."""
        return {
            item.title: self.reader.get_destination_page_number(item)
            for item in self.reader.outline
            if not isinstance(item, list)
        }


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    validators.require(
        "pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils"
    )
    source = tmp_path_factory.mktemp("pdf-back-matter-source") / FR_EXAMPLE.name
    shutil.copytree(FR_EXAMPLE, source)  # the example is read only
    out = tmp_path_factory.mktemp("pdf-back-matter")
    report = build(source, ["pdf"], out, plugins=make_plugin_manager(entry_point_plugins=False))
    assert report.ok, report.failures
    path = report.results[0].path
    reader = PdfReader(path)
    labels = list(reader.page_labels)
    texts = []
    for number, label in enumerate(labels, 1):
        run = subprocess.run(
            # -raw: in the order of the page's content (the index's columns one after the other).
            ["pdftotext", "-raw", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        lines = [line for line in run.stdout.splitlines() if line.strip() != label]
        texts.append(normalize("\n".join(lines)))
    return Book(
        reader=reader,
        pdf=path,
        labels=labels,
        texts=texts,
        document=build_document(report.source.anthology),
    )


def printed_runs(text: str, position: int) -> tuple[list[tuple[int, int]], int]:
    """The page runs printed at ``position`` ("9, 11-13", en dash), and where they end."""
    runs = []
    while match := RUN.match(text, position):
        first = int(match.group(1))
        runs.append((first, int(match.group(2) or first)))
        position = match.end()
        if not text.startswith(", ", position) or not RUN.match(text, position + 2):
            break
        position += 2
    return runs, position


def index_runs(book: Book) -> list[tuple[IndexEntry, IndexEntry, list[tuple[int, int]]]]:
    """``(entry, entry or sub-entry, printed runs)`` for every place list of the index, read
    back from the text of the index's pages in order."""
    assert book.document.index is not None
    start = book.outline_pages()[book.document.index.title]
    text = " ".join(book.texts[start:])
    found = []
    position = 0
    for entry in book.document.index.entries:
        position = text.index(normalize(entry.term), position) + len(normalize(entry.term))
        for item in entry.subentries or (entry,):
            if item is not entry:
                position = text.index(normalize(item.term), position) + len(item.term)
            if item.note:
                position = text.index(f"({item.note})", position) + len(item.note) + 2
            position += 1  # the space before the numbers
            runs, position = printed_runs(text, position)
            assert runs, f"no page number after {item.term!r}"
            found.append((entry, item, runs))
    return found


def name_on_page(entry: IndexEntry, text: str) -> bool:
    """A person by their family name (the text may say "Rosalie" after the first mention, but
    the place indexed says the name), a handle or an organisation as written."""
    name = entry.term.split(",")[0] if entry.kind == "person" else entry.term
    return normalize(name) in text


@pytest.mark.slow
class TestIndex:
    def test_every_place_list_is_read_back(self, book: Book):
        entries = index_runs(book)
        assert book.document.index is not None
        expected = sum(len(e.subentries) or 1 for e in book.document.index.entries)
        assert len(entries) == expected

    def test_each_page_number_is_where_the_name_is(self, book: Book):
        checked = 0
        for entry, item, runs in index_runs(book):
            if entry.kind not in ("person", "organisation", "handle"):
                continue
            whole = any(locator.whole for locator in item.locators)
            for first, last in runs:
                pages = (first,) if whole else (first, last)
                for page in pages:
                    text = book.texts[book.page(str(page))]
                    assert name_on_page(entry, text), (entry.term, page)
                    checked += 1
        assert checked > 30

    def test_a_subjects_range_covers_the_portrait(self, book: Book):
        outline = book.outline_pages()
        titles = list(outline)
        ranges = 0
        for _, item, runs in index_runs(book):
            for locator in item.locators:
                if not locator.whole:
                    continue
                portrait = next(p for p in book.document.portraits if p.id == locator.target)
                title = next(t for t in titles if t.startswith(portrait.subject))
                start = outline[title]
                following = outline[titles[titles.index(title) + 1]]
                first, last = runs[0]
                assert book.page(str(first)) == start
                # The range ends on the portrait's last page: not before, and not on the blank
                # page left before the next one.
                assert start < book.page(str(last)) < following
                assert book.texts[book.page(str(last))]
                assert not any(book.texts[book.page(str(last)) + 1 : following])
                ranges += 1
        assert ranges == len(book.document.portraits)

    def test_each_number_links_to_the_page_it_prints(self, book: Book):
        """Every link of the index pages leads to the page whose number (or range's first
        number) the link's words print."""
        assert book.document.index is not None
        start = book.outline_pages()[book.document.index.title]
        indexes = {
            page.indirect_reference.idnum: i
            for i, page in enumerate(book.reader.pages)
            if page.indirect_reference is not None
        }
        links = 0
        for number in range(start, len(book.reader.pages)):
            words = bbox_words(book.pdf, number + 1)
            page = book.reader.pages[number]
            height = float(page.mediabox.top)
            for annotation in page.get("/Annots", ArrayObject()):
                link = annotation.get_object()
                assert isinstance(link, DictionaryObject)
                destination = link.get("/Dest")
                assert isinstance(destination, ArrayObject), "a link that leads nowhere"
                target = destination[0]
                assert isinstance(target, IndirectObject)
                xa, ya, xb, yb = (float(v) for v in link["/Rect"])
                x1, x2, y1, y2 = min(xa, xb), max(xa, xb), min(ya, yb), max(ya, yb)
                printed = " ".join(
                    word
                    for word, (wx1, wy1, wx2, wy2) in words
                    if x1 - 1 <= (wx1 + wx2) / 2 <= x2 + 1
                    and y1 - 1 <= height - (wy1 + wy2) / 2 <= y2 + 1
                )
                match = RUN.match(printed)
                assert match, printed
                assert book.labels[indexes[target.idnum]] == match.group(1), printed
                links += 1
        assert links > 40

    def test_named_destinations_cover_the_back_matter_and_its_places(self, book: Book):
        names = set(book.reader.named_destinations)
        assert book.document.index is not None
        assert {group.id for group in book.document.index.groups} <= names
        assert {entry.id for entry in book.document.index.entries} <= names
        targets = {
            locator.target
            for entry in book.document.index.entries
            for item in (entry, *entry.subentries)
            for locator in item.locators
        }
        assert targets <= names


def bbox_words(pdf: Path, number: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The words of a page with their boxes (pdftotext -bbox: points, from the top left)."""
    run = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    pattern = re.compile(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    return [
        (word, (float(a), float(b), float(c), float(d)))
        for a, b, c, d, word in pattern.findall(run.stdout)
    ]


@pytest.mark.slow
class TestPlacement:
    def test_the_generated_parts_come_after_the_sources_in_order(self, book: Book):
        outline = book.outline_pages()
        document = book.document
        assert document.concordance is not None
        assert document.reading_list is not None
        assert document.index is not None
        order = [
            outline[document.labels["sources"]],
            outline[document.concordance.title],
            outline[document.reading_list.title],
            outline[document.index.title],
        ]
        assert order == sorted(order)
        assert len(set(order)) == 4
        # Their folios continue the book's: arabic, on from the last chunk's.
        assert book.labels[order[1]] == str(int(book.labels[order[0]]) + 2)

    def test_the_contents_give_their_pages(self, book: Book):
        contents = book.texts[book.outline_pages()[book.document.labels["contents"]]]
        index = book.document.index
        assert index is not None
        page = book.labels[book.outline_pages()[index.title]]
        assert re.search(rf"{re.escape(index.title)}[ .]*{page}\b", contents)

    def test_the_concordance_gives_the_subject_then_the_page(self, book: Book):
        concordance = book.document.concordance
        assert concordance is not None
        start = book.outline_pages()[concordance.title]
        text = " ".join(book.texts[start:])
        position = 0
        for question in concordance.questions:
            for place in question.places:
                pattern = re.compile(rf"{re.escape(normalize(place.subject))} (\d+)")
                match = pattern.search(text, position)
                assert match, place.subject
                position = match.end()
                # The page printed is where that portrait asks the question.
                asked = normalize(inlines_text(place.question.inlines))
                assert asked in book.texts[book.page(match.group(1))], (asked, match.group(1))

    def test_the_reading_list_prints_its_addresses(self, book: Book):
        reading = book.document.reading_list
        assert reading is not None
        start = book.outline_pages()[reading.title]
        text = re.sub(r"\s", "", book.texts[start] + book.texts[start + 1])
        for entry in reading.entries:
            assert entry.target in text, entry.target

    @pytest.mark.validator
    def test_qpdf_finds_no_error(self, book: Book):
        validators.require("qpdf", shutil.which("qpdf") is not None, "apt-get install qpdf")
        run = subprocess.run(["qpdf", "--check", str(book.pdf)], capture_output=True, text=True)
        assert run.returncode == 0, run.stdout + run.stderr
        assert "WARNING" not in run.stdout + run.stderr
