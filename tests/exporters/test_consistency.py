"""One book, the same book in every format: HTML, EPUB, PDF, Markdown and DOCX agree.

Each example is built once in the five formats and each output is read back the way a reader
or a converter would (:mod:`tests.exporters.readback`).  In each format:

* every portrait's title, subject's name, questions and answers are there, in book order;
* every speaker's label is there, and before each question its asker's label;
* the labels the book prints are there in the book's language (the byline's "Interview by",
  the credit lines' labels, the "Sources and permissions" page's title), and the facts of each
  portrait's credits (publication, permission and its licence, photographers);
* the anchors: the portraits' ids, the anchors of their titled parts (``<id>-part<n>``) and of
  their questions (``<id>-q<n>``) in the HTML, EPUB and Markdown; named destinations with the
  same names in the PDF; in the DOCX a bookmark per portrait, titled part and question, named
  by the plugin's counted scheme (Word's names allow no ``-`` and 40 characters).

Text is compared on words (:func:`~tests.exporters.readback.words`): each format's typography
differs on purpose, its words must not.  A difference found and not yet fixed is a strict
``xfail`` saying what differs, so that it fails (and the mark goes) once the formats agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from tests.exporters import readback
from tests.exporters.readback import Output, find

import interviewkit
from interviewkit import (
    Anthology,
    Portrait,
    format_date,
    format_label,
    labels_for,
    make_plugin_manager,
)

interviewkit_markdown = pytest.importorskip("interviewkit_markdown")
interviewkit_docx = pytest.importorskip("interviewkit_docx")
pytest.importorskip("docx")
pytest.importorskip("pypdf")

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
EXAMPLE_NAMES = ["derriere-les-comptes", "makers-at-work"]
FORMATS = list(readback.READERS)


@attrs.frozen
class Book:
    """An example's anthology and the path of each format built from it."""

    anthology: Anthology
    paths: dict[str, Path]
    cache: dict[str, Output] = attrs.field(factory=dict)

    def read(self, format_name: str) -> Output:
        """The format read back (once: the PDF and Markdown readers run external tools)."""
        if format_name not in self.cache:
            self.cache[format_name] = readback.READERS[format_name](self.paths[format_name])
        return self.cache[format_name]


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def book(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Book:
    name = request.param
    plugins = make_plugin_manager(
        entry_point_plugins=False,
        extra=[("markdown", interviewkit_markdown), ("docx", interviewkit_docx)],
    )
    out = tmp_path_factory.mktemp(name)
    report = interviewkit.build(EXAMPLES / name, FORMATS, out, plugins=plugins)
    assert report.ok, report.failures
    paths = {result.format_name: result.path for result in report.results}
    return Book(report.source.anthology, paths)


def test_the_examples_give_every_check_something_to_compare() -> None:
    """Between them the examples have speakers, titled parts and every kind of credit."""
    portraits = [p for name in EXAMPLE_NAMES for p in interviewkit.load(EXAMPLES / name).portraits]
    assert any(portrait.speakers for portrait in portraits)
    assert any(portrait.interview.parts for portrait in portraits)
    assert any(portrait.credits.photos for portrait in portraits)
    permissions = [p.credits.permission for p in portraits if p.credits.permission]
    assert any(permission.licence for permission in permissions)
    assert any(permission.text for permission in permissions)
    published = [p.credits.first_published for p in portraits if p.credits.first_published]
    assert any(first.publication for first in published)


def _in_order(anthology: Anthology) -> Iterator[tuple[str, str]]:
    """What a reader meets, in book order: each portrait's title and subject, each question
    and the first words of its answers (which no contents page lists: an EPUB's contents list
    the questions too)."""
    for portrait in anthology.portraits:
        yield f"{portrait.id}: title", portrait.title
        yield f"{portrait.id}: subject", portrait.subject.name
        for number, exchange in enumerate(portrait.interview.exchanges, start=1):
            yield f"{portrait.id}: question {number}", exchange.question.to_text()
            for answer in exchange.answers:
                if answer.text:
                    # Two words: enough to place it.
                    opening = " ".join(readback.words(answer.text.to_text()).split()[:2])
                    yield f"{portrait.id}: answer to question {number}", opening


@pytest.mark.parametrize("format_name", FORMATS)
def test_portraits_and_questions_in_book_order(book: Book, format_name: str) -> None:
    """Every portrait's title, subject, questions and answers come out in book order."""
    output = book.read(format_name)
    position = 0
    for what, phrase in _in_order(book.anthology):
        found = find(output, phrase, position)
        assert found >= 0, f"{format_name}: {what} ({phrase!r}) missing or out of order"
        position = found + 1


def _speakers(portrait: Portrait) -> dict[str, str]:
    return {speaker.id: speaker.shown for speaker in portrait.speakers}


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_speaker_label_and_asker(book: Book, format_name: str) -> None:
    """Every speaker's label is printed, and each question follows its asker's label."""
    output = book.read(format_name)
    for portrait in book.anthology.portraits:
        shown = _speakers(portrait)
        for label in shown.values():
            assert find(output, label) >= 0, f"{format_name}: speaker {label!r}"
        for number, exchange in enumerate(portrait.interview.exchanges, start=1):
            if exchange.asker is not None:
                asked = f"{shown[exchange.asker]} {exchange.question.to_text()}"
                assert find(output, asked) >= 0, f"{format_name}: q{number} without {asked!r}"


def _openings(portrait: Portrait) -> Iterator[str]:
    """The first words of each of a portrait's answers: running text no contents page lists."""
    for exchange in portrait.interview.exchanges:
        for answer in exchange.answers:
            if answer.text:
                yield " ".join(readback.words(answer.text.to_text()).split()[:6])


def _spans(output: Output, anthology: Anthology) -> dict[str, str]:
    """Each portrait's own words: from its title's last mention before its first answer to
    the next portrait's, the last portrait's up to the sources page."""
    text = output.words
    starts = []
    first = 0
    for portrait in anthology.portraits:
        # The first answer found.
        found = (find(output, opening, first) for opening in _openings(portrait))
        first = next((at for at in found if at >= 0), -1)
        assert first >= 0, f"{portrait.id}: none of its answers"
        title = text.rfind(f" {readback.words(portrait.title)} ", 0, first)
        assert title >= 0, f"{portrait.id}: no title before its first answer"
        starts.append(title)
    sources = find(output, labels_for(anthology.language)["sources"], first)
    ends = [*starts[1:], sources if sources >= 0 else len(text)]
    return {
        portrait.id: text[start:end]
        for portrait, start, end in zip(anthology.portraits, starts, ends, strict=True)
    }


@pytest.mark.parametrize("format_name", FORMATS)
def test_every_answer_in_book_order(book: Book, format_name: str) -> None:
    """The opening words of every answer are in the text, in book order (in the PDF, words
    with a ligature too: "afford" and "coffee" in Makers at Work)."""
    output = book.read(format_name)
    position = 0
    for portrait in book.anthology.portraits:
        for opening in _openings(portrait):
            found = find(output, opening, position)
            assert found >= 0, f"{format_name}: {portrait.id}: {opening!r} missing or out of order"
            position = found + 1


def _within(span: str, phrase: str) -> bool:
    return f" {readback.words(phrase)} " in span


def _labels(anthology: Anthology, portrait: Portrait) -> dict[str, str]:
    """The labels a portrait prints, worded in the book's language whatever its own, each
    with the words that follow it (a label alone could be any word of an answer)."""
    language = anthology.language
    words = labels_for(language)
    colon = words["colon"]
    wanted = {}
    interviewers = anthology.interviewers_of(portrait)
    if interviewers:
        # The first name is enough: "Interview by A" starts "Interview by A and B".
        wanted["interview_by"] = format_label(
            words["interview_by"], language, names=interviewers[0].name
        )
    credits = portrait.credits
    first = credits.first_published
    if first is not None:
        # Its title, publication and date in this order; its address only when alone (a
        # PDF may break an address anywhere).
        date = format_date(first.date, language) if first.date else None
        pieces = [piece for piece in (first.title, first.publication, date) if piece]
        shown = " ".join(pieces) if pieces else first.url
        wanted["first_published"] = f"{words['first_published']}{colon} {shown}"
    permission = credits.permission
    if permission is not None:
        licence = f"{words['licence']} {permission.licence}" if permission.licence else None
        granted = permission.text or licence
        wanted["permission"] = f"{words['permission']}{colon} {granted}"
        if licence:
            wanted["licence"] = licence
    if credits.photos:
        wanted["photos"] = f"{words['photos']}{colon} {credits.photos[0].name}"
    return wanted


@pytest.mark.parametrize("format_name", FORMATS)
def test_each_portrait_prints_its_labels_in_the_book_language(book: Book, format_name: str) -> None:
    """Inside each portrait, its byline and credit labels are worded in the book's language."""
    output = book.read(format_name)
    spans = _spans(output, book.anthology)
    missing = {
        (portrait.id, key): label
        for portrait in book.anthology.portraits
        for key, label in _labels(book.anthology, portrait).items()
        if not _within(spans[portrait.id], label)
    }
    assert not missing, format_name


@pytest.mark.parametrize("format_name", FORMATS)
def test_the_sources_page_after_the_portraits(book: Book, format_name: str) -> None:
    """The "Sources and permissions" page, titled in the book's language, follows the portraits."""
    output = book.read(format_name)
    last = book.anthology.portraits[-1].interview.exchanges[-1].question.to_text()
    title = labels_for(book.anthology.language)["sources"]
    assert find(output, title, find(output, last)) >= 0, format_name


def _credit_facts(portrait: Portrait) -> dict[str, str]:
    facts = {}
    credits = portrait.credits
    first = credits.first_published
    if first is not None and first.publication:
        facts["publication"] = first.publication
    if first is not None and first.title:
        facts["first title"] = first.title
    permission = credits.permission
    if permission is not None and permission.text:
        facts["permission"] = permission.text
    if permission is not None and permission.licence:
        facts["licence"] = permission.licence
    for number, photo in enumerate(credits.photos, start=1):
        facts[f"photos {number}"] = photo.name
    return facts


@pytest.mark.parametrize("format_name", FORMATS)
def test_each_portrait_prints_its_credits(book: Book, format_name: str) -> None:
    """Inside each portrait: its first publication, permission, licence and photographers."""
    output = book.read(format_name)
    spans = _spans(output, book.anthology)
    missing = {
        (portrait.id, key): fact
        for portrait in book.anthology.portraits
        for key, fact in _credit_facts(portrait).items()
        if not _within(spans[portrait.id], fact)
    }
    assert not missing, format_name


def _anchors(anthology: Anthology) -> set[str]:
    """The documented scheme, written out: parts counted among the titled parts, from 1."""
    anchors = set()
    for portrait in anthology.portraits:
        anchors.add(portrait.id)
        parts = portrait.interview.parts
        anchors.update(f"{portrait.id}-part{n}" for n in range(1, len(parts) + 1))
        exchanges = portrait.interview.exchanges
        anchors.update(f"{portrait.id}-q{n}" for n in range(1, len(exchanges) + 1))
    return anchors


def _portrait_anchors(ids: frozenset[str], anthology: Anthology) -> set[str]:
    """The portrait, part and question anchors among an output's ids."""
    names = "|".join(re.escape(portrait.id) for portrait in anthology.portraits)
    anchor = re.compile(rf"(?:{names})(?:-part\d+|-q\d+)?")
    return {ident for ident in ids if anchor.fullmatch(ident)}


def test_the_model_names_the_documented_anchors(book: Book) -> None:
    """Portrait.part_id and question_id give the anchors the reference documents."""
    anthology = book.anthology
    named = set()
    for portrait in anthology.portraits:
        named.add(portrait.id)
        named.update(portrait.part_id(part) for part in portrait.interview.parts)
        count = len(portrait.interview.exchanges)
        named.update(portrait.question_id(n) for n in range(1, count + 1))
    assert named == _anchors(anthology)


@pytest.mark.parametrize("format_name", ["html", "epub", "markdown", "pdf"])
def test_the_same_anchors(book: Book, format_name: str) -> None:
    """The portrait, part and question anchors are the same set in each format (the PDF's
    named destinations, so that ``book.pdf#<id>-q3`` works as ``book.html#<id>-q3`` does)."""
    anthology = book.anthology
    ids = book.read(format_name).ids
    assert _portrait_anchors(ids, anthology) == _anchors(anthology), format_name


def _bookmark_form(anchor: str) -> str:
    """An anchor as a Word bookmark can spell it: letters, digits and ``_``."""
    return re.sub(r"[^A-Za-z0-9]", "_", anchor)


def test_a_docx_bookmark_per_portrait(book: Book) -> None:
    """The DOCX has one bookmark per portrait, named after its id."""
    marks = book.read("docx").ids
    for portrait in book.anthology.portraits:
        # Word keeps 40 characters of a name: the plugin numbers them, "p<n>_<id>".
        spelled = _bookmark_form(portrait.id)[:30]
        owners = [mark for mark in marks if spelled in mark]
        assert len(owners) == 1, (portrait.id, sorted(marks))


def _docx_bookmarks(anthology: Anthology) -> dict[str, str]:
    """The plugin's documented scheme, written out: Word allows 40 characters, so a part or
    question is named by the portrait's number in the book and its own, ``p<n>_part<k>`` and
    ``p<n>_q<k>``, for the anchor ``<id>-part<k>`` and ``<id>-q<k>``."""
    names = {}
    for n, portrait in enumerate(anthology.portraits, start=1):
        for k, part in enumerate(portrait.interview.parts, start=1):
            names[portrait.part_id(part)] = f"p{n}_part{k}"
        for k in range(1, len(portrait.interview.exchanges) + 1):
            names[portrait.question_id(k)] = f"p{n}_q{k}"
    return names


def test_a_docx_bookmark_per_part_and_question(book: Book) -> None:
    """The DOCX has a bookmark for every titled part and question, as the others have anchors."""
    marks = book.read("docx").ids
    anthology = book.anthology
    wanted = _docx_bookmarks(anthology)
    assert set(wanted) == _anchors(anthology) - {portrait.id for portrait in anthology.portraits}
    missing = {anchor: name for anchor, name in wanted.items() if name not in marks}
    assert not missing
