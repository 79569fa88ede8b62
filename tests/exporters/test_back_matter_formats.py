"""The generated back matter (index, concordance, reading list) read back from the HTML file, the
HTML site and the EPUB: the entries the book document made, in its order, every link landing on
an id that exists, and in the EPUB the semantics of EPUB Indexes 1.0 and the navigation.

The examples are built once per module in the three formats; each output is parsed with lxml and
compared with :func:`interviewkit.build_document` of the same folder.
"""

from __future__ import annotations

import posixpath
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import attrs
import pytest
from lxml import etree, html
from tests.exporters.readback import words

import interviewkit
from interviewkit import BookDocument
from interviewkit.build import build
from interviewkit.document import HtmlWriter
from interviewkit.document.nodes import Block
from interviewkit.plugins import make_plugin_manager

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
EXAMPLE_NAMES = ["derriere-les-comptes", "makers-at-work"]
# The French example with every answer printed in its concordance ([concordance] answers).
ANSWERS = "concordance-answers"
FORMATS = ["html", "html-site", "epub"]
XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
EPUB_TYPE = f"{{{OPS}}}type"


@attrs.frozen
class Output:
    """One built output as pages (``name → parsed tree``) and a way to find an element by id.

    ``name`` is the file's path inside the output (the single file's name, a site page, an
    entry of the EPUB's archive).
    """

    pages: dict[str, etree._Element]
    xhtml: bool

    def find(self, xpath: str) -> Iterator[tuple[str, etree._Element]]:
        """``(page, element)`` for each element matching ``xpath`` (``h:`` is XHTML's namespace
        in the EPUB, no namespace in HTML) on every page."""
        for name, root in self.pages.items():
            for element in self.xpath(root, xpath):
                yield name, element

    def xpath(self, element: etree._Element, xpath: str) -> list[etree._Element]:
        if not self.xhtml:
            xpath = xpath.replace("h:", "")
        return list(element.xpath(xpath, namespaces={"h": XHTML, "epub": OPS}))

    def ids(self, name: str) -> set[str]:
        return {str(value) for value in self.pages[name].xpath("//@id")}

    def resolve(self, page: str, href: str) -> tuple[str, str | None]:
        """The page and the id an ``href`` of ``page`` points to (the page itself for ``#id``)."""
        parts = urlsplit(href)
        assert not parts.scheme, f"{page}: {href} leaves the book"
        target = page
        if parts.path:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))
        return target, unquote(parts.fragment) or None

    def section(self, ident: str) -> tuple[str, etree._Element]:
        found = list(self.find(f"//h:section[@id='{ident}']"))
        assert len(found) == 1, f"section {ident}: {len(found)} found"
        return found[0]


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _open_html(path: Path) -> dict[str, etree._Element]:
    """The single file, or every page of the site, by its path in the output."""
    files = [path] if path.is_file() else sorted(path.glob("*.html"))
    base = path.parent if path.is_file() else path
    return {file.relative_to(base).as_posix(): html.parse(str(file)).getroot() for file in files}


