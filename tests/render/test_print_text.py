"""Running text for print: soft hyphens (TeX's rule for capitals) and the addresses of links."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from interviewkit.render.hyphenation import SOFT_HYPHEN, Hyphenator, unbroken_names
from interviewkit.render.link_notes import LinkNotes, printed_address
from interviewkit.render.markdown import RichTextRenderer


class TestHyphenator:
    """Which words get soft hyphens."""

    def test_lowercase_words_get_soft_hyphens(self) -> None:
        """A long lowercase word gets hyphenation points; at least three letters end it."""
        text = Hyphenator("fr-CA").hyphenate("les gestionnaires internationalisent")
        assert text.replace(SOFT_HYPHEN, "") == "les gestionnaires internationalisent"
        assert f"ges{SOFT_HYPHEN}tion" in text
        assert all(len(part) >= 3 for part in text.split()[-1].split(SOFT_HYPHEN)[-1:])

    @pytest.mark.parametrize(
        "text",
        [
            "LinkedIn",
            "Facebook",
            "Drummondville",
            "iPhone",
            "SoundCloud",
            "Gendron-Paquin",
            "rendez-vous",
            "@gestionnaire_communaute",
            "#communications",
            "https://example.org/gestionnaires",
            "marie-lou@example.org",
            "gestionnaires.example.org",
            "10:30",
            "chose",
        ],
    )
    def test_names_brands_compounds_and_addresses_are_left_alone(self, text: str) -> None:
        """Capitalised words (anywhere), hyphenated compounds, handles, hashtags, addresses and
        short words are never given a hyphenation point."""
        assert Hyphenator("en").hyphenate(text) == text
        assert Hyphenator("fr").hyphenate(text) == text

    @pytest.mark.parametrize(
        ("language", "text", "expected"),
        [
            ("en", "afford coffee", "afford coffee"),
            ("en", "official difficult effluent", "offi-cial diffi-cult efflu-ent"),
            ("en", "offline affordable", "offline afford-able"),
            ("fr", "souffler efficace afficher", "souffler effi-cace affi-cher"),
        ],
    )
    def test_no_break_inside_a_ligature(self, language: str, text: str, expected: str) -> None:
        """No soft hyphen after an f followed by f, i or l (ff, fi, fl, ffi, ffl): the PDF
        would lose the ligature's text ("afford" read "aord"); other break points stay."""
        hyphenated = Hyphenator(language).hyphenate(text)
        assert hyphenated.replace(SOFT_HYPHEN, "-") == expected
        assert hyphenated.replace(SOFT_HYPHEN, "") == text

    def test_a_language_without_a_dictionary_is_left_as_it_is(self) -> None:
        """No dictionary: no soft hyphen (the PDF then breaks words only at spaces)."""
        hyphenator = Hyphenator("tlh")
        assert not hyphenator.available
        assert hyphenator.hyphenate("internationalisation") == "internationalisation"


class TestUnbrokenNames:
    """Hyphenated names kept on one line in titles and bylines."""

    def test_capitalised_compounds_are_wrapped_and_the_rest_escaped(self) -> None:
        """Each name whose parts are capitalised is wrapped; other text is escaped only."""
        html = unbroken_names("Rencontre <avec> Marie-Lou Gendron-Paquin, rendez-vous & Co")
        assert html == (
            'Rencontre &lt;avec&gt; <span class="unbroken">Marie-Lou</span> '
            '<span class="unbroken">Gendron-Paquin</span>, rendez-vous &amp; Co'
        )

    def test_a_very_long_compound_may_still_break(self) -> None:
        """A compound too long to stay on one line of a narrow title is left breakable."""
        name = "Tremblay-Castonguay-Desrosiers-Lamontagne"
        assert unbroken_names(name) == name


