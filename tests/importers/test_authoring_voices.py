"""The authoring format's voices, closing, credits and editions, read from real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.importers.test_folder import MANIFEST, portrait_with_body, write_anthology

import interviewkit
from interviewkit.cli import main
from interviewkit.errors import InvalidInputError

SPEAKERS = """\
interviewer: {name: Léa Fortin}
speakers:
  - {name: Inès Caron, label: Inès}
  - {name: Paul Ndiaye, label: Paul}
"""


def load_body(tmp_path: Path, body: str, front: str = SPEAKERS) -> interviewkit.Portrait:
    root = write_anthology(tmp_path / "a", alice_tremblay=portrait_with_body(body, front))
    return interviewkit.load(root).portraits[0]


class TestAnswers:
    """A new answer starts at each top-level paragraph opening with a declared label."""

    @pytest.mark.parametrize(
        "label",
        [
            "Paul:",
            "Paul :",
            "Paul\u00a0:",
            "Paul\u202f:",
            "**Paul:**",
            "**Paul** :",
            "Paul Ndiaye:",
        ],
    )
    def test_every_usual_spelling_of_a_label(self, tmp_path: Path, label: str) -> None:
        """``Paul:``, French spacing, bold and the full name all start Paul's answer."""
        body = f"## Pourquoi à deux?\n\nInès: On se complète.\n\n{label} Et on se contredit.\n"
        (exchange,) = load_body(tmp_path, body).interview.exchanges
        assert [(a.speaker, str(a.text)) for a in exchange.answers] == [
            ("ines", "On se complète."),
            ("paul", "Et on se contredit."),
        ]

    def test_an_answer_keeps_its_paragraphs_until_the_next_label(self, tmp_path: Path) -> None:
        """Paragraphs and lists after a labelled one belong to the same answer."""
        body = "## Vos outils?\n\nInès: Trois.\n\n- un rabot\n- une lime\n\nEt la patience.\n"
        (answer,) = load_body(tmp_path, body).interview.exchanges[0].answers
        assert str(answer.text) == "Trois.\n\n- un rabot\n- une lime\n\nEt la patience."

    def test_an_undeclared_name_is_text(self, tmp_path: Path) -> None:
        """Only declared speakers are labels: ``Note:`` stays in the answer."""
        body = "## Un conseil?\n\nInès: Écoutez.\n\nNote: elle a ri.\n"
        (answer,) = load_body(tmp_path, body).interview.exchanges[0].answers
        assert str(answer.text) == "Écoutez.\n\nNote: elle a ri."

    def test_a_label_inside_a_list_or_quote_is_text(self, tmp_path: Path) -> None:
        """A label only counts at the start of a top-level paragraph."""
        body = "## Citez-le?\n\nInès: Il disait :\n\n> Paul: jamais le dimanche.\n"
        (answer,) = load_body(tmp_path, body).interview.exchanges[0].answers
        assert answer.speaker == "ines"
        assert "> Paul: jamais le dimanche." in str(answer.text)

    def test_the_asker_is_a_declared_voice(self, tmp_path: Path) -> None:
        """A question heading may start with the asker's label."""
        body = "## Paul: Et toi, Inès?\n\nInès: Moi, jamais.\n"
        (exchange,) = load_body(tmp_path, body).interview.exchanges
        assert (exchange.asker, str(exchange.question)) == ("paul", "Et toi, Inès?")

    def test_without_speakers_labels_are_text(self, tmp_path: Path) -> None:
        """A two-person interview needs no speakers; ``Name:`` is then just text."""
        body = "## Une question?\n\nPaul: une réponse.\n"
        (answer,) = load_body(tmp_path, body, front="").interview.exchanges[0].answers
        assert (answer.speaker, str(answer.text)) == (None, "Paul: une réponse.")


