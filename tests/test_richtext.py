"""RichText keeps CommonMark source as written and renders it safely."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests import strategies

from interviewkit import RichText

# Pieces of hostile or tricky markup, mixed into generated text below.
_HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<iframe src='https://example.org'></iframe>",
        "[clic](javascript:alert(1))",
        "<javascript:alert(1)>",
        "![x](javascript:alert(1))",
        '<a href="javascript:alert(1)">x</a>',
        "<!-- commentaire -->",
        "&lt;déjà échappé&gt;",
        "`<b>code</b>`",
    ]
)
_MIXED = st.lists(st.one_of(_HOSTILE, strategies.texts()), max_size=5).map("\n".join)


class TestSource:
    """The model keeps the source, never rendered HTML."""

    @given(st.text())
    def test_source_is_kept_exactly(self, text: str) -> None:
        """Any text, white space and markup included, comes back unchanged as a plain str."""
        rich = RichText(text)
        assert rich.source == text
        assert type(rich.source) is str
        assert rich == text
        assert hash(rich) == hash(text)

    def test_markdown_is_not_normalised(self) -> None:
        """List markers, emphasis styles and trailing spaces stay as the author typed them."""
        text = "* un\n+ deux\n\n__gras__ et *it*  \nfin\n\n\n"
        assert RichText(text).source == text

    def test_repr_names_the_type(self) -> None:
        """The repr tells rich text from plain strings."""
        assert repr(RichText("« Oui »")) == "RichText('« Oui »')"


class TestToHtml:
    """Block rendering with CommonMark and raw HTML disabled."""

    def test_script_becomes_text(self) -> None:
        """A ``<script>`` element in an answer is escaped and shown, never executed."""
        html = RichText("Voici <script>alert('x')</script> du texte.").to_html()
        assert "<script" not in html
        assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html

    def test_inline_html_tags_are_escaped(self) -> None:
        """Inline tags written by users are escaped too; Markdown emphasis is rendered."""
        html = RichText("Un *mot* et <b>gras</b>").to_html()
        assert html == "<p>Un <em>mot</em> et &lt;b&gt;gras&lt;/b&gt;</p>\n"

    def test_lists_links_and_quotes_render(self) -> None:
        """CommonMark blocks become their HTML elements."""
        html = RichText(
            "Trois choses :\n\n- écouter;\n- répondre.\n\n> Une citation.\n\n"
            "Voir [le blogue](https://example.org/blogue)."
        ).to_html()
        assert "<ul>\n<li>écouter;</li>\n<li>répondre.</li>\n</ul>" in html
        assert "<blockquote>\n<p>Une citation.</p>\n</blockquote>" in html
        assert '<a href="https://example.org/blogue">le blogue</a>' in html

    def test_javascript_links_are_not_linked(self) -> None:
        """A ``javascript:`` link target is not turned into a link."""
        html = RichText("[clic](javascript:alert(1))").to_html()
        assert "<a" not in html
        assert "href" not in html

    @given(_MIXED)
    def test_no_raw_html_survives(self, text: str) -> None:
        """Whatever the text, the output has no script, iframe, event handler or js: URL."""
        html = RichText(text).to_html()
        assert "<script" not in html
        assert "<iframe" not in html
        assert "<!--" not in html
        assert not re.search(r"<[^>]*\sonerror=", html)
        assert not re.search(r"(href|src)=\"javascript:", html)


class TestToInlineHtml:
    """Inline rendering for questions and titles: no wrapping paragraph."""

    def test_no_paragraph_wrapper(self) -> None:
        """A one-line question renders without ``<p>``."""
        assert (
            RichText("Pourquoi *Sherbrooke*?").to_inline_html() == "Pourquoi <em>Sherbrooke</em>?"
        )

    def test_inline_html_is_escaped(self) -> None:
        """Raw HTML is escaped in inline rendering as well."""
        html = RichText("Et <script>x</script>?").to_inline_html()
        assert html == "Et &lt;script&gt;x&lt;/script&gt;?"

    def test_links_and_code_render_inline(self) -> None:
        """Links and code spans render; block syntax stays literal text."""
        html = RichText("Voir [ici](https://example.org) et `code`").to_inline_html()
        assert html == 'Voir <a href="https://example.org">ici</a> et <code>code</code>'
        assert RichText("# pas un titre").to_inline_html() == "# pas un titre"


class TestToText:
    """Plain text for search indexes and metadata."""

    @pytest.mark.parametrize(
        ("source", "text"),
        [
            ("Un *mot* et **deux** _trois_", "Un mot et deux trois"),
            ("Voir [le blogue](https://example.org).", "Voir le blogue."),
            ("Du `code` ici", "Du code ici"),
            ("# Titre\n\nParagraphe", "Titre\n\nParagraphe"),
            ("- un\n- deux", "un\n\ndeux"),
            ("> cité", "cité"),
            ("ligne un\nligne deux", "ligne un ligne deux"),
            ("dur  \nretour", "dur\nretour"),
            ("« Bonjour », @maude_lvg #communauté", "« Bonjour », @maude_lvg #communauté"),
            ("", ""),
        ],
    )
    def test_syntax_is_stripped(self, source: str, text: str) -> None:
        """Markdown syntax is removed and the words kept, paragraphs separated by a blank line."""
        assert RichText(source).to_text() == text

    def test_raw_html_stays_as_text(self) -> None:
        """Raw HTML is not markup here: it is kept as the characters written."""
        assert RichText("a <b>b</b>").to_text() == "a <b>b</b>"

    @given(strategies.texts())
    def test_plain_words_survive(self, text: str) -> None:
        """Text without Markdown punctuation comes back with the same words."""
        words = re.findall(r"[^\W_]+", text)
        plain = " ".join(words)
        if words and not plain[0].isdigit():  # "1." would start an ordered list
            assert RichText(plain).to_text() == plain


class TestBlankness:
    """Blank text: empty is falsy like any str, white space needs ``is_blank()``."""

    def test_empty_text_is_falsy(self) -> None:
        """An empty RichText is falsy, and blank."""
        assert not RichText("")
        assert not RichText()
        assert RichText().is_blank()

    @pytest.mark.parametrize("blank", [" ", "\n\n", "\t \u00a0"])
    def test_white_space_is_truthy_but_blank(self, blank: str) -> None:
        """White space only is truthy (str semantics) yet ``is_blank()``, and renders to nothing."""
        rich = RichText(blank)
        assert rich
        assert rich.is_blank()
        assert rich.to_text() == ""

    def test_text_is_truthy_and_not_blank(self) -> None:
        """Any visible character makes the text non-blank."""
        assert RichText(" . ")
        assert not RichText(" . ").is_blank()
