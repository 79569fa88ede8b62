"""The ``html`` and ``html-site`` formats: valid, accessible, safe, stable and themable.

The example anthologies are built once per module; the Nu HTML Checker runs once (one JVM) on
every page, and one Chromium serves every axe-core check. The autouse ``no_network`` guard stays
on for the axe checks: playwright talks to its driver, and the driver to Chromium, over pipes
(``--remote-debugging-pipe``), and pages are opened from disk, so no socket is needed.
"""

from __future__ import annotations

import difflib
import itertools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html
from tests import validators

from interviewkit.build import build
from interviewkit.plugins import Plugins, make_plugin_manager

TESTS = Path(__file__).resolve().parent.parent
EXAMPLES = TESTS.parent / "examples"
GOLDEN = TESTS / "golden" / "html"
EXAMPLE_NAMES = ["derriere-les-comptes", "makers-at-work"]
# The French example with every answer printed in its concordance ([concordance] answers).
ANSWERS = "concordance-answers"
VALIDATED = [*EXAMPLE_NAMES, ANSWERS]
# The portraits of derriere-les-comptes, in the order of its contents.
PORTRAITS = ["rosalie-gendron-paquin", "samuel-fortier-dion", "leila-haddad-morin"]
GOLDEN_CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "input").is_dir())
# Fixed build date of the golden and determinism tests (2023-11-14).
EPOCH = "1700000000"


@dataclass(frozen=True)
class Built:
    """One anthology built in both modes."""

    single: Path
    site: Path

    @property
    def pages(self) -> list[Path]:
        """The single file and every page of the site."""
        return [self.single, *sorted(self.site.glob("*.html"))]

    def first_portrait(self) -> Path:
        """The site's page of the first portrait in the contents."""
        home = lxml_html.parse(str(self.site / "index.html")).getroot()
        (first, *_) = home.xpath("//nav[@id='contents']//li[@class='toc-portrait']/a/@href")
        return self.site / str(first)


def build_both(source: Path, output: Path, plugins: Plugins, **kwargs: Any) -> Built:
    """Build ``source`` as ``html`` and ``html-site``; fail on any failed format."""
    report = build(source, ["html", "html-site"], output, plugins=plugins, **kwargs)
    assert report.ok, report.failures
    paths = {result.format_name: result.path for result in report.results}
    return Built(single=paths["html"], site=paths["html-site"])


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Both example anthologies, and the French one with the answers in its concordance, each
    built once in both modes."""
    plugins = make_plugin_manager(entry_point_plugins=False)
    output = tmp_path_factory.mktemp("examples")
    built = {name: build_both(EXAMPLES / name, output / name, plugins) for name in EXAMPLE_NAMES}
    answers = tmp_path_factory.mktemp("answers") / ANSWERS
    shutil.copytree(EXAMPLES / "derriere-les-comptes", answers)
    with (answers / "anthology.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n[concordance]\nanswers = true\n")
    built[ANSWERS] = build_both(answers, output / ANSWERS, plugins)
    assert 'class="concordance-answers"' in built[ANSWERS].single.read_text("utf-8")
    return built


# ----------------------------------------------------------------- validators


# An invalid, inaccessible page: proves that each checker runs and reports (and so can fail).
CANARY = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Canary</title></head>
<body><main><h1>Canary</h1><img src="missing.png"><p id="a"></p><p id="a"></p></main></body>
</html>
"""


@pytest.fixture(scope="module")
def canary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page with a missing ``alt`` and a duplicate id."""
    path = tmp_path_factory.mktemp("canary") / "canary.html"
    path.write_text(CANARY, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def vnu_messages(examples: dict[str, Built], canary: Path) -> list[dict[str, Any]]:
    """The Nu HTML Checker's errors on every page and stylesheet of both examples (one run)."""
    files = [page for built in examples.values() for page in built.pages]
    files += [css for built in examples.values() for css in sorted(built.site.rglob("*.css"))]
    return validators.vnu([*files, canary])


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for every axe-core check of this module."""
    with validators.chromium() as chromium:
        yield chromium


@pytest.mark.validator
class TestNuHtmlChecker:
    """The Nu HTML Checker finds no error."""

    @pytest.mark.parametrize("example", VALIDATED)
    def test_single_file(
        self, example: str, examples: dict[str, Built], vnu_messages: list[dict[str, Any]]
    ) -> None:
        """The single-file edition is valid HTML."""
        target = examples[example].single
        errors = [m for m in vnu_messages if m["path"] == target]
        assert errors == [], validators.describe_vnu(errors)

    @pytest.mark.parametrize("example", VALIDATED)
    def test_every_page_of_the_site(
        self, example: str, examples: dict[str, Built], vnu_messages: list[dict[str, Any]]
    ) -> None:
        """Every page of the site, and its stylesheet, is valid."""
        folder = examples[example].site
        errors = [m for m in vnu_messages if m["path"].is_relative_to(folder)]
        assert errors == [], validators.describe_vnu(errors)

    def test_reports_errors(self, vnu_messages: list[dict[str, Any]], canary: Path) -> None:
        """The same run reports the canary page's errors, so it does check what it is given."""
        errors = [m["message"] for m in vnu_messages if m["path"] == canary]
        assert any("alt" in message for message in errors), errors
        assert any("Duplicate ID" in message for message in errors), errors


