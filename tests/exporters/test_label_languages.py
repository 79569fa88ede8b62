"""Generated labels in a portrait of another language keep the book's language.

The French example (``fr-CA``) holds one English portrait (``en-CA``).  Inside it, the interview
is English, but the byline, the link headings, the credit labels and the "back to contents" link
are written by interviewkit in the book's language: each must sit in an element whose nearest
``lang`` (or ``xml:lang``) is the book's, so that a screen reader reads each text with the rules of
its own language.  The HTML and the EPUB's XHTML are read back with lxml.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree, html

import interviewkit
from interviewkit import labels_for

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# An element of lxml's HTML or XML tree (both trees have get, getparent, iter, itertext, xpath).
Node = Any
EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
ENGLISH = "leila-haddad-morin"
FRENCH = "rosalie-gendron-paquin"


def nearest_lang(element: Node) -> str | None:
    """The language an element's text is read in: its own or its closest ancestor's."""
    node: Node | None = element
    while node is not None:
        for attribute in (XML_LANG, "lang"):
            value = node.get(attribute)
            if value is not None:
                return str(value)
        node = node.getparent()
    return None


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Node]:
    """The single-file HTML book and the English portrait's XHTML, parsed."""
    out = tmp_path_factory.mktemp("label-languages")
    plugins = interviewkit.make_plugin_manager(entry_point_plugins=False)
    report = interviewkit.build(
        EXAMPLES / "derriere-les-comptes", ["html", "epub"], out, plugins=plugins
    )
    paths = {result.format_name: result.path for result in report.results}
    with zipfile.ZipFile(paths["epub"]) as epub:
        (name,) = [n for n in epub.namelist() if n.endswith(f"/{ENGLISH}.xhtml")]
        xhtml = etree.fromstring(epub.read(name))
    for element in xhtml.iter(etree.Element):
        # The same XPath for both: the XHTML's elements without their namespace.
        element.tag = etree.QName(element).localname
    return {"html": html.parse(str(paths["html"])).getroot(), "epub": xhtml}


def _find(root: Node, path: str) -> list[Node]:
    return list(root.xpath(path))


@pytest.mark.parametrize("kind", ["html", "epub"])
def test_generated_labels_are_in_the_books_language(documents: dict[str, Node], kind: str) -> None:
    root = documents[kind]
    (article,) = _find(root, f"//article[@id='{ENGLISH}']")
    assert nearest_lang(article) == "en-CA"
    labels = labels_for("fr-CA")

    (byline,) = _find(article, ".//p[@class='byline']")
    assert labels["interview_by"].split("{")[0].strip() in "".join(byline.itertext())
    assert nearest_lang(byline) == "fr-CA"

    for suffix in ("follow", "related"):
        (heading,) = _find(article, f".//*[@id='{ENGLISH}-{suffix}']")
        assert nearest_lang(heading) == "fr-CA", suffix

    credit_labels = [
        span for span in _find(article, ".//div[@class='credits']//span") if span.get("lang")
    ]
    shown = {"".join(span.itertext()) for span in credit_labels}
    assert {labels["first_published"], labels["permission"], labels["photos"]} <= shown
    assert all(nearest_lang(span) == "fr-CA" for span in credit_labels)

    (back,) = _find(article, ".//p[@class='back-to-contents']")
    assert nearest_lang(back) == "fr-CA"


@pytest.mark.parametrize("kind", ["html", "epub"])
def test_the_interview_stays_in_the_portraits_language(
    documents: dict[str, Node], kind: str
) -> None:
    (article,) = _find(documents[kind], f"//article[@id='{ENGLISH}']")
    answers = _find(article, ".//div[@class='answer']")
    questions = _find(article, ".//section[@class='exchange']")
    assert answers
    assert questions
    assert {nearest_lang(element) for element in answers + questions} == {"en-CA"}
    # The credit lines' own text (a permission written in English) is not marked French.
    (credits,) = _find(article, ".//div[@class='credits']")
    assert nearest_lang(credits) == "en-CA"


def test_a_portrait_in_the_books_language_has_no_extra_marks(
    documents: dict[str, Node],
) -> None:
    (article,) = _find(documents["html"], f"//article[@id='{FRENCH}']")
    assert not [element for element in article.iter() if element.get("lang")]
    assert nearest_lang(article) == "fr-CA"
