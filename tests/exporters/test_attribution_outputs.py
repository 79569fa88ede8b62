"""Who is credited with what, read back from every built-in format of both examples.

The examples hold every case of attribution: a stated default interviewer, a portrait with two
interviewers, a round table where two people answer one question, a reprinted portrait with a
Creative Commons licence and a photo credit, closings, and both ISBNs.  Each format is read
back with a parser (lxml, pypdf, the JSON loader), never by matching the exporter's markup.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html
from pypdf import PdfReader

import interviewkit
from interviewkit.build import build
from interviewkit.plugins import make_plugin_manager

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FORMATS = ["epub", "html", "html-site", "json", "pdf"]


def _text(node: lxml_html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Both examples built once in every built-in format: ``{example: {format: path}}``."""
    built: dict[str, dict[str, Path]] = {}
    for name in ("derriere-les-comptes", "makers-at-work"):
        out = tmp_path_factory.mktemp(name)
        plugins = make_plugin_manager(entry_point_plugins=False)
        report = build(EXAMPLES / name, FORMATS, out, plugins=plugins)
        assert report.ok, report.failures
        built[name] = {result.format_name: result.path for result in report.results}
    return built


def html_page(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


@pytest.mark.slow
class TestHtml:
    """The single-page HTML book."""

    def test_bylines_name_only_stated_interviewers(self, outputs: dict[str, dict[str, Path]]):
        """Two interviewers are joined with "et"; the default applies where none is stated."""
        page = html_page(outputs["derriere-les-comptes"]["html"])
        bylines = {
            article.get("id"): _text(article.find_class("byline")[0])
            for article in page.find_class("portrait")
        }
        assert "Annie-Claude Letendre et Mathieu Brisebois" in bylines["samuel-fortier-dion"]
        assert "Entrevue réalisée par Annie-Claude Letendre" in bylines["rosalie-gendron-paquin"]

    def test_a_round_table_keeps_both_answers_with_their_speakers(
        self, outputs: dict[str, dict[str, Path]]
    ):
        """One question, two answers, each under its speaker's label, in order."""
        page = html_page(outputs["makers-at-work"]["html"])
        (exchange,) = page.xpath('//*[@id="marguerite-obi-q7"]')
        answers = exchange.find_class("answer")
        speakers = [_text(answer.find_class("speaker")[0]) for answer in answers]
        assert speakers == ["Marguerite", "Dev"]
        assert _text(answers[1]).endswith("A laser printer never tells you.")
        assert _text(exchange.find_class("asker")[0]) == "Theo"

    def test_closing_and_credits_follow_the_last_answer(self, outputs: dict[str, dict[str, Path]]):
        """The closing, then the credit lines with the licence linked to its page."""
        page = html_page(outputs["derriere-les-comptes"]["html"])
        (portrait,) = page.xpath('//*[@id="leila-haddad-morin"]')
        assert "Thanks to Leila" in _text(portrait.find_class("closing")[0])
        credits = portrait.find_class("credits")[0]
        assert "Le Carnet des comptes" in _text(credits)
        assert "Photos : Maëlle Cyr-Tanguay" in _text(credits)
        licences = [a for a in credits.iter("a") if a.text == "CC-BY-4.0"]
        assert [a.get("href") for a in licences] == ["https://creativecommons.org/licenses/by/4.0/"]

    def test_the_sources_page_gathers_every_credited_portrait(
        self, outputs: dict[str, dict[str, Path]]
    ):
        """One entry per portrait with credits, in book order, listed in the contents."""
        page = html_page(outputs["derriere-les-comptes"]["html"])
        (sources,) = page.xpath('//*[@id="sources-and-permissions"]')
        titles = [_text(term) for term in sources.iter("dt")]
        assert len(titles) == 3
        assert titles[2] == "Community manager portrait: Leila Haddad-Morin"
        assert page.xpath('//nav//a[@href="#sources-and-permissions"]')

    def test_the_colophon_prints_both_isbns_and_the_legal_deposit(
        self, outputs: dict[str, dict[str, Path]]
    ):
        """The same hyphenation as every other format."""
        colophon = _text(
            html_page(outputs["derriere-les-comptes"]["html"]).find_class("colophon")[0]
        )
        assert "ISBN 978-2-924187-05-0 (version imprimée)" in colophon
        assert "ISBN 978-2-924187-04-3 (EPUB)" in colophon
        assert "Dépôt légal" in colophon


@pytest.mark.slow
class TestEpub:
    """The EPUB's XHTML documents (the OPF metadata is tested in test_epub.py)."""

    def test_round_table_and_sources_page(self, outputs: dict[str, dict[str, Path]]):
        """The round table's answers and the sources document, marked as credits."""
        with zipfile.ZipFile(outputs["makers-at-work"]["epub"]) as archive:
            names = archive.namelist()
            portrait = (
                archive.read("EPUB/p_marguerite-obi.xhtml")
                if "EPUB/p_marguerite-obi.xhtml" in names
                else next(
                    archive.read(n) for n in names if "marguerite-obi" in n and n.endswith(".xhtml")
                )
            )
            sources = next(archive.read(n) for n in names if "sources-and-permissions" in n)
        assert portrait.count(b'class="answer"') == 11
        assert b'epub:type="credits"' in sources
        assert b"Hollis Wren" in sources


@pytest.fixture(scope="module")
def text(outputs: dict[str, dict[str, Path]]) -> str:
    """The French PDF's text, white space collapsed."""
    reader = PdfReader(outputs["derriere-les-comptes"]["pdf"])
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.slow
class TestPdf:
    """The PDF's text, extracted by pypdf."""

    def test_print_isbn_first_then_the_epub_one(self, text: str):
        """The print edition states its own ISBN, then names the EPUB edition."""
        first = text.find("ISBN 978-2-924187-05-0 (version imprimée)")
        second = text.find("ISBN 978-2-924187-04-3 (EPUB)")
        assert 0 <= first < second

    def test_bylines_credits_and_sources(self, text: str):
        """The two-interviewer byline, a closing, a licence line and the sources page."""
        assert "Entrevue réalisée par Annie-Claude Letendre et Mathieu Brisebois" in text
        assert "Propos recueillis par Annie-Claude Letendre." in text
        assert "Licence CC-BY-4.0" in text
        assert text.count("Sources et autorisations") >= 2  # the contents and the page


@pytest.mark.slow
class TestJson:
    """The canonical JSON is the model: every voice and credit round-trips."""

    def test_it_loads_back_equal(self, outputs: dict[str, dict[str, Path]]):
        """Speakers, answers, interviewers, closing, credits and ISBNs all survive."""
        for name, paths in outputs.items():
            data = json.loads(paths["json"].read_bytes())
            assert data["interviewkit"] == "3"
            assert interviewkit.loads(paths["json"].read_bytes()) == interviewkit.load(
                EXAMPLES / name
            )
