"""``check`` lists every problem ``build`` reports, each once, and ``check --strict`` fails on them.

Both commands show the one list of :func:`interviewkit.run_checks`; the exporters leave out
what it reports without reporting it again.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

import interviewkit
from interviewkit.cli import main

Capture = pytest.CaptureFixture[str]


def png(size: tuple[int, int]) -> bytes:
    """A PNG picture of ``size`` pixels."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def problem_lines(err: str) -> list[str]:
    """The problem lines (and their hints) a command printed, in order."""
    lines = err.splitlines()
    kept = []
    for number, line in enumerate(lines):
        if line.startswith(("warning: ", "error: ")):
            kept.append(line)
            if number + 1 < len(lines) and lines[number + 1].startswith("  hint: "):
                kept.append(lines[number + 1])
    return kept


def run(capsys: Capture, *argv: str) -> tuple[int, str]:
    """Run the command line; return the exit code and stderr."""
    code = main(list(argv))
    return code, capsys.readouterr().err


@pytest.fixture
def troubled(tmp_path: Path) -> Path:
    """A book with a missing inline image, an unlisted portrait, a review mark, a small photo."""
    root = tmp_path / "troubled"
    (root / "portraits").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "images" / "ann.png").write_bytes(png((240, 300)))
    (root / "anthology.toml").write_text(
        'title = "Troubled"\nlanguage = "en"\nportraits = ["ann-lee"]\n', encoding="utf-8"
    )
    (root / "portraits" / "ann-lee.md").write_text(
        "---\ntitle: Ann Lee\nsubject:\n  name: Ann Lee\n"
        "  photo: {path: images/ann.png, alt: Ann}\n---\n\n"
        "A lede with ![a missing chart](images/chart.png) in it.\n\n"
        "## First question?\n\n"
        "<!-- interviewkit-review: was this a question? -->\n"
        "An answer, and the chart again: ![the chart](images/chart.png)\n\n"
        "## Second question?\n\nAnother answer with ![a map](images/map.png).\n",
        encoding="utf-8",
    )
    (root / "portraits" / "zoe-brisson.md").write_text(
        "---\ntitle: Zoe\nsubject:\n  name: Zoe\n---\n\nNot listed.\n", encoding="utf-8"
    )
    return root


def test_check_and_build_list_the_same_problems_once(
    troubled: Path, tmp_path: Path, capsys: Capture
):
    """`check` prints exactly the problems `build -f html -f epub` prints, each once."""
    code, err = run(capsys, "check", str(troubled))
    assert code == 0, err
    checked = problem_lines(err)
    code, err = run(capsys, "build", str(troubled), "-f", "html", "-f", "epub", "-o", str(tmp_path))
    assert code == 0, err
    built = problem_lines(err)
    assert checked == built
    found = [line for line in checked if not line.startswith("  hint: ")]
    assert len(set(found)) == len(found) == 6
    messages = "\n".join(checked)
    for expected in (
        "portraits/zoe-brisson.md: this portrait is not listed",
        "'interviewkit-review' marks left by 'interviewkit import'",
        "prints at 139 ppi as the portrait's photo (needs 300)",
        "portraits[0] (ann-lee).lede: image 'images/chart.png' left out: it does not exist",
        "portraits[0] (ann-lee).interview.exchanges[0].answers[0].text: "
        "image 'images/chart.png' left out",
        "portraits[0] (ann-lee).interview.exchanges[1].answers[0].text: "
        "image 'images/map.png' left out",
    ):
        assert expected in messages


def test_check_strict_fails_on_those_warnings(troubled: Path, capsys: Capture):
    """`check --strict` exits 2 on the warnings `build` would print."""
    code, err = run(capsys, "check", "--strict", str(troubled))
    assert code == 2
    assert "6 problem(s)" in err


