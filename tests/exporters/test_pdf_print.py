"""The printed page of the ``pdf`` format, read back from built books as a book designer would.

A small French anthology written here (narrow pages, answers full of names, brands, handles and
links, back-matter titles that end in « ») is built three times, once per ``links`` style, and
each test reads the PDF back with poppler's ``pdftotext -layout`` (lines as printed), pypdf (the
font of each run of text) or pikepdf (links and structure).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from tests import validators

from interviewkit.build import build
from interviewkit.plugins import make_plugin_manager

pytestmark = pytest.mark.slow

NNBSP = "\u202f"
#: The hyphen WeasyPrint draws where it hyphenates a word (a hard hyphen is U+002D).
HYPHENATION = "\u2010"

ANTHOLOGY = """\
title = "Essais de typographie"
language = "fr-FR"
handle_platform = "twitter"
portraits = ["marie-lou-tremblay"]

[[front_matter]]
id = "avant-propos"
kind = "preface"
title = "Avant-propos"
file = "front/avant-propos.md"

{back_matter}
[export.pdf]
# A narrow column: many lines end near a long word.
margins = "18mm 40mm 20mm 40mm"
"""

#: Titles that end in « »: on these narrow pages, the last line of each is nearly full, where a
#: leader that follows the title had no room for a dot, or went alone to a line of its own.
BACK_TITLES = (
    "Annexe : ce que les gestionnaires « samedi »",
    "Annexe : ce que les gestionnaires « la veille »",
    "Annexe : ce que les gestionnaires « le jeudi »",
    "Annexe : ce que les gestionnaires « la une »",
    "Ce que les gestionnaires de communauté du Québec appellent entre eux « la veille du jeudi »",
)

PREFACE = """\
Ces entrevues ont d'abord paru sur [le site de l'éditeur](https://editions.example.org/catalogue).
"""

ANNEX = "Une courte annexe, sans lien.\n"

#: Capitalised words that must never be hyphenated, repeated so that many lines end near one.
NAMES = (
    "LinkedIn, Facebook, Instagram, Pinterest, YouTube, Dailymotion, SoundCloud, Desjardins, "
    "Bombardier, Vidéotron, Shawinigan, Chicoutimi, Sherbrooke, Gatineau, Témiscamingue, "
    "Charlevoix, Drummondville, Bibliothèques, Microbrasseries, Gouvernementales, "
    "Administrations, Communications, Réglementations, Intercommunalités"
)

PORTRAIT = f"""\
---
title: "Rencontre avec Marie-Lou Tremblay-Castonguay"
subject:
  name: Marie-Lou Tremblay-Castonguay
  role: gestionnaire de communauté
interviewer:
  name: Annie-Claude Letendre
follow:
  - {{label: Facebook, url: "https://facebook.example.com/mltc", kind: facebook}}
---

Nous avons rencontré Marie-Lou à Drummondville, entre deux rendez-vous chez Desjardins.

## Où publies-tu?

Surtout sur LinkedIn, Facebook, Instagram, Pinterest, YouTube, Dailymotion et SoundCloud. Mes
collègues de Shawinigan, de Rimouski, de Chicoutimi, de Sherbrooke et de Gatineau publient
plutôt sur Facebook. Les municipalités de Témiscamingue et de Charlevoix suivent Desjardins,
Bombardier et Vidéotron. Écris-moi à @MarieLouTremblayCastonguay ou suis
#CommunicationsMunicipales : elles internationalisent extraordinairement leurs communications.

## Où trouves-tu tes idées?

J'en parle dans [un billet très détaillé sur mon blogue](https://blogue.example.org/2012/11/idees?x=1&y=2),
et dans [le guide](https://www.example.net/guides/veille). Pour m'écrire,
[un courriel suffit](mailto:marie-lou@example.org), ou directement marie-lou@example.org. Mon
site : https://www.example.com/marie-lou et [https://example.org/a-propos](https://example.org/a-propos).

## Et les autres?

{NAMES}, {NAMES.lower()}, {NAMES}, toutes ces organisations ont leurs habitudes.
"""


@dataclass(frozen=True)
class Book:
    """One build of the anthology, with its pages as ``pdftotext -layout`` prints them."""

    pdf: Path
    pages: list[str]

    def page_with(self, text: str) -> int:
        """Index of the only page whose text (spaces taken out) holds ``text``."""
        found = [i for i, page in enumerate(self.pages) if _squeeze(text) in _squeeze(page)]
        assert len(found) == 1, (text, found)
        return found[0]


def _squeeze(text: str) -> str:
    """Text without spaces or line breaks: an address broken over two lines reads whole."""
    return re.sub(r"\s+", "", text)


def _write_anthology(root: Path) -> Path:
    source = root / "typographie"
    for folder in ("portraits", "front", "back"):
        (source / folder).mkdir(parents=True)
    back_matter = "".join(
        f'[[back_matter]]\nid = "annexe-{number}"\nkind = "other"\ntitle = "{title}"\n'
        'file = "back/annexe.md"\n\n'
        for number, title in enumerate(BACK_TITLES, 1)
    )
    (source / "anthology.toml").write_text(
        ANTHOLOGY.format(back_matter=back_matter), encoding="utf-8"
    )
    (source / "front" / "avant-propos.md").write_text(PREFACE, encoding="utf-8")
    (source / "back" / "annexe.md").write_text(ANNEX, encoding="utf-8")
    (source / "portraits" / "marie-lou-tremblay.md").write_text(PORTRAIT, encoding="utf-8")
    return source


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Book]:
    """The anthology built with each ``links`` style (notes as PDF/UA-1, none untagged)."""
    validators.require(
        "pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils"
    )
    source = _write_anthology(tmp_path_factory.mktemp("print-source"))
    variants = {
        "footnotes": [],
        "notes": ["pdf.links=notes", "pdf.pdf_variant=pdf/ua-1"],
        "none": ["pdf.links=none", "pdf.tagged=false"],
    }
    built = {}
    for name, options in variants.items():
        out = tmp_path_factory.mktemp(f"print-{name}")
        report = build(
            source,
            ["pdf"],
            out,
            options=options,
            plugins=make_plugin_manager(entry_point_plugins=False),
        )
        assert report.ok, report.failures
        pdf = report.results[0].path
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        built[name] = Book(pdf=pdf, pages=text.split("\f"))
    return built


BLOG = "https://blogue.example.org/2012/11/idees?x=1&y=2"
GUIDE = "https://www.example.net/guides/veille"
PUBLISHER = "https://editions.example.org/catalogue"


class TestLinks:
    """Each address is printed once: at the foot of the link's page, or in the portrait's notes."""

    def test_footnotes_at_the_foot_of_the_links_page(self, books: dict[str, Book]):
        """The address of a link follows on the page of its text, below it; escaped, not doubled."""
        book = books["footnotes"]
        for link_text, address in [
            ("un billet très détaillé sur mon blogue", BLOG),
            ("le guide", GUIDE),
            ("le site de l'éditeur".replace("'", "\u2019"), PUBLISHER),
        ]:
            page = book.page_with(link_text)
            squeezed = _squeeze(book.pages[page])
            assert _squeeze(address) in squeezed, (address, book.pages[page])
            assert squeezed.index(_squeeze(address)) > squeezed.index(_squeeze(link_text))
        text = "".join(book.pages)
        assert "&amp;" not in text
        assert _squeeze(BLOG) in _squeeze(text)

    def test_only_links_whose_text_hides_the_address(self, books: dict[str, Book]):
        """No footnote for a bare address, an autolink, an address as text or a handle; an
        e-mail link's note is the address without ``mailto:``."""
        book = books["footnotes"]
        text = _squeeze("".join(book.pages))
        assert text.count(_squeeze("https://www.example.com/marie-lou")) == 1
        assert text.count("example.org/a-propos") == 1
        assert text.count("marie-lou@example.org") == 2  # the footnote and the address as text
        assert "mailto:" not in text
        assert "twitter.com" not in text

    def test_notes_at_the_end_of_the_portrait(self, books: dict[str, Book]):
        """``links = "notes"``: numbered after the portrait's last answer, linked from the text."""
        book = books["notes"]
        notes_page = book.page_with("NOTES1." + BLOG)
        page_text = _squeeze(book.pages[notes_page])
        ends = page_text.index(_squeeze("toutes ces organisations"))
        heading = page_text.index("NOTES1.")
        assert ends < heading
        listed = page_text[heading:]
        for address in (BLOG, GUIDE, "marie-lou@example.org"):
            assert _squeeze(address) in listed
        assert listed.index(_squeeze(BLOG)) < listed.index(_squeeze(GUIDE))
        # Not at the foot of the page of the link (that page is before the notes).
        link_page = book.page_with("un billet très détaillé sur mon blogue")
        assert link_page < notes_page
        assert _squeeze(BLOG) not in _squeeze(book.pages[link_page])
        with pikepdf.open(book.pdf) as pdf:
            pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
            targets = {
                pages.get(annotation.Dest[0].objgen)
                for annotation in pdf.pages[link_page].obj.get("/Annots", [])
                if "/Dest" in annotation
            }
        assert notes_page in targets

    def test_none_prints_the_text_alone(self, books: dict[str, Book]):
        """``links = "none"``: the text of a link, and no address anywhere."""
        text = _squeeze("".join(books["none"].pages))
        assert _squeeze("un billet très détaillé sur mon blogue") in text
        for address in (BLOG, GUIDE, PUBLISHER):
            assert _squeeze(address) not in text

    @pytest.mark.validator
    @pytest.mark.parametrize("variant", ["footnotes", "notes", "none"])
    def test_qpdf_finds_no_error(self, books: dict[str, Book], variant: str):
        """``qpdf --check`` accepts each variant without errors or warnings."""
        validators.require("qpdf", shutil.which("qpdf") is not None, "apt-get install qpdf")
        run = subprocess.run(
            ["qpdf", "--check", str(books[variant].pdf)], capture_output=True, text=True
        )
        assert run.returncode == 0, run.stdout + run.stderr
        assert "WARNING" not in run.stdout + run.stderr

    @pytest.mark.parametrize("variant", ["footnotes", "notes"])
    def test_every_marked_content_belongs_to_its_element(
        self, books: dict[str, Book], variant: str
    ):
        """Footnotes and notes keep the tagged structure whole: each MCID of each page maps to
        an element that holds it, and every link annotation has its structure parent."""
        with pikepdf.open(books[variant].pdf) as pdf:
            tree = pdf.Root.StructTreeRoot
            nums = tree.ParentTree.Nums
            entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
            checked = 0
            for page in pdf.pages:
                for annotation in page.obj.get("/Annots", []):
                    if annotation.Subtype == "/Link":
                        assert int(annotation.StructParent) in entries
                if "/StructParents" not in page.obj:
                    continue
                for mcid, element in enumerate(entries[int(page.obj.StructParents)]):
                    if element is None:
                        continue
                    kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                    held = {
                        int(k) if isinstance(k, int) else int(k.get("/MCID", -1))
                        for k in kids
                        if isinstance(k, int) or k.get("/Type") == "/MCR"
                    }
                    assert mcid in held, f"MCID {mcid} not in its element {element.S}"
                    checked += 1
            assert checked > 20


class TestHyphenation:
    """TeX's rule: a capitalised word (a name, a brand, a place) is never hyphenated."""

    @pytest.mark.parametrize("variant", ["footnotes", "none"])
    def test_no_capitalised_word_is_hyphenated(self, books: dict[str, Book], variant: str):
        """No line ends in the hyphenated start of a name, a brand, a handle or an address;
        other words still are hyphenated."""
        hyphenated = []
        for page in books[variant].pages:
            for line in page.splitlines():
                if line.rstrip().endswith(HYPHENATION):
                    hyphenated.append(line.split()[-1])
        assert hyphenated, "no word was hyphenated at all"
        for word in hyphenated:
            part = word.rstrip(HYPHENATION).lstrip("«“(" + NNBSP)
            assert part.islower(), f"{word!r} is the hyphenated start of a capitalised word"
            assert not re.search(r"[@#/:.]", part), f"{word!r} is a handle or an address"

    def test_names_in_titles_and_bylines_stay_whole(self, books: dict[str, Book]):
        """The portrait's title, subject and byline never end a line inside a hyphenated name
        ("Marie-/Lou", "Tremblay-/Castonguay"); the title wraps between words instead."""
        book = books["footnotes"]
        page = book.pages[book.page_with("Nous avons rencontré")]
        opening = page[: page.index("Nous avons")]
        lines = [line.strip() for line in opening.splitlines() if line.strip()]
        assert "Tremblay-Castonguay" in lines
        for line in lines:
            assert not re.search(r"[A-Z]\w*-$", line), line


class TestContents:
    """The contents page: a leader and an upright page number on every entry."""

    TITLES = (
        "Avant-propos",
        "Marie-Lou Tremblay-Castonguay, gestionnaire de communauté",
        *BACK_TITLES,
        "Index",  # made from the data (its people, handles and hashtags), last
    )

    @staticmethod
    def contents(book: Book) -> str:
        return next(page for page in book.pages if "Table des matières" in page)

    def test_a_leader_on_every_entry(self, books: dict[str, Book]):
        """Each entry's last line: its last words, a dot leader, then the page number set apart
        in its column, however the title wraps or ends (« »): never a number against the
        title, nor the dots alone on a line."""
        lines = [line.strip() for line in self.contents(books["footnotes"]).splitlines()]
        numbered = [
            line
            for line in lines
            if re.search(r"(\d+|[ivxlc]+)$", line) and not re.fullmatch(r"\d+|[ivxlc]+", line)
        ]
        assert len(numbered) == len(self.TITLES), numbered
        for line in numbered:
            match = re.fullmatch(r"(.*?[^.\s])\s*((?:\.\s?)+)\s+(\d+|[ivxlc]+)", line)
            assert match, f"no words, dot leader and page number on {line!r}"
        flat = _squeeze("".join(lines))
        position = 0
        for title in self.TITLES:
            position = flat.find(_squeeze(title), position)
            assert position >= 0, title

    def test_page_numbers_in_one_style(self, books: dict[str, Book]):
        """Roman and arabic page numbers, of sections (in italics) and portraits alike, are
        set in the same upright text face."""
        reader = PdfReader(books["footnotes"].pdf)
        page = next(p for p in reader.pages if "Table des matières" in (p.extract_text() or ""))
        runs: list[tuple[str, str, float, float]] = []

        def visit(text: str, cm: object, tm: list[float], font: object, size: float) -> None:
            if text.strip() and isinstance(font, dict):
                runs.append((text.strip(), str(font.get("/BaseFont")), tm[4], tm[5]))

        page.extract_text(visitor_text=visit)
        lines: dict[float, list[tuple[str, str, float]]] = {}
        for text, font, x, y in runs:
            lines.setdefault(round(y, 1), []).append((text, font, x))
        numbers = []
        for line in lines.values():
            text, font, _ = max(line, key=lambda run: run[2])
            if re.fullmatch(r"\d+|[ivxlc]+", text) and len(line) > 1:
                numbers.append((text, font.split("+")[-1]))
        assert len(numbers) == len(self.TITLES), numbers
        assert any(text.isdigit() for text, _ in numbers)
        assert any(not text.isdigit() for text, _ in numbers)
        faces = {face for _, face in numbers}
        assert len(faces) == 1, numbers
        assert "Italic" not in faces.pop()


LAYOUT_ANTHOLOGY = """\
title = "Essais de mise en page"
language = "fr-FR"
portraits = ["jeanne-saucier"]

# The portrait's own readings are what is tested: the merged list would print them again.
[reading_list]
enabled = false

[export.pdf]
margins = "18mm 40mm 20mm 40mm"
"""


def _layout_portrait() -> str:
    """A portrait whose footer is longer than a page: six follow links, eight other portraits,
    eight readings of two lines each, and credits whose source line holds a long address."""
    follow = "".join(
        f'  - {{label: "Compte {i}", url: "https://social.example.com/compte-{i}"}}\n'
        for i in range(1, 7)
    )
    related = "".join(
        f'  - {{name: "Personne {i}", affiliation: "Organisme {i}"}}\n' for i in range(1, 9)
    )
    reading = "".join(
        f'  - {{label: "Lecture numéro {i} : un article au titre assez long pour tenir sur deux '
        f'lignes", url: "https://www.example.org/lectures/{i}"}}\n'
        for i in range(1, 9)
    )
    answers = "\n\n".join(
        f"## Question {i}?\n\nUne réponse de quelques lignes, assez longue pour occuper "
        "l'espace de la page et faire avancer le texte vers le bas."
        for i in range(1, 5)
    )
    return f"""\
---
title: "Portrait : Jeanne Saucier"
subject:
  name: Jeanne Saucier
  role: correctrice
interviewer:
  name: Annie-Claude Letendre
credits:
  first_published:
    title: "Cinq questions à Jeanne Saucier, correctrice"
    publication: Le Carnet des comptes
    url: https://blogue.example.org/2012/06/portrait-jeanne-saucier
    date: 2012-06-14
  permission:
    text: "Reproduit avec l'autorisation de l'autrice, de la revue et de l'Association des
      correcteurs et correctrices du Québec."
follow:
{follow}related:
{related}reading:
{reading}---

Une courte présentation.

{answers}
"""


@pytest.fixture(scope="module")
def layout_book(tmp_path_factory: pytest.TempPathFactory) -> Book:
    """A portrait with a long footer, built once."""
    validators.require(
        "pdftotext", shutil.which("pdftotext") is not None, "apt-get install poppler-utils"
    )
    source = tmp_path_factory.mktemp("layout-source") / "mise-en-page"
    (source / "portraits").mkdir(parents=True)
    (source / "anthology.toml").write_text(LAYOUT_ANTHOLOGY, encoding="utf-8")
    (source / "portraits" / "jeanne-saucier.md").write_text(_layout_portrait(), encoding="utf-8")
    report = build(
        source,
        ["pdf"],
        tmp_path_factory.mktemp("layout-out"),
        plugins=make_plugin_manager(entry_point_plugins=False),
    )
    assert report.ok, report.failures
    pdf = report.results[0].path
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return Book(pdf=pdf, pages=text.split("\f"))


class TestLayout:
    """Short lists stay together; metadata lines are set ragged, never stretched."""

    def test_a_short_list_is_kept_on_one_page(self, layout_book: Book):
        """The eight readings, with their heading, are on one page: the footer, longer than a
        page, breaks before the list rather than leave its last item alone on the next page."""
        pages = {layout_book.page_with(f"Lecture numéro {i} :") for i in range(1, 9)}
        assert len(pages) == 1, pages
        assert layout_book.page_with("LECTURES") in pages
        assert len({layout_book.page_with(f"Personne {i} / Organisme") for i in range(1, 9)}) == 1

    def test_metadata_lines_are_not_stretched(self, layout_book: Book):
        """The source and permission lines, in the portrait and on the sources page, are set
        flush left: no line opens a wide gap between two words to reach the margin."""
        checked = 0
        for page in layout_book.pages:
            lines = [line.strip() for line in page.splitlines()]
            inside = False
            for line in lines:
                inside = inside or line.startswith("Première publication")
                if inside and line:
                    assert not re.search(r"\S {3,}\S", line), line
                    checked += 1
                inside = inside and not line.endswith("Québec.")
        assert checked >= 8
