"""The ``markdown`` and ``markdown-folder`` formats: contract, content, Pandoc, discovery."""

from __future__ import annotations

import datetime as dt
import json
import re
import struct
import subprocess
import zlib
from pathlib import Path

import attrs
import pytest
import yaml
from interviewkit_markdown import MarkdownExporter, MarkdownFolderExporter
from interviewkit_markdown._write import escape
from lxml import html as lxml_html
from markdown_it import MarkdownIt

from interviewkit import (
    HtmlWriter,
    Image,
    RichText,
    build_document,
    dumps,
    labels_for,
    make_plugin_manager,
)
from interviewkit.cli import main
from interviewkit.document import ExchangeDocument, PortraitDocument, inlines_text
from interviewkit.testing import check_exporter, sample_anthology


def png() -> bytes:
    """A valid 1x1 grey PNG, built here so the tests ship no binary file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def export_file(tmp_path: Path, **options: object) -> str:
    """The single-file export of the sample anthology, as text."""
    result = check_exporter(MarkdownExporter, tmp_path=tmp_path, options=options or None)
    return result.path.read_text(encoding="utf-8")


def metadata_and_body(text: str) -> tuple[dict[str, object], str]:
    """The YAML metadata block (parsed) and the Markdown after it."""
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    assert match is not None, "the file does not start with a YAML metadata block"
    data = yaml.safe_load(match[1])
    assert isinstance(data, dict)
    return data, text[match.end() :]


class TestContract:
    """Both formats keep the exporter contract checked by interviewkit.testing."""

    def test_single_file(self, tmp_path: Path) -> None:
        """`markdown` passes check_exporter: typed options, confined, byte-identical rebuilds."""
        result = check_exporter(MarkdownExporter, tmp_path=tmp_path)
        assert result.path.suffix == ".md"

    def test_single_file_without_heading_ids(self, tmp_path: Path) -> None:
        """`heading_ids = false` is accepted and still passes the contract."""
        check_exporter(MarkdownExporter, tmp_path=tmp_path, options={"heading_ids": False})

    def test_folder(self, tmp_path: Path) -> None:
        """`markdown-folder` passes check_exporter and lists index.md plus one page per portrait."""
        result = check_exporter(MarkdownFolderExporter, tmp_path=tmp_path)
        assert [f.as_posix() for f in result.files] == [
            "index.md",
            "owen-park.md",
            "rosalie-gendron.md",
        ]


def asked(portrait: PortraitDocument, exchange: ExchangeDocument) -> str:
    """A question as its heading reads: its asker's label and colon first, when it has one."""
    question = inlines_text(exchange.question.inlines)
    if exchange.asker is None:
        return question
    return f"{exchange.asker.label}{labels_for(portrait.lang)['colon']} {question}"


