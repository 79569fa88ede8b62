"""MarkdownWriter: what the Markdown plugin's own rewriting guaranteed, the core writer keeps.

Text an author typed reaches Pandoc as text: raw HTML stays characters, a refused link keeps
its text, and an image is written only from inside the anthology folder, its destination never
closing early (a ``>`` in a path once let ``<script>`` after it be read as raw HTML).  Each
output is read back: by markdown-it with raw HTML on, and by Pandoc when it is installed.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from tests import validators

from interviewkit import Link as LinkModel
from interviewkit.document import MarkdownWriter, parse_blocks
from interviewkit.document.nodes import Image, Link, Paragraph, Text


def _tokens(markdown: str) -> list[Token]:
    tokens = MarkdownIt("commonmark", {"html": True}).parse(markdown)
    return [*tokens, *(child for token in tokens for child in token.children or ())]


def _written(source: str, **options: bool) -> str:
    return MarkdownWriter(**options).blocks(parse_blocks(source, "en", None))


def _pandoc_html(markdown: str) -> str:
    found = shutil.which("pandoc")
    validators.require("pandoc", found is not None, "apt-get install pandoc")
    assert found is not None  # require() skips (or fails in CI) without it
    run = subprocess.run(
        [found, "-f", "markdown", "-t", "html"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


@pytest.mark.parametrize(
    ("source", "alt"),
    [
        ("![tracker](https://tracker.example/x.png)", "tracker"),
        ("![up](../secret.png)", "up"),
        ("![root](/etc/x.png)", "root"),
    ],
)
def test_an_image_from_outside_the_folder_is_its_description(source: str, alt: str) -> None:
    written = _written(source)
    assert written == alt
    assert not [t for t in _tokens(written) if t.type == "image"]


def test_an_image_inside_the_folder_is_written() -> None:
    written = _written("![a photo](images/owen.png)")
    (image,) = [t for t in _tokens(written) if t.type == "image"]
    assert image.attrGet("src") == "images/owen.png"
    assert _written("![a photo](images/owen.png)", images=False) == "a photo"


def test_an_image_path_cannot_close_its_destination() -> None:
    """``>`` and ``<`` in a path are encoded: what follows stays part of the path."""
    written = _written("![a](x.png>{onerror=alert(1)}<script>)")
    assert not [t for t in _tokens(written) if t.type in {"html_inline", "html_block"}]
    (image,) = [t for t in _tokens(written) if t.type == "image"]
    assert "script" in str(image.attrGet("src"))


def test_pandoc_reads_an_image_path_as_a_path() -> None:
    """Pandoc, which reads raw HTML and ``{attributes}``, finds neither after the image."""
    html = _pandoc_html(_written("![a](x.png>{onerror=alert(1)}<script>)"))
    assert "<script" not in html
    assert " onerror" not in html
    assert 'src="x.png%3E%7Bonerror=alert(1)%7D%3Cscript%3E"' in html


def test_a_link_target_cannot_close_its_destination() -> None:
    written = MarkdownWriter().inlines((Link((Text("x"),), "https://e.org/a>b<script>"),))
    assert not [t for t in _tokens(written) if t.type == "html_inline"]


def test_raw_html_and_refused_links_stay_text() -> None:
    source = "<script>alert(1)</script> [x](javascript:alert(1)) [rel](other.md) <!-- c -->"
    written = _written(source)
    tokens = _tokens(written)
    assert not [t for t in tokens if t.type in {"html_inline", "html_block", "link_open"}]
    assert MarkdownIt("commonmark").render(written) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; x rel &lt;!-- c --&gt;</p>\n"
    )


_PIECES = [
    *"ab *_`[]()!<>#-+1.)\n\\&;:={}|~^$@\"' ",
    *["\n\n", "- ", "1. ", "> ", "```", "    ", "<script>", "</a>", "<!--", "-->", "&amp;"],
    *["<a href='x'>", "{=html}", "{onclick=x}", ":::", "javascript:x", "other.md", "https://e.org"],
    *["![i](", "images/a.png", "../x.png", "<y>"],
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_written_markdown_holds_no_raw_html(source: str) -> None:
    """Read with raw HTML on, the written text has no HTML token and only accepted links."""
    written = _written(source)
    for token in _tokens(written):
        assert token.type not in {"html_block", "html_inline"}, (source, written)
        if token.type == "link_open":
            LinkModel(label="x", url=str(token.attrGet("href")))  # raises if the model refuses it


def test_images_off_is_the_description() -> None:
    writer = MarkdownWriter(images=False)
    assert writer.blocks((Paragraph((Image("images/a.png", alt="*a*"),)),)) == "\\*a\\*"
