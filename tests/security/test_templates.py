"""Issue 12, item 1: templates cannot run code.

A theme template (``theme/templates/<name>`` of an untrusted anthology) runs in Jinja's immutable
sandbox and is read through the confinement function; a template that reaches for Python's
internals fails the build with an error naming the theme file, in every visual format.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import interviewkit
from interviewkit import hookimpl
from interviewkit.cli import main
from interviewkit.errors import ExporterError
from interviewkit.plugins import make_plugin_manager

Capture = pytest.CaptureFixture[str]

#: The classic escape: a global's ``__init__.__globals__`` leads to ``os``.
ESCAPE = "{{ cycler.__init__.__globals__.os.getcwd() }}"

#: A template each format renders, with what ``{% extends %}`` it needs to stay a page.
OVERRIDES = {
    "html": "html/book.html",
    "html-site": "html/index.html",
    "epub": "epub/base.xhtml",
    "pdf": "pdf/base.html",
}


def anthology(root: Path) -> Path:
    """A one-portrait anthology folder at ``root`` (fictional people)."""
    (root / "portraits").mkdir(parents=True)
    (root / "anthology.toml").write_text(
        'title = "Quiet Rooms"\nlanguage = "en"\nportraits = ["june-harrow"]\n', encoding="utf-8"
    )
    (root / "portraits" / "june-harrow.md").write_text(
        '---\ntitle: "The Weaver"\nsubject:\n  name: June Harrow\n---\n\n'
        "## What do you weave?\n\nBlankets, mostly, and the odd scarf.\n",
        encoding="utf-8",
    )
    return root


def theme_template(root: Path, name: str, text: str) -> Path:
    """Write ``theme/templates/<name>`` with ``text``; return its path."""
    path = root / "theme" / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def build_cli(capsys: Capture, source: Path, out: Path, fmt: str) -> tuple[int, str]:
    """Run ``interviewkit build source -f fmt -o out``; return the exit code and stderr."""
    code = main(["build", str(source), "-f", fmt, "-o", str(out)])
    return code, capsys.readouterr().err


def written(out: Path) -> str:
    """Every byte the build left under ``out``, as text (empty when nothing was written)."""
    if not out.exists():
        return ""
    files = [path for path in out.rglob("*") if path.is_file()]
    return "\n".join(path.read_bytes().decode("utf-8", "replace") for path in files)


@pytest.mark.parametrize("fmt", sorted(OVERRIDES))
def test_escape_to_os_fails_the_build(fmt: str, tmp_path: Path, capsys: Capture):
    """A theme template reaching ``os`` through ``__globals__`` fails with its file and line."""
    source = anthology(tmp_path / "book")
    name = OVERRIDES[fmt]
    theme_template(source, name, f"<p>\n{ESCAPE}\n</p>\n")
    out = tmp_path / "out"
    code, err = build_cli(capsys, source, out, fmt)
    assert code == 2
    assert f"theme/templates/{name}: line 2: the template sandbox refused it" in err
    assert "hint: theme templates run in a sandbox" in err
    assert "Traceback" not in err
    assert os.getcwd() not in written(out)


def test_view_internals_are_refused(tmp_path: Path, capsys: Capture):
    """The book's own view objects give no road to Python internals either."""
    source = anthology(tmp_path / "book")
    theme_template(source, "html/book.html", "{{ book.__init__.__globals__ }}\n")
    out = tmp_path / "out"
    code, err = build_cli(capsys, source, out, "html")
    assert code == 2
    assert "theme/templates/html/book.html: line 1: the template sandbox refused it" in err
    assert not out.exists() or not any(out.iterdir())


def test_mutating_a_list_is_refused(tmp_path: Path, capsys: Capture):
    """The sandbox is the immutable one: ``list.append`` in a theme template is refused."""
    source = anthology(tmp_path / "book")
    theme_template(source, "html/book.html", "{% set seen = [] %}{{ seen.append(1) }}\n")
    code, err = build_cli(capsys, source, tmp_path / "out", "html")
    assert code == 2
    assert "theme/templates/html/book.html: line 1: the template sandbox refused it" in err


def test_symlinked_template_out_of_the_folder_is_refused(tmp_path: Path, capsys: Capture):
    """A theme template that is a symlink to a file outside the anthology is never read."""
    secret = tmp_path / "secret.html"
    secret.write_text("<p>PRIVATE-NOTES-7731</p>\n", encoding="utf-8")
    source = anthology(tmp_path / "book")
    link = source / "theme" / "templates" / "html" / "book.html"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    out = tmp_path / "out"
    code, err = build_cli(capsys, source, out, "html")
    assert code == 2
    link_out = "is a link to a file outside the anthology folder"
    assert f"'theme/templates/html/book.html' {link_out}" in err
    assert "PRIVATE-NOTES-7731" not in written(out)


def test_syntax_error_names_the_theme_file(tmp_path: Path, capsys: Capture):
    """A broken theme template is the anthology's error (file and line), not a plugin's crash."""
    source = anthology(tmp_path / "book")
    theme_template(source, "html/book.html", "<p>\n{% if %}\n</p>\n")
    code, err = build_cli(capsys, source, tmp_path / "out", "html")
    assert code == 2
    assert "theme/templates/html/book.html: line 2: " in err
    assert "INTERVIEWKIT_DISABLE_PLUGINS" not in err


def test_plugin_template_folders_are_sandboxed(tmp_path: Path):
    """Templates from a plugin's folder run in the same sandbox as the theme's."""
    folder = tmp_path / "plugin-templates"
    (folder / "html").mkdir(parents=True)
    (folder / "html" / "book.html").write_text(ESCAPE + "\n", encoding="utf-8")

    class TemplatesPlugin:
        @hookimpl
        def interviewkit_template_folders(self, format_name: str) -> list[Path] | None:
            return [folder]

    plugins = make_plugin_manager(entry_point_plugins=False, extra=[("tpl", TemplatesPlugin())])
    source = anthology(tmp_path / "book")
    report = interviewkit.build(source, ["html"], tmp_path / "out", plugins=plugins)
    assert not report.ok
    (failure,) = report.failures
    assert isinstance(failure, ExporterError)
    assert "SecurityError" in str(failure)
    assert os.getcwd() not in written(tmp_path / "out")
