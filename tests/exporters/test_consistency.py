"""One book, one set of addresses: the HTML, the EPUB and the Markdown of an example agree.

Each example is built in the three formats, and each output is read back: the portraits' ids,
the anchors of their titled parts (``<id>-part<n>``, counted among the titled parts only) and of
their questions (``<id>-q<n>``), the subjects' names and the speakers' labels must be the same
in all three.  A link to ``#samuel-fortier-dion-part1`` then lands on the same part whichever
format the reader has.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree, html
from markdown_it import MarkdownIt

import interviewkit
from interviewkit import Anthology, make_plugin_manager

interviewkit_markdown = pytest.importorskip("interviewkit_markdown")

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
EXAMPLE_NAMES = ["derriere-les-comptes", "makers-at-work"]
# The ids a Markdown heading carries, as the plugin writes them: "## Title {#id}".
MARKDOWN_ID = re.compile(r"\{#([^}\s]+)\}\s*$", re.MULTILINE)


class Outputs:
    """What each format says: its ids and its plain text."""

    def __init__(self, ids: set[str], text: str) -> None:
        self.ids = ids
        self.text = " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _html(path: Path) -> Outputs:
    root = html.parse(str(path)).getroot()
    return Outputs({str(ident) for ident in root.xpath("//@id")}, root.text_content())


def _epub(path: Path) -> Outputs:
    ids: set[str] = set()
    texts: list[str] = []
    with zipfile.ZipFile(path) as epub:
        for name in epub.namelist():
            if name.endswith(".xhtml"):
                root = etree.fromstring(epub.read(name))
                ids.update(str(ident) for ident in root.xpath("//@id"))
                texts.append("".join(root.itertext()))
    return Outputs(ids, " ".join(texts))


def _markdown(path: Path) -> Outputs:
    source = path.read_text(encoding="utf-8")
    # The text as a reader sees it: the plugin's escapes undone by a CommonMark parser.
    rendered = html.fromstring(f"<div>{MarkdownIt('commonmark').render(source)}</div>")
    return Outputs(set(MARKDOWN_ID.findall(source)), rendered.text_content())


def _anchors(anthology: Anthology) -> set[str]:
    """The documented scheme, written out: parts counted among the titled parts, from 1."""
    anchors = set()
    for portrait in anthology.portraits:
        anchors.add(portrait.id)
        parts = portrait.interview.parts
        anchors.update(f"{portrait.id}-part{n}" for n in range(1, len(parts) + 1))
        exchanges = portrait.interview.exchanges
        anchors.update(f"{portrait.id}-q{n}" for n in range(1, len(exchanges) + 1))
    return anchors


def _portrait_anchors(ids: set[str], anthology: Anthology) -> set[str]:
    """The portrait, part and question anchors among an output's ids."""
    names = "|".join(re.escape(portrait.id) for portrait in anthology.portraits)
    anchor = re.compile(rf"(?:{names})(?:-part\d+|-q\d+)?")
    return {ident for ident in ids if anchor.fullmatch(ident)}


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Anthology, dict[str, Outputs]]:
    name = request.param
    out = tmp_path_factory.mktemp(name)
    plugins = make_plugin_manager(
        entry_point_plugins=False, extra=[("markdown", interviewkit_markdown)]
    )
    report = interviewkit.build(EXAMPLES / name, ["html", "epub", "markdown"], out, plugins=plugins)
    paths = {result.format_name: result.path for result in report.results}
    outputs = {
        "html": _html(paths["html"]),
        "epub": _epub(paths["epub"]),
        "markdown": _markdown(paths["markdown"]),
    }
    return report.source.anthology, outputs


def test_the_same_anchors_in_every_format(built: tuple[Anthology, dict[str, Outputs]]) -> None:
    anthology, outputs = built
    expected = _anchors(anthology)
    for name, output in outputs.items():
        assert _portrait_anchors(output.ids, anthology) == expected, name


def test_the_model_names_the_same_anchors(built: tuple[Anthology, dict[str, Outputs]]) -> None:
    anthology, outputs = built
    named = set()
    for portrait in anthology.portraits:
        named.add(portrait.id)
        named.update(portrait.part_id(part) for part in portrait.interview.parts)
        count = len(portrait.interview.exchanges)
        named.update(portrait.question_id(n) for n in range(1, count + 1))
    assert named == _anchors(anthology)
    for output in outputs.values():
        assert named <= output.ids


def test_the_same_names_in_every_format(built: tuple[Anthology, dict[str, Outputs]]) -> None:
    anthology, outputs = built
    names = {portrait.subject.name for portrait in anthology.portraits}
    names.update(speaker.shown for p in anthology.portraits for speaker in p.speakers)
    assert names
    for format_name, output in outputs.items():
        missing = {name for name in names if " ".join(name.split()) not in output.text}
        assert not missing, format_name
