"""What people actually paste: voices, transcripts, e-mails, lists, parts and closings.

Each test imports a small fictional interview written here and checks what a reviewer would:
who asked, who answered, where the interview ends, and that every guess carries a mark.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import interviewkit
from interviewkit import ImportedPortrait, import_portrait
from interviewkit.cli import main

ROUND_TABLE = """\
Three voices at the co-op

Nadia Ferreira and Luc Aubin run the seed library; Sam Ortega and Ivy Chen asked the questions.

Sam: How did the seed library start?
Nadia: With a shoebox of bean seeds from my grandmother.
Luc: And a sign-up sheet nobody read.
Ivy: What grows best here?
Nadia: Beans, every year. Tomatoes when the summer is kind.
Sam: Anything you would change?
Luc: More drawers. We always need more drawers.
Ivy: Where can people find you?
Nadia: At the market, every second Saturday.

This conversation has been edited for length.
"""


def imported(tmp_path: Path, text: str, name: str = "talk.txt") -> ImportedPortrait:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    (found,) = import_portrait(source).portraits
    return found


class TestVoices:
    """Name-labelled dialogue: declared speakers, one question, one or more answers."""

    def test_two_interviewers_and_two_people_answering(self, tmp_path: Path) -> None:
        """Both askers and both answerers are speakers with full names; labels leave the text."""
        portrait = imported(tmp_path, ROUND_TABLE).portrait
        names = {speaker.id: speaker.name for speaker in portrait.speakers}
        first = portrait.interview.exchanges[0]
        assert str(first.question) == "How did the seed library start?"
        assert names[first.asker or ""] == "Sam Ortega"
        assert [(names[a.speaker or ""], str(a.text)) for a in first.answers] == [
            ("Nadia Ferreira", "With a shoebox of bean seeds from my grandmother."),
            ("Luc Aubin", "And a sign-up sheet nobody read."),
        ]
        assert names[portrait.interview.exchanges[1].asker or ""] == "Ivy Chen"
        assert [p.name for p in portrait.interviewers or ()] == ["Sam Ortega", "Ivy Chen"]

    def test_french_labels_with_a_space_before_the_colon(self, tmp_path: Path) -> None:
        """``Nom :`` is a label too; the closing thanks leave the last answer."""
        text = (
            "Portrait : Rémi Caron\n\n"
            "Julie : Comment as-tu commencé ?\n"
            "Rémi : Par hasard, dans le garage de mon père.\n"
            "Julie : Ton outil préféré ?\n"
            "Rémi : Le rabot, sans hésiter.\n"
            "Julie : Un conseil ?\n"
            "Rémi : Prenez votre temps.\n\n"
            "Propos recueillis par Julie Brassard.\n"
        )
        found = imported(tmp_path, text)
        exchanges = found.portrait.interview.exchanges
        assert [str(e.question) for e in exchanges] == [
            "Comment as-tu commencé ?",
            "Ton outil préféré ?",
            "Un conseil ?",
        ]
        assert str(exchanges[-1].answer) == "Prenez votre temps."
        assert str(found.portrait.closing) == "Propos recueillis par Julie Brassard."
        assert found.marks_by_part().get("closing") == 1

    def test_the_written_file_reads_back_as_the_import(self, tmp_path: Path) -> None:
        """Speakers, labelled answers and the closing survive the review file."""
        source = tmp_path / "talk.txt"
        source.write_text(ROUND_TABLE, encoding="utf-8")
        book = tmp_path / "book"
        (book / "portraits").mkdir(parents=True)
        (book / "anthology.toml").write_text('title = "B"\nlanguage = "en"\n', "utf-8")
        report = import_portrait(source, book / "portraits")
        (loaded,) = interviewkit.load(book).portraits
        assert loaded.interview == report.portraits[0].portrait.interview
        assert loaded.speakers == report.portraits[0].portrait.speakers
        assert loaded.closing == report.portraits[0].portrait.closing


class TestShapes:
    """Transcripts, e-mails, lists and parts."""

    def test_time_codes_are_not_text(self, tmp_path: Path) -> None:
        """``[00:01:10] Name:`` turns lose their time codes."""
        text = "\n".join(
            f"[00:0{n}:10] {line}"
            for n, line in enumerate(
                [
                    "Ana: Why bread?",
                    "Tom: Because it forgives.",
                    "Ana: Your best loaf?",
                    "Tom: The one I burned a little.",
                ]
            )
        )
        portrait = imported(tmp_path, text).portrait
        assert [str(e.question) for e in portrait.interview.exchanges] == [
            "Why bread?",
            "Your best loaf?",
        ]
        assert str(portrait.interview.exchanges[1].answer) == "The one I burned a little."

    def test_an_email_keeps_only_the_interview(self, tmp_path: Path) -> None:
        """Headers, the greeting, the signature and the quoted message are left out; the
        sender is the subject, with a mark to check it."""
        text = (
            "From: Mira Okonkwo <mira@example.org>\n"
            "Subject: Re: your questions\n\n"
            "Hi Paul,\n\nHere you go.\n\n"
            "1. How did you start weaving?\n\nAt twelve, on my aunt's loom.\n\n"
            "2. What do you weave now?\n\nRugs, mostly, and the odd scarf.\n\n"
            "Thanks again for asking me.\n\nCheers,\nMira\n\n"
            "--\nMira Okonkwo\nLoom Room\n\n"
            "On Mon, 3 Jun 2024, Paul wrote:\n> Could you answer by Friday?\n"
        )
        found = imported(tmp_path, text)
        portrait = found.portrait
        assert [str(e.question) for e in portrait.interview.exchanges] == [
            "How did you start weaving?",
            "What do you weave now?",
        ]
        assert str(portrait.interview.exchanges[-1].answer) == "Rugs, mostly, and the odd scarf."
        assert str(portrait.closing).startswith("Thanks again for asking me.")
        assert portrait.lede == ""
        assert portrait.subject.name == "Mira Okonkwo"
        assert found.marks_by_part().get("subject") == 1

    def test_numbered_lines_in_an_answer_stay_a_numbered_list(self, tmp_path: Path) -> None:
        """Not ``1\\.`` escaped into one paragraph."""
        text = (
            "A portrait of Lena Berg\n\nLena Berg repairs clocks.\n\n"
            "What do you need to start?\n\nThree things:\n1. A loupe\n2. Tweezers\n3. Patience\n\n"
            "What is the hardest repair?\n\nA cuckoo clock, every time.\n"
        )
        answer = str(imported(tmp_path, text).portrait.interview.exchanges[0].answer)
        assert answer == "Three things:\n\n1. A loupe\n2. Tweezers\n3. Patience"

    def test_markdown_section_headings_are_parts(self, tmp_path: Path) -> None:
        """``## Part`` over ``### question?``: titled parts, no mark needed."""
        text = (
            "# Lena Berg, clockmaker\n\nShe repairs clocks.\n\n## Beginnings\n\n"
            "### How did you start?\n\nWith my grandfather's watch.\n\n"
            "### Why clocks?\n\nThey tick.\n\n## The trade\n\n"
            "### Hardest repair?\n\nA cuckoo clock.\n\n### Favourite tool?\n\nThe loupe.\n"
        )
        found = imported(tmp_path, text, "lena.md")
        parts = found.portrait.interview.parts
        assert [(part.title, part.start) for part in parts] == [
            ("Beginnings", 0),
            ("The trade", 2),
        ]
        assert found.marks_by_part().get("parts") is None


