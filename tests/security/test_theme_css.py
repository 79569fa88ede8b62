"""Issue 12, item 4 (CSS): a theme's stylesheets cannot inject markup or load anything.

Every visual format reads ``theme/*.css`` through one function that parses it with tinycss2 and
refuses, naming the file, the line and the fix, what could close the ``<style>`` element or load
a file or address from outside the anthology.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import interviewkit
from interviewkit.cli import main
from interviewkit.errors import InvalidInputError, MissingResourceError
from interviewkit.plugins import make_plugin_manager

Capture = pytest.CaptureFixture[str]

FORMATS = ["html", "html-site", "epub", "pdf"]

#: ``(css, line, what the error says)``: each must be refused in every format.
HOSTILE = {
    "closes-style": ("a { color: red; }\n/* </style><script>alert(1)</script> */\n", 2, "</style"),
    "comment-open": ('b::after { content: "<!--"; }\n', 1, "'<!--' could end the <style>"),
    "comment-close": ("b::after { content: '-->'; }\n", 1, "'-->' could end the <style>"),
    "import-http": ('@import url("http://tracker.example.org/a.css");\n', 1, "@import"),
    "import-escaped": ('p { }\n@\\69mport "other.css";\n', 2, "@import"),
    "import-nested": ("@media print {\n  @import url(a.css);\n}\n", 2, "@import"),
    "http-url": ("p { background: url(http://tracker.example.org/p.png) }\n", 1, "not a file"),
    "escaped-url": ("p {\n  background: \\75rl(https://tracker.example.org/p.png) }\n", 2, "url("),
    "file-url": ('p { background: url("file:///etc/passwd") }\n', 1, "not a file"),
    "data-url": ("p { background: url(data:image/png;base64,AAAA) }\n", 1, "not a file"),
    "network-path": ("p { background: url(//tracker.example.org/p.png) }\n", 1, "not a file"),
    "absolute-path": ("p { background: url(/etc/passwd) }\n", 1, "absolute path"),
    "backslash": ("p { background: url('..\\\\..\\\\x.png') }\n", 1, "not a file"),
    "leaves-folder": ("p { background: url(../../secret.png) }\n", 1, "points outside"),
    "image-set": (
        'p { background: image-set("http://tracker.example.org/a.png" 1x) }\n',
        1,
        "url(",
    ),
}


def anthology(root: Path, css: str | None = None, name: str = "extra.css") -> Path:
    """A one-portrait anthology folder at ``root``, with ``theme/<name>`` holding ``css``."""
    (root / "portraits").mkdir(parents=True)
    (root / "anthology.toml").write_text(
        'title = "Quiet Rooms"\nlanguage = "en"\nportraits = ["june-harrow"]\n', encoding="utf-8"
    )
    (root / "portraits" / "june-harrow.md").write_text(
        '---\ntitle: "The Weaver"\nsubject:\n  name: June Harrow\n---\n\n'
        "## What do you weave?\n\nBlankets, mostly, and the odd scarf.\n",
        encoding="utf-8",
    )
    if css is not None:
        path = root / "theme" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(css, encoding="utf-8")
    return root


def build(source: Path, out: Path, fmt: str) -> interviewkit.BuildReport:
    """Build ``source`` in ``fmt`` with the built-in formats only."""
    plugins = make_plugin_manager(entry_point_plugins=False)
    return interviewkit.build(source, [fmt], out, plugins=plugins)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_stylesheet_is_refused_in_html(case: str, tmp_path: Path, capsys: Capture):
    """Each hostile stylesheet makes the single-file HTML build exit 2 naming file and line."""
    css, line, what = HOSTILE[case]
    source = anthology(tmp_path / "book", css)
    out = tmp_path / "out"
    code = main(["build", str(source), "-f", "html", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"theme/extra.css: line {line}: " in err
    assert what in err
    assert "hint: " in err
    assert not (out / "book.html").exists()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", ["closes-style", "import-http", "http-url", "leaves-folder"])
def test_hostile_stylesheet_is_refused_in_every_format(case: str, fmt: str, tmp_path: Path):
    """The same function refuses the stylesheet for html, html-site, epub and pdf."""
    css, line, what = HOSTILE[case]
    report = build(anthology(tmp_path / "book", css), tmp_path / "out", fmt)
    (failure,) = report.failures
    assert isinstance(failure, InvalidInputError)
    assert str(failure).startswith(f"theme/extra.css: line {line}: ")
    assert what in str(failure)
    assert not any((tmp_path / "out").iterdir())


def test_symlinked_stylesheet_out_of_the_folder_is_refused_in_the_pdf(tmp_path: Path):
    """A theme stylesheet that links outside the anthology fails the PDF too, not skipped."""
    outside = tmp_path / "elsewhere.css"
    outside.write_text("p { color: red; }\n", encoding="utf-8")
    source = anthology(tmp_path / "book")
    (source / "theme").mkdir()
    (source / "theme" / "extra.css").symlink_to(outside)
    report = build(source, tmp_path / "out", "pdf")
    (failure,) = report.failures
    assert isinstance(failure, MissingResourceError)
    assert "theme/extra.css" in str(failure)


def test_fonts_only_in_the_pdf(tmp_path: Path):
    """``url(fonts/x.woff2)`` is refused where it cannot ship, and read from ``theme/pdf/``."""
    rule = '@font-face { font-family: "Loom"; src: url(fonts/loom.woff2); }\n'
    source = anthology(tmp_path / "book", rule)
    (source / "theme" / "fonts").mkdir()
    (source / "theme" / "fonts" / "loom.woff2").write_bytes(b"wOF2 not really a font")
    report = build(source, tmp_path / "out", "html")
    (failure,) = report.failures
    assert str(failure) == (
        "theme/extra.css: line 1: url(fonts/loom.woff2) names a file, which the html format "
        "cannot include (only the PDF embeds the files a stylesheet names)"
    )
    assert failure.hint == "move the rules that name files (@font-face, say) to theme/pdf/"
    # Moved to theme/pdf/, the rule is read by the PDF only, and checked there.
    (source / "theme" / "extra.css").unlink()
    (source / "theme" / "pdf").mkdir()
    moved = rule.replace("url(fonts/", "url(../fonts/")
    (source / "theme" / "pdf" / "fonts.css").write_text(moved, "utf-8")
    assert build(source, tmp_path / "out", "html").ok
    assert build(source, tmp_path / "out", "pdf").ok
    (source / "theme" / "pdf" / "print.css").write_text("@import url(x.css);\n", "utf-8")
    report = build(source, tmp_path / "out", "pdf")
    (failure,) = report.failures
    assert str(failure).startswith("theme/pdf/print.css: line 1: @import")


def test_benign_theme_is_inlined_as_written(tmp_path: Path):
    """Custom properties, child selectors and ``url(#id)`` pass; a ``url()`` out still fails."""
    css = ':root { --accent: #22577a; }\nmain > p { filter: url(#soft); content: "a > b"; }\n'
    source = anthology(tmp_path / "book", css)
    report = build(source, tmp_path / "out", "html")
    assert report.ok, report.failures
    assert css in report.results[0].path.read_text(encoding="utf-8")
    (source / "theme" / "more.css").write_text("p { cursor: url(../../x.cur) }\n", "utf-8")
    assert not build(source, tmp_path / "out", "html").ok
