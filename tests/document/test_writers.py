"""The book document's writers: the HTML is what markdown-it wrote, the text and Markdown lose
nothing a reader needs, and any Markdown reads back as the same document."""

from __future__ import annotations

import re
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tests.strategies import markdown_texts

from interviewkit import Image as ModelImage
from interviewkit import ModelError
from interviewkit.document import (
    HtmlWriter,
    MarkdownWriter,
    blocks_text,
    inlines_text,
    parse_blocks,
    parse_inlines,
)
from interviewkit.document.nodes import (
    BulletList,
    CodeBlock,
    Emphasis,
    Image,
    Link,
    OrderedList,
    Paragraph,
    Text,
)
from interviewkit.render.hyphenation import Hyphenator
from interviewkit.render.link_notes import LinkNotes
from interviewkit.render.markdown import MAYBE_BARE_LINK, RichTextRenderer

LANGUAGES = ["fr-CA", "fr", "en", "de"]
# The one deliberate difference from markdown-it's HTML: an address shown as itself is a link
# of class "url", so print can break it anywhere (markdown-it writes no class).
URL_CLASS = re.compile(r'<a class="url" href=')


def _images(path: str) -> str | None:
    return None if "missing" in path else f"resolved/{path}"


@settings(max_examples=300, deadline=None)
@given(source=markdown_texts(), language=st.sampled_from(LANGUAGES))
def test_html_is_what_markdown_it_writes(source: str, language: str) -> None:
    old_problems: list[str] = []
    new_problems: list[str] = []
    expected = RichTextRenderer(language, handle_platform="mastodon").block(
        source, heading_level=3, resolve_image=_images, problems=old_problems
    )
    blocks = parse_blocks(source, language, "mastodon", new_problems)
    written = HtmlWriter(resolve_image=_images, problems=new_problems).blocks(
        blocks, heading_level=3
    )
    assert URL_CLASS.sub("<a href=", str(written)) == str(expected)
    assert len(new_problems) == len(old_problems)


@settings(max_examples=200, deadline=None)
@given(
    source=markdown_texts(),
    language=st.sampled_from(["fr-CA", "en"]),
    style=st.sampled_from(["footnotes", "notes"]),
)
def test_print_notes_and_hyphens_are_what_markdown_it_writes(
    source: str, language: str, style: str
) -> None:
    """The link notes and soft hyphens of print come in the same places."""
    old_notes = LinkNotes(style, "n-")  # type: ignore[arg-type]
    new_notes = LinkNotes(style, "n-")  # type: ignore[arg-type]
    expected = RichTextRenderer(language, hyphenate=True).block(
        source, heading_level=3, resolve_image=_images, link_notes=old_notes
    )
    written = HtmlWriter(
        resolve_image=_images, link_notes=new_notes, hyphenator=Hyphenator(language)
    ).blocks(parse_blocks(source, language, None), heading_level=3)
    # Only the links of the text itself: the footnotes' own addresses carry the class anyway.
    assert URL_CLASS.sub("<a href=", str(written)) == URL_CLASS.sub("<a href=", str(expected))
    assert new_notes.notes == old_notes.notes


def test_inline_html_is_what_markdown_it_writes() -> None:
    source = "Pourquoi *vraiment* « ça » ? Voir @nom et [ici](https://example.org/x)"
    expected = RichTextRenderer("fr-CA", handle_platform="mastodon").inline(source)
    assert HtmlWriter().inlines(parse_inlines(source, "fr-CA", "mastodon")) == expected


def test_the_document_holds_typeset_text_and_classified_links() -> None:
    blocks = parse_blocks(
        'Un "essai" avec [mon blogue](https://example.org/b) et https://example.org :',
        "fr-CA",
        None,
    )
    (paragraph,) = blocks
    assert isinstance(paragraph, Paragraph)
    assert paragraph.children[0] == Text("Un «\u00a0essai\u00a0» avec ")
    links = [node for node in paragraph.children if isinstance(node, Link)]
    assert [(link.kind, link.target) for link in links] == [
        ("text", "https://example.org/b"),
        ("address", "https://example.org"),
    ]
    assert paragraph.children[-1] == Text("\u00a0:")


def test_handles_and_hashtags_carry_their_targets() -> None:
    (paragraph,) = parse_blocks("Suivez @atelier et #lutherie", "fr", "twitter")
    assert isinstance(paragraph, Paragraph)
    links = [node for node in paragraph.children if isinstance(node, Link)]
    assert [(link.kind, link.target) for link in links] == [
        ("handle", "https://twitter.com/atelier"),
        ("hashtag", "https://twitter.com/hashtag/lutherie"),
    ]


