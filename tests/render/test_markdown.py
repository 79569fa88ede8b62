"""Rich text to HTML: escaping, safe links, images, bare URLs, handles, headings and XHTML."""

from __future__ import annotations

import pytest

from interviewkit.render.markdown import RichTextRenderer


def render(source: str, *, platform: str | None = None, **kwargs: object) -> str:
    """One block of English Markdown rendered to a string."""
    return str(RichTextRenderer("en", handle_platform=platform).block(source, **kwargs))  # type: ignore[arg-type]


class TestRawHtml:
    """HTML typed in the content."""

    @pytest.mark.parametrize(
        ("source", "expected"),
        [
            ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"),
            ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n"),
            ("a <em>b</em> c", "<p>a &lt;em&gt;b&lt;/em&gt; c</p>\n"),
        ],
    )
    def test_escaped_by_default(self, source: str, expected: str) -> None:
        """Raw HTML is shown as text, block or inline."""
        assert render(source) == expected

    def test_escaped_in_inline_text(self) -> None:
        """A question (inline rendering) escapes raw HTML too."""
        assert RichTextRenderer("en").inline("Why <b>this</b>?") == "Why &lt;b&gt;this&lt;/b&gt;?"

    def test_sanitized_when_allowed(self) -> None:
        """With ``raw_html=True`` a script is removed and harmless tags such as ``<em>`` kept."""
        renderer = RichTextRenderer("en", raw_html=True)
        html = renderer.block("<script>alert(1)</script>\n\nSome <em>emphasis</em> here.")
        assert "<script" not in html
        assert "alert(1)" not in html
        assert "<p>Some <em>emphasis</em> here.</p>" in html

    def test_sanitizer_keeps_the_handle_classes_only(self) -> None:
        """Handle and hashtag links keep their class; an author's own class is dropped."""
        renderer = RichTextRenderer("en", handle_platform="twitter", raw_html=True)
        html = renderer.block('Ask @bea about #bees or <a href="https://x.example" class="x">x</a>')
        assert 'class="handle"' in html
        assert 'class="hashtag"' in html
        assert 'class="x"' not in html

    @pytest.mark.parametrize(
        "source",
        [
            "<img src=x onerror=alert(1)>",
            '<a href="javascript:alert(1)">x</a>',
            "<p onclick=alert(1)>para</p>",
            '<a href="data:text/html,alert(1)">d</a>',
            '<iframe src="https://example.org"></iframe>',
        ],
    )
    def test_sanitizer_removes_active_content(self, source: str) -> None:
        """With ``raw_html=True`` event handlers, script URLs and frames are removed."""
        html = RichTextRenderer("en", raw_html=True).block(source)
        for forbidden in ("onerror", "onclick", "javascript:", "data:", "<iframe"):
            assert forbidden not in html

    def test_sanitizer_keeps_markdown_images(self) -> None:
        """With ``raw_html=True`` Markdown images keep their ``data:`` URI and XHTML form."""
        renderer = RichTextRenderer("en", raw_html=True)
        src = "data:image/png;base64,iVBORw0KGgo="
        html = renderer.block("![A door](door.png)", resolve_image=lambda _: src)
        assert html == f'<p><img src="{src}" alt="A door" /></p>\n'

    def test_sanitizer_drops_raw_images(self) -> None:
        """With ``raw_html=True`` a raw ``<img>`` is dropped: images must be resolved files."""
        html = RichTextRenderer("en", raw_html=True).block(
            'Look <img src="https://tracker.example/p.gif" alt="pixel"> here'
        )
        assert html == "<p>Look  here</p>\n"


