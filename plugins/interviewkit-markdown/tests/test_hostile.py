"""Issue 12, item 4: user text reaches Pandoc as text, never as raw HTML, attributes or links.

Pandoc's Markdown reads more than CommonMark: raw HTML and comments, `` `x`{=html} `` and
```` ```{=html} ```` raw blocks, ``{onclick=...}`` attributes on headings, spans, divs and
images, ``:::`` divs.  Every field a contributor writes (name, title, question, answer, lede,
section, link label, description) holds such text here; the HTML Pandoc makes of the export
must hold none of it as markup.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from interviewkit_markdown import MarkdownExporter, MarkdownFolderExporter
from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from markdown_it.token import Token

from interviewkit import (
    Answer,
    Anthology,
    Link,
    MarkdownWriter,
    Person,
    RichText,
    Section,
    Source,
    build_document,
    run_checks,
)
from interviewkit.testing import check_exporter, sample_anthology

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PLAIN = f"{SCRIPT} {IMG} <!-- hidden --> Tom &amp; Jerry [x](javascript:alert(1))"
RICH = f"""\
{PLAIN}

`<b>raw</b>`{{=html}} and [span]{{onclick=alert(1)}} and ![i](https://tracker.example/x.png){{onerror=alert(1)}}

```{{=html}}
<script>alert(2)</script>
```

::: {{onmouseover=alert(1)}}
div
:::

<div markdown="1">
<style>body {{ display: none }}</style>
</div>

# heading {{onclick=alert(1)}}

[relative](other.md) and [back](../secret) and [quoted](https://exa"mple.com) and
<javascript:alert(1)> and [data](data:text/html,alert(1))
"""


def hostile() -> Anthology:
    """The sample anthology with hostile text in every field a contributor writes."""
    anthology = sample_anthology()
    portrait = anthology.portraits[0]
    exchanges = tuple(
        attrs.evolve(exchange, question=RichText(PLAIN), answers=(Answer(text=RichText(RICH)),))
        for exchange in portrait.interview.exchanges
    )
    portrait = attrs.evolve(
        portrait,
        title=PLAIN,
        subject=Person(name=f"Eve {SCRIPT}", role=IMG, bio=RichText(RICH)),
        lede=RichText(RICH),
        interview=attrs.evolve(portrait.interview, exchanges=exchanges),
        follow=(Link(label=PLAIN, url="https://example.org/eve"),),
    )
    section = Section(id="preface", title=PLAIN, kind="preface", body=RichText(RICH))
    return attrs.evolve(
        anthology,
        title=f"Book {SCRIPT}",
        subtitle=IMG,
        description=RichText(RICH),
        portraits=(portrait, *anthology.portraits[1:]),
        front_matter=(section,),
    )


def pandoc_html(pandoc: Path, page: Path) -> lxml_html.HtmlElement:
    """The document Pandoc makes of ``page`` (standalone, so the metadata is used), parsed."""
    run = subprocess.run(
        [pandoc, "-f", "markdown", "-t", "html", "--standalone", "--metadata", "pagetitle=t", page],
        check=True,
        capture_output=True,
        text=True,
    )
    return lxml_html.document_fromstring(run.stdout)


def assert_inert(document: lxml_html.HtmlElement, pages: set[str]) -> None:
    """No script, style, image, iframe, comment, event handler or foreign link in a document.

    ``pages`` are the files of the export itself, which its own links may name.
    """
    for element in document.iter():
        if not isinstance(element.tag, str):
            assert not isinstance(element, etree._Comment) or "hidden" not in str(element.text)
            continue
        assert element.tag not in {"script", "img", "iframe", "object", "embed"}, element.tag
        if element.tag == "style":
            assert "display: none" not in (element.text or "")
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name, value)
            if name in {"href", "src"}:
                web = value.startswith(("https://", "http://", "mailto:", "#"))
                assert web or value.split("#", 1)[0] in pages, (name, value)


@pytest.mark.parametrize("exporter", [MarkdownExporter, MarkdownFolderExporter])
def test_pandoc_reads_no_markup_from_user_text(
    tmp_path: Path, pandoc: Path, exporter: type[MarkdownExporter]
) -> None:
    """Every page, read by ``pandoc -f markdown -t html``, holds the hostile text as text only."""
    result = check_exporter(exporter, tmp_path=tmp_path, anthology=hostile())
    pages = [result.path] if result.path.is_file() else sorted(result.path.glob("*.md"))
    texts = []
    for page in pages:
        document = pandoc_html(pandoc, page)
        assert_inert(document, {page.name for page in pages})
        texts.append(document.text_content())
    text = "\n".join(texts)
    assert SCRIPT in text
    assert IMG in text
    assert "Tom &amp; Jerry" in text
    assert "<!-- hidden -->" in text  # as typed: the dashes are escaped from Pandoc's smart
    assert "`{=html}" not in text  # the code span stays a code span, its attribute text


def test_refused_links_are_reported_once_by_the_checks(tmp_path: Path) -> None:
    """Relative and refused links print their text; interviewkit's checks warn, not the format."""
    book = hostile()
    result = check_exporter(MarkdownExporter, tmp_path=tmp_path, anthology=book)
    assert result.problems == ()  # the content checks of check and build report them, once
    problems = run_checks(Source(anthology=book, root=tmp_path, file=tmp_path))
    refused = [p for p in problems if p.message.startswith("link to ")]
    answer = "portraits[0] (rosalie-gendron).interview.exchanges[0].answers[0].text"
    assert any(p.where == answer and "'other.md'" in p.message for p in refused)
    assert any("absolute https:// address" in p.hint for p in refused)
    assert any(
        p.where == "front_matter[0] (preface).body" and "'https://exa%22mple.com'" in p.message
        for p in refused
    )
    body = result.path.read_text(encoding="utf-8")
    assert "other.md" not in body
    assert "javascript:" in body  # as text only: CommonMark shows it, no link holds it
    links = [t for t in _flatten(MarkdownIt("commonmark").parse(body)) if t.type == "link_open"]
    assert links
    assert not [t for t in links if "javascript:" in str(t.attrGet("href"))]


_PIECES = [
    *"ab *_`[]()!<>#-+1.)\n\\&;:={}|~^$@\"' ",
    *["\n\n", "- ", "1. ", "> ", "```", "    ", "<script>", "</a>", "<!--", "-->", "&amp;"],
    *["<a href='x'>", "{=html}", "{onclick=x}", ":::", "javascript:x", "other.md", "https://e.org"],
    *["![i](", "images/a.png", "../x.png", "<y>", "@handle", "#tag"],
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_written_markdown_holds_no_raw_html(source: str) -> None:
    """A portrait whose lede, question and answer are ``source``, written by the format and
    read with raw HTML on, has no HTML token and only accepted links."""
    from interviewkit_markdown._write import portrait_markdown

    anthology = sample_anthology()
    portrait = anthology.portraits[0]
    question = RichText(" ".join(source.split()) or "?")  # a question is one line, not blank
    exchanges = tuple(
        attrs.evolve(exchange, question=question, answers=(Answer(text=RichText(source)),))
        for exchange in portrait.interview.exchanges
    )
    portrait = attrs.evolve(
        portrait,
        lede=RichText(source or "lede"),
        interview=attrs.evolve(portrait.interview, exchanges=exchanges),
    )
    book = build_document(attrs.evolve(anthology, portraits=(portrait, *anthology.portraits[1:])))
    written = portrait_markdown(
        book,
        book.portraits[0],
        heading_ids=True,
        portrait_link=lambda ident: f"#{ident}",
        images=True,
        writer=MarkdownWriter(),
    )
    for token in _flatten(MarkdownIt("commonmark", {"html": True}).parse(written)):
        assert token.type not in {"html_block", "html_inline"}, (source, written)
        if token.type == "link_open":
            href = str(token.attrGet("href"))
            if not href.startswith("#"):
                Link(label="x", url=href)  # raises if the model refuses it


def _flatten(tokens: list[Token]) -> list[Token]:
    return [*tokens, *(child for token in tokens for child in token.children or ())]
