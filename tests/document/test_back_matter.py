"""The back matter the book document makes from the data: index, concordance, reading list."""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

import interviewkit
from interviewkit import (
    Answer,
    Anthology,
    Exchange,
    Interview,
    Link,
    Person,
    Portrait,
    RelatedPortrait,
    RichText,
    build_document,
)
from interviewkit.document._concordance import normalised_question
from interviewkit.document._parse import parse_blocks, parse_inlines
from interviewkit.document._reading import normalised_address
from interviewkit.document.book import IndexEntry
from interviewkit.document.collation import collation_for
from interviewkit.document.nodes import IndexTerm, Paragraph, Span, Text
from interviewkit.document.nodes import Link as LinkNode
from interviewkit.model.back_matter import (
    ConcordanceSettings,
    IndexSettings,
    ReadingListSettings,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "derriere-les-comptes"


def portrait(
    ident: str,
    name: str,
    questions: list[str | tuple[str, str]],
    *,
    affiliations: tuple[str, ...] = (),
    answer: str = "Oui.",
    related: tuple[RelatedPortrait, ...] = (),
    reading: tuple[Link, ...] = (),
    interviewer: str | None = None,
    language: str | None = None,
) -> Portrait:
    exchanges = []
    for question in questions:
        text, key = question if isinstance(question, tuple) else (question, None)
        exchanges.append(
            Exchange(question=RichText(text), answers=(Answer(text=RichText(answer)),), key=key)
        )
    return Portrait(
        id=ident,
        title=f"Portrait de {name}",
        subject=Person(name=name, affiliations=affiliations),
        interview=Interview(exchanges=tuple(exchanges)),
        related=related,
        reading=reading,
        interviewers=(Person(name=interviewer),) if interviewer else None,
        language=language,
    )


def book(*portraits: Portrait, language: str = "fr-CA", **settings: object) -> Anthology:
    return Anthology(
        title="Livre", language=language, portraits=portraits, handle_platform="twitter", **settings
    )  # type: ignore[arg-type]


def terms(entries: tuple[IndexEntry, ...]) -> list[str]:
    return [entry.term for entry in entries]


# ---------------------------------------------------------------------- collation


class TestCollation:
    def test_french_order_and_letters(self) -> None:
        words = ["zèbre", "Œuvre", "été", "Eric", "ôter", "cote", "côte", "coté", "côté", "Ça"]
        collation = collation_for("fr-CA")
        assert collation.sorted(words) == [
            "Ça",
            "cote",
            "côte",
            "coté",
            "côté",
            "Eric",
            "été",
            "Œuvre",
            "ôter",
            "zèbre",
        ]
        assert [collation.letter(w) for w in ("Œuvre", "Éric", "ça", "zèbre")] == [
            "O",
            "E",
            "C",
            "Z",
        ]
        assert collation.letter("1920") is None

    def test_english_order_with_accents_and_ligatures(self) -> None:
        words = ["zebra", "Æsop", "apple", "Ångström", "encyclopædia", "Eve", "éclair", "role"]
        assert collation_for("en").sorted(words) == [
            "Æsop",
            "Ångström",
            "apple",
            "éclair",
            "encyclopædia",
            "Eve",
            "role",
            "zebra",
        ]

    def test_canadian_french_differs_from_french_on_accents(self) -> None:
        """fr-CA compares accents from the end of the word (backward secondary), fr does not."""
        words = ["côte", "coté"]
        assert collation_for("fr-CA").sorted(words) == ["côte", "coté"]
        assert collation_for("fr").sorted(words) == ["coté", "côte"]


# ---------------------------------------------------------------------- index


class TestIndex:
    def test_people_roles_and_subentries(self) -> None:
        first = portrait(
            "ana",
            "Ana Lemieux",
            ["Q?"],
            affiliations=("Vélo Circuit",),
            related=(RelatedPortrait(name="Bruno Côté", portrait="bruno"),),
            interviewer="Zoé Marchand",
        )
        second = portrait(
            "bruno",
            "Bruno Côté",
            ["Q?"],
            related=(
                RelatedPortrait(name="Ana Lemieux", portrait="ana", affiliation="Vélo Circuit"),
            ),
            interviewer="Zoé Marchand",
        )
        index = build_document(book(first, second)).index
        assert index is not None
        by_term = {entry.term: entry for entry in index.entries}
        assert list(by_term) == ["Côté, Bruno", "Lemieux, Ana", "Marchand, Zoé", "Vélo Circuit"]
        ana = by_term["Lemieux, Ana"]
        assert [(sub.term, [loc.target for loc in sub.locators]) for sub in ana.subentries] == [
            ("portrait", ["ana"]),
            ("mentions", ["bruno-related"]),
        ]
        assert ana.subentries[0].locators[0].whole
        zoe = by_term["Marchand, Zoé"]
        assert zoe.note == "entrevues"
        assert [loc.target for loc in zoe.locators] == ["ana", "bruno"]
        assert [loc.target for loc in by_term["Vélo Circuit"].locators] == ["ana", "bruno-related"]
        assert [group.letter for group in index.groups] == ["C", "L", "M", "V"]

    def test_handles_hashtags_and_marked_terms_point_to_their_words(self) -> None:
        answer = (
            'Suivez @ana_l et #velo. La [coopérative]{index="Vélo Circuit"} et le '
            "[Marché Jean-Talon]{.index}, puis @Ana_L encore."
        )
        first = portrait(
            "ana", "Ana Lemieux", ["Q?"], affiliations=("Vélo Circuit",), answer=answer
        )
        document = build_document(book(first))
        index = document.index
        assert index is not None
        by_term = {entry.term: entry for entry in index.entries}
        assert [loc.target for loc in by_term["@ana_l"].locators] == ["ana-m1", "ana-m5"]
        assert [loc.target for loc in by_term["#velo"].locators] == ["ana-m2"]
        assert [loc.target for loc in by_term["Marché Jean-Talon"].locators] == ["ana-m4"]
        assert by_term["Marché Jean-Talon"].kind == "term"
        # A marked term that names an organisation joins its entry.
        assert [loc.target for loc in by_term["Vélo Circuit"].locators] == ["ana", "ana-m3"]
        # Handles file under the letter after their sign.
        assert terms(index.entries) == [
            "@ana_l",
            "Lemieux, Ana",
            "Marché Jean-Talon",
            "#velo",
            "Vélo Circuit",
        ]
        paragraph = document.portraits[0].exchanges[0].answers[0].text.blocks[0]
        assert isinstance(paragraph, Paragraph)
        anchors = [
            inline.anchor
            for inline in paragraph.children
            if isinstance(inline, LinkNode | IndexTerm)
        ]
        assert anchors == ["ana-m1", "ana-m2", "ana-m3", "ana-m4", "ana-m5"]

    def test_switched_off_or_retitled(self) -> None:
        anthology = book(portrait("ana", "Ana Lemieux", ["Q?"]))
        assert build_document(anthology).index is not None
        off = attrs.evolve(anthology, index=IndexSettings(enabled=False))
        assert build_document(off).index is None
        titled = attrs.evolve(anthology, index=IndexSettings(title="Index des noms"))
        index = build_document(titled).index
        assert index is not None
        assert index.title == "Index des noms"

    def test_ids_never_collide_with_the_books(self) -> None:
        anthology = book(portrait("book-index", "Ana Lemieux", ["Q?"]))
        document = build_document(anthology)
        assert document.index is not None
        assert document.index.id == "book-index-1"


# ---------------------------------------------------------------------- concordance


class TestConcordance:
    def test_normalised_questions(self) -> None:
        assert normalised_question("Peux-tu te présenter ?") == normalised_question(
            "peux tu te présenter?"
        )
        assert normalised_question("« Ton  meilleur coup » ?") == "ton meilleur coup"
        assert normalised_question("What\u2019s next?") == normalised_question("What's next")

    def test_same_alike_and_keyed_questions_group(self) -> None:
        anthology = book(
            portrait("ana", "Ana", ["Peux-tu te présenter ?", ("Ton plus beau coup ?", "coup")]),
            portrait(
                "bruno", "Bruno", ["peux-tu te présenter?", ("Ta plus grande réussite ?", "coup")]
            ),
            portrait("chloe", "Chloé", ["Peux-tu te présenter, toi ?", "Autre chose ?"]),
        )
        concordance = build_document(anthology).concordance
        assert concordance is not None
        found = [
            (question.question.source, [place.target for place in question.places])
            for question in concordance.questions
        ]
        assert found == [
            ("Peux-tu te présenter ?", ["ana-q1", "bruno-q1", "chloe-q1"]),
            ("Ton plus beau coup ?", ["ana-q2", "bruno-q2"]),
        ]
        assert concordance.questions[1].key == "coup"

    def test_threshold_and_minimum(self) -> None:
        anthology = book(
            portrait("ana", "Ana", ["Peux-tu te présenter ?"]),
            portrait("bruno", "Bruno", ["Peux-tu te présenter, toi ?"]),
        )
        assert build_document(anthology).concordance is not None
        strict = attrs.evolve(anthology, concordance=ConcordanceSettings(similarity=100))
        assert build_document(strict).concordance is None
        three = attrs.evolve(anthology, concordance=ConcordanceSettings(min_portraits=3))
        assert build_document(three).concordance is None

    def test_two_keys_never_join(self) -> None:
        anthology = book(
            portrait("ana", "Ana", [("Ton meilleur coup ?", "meilleur")]),
            portrait("bruno", "Bruno", [("Ton meilleur coup ?", "pire")]),
        )
        assert build_document(anthology).concordance is None

    @given(st.lists(st.text(min_size=1, max_size=20).filter(str.strip), min_size=1, max_size=6))
    def test_every_question_of_a_group_is_listed_once(self, questions: list[str]) -> None:
        anthology = book(
            portrait("ana", "Ana", list(questions)), portrait("bruno", "Bruno", list(questions))
        )
        concordance = build_document(anthology).concordance
        assert concordance is not None
        targets = [place.target for q in concordance.questions for place in q.places]
        assert len(targets) == len(set(targets))
        assert all(
            len({place.portrait_id for place in question.places}) >= 2
            for question in concordance.questions
        )


# ---------------------------------------------------------------------- reading list


class TestReadingList:
    def test_normalised_addresses(self) -> None:
        same = [
            "https://www.example.org/guide/",
            "http://example.org/guide",
            "https://EXAMPLE.org/guide#part-2",
            "https://example.org/guide?utm_source=blog",
        ]
        assert len({normalised_address(address) for address in same}) == 1
        assert normalised_address("https://example.org/guide?b=2&a=1") == normalised_address(
            "https://example.org/guide?a=1&b=2"
        )
        assert normalised_address("https://example.org/a") != normalised_address(
            "https://example.org/b"
        )

    def test_merged_with_who_recommends(self) -> None:
        guide = Link(label="Le guide", url="https://www.example.org/guide/")
        anthology = book(
            portrait("ana", "Ana Lemieux", ["Q?"], reading=(guide,)),
            portrait(
                "bruno",
                "Bruno Côté",
                ["Q?"],
                reading=(
                    Link(label="Guide (copie)", url="http://example.org/guide"),
                    Link(label="Autre", url="https://example.net/autre"),
                ),
            ),
        )
        reading = build_document(anthology).reading_list
        assert reading is not None
        assert [(e.label, e.line) for e in reading.entries] == [
            ("Autre", "Suggestion de Bruno Côté"),
            ("Le guide", "Suggestion d\u2019Ana Lemieux et Bruno Côté"),
        ]
        two = attrs.evolve(anthology, reading_list=ReadingListSettings(min_portraits=2))
        reading = build_document(two).reading_list
        assert reading is not None
        assert [e.label for e in reading.entries] == ["Le guide"]


# ---------------------------------------------------------------------- spans


class TestSpans:
    def test_index_lang_and_plain_spans(self) -> None:
        inlines = parse_inlines(
            '[Vélo]{.index} [coop]{index="Vélo Circuit"} [hello]{lang=en} [x]{onclick="y"}',
            "fr-CA",
            None,
        )
        assert inlines[0] == IndexTerm((Text("Vélo"),), "Vélo")
        assert inlines[2] == IndexTerm((Text("coop"),), "Vélo Circuit")
        assert inlines[4] == Span((Text("hello"),), lang="en")
        assert Text("x") in inlines or any(
            isinstance(i, Text) and i.text.endswith("x") for i in inlines
        )

    def test_a_bad_language_is_dropped(self) -> None:
        blocks = parse_blocks('[mot]{lang="<b>"}', "fr-CA", None)
        assert blocks == (Paragraph((Text("mot"),)),)


@pytest.mark.parametrize("language", ["fr-CA", "en"])
def test_labels_are_in_the_books_language(language: str) -> None:
    anthology = book(portrait("ana", "Ana Lemieux", ["Q?"]), language=language)
    document = build_document(anthology)
    assert document.index is not None
    assert document.index.title == "Index"


def test_answers_printed_again_in_the_concordance_repeat_no_id(tmp_path: Path) -> None:
    """With ``answers = true`` the single HTML file prints each recurring answer twice: the
    copy in the concordance carries no id of the indexed words, so every id stays unique."""
    folder = tmp_path / "book"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "anthology.toml").open("a", encoding="utf-8") as manifest:
        manifest.write("\n[concordance]\nanswers = true\n")
    report = interviewkit.build(folder, ["html"], tmp_path / "out")
    assert report.ok, report.failures
    page = lxml_html.parse(str(report.results[0].path)).getroot()
    ids = [element.get("id") for element in page.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    concordance = page.get_element_by_id("concordance")
    answers = concordance.find_class("answer")
    assert answers
    # The handles of those answers are in the concordance too, as links without their ids.
    assert concordance.find_class("handle")
    assert not [a for a in concordance.find_class("handle") if a.get("id")]


@given(st.text(min_size=1, max_size=30).filter(lambda t: t.strip() and '"' not in t))
def test_a_marked_term_is_text_wherever_it_lands(term: str) -> None:
    """Whatever an author writes as a term, the index prints it as text, never as markup."""
    from interviewkit.document import back_matter_markup

    answer = f'Voici [un mot]{{index="{term}"}}.'
    document = build_document(book(portrait("ana", "Ana Lemieux", ["Q?"], answer=answer)))
    assert document.index is not None
    terms_found = [entry.term for entry in document.index.entries if entry.kind == "term"]
    for _, _, kind, body in back_matter_markup(document, href_for=lambda p, a: f"#{a or p}"):
        if kind != "index":
            continue
        page = lxml_html.fragment_fromstring(f"<div>{body}</div>")
        shown = [span.text_content() for span in page.find_class("index-term")]
        assert set(terms_found) <= set(shown)
        assert not page.xpath("//script|//*[@onclick]")
