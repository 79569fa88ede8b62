"""Each format read back as a reader gets it: its text in reading order and its anchors.

The consistency tests compare what the formats say, so each reader goes through the tool a
reader (or a converter) would use: lxml for the HTML, the EPUB's spine for its documents,
``pdftotext`` and pypdf for the PDF, pandoc for the Markdown, python-docx for the DOCX.

Texts are compared *loosely on words* (:func:`words`): the formats differ in typography on
purpose (the HTML, EPUB, PDF and Markdown typeset quotes, apostrophes and French spaces; the
DOCX keeps the source's), so what must match is the sequence of words, not the punctuation.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import attrs
from lxml import etree, html
from tests import validators

#: The namespaces of an EPUB's container and package documents.
_EPUB_NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: A word the PDF's typesetter broke at a soft hyphen: printed as U+2010 (or a soft hyphen)
#: at the end of a line, the word goes on at the start of the next one.
_BROKEN_WORD = re.compile(r"[\u2010\u00ad]\n\s*")
#: A compound word broken after its own hyphen keeps the hyphen ("Gendron-\nPaquin").
_BROKEN_COMPOUND = re.compile(r"-\n\s*")
_WORD = re.compile(r"\w+")


@attrs.frozen
class Output:
    """What a format says: its text in reading order, and the anchors a link can open."""

    text: str
    ids: frozenset[str]

    @property
    def words(self) -> str:
        """The text as :func:`words`, padded so that every phrase is found on word bounds."""
        return f" {words(self.text)} "


def words(text: str) -> str:
    """The words of ``text``, lowercased, one space apart: typography and punctuation dropped.

    Soft hyphens are dropped first (a word split by one is one word); no-break spaces, quotes
    and apostrophes then fall away with the punctuation, whichever form a format printed.
    """
    return " ".join(_WORD.findall(text.replace("\u00ad", "").casefold()))


def find(output: Output, phrase: str, start: int = 0) -> int:
    """Where ``phrase`` starts in the output's words at or after ``start``; -1 when absent."""
    return output.words.find(f" {words(phrase)} ", start)


def read_html(path: Path) -> Output:
    root = html.parse(str(path)).getroot()
    return Output(_element_text(root), frozenset(str(i) for i in root.xpath("//@id")))


def _element_text(root: Any) -> str:
    """Every text node, one space apart (a block's end is a word's end), scripts left out."""
    etree.strip_elements(root, "{*}script", "{*}style", "script", "style", with_tail=False)
    return " ".join(str(piece) for piece in root.itertext())


def read_epub(path: Path) -> Output:
    """The spine's documents in reading order (the container names the package document)."""
    texts: list[str] = []
    ids: set[str] = set()
    with zipfile.ZipFile(path) as epub:
        container = etree.fromstring(epub.read("META-INF/container.xml"))
        package_path = PurePosixPath(
            str(container.xpath("string(//c:rootfile/@full-path)", namespaces=_EPUB_NS))
        )
        package = etree.fromstring(epub.read(str(package_path)))
        hrefs = {
            str(item.get("id")): str(item.get("href"))
            for item in package.xpath("//opf:manifest/opf:item", namespaces=_EPUB_NS)
        }
        for idref in package.xpath("//opf:spine/opf:itemref/@idref", namespaces=_EPUB_NS):
            document = etree.fromstring(epub.read(str(package_path.parent / hrefs[str(idref)])))
            ids.update(str(ident) for ident in document.xpath("//@id"))
            texts.append(_element_text(document))
    return Output(" ".join(texts), frozenset(ids))


def require_pdftotext() -> None:
    validators.require(
        "pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils"
    )


def read_pdf(path: Path) -> Output:
    """``pdftotext``'s reading order, broken words joined; the anchors are the named
    destinations (what ``book.pdf#<id>`` opens in a viewer)."""
    from pypdf import PdfReader

    require_pdftotext()
    # -raw: the page's text order, lines as set.  The default layout mode drops a hyphen that
    # ends a line ("Licence CC-" / "BY-4.0" read "CCBY-4.0"), which no reader does.
    done = subprocess.run(
        ["pdftotext", "-raw", "-nopgbrk", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    text = _BROKEN_COMPOUND.sub("-", _BROKEN_WORD.sub("", done.stdout))
    return Output(text, frozenset(PdfReader(path).named_destinations))


def require_pandoc() -> None:
    validators.require(
        "pandoc",
        shutil.which("pandoc") is not None,
        "tools/system-deps all (apt-get install pandoc)",
    )


def _pandoc(path: Path, to: str) -> str:
    require_pandoc()
    done = subprocess.run(
        ["pandoc", "--from", "markdown", "--to", to, "--wrap", "none", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def read_markdown(path: Path) -> Output:
    """Pandoc's reading: its plain text, and the ids of its AST (headings, divs, spans)."""
    document = json.loads(_pandoc(path, "json"))
    return Output(_pandoc(path, "plain"), frozenset(_pandoc_ids(document["blocks"])))


def _pandoc_ids(node: Any) -> Iterator[str]:
    """Every non-empty identifier of a pandoc AST: an ``Attr`` is ``[id, classes, pairs]``."""
    if isinstance(node, dict):
        node = node.get("c")
    if not isinstance(node, list):
        return
    if (
        len(node) == 3
        and isinstance(node[0], str)
        and isinstance(node[1], list)
        and all(isinstance(cls, str) for cls in node[1])
        and isinstance(node[2], list)
        and all(isinstance(pair, list) and len(pair) == 2 for pair in node[2])
    ):
        if node[0]:
            yield node[0]
        return
    for child in node:
        yield from _pandoc_ids(child)


def read_docx(path: Path) -> Output:
    """The body's paragraphs in order, and the names of its bookmarks."""
    import docx

    document = docx.Document(str(path))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    names = {str(mark.get(f"{_W}name")) for mark in document.element.xpath("//w:bookmarkStart")}
    return Output(text, frozenset(names))


READERS = {
    "html": read_html,
    "epub": read_epub,
    "pdf": read_pdf,
    "markdown": read_markdown,
    "docx": read_docx,
}
