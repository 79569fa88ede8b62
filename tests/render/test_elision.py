"""French elision of generated phrases before a name: ``Sous la direction d’Annie-Claude``."""

from __future__ import annotations

import attrs
import pytest

import interviewkit
from interviewkit.document.view import build_book_view
from interviewkit.model.models import Person
from interviewkit.render.elision import fill
from interviewkit.render.labels import labels_for

EDITED_BY = labels_for("fr-CA")["edited_by"]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("Annie-Claude Letendre", "Sous la direction d’Annie-Claude Letendre"),
        ("Émilie Roy", "Sous la direction d’Émilie Roy"),
        ("Ève et Yannick", "Sous la direction d’Ève et Yannick"),
        ("Ôde Paquin", "Sous la direction d’Ôde Paquin"),
        ("ulysse", "Sous la direction d’ulysse"),
        ("Yves Cloutier", "Sous la direction d’Yves Cloutier"),
        ("Marc Gagnon", "Sous la direction de Marc Gagnon"),
        ("Zoé Paré", "Sous la direction de Zoé Paré"),
        # h: mute or aspirated cannot be told from the spelling, so never elided.
        ("Hélène Roy", "Sous la direction de Hélène Roy"),
    ],
)
def test_de_before_a_name(names: str, expected: str) -> None:
    assert fill(EDITED_BY, "fr-CA", names=names) == expected


def test_other_words_and_languages() -> None:
    assert fill("Le livre que {name} aime", "fr", name="Inès") == "Le livre qu’Inès aime"
    assert fill("Pour {x} : la {y}", "fr", x="Ana", y="Aube") == "Pour Ana : l’Aube"
    assert fill("De {names}", "fr", names="Alix") == "D’Alix"
    # "de" only as a word of its own, and only right before the placeholder.
    assert fill("Monde {names}", "fr", names="Alix") == "Monde Alix"
    assert fill("de la part de {n}, {m}", "fr", n="Bo", m="Al") == "de la part de Bo, Al"
    assert fill("Edited by {names}", "en", names="Annie") == "Edited by Annie"
    assert fill("Herausgegeben de {names}", "de", names="Anna") == "Herausgegeben de Anna"
    assert fill("{name}, tome {number}", "fr", name="Les portraits", number=1) == (
        "Les portraits, tome 1"
    )


def test_the_book_view_elides(fr_anthology: interviewkit.Anthology) -> None:
    book = build_book_view(fr_anthology, href_for=lambda p, a: f"#{p}", image_src=lambda s: s)
    assert book.edited_by == "Sous la direction d’Annie-Claude Letendre"
    consonant = attrs.evolve(fr_anthology, editors=[Person(name="Marc Gagnon")])
    book = build_book_view(consonant, href_for=lambda p, a: f"#{p}", image_src=lambda s: s)
    assert book.edited_by == "Sous la direction de Marc Gagnon"
