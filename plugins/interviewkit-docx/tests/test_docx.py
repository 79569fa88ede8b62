"""The ``docx`` format: contract, reproducibility, styles and content read back, discovery."""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import attrs
import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from interviewkit_docx import DocxExporter

from interviewkit import (
    Answer,
    Anthology,
    Exchange,
    Image,
    Interview,
    RichText,
    build_document,
    dumps,
    make_plugin_manager,
)
from interviewkit.cli import main
from interviewkit.document import inlines_text
from interviewkit.testing import check_exporter, sample_anthology

RICH_ANSWER = (
    "Use `git bisect` and **read** the [manual](https://example.org/manual).\n\n"
    "3. third\n4. fourth\n   - nested point\n\n"
    "Then:\n\n1. again from one\n\n"
    "> A quoted line.\n\n"
    "```\nline one\nline two\n```"
)


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


def export(tmp_path: Path, **kwargs: object) -> Path:
    """Export through check_exporter and return the path of the .docx."""
    result = check_exporter(DocxExporter, tmp_path=tmp_path, **kwargs)  # type: ignore[arg-type]
    return result.path


def open_docx(path: Path) -> Document:
    """The document, read back with python-docx."""
    return docx.Document(str(path))


def styled(document: Document, style: str) -> list[str]:
    """Texts of the paragraphs of a style, in order."""
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def rich_anthology() -> Anthology:
    """The sample anthology with a code span, two numbered lists, a quote and a code block."""
    anthology = sample_anthology()
    owen = anthology.portrait("owen-park")
    exchanges = (
        *owen.interview.exchanges,
        Exchange(
            question=RichText("How do you debug?"), answers=(Answer(text=RichText(RICH_ANSWER)),)
        ),
    )
    owen = attrs.evolve(owen, interview=Interview(exchanges=exchanges, parts=owen.interview.parts))
    return attrs.evolve(anthology, portraits=(anthology.portraits[0], owen))


class TestContract:
    """The exporter keeps the contract checked by interviewkit.testing."""

    def test_check_exporter(self, tmp_path: Path) -> None:
        """`docx` passes check_exporter, byte-identical rebuilds included."""
        assert export(tmp_path).suffix == ".docx"

    def test_options(self, tmp_path: Path) -> None:
        """`toc = false` and another image width are accepted."""
        export(tmp_path, options={"toc": False, "image_width_cm": 4.5})

    def test_bad_image_width_is_refused(self, tmp_path: Path) -> None:
        """An image width outside 1 to 16 cm is refused when the options are read."""
        with pytest.raises(AssertionError, match="image width"):
            export(tmp_path, options={"image_width_cm": 40.0})