class TestSingleFile:
    """The content of the single Markdown file."""

    def test_metadata_block(self, tmp_path: Path) -> None:
        """The YAML block carries title, subtitle, lang, authors, date, rights, description;
        the texts typeset as in every format (typographic apostrophes)."""
        data, _ = metadata_and_body(export_file(tmp_path))
        assert data == {
            "title": "Mains d\u2019ateliers",
            "subtitle": "Portraits d\u2019artisans",
            "lang": "fr-CA",
            "author": ["Annie-Claude Letendre"],
            "publisher": "Éditions de l\u2019Exemple",
            "date": "2013-05-01",
            "rights": "© 2013 Éditions de l\u2019Exemple. Textes fictifs.",
            "series": "Les portraits du jeudi",
            "series-number": 2,
            "description": "Deux artisans racontent leur *métier*.",
            "keywords": ["artisanat", "portraits"],
        }

    def test_every_question_in_order_with_its_id(self, tmp_path: Path) -> None:
        """Each question is a heading with the book document's text and id (`{#portrait-qN}`),
        in the anthology's order, typeset for its language."""
        _, body = metadata_and_body(export_file(tmp_path))
        found = re.findall(r"^#{2,3} (.+) \{#([a-z-]+-q\d+)\}$", body, re.MULTILINE)
        expected = [
            (asked(portrait, exchange), exchange.id)
            for portrait in build_document(sample_anthology()).portraits
            for exchange in portrait.exchanges
        ]
        assert found == expected
        assert ("What\u2019s next?", "owen-park-q3") in found
        # The interviewer's voice asks the question before the first part.
        assert ("Sam: When did you build your first frame?", "owen-park-q1") in found

    def test_answers_render_as_the_other_formats_answers(self, tmp_path: Path) -> None:
        """The Markdown below a question heading renders (CommonMark) as the HTML formats
        render its answers, each after its speaker's label (the last question is followed by
        the closing and the credits)."""
        _, body = metadata_and_body(export_file(tmp_path))
        sections = re.split(r"^#{1,3} .*$", body, flags=re.MULTILINE)
        headings = re.findall(r"^#{1,3} (.*)$", body, flags=re.MULTILINE)
        after = dict(zip(headings, sections[1:], strict=True))
        commonmark = MarkdownIt("commonmark")
        html = HtmlWriter()
        for portrait in build_document(sample_anthology()).portraits:
            for exchange in portrait.exchanges:
                text = after[f"{asked(portrait, exchange)} {{#{exchange.id}}}"]
                written = text.strip("\n").removesuffix("\n\n:::")
                colon = labels_for(portrait.lang)["colon"]
                expected = "".join(
                    (
                        f"<p><strong>{answer.speaker.label}{colon}</strong></p>\n"
                        if answer.speaker
                        else ""
                    )
                    + str(html.blocks(answer.text.blocks))
                    for answer in exchange.answers
                )
                assert commonmark.render(written).startswith(expected)

    def test_structure(self, tmp_path: Path) -> None:
        """Front matter, then each portrait `#` heading, its parts as `##`, questions as `###`."""
        _, body = metadata_and_body(export_file(tmp_path))
        headings = re.findall(r"^(#{1,2}) (.*)$", body, re.MULTILINE)
        assert headings[:4] == [
            ("#", "Préface {#preface}"),
            ("#", "Rosalie Gendron, luthière de quartier {#rosalie-gendron}"),
            ("##", "Les débuts {#rosalie-gendron-part1}"),
            ("##", "Le métier {#rosalie-gendron-part2}"),
        ]
        assert "**Rosalie Gendron**, luthière, Atelier du Vieux-Bois\\\n" in body

    def test_portrait_in_another_language_is_a_lang_div(self, tmp_path: Path) -> None:
        """The English portrait of the French book is wrapped in a `::: {lang="en"}` div."""
        _, body = metadata_and_body(export_file(tmp_path))
        div = body[body.index('::: {lang="en"}') : body.index("# Sources et autorisations")]
        assert div.startswith('::: {lang="en"}\n\n# Owen Park builds bicycles {#owen-park}')
        assert div.rstrip().endswith(":::")
        # interviewkit's own words inside it are the book's, and say so.
        byline = "Entrevue réalisée par Sam Okafor et Annie-Claude Letendre"
        assert f'[{byline} · Publié le 18 avril 2013]{{lang="fr-CA"}}' in div

    def test_lists_of_links(self, tmp_path: Path) -> None:
        """Follow, related and reading lists are lists; a portrait of the book links inside."""
        _, body = metadata_and_body(export_file(tmp_path))
        assert "- [\\@atelier\\_vb](<https://example.com/atelier_vb>)" in body
        assert "- [Owen Park / Park Bicycles](<#owen-park>)" in body
        assert "- [Lucie Tremblay](<https://example.net/lucie-tremblay>)" in body
        assert "- [L\u2019art du luthier](<https://example.net/art>)" in body

    def test_without_heading_ids(self, tmp_path: Path) -> None:
        """With `heading_ids = false` no heading has an explicit id and no link points to one."""
        _, body = metadata_and_body(export_file(tmp_path, heading_ids=False))
        assert "{#" not in body
        assert "](<#" not in body
        assert "- Owen Park / Park Bicycles (dans ce livre)" in body


