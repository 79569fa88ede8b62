"""Who said what, and who may print it: speakers, answers, credits and editions in the model."""

from __future__ import annotations

import pytest

from interviewkit import (
    Answer,
    Anthology,
    Credits,
    Exchange,
    Interview,
    ModelError,
    Permission,
    Person,
    PhotoCredit,
    Portrait,
    Publication,
    RichText,
    Speaker,
    format_isbn,
)


def round_table(**changes: object) -> Portrait:
    """Two people answering one question, asked by a declared voice."""
    fields: dict[str, object] = {
        "id": "atelier-double",
        "title": "Deux voix",
        "subject": Person(name="Inès Caron"),
        "speakers": (
            Speaker(id="ines", name="Inès Caron", label="Inès"),
            Speaker(id="paul", name="Paul Ndiaye", label="Paul"),
            Speaker(id="lea", name="Léa Fortin"),
        ),
        "interview": Interview(
            exchanges=(
                Exchange(
                    question=RichText("Pourquoi à deux?"),
                    asker="lea",
                    answers=(
                        Answer(text=RichText("Parce qu'on se complète."), speaker="ines"),
                        Answer(text=RichText("Et qu'on se contredit."), speaker="paul"),
                    ),
                ),
            )
        ),
    }
    fields.update(changes)
    return Portrait(**fields)  # type: ignore[arg-type]


class TestVoices:
    """Exchanges name declared speakers; one question may have several answers."""

    def test_a_round_table_keeps_every_answer_and_its_speaker(self) -> None:
        """Both answers stay, in order, each with who said it."""
        exchange = round_table().interview.exchanges[0]
        assert [(answer.speaker, str(answer.text)) for answer in exchange.answers] == [
            ("ines", "Parce qu'on se complète."),
            ("paul", "Et qu'on se contredit."),
        ]
        assert round_table().speaker(exchange.asker or "").name == "Léa Fortin"

    def test_joined_answer_text_is_for_search(self) -> None:
        """``Exchange.answer`` joins the answers for word counts and search."""
        exchange = round_table().interview.exchanges[0]
        assert str(exchange.answer) == "Parce qu'on se complète.\n\nEt qu'on se contredit."

    def test_an_undeclared_speaker_is_refused_with_its_place(self) -> None:
        """An answer by a voice nobody declared says where and what is declared."""
        with pytest.raises(ModelError) as excinfo:
            round_table(speakers=(Speaker(id="ines", name="Inès Caron"),))
        message = str(excinfo.value)
        assert "interview.exchanges[0].asker" in message
        assert "'lea' is not a declared speaker (declared: ines)" in message

    def test_speaker_ids_are_unique(self) -> None:
        """Two speakers with one id would make every reference ambiguous."""
        with pytest.raises(ModelError, match="ines"):
            round_table(
                speakers=(Speaker(id="ines", name="Inès"), Speaker(id="ines", name="Inès C."))
            )

    def test_label_is_what_outputs_print(self) -> None:
        """A speaker prints as its label when it has one, else its name."""
        ines, _, lea = round_table().speakers
        assert (ines.shown, lea.shown) == ("Inès", "Léa Fortin")


class TestSortNames:
    """Every person sorts by a name derived from the printed one, unless one is given."""

    @pytest.mark.parametrize(
        ("name", "file_as"),
        [
            ("Annie-Claude Letendre", "Letendre, Annie-Claude"),
            ("Jean de la Fontaine", "de la Fontaine, Jean"),
            ("Madonna", "Madonna"),
            ("Ludwig van Beethoven", "van Beethoven, Ludwig"),
        ],
    )
    def test_derived(self, name: str, file_as: str) -> None:
        """Last word first; lowercase particles go with the last name."""
        assert Person(name=name).file_as == file_as
        assert Speaker(id="x", name=name).file_as == file_as
        assert PhotoCredit(name=name).file_as == file_as

    def test_given_sort_name_wins(self) -> None:
        """Names the rule gets wrong are given as they sort."""
        assert Person(name="Nguyễn Thị Lan", sort_name="Nguyễn, Thị Lan").file_as == (
            "Nguyễn, Thị Lan"
        )


class TestCredits:
    """Permissions name their licence; the licence's page is derived when it is known."""

    @pytest.mark.parametrize(
        ("licence", "url"),
        [
            ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/"),
            ("CC-BY-NC-SA-4.0", "https://creativecommons.org/licenses/by-nc-sa/4.0/"),
            ("CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
            ("MIT", "https://spdx.org/licenses/MIT.html"),
        ],
    )
    def test_licence_url_is_derived(self, licence: str, url: str) -> None:
        """A Creative Commons id links to creativecommons.org; others to their SPDX page."""
        assert Permission(licence=licence).licence_url == url

    def test_an_unknown_licence_id_is_refused_with_a_hint(self) -> None:
        """A misspelt id is caught on loading, with the SPDX id to write instead."""
        with pytest.raises(ModelError) as excinfo:
            Permission(licence="CC-BY 4.0")
        assert "Permission.licence" in str(excinfo.value)
        assert "SPDX" in str(excinfo.value)

    def test_a_permission_says_something(self) -> None:
        """A permission without text nor licence grants nothing and is refused."""
        with pytest.raises(ModelError, match="text, its licence id, or both"):
            Permission()

    def test_an_empty_first_publication_is_refused(self) -> None:
        """A first publication says where: an address, a publication's name or a title."""
        with pytest.raises(ModelError, match="needs its address"):
            Publication()

    def test_empty_credits_are_false(self) -> None:
        """Empty credits print nothing: outputs test them for truth."""
        assert not Credits()
        assert Credits(photos=(PhotoCredit(name="Jules Bédard"),))


class TestEditions:
    """Separate, validated ISBN-13s for the EPUB and the print edition."""

    def test_isbns_are_kept_compact_and_printed_hyphenated(self) -> None:
        """The model keeps 13 digits; every format prints the agency's hyphenation."""
        book = Anthology(
            title="R", language="fr", isbn_epub="9782924187043", isbn_print="9782924187050"
        )
        assert format_isbn(book.isbn_epub or "") == "978-2-924187-04-3"
        assert format_isbn(book.isbn_print or "") == "978-2-924187-05-0"

    @pytest.mark.parametrize("value", ["9782924187044", "978-2-924187-04-3", "2924187047"])
    def test_a_wrong_or_uncompact_isbn_is_refused(self, value: str) -> None:
        """A bad check digit, hyphens or an ISBN-10 in the model is refused with a fix."""
        with pytest.raises(ModelError, match=r"Anthology\.isbn_epub"):
            Anthology(title="R", language="fr", isbn_epub=value)


class TestLanguage:
    """A portrait tagged less specifically than the book keeps the book's typography."""

    def test_less_specific_tag_takes_the_books(self) -> None:
        """``fr`` in a ``fr-CA`` book is ``fr-CA``; ``en`` stays ``en``."""
        book = Anthology(title="R", language="fr-CA")
        assert book.language_of(round_table(language="fr")) == "fr-CA"
        assert book.language_of(round_table(language="en")) == "en"
        assert book.language_of(round_table(language="fr-FR")) == "fr-FR"