def _open_epub(path: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The examples' folders, and a copy of the French one with ``answers = true``."""
    answers = tmp_path_factory.mktemp("answers") / ANSWERS
    shutil.copytree(EXAMPLES / "derriere-les-comptes", answers)
    with (answers / "anthology.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n[concordance]\nanswers = true\n")
    return {**{name: EXAMPLES / name for name in EXAMPLE_NAMES}, ANSWERS: answers}


@pytest.fixture(scope="module")
def built(
    tmp_path_factory: pytest.TempPathFactory, sources: dict[str, Path]
) -> dict[tuple[str, str], Output]:
    """Every source in the three formats, parsed."""
    plugins = make_plugin_manager(entry_point_plugins=False)
    outputs = {}
    for example, source in sources.items():
        out = tmp_path_factory.mktemp(example)
        report = build(source, FORMATS, out, plugins=plugins)
        assert report.ok, report.failures
        for result in report.results:
            if result.format_name == "epub":
                outputs[(example, "epub")] = Output(_open_epub(result.path), xhtml=True)
            else:
                outputs[(example, result.format_name)] = Output(
                    _open_html(result.path), xhtml=False
                )
    return outputs


@pytest.fixture(scope="module")
def documents(sources: dict[str, Path]) -> dict[str, BookDocument]:
    return {
        name: interviewkit.build_document(interviewkit.load(source))
        for name, source in sources.items()
    }


CASES = [(example, fmt) for example in EXAMPLE_NAMES for fmt in FORMATS]
#: The books with a concordance: the French example, without and with the answers.
CONCORDANCES = [(example, fmt) for example in ("derriere-les-comptes", ANSWERS) for fmt in FORMATS]


@pytest.fixture(params=CASES, ids=[f"{e}-{f}" for e, f in CASES])
def case(
    request: pytest.FixtureRequest,
    built: dict[tuple[str, str], Output],
    documents: dict[str, BookDocument],
) -> tuple[Output, BookDocument]:
    example, fmt = request.param
    return built[(example, fmt)], documents[example]


# ------------------------------------------------------------------------------ index


def test_index_entries_in_the_document_s_order(case: tuple[Output, BookDocument]) -> None:
    """The letters, the entries under each and their sub-entries read as the document has them
    (collated for the book's language), each term once."""
    output, document = case
    index = document.index
    assert index is not None
    _, section = output.section(index.id)
    groups = output.xpath(section, ".//h:section[contains(@class, 'index-group')]")
    assert [group.get("id") for group in groups] == [group.id for group in index.groups]
    for group, expected in zip(groups, index.groups, strict=True):
        heading = output.xpath(group, "./*[1]")[0]
        assert _text(heading) == expected.letter
        entries = output.xpath(group, "./h:ul/h:li")
        assert [entry.get("id") for entry in entries] == [e.id for e in expected.entries]
        for entry, model in zip(entries, expected.entries, strict=True):
            terms = output.xpath(entry, "./h:span[contains(@class, 'index-term')]")
            assert [_text(term) for term in terms] == [model.term]
            subentries = output.xpath(entry, "./h:ul/h:li")
            assert [_text(output.xpath(s, "./h:span")[0]) for s in subentries] == [
                sub.term for sub in model.subentries
            ]


def test_every_locator_lands_on_its_place(case: tuple[Output, BookDocument]) -> None:
    """Each locator of the index is a link whose text is its portrait's subject, to the page
    and the id of its place (the word itself, a question, a portrait), which exists there."""
    output, document = case
    index = document.index
    assert index is not None
    _, section = output.section(index.id)
    page = next(name for name, _ in output.find(f"//h:section[@id='{index.id}']"))
    expected = [
        (locator.label, locator.target)
        for entry in index.entries
        for item in (entry, *entry.subentries)
        for locator in item.locators
    ]
    links = output.xpath(section, ".//h:a[contains(@class, 'index-locator')]")
    assert len(links) == len(expected) > 0
    for link, (label, target) in zip(links, expected, strict=True):
        assert _text(link) == label
        where, ident = output.resolve(page, link.get("href"))
        assert where in output.pages, f"{link.get('href')}: no page {where}"
        # A portrait as a whole is its page (site, EPUB) or its article (single file).
        assert (ident or target) == target
        assert target in output.ids(where), f"{link.get('href')}: no id {target} in {where}"


def test_every_link_of_the_generated_parts_resolves(case: tuple[Output, BookDocument]) -> None:
    """No link of the three parts (or of the contents to them) points to a missing page or id."""
    output, document = case
    parts = [document.index, document.concordance, document.reading_list]
    checked = 0
    for part in parts:
        if part is None:
            continue
        page, section = output.section(part.id)
        for link in output.xpath(section, ".//h:a[@href]"):
            href = link.get("href")
            if urlsplit(href).scheme in {"http", "https"}:
                continue
            where, ident = output.resolve(page, href)
            assert where in output.pages, href
            if ident is not None:
                assert ident in output.ids(where), href
            checked += 1
    assert checked > 0


# ------------------------------------------------------------------------------ concordance


def _shown(blocks: tuple[Block, ...]) -> str:
    """The words an answer shows on the page (a link's text, not its hidden address)."""
    return str(
        html.fragment_fromstring(
            str(HtmlWriter().blocks(blocks)), create_parent=True
        ).text_content()
    )


@pytest.mark.parametrize(("example", "fmt"), CONCORDANCES)
def test_the_concordance_lists_every_subject_who_was_asked(
    example: str,
    fmt: str,
    built: dict[tuple[str, str], Output],
    documents: dict[str, BookDocument],
) -> None:
    """Each recurring question, in order, names every portrait that asks it, linked to the
    question in that portrait; with ``answers = true``, with that portrait's answers."""
    output, document = built[(example, fmt)], documents[example]
    concordance = document.concordance
    assert concordance is not None
    assert concordance.answers == (example == ANSWERS)
    page, section = output.section(concordance.id)
    questions = output.xpath(section, ".//h:section[contains(@class, 'recurring-question')]")
    assert [q.get("id") for q in questions] == [q.id for q in concordance.questions]
    for question, model in zip(questions, concordance.questions, strict=True):
        links = output.xpath(question, ".//h:li//h:a[contains(@class, 'index-locator')]")
        assert [_text(link) for link in links] == [place.subject for place in model.places]
        for link, place in zip(links, model.places, strict=True):
            where, ident = output.resolve(page, link.get("href"))
            assert ident == place.target
            assert place.target in output.ids(where)
        items = output.xpath(question, "./h:ul/h:li")
        assert len(items) == len(model.places)
        for item, place in zip(items, model.places, strict=True):
            answers = output.xpath(item, "./h:div[contains(@class, 'answer')]")
            if not concordance.answers:
                assert answers == []
                continue
            assert len(answers) == len(place.answers) > 0
            for shown, answer in zip(answers, place.answers, strict=True):
                assert words(_shown(answer.text.blocks)) in words(_text(shown))


# ------------------------------------------------------------------------------ reading list


def test_the_reading_list_says_who_recommends_each_reading(
    case: tuple[Output, BookDocument],
) -> None:
    """Each reading links to its address and names the portraits that recommend it."""
    output, document = case
    reading = document.reading_list
    assert reading is not None
    _, section = output.section(reading.id)
    items = output.xpath(section, ".//h:li")
    assert [item.get("id") for item in items] == [entry.id for entry in reading.entries]
    for item, entry in zip(items, reading.entries, strict=True):
        link = output.xpath(item, "./h:a")[0]
        assert link.get("href") == entry.target
        assert _text(link) == " ".join(entry.label.split())
        said = _text(output.xpath(item, "./h:span[contains(@class, 'recommended-by')]")[0])
        assert said == " ".join(entry.line.split())
        for locator in entry.recommended_by:
            assert locator.label in said


# ------------------------------------------------------------------------------ per format


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_the_contents_list_the_three_parts(
    example: str, built: dict[tuple[str, str], Output], documents: dict[str, BookDocument]
) -> None:
    """The HTML's table of contents links to each part, the index last: to its section in the
    single file, to its page in the site."""
    document = documents[example]
    assert document.index is not None
    parts = [p.id for p in (document.concordance, document.reading_list, document.index) if p]
    for fmt, href in (("html", "#{}"), ("html-site", "{}.html")):
        output = built[(example, fmt)]
        links = list(output.find("//nav[@id='contents']//a"))
        hrefs = [str(a.get("href")) for _, a in links]
        for ident in parts:
            assert href.format(ident) in hrefs, (fmt, ident)
            page, a = next((name, a) for name, a in links if a.get("href") == href.format(ident))
            where, _ = output.resolve(page, str(a.get("href")))
            assert ident in output.ids(where), (fmt, ident)
        assert hrefs[-1] == href.format(document.index.id)


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_each_part_has_a_page_of_its_own_in_the_site(
    example: str, built: dict[tuple[str, str], Output], documents: dict[str, BookDocument]
) -> None:
    """In the site, each part is a page of its own (``<id>.html``, never the home page's
    ``index.html``), its title the page's ``h1``, its letters and questions ``h2``; the home
    page keeps the contents and the other sections."""
    output = built[(example, "html-site")]
    document = documents[example]
    index = document.index
    assert index is not None
    for part in (document.concordance, document.reading_list, index):
        if part is None:
            continue
        page, section = output.section(part.id)
        assert page == f"{part.id}.html" != "index.html"
        assert section.xpath("./h1")
    page, section = output.section(index.id)
    assert [h.tag for h in section.xpath("./section/*[1]")] == ["h2"] * len(index.groups)
    home = output.pages["index.html"]
    assert output.xpath(home, "//nav[@id='contents']")
    assert index.id not in output.ids("index.html")


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_the_epub_index_has_the_semantics_of_epub_indexes(
    example: str, built: dict[tuple[str, str], Output], documents: dict[str, BookDocument]
) -> None:
    """The index is an ``index`` section of its own document: ``index-group`` sections of
    ``index-entry-list`` lists of ``index-entry`` items, each starting with its one
    ``index-term``; every locator an ``index-locator`` (and no link of another part is one)."""
    output = built[(example, "epub")]
    index = documents[example].index
    assert index is not None
    page, section = output.section(index.id)
    assert section.get(EPUB_TYPE) == "index"
    assert section.get("role") == "doc-index"
    groups = output.xpath(section, "./h:section")
    assert [g.get(EPUB_TYPE) for g in groups] == ["index-group"] * len(index.groups)
    lists = output.xpath(section, ".//h:ul")
    assert lists
    assert {ul.get(EPUB_TYPE) for ul in lists} == {"index-entry-list"}
    entries = output.xpath(section, ".//h:li")
    assert {li.get(EPUB_TYPE) for li in entries} == {"index-entry"}
    for entry in entries:
        first = entry[0]
        assert first.get(EPUB_TYPE) == "index-term"
        assert len(output.xpath(entry, "./*[@epub:type='index-term']")) == 1
    links = output.xpath(section, ".//h:a")
    assert links
    assert {a.get(EPUB_TYPE) for a in links} == {"index-locator"}
    outside = {name for name, _ in output.find("//h:a[@epub:type='index-locator']")} - {page}
    assert not outside, f"index locators outside the index, in {outside}"


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_the_epub_navigation_lists_the_parts_and_the_index_landmark(
    example: str, built: dict[tuple[str, str], Output], documents: dict[str, BookDocument]
) -> None:
    """The table of contents lists the three parts' documents; the landmarks point to the
    index's."""
    output = built[(example, "epub")]
    document = documents[example]
    documents_of = {
        part.id: next(name for name, _ in output.find(f"//h:section[@id='{part.id}']"))
        for part in (document.concordance, document.reading_list, document.index)
        if part is not None
    }
    nav = next(name for name, _ in output.find("//h:nav[@epub:type='toc']"))
    toc = [
        output.resolve(nav, str(a.get("href")))[0]
        for _, a in output.find("//h:nav[@epub:type='toc']//h:a")
    ]
    for ident, name in documents_of.items():
        assert name in toc, ident
    assert document.index is not None
    landmarks = {
        str(a.get(EPUB_TYPE)): output.resolve(nav, str(a.get("href")))[0]
        for _, a in output.find("//h:nav[@epub:type='landmarks']//h:a")
    }
    assert landmarks["index"] == documents_of[document.index.id]