@pytest.mark.validator
class TestAxe:
    """axe-core finds no accessibility violation."""

    @pytest.mark.parametrize("example", VALIDATED)
    def test_site_index(self, example: str, examples: dict[str, Built], browser: Any) -> None:
        """The site's index (title page and contents) is accessible."""
        violations = validators.axe(examples[example].site / "index.html", browser)
        assert violations == [], validators.describe_axe(violations)

    @pytest.mark.parametrize("example", VALIDATED)
    def test_portrait_page(self, example: str, examples: dict[str, Built], browser: Any) -> None:
        """A portrait page of the site is accessible."""
        violations = validators.axe(examples[example].first_portrait(), browser)
        assert violations == [], validators.describe_axe(violations)

    @pytest.mark.parametrize("example", VALIDATED)
    def test_single_file(self, example: str, examples: dict[str, Built], browser: Any) -> None:
        """The single-file edition is accessible."""
        violations = validators.axe(examples[example].single, browser)
        assert violations == [], validators.describe_axe(violations)

    def test_reports_violations(self, canary: Path, browser: Any) -> None:
        """axe-core reports the canary page's missing ``alt``, so it does check the page."""
        assert "image-alt" in {violation["id"] for violation in validators.axe(canary, browser)}


class TestRequire:
    """A missing validator skips locally and fails in CI."""

    def test_skips_locally(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without ``CI=true`` or the switch, a missing validator skips the test."""
        monkeypatch.delenv("CI", raising=False)
        monkeypatch.delenv("INTERVIEWKIT_REQUIRE_VALIDATORS", raising=False)
        with pytest.raises(pytest.skip.Exception, match="no-such-tool"):
            validators.require("no-such-tool", False, "install it")

    @pytest.mark.parametrize(
        ("name", "value"), [("CI", "true"), ("INTERVIEWKIT_REQUIRE_VALIDATORS", "1")]
    )
    def test_fails_in_ci(self, monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
        """With ``CI=true`` or ``INTERVIEWKIT_REQUIRE_VALIDATORS``, a missing validator fails."""
        monkeypatch.delenv("CI", raising=False)
        monkeypatch.delenv("INTERVIEWKIT_REQUIRE_VALIDATORS", raising=False)
        monkeypatch.setenv(name, value)
        with pytest.raises(pytest.fail.Exception, match="no-such-tool"):
            validators.require("no-such-tool", False, "install it")

    def test_available_passes(self) -> None:
        """An available validator neither skips nor fails."""
        assert validators.require("java", True, "install it") is None


# ----------------------------------------------------------------- security

HOSTILE = """\
---
title: "Portrait hostile"
subject:
  name: Eve Mallory
---

Le chapeau <script>alert(1)</script>.

## Est-ce que <script>alert(1)</script> passe ?

<script>alert(1)</script>

<img src=x onerror=alert(1)>

[x](javascript:alert(1)) et ![x](file:///etc/passwd)
"""


class _Elements(HTMLParser):
    """Every element with its attributes, and the text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> _Elements:
    """The elements and text of the page at ``path``."""
    parser = _Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture
def hostile_anthology(tmp_path: Path) -> Path:
    """An anthology whose only portrait tries script injection and local file access."""
    root = tmp_path / "hostile"
    (root / "portraits").mkdir(parents=True)
    (root / "anthology.toml").write_text('title = "Hostile"\nlanguage = "fr-CA"\n', "utf-8")
    (root / "portraits" / "eve-mallory.md").write_text(HOSTILE, "utf-8")
    return root


class TestHostileContent:
    """Content cannot inject active markup or reach local files."""

    @pytest.mark.parametrize("raw_html", [False, True])
    def test_nothing_active(
        self, hostile_anthology: Path, tmp_path: Path, pm: Plugins, raw_html: bool
    ) -> None:
        """No script element, event handler, ``javascript:`` link or ``file:`` source is output."""
        options = ["raw_html=true"] if raw_html else []
        built = build_both(hostile_anthology, tmp_path / "out", pm, options=options)
        for page in built.pages:
            parsed = parse(page)
            assert [tag for tag, _ in parsed.elements if tag in {"script", "iframe"}] == []
            for tag, attrs in parsed.elements:
                assert not [name for name in attrs if name.startswith("on")], (page, tag)
                for name in ("href", "src"):
                    value = attrs.get(name, "").strip().lower()
                    assert not value.startswith(("javascript:", "file:", "vbscript:")), page
                if tag == "img":
                    assert attrs.get("src") != "x", page

    def test_shown_as_text(self, hostile_anthology: Path, tmp_path: Path, pm: Plugins) -> None:
        """By default hostile markup is shown escaped, as typed; refused links by their text."""
        built = build_both(hostile_anthology, tmp_path / "out", pm)
        for page in (built.single, built.site / "eve-mallory.html"):
            text = "".join(parse(page).text)
            for typed in (
                "Le chapeau <script>alert(1)</script>.",
                "Est-ce que <script>alert(1)</script> passe?",
                "<img src=x onerror=alert(1)>",
                "x et x",  # [x](javascript:...) and ![x](file:...): the link text, the alt text
            ):
                assert typed in text, (page, typed)
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.read_text("utf-8")


# ----------------------------------------------------------------- golden files


def _diff(expected: bytes, actual: bytes, name: str) -> str:
    lines = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(),
        actual.decode("utf-8", "replace").splitlines(),
        f"expected/{name}",
        f"built/{name}",
        lineterm="",
    )
    return "\n".join(list(lines)[:60])


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_golden(
    case: str,
    tmp_path: Path,
    pm: Plugins,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    """Every page of the site (home, portraits, the generated parts) is byte for byte the
    reviewed expected file."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    folder = GOLDEN / case
    built = build_both(folder / "input", tmp_path, pm)
    portraits = sorted(p.stem for p in (folder / "input" / "portraits").glob("*.md"))
    names = sorted(page.name for page in built.site.glob("*.html"))
    assert {"index.html", *(f"{portrait}.html" for portrait in portraits)} <= set(names)
    expected_dir = folder / "expected"
    if request.config.getoption("--update-golden"):
        expected_dir.mkdir(exist_ok=True)
        for stale in expected_dir.iterdir():
            stale.unlink()
        for name in names:
            shutil.copyfile(built.site / name, expected_dir / name)
    how = (
        f"if the change is intended, run `pytest tests/exporters/test_html.py --update-golden` "
        f"and review the diff of tests/golden/html/{case}/expected/"
    )
    assert expected_dir.is_dir(), f"no expected files for {case}: {how}"
    assert sorted(p.name for p in expected_dir.iterdir()) == sorted(names), how
    for name in names:
        expected = (expected_dir / name).read_bytes()
        actual = (built.site / name).read_bytes()
        assert actual == expected, f"{case}/{name} changed; {how}\n{_diff(expected, actual, name)}"


def test_deterministic(tmp_path: Path, pm: Plugins, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds of the same folder with the same SOURCE_DATE_EPOCH are identical."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    source = EXAMPLES / "derriere-les-comptes"
    first = build_both(source, tmp_path / "a", pm)
    second = build_both(source, tmp_path / "b", pm)
    assert first.single.read_bytes() == second.single.read_bytes()
    files = sorted(p.relative_to(first.site) for p in first.site.rglob("*") if p.is_file())
    assert files == sorted(
        p.relative_to(second.site) for p in second.site.rglob("*") if p.is_file()
    )
    for relative in files:
        assert (first.site / relative).read_bytes() == (second.site / relative).read_bytes()


# ----------------------------------------------------------------- theme

OVERRIDE = """\
{% extends "html/base.html" %}
{% block body %}
<main id="content">
<h1 class="themed">{{ p.subject }} ({{ p.affiliations | join(", ") }})</h1>
</main>
{% endblock %}
"""
EXTRA_CSS = ".themed { color: rebeccapurple; }\n"


@pytest.fixture
def themed_anthology(tmp_path: Path) -> Path:
    """The English golden input with a portrait page override and an extra stylesheet."""
    root = tmp_path / "themed"
    shutil.copytree(GOLDEN / "en-portrait" / "input", root)
    (root / "theme" / "templates" / "html").mkdir(parents=True)
    (root / "theme" / "templates" / "html" / "portrait.html").write_text(OVERRIDE, "utf-8")
    (root / "theme" / "extra.css").write_text(EXTRA_CSS, "utf-8")
    return root


class TestTheme:
    """An anthology's ``theme/`` folder overrides templates and adds CSS."""

    def test_template_override_is_used(
        self, themed_anthology: Path, tmp_path: Path, pm: Plugins
    ) -> None:
        """The folder's ``html/portrait.html`` replaces the package's, autoescaping included."""
        built = build_both(themed_anthology, tmp_path / "out", pm)
        page = (built.site / "tom-okafor.html").read_text("utf-8")
        assert '<h1 class="themed">Tom Okafor (Spoke &amp; Chain)</h1>' in page
        assert 'class="exchange"' not in page
        index = (built.site / "index.html").read_text("utf-8")
        assert 'class="toc"' in index  # templates it does not override come from the package

    def test_extra_css_in_the_site(
        self, themed_anthology: Path, tmp_path: Path, pm: Plugins
    ) -> None:
        """Each site page links the package's stylesheet, then the theme's, copied to assets/."""
        built = build_both(themed_anthology, tmp_path / "out", pm)
        assert (built.site / "assets" / "extra.css").read_text("utf-8") == EXTRA_CSS
        for name in ("index.html", "tom-okafor.html"):
            page = (built.site / name).read_text("utf-8")
            package = page.index('href="assets/interviewkit.css"')
            theme = page.index('href="assets/extra.css"')
            assert package < theme, name

    def test_extra_css_in_the_single_file(
        self, themed_anthology: Path, tmp_path: Path, pm: Plugins
    ) -> None:
        """The single file inlines the theme's CSS after the package's, unescaped."""
        built = build_both(themed_anthology, tmp_path / "out", pm)
        page = built.single.read_text("utf-8")
        assert "<link" not in page
        assert page.index(".portrait-title") < page.index(EXTRA_CSS)
        assert 'font-family: "Iowan Old Style"' in page


# ----------------------------------------------------------------- structure


class TestStructure:
    """What readers rely on in both modes."""

    def test_single_file_is_self_contained(self, examples: dict[str, Built]) -> None:
        """The single file has no stylesheet link and embeds every image as a data: URI."""
        parsed = parse(examples["derriere-les-comptes"].single)
        assert not [a for tag, a in parsed.elements if tag == "link"]
        sources = [a["src"] for tag, a in parsed.elements if tag == "img"]
        assert sources
        assert all(src.startswith("data:image/") for src in sources)

    @pytest.mark.parametrize("example", EXAMPLE_NAMES)
    def test_every_portrait_links_back_to_the_contents(
        self, example: str, examples: dict[str, Built]
    ) -> None:
        """Every portrait page links to the site's contents, and the single file to its own."""
        built = examples[example]
        for page in built.site.glob("*.html"):
            if page.name != "index.html":
                assert 'href="index.html#contents"' in page.read_text("utf-8"), page.name
        single = built.single.read_text("utf-8")
        portraits = single.count('<article class="portrait"')
        assert single.count('<a href="#contents">') == portraits

    def test_site_pages_chain(self, examples: dict[str, Built]) -> None:
        """The index lists every portrait page, and prev/next links walk them in order."""
        site = examples["derriere-les-comptes"].site
        index = parse(site / "index.html")
        # The links of the contents' portrait lines (the index and the concordance, on the
        # same page, link to portrait pages too).
        pages = [
            a["href"]
            for (tag, item), (_, a) in itertools.pairwise(index.elements)
            if tag == "li" and item.get("class") == "toc-portrait"
        ]
        assert pages == [f"{p}.html" for p in PORTRAITS]
        for before, after in itertools.pairwise(pages):
            html = (site / before).read_text("utf-8")
            assert f'<a rel="next" href="{after}">' in html
            assert f'<a rel="prev" href="{before}">' in (site / after).read_text("utf-8")
        assert 'rel="prev"' not in (site / pages[0]).read_text("utf-8")
        assert 'rel="next"' not in (site / pages[-1]).read_text("utf-8")

    def test_exchange_ids(self, examples: dict[str, Built]) -> None:
        """Exchanges are anchored ``<portrait>-q<n>``, numbered across parts."""
        page = examples["derriere-les-comptes"].site / "samuel-fortier-dion.html"
        ids = [a["id"] for tag, a in parse(page).elements if tag == "section" and "id" in a]
        exchanges = [i for i in ids if "-q" in i]
        assert exchanges == [f"samuel-fortier-dion-q{n}" for n in range(1, len(exchanges) + 1)]