class TestReproducible:
    """Dates come from the build date, never the clock."""

    def test_zip_entries_are_dated_and_ordered(self, tmp_path: Path) -> None:
        """Every zip entry carries the anthology's date; [Content_Types].xml comes first."""
        with zipfile.ZipFile(export(tmp_path)) as package:
            infos = package.infolist()
        assert infos[0].filename == "[Content_Types].xml"
        assert {info.date_time for info in infos} == {(2013, 5, 1, 0, 0, 0)}

    def test_core_dates_follow_source_date_epoch(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With SOURCE_DATE_EPOCH set, created and modified are that day."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        properties = open_docx(export(tmp_path)).core_properties
        expected = dt.datetime(2023, 11, 14, tzinfo=dt.UTC)
        assert properties.created == properties.modified == expected


class TestContent:
    """The document read back with python-docx."""

    def test_core_properties(self, tmp_path: Path) -> None:
        """Title, author, language, keywords and subject come from the anthology."""
        properties = open_docx(export(tmp_path)).core_properties
        assert properties.title == "Mains d'ateliers"
        assert properties.subject == "Portraits d'artisans"
        assert properties.author == "Annie-Claude Letendre"
        assert properties.language == "fr-CA"
        assert properties.keywords == "artisanat, portraits"
        assert properties.comments == "Deux artisans racontent leur métier."
        assert properties.created == dt.datetime(2013, 5, 1, tzinfo=dt.UTC)

    def test_every_question_in_order_in_the_question_style(self, tmp_path: Path) -> None:
        """The `Question` paragraphs are the anthology's questions, typeset, in reading order."""
        document = open_docx(export(tmp_path))
        expected = [
            (f"{exchange.asker.label}: " if exchange.asker else "")
            + inlines_text(exchange.question.inlines)
            for portrait in build_document(sample_anthology()).portraits
            for exchange in portrait.exchanges
        ]
        assert "What\u2019s next?" in expected  # typeset: the book document's text
        assert "Sam: When did you build your first frame?" in expected  # the asker's voice
        assert styled(document, "Question") == expected

    def test_question_and_answer_styles(self, tmp_path: Path) -> None:
        """`Question` is based on Heading 3 at outline level 3; `Answer` is based on Normal."""
        styles = open_docx(export(tmp_path)).styles
        question, answer = styles["Question"], styles["Answer"]
        assert question.base_style is not None
        assert question.base_style.name == "Heading 3"
        assert question.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "2"
        assert answer.base_style is not None
        assert answer.base_style.name == "Normal"

    def test_headings(self, tmp_path: Path) -> None:
        """Title, then Heading 1 for sections, portraits, the generated reading list, the
        sources page and the index, Heading 2 for parts, lists and the portraits on the
        sources page."""
        document = open_docx(export(tmp_path))
        assert styled(document, "Title") == ["Mains d\u2019ateliers"]
        assert styled(document, "Heading 1") == [
            "Préface",
            "Rosalie Gendron, luthière de quartier",
            "Owen Park builds bicycles",
            "Sources et autorisations",
            "Lectures recommandées",
            "Index",
        ]
        assert styled(document, "Heading 2") == [
            "Les débuts",
            "Le métier",
            "Pour suivre Rosalie",
            "Autres portraits",
            "Lectures",
            "Materials",
            "Autres portraits",  # the book's word, in Owen's English portrait too
            "Rosalie Gendron, luthière de quartier",
        ]

    def test_answers_become_styled_runs_and_lists(self, tmp_path: Path) -> None:
        """Answer paragraphs, bullet and numbered lists come from the CommonMark answers."""
        document = open_docx(export(tmp_path))
        answers = styled(document, "Answer")
        # Typeset for French, as in the other formats: curly apostrophe, no-break space.
        assert answers[:2] == [
            "Par hasard, chez mon oncle.",
            "Il m\u2019a appris trois choses\u00a0:",
        ]
        assert styled(document, "List Number") == [
            "Le rabot à semelle courbe, pour",
            "Une lampe bien placée.",
        ]
        bullets = styled(document, "List Bullet")
        assert bullets[:3] == [
            "écouter le bois;",
            "ne jamais forcer une cheville;",
            "prendre son temps.",
        ]
        bold = [run.text for p in document.paragraphs for run in p.runs if run.bold]
        assert "douze ans" in bold
        italic = [run.text for p in document.paragraphs for run in p.runs if run.italic]
        assert "écoute" in italic

    def test_portrait_metadata(self, tmp_path: Path) -> None:
        """The metadata paragraph gives subject, role, affiliation, byline, source."""
        document = open_docx(export(tmp_path))
        first = styled(document, "Portrait Metadata")[0]
        assert first.splitlines() == [
            "Rosalie Gendron, luthière, Atelier du Vieux-Bois",
            "Entrevue réalisée par Annie-Claude Letendre · Publié le 11 avril 2013",
            "Publication originale",
        ]

    def test_hyperlinks(self, tmp_path: Path) -> None:
        """External links are relationships; a portrait of the book is a bookmark anchor."""
        document = open_docx(export(tmp_path))
        targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
        assert {"https://example.org/carnet", "https://example.net/lucie-tremblay"} <= targets
        body = document.element.body
        anchors = {link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))}
        bookmarks = {mark.get(qn("w:name")) for mark in body.iter(qn("w:bookmarkStart"))}
        assert anchors - {None} == {"p1_rosalie_gendron", "p2_owen_park"}
        assert anchors <= bookmarks | {None}

    def test_table_of_contents_field(self, tmp_path: Path) -> None:
        """A TOC field with a placeholder follows the title page; Word updates it on opening."""
        document = open_docx(export(tmp_path))
        instructions = [node.text for node in document.element.body.iter(qn("w:instrText"))]
        assert instructions[0] == ' TOC \\o "1-3" \\h \\z \\u '
        assert not any("TOC" in text for text in instructions[1:])
        kinds = [c.get(qn("w:fldCharType")) for c in document.element.body.iter(qn("w:fldChar"))]
        assert kinds[:3] == ["begin", "separate", "end"]
        assert styled(document, "TOC Heading") == ["Table des matières"]
        update = document.settings.element.find(qn("w:updateFields"))
        assert update is not None
        assert update.get(qn("w:val")) == "true"

    def test_no_table_of_contents(self, tmp_path: Path) -> None:
        """With `toc = false` there is no contents field (the index's fields remain)."""
        document = open_docx(export(tmp_path, options={"toc": False}))
        instructions = [node.text for node in document.element.body.iter(qn("w:instrText"))]
        assert instructions
        assert not any("TOC" in str(text) for text in instructions)

    def test_other_language_runs_are_marked(self, tmp_path: Path) -> None:
        """Runs of the English portrait carry `w:lang="en"`; the default language is fr-CA."""
        document = open_docx(export(tmp_path))
        question = next(p for p in document.paragraphs if p.text == "Why steel?")
        langs = {run._r.rPr.find(qn("w:lang")).get(qn("w:val")) for run in question.runs}
        assert langs == {"en"}
        default = document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
        assert default.get(qn("w:val")) == "fr-CA"

    def test_rich_answer(self, tmp_path: Path) -> None:
        """Code, numbered lists that restart, nesting, quotes and code blocks are rendered."""
        document = open_docx(export(tmp_path, anthology=rich_anthology()))
        code = [
            run.text.rstrip("\n")
            for p in document.paragraphs
            for run in p.runs
            if run.style is not None and run.style.name == "Inline Code"
        ]
        assert code == ["git bisect", "line one", "line two"]
        numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
        assert [p.text for p in numbered][-3:] == ["third", "fourth", "again from one"]
        num_ids = [p._p.pPr.numPr.numId.val for p in numbered[-3:]]
        assert num_ids[0] == num_ids[1] != num_ids[2]
        numbering = document.part.numbering_part.element
        starts = [
            numbering.num_having_numId(num_id).find(".//" + qn("w:startOverride")).get(qn("w:val"))
            for num_id in (num_ids[0], num_ids[2])
        ]
        assert starts == ["3", "1"]
        # The sample's own nested list and quote come first (Rosalie's answers).
        assert styled(document, "List Bullet 2") == ["les tables;", "les éclisses.", "nested point"]
        assert styled(document, "Quote") == [
            "Le bois ne ment pas. Il faut seulement l\u2019écouter.",
            "A quoted line.",
        ]

    def test_photo_is_embedded_with_alt_text(self, tmp_path: Path) -> None:
        """A subject photo is embedded, described by its alt text, with its caption and credit."""
        source = tmp_path / "source"
        (source / "images").mkdir(parents=True)
        (source / "images" / "owen.png").write_bytes(png())
        anthology = sample_anthology()
        owen = anthology.portrait("owen-park")
        photo = Image(
            path="images/owen.png",
            alt="Owen at the bench",
            caption=RichText("Steel"),
            credit="Photo: Mei Lin",
        )
        owen = attrs.evolve(owen, subject=attrs.evolve(owen.subject, photo=photo))
        anthology = attrs.evolve(anthology, portraits=(anthology.portraits[0], owen))
        path = export(tmp_path / "out", anthology=anthology, source_root=source)
        document = open_docx(path)
        assert len(document.inline_shapes) == 1
        doc_pr = document.element.body.find(".//" + qn("wp:docPr"))
        assert doc_pr.get("descr") == "Owen at the bench"
        # The credit as written, as the other formats print it (no second "Photo" label).
        assert styled(document, "Caption") == ["Steel\nPhoto: Mei Lin"]


