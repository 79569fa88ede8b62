"""Sniff, then read: the importer is chosen from what the file holds, not from its name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.importers.test_interview_import import ToyImporterPlugin
from tests.test_cli import Capture, run

from interviewkit import InvalidInputError, import_portrait
from interviewkit.importers._sniff import SNIFF_BYTES, markup_signs, sniff, sniff_text
from interviewkit.importers.interviews.html import HtmlImporter
from interviewkit.importers.interviews.markdown import MarkdownImporter
from interviewkit.importers.interviews.text import TextImporter
from interviewkit.importers.interviews.wordpress import WordPressImporter
from interviewkit.plugins import make_plugin_manager

FIXTURES = Path(__file__).parent / "interviews"

#: Markdown as a blog writes it: a title, questions in bold with the interviewer's name, a link.
MARKDOWN = """\
# Ten questions for Ann Lee

Ann Lee has bound books in Lyon for twenty years. Her [workshop](https://example.com/atelier)
opens on Saturdays.

**Maya: When did you start binding books?**

In 2004, after an evening course at the municipal library.

**Maya: What is the hardest part of the work?**

Waiting for the glue to dry. Patience is half the job.

**Maya: Which tool could you not live without?**

My bone folder, without a doubt: it was my teacher's.
"""

#: Markdown with its questions as headings, which the text importer also finds (escaped).
MARKDOWN_HEADINGS = """\
# Ten questions for Ann Lee

Ann Lee binds books in Lyon. Her [workshop](https://example.com/atelier) opens on Saturdays.

## When did you start binding books?

In 2004, after a course at the library.

## What is the hardest part?

Waiting for the glue to dry.
"""

PLAIN = """\
Ann Lee, bookbinder

When did you start binding books?
In 2004, after a course at the library.
What is the hardest part?
Waiting for the glue to dry - and - patience.
1. Which tool could you not live without?
My bone folder, without a doubt.
"""


def saved(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestSniffing:
    """What each kind of content is taken for, and the reason given."""

    def test_markdown_is_recognised_by_its_syntax(self):
        sniffed = sniff_text(MARKDOWN)
        assert sniffed.importer == "markdown"
        assert sniffed.reason == "Markdown syntax: 1 heading, 3 bold lines, 1 link"

    def test_the_signs_are_counted_by_markdown_it(self):
        signs = markup_signs(
            "---\ntitle: A post\n---\n# Title\n\n**Q: why?**\nBecause.\n**Q: how?**\nSo.\n\n"
            "- one\n- two\n\n[a](https://a.example) <https://b.example> `[c](https://c.example)`"
        )
        assert signs == {
            "front matter": 1,
            "heading": 1,
            "bold line": 2,
            "list item": 2,
            "link": 1,  # neither the autolink nor the code span
        }

    def test_one_kind_of_sign_is_not_enough(self):
        # Dialogue dashes and numbered questions are lists to Markdown, and common in plain text.
        assert sniff_text(PLAIN).importer == "text"
        assert sniff_text("# a lone heading\n\nWhy *this*?\nBecause.\n").importer == "text"

    def test_three_headings_or_bold_lines_are_enough(self):
        text = "## One?\n\nYes.\n\n## Two?\n\nNo.\n\n**Three?**\n\nMaybe.\n"
        assert sniff_text(text).importer == "markdown"

    @pytest.mark.parametrize(
        "head",
        [
            "<!DOCTYPE html>\n<html><body><p>Hi</p></body></html>",
            "\ufeff  <!-- saved from url=(0042)https://example.com -->\n<HTML lang='fr'>",
            "<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>\n<html>",
        ],
    )
    def test_an_html_page_is_recognised_by_its_start(self, head: str):
        assert sniff_text(head) == sniff_text(head, suffix=".txt")
        assert sniff_text(head).importer == "html"
        assert sniff_text(head).reason == "HTML markup"

    def test_an_html_fragment_is_recognised_by_its_block_tags(self):
        fragment = "<h2>Ann Lee</h2>\n<p><strong>When?</strong></p>\n<p>In 2004.</p>\n"
        assert sniff_text(fragment).importer == "html"
        assert sniff_text(fragment).reason == "HTML markup: 3 block tags"

    def test_tags_in_code_spans_are_not_html(self):
        text = "Look at `<p>`, `<div>` and `<h2>` in the page source.\n"
        assert sniff_text(text).importer == "text"

    def test_a_wordpress_export_is_recognised(self):
        head = (FIXTURES / "blog.wxr.xml").read_text(encoding="utf-8")[:2000]
        assert sniff_text(head).importer == "wordpress"
        assert sniff_text(head).reason == "a WordPress export (WXR)"

    def test_an_rss_feed_that_is_not_an_export_is_not_wordpress(self):
        head = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>News</title>'
        assert sniff_text(head).importer != "wordpress"

    def test_the_name_decides_only_when_the_content_does_not(self):
        prose = "To those who answer messages on Sunday evenings.\n"
        assert sniff_text(prose, suffix=".txt").importer == "text"
        assert sniff_text(prose, suffix=".md").importer == "markdown"
        assert sniff_text(prose, suffix=".md").reason == "a .md file with little Markdown in it"
        assert sniff_text(prose, suffix=".html").importer == "html"
        assert sniff_text(MARKDOWN, suffix=".html").importer == "markdown"

    def test_every_fixture_is_sniffed_as_its_name_says(self):
        by_suffix = {".txt": "text", ".md": "markdown", ".html": "html", ".xml": "wordpress"}
        for folder in ("interviews", "holdout", "blind2"):
            for path in sorted((Path(__file__).parent / folder).glob("*.*")):
                if path.suffix in by_suffix and path.name != "README.md":
                    assert sniff(path).importer == by_suffix[path.suffix], path.name

    def test_only_the_beginning_is_read(self, tmp_path: Path):
        path = saved(tmp_path, "long.txt", "plain words\n" * (SNIFF_BYTES // 4) + MARKDOWN * 50)
        assert sniff(path).importer == "text"

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"", "is empty"),
            (b" \n\n ", "is empty"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ],
    )
    def test_what_read_page_refuses_is_refused(self, tmp_path: Path, content: bytes, message: str):
        path = tmp_path / "bad.txt"
        path.write_bytes(content)
        with pytest.raises(InvalidInputError, match=message):
            sniff(path)

    def test_a_character_cut_by_the_limit_is_not_an_error(self, tmp_path: Path):
        path = tmp_path / "cut.txt"
        path.write_bytes(b"x" * (SNIFF_BYTES - 1) + "é\n".encode() + PLAIN.encode())
        assert sniff(path).importer == "text"

    def test_the_built_in_detect_methods_still_go_by_the_name(self, tmp_path: Path):
        markdown = saved(tmp_path, "page.txt", MARKDOWN)
        assert TextImporter().detect(markdown)
        assert not MarkdownImporter().detect(markdown)
        assert MarkdownImporter().detect(saved(tmp_path, "page.md", MARKDOWN))
        assert HtmlImporter().detect(FIXTURES / "en-librarian-saved-page.html")
        assert WordPressImporter().detect(FIXTURES / "blog.wxr.xml")


class TestImport:
    """import_portrait reads each file with the importer its content calls for."""

    def test_markdown_saved_as_txt_is_read_as_markdown(self, tmp_path: Path):
        source = saved(tmp_path, "ann-lee.txt", MARKDOWN)
        report = import_portrait(source, tmp_path / "out")
        assert report.importer == "markdown"
        assert report.reason.startswith("Markdown syntax: ")
        [imported] = report.portraits
        assert imported.portrait.title == "Ten questions for Ann Lee"
        assert len(imported.portrait.interview.exchanges) == 3
        [written] = report.files
        text = written.read_text(encoding="utf-8")
        assert "\\#" not in text
        assert "\\*" not in text
        assert "When did you start binding books?" in text
        assert "[workshop](https://example.com/atelier)" in text

    def test_from_text_still_overrides_sniffing(self, tmp_path: Path):
        source = saved(tmp_path, "ann-lee.txt", MARKDOWN_HEADINGS)
        assert import_portrait(source).importer == "markdown"
        report = import_portrait(source, tmp_path / "out", importer="text")
        assert report.importer == "text"
        assert report.reason == "chosen with --from"
        # Read as text, the heading marks are characters of the question, escaped.
        assert "## \\## When did you start" in report.files[0].read_text(encoding="utf-8")

    def test_html_saved_as_txt_is_read_as_html(self, tmp_path: Path):
        source = tmp_path / "page.txt"
        shutil.copyfile(FIXTURES / "en-librarian-saved-page.html", source)
        report = import_portrait(source)
        expected = import_portrait(FIXTURES / "en-librarian-saved-page.html")
        assert report.importer == "html"
        assert report.reason == "HTML markup"
        assert report.portraits[0].portrait == expected.portraits[0].portrait

    def test_a_wordpress_export_saved_as_txt_is_read_as_one(self, tmp_path: Path):
        source = tmp_path / "export.txt"
        shutil.copyfile(FIXTURES / "blog.wxr.xml", source)
        report = import_portrait(source, category="portraits")
        assert report.importer == "wordpress"
        assert report.reason == "a WordPress export (WXR)"
        assert len(report.portraits) == 3

    def test_plain_text_stays_text_whatever_its_name(self, tmp_path: Path):
        for name in ("interview.txt", "interview", "interview.md"):
            source = tmp_path / name
            shutil.copyfile(FIXTURES / "en-glassblower-qa.txt", source)
            report = import_portrait(source)
            expected = "markdown" if name.endswith(".md") else "text"
            assert report.importer == expected, name
        assert import_portrait(FIXTURES / "en-glassblower-qa.txt").reason == "plain text"

    def test_a_portrait_file_is_still_refused(self, tmp_path: Path):
        portrait = saved(tmp_path, "done.md", "---\nsubject: Ann Lee\n---\n\n## Why?\n\nSo.\n")
        with pytest.raises(InvalidInputError, match="already a portrait file"):
            import_portrait(portrait)
        assert import_portrait(portrait, importer="markdown").importer == "markdown"

    def test_a_plugin_importer_is_asked_before_sniffing(self, tmp_path: Path):
        plugins = make_plugin_manager(
            entry_point_plugins=False, extra=[("toy-importer", ToyImporterPlugin())]
        )
        source = saved(tmp_path, "talk.transcript", "> Why?\nBecause.\n")
        report = import_portrait(source, plugins=plugins)
        assert report.importer == "transcript"
        assert report.reason == "a plugin's importer recognised the file"
        markdown = saved(tmp_path, "ann-lee.txt", MARKDOWN)
        assert import_portrait(markdown, plugins=plugins).importer == "markdown"


class TestCommandLine:
    def test_the_summary_says_which_importer_and_why(self, tmp_path: Path, capsys: Capture):
        source = saved(tmp_path, "ann-lee.txt", MARKDOWN)
        code, _, err = run(capsys, "import", str(source), "-o", str(tmp_path / "out"))
        assert code == 0, err
        assert (
            "read by the 'markdown' importer (Markdown syntax: 1 heading, 3 bold lines, 1 link)"
            in " ".join(err.split())
        )

    def test_the_summary_says_when_from_chose(self, tmp_path: Path, capsys: Capture):
        source = saved(tmp_path, "ann-lee.txt", MARKDOWN_HEADINGS)
        code, _, err = run(
            capsys, "import", str(source), "-o", str(tmp_path / "out"), "--from", "text"
        )
        assert code == 0, err
        assert "read by the 'text' importer (chosen with --from)" in " ".join(err.split())
