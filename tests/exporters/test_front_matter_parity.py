"""One book, one set of facts: every format prints the title and copyright pages' details.

The French example states them all (subtitle, series, an editor, publisher, rights, both ISBNs
and the legal deposit).  It is built in HTML, EPUB, PDF, Markdown and DOCX, each output is read
back as text, and each fact must be there as interviewkit's labels word it.  Each edition names
its own ISBN first: the EPUB's in the EPUB, the print edition's in the PDF and the DOCX.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html
from markdown_it import MarkdownIt
from tests import validators

import interviewkit
from interviewkit import Anthology, format_isbn, format_label, labels_for, make_plugin_manager

interviewkit_markdown = pytest.importorskip("interviewkit_markdown")
interviewkit_docx = pytest.importorskip("interviewkit_docx")
docx = pytest.importorskip("docx")

EXAMPLE = Path(__file__).resolve().parent.parent.parent / "examples" / "derriere-les-comptes"


def _plain(text: str) -> str:
    """Text as a reader compares it: no-break spaces and line ends are spaces, and a typeset
    apostrophe (the HTML, EPUB and PDF's typography) is the source's straight one."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    return " ".join(text.split())


def _html(path: Path) -> str:
    return str(html.parse(str(path)).getroot().xpath("string()"))


def _epub(path: Path) -> str:
    """The text of every XHTML document of the book."""
    texts = []
    with zipfile.ZipFile(path) as epub:
        for name in sorted(epub.namelist()):
            if name.endswith(".xhtml"):
                texts.append(str(etree.fromstring(epub.read(name)).xpath("string()")))
    return " ".join(texts)


def _pdf(path: Path) -> str:
    validators.require(
        "pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils"
    )
    done = subprocess.run(
        ["pdftotext", "-nopgbrk", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def _markdown(path: Path) -> str:
    source = path.read_text(encoding="utf-8")
    # The text as a reader sees it: the plugin's escapes undone by a CommonMark parser.
    rendered = html.fromstring(f"<div>{MarkdownIt('commonmark').render(source)}</div>")
    return str(rendered.xpath("string()"))


def _docx(path: Path) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(str(path)).paragraphs)


READERS = {"html": _html, "epub": _epub, "pdf": _pdf, "markdown": _markdown, "docx": _docx}


def _facts(anthology: Anthology) -> dict[str, str]:
    """Each fact of the example as the labels word it."""
    language = anthology.language
    words = labels_for(language)
    series = anthology.series
    assert series is not None
    assert series.number is not None
    assert anthology.subtitle
    assert anthology.publisher
    assert anthology.rights
    assert anthology.isbn_epub
    assert anthology.isbn_print
    assert anthology.legal_deposit
    names = ", ".join(editor.name for editor in anthology.editors)
    assert names
    return {
        "title": anthology.title,
        "subtitle": anthology.subtitle,
        "series": format_label(words["series"], language, name=series.name, number=series.number),
        "edited_by": format_label(words["edited_by"], language, names=names),
        "publisher": anthology.publisher,
        "rights": anthology.rights,
        "isbn_epub": format_label(
            words["isbn_epub"], language, isbn=format_isbn(anthology.isbn_epub)
        ),
        "isbn_print": format_label(
            words["isbn_print"], language, isbn=format_isbn(anthology.isbn_print)
        ),
        "legal_deposit": anthology.legal_deposit,
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict[str, str]]:
    out = tmp_path_factory.mktemp("parity")
    plugins = make_plugin_manager(
        entry_point_plugins=False,
        extra=[("markdown", interviewkit_markdown), ("docx", interviewkit_docx)],
    )
    report = interviewkit.build(EXAMPLE, list(READERS), out, plugins=plugins)
    paths = {result.format_name: result.path for result in report.results}
    texts = {name: _plain(read(paths[name])) for name, read in READERS.items()}
    facts = {key: _plain(value) for key, value in _facts(report.source.anthology).items()}
    return facts, texts


@pytest.mark.parametrize("format_name", list(READERS))
def test_every_format_prints_every_fact(
    built: tuple[dict[str, str], dict[str, str]], format_name: str
) -> None:
    facts, texts = built
    missing = {key: value for key, value in facts.items() if value not in texts[format_name]}
    assert not missing, format_name


@pytest.mark.parametrize(
    ("format_name", "first", "second"),
    [
        ("epub", "isbn_epub", "isbn_print"),
        ("pdf", "isbn_print", "isbn_epub"),
        ("docx", "isbn_print", "isbn_epub"),
    ],
)
def test_each_edition_names_its_own_isbn_first(
    built: tuple[dict[str, str], dict[str, str]], format_name: str, first: str, second: str
) -> None:
    facts, texts = built
    text = texts[format_name]
    assert text.index(facts[first]) < text.index(facts[second])
