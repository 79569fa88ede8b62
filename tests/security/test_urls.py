"""Issue 12, item 4 (URLs and links): every href an output holds passed the model's URL check.

The hostile anthologies are written in ``tmp_path``: a portrait whose ``follow`` URL breaks out
of an attribute or names an invalid host, answers with relative or refused links, raw HTML
anchors, and a canonical JSON file that reaches the fast loader.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html

import interviewkit
from interviewkit import InterviewkitError, Link, ModelError

PORTRAIT = """\
---
title: "Portrait of Ana Lima"
subject:
  name: Ana Lima
follow:
  - {{label: Website, url: {url}}}
---

Ana Lima builds boats.

## Where do you work?

{answer}
"""

RELATIVE_ANSWER = (
    "See [my notes](other.md), [the secret](../secret), [the top](#frag) "
    "and [the site](https://boats.example.org/ana)."
)


def anthology(tmp_path: Path, *, url: str = "https://boats.example.org", answer: str = "") -> Path:
    """A one-portrait anthology folder with this follow URL and this answer."""
    root = tmp_path / "book"
    (root / "portraits").mkdir(parents=True)
    (root / "anthology.toml").write_text('title = "Boats"\nlanguage = "en"\n', "utf-8")
    portrait = PORTRAIT.format(url=json.dumps(url), answer=answer or "On the river.")
    (root / "portraits" / "ana-lima.md").write_text(portrait, "utf-8")
    return root


def hrefs(page: Path) -> list[str]:
    """Every ``href`` of the ``<a>`` elements of an HTML page (parsed, not searched)."""
    tree = lxml_html.fromstring(page.read_bytes())
    return [str(anchor.get("href")) for anchor in tree.iter("a") if anchor.get("href")]


class TestModel:
    """The model refuses what could break out of an attribute or name no real host."""

    def test_the_four_cases_of_the_issue(self, tmp_path: Path) -> None:
        """A quote, a script URL, a space and a bad IDNA label: refused, with place and fix."""
        expected = {
            'https://exa"mple.com': "contains a double quote",
            "javascript:alert(1)": "'javascript:' links are refused",
            "https://ex ample.com": "contains spaces",
            "https://xn--invalid-.com": "not a valid international domain name",
        }
        for number, (url, problem) in enumerate(expected.items()):
            root = anthology(tmp_path / str(number), url=url)
            with pytest.raises(InterviewkitError) as excinfo:
                interviewkit.load(root)
            message = str(excinfo.value)
            assert "ana-lima.md" in message, message
            assert "line 6" in message, message
            assert "follow[0].url" in message, message
            assert problem in message, message
            assert "https://" in message.split(problem, 1)[1], message  # the hint says how

    @pytest.mark.parametrize(
        "url",
        [
            "https://example.org/a'onmouseover='alert(1)",
            "https://example.org/<script>",
            "https://example.org/`x`",
            "https://example.org\\@evil.example",
            "https://example.org/\x01",
            "https://example.org/\u202egnp.exe",
            "https://example.org/\u200b",
            "https://user:secret@example.org/",
            "https://paypal.example@evil.example/",
            "http://192.168.0.1/admin",
            "https://example.org:70000/",
            "https://example.org:0/",
            "https://-example.org/",
            "https://example-.org/",
            "https://ex_ample.org/",
            "https://xn--zz.org/",
            "https://example.123/",
            "mailto:ana@-boats.example",
            "mailto:ana@localhost",
        ],
    )
    def test_dangerous_or_invalid_urls_are_refused(self, url: str) -> None:
        """Each URL the old check let through is refused, with a hint."""
        with pytest.raises(ModelError) as excinfo:
            Link(label="Site", url=url)
        assert str(excinfo.value).startswith("Link.url: ")
        assert excinfo.value.hint

    def test_canonical_json_goes_through_the_same_check(self, tmp_path: Path) -> None:
        """The fast JSON loader refuses a URL with a quote, naming its place."""
        data = json.loads(interviewkit.dumps(interviewkit.load(anthology(tmp_path))))
        data["anthology"]["portraits"][0]["follow"][0]["url"] = 'https://exa"mple.com'
        path = tmp_path / "book.json"
        path.write_text(json.dumps(data), "utf-8")
        with pytest.raises(InterviewkitError) as excinfo:
            interviewkit.load(path)
        assert "follow[0].url" in str(excinfo.value)
        assert "double quote" in str(excinfo.value)

    @given(st.text(string.printable + "\u202e\u200bé\x00\x85", max_size=40))
    def test_every_accepted_url_is_safe_in_an_attribute(self, text: str) -> None:
        """Any text is refused, or is an http(s)/mailto URL with no character that breaks out."""
        for url in (text, "https://" + text, "https://example.org/" + text, "mailto:" + text):
            try:
                accepted = Link(label="x", url=url).url
            except ModelError:
                continue
            assert accepted.lower().startswith(("http://", "https://", "mailto:"))
            for char in " \t\n\"'<>`\\\x00\u202e\u200b\x85":
                assert char not in accepted


class TestLinksInAnswers:
    """Links written in answers: absolute ones pass the model's check, relative ones are text."""

    def test_relative_links_are_text_with_a_warning(self, tmp_path: Path) -> None:
        """``other.md``, ``../secret`` and ``#frag`` print their text only, and each is reported."""
        root = anthology(tmp_path, answer=RELATIVE_ANSWER)
        report = interviewkit.build(root, ["html"], tmp_path / "out")
        assert report.ok, report.failures
        page = report.results[0].path
        assert hrefs(page).count("https://boats.example.org/ana") == 1
        assert report.results[0].problems == ()  # the build's checks report them, once
        for relative in ("other.md", "../secret", "#frag"):
            assert relative not in hrefs(page)
            found = [p for p in report.problems if f"link to {relative!r}" in p.message]
            assert len(found) == 1, relative
            assert (
                found[0].where == "portraits[0] (ana-lima).interview.exchanges[0].answers[0].text"
            )
            assert "absolute https:// address" in found[0].hint
        text = lxml_html.fromstring(page.read_bytes()).text_content()
        assert "See my notes, the secret, the top and the site." in text

    @pytest.mark.parametrize(
        "link",
        [
            '[q](https://exa"mple.com)',
            "[q](https://xn--invalid-.com/)",
            "[q](https://paypal.example@evil.example/)",
            "<https://user@evil.example/>",
        ],
    )
    def test_absolute_links_pass_the_model_check(self, tmp_path: Path, link: str) -> None:
        """An absolute link the model would refuse in ``follow`` is not written as an href."""
        root = anthology(tmp_path, answer=f"Look: {link}")
        report = interviewkit.build(root, ["html"], tmp_path / "out")
        assert report.ok, report.failures
        page = report.results[0].path
        external = {href for href in hrefs(page) if not href.startswith("#")}
        assert external == {"https://boats.example.org"}  # the follow link only

    @pytest.mark.slow
    def test_no_file_uri_in_the_pdf(self, tmp_path: Path) -> None:
        """WeasyPrint never turns a relative answer link into a ``file:`` link annotation."""
        from pypdf import PdfReader

        root = anthology(tmp_path, answer=RELATIVE_ANSWER)
        report = interviewkit.build(root, ["pdf"], tmp_path / "out")
        assert report.ok, report.failures
        uris = []
        for page in PdfReader(report.results[0].path).pages:
            for annotation in page.get("/Annots", ()):
                action = annotation.get_object().get("/A")
                if action is not None and "/URI" in action:
                    uris.append(str(action["/URI"]))
        assert "https://boats.example.org/ana" in uris
        assert not [uri for uri in uris if not uri.startswith(("https://", "http://", "mailto:"))]