class TestEscape:
    """Plain fields stay plain text in Markdown."""

    @pytest.mark.parametrize(
        "text",
        [
            "Owen *Park* [the builder]",
            "1. Not a list",
            "- not a list either",
            "a_b_c `code` <b>x</b> $5 @handle #tag {attr}",
            "Tom &amp; Jerry",
            "back\\slash",
        ],
    )
    def test_renders_as_the_same_text(self, text: str) -> None:
        """CommonMark renders an escaped field as exactly its text, with no markup."""
        rendered = MarkdownIt("commonmark").render(f"- {escape(text)}")
        expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert rendered == f"<ul>\n<li>{expected}</li>\n</ul>\n"

    def test_joins_lines(self) -> None:
        """A value with a line break stays on one line (a heading cannot span two)."""
        assert escape("two\nlines") == "two lines"

    def test_keeps_no_break_spaces(self) -> None:
        """The no-break spaces of French typography are not white space to collapse."""
        assert escape("Photos\u00a0: oui\u202f!  non") == "Photos\u00a0: oui\u202f! non"


class TestFolder:
    """The `markdown-folder` pages."""

    def test_index_and_pages(self, tmp_path: Path) -> None:
        """index.md lists every page; each page has its own front matter and links its peers."""
        result = check_exporter(MarkdownFolderExporter, tmp_path=tmp_path)
        index = (result.path / "index.md").read_text(encoding="utf-8")
        assert "- [Rosalie Gendron, luthière de quartier](<rosalie-gendron.md>)" in index
        assert "- [Owen Park builds bicycles](<owen-park.md>), Owen Park" in index
        assert "## Préface {#preface}" in index
        page = (result.path / "owen-park.md").read_text(encoding="utf-8")
        data, body = metadata_and_body(page)
        assert data["title"] == "Owen Park builds bicycles"
        assert data["lang"] == "en"
        assert data["subject"] == "Owen Park"
        assert data["date"] == "2013-04-18"
        assert "- [Rosalie Gendron](<rosalie-gendron.md>)" in body
        # The link back is interviewkit's, so in the book's language, marked as such.
        back = '[[Retour à la table des matières](<index.md>)]{lang="fr-CA"}'
        assert body.rstrip().endswith(back)

    def test_copies_images(self, tmp_path: Path) -> None:
        """A subject photo is copied under its source path and shown with its alt text."""
        source = tmp_path / "source"
        (source / "images").mkdir(parents=True)
        (source / "images" / "owen.png").write_bytes(png())
        anthology = sample_anthology()
        owen = anthology.portrait("owen-park")
        photo = Image(path="images/owen.png", alt="Owen at the bench", caption=RichText("*Steel*"))
        owen = attrs.evolve(owen, subject=attrs.evolve(owen.subject, photo=photo))
        anthology = attrs.evolve(anthology, portraits=(anthology.portraits[0], owen))
        result = check_exporter(
            MarkdownFolderExporter,
            tmp_path=tmp_path / "out",
            anthology=anthology,
            source_root=source,
        )
        assert (result.path / "images" / "owen.png").read_bytes() == png()
        assert Path("images/owen.png") in result.files
        page = (result.path / "owen-park.md").read_text(encoding="utf-8")
        assert "![Owen at the bench](<images/owen.png>)\n\n*Steel*\n" in page