def test_a_json_archive_without_its_images_reports_each_once(tmp_path: Path, capsys: Capture):
    """A canonical JSON whose photo did not travel: one warning, from check and build alike."""
    book = tmp_path / "book"
    (book / "portraits").mkdir(parents=True)
    (book / "images").mkdir()
    (book / "images" / "ann.png").write_bytes(png((540, 675)))
    (book / "anthology.toml").write_text('title = "B"\nlanguage = "en"\n', encoding="utf-8")
    (book / "portraits" / "ann-lee.md").write_text(
        "---\ntitle: Ann\nsubject:\n  name: Ann\n  photo: {path: images/ann.png, alt: Ann}\n"
        "---\n\n## Q?\n\nA.\n",
        encoding="utf-8",
    )
    archive = tmp_path / "travel"
    interviewkit.build(book, ["json"], archive)
    code, err = run(capsys, "check", str(archive / "book.json"))
    assert code == 0, err
    checked = problem_lines(err)
    assert sum("'images/ann.png' does not exist" in line for line in checked) == 1
    code, err = run(
        capsys,
        "build",
        str(archive / "book.json"),
        "-f",
        "html",
        "-f",
        "epub",
        "-o",
        os.fspath(tmp_path / "out"),
    )
    assert code == 0, err
    assert problem_lines(err) == checked


def test_an_error_found_in_the_images_stops_check_and_build(tmp_path: Path, capsys: Capture):
    """A damaged image named in an answer: `check` exits 2 without --strict, `build` too."""
    book = tmp_path / "book"
    (book / "portraits").mkdir(parents=True)
    (book / "images").mkdir()
    (book / "images" / "chart.png").write_bytes(png((1400, 800))[:300])
    (book / "anthology.toml").write_text('title = "B"\nlanguage = "en"\n', encoding="utf-8")
    (book / "portraits" / "ann-lee.md").write_text(
        "---\ntitle: Ann\nsubject:\n  name: Ann\n---\n\n## Q?\n\n![chart](images/chart.png)\n",
        encoding="utf-8",
    )
    code, err = run(capsys, "check", str(book))
    assert code == 2
    assert "error: portraits[0] (ann-lee).interview.exchanges[0].answers[0].text: image" in err
    code, err = run(capsys, "build", str(book), "-f", "html", "-o", str(tmp_path / "out"))
    assert code == 2
    assert "image 'images/chart.png' is damaged or truncated" in err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """A book with refused links in a lede, a question, an answer, a bio, a caption, a section."""
    root = tmp_path / "linked"
    (root / "portraits").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "front").mkdir()
    (root / "images" / "ana.png").write_bytes(png((1500, 1875)))
    (root / "anthology.toml").write_text(
        'title = "Boats"\nlanguage = "en"\n\n[[front_matter]]\ntitle = "Preface"\n'
        'file = "front/preface.md"\n',
        encoding="utf-8",
    )
    (root / "front" / "preface.md").write_text("Read [the notes](../notes.md).\n", "utf-8")
    (root / "portraits" / "ana-lima.md").write_text(
        "---\ntitle: Ana Lima\nsubject:\n  name: Ana Lima\n"
        "  bio: 'Writes [a blog](blog.html).'\n"
        "  photo: {path: images/ana.png, alt: Ana, caption: 'See [the map](#map).'}\n---\n\n"
        "Ana builds boats; [her shed](shed.md) is by the river.\n\n"
        "## Where is [the river](javascript:alert(1))?\n\nNorth.\n\n"
        "## And your site?\n\n"
        "See [my notes](other.md), [the top](#frag), [my notes](other.md) again,\n"
        '[a quote](https://exa"mple.com) and [the site](https://boats.example.org/ana).\n',
        encoding="utf-8",
    )
    return root


def test_check_lists_refused_links_as_build_prints_them_once(
    linked: Path, tmp_path: Path, capsys: Capture
):
    """`check` prints each refused link once, as `build -f html -f epub -f markdown` prints it."""
    code, err = run(capsys, "check", str(linked))
    assert code == 0, err
    checked = problem_lines(err)
    code, err = run(
        capsys,
        "build",
        str(linked),
        "-f",
        "html",
        "-f",
        "epub",
        "-f",
        "markdown",
        "-o",
        str(tmp_path / "out"),
    )
    assert code == 0, err
    assert problem_lines(err) == checked
    found = [line for line in checked if not line.startswith("  hint: ")]
    assert len(set(found)) == len(found) == 8
    where = "warning: portraits[0] (ana-lima)"
    for expected in (
        "warning: front_matter[0] (preface).body: link to '../notes.md' ('the notes')",
        f"{where}.subject.bio: link to 'blog.html' ('a blog')",
        f"{where}.subject.photo.caption: link to '#map' ('the map')",
        f"{where}.lede: link to 'shed.md' ('her shed')",
        f"{where}.interview.exchanges[0].question: link to 'javascript:alert(1)' ('the river')",
        f"{where}.interview.exchanges[1].answers[0].text: link to 'other.md' ('my notes')",
        f"{where}.interview.exchanges[1].answers[0].text: link to '#frag' ('the top')",
        f"{where}.interview.exchanges[1].answers[0].text: "
        "link to 'https://exa%22mple.com' ('a quote')",
    ):
        assert sum(line.startswith(expected) for line in found) == 1, expected
    relative = next(n for n, line in enumerate(checked) if "'other.md'" in line)
    assert "a relative link cannot work in every format" in checked[relative]
    assert "absolute https:// address" in checked[relative + 1]


