"""The DOCX writes the book document: bookmarks for every anchor, the book's language for its
own words, and each kind of node (handles, hashtags, superscripts, titles of works) read back."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import attrs
import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from interviewkit_docx import DocxExporter

from interviewkit import Answer, Anthology, Exchange, Interview, RichText
from interviewkit.testing import check_exporter, sample_anthology

LONG_ID = "a-portrait-whose-id-is-much-longer-than-any-word-bookmark-may-be"


def export(tmp_path: Path, anthology: Anthology | None = None) -> Document:
    result = check_exporter(DocxExporter, tmp_path=tmp_path, anthology=anthology)
    return docx.Document(str(result.path))


def marked(paragraph: Paragraph) -> set[str]:
    """The names of the bookmarks that start in a paragraph."""
    return {str(mark.get(qn("w:name"))) for mark in paragraph._p.iter(qn("w:bookmarkStart"))}


def langs(paragraph: Paragraph, text: str) -> set[str | None]:
    """The languages of the runs of a paragraph that hold ``text``."""
    found = set()
    for run in paragraph.runs:
        if text in run.text:
            lang = run._r.rPr.find(qn("w:lang")) if run._r.rPr is not None else None
            found.add(None if lang is None else lang.get(qn("w:val")))
    return found


def renamed(anthology: Anthology) -> Anthology:
    """The sample with Owen's portrait under a 64-character id (Rosalie's related link follows)."""
    rosalie, owen = anthology.portraits
    related = tuple(
        attrs.evolve(entry, portrait=LONG_ID) if entry.portrait == owen.id else entry
        for entry in rosalie.related
    )
    return attrs.evolve(
        anthology,
        portraits=(attrs.evolve(rosalie, related=related), attrs.evolve(owen, id=LONG_ID)),
    )


class TestBookmarks:
    def test_parts_and_questions_are_bookmarked_where_they_are(self, tmp_path: Path) -> None:
        """Each titled part's heading and each question carry their own bookmark."""
        document = export(tmp_path)
        by_text = {p.text: marked(p) for p in document.paragraphs if marked(p)}
        assert by_text["Les débuts"] == {"p1_part1"}
        assert by_text["Le métier"] == {"p1_part2"}
        assert by_text["Materials"] == {"p2_part1"}
        assert by_text["Sam: When did you build your first frame?"] == {"p2_q1"}  # no part
        assert by_text["Why steel?"] == {"p2_q2"}
        assert by_text["Comment avez-vous commencé?"] == {"p1_q1"}
        assert by_text["Owen Park builds bicycles"] == {"p2_owen_park"}
        assert by_text["Préface"] == {"s1_preface"}
        assert by_text["Sources et autorisations"] == {"s2_sources_and_permissions"}

    def test_names_are_words_names_and_links_find_them(self, tmp_path: Path) -> None:
        """A long id gives a name of at most 40 letters, digits and ``_``, unique, and the
        related link to that portrait points at it."""
        document = export(tmp_path, renamed(sample_anthology()))
        body = document.element.body
        starts = list(body.iter(qn("w:bookmarkStart")))
        names = [str(mark.get(qn("w:name"))) for mark in starts]
        assert len(set(names)) == len(names)
        assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,39}", name) for name in names), names
        ids = [mark.get(qn("w:id")) for mark in starts]
        assert len(set(ids)) == len(ids)
        assert len(list(body.iter(qn("w:bookmarkEnd")))) == len(starts)
        heading = next(p for p in document.paragraphs if p.text == "Owen Park builds bicycles")
        (owen,) = marked(heading)
        assert owen == "p2_a_portrait_whose_id_is_much_longer_th"
        anchors = {link.get(qn("w:anchor")) for link in body.iter(qn("w:hyperlink"))}
        assert owen in anchors


class TestLabelLanguage:
    """Owen's portrait is English in a French book: the book's words in it are French."""

    def test_byline_and_credit_labels_carry_the_books_language(self, tmp_path: Path) -> None:
        sample = sample_anthology()
        rosalie, owen = sample.portraits
        owen = attrs.evolve(owen, credits=rosalie.credits)
        document = export(tmp_path, attrs.evolve(sample, portraits=(rosalie, owen)))
        metadata = [p for p in document.paragraphs if p.style.name == "Portrait Metadata"]
        byline = next(p for p in metadata if "Sam Okafor" in p.text)
        assert langs(byline, "Entrevue réalisée par Sam Okafor et Annie-Claude Letendre") == {
            "fr-CA"
        }
        assert langs(byline, "Owen Park") == {"en"}
        credits = metadata[metadata.index(byline) + 1]
        assert langs(credits, "Première publication") == {"fr-CA"}
        assert langs(credits, "Autorisation") == {"fr-CA"}
        assert langs(credits, "Reproduit avec permission.") == {"en"}  # Owen's own words
        question = next(p for p in document.paragraphs if p.text == "Why steel?")
        assert langs(question, "Why steel?") == {"en"}

    def test_a_portrait_in_the_books_language_has_no_marks(self, tmp_path: Path) -> None:
        document = export(tmp_path)
        body = document.element.body
        runs = [
            run
            for p in document.paragraphs
            if p.style.name == "Portrait Metadata" and p.text.startswith("Rosalie Gendron")
            for run in p._p.iter(qn("w:r"))
        ]
        assert len(runs) > 3  # subject, byline, source link...
        assert not [run for run in runs if run.find(".//" + qn("w:lang")) is not None]
        assert body.find(".//" + qn("w:lang")) is not None  # Owen's runs have theirs