class TestLinks:
    """Which links are kept."""

    @pytest.mark.parametrize(
        "source",
        [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "[x](&#106;avascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "[x](file:///etc/passwd)",
            "[x](vbscript:msgbox)",
            "[x](//evil.example/)",
            "[x](other.html#q2)",
            "[x](#q2)",
            '[x](https://exa"mple.org)',
            "<javascript:alert(1)>",
        ],
    )
    def test_unsafe_links_stay_text(self, source: str) -> None:
        """A link the model's URL check refuses, relative ones too, is printed as its text."""
        problems: list[str] = []
        html = render(source, problems=problems)
        assert "<a" not in html
        assert "href" not in html
        assert html in {"<p>x</p>\n", "<p>javascript:alert(1)</p>\n"}
        assert len(problems) == 1
        assert "printed as plain text" in problems[0]

    @pytest.mark.parametrize(
        ("source", "href"),
        [
            ("[a](https://example.org/p)", "https://example.org/p"),
            ("[a](http://example.org/)", "http://example.org/"),
            ("[a](mailto:ana@example.org)", "mailto:ana@example.org"),
        ],
    )
    def test_safe_links_kept(self, source: str, href: str) -> None:
        """Absolute http(s) and mailto links become links."""
        assert render(source) == f'<p><a href="{href}">a</a></p>\n'

    @pytest.mark.parametrize(
        ("source", "href"),
        [
            ("https://example.org/a?b=1", "https://example.org/a?b=1"),
            ("www.example.org", "http://www.example.org"),
            ("ana@example.org", "mailto:ana@example.org"),
        ],
    )
    def test_bare_urls_linked(self, source: str, href: str) -> None:
        """Bare URLs and e-mail addresses become links showing the text as typed."""
        assert render(f"See {source} now") == f'<p>See <a href="{href}">{source}</a> now</p>\n'


class TestImages:
    """Images are resolved by a callback; those that cannot be become their alt text."""

    def test_resolved_through_the_callback(self) -> None:
        """The callback receives the path as written and its answer becomes ``src``."""
        seen: list[str] = []

        def resolve(path: str) -> str:
            seen.append(path)
            return "images/resolved.png"

        html = render("![A *red* door](images/door.png)", resolve_image=resolve)
        assert seen == ["images/door.png"]
        assert html == '<p><img src="images/resolved.png" alt="A red door" /></p>\n'

    def test_missing_image_becomes_alt_text(self) -> None:
        """An image the callback refuses is replaced by its alt text, and a problem recorded."""
        problems: list[str] = []
        html = render(
            "![A red door](images/missing.png)", resolve_image=lambda _: None, problems=problems
        )
        assert html == '<p><span class="missing-image">A red door</span></p>\n'
        assert len(problems) == 1
        assert "images/missing.png" in problems[0]

    @pytest.mark.parametrize(
        "src", ["https://example.org/a.png", "file:///etc/passwd", "data:image/png;base64,AA"]
    )
    def test_urls_never_reach_the_callback(self, src: str) -> None:
        """An image with a URL scheme is never resolved or shown."""
        seen: list[str] = []

        def resolve(path: str) -> str:
            seen.append(path)
            return "x.png"

        problems: list[str] = []
        html = render(f"![alt]({src})", resolve_image=resolve, problems=problems)
        assert seen == []
        assert "<img" not in html
        assert "src=" not in html

    def test_without_a_callback_images_are_left_out(self) -> None:
        """Without a resolver (an inline field), an image is its alt text with a problem."""
        problems: list[str] = []
        html = render("![alt text](images/a.png)", problems=problems)
        assert '<span class="missing-image">alt text</span>' in html
        assert problems


class TestHandles:
    """``@handles`` and ``#hashtags``."""

    @pytest.mark.parametrize(
        ("platform", "handle_href", "tag_href"),
        [
            ("twitter", "https://twitter.com/ana_b", "https://twitter.com/hashtag/craft"),
            (
                "instagram",
                "https://www.instagram.com/ana_b/",
                "https://www.instagram.com/explore/tags/craft/",
            ),
            (
                "mastodon:social.example.org",
                "https://social.example.org/@ana_b",
                "https://social.example.org/tags/craft",
            ),
        ],
    )
    def test_linked_per_platform(self, platform: str, handle_href: str, tag_href: str) -> None:
        """With a platform, handles and hashtags link to it."""
        html = render("Follow @ana_b for #craft.", platform=platform)
        assert html == (
            f'<p>Follow <a href="{handle_href}" class="handle">@ana_b</a> for '
            f'<a href="{tag_href}" class="hashtag">#craft</a>.</p>\n'
        )

    def test_plain_without_platform(self) -> None:
        """Without a platform, handles and hashtags stay plain text."""
        assert render("Follow @ana_b for #craft.") == "<p>Follow @ana_b for #craft.</p>\n"

    @pytest.mark.parametrize(
        "source",
        [
            "Write to ana_b@example.org",
            "Code `@ana_b #craft` here",
            "See https://example.org/@ana_b#craft",
            "Issue foo#12 and a#b",
            "Room #101",
        ],
    )
    def test_not_linked_inside_other_things(self, source: str) -> None:
        """E-mail addresses, code, URLs and words with ``#`` inside keep no handle link."""
        html = render(source, platform="twitter")
        assert "twitter.com" not in html

    def test_instagram_handles_may_contain_dots(self) -> None:
        """An Instagram handle takes its inner dots but not a final full stop."""
        html = render("Ask @ana.b.", platform="instagram")
        assert '<a href="https://www.instagram.com/ana.b/" class="handle">@ana.b</a>.' in html


class TestStructure:
    """Headings and the XHTML-compatible output."""

    def test_heading_offset(self) -> None:
        """Headings in an answer start at the requested level."""
        html = render("# Top\n\n## Below", heading_level=4)
        assert html == "<h4>Top</h4>\n<h5>Below</h5>\n"

    def test_heading_levels_stop_at_six(self) -> None:
        """Headings never go below ``h6``."""
        assert render("### Deep", heading_level=5) == "<h6>Deep</h6>\n"

    def test_xhtml_self_closing(self) -> None:
        """Void elements are self-closed, so the same fragment serves XHTML (EPUB)."""
        html = render("Line  \nbreak\n\n![alt](a.png)\n\n---", resolve_image=lambda p: p)
        assert "<br />" in html
        assert '<img src="a.png" alt="alt" />' in html
        assert "<hr />" in html

    def test_inline_has_no_paragraph(self) -> None:
        """Inline rendering (questions, part titles) adds no ``<p>``."""
        assert RichTextRenderer("en").inline("Is it *ok*?") == "Is it <em>ok</em>?"

    def test_lists(self) -> None:
        """Lists render as lists."""
        assert render("- one\n- two") == "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n"