class TestPandoc:
    """Another reader, Pandoc, understands the document."""

    def test_pandoc_reads_headings_and_questions(self, tmp_path: Path, pandoc: Path) -> None:
        """`pandoc -f docx` sees portraits as level 1 and questions as level 3 headings."""
        markdown = subprocess.run(
            [pandoc, "-f", "docx", "-t", "markdown", export(tmp_path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        assert "# Owen Park builds bicycles" in markdown
        assert "### Why steel? {#why-steel .Question}" in markdown
        assert "[mon carnet](https://example.org/carnet)" in markdown


class TestDiscovery:
    """The installed distribution is found through its entry point."""

    def test_format_comes_from_the_distribution(self) -> None:
        """`make_plugin_manager()` lists `docx` from plugin `docx` of interviewkit-docx."""
        plugins = make_plugin_manager()
        assert not [error for error in plugins.broken if error.plugin == "docx"]
        entry = plugins.exporters.get("docx")
        assert (entry.plugin, entry.distribution) == ("docx", "interviewkit-docx")

    def test_cli_builds_the_format(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`interviewkit build -f docx` writes a document python-docx can open."""
        source = tmp_path / "book.json"
        source.write_text(dumps(sample_anthology()), encoding="utf-8")
        out = tmp_path / "out"
        code = main(["build", str(source), "-f", "docx", "-o", str(out)])
        assert code == 0, capsys.readouterr().err
        assert styled(open_docx(out / "book.docx"), "Title") == ["Mains d\u2019ateliers"]


class TestAttribution:
    """Who said what, and who may print it, as the built-in formats print it."""

    def test_round_table_answers_lead_with_their_speakers(self, tmp_path: Path) -> None:
        """Each answer of a round table starts with its speaker's label, in order."""
        answers = styled(open_docx(export(tmp_path)), "Answer")
        owen = next(i for i, text in enumerate(answers) if text.startswith("Owen: It forgives"))
        assert answers[owen + 1] == "Mei: And it takes paint well."  # the list has its own style

    def test_byline_closing_credits_and_sources(self, tmp_path: Path) -> None:
        """Stated interviewers, the closing, the licence line, and the sources page."""
        document = open_docx(export(tmp_path))
        metadata = "\n".join(styled(document, "Portrait Metadata"))
        # Owen's portrait is English: its byline is worded in the book's language, French.
        assert "Entrevue réalisée par Sam Okafor et Annie-Claude Letendre" in metadata
        assert "Licence CC-BY-4.0" in metadata
        assert "Propos recueillis par Annie-Claude Letendre." in styled(document, "Body Text")
        headings = styled(document, "Heading 1")
        assert headings[-3:] == ["Sources et autorisations", "Lectures recommandées", "Index"]
        assert styled(document, "Heading 2")[-1] == "Rosalie Gendron, luthière de quartier"

    def test_print_isbn_first(self, tmp_path: Path) -> None:
        """A manuscript of the print edition states its ISBN first, then the EPUB's."""
        anthology = attrs.evolve(
            sample_anthology(), isbn_epub="9782924187043", isbn_print="9782924187050"
        )
        details = styled(open_docx(export(tmp_path, anthology=anthology)), "Book Details")
        assert details[-2:] == [
            "ISBN 978-2-924187-05-0 (version imprimée)",
            "ISBN 978-2-924187-04-3 (EPUB)",
        ]


class TestLocalisation:
    """interviewkit's labels and dates, French elision, and the plugin's own catalogue."""

    def test_french_title_page_and_contents_field(self, tmp_path: Path) -> None:
        """Elided editor line, a French date with 1er, the French sentence of the TOC field."""
        anthology = attrs.evolve(sample_anthology(), date=dt.date(2013, 4, 1))
        document = open_docx(export(tmp_path, anthology=anthology))
        details = styled(document, "Book Details")
        assert "Sous la direction d\u2019Annie-Claude Letendre" in details
        assert "1er avril 2013" in details
        texts = [run.text for p in document.paragraphs for run in p.runs]
        assert any(text.startswith("Mettez à jour les champs") for text in texts)

    def test_english_book(self, tmp_path: Path) -> None:
        """An English book: English labels, dates and field sentence (msgids as they are)."""
        anthology = attrs.evolve(sample_anthology(), language="en", date=dt.date(2013, 4, 1))
        document = open_docx(export(tmp_path, anthology=anthology))
        details = styled(document, "Book Details")
        assert "Edited by Annie-Claude Letendre" in details
        assert "April 1, 2013" in details
        texts = [run.text for p in document.paragraphs for run in p.runs]
        assert any(text.startswith("Update the fields to build") for text in texts)