class TestNodes:
    def test_handles_and_hashtags_are_hyperlinks(self, tmp_path: Path) -> None:
        """``@name`` and ``#tag`` link to the anthology's platform, as in every format."""
        anthology = attrs.evolve(sample_anthology(), handle_platform="instagram")
        owen = anthology.portrait("owen-park")
        answer = Answer(text=RichText("Ask @owen about #steel."))
        exchanges = (
            *owen.interview.exchanges,
            Exchange(question=RichText("Where?"), answers=(answer,)),
        )
        owen = attrs.evolve(
            owen, interview=Interview(exchanges=exchanges, parts=owen.interview.parts)
        )
        anthology = attrs.evolve(anthology, portraits=(anthology.portraits[0], owen))
        document = export(tmp_path, anthology)
        paragraph = next(p for p in document.paragraphs if p.text.startswith("Ask "))
        assert paragraph.text == "Ask @owen about #steel."
        links = list(paragraph._p.iter(qn("w:hyperlink")))
        assert len(links) == 2
        targets = [document.part.rels[link.get(qn("r:id"))].target_ref for link in links]
        assert all(target.startswith("https://") for target in targets), targets

    def test_french_first_is_raised_and_publications_are_italic(self, tmp_path: Path) -> None:
        """``1er`` of a French date is a superscript run; a publication's title is italic."""
        document = export(tmp_path, attrs.evolve(sample_anthology(), date=dt.date(2013, 4, 1)))
        date = next(p for p in document.paragraphs if p.text == "1er avril 2013")
        assert [run.text for run in date.runs if run.font.superscript] == ["er"]
        italic = {run.text for p in document.paragraphs for run in p.runs if run.italic}
        assert "Le Carnet des ateliers" in italic


def _index_book() -> Anthology:
    """The sample, with a marked term and a handle in an answer, and a question both ask."""
    anthology = sample_anthology()
    first, second = anthology.portraits
    asked = Exchange(
        question=RichText("Your best advice?"),
        answers=(
            Answer(text=RichText("Follow @quince_press and the [letterpress]{.index} revival.")),
        ),
    )
    again = Exchange(
        question=RichText("Your best advice ?"), answers=(Answer(text=RichText("Rest.")),)
    )
    first = attrs.evolve(
        first,
        interview=attrs.evolve(first.interview, exchanges=(*first.interview.exchanges, asked)),
    )
    second = attrs.evolve(
        second,
        interview=attrs.evolve(second.interview, exchanges=(*second.interview.exchanges, again)),
    )
    return attrs.evolve(anthology, portraits=(first, second))


def test_the_index_is_a_word_index_with_a_mark_at_each_place(tmp_path: Path) -> None:
    from interviewkit import build_document

    anthology = _index_book()
    index = build_document(anthology).index
    assert index is not None
    document = export(tmp_path, anthology)
    instructions = [str(node.text) for node in document.element.body.iter(qn("w:instrText"))]
    marks = [text.strip() for text in instructions if text.strip().startswith("XE ")]
    expected = []
    for entry in index.entries:
        term = f"{entry.term} ({entry.note})" if entry.note else entry.term
        expected += [term] * len(entry.locators)
        expected += [f"{entry.term}:{sub.term}" for sub in entry.subentries for _ in sub.locators]
    found = [re.fullmatch(r'XE "(.*)"', mark)[1].replace("\\:", ":") for mark in marks]  # type: ignore[index]
    assert sorted(found) == sorted(expected)
    assert "letterpress" in found
    assert [text.strip() for text in instructions if "INDEX" in text] == ['INDEX \\h "A" \\c "2"']
    # The field's result until Word updates it: the book's entries, in the book's order.
    shown = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Index Entry"
    ]
    assert [line.split(" ", 1)[0] for line in shown][:1] == [index.entries[0].term.split(" ")[0]]
    assert len(shown) == len(index.entries)


def test_the_concordance_and_reading_list_are_written(tmp_path: Path) -> None:
    document = export(tmp_path, _index_book())
    headings = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "Heading 1"
    ]
    assert "Même question, toutes les réponses" in headings
    assert headings[-1] == "Index"
