"""The generated text of the books: gettext catalogues, dates by locale, no tables in code."""

from __future__ import annotations

import datetime as dt
import re
import string
from importlib import resources
from io import BytesIO
from pathlib import Path

import attrs
import pytest
from babel.messages.pofile import read_po
from markupsafe import Markup

import interviewkit
from interviewkit._util.languages import primary_language
from interviewkit.document import HtmlWriter, date_inlines
from interviewkit.document.view import build_book_view
from interviewkit.render.labels import (
    all_messages,
    epub_labels,
    format_date,
    labels_for,
    print_labels,
)

ROOT = Path(__file__).resolve().parents[2]


def _catalogue(locale: str) -> dict[str, str]:
    source = (
        resources.files("interviewkit")
        .joinpath("locale", locale, "LC_MESSAGES", "interviewkit.po")
        .read_bytes()
    )
    return {
        str(message.id): str(message.string) for message in read_po(BytesIO(source)) if message.id
    }


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_of_the_code_is_translated_in_french() -> None:
    french = _catalogue("fr")
    missing = [message for message in all_messages() if not french.get(message)]
    assert not missing, f"add these msgids to locale/fr/LC_MESSAGES/interviewkit.po: {missing}"
    stale = set(french) - set(all_messages())
    assert not stale, f"msgids no code uses any more: {stale}"


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_translations_keep_the_placeholders(locale: str) -> None:
    for message, translated in _catalogue(locale).items():
        if translated:
            assert _fields(translated) == _fields(message), (locale, message)


def test_labels_by_language_with_english_fallback() -> None:
    assert labels_for("fr-CA")["contents"] == "Table des matières"
    assert labels_for("fr")["interview_by"] == "Entrevue réalisée par {names}"
    assert labels_for("FR_be")["colon"] == "\u00a0:"
    assert labels_for("en")["contents"] == "Contents"
    # No catalogue, or a tag Babel does not know: English.
    assert labels_for("de-AT")["contents"] == "Contents"
    assert labels_for("zz-not-a-tag")["next"] == "Next"
    assert set(labels_for("fr")) == set(labels_for("de"))
    assert epub_labels("fr-CA")["landmarks"] == "Repères"
    assert print_labels("fr-CA")["edition"] == "Édition imprimée"
    assert print_labels("ja")["generator"] == "Typeset with interviewkit {version}."
    assert labels_for("fr", {"contents": "Sommaire"})["contents"] == "Sommaire"


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (dt.date(2012, 2, 16), "fr-CA", "16 février 2012"),
        (dt.date(2012, 2, 1), "fr-CA", "1er février 2012"),
        (dt.date(2013, 8, 1), "fr", "1er août 2013"),
        (dt.date(2012, 2, 16), "en", "February 16, 2012"),
        (dt.date(2012, 2, 1), "en", "February 1, 2012"),
        (dt.date(2012, 2, 16), "en-GB", "16 February 2012"),
        (dt.date(2012, 2, 16), "de", "16. Februar 2012"),
        (dt.date(2012, 2, 16), "zz", "February 16, 2012"),
    ],
)
def test_dates_in_the_book_locale(day: dt.date, language: str, expected: str) -> None:
    assert format_date(day, language) == expected


def test_french_first_of_the_month_is_a_superscript_in_html() -> None:
    def html(day: dt.date, language: str) -> Markup:
        return HtmlWriter().inlines(date_inlines(day, language))

    assert html(dt.date(2013, 4, 1), "fr-CA") == Markup("1<sup>er</sup> avril 2013")
    assert html(dt.date(2013, 4, 11), "fr-CA") == Markup("11 avril 2013")
    assert html(dt.date(2013, 4, 1), "en") == Markup("April 1, 2013")


def test_book_view_dates(fr_anthology: interviewkit.Anthology) -> None:
    first = attrs.evolve(fr_anthology, date=dt.date(2013, 4, 1))
    first = attrs.evolve(
        first,
        portraits=[
            attrs.evolve(first.portraits[0], date=dt.date(2013, 3, 1)),
            *first.portraits[1:],
        ],
    )
    book = build_book_view(first, href_for=lambda pid, anchor: f"#{pid}", image_src=lambda src: src)
    assert book.date == Markup("1<sup>er</sup> avril 2013")
    # The byline is plain text: the ordinal without markup.
    assert book.portraits[0].byline is not None
    assert "Publié le 1er mars 2013" in book.portraits[0].byline
    assert "<" not in book.portraits[0].byline


@pytest.mark.parametrize(
    ("tag", "primary"),
    [("fr-CA", "fr"), ("FR", "fr"), ("fr_CA", "fr"), ("en", "en"), ("zh-Hant-TW", "zh")],
)
def test_primary_language(tag: str, primary: str) -> None:
    assert primary_language(tag) == primary


#: Words only a translation table would hold: month names and translated labels.
_TABLE_WORDS = re.compile(
    r"janvier|février|septembre|décembre|\bJanuary\b|\bFebruary\b|\bSeptember\b|\bDecember\b"
    r"|Table des matières|Entrevue|Sous la direction|Pour suivre|Retour à la table",
)


def test_no_month_or_label_table_in_python_code() -> None:
    # The importers read these words in the interviews they import (recognising, not writing).
    importers = ROOT / "src" / "interviewkit" / "importers"
    sources = [path for path in (ROOT / "src").rglob("*.py") if importers not in path.parents]
    sources += [*(ROOT / "plugins").glob("*/src/**/*.py")]
    assert any("interviewkit_docx" in path.parts for path in sources)
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if _TABLE_WORDS.search(line)
    ]
    assert not found, (
        f"translations belong in the .po catalogues (src/interviewkit/locale): {found}"
    )


def test_the_catalogues_ship_in_the_wheel() -> None:
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["src/interviewkit"]' in config
    ignored = (
        (ROOT / ".gitignore").read_text(encoding="utf-8") if (ROOT / ".gitignore").exists() else ""
    )
    assert ".po" not in ignored