class TestPandoc:
    """Pandoc reads the output without a warning."""

    def test_single_file_reads_without_warnings(self, tmp_path: Path, pandoc: Path) -> None:
        """`pandoc --fail-if-warnings -f markdown` accepts the file and keeps ids and metadata."""
        result = check_exporter(MarkdownExporter, tmp_path=tmp_path)
        html = subprocess.run(
            [pandoc, "--fail-if-warnings", "-f", "markdown", "-t", "html", result.path],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert '<h3 id="rosalie-gendron-q1">Comment avez-vous commencé?</h3>' in html
        assert '<section id="owen-park" lang="en">' in html
        assert '<a href="#owen-park">Owen Park / Park Bicycles</a>' in html
        ast = json.loads(
            subprocess.run(
                [pandoc, "--fail-if-warnings", "-f", "markdown", "-t", "json", result.path],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        assert ast["meta"]["lang"] == {"t": "MetaInlines", "c": [{"t": "Str", "c": "fr-CA"}]}
        assert [item["c"] for item in ast["meta"]["title"]["c"] if item["t"] == "Str"] == [
            "Mains",
            "d\u2019ateliers",
        ]

    def test_book_words_in_a_portrait_of_another_language(
        self, tmp_path: Path, pandoc: Path
    ) -> None:
        """Inside the English portrait of the French book, Pandoc reads interviewkit's own
        words (the byline, a list's heading) in the book's language, and the rest in English."""
        result = check_exporter(MarkdownExporter, tmp_path=tmp_path)
        html = subprocess.run(
            [pandoc, "--fail-if-warnings", "-f", "markdown", "-t", "html", result.path],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        (portrait,) = lxml_html.fromstring(html).xpath("//*[@lang='en']")
        spans = [
            " ".join(span.text_content().split()) for span in portrait.xpath(".//*[@lang='fr-CA']")
        ]
        assert spans == [
            "Entrevue réalisée par Sam Okafor et Annie-Claude Letendre · Publié le 18 avril 2013",
            "Autres portraits",
        ]
        assert "Why steel?" in portrait.text_content()

    def test_folder_pages_read_without_warnings(self, tmp_path: Path, pandoc: Path) -> None:
        """Every page of the folder format reads without a Pandoc warning."""
        result = check_exporter(MarkdownFolderExporter, tmp_path=tmp_path)
        for page in sorted(result.path.glob("*.md")):
            subprocess.run(
                [pandoc, "--fail-if-warnings", "-f", "markdown", "-t", "html", page],
                check=True,
                capture_output=True,
            )


class TestDiscovery:
    """The installed distribution is found through its entry point."""

    def test_formats_come_from_the_distribution(self) -> None:
        """`make_plugin_manager()` lists both formats from plugin `markdown` of the package."""
        plugins = make_plugin_manager()
        assert not [error for error in plugins.broken if error.plugin == "markdown"]
        for name in ("markdown", "markdown-folder"):
            entry = plugins.exporters.get(name)
            assert (entry.plugin, entry.distribution) == ("markdown", "interviewkit-markdown")

    def test_disable_switch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """`INTERVIEWKIT_DISABLE_PLUGINS=markdown` keeps both formats out."""
        monkeypatch.setenv("INTERVIEWKIT_DISABLE_PLUGINS", "markdown")
        assert "markdown" not in make_plugin_manager().exporters

    def test_cli_builds_the_format(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`interviewkit build -f markdown` writes the file through the installed plugin."""
        source = tmp_path / "book.json"
        source.write_text(dumps(sample_anthology()), encoding="utf-8")
        out = tmp_path / "out"
        code = main(["build", str(source), "-f", "markdown", "-o", str(out)])
        assert code == 0, capsys.readouterr().err
        assert (out / "book.md").read_text(encoding="utf-8").startswith("---\n")


class TestAttribution:
    """Who said what, and who may print it, as the built-in formats print it."""

    def test_round_table_answers_keep_their_speakers(self, tmp_path: Path) -> None:
        """Each answer of a round table follows its speaker's bold label, in order."""
        _, body = metadata_and_body(export_file(tmp_path))
        owen, mei = body.index("**Owen:**"), body.index("**Mei:**")
        assert owen < body.index("small mistakes") < mei < body.index("And it takes paint well.")

    def test_bylines_name_the_stated_interviewers(self, tmp_path: Path) -> None:
        """Two interviewers are joined with "and"; the default applies to the other portrait."""
        _, body = metadata_and_body(export_file(tmp_path))
        assert "Entrevue réalisée par Sam Okafor et Annie-Claude Letendre" in body
        assert "Entrevue réalisée par Annie-Claude Letendre ·" in body

    def test_closing_credits_and_sources_page(self, tmp_path: Path) -> None:
        """The closing and credit lines after the answers; the sources page at the end."""
        _, body = metadata_and_body(export_file(tmp_path))
        closing = body.index("Propos recueillis par *Annie-Claude Letendre*.")
        licence = body.index("Licence [CC-BY-4.0](<https://creativecommons.org/licenses/by/4.0/>)")
        assert body.index("posez des questions.") < closing < licence
        sources = body.index("# Sources et autorisations {#sources-and-permissions}")
        assert sources > body.index("Owen Park builds bicycles")
        assert "Photos\u00a0: Jules Bédard (l\u2019atelier)" in body[sources:]

    def test_isbns_are_metadata(self, tmp_path: Path) -> None:
        """Both ISBNs, hyphenated as everywhere else, in the YAML metadata."""
        anthology = attrs.evolve(
            sample_anthology(), isbn_epub="9782924187043", isbn_print="9782924187050"
        )
        result = check_exporter(MarkdownExporter, tmp_path=tmp_path, anthology=anthology)
        data, _ = metadata_and_body(result.path.read_text(encoding="utf-8"))
        assert (data["isbn-epub"], data["isbn-print"]) == ("978-2-924187-04-3", "978-2-924187-05-0")


class TestLocalisation:
    """Labels and dates come from interviewkit's catalogues and Babel, as in every format."""

    def test_dates_are_written_in_the_book_language(self, tmp_path: Path) -> None:
        """Bylines and credit lines are the book's words: ``11 avril 2013``, and ``18 avril
        2013`` in the English portrait of the French book too, as in every format."""
        _, body = metadata_and_body(export_file(tmp_path))
        assert "Publié le 11 avril 2013" in body
        assert "*Le Carnet des ateliers*, 11 avril 2013," in body
        assert "Publié le 18 avril 2013" in body
        assert "April" not in body
        assert "2013-04-11" not in body.split("---", 2)[-1]

    def test_theme_labels_reword_the_markdown_too(self, tmp_path: Path) -> None:
        """``theme/labels.toml`` rewords the labels of the book document, so of both formats."""
        source = tmp_path / "source"
        (source / "theme").mkdir(parents=True)
        (source / "theme" / "labels.toml").write_text(
            '[fr-CA]\ninterview_by = "Propos recueillis par {names}"\ncontents = "Sommaire"\n',
            encoding="utf-8",
        )
        single = check_exporter(MarkdownExporter, tmp_path=tmp_path / "one", source_root=source)
        _, body = metadata_and_body(single.path.read_text(encoding="utf-8"))
        assert "Propos recueillis par Annie-Claude Letendre ·" in body
        assert "Entrevue réalisée" not in body
        folder = check_exporter(
            MarkdownFolderExporter, tmp_path=tmp_path / "folder", source_root=source
        )
        index = (folder.path / "index.md").read_text(encoding="utf-8")
        assert "## Sommaire {#contents}" in index

    def test_first_of_the_month_in_french(self, tmp_path: Path) -> None:
        """Plain ``1er`` in Markdown: no HTML in the text."""
        anthology = sample_anthology()
        first = attrs.evolve(anthology.portraits[0], date=dt.date(2013, 4, 1))
        anthology = attrs.evolve(anthology, portraits=[first, *anthology.portraits[1:]])
        result = check_exporter(MarkdownExporter, tmp_path=tmp_path, anthology=anthology)
        _, body = metadata_and_body(result.path.read_text(encoding="utf-8"))
        assert "Publié le 1er avril 2013" in body
        assert "<sup>" not in body


def test_the_generated_back_matter_is_written_where_the_built_ins_place_it(tmp_path: Path) -> None:
    """Concordance, reading list and index after the sources page, every entry of the book
    document's index present."""
    import interviewkit

    example = Path(__file__).resolve().parents[3] / "examples" / "derriere-les-comptes"
    document = interviewkit.build_document(interviewkit.load(example))
    assert document.index is not None
    assert document.concordance is not None
    report = interviewkit.build(example, ["markdown"], tmp_path)
    assert report.ok, report.failures
    text = report.results[0].path.read_text(encoding="utf-8")
    positions = [
        text.index(f"{{#{ident}}}")
        for ident in (document.sources_id, document.concordance.id, document.index.id)
    ]
    assert positions == sorted(positions)
    tail = text[positions[-1] :]
    for entry in document.index.entries:
        assert escape(entry.term).replace("\\", "") in tail.replace("\\", "")