class TestLanguageAndSubject:
    """Region only on evidence; organisations and series are never the subject."""

    @pytest.mark.parametrize(
        ("place", "written"),
        [
            ("à Montréal, près du cégep", "fr-CA"),
            ("à Lyon, près de la gare", None),
        ],
    )
    def test_region_only_on_evidence(self, tmp_path: Path, place: str, written: str | None):
        """Two Québec words or places give fr-CA; otherwise the key is left out."""
        text = (
            f"Portrait de Léa Roy\n\nLéa Roy tient un atelier {place}.\n\n"
            "Comment as-tu commencé ?\n\nPar hasard, il y a dix ans.\n\n"
            "Ton conseil ?\n\nFais-le.\n"
        )
        found = imported(tmp_path, text)
        assert found.portrait.language == written
        assert found.language_guess == (None if written else "fr")

    def test_a_series_name_above_the_headline_is_not_the_subject(self, tmp_path: Path):
        """ "Member Spotlight" and the organisation line are left out, with a mark."""
        text = (
            "Member Spotlight\nRiverside Makers Collective\n\n"
            "# Ada Nwosu builds kayaks\n\nEvery month we meet a member. This time, Ada Nwosu.\n\n"
            "**How did you start?**\n\nWith a kit.\n\n**Your next boat?**\n\nA canoe.\n"
        )
        found = imported(tmp_path, text, "spotlight.txt")
        assert found.portrait.subject.name == "Ada Nwosu"
        assert found.portrait.title == "Ada Nwosu builds kayaks"
        assert str(found.portrait.lede).startswith("Every month")


def test_the_summary_counts_marks_by_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """The CLI names the reader, counts questions, voices and marks by part."""
    source = tmp_path / "talk.txt"
    source.write_text(ROUND_TABLE, encoding="utf-8")
    assert main(["import", str(source), "-o", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "voices" in err
    assert "closing 1" in err
    assert "read by the 'text' importer (plain text)" in err


def test_a_label_heard_once_is_marked(tmp_path: Path) -> None:
    """A third name that speaks only once is kept as text, with a mark on its line."""
    text = ROUND_TABLE.replace(
        "Luc: More drawers. We always need more drawers.",
        "Luc: More drawers. We always need more drawers.\nVisitor: And more beans!",
    )
    found = imported(tmp_path, text)
    exchange = found.portrait.interview.exchanges[2]
    assert str(exchange.answers[-1].text).endswith("Visitor: And more beans!")
    assert any("'Visitor' looks like a speaker's label" in note.message for note in found.notes)