def test_check_strict_fails_on_refused_links(linked: Path, capsys: Capture):
    """`check --strict` exits 2 on the refused links `build` warns about."""
    code, err = run(capsys, "check", "--strict", str(linked))
    assert code == 2
    assert "8 problem(s)" in err


def test_problem_text_is_printed_as_written(tmp_path: Path, capsys: Capture):
    """Console markup in a problem (``[bold]``, ``[link=...]``) prints literally, never styled."""
    book = tmp_path / "book"
    (book / "portraits").mkdir(parents=True)
    (book / "anthology.toml").write_text('title = "B"\nlanguage = "en"\n', encoding="utf-8")
    path = "images/[bold]x[/bold] [link=https://e.example]y[/link].png"
    (book / "portraits" / "ann-lee.md").write_text(
        f"---\ntitle: Ann\nsubject:\n  name: Ann\n---\n\n## Q?\n\n![chart](<{path}>)\n",
        encoding="utf-8",
    )
    code, err = run(capsys, "check", str(book))
    assert code == 0, err
    assert f"image {path!r} left out" in err


def test_raw_html_anchors_are_listed_by_check_and_build_once(tmp_path: Path, capsys: Capture):
    """With ``raw_html`` on, a refused ``<a href>`` is one warning, from check and build alike."""
    book = tmp_path / "book"
    (book / "portraits").mkdir(parents=True)
    (book / "anthology.toml").write_text(
        'title = "B"\nlanguage = "en"\n\n[export.html]\nraw_html = true\n', encoding="utf-8"
    )
    (book / "portraits" / "ann-lee.md").write_text(
        "---\ntitle: Ann\nsubject:\n  name: Ann\n---\n\n## Q?\n\n"
        'See <a href="../secret">the secret</a> and <a href="https://boats.example.org">boats</a>.\n',
        encoding="utf-8",
    )
    code, err = run(capsys, "check", str(book))
    assert code == 0, err
    checked = problem_lines(err)
    assert [line for line in checked if not line.startswith("  hint: ")] == [
        "warning: portraits[0] (ann-lee).interview.exchanges[0].answers[0].text: "
        "link to '../secret' "
        "printed as plain text: a relative link cannot work in every format"
    ]
    out = str(tmp_path / "out")
    argv = ["build", str(book), "-f", "html", "-f", "epub", "-O", "epub.raw_html=true", "-o", out]
    code, err = run(capsys, *argv)
    assert code == 0, err
    assert problem_lines(err) == checked


@pytest.mark.parametrize(
    "answer",
    [
        "See ple.org[ftp://p://",  # the parser raised "inline rule didn't increment state.pos"
        '"@name@evil.example[ftp://https://?x.org]:=+boats.example)<',  # it never ended
    ],
)
def test_a_label_holding_an_address_is_checked_and_built(tmp_path: Path, answer: str):
    """An address inside a link label: check and build end, in time, with no traceback."""
    book = tmp_path / "book"
    (book / "portraits").mkdir(parents=True)
    (book / "anthology.toml").write_text('title = "B"\nlanguage = "en"\n', encoding="utf-8")
    (book / "portraits" / "ann-lee.md").write_text(
        f"---\ntitle: Ann\nsubject:\n  name: Ann\n---\n\n## Q?\n\n{answer}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    for argv in (["check", str(book)], ["build", str(book), "-f", "html", "-o", str(out)]):
        command = [sys.executable, "-m", "interviewkit", *argv]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
    page = (out / "book.html").read_text(encoding="utf-8")
    assert "[ftp://" in page