class TestRawHtml:
    """With ``raw_html``, anchors whose href the sanitizer or the URL check drops are unwrapped."""

    def test_anchors_without_href_are_unwrapped(self, tmp_path: Path) -> None:
        """Script, data, relative and bare anchors keep their text and lose the element."""
        answer = (
            '<a href="javascript:alert(1)">one</a>, <a href="data:text/html,x">two</a>, '
            '<a href="../secret">three</a>, <a name="x">four</a> and '
            '<a href="https://boats.example.org/">five</a>.'
        )
        root = anthology(tmp_path, answer=answer)
        report = interviewkit.build(
            root, ["html"], tmp_path / "out", options=["html.raw_html=true"]
        )
        assert report.ok, report.failures
        tree = lxml_html.fromstring(report.results[0].path.read_bytes())
        anchors = [a for a in tree.iter("a") if a.text_content() in {"one", "two", "three", "four"}]
        assert anchors == []
        assert "one, two, three, four and five." in tree.text_content()
        assert "https://boats.example.org/" in hrefs(report.results[0].path)


class TestImport:
    """Links found in an imported page pass the same check, or are left out with a review mark."""

    def test_imported_links_are_checked(self, tmp_path: Path) -> None:
        """A host-less address is a review note and a quote is percent-encoded; the file loads."""
        page = tmp_path / "page.html"
        page.write_text(
            "<html><body><article><h1>Interview with Ana Lima</h1>"
            "<p>Ana Lima builds boats on the river.</p>"
            "<p><strong>Where do you work?</strong></p><p>In a shed.</p>"
            "<p><strong>What next?</strong></p><p>More boats.</p>"
            "<h2>Follow Ana</h2><p>Website: https://localhost/ana</p>"
            '<p>Blog: <a href="https://boats.example.org/it\'s">blog</a></p>'
            "</article></body></html>",
            "utf-8",
        )
        book = tmp_path / "book"
        (book / "portraits").mkdir(parents=True)
        (book / "anthology.toml").write_text('title = "B"\nlanguage = "en"\n', "utf-8")
        report = interviewkit.import_portrait(page, book / "portraits")
        written = (book / "portraits" / "ana-lima.md").read_text("utf-8")
        assert "left out 'https://localhost/ana'" in written
        assert "https://boats.example.org/it%27s" in written
        portrait = interviewkit.load(book).portraits[0]
        assert [link.url for link in portrait.follow] == ["https://boats.example.org/it%27s"]
        assert report.portraits
