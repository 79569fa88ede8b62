"""The book document of a build: made once for every format, with the ids, words and links
every format prints."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

import interviewkit
import interviewkit.exporters
from interviewkit.document import (
    BookDocument,
    PortraitDocument,
    build_document,
    inlines_text,
)
from interviewkit.document.nodes import Link, Span

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "derriere-les-comptes"


@pytest.fixture(scope="module")
def document() -> BookDocument:
    return build_document(interviewkit.load(EXAMPLE))


def _other_language(document: BookDocument) -> PortraitDocument:
    return next(portrait for portrait in document.portraits if portrait.lang_differs)


def test_every_format_of_a_build_reads_one_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[BookDocument] = []

    def counting(*args: object, **kwargs: object) -> BookDocument:
        made.append(build_document(*args, **kwargs))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr(interviewkit.exporters, "build_document", counting)
    report = interviewkit.build(EXAMPLE, ["html", "html-site", "epub", "markdown"], tmp_path)
    assert report.ok, report.failures
    assert len(report.results) == 4
    assert len(made) == 1


def test_ids_are_the_models(document: BookDocument) -> None:
    anthology = interviewkit.load(EXAMPLE)
    for model, portrait in zip(anthology.portraits, document.portraits, strict=True):
        assert portrait.id == model.id
        titled = [part.id for part in portrait.parts if part.id is not None]
        assert titled == [model.part_id(part) for part in model.interview.parts]
        numbers = [exchange.number for exchange in portrait.exchanges]
        assert numbers == list(range(1, len(model.interview.exchanges) + 1))
        assert [e.id for e in portrait.exchanges] == [model.question_id(n) for n in numbers]


def test_generated_words_are_the_books_and_say_so_in_another_language(
    document: BookDocument,
) -> None:
    portrait = _other_language(document)
    assert portrait.byline is not None
    assert portrait.byline.startswith("Entrevue réalisée par")
    first = portrait.credits.first_published
    assert isinstance(first[0], Span)
    assert first[0].lang == document.lang
    assert inlines_text(first).startswith("Première publication\u00a0: ")


def test_texts_are_typeset_for_their_language(document: BookDocument) -> None:
    french = next(p for p in document.portraits if not p.lang_differs)
    questions = [inlines_text(e.question.inlines) for e in french.exchanges]
    assert all("'" not in question for question in questions)
    assert any("\u00a0:" in question or question.endswith("?") for question in questions)


def test_related_portraits_in_the_book_are_links_to_their_ids(document: BookDocument) -> None:
    ids = {portrait.id for portrait in document.portraits}
    related = [entry for portrait in document.portraits for entry in portrait.related]
    inside = [entry for entry in related if entry.kind == "portrait"]
    assert inside
    assert all(entry.target in ids for entry in inside)


def test_handles_are_linked_to_the_platform(document: BookDocument) -> None:
    links = [
        node
        for portrait in document.portraits
        for exchange in portrait.exchanges
        for answer in exchange.answers
        for node in _walk(answer.text.blocks)
        if isinstance(node, Link) and node.kind == "handle"
    ]
    assert links
    assert all(link.target.startswith("https://twitter.com/") for link in links)


def _walk(node: object) -> Iterator[object]:
    """Every node in a tree of nodes."""
    if isinstance(node, tuple):
        for child in node:
            yield from _walk(child)
    elif attrs.has(type(node)):
        yield node
        for field in attrs.fields(type(node)):
            yield from _walk(getattr(node, field.name))


def test_the_sources_page_lists_every_credited_portrait(document: BookDocument) -> None:
    credited = [portrait.id for portrait in document.portraits if portrait.credits]
    assert [entry.portrait_id for entry in document.sources] == credited
    assert document.sources_id == "sources-and-permissions"


def test_theme_labels_reach_the_document(tmp_path: Path) -> None:
    folder = tmp_path / "book"
    shutil.copytree(EXAMPLE, folder)
    (folder / "theme").mkdir(exist_ok=True)
    (folder / "theme" / "labels.toml").write_text(
        '[fr]\ninterview_by = "Propos recueillis par {names}"\n', encoding="utf-8"
    )
    source = interviewkit.open_source(folder)
    context = interviewkit.ExportContext(
        format_name="html",
        source_root=source.root,
        resources=interviewkit.exporters.ResourceResolver(source.root),
        build_date=source.anthology.date or dt.date(2020, 1, 1),
        output=tmp_path / "out.html",
        basename="out",
    )
    document = context.book_document(source.anthology)
    assert context.book_document(source.anthology) is document
    assert all(
        portrait.byline is None or portrait.byline.startswith("Propos recueillis par")
        for portrait in document.portraits
    )


def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    """The build pauses the collector while it makes the document and freezes what is alive
    then (DocumentCache); afterwards the collector runs again and nothing stays frozen."""
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    report = interviewkit.build(EXAMPLE, ["html", "epub"], tmp_path)
    assert report.ok, report.failures
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_process_that_froze_objects_itself_keeps_them_frozen(tmp_path: Path) -> None:
    gc.freeze()
    try:
        report = interviewkit.build(EXAMPLE, ["html"], tmp_path)
        assert report.ok, report.failures
        assert gc.get_freeze_count() > 0  # the build did not unfreeze the process's objects
        assert gc.isenabled()
    finally:
        gc.unfreeze()