def test_a_refused_link_keeps_its_text_and_is_reported() -> None:
    problems: list[str] = []
    (paragraph,) = parse_blocks(
        "[voir](javascript:alert(1)) ou [là](autre.md)", "fr", None, problems
    )
    assert isinstance(paragraph, Paragraph)
    assert not any(isinstance(node, Link) for node in paragraph.children)
    assert "voir" in inlines_text(paragraph.children)
    assert len(problems) == 2


def test_text_keeps_lists_and_hidden_addresses() -> None:
    blocks = parse_blocks(
        "Trois choses :\n\n- un;\n- deux\n\n3. trois\n4. quatre\n\n"
        "Voir [mon carnet](https://example.org/carnet), https://example.org et @moi.",
        "en",
        "twitter",
    )
    assert blocks_text(blocks) == (
        "Trois choses :\n\n- un;\n- deux\n\n3. trois\n4. quatre\n\n"
        "Voir mon carnet (https://example.org/carnet), https://example.org et @moi."
    )


@pytest.mark.parametrize(
    ("source", "markdown"),
    [
        ("A *word* and **more**", "A *word* and **more**"),
        ("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>"),
        ("1986\\. A good year", "1986\\. A good year"),
        ("- a\n- b\n\n  c", "- a\n\n- b\n\n  c"),
        ("Call @someone", "Call \\@someone"),
        ("See https://example.org", "See <https://example.org>"),
        ("See [it](https://example.org/it)", "See [it](<https://example.org/it>)"),
        ("``a`b`` c", "``a`b`` c"),
    ],
)
def test_markdown_is_escaped_and_structured(source: str, markdown: str) -> None:
    assert MarkdownWriter().blocks(parse_blocks(source, "en", None)) == markdown


@settings(max_examples=300, deadline=None)
@given(source=markdown_texts(), language=st.sampled_from(LANGUAGES))
def test_markdown_reads_back_as_the_same_document(source: str, language: str) -> None:
    """Whatever the author wrote, the Markdown written from it is read as the same blocks.

    Read back as English: the text is typeset already, and French spacing is not idempotent
    across the escapes the writer adds (``|:-:|`` reads ``|:-\u00a0:|`` once escaped)."""
    blocks = parse_blocks(source, language, None)
    # Text that looks like an address but was not one to the parser (``https://x/'a'``, whose
    # quotes are curly once typeset) may be linked when read again: a documented limit.
    assume(not MAYBE_BARE_LINK.search(blocks_text(blocks)))
    # An image from outside the folder is written as its description (test_markdown_writer).
    assume(all(_inside_folder(image.path) for image in _images_in(blocks)))
    again = parse_blocks(MarkdownWriter().blocks(blocks, heading_level=1), "en", None)
    assert _closed_fences(again) == _closed_fences(blocks)


def _inside_folder(path: str) -> bool:
    try:
        ModelImage(path=path, alt="image")
    except ModelError:
        return False
    return True


def _images_in(node: Any) -> list[Image]:
    if isinstance(node, Image):
        return [node]
    if isinstance(node, tuple):
        return [image for child in node for image in _images_in(child)]
    if attrs.has(type(node)):
        return [
            image
            for field in attrs.fields(type(node))
            for image in _images_in(getattr(node, field.name))
        ]
    return []


def _closed_fences(node: Any) -> Any:
    """The same nodes, every code block ending its last line (a fence left open at the end of
    a text has none, and a written fence must close on a line of its own), and no empty
    paragraph (a refused link with no text leaves one, and Markdown has nothing to write)."""
    if isinstance(node, tuple):
        return tuple(_closed_fences(child) for child in node if child != Paragraph(children=()))
    if isinstance(node, CodeBlock):
        return attrs.evolve(node, text=node.text.rstrip("\n") + "\n")
    if attrs.has(type(node)):
        node = attrs.evolve(
            node,
            **{
                field.name: _closed_fences(getattr(node, field.name))
                for field in attrs.fields(type(node))
                if isinstance(getattr(node, field.name), tuple)
            },
        )
        if isinstance(node, BulletList | OrderedList) and not any(
            isinstance(child, Paragraph) for item in node.items for child in item.children
        ):
            node = attrs.evolve(node, tight=True)  # tight or loose: no paragraph to tell
    return node


def test_lists_keep_their_kind_and_start() -> None:
    bullet, ordered = parse_blocks("- *a*\n- b\n\n7. c\n8. d", "en", None)
    assert isinstance(bullet, BulletList)
    assert bullet.tight
    assert bullet.items[0].children == (Paragraph((Emphasis((Text("a"),)),)),)
    assert isinstance(ordered, OrderedList)
    assert ordered.start == 7
