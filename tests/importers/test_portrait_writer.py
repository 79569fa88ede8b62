"""The authoring format round-trips: a portrait written as a file reads back equal."""

from __future__ import annotations

import string
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests import strategies
from tests.importers.test_folder import MANIFEST

import interviewkit
from interviewkit.importers._portrait_writer import portrait_file
from interviewkit.model._validators import slugify
from interviewkit.model.models import Answer, Exchange, Interview, Part, Portrait, Speaker
from interviewkit.model.richtext import RichText

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def read_back(folder: Path, portrait: Portrait) -> Portrait:
    """Write ``portrait`` as the only file of a fresh anthology and load it again."""
    (folder / "portraits").mkdir(parents=True)
    (folder / "anthology.toml").write_text(MANIFEST, encoding="utf-8")
    path = folder / "portraits" / f"{portrait.id}.md"
    path.write_text(portrait_file(portrait), encoding="utf-8")
    (loaded,) = interviewkit.load(folder).portraits
    return loaded


@pytest.mark.parametrize("example", ["derriere-les-comptes", "makers-at-work"])
def test_every_example_portrait_reads_back_equal(tmp_path: Path, example: str) -> None:
    """Speakers, round tables, interviewers, closings and credits all survive the file."""
    for portrait in interviewkit.load(EXAMPLES / example).portraits:
        # Images are checked against the folder on loading; this test is about the text.
        plain = attrs.evolve(
            portrait, photo=None, subject=attrs.evolve(portrait.subject, photo=None)
        )
        assert read_back(tmp_path / portrait.id, plain) == plain


def test_a_break_in_the_last_answer_stays_in_it(tmp_path: Path) -> None:
    """A last answer with ``---`` of its own keeps it: the closing goes in the front matter."""
    portrait = Portrait(
        id="ana",
        title="Ana",
        subject=interviewkit.Person(name="Ana Roy"),
        interview=Interview(
            exchanges=(
                Exchange(
                    question=RichText("Q?"),
                    answers=(Answer(text=RichText("Avant.\n\n---\n\nAprès.")),),
                ),
            )
        ),
    )
    assert read_back(tmp_path / "a", portrait) == portrait
    with_closing = attrs.evolve(portrait, closing=RichText("Merci."))
    assert "closing: Merci." in portrait_file(with_closing)
    assert read_back(tmp_path / "b", with_closing) == with_closing


# Paragraph text that reads back as itself: no Markdown block syntax, no label-like colon.
_WORDS = (
    st.text(string.ascii_letters + "éàç ,.?!'", min_size=1, max_size=30)
    .map(lambda text: " ".join(text.split()))
    .filter(lambda text: text and text[0].isalpha())
)
_PARAGRAPHS = st.lists(_WORDS, min_size=1, max_size=3).map("\n\n".join)


@st.composite
def _voiced_portraits(draw: st.DrawFn) -> Portrait:
    """Portraits with any mix of voices: two-person, labelled, round tables, parts, closing,
    questions with and without keys."""
    names = draw(st.lists(st.sampled_from(["Ana", "Ben", "Chloé", "Dev"]), unique=True, max_size=3))
    speakers = tuple(Speaker(id=slugify(n), name=n) for n in names) if names else ()
    ids = [speaker.id for speaker in speakers]
    voice = st.sampled_from(ids) if ids else st.nothing()
    exchanges = []
    for _ in range(draw(st.integers(1, 4))):
        answers = []
        if draw(st.booleans()) or not ids:
            answers.append(Answer(text=RichText(draw(_PARAGRAPHS))))
        if ids:
            for speaker in draw(st.lists(voice, max_size=3)):
                text = draw(st.one_of(st.just(""), _PARAGRAPHS))
                answers.append(Answer(text=RichText(text), speaker=speaker))
        exchanges.append(
            Exchange(
                question=RichText(draw(_WORDS)),
                answers=tuple(answers),
                asker=draw(st.one_of(st.none(), voice)) if ids else None,
                key=draw(st.one_of(st.none(), strategies.slugs())),
            )
        )
    parts = ()
    if draw(st.booleans()):
        parts = (Part(title=draw(_WORDS), start=0),)
    return Portrait(
        id="voices",
        title=draw(_WORDS),
        subject=interviewkit.Person(name="Ana Roy"),
        lede=RichText(draw(st.one_of(st.just(""), _PARAGRAPHS))),
        interview=Interview(exchanges=tuple(exchanges), parts=parts),
        interviewers=draw(
            st.one_of(
                st.none(), st.just(()), st.builds(lambda: (interviewkit.Person(name="Léa Fortin"),))
            )
        ),
        speakers=speakers,
        closing=RichText(draw(st.one_of(st.just(""), _PARAGRAPHS))),
        credits=draw(strategies.credits()),
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_voiced_portraits())
def test_voices_round_trip(tmp_path_factory: pytest.TempPathFactory, portrait: Portrait) -> None:
    """Any mix of voices, answers, keys, parts, closing and credits reads back equal."""
    folder = tmp_path_factory.mktemp("voices")
    assert read_back(folder, portrait) == portrait