class TestRendererHyphenates:
    """Soft hyphens go into running text only."""

    def test_text_but_not_links_code_or_headings(self) -> None:
        """Paragraph text is hyphenated; a link's text, inline code and a heading are not."""
        renderer = RichTextRenderer("en", hyphenate=True)
        html = str(
            renderer.block(
                "## extraordinary headings\n\nextraordinary "
                "[extraordinary](https://example.org) `extraordinary`",
                heading_level=3,
            )
        )
        tree = lxml_html.fragment_fromstring(html, create_parent="div")
        assert SOFT_HYPHEN not in tree.findtext("h4")
        assert SOFT_HYPHEN not in tree.findtext(".//a")
        assert SOFT_HYPHEN not in tree.findtext(".//code")
        assert SOFT_HYPHEN in tree.find("p").text

    def test_off_by_default_and_in_inline_text(self) -> None:
        """Other formats never get soft hyphens, and neither do questions (inline text)."""
        assert SOFT_HYPHEN not in RichTextRenderer("en").block("extraordinary")
        assert SOFT_HYPHEN not in RichTextRenderer("en", hyphenate=True).inline("extraordinary")


class TestPrintedAddress:
    """Which links get their address printed."""

    @pytest.mark.parametrize(
        ("href", "text", "expected"),
        [
            ("https://example.org/post", "a post", "https://example.org/post"),
            ("https://example.org/", "example.org", None),
            ("https://www.example.org", "https://example.org/", None),
            ("mailto:ada@example.org", "write to me", "ada@example.org"),
            ("mailto:ada@example.org?subject=hi", "write to me", "ada@example.org"),
            ("mailto:ada@example.org", "ada@example.org", None),
            ("interviewkit-anchor:ada-brook", "Ada Brook", None),
            ("#part-2", "part two", None),
        ],
    )
    def test_printed_address(self, href: str, text: str, expected: str | None) -> None:
        """Only web and e-mail links whose text does not already show the address."""
        assert printed_address(href, text) == expected


class TestLinkNotes:
    """The renderer's marks for printed addresses."""

    SOURCE = (
        "See [my post](https://example.org/post?a=1&b=2), https://example.org/bare, "
        "<https://example.org/auto>, [example.org/self](https://example.org/self), "
        "@ada and [write](mailto:ada@example.org)."
    )

    @pytest.mark.parametrize("raw_html", [False, True])
    def test_footnotes_follow_their_links_escaped(self, raw_html: bool) -> None:
        """A footnote after each link whose text hides its address, none after the others;
        the address is escaped, and (raw HTML on) survives the sanitizer with its class."""
        renderer = RichTextRenderer("en", handle_platform="twitter", raw_html=raw_html)
        notes = LinkNotes("footnotes", "p-note-")
        html = str(renderer.block(self.SOURCE, link_notes=notes))
        tree = lxml_html.fragment_fromstring(html, create_parent="div")
        footnotes = tree.find_class("link-footnote")
        assert [f.text_content() for f in footnotes] == [
            "https://example.org/post?a=1&b=2",
            "ada@example.org",
        ]
        assert "&amp;b=2" in html
        assert footnotes[0].getprevious().get("href") == "https://example.org/post?a=1&b=2"
        assert [note.number for note in notes.notes] == [1, 2]

    def test_notes_are_numbered_across_blocks(self) -> None:
        """One portrait's notes run on from one answer to the next; each mark links its note."""
        renderer = RichTextRenderer("en")
        notes = LinkNotes("notes", "ada-note-")
        renderer.block("[one](https://example.org/1)", link_notes=notes)
        html = str(renderer.block("[two](https://example.org/2)", link_notes=notes))
        tree = lxml_html.fragment_fromstring(html, create_parent="div")
        (call,) = tree.find_class("note-call")
        assert call.get("id") == "ada-note-2-call"
        assert call.find("a").get("href") == "#ada-note-2"
        assert call.text_content() == "2"
        assert [note.shown for note in notes.notes] == [
            "https://example.org/1",
            "https://example.org/2",
        ]

    def test_without_notes_a_link_is_its_text(self) -> None:
        """The HTML and EPUB formats (no notes asked for) are unchanged."""
        html = RichTextRenderer("en").block("[my post](https://example.org/post)")
        assert html == '<p><a href="https://example.org/post">my post</a></p>\n'
