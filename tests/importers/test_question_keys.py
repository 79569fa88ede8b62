"""``{#key}`` before a question in a portrait's Markdown: the exchange's key, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.importers.test_folder import portrait_with_body, write_anthology

import interviewkit
from interviewkit.errors import InvalidInputError
from interviewkit.importers._portrait_writer import portrait_file

#: The first line of the body in a file made by ``portrait_with_body`` (no extra front matter).
FIRST = 7


def load_body(tmp_path: Path, body: str) -> interviewkit.Portrait:
    """Load a one-portrait anthology whose portrait has ``body``."""
    root = write_anthology(tmp_path / "a", alice_tremblay=portrait_with_body(body))
    (portrait,) = interviewkit.load(root).portraits
    return portrait


def refusal(tmp_path: Path, body: str) -> InvalidInputError:
    """The error loading a portrait with ``body`` gives."""
    root = write_anthology(tmp_path / "a", alice_tremblay=portrait_with_body(body))
    with pytest.raises(InvalidInputError) as caught:
        interviewkit.load(root)
    return caught.value


class TestKeys:
    """A ``{#key}`` line gives the question under it its key."""

    def test_the_key_is_read_and_is_not_text(self, tmp_path: Path) -> None:
        """The key goes to the question under it; the lede and answer above keep their text
        without the ``{#…}`` line."""
        body = (
            "Le chapeau.\n\n"
            "{#presentation}\n"
            "## Qui es-tu?\n\n"
            "Alice.\n\n"
            "{#parcours}\n"
            "## En quoi as-tu étudié?\n\n"
            "En communication.\n\n"
            "## Et après?\n\n"
            "On verra.\n"
        )
        portrait = load_body(tmp_path, body)
        first, second, third = portrait.interview.exchanges
        assert [first.key, second.key, third.key] == ["presentation", "parcours", None]
        assert str(portrait.lede) == "Le chapeau."
        assert first.answer.source == "Alice."
        assert second.answer.source == "En communication."
        assert str(second.question) == "En quoi as-tu étudié?"

    def test_a_blank_line_may_follow_the_key(self, tmp_path: Path) -> None:
        """``{#key}``, a blank line, then the question: still its key."""
        body = "## Un?\n\nUn.\n\n{#deux}\n\n## Deux?\n\nDeux.\n"
        first, second = load_body(tmp_path, body).interview.exchanges
        assert (first.answer.source, second.key) == ("Un.", "deux")

    def test_a_reference_definition_ending_an_answer_stays_in_it(self, tmp_path: Path) -> None:
        """Only the ``{#…}`` line is left out: a link reference definition at the end of the
        answer (which makes no block of its own) is still the answer's."""
        answer = "Voir [le site][s].\n\n[s]: https://example.org/s"
        body = f"## Un?\n\n{answer}\n\n{{#deux}}\n## Deux?\n\nDeux.\n"
        first, second = load_body(tmp_path, body).interview.exchanges
        assert first.answer.source == answer
        assert second.key == "deux"

    def test_keys_inside_code_and_quotes_are_text(self, tmp_path: Path) -> None:
        """A ``{#…}`` line in a code block or a block quote is not a key: it stays text."""
        answer = "```\n{#pas-une-cle}\n```\n\n> {#citee}\n> Une citation."
        body = f"## Un?\n\n{answer}\n\n## Deux?\n\nDeux.\n"
        first, second = load_body(tmp_path, body).interview.exchanges
        assert first.answer.source == answer
        assert (first.key, second.key) == (None, None)

    def test_speaker_labels_and_keys(self, tmp_path: Path) -> None:
        """In a round table the key is still the question's, and the last answer ends above it."""
        body = "## Un?\n\nAna: Oui.\n\nBen: Non.\n\n{#deux}\n## Deux?\n\nAna: Peut-être.\n"
        root = write_anthology(
            tmp_path / "a",
            alice_tremblay=portrait_with_body(body, front="speakers: [Ana, Ben]\n"),
        )
        first, second = interviewkit.load(root).portraits[0].interview.exchanges
        assert [str(answer.text) for answer in first.answers] == ["Oui.", "Non."]
        assert second.key == "deux"

    def test_the_key_is_written_back(self, tmp_path: Path) -> None:
        """The writer of portrait files (``interviewkit import``'s drafts) writes the line back,
        and the file reads back equal."""
        portrait = load_body(tmp_path, "{#un}\n## Un?\n\nUn.\n\n## Deux?\n\nDeux.\n")
        text = portrait_file(portrait)
        assert "\n\n{#un}\n## Un?\n" in text
        assert text.count("{#") == 1
        root = tmp_path / "b"
        (root / "portraits").mkdir(parents=True)
        (root / "anthology.toml").write_text(
            'title = "Petit recueil"\nlanguage = "fr-CA"\n', encoding="utf-8"
        )
        (root / "portraits" / "alice-tremblay.md").write_text(text, encoding="utf-8")
        assert interviewkit.load(root).portraits == (portrait,)


class TestMistakes:
    """A key that is not one, or a ``{…}`` line where none is read, is an error with its line."""

    def test_an_invalid_key_names_the_file_the_line_and_the_fix(self, tmp_path: Path) -> None:
        """The model's slug rule, on the line of the ``{#…}``."""
        body = "## Un?\n\nUn.\n\n{#Présentation}\n## Deux?\n\nDeux.\n"
        error = refusal(tmp_path, body)
        (problem,) = error.errors
        assert f"line {FIRST + 4}: interview.exchanges[1].key" in problem
        assert "'Présentation'" in problem
        assert "'presentation'" in problem  # the fix
        assert "portraits/alice-tremblay.md" in str(error)

    def test_before_a_part_title(self, tmp_path: Path) -> None:
        """Parts have no key: the line says so."""
        body = "{#partie}\n# Première partie\n\n## Un?\n\nUn.\n"
        (problem,) = refusal(tmp_path, body).errors
        assert problem == (
            f"line {FIRST}: a {{…}} line before a part title ('# '): "
            "only a question ('## ') takes one"
        )

    def test_before_a_paragraph(self, tmp_path: Path) -> None:
        """A ``{…}`` line before anything else is refused rather than printed as text."""
        body = "## Un?\n\n{.important}\nUn.\n\n## Deux?\n\nDeux.\n"
        error = refusal(tmp_path, body)
        expected = f"line {FIRST + 2}: a {{…}} line before a paragraph: only a question ('## ')"
        assert error.errors == (f"{expected} takes one",)
        assert "{#key}" in error.hint

    @pytest.mark.parametrize(
        ("block", "named"),
        [
            ("* un\n* deux", "a list"),
            ("> citée", "a block quote"),
            ("```\ncode\n```", "a code block"),
            ("### Le matin", "a '### ' heading"),
        ],
    )
    def test_before_other_blocks(self, tmp_path: Path, block: str, named: str) -> None:
        """The refusal names the block the line stands before."""
        body = f"## Un?\n\n{{.x}}\n{block}\n\n## Deux?\n\nDeux.\n"
        (problem,) = refusal(tmp_path, body).errors
        assert problem == (
            f"line {FIRST + 2}: a {{…}} line before {named}: only a question ('## ') takes one"
        )

    def test_before_the_closing_break(self, tmp_path: Path) -> None:
        """A thematic break takes no key either."""
        body = "## Un?\n\nUn.\n\n{#fin}\n* * *\n\nMerci.\n"
        (problem,) = refusal(tmp_path, body).errors
        assert problem.startswith(f"line {FIRST + 4}: a {{…}} line before a thematic break")

    def test_other_attributes_on_a_question(self, tmp_path: Path) -> None:
        """A question takes a key, not classes or other attributes."""
        body = "## Un?\n\nUn.\n\n{#deux .rouge lang=en}\n## Deux?\n\nDeux.\n"
        (problem,) = refusal(tmp_path, body).errors
        assert problem == (
            f"line {FIRST + 4}: only a key, written {{#key}}, may be given to a question "
            "(not class, lang)"
        )

    def test_a_key_without_a_blank_line_before_it(self, tmp_path: Path) -> None:
        """Right under a paragraph, the line would be the paragraph's: said, not swallowed."""
        body = "## Un?\n\nUn.\n{#deux}\n## Deux?\n\nDeux.\n"
        (problem,) = refusal(tmp_path, body).errors
        assert problem == (
            f"line {FIRST + 3}: {{#deux}} is read as the end of the paragraph above it: "
            "put a blank line before it"
        )

    def test_a_key_with_a_space(self, tmp_path: Path) -> None:
        """Not an attribute line at all (a key is one word): said, not left as text."""
        body = "## Un?\n\nUn.\n\n{#Outil préféré}\n## Deux?\n\nDeux.\n"
        (problem,) = refusal(tmp_path, body).errors
        assert problem == (
            f"line {FIRST + 4}: {{#Outil préféré}} is not a key: write one slug, such as "
            "{#outil-prefere}"
        )

    def test_every_mistake_is_reported_at_once(self, tmp_path: Path) -> None:
        """All the misplaced lines of a file, in order."""
        body = "{.a}\nChapeau.\n\n{#p}\n# Partie\n\n## Un?\n\nUn.\n"
        errors = refusal(tmp_path, body).errors
        assert [problem.split(":")[0] for problem in errors] == [
            f"line {FIRST}",
            f"line {FIRST + 3}",
        ]