class TestClosingAndCredits:
    """The closing follows the last thematic break; credits come from the front matter."""

    def test_text_after_the_last_break_is_the_closing(self, tmp_path: Path) -> None:
        """``* * *`` after the last answer separates the closing from it."""
        body = "## Une question?\n\nUne réponse.\n\n* * *\n\n*Propos recueillis par Léa Fortin.*\n"
        portrait = load_body(tmp_path, body)
        assert str(portrait.interview.exchanges[0].answer) == "Une réponse."
        assert str(portrait.closing) == "*Propos recueillis par Léa Fortin.*"

    def test_a_closing_in_the_front_matter_leaves_breaks_in_the_answer(
        self, tmp_path: Path
    ) -> None:
        """With ``closing:`` in the front matter, a break in the last answer is the answer's."""
        body = "## Une question?\n\nUne réponse.\n\n---\n\nLa suite.\n"
        portrait = load_body(tmp_path, body, front=SPEAKERS + "closing: Merci.\n")
        assert str(portrait.interview.exchanges[0].answer) == "Une réponse.\n\n---\n\nLa suite."
        assert str(portrait.closing) == "Merci."

    def test_credits_and_the_source_shorthand(self, tmp_path: Path) -> None:
        """``source:`` is the first publication's address; a licence id is checked."""
        front = (
            "source: https://example.org/alice\n"
            "credits:\n  permission: {licence: CC-BY-SA-4.0}\n"
            "  photos: [{name: Jules Bédard}]\n"
        )
        credits = load_body(tmp_path, "## Q?\n\nR.\n", front=front).credits
        assert credits.first_published is not None
        assert credits.first_published.url == "https://example.org/alice"
        assert credits.permission is not None
        assert credits.permission.licence_url == "https://creativecommons.org/licenses/by-sa/4.0/"
        assert [photo.name for photo in credits.photos] == ["Jules Bédard"]

    def test_interviewer_null_means_not_named(self, tmp_path: Path) -> None:
        """``interviewer: null`` refuses the book's default interviewers."""
        manifest = MANIFEST + '\n[[default_interviewers]]\nname = "Léa Fortin"\n'
        text = portrait_with_body("## Q?\n\nR.\n", "interviewer: null\n")
        root = write_anthology(tmp_path / "a", manifest, alice_tremblay=text, bob=text)
        book = interviewkit.load(root)
        assert book.portraits[0].interviewers == ()
        assert book.interviewers_of(book.portraits[0]) == ()

    def test_both_spellings_of_the_interviewer_are_refused(self, tmp_path: Path) -> None:
        """``interviewer`` and ``interviewers`` together: say which to keep."""
        front = "interviewer: {name: A B}\ninterviewers: [{name: C D}]\n"
        with pytest.raises(InvalidInputError, match="either 'interviewer'"):
            load_body(tmp_path, "## Q?\n\nR.\n", front=front)


class TestEditionsInTheManifest:
    """ISBNs are written as people write them, checked, and kept compact."""

    def test_hyphenated_isbns_are_kept_compact(self, tmp_path: Path) -> None:
        """``978-2-924187-04-3`` in anthology.toml is ``9782924187043`` in the model."""
        manifest = MANIFEST + 'isbn_epub = "978-2-924187-04-3"\nisbn_print = "978 2 924187 05 0"\n'
        root = write_anthology(
            tmp_path / "a", manifest, alice_tremblay=portrait_with_body("## Q?\n\nR.\n")
        )
        book = interviewkit.load(root)
        assert (book.isbn_epub, book.isbn_print) == ("9782924187043", "9782924187050")

    @pytest.mark.parametrize(
        ("isbn", "says"),
        [
            ("978-2-924187-04-4", "not a valid ISBN"),
            ("2-924187-04-4", "978-2-924187-04-3"),
        ],
    )
    def test_a_wrong_isbn_stops_the_cli_with_exit_2(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], isbn: str, says: str
    ) -> None:
        """A bad check digit or an ISBN-10: the file, the field, the fix, and exit code 2."""
        manifest = MANIFEST + f'isbn_print = "{isbn}"\n'
        root = write_anthology(
            tmp_path / "a", manifest, alice_tremblay=portrait_with_body("## Q?\n\nR.\n")
        )
        assert main(["check", str(root)]) == 2
        err = capsys.readouterr().err
        assert "anthology.toml" in err
        assert "isbn_print" in err
        assert says in err
