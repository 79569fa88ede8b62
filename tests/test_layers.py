"""What the layer contracts needed changed, seen from outside: the version comes in the context.

The contracts themselves (``[tool.importlinter]`` in ``pyproject.toml``) are checked by
``lint-imports``, a step of ``make test``.  These tests cover the behaviour the import changes
must keep or add: ``Problem`` is one class wherever it is imported from, and every built-in
format prints the interviewkit version it is given in its :class:`ExportContext` instead of
importing the package face for it.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

import interviewkit
from interviewkit import ExportContext
from interviewkit._util.fs import ResourceResolver
from interviewkit.exporters.epub import EpubExporter
from interviewkit.exporters.html import HtmlExporter, HtmlSiteExporter
from interviewkit.testing import sample_anthology

#: A version no installation has, so finding it in an output proves where it came from.
VERSION = "9.8.7+layers"


def _context(tmp_path: Path, format_name: str, **extra: Any) -> ExportContext:
    source = tmp_path / "source"
    source.mkdir(exist_ok=True)
    return ExportContext(
        format_name=format_name,
        source_root=source,
        resources=ResourceResolver(source),
        build_date=dt.date(2024, 5, 1),
        output=tmp_path / "out",
        basename="sample",
        **extra,
    )


def test_problem_is_one_class_under_every_name() -> None:
    """``Problem`` lives in interviewkit.model.problems; the package and checks re-export it."""
    from interviewkit import checks
    from interviewkit.model import problems

    assert interviewkit.Problem is problems.Problem
    assert checks.Problem is problems.Problem
    assert "Problem" in checks.__all__
    assert "Problem" in interviewkit.__all__


def test_context_made_without_a_version_has_the_installed_one(tmp_path: Path) -> None:
    """A context built as in 0.1 (a plugin's own tests) still works and carries the version."""
    context = _context(tmp_path, "html")
    assert context.interviewkit_version == interviewkit.__version__


@pytest.mark.parametrize(
    ("exporter_cls", "page"),
    [(HtmlExporter, None), (HtmlSiteExporter, "index.html")],
    ids=["html", "html-site"],
)
def test_html_formats_print_the_version_of_their_context(
    tmp_path: Path, exporter_cls: Any, page: str | None
) -> None:
    """The ``generator`` meta of the HTML formats is the context's interviewkit_version."""
    context = _context(tmp_path, exporter_cls.name, interviewkit_version=VERSION)
    target = tmp_path / ("book" if page else "book.html")
    if page:
        target.mkdir()
    exporter_cls().export(
        sample_anthology(), options=exporter_cls.Options(), target=target, context=context
    )
    html = (target / page if page else target).read_text(encoding="utf-8")
    assert f'<meta name="generator" content="interviewkit {VERSION}"' in html


def test_epub_prints_the_version_of_its_context(tmp_path: Path) -> None:
    """The EPUB's OPF ``generator`` and its pages' meta use the context's interviewkit_version."""
    context = _context(tmp_path, "epub", interviewkit_version=VERSION)
    target = tmp_path / "book.epub"
    EpubExporter().export(
        sample_anthology(), options=EpubExporter.Options(), target=target, context=context
    )
    with zipfile.ZipFile(target) as archive:
        opf = archive.read("EPUB/content.opf").decode("utf-8")
    assert re.search(rf'name="generator" content="interviewkit {re.escape(VERSION)}"', opf)


@pytest.mark.slow
def test_pdf_prints_the_version_of_its_context(tmp_path: Path) -> None:
    """The PDF's Creator and its colophon use the context's interviewkit_version."""
    pypdf = pytest.importorskip("pypdf")
    from interviewkit.exporters.pdf import PdfExporter

    context = _context(tmp_path, "pdf", interviewkit_version=VERSION)
    target = tmp_path / "book.pdf"
    PdfExporter().export(
        sample_anthology(), options=PdfExporter.Options(), target=target, context=context
    )
    reader = pypdf.PdfReader(target)
    assert reader.metadata is not None
    assert reader.metadata.creator == f"interviewkit {VERSION}"
    text = "".join(page.extract_text() for page in reader.pages)
    assert VERSION in text
