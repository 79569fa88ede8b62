"""The folder importer: ``anthology.toml`` + ``portraits/*.md`` read into an anthology."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import interviewkit
from interviewkit.build.loading import open_source
from interviewkit.errors import InvalidInputError

MANIFEST = """\
title = "Petit recueil"
language = "fr-CA"
"""

PORTRAIT = """\
---
title: "Portrait : Alice Tremblay"
subject:
  name: Alice Tremblay
---

Cette semaine, je vous présente Alice Tremblay.

## En quoi as-tu étudié?

En communication.
"""


def write_anthology(root: Path, manifest: str = MANIFEST, **portraits: str) -> Path:
    """Write a tiny fictional anthology: ``portraits`` maps ids (``_`` for ``-``) to file text."""
    (root / "portraits").mkdir(parents=True)
    (root / "anthology.toml").write_text(manifest, encoding="utf-8")
    for name, text in portraits.items():
        path = root / "portraits" / f"{name.replace('_', '-')}.md"
        path.write_text(text, encoding="utf-8")
    return root


def portrait_with_body(body: str, front: str = "") -> str:
    """A portrait file with the standard front matter (plus ``front``) and ``body``."""
    head = PORTRAIT.split("---\n\n", 1)[0]
    return f"{head}{front}---\n\n{body}"


class TestExamples:
    """Both example folders load into the anthology their files describe."""

    def test_portrait_order_follows_the_manifest_list(self, fr_anthology: interviewkit.Anthology):
        """With `portraits = [...]`, portraits come in the listed order, not file-name order."""
        assert [p.id for p in fr_anthology.portraits] == [
            "rosalie-gendron-paquin",
            "samuel-fortier-dion",
            "leila-haddad-morin",
        ]

    def test_portrait_order_is_file_name_order_without_a_list(self, en_example: Path):
        """Without a `portraits` list, every portraits/*.md file is used in file-name order."""
        anthology = interviewkit.load(en_example)
        assert [p.id for p in anthology.portraits] == ["corentin-ashby", "marguerite-obi"]

    def test_metadata_comes_from_the_manifest(self, fr_anthology: interviewkit.Anthology):
        """Title, language, series and editors are read from anthology.toml."""
        assert fr_anthology.title == "Derrière les comptes"
        assert fr_anthology.language == "fr-CA"
        assert fr_anthology.series is not None
        assert fr_anthology.series.name == "Les portraits du jeudi"
        assert [editor.name for editor in fr_anthology.editors] == ["Annie-Claude Letendre"]

    def test_a_level_one_heading_opens_a_part(self, fr_anthology: interviewkit.Anthology):
        """A `# heading` becomes a part starting at the next question."""
        interview = fr_anthology.portrait("samuel-fortier-dion").interview
        assert [(part.title, part.start) for part in interview.parts] == [("Questions éclair", 6)]
        assert str(interview.exchanges[6].question).startswith("Ton téléphone")
        assert fr_anthology.portrait("rosalie-gendron-paquin").interview.parts == ()

    def test_speaker_prefixes_are_split_off(self, en_example: Path):
        """With `speakers`, `Name:` prefixes of questions and answers become declared voices."""
        portrait = interviewkit.load(en_example).portrait("marguerite-obi")
        first, _, third = portrait.interview.exchanges[:3]
        assert (first.asker, [answer.speaker for answer in first.answers]) == (
            "theo",
            ["marguerite"],
        )
        assert portrait.speaker("theo").name == "Theo Marchetti-Lane"
        assert str(first.question) == "How did you end up with two printing presses in a basement?"
        assert str(first.answer).startswith("I bought the first one")
        assert (third.asker, [answer.speaker for answer in third.answers]) == (
            "dev",
            ["marguerite"],
        )

    def test_without_speakers_a_colon_is_text(self, fr_anthology: interviewkit.Anthology):
        """Without `speakers`, a question containing a colon keeps it and has no asker."""
        exchange = fr_anthology.portrait("samuel-fortier-dion").interview.exchanges[6]
        assert str(exchange.question) == "Ton téléphone : iPhone, Android ou BlackBerry?"
        assert exchange.asker is None
        assert [answer.speaker for answer in exchange.answers] == [None]

    def test_front_and_back_matter_sections(self, fr_anthology: interviewkit.Anthology):
        """[[front_matter]] and [[back_matter]] become sections with the body of their file."""
        dedication, front = fr_anthology.front_matter
        (back,) = fr_anthology.back_matter
        assert (dedication.id, dedication.kind) == ("dedication", "dedication")
        assert (front.id, front.kind, front.title) == (
            "introduction",
            "introduction",
            "Pourquoi ces portraits",
        )
        assert str(front.body).startswith("Quand j'ai commencé à publier ces portraits")
        assert (back.id, back.kind, back.title) == (
            "remerciements",
            "acknowledgements",
            "Remerciements",
        )

    def test_section_id_defaults_to_the_file_name(self, en_example: Path):
        """A section without `id` takes the slug of its file name."""
        epigraph, preface = interviewkit.load(en_example).front_matter
        assert (epigraph.id, epigraph.kind) == ("epigraph", "epigraph")
        assert (preface.id, preface.kind) == ("preface", "preface")

    def test_portrait_language_overrides_the_anthology(self, fr_anthology: interviewkit.Anthology):
        """A portrait's `language` is kept; portraits without one leave it unset."""
        languages = {p.id: p.language for p in fr_anthology.portraits}
        assert languages == {
            "rosalie-gendron-paquin": None,
            "samuel-fortier-dion": None,
            "leila-haddad-morin": "en-CA",
        }

    def test_cover(self, fr_anthology: interviewkit.Anthology, en_example: Path):
        """The [cover] table becomes the cover image; it is optional."""
        assert fr_anthology.cover is not None
        assert fr_anthology.cover.path == "images/cover.png"
        assert fr_anthology.cover.alt.startswith("Couverture")
        assert interviewkit.load(en_example).cover is None

    def test_export_options_are_kept_for_the_build(self, fr_example: Path):
        """[export.<format>] tables are returned with the source, not put in the anthology."""
        assert open_source(fr_example).export_options == {"json": {"indent": 2}}

    def test_examples_have_no_importer_problems(self, fr_example: Path, en_example: Path):
        """The examples load without warnings."""
        assert open_source(fr_example).problems == ()
        assert open_source(en_example).problems == ()


class TestUnlistedPortrait:
    """A portrait file that `portraits = [...]` does not list."""

    def test_is_left_out_with_a_warning(self, anthology_copy: Path):
        """The portrait is not loaded and a warning Problem names its file."""
        shutil.copy(
            anthology_copy / "portraits" / "samuel-fortier-dion.md",
            anthology_copy / "portraits" / "zoe-brisson.md",
        )
        source = open_source(anthology_copy)
        assert "zoe-brisson" not in [p.id for p in source.anthology.portraits]
        (problem,) = source.problems
        assert problem.severity == "warning"
        assert problem.where == "portraits/zoe-brisson.md"
        assert "not listed" in problem.message


class TestBody:
    """How the Markdown body of a portrait file is split."""

    def test_lede_is_the_text_before_the_first_heading(self, tmp_path: Path):
        """Every paragraph before the first heading is the lede, and nothing else is."""
        body = "Premier paragraphe.\n\nDeuxième *paragraphe*.\n\n## Question?\n\nRéponse.\n"
        root = write_anthology(tmp_path / "a", alice_tremblay=portrait_with_body(body))
        portrait = interviewkit.load(root).portraits[0]
        assert str(portrait.lede) == "Premier paragraphe.\n\nDeuxième *paragraphe*."

    def test_questions_keep_inline_markdown(self, tmp_path: Path):
        """Emphasis, code and links in a question heading are kept as Markdown source."""
        body = "## Tu utilises *vraiment* `cron` et [ce site](https://example.org)?\n\nOui.\n"
        root = write_anthology(tmp_path / "a", alice_tremblay=portrait_with_body(body))
        (exchange,) = interviewkit.load(root).portraits[0].interview.exchanges
        assert str(exchange.question) == (
            "Tu utilises *vraiment* `cron` et [ce site](https://example.org)?"
        )

    def test_answers_keep_their_exact_markdown_source(self, tmp_path: Path):
        """An answer is the source between two headings, unchanged (lists, quotes, breaks)."""
        answer = (
            "Deux choses :\n\n"
            "* un carnet\n"
            "* un crayon  \n"
            "  bien taillé\n\n"
            "> Une citation avec **gras**.\n\n"
            "1) premier\n"
            "2) second\n\n"
            "Un lien : <https://example.org/a_b>"
        )
        body = f"Lede.\n\n## Ton outil?\n\n{answer}\n\n## Autre?\n\nNon.\n"
        root = write_anthology(tmp_path / "a", alice_tremblay=portrait_with_body(body))
        first, second = interviewkit.load(root).portraits[0].interview.exchanges
        assert first.answer.source == answer
        assert second.answer.source == "Non."

    def test_level_three_headings_stay_inside_the_answer(self, tmp_path: Path):
        """A `###` heading is part of the answer, not a new question."""
        body = "## Ta journée?\n\n### Le matin\n\nCafé.\n\n### Le soir\n\nThé.\n"
        root = write_anthology(tmp_path / "a", alice_tremblay=portrait_with_body(body))
        (exchange,) = interviewkit.load(root).portraits[0].interview.exchanges
        assert exchange.answer.source == "### Le matin\n\nCafé.\n\n### Le soir\n\nThé."

    def test_heading_in_a_code_block_is_not_a_question(self, tmp_path: Path):
        """A `## ` line inside a fenced code block stays in the answer."""
        code = "```markdown\n## pas une question\n```"
        body = f"## Un exemple?\n\n{code}\n"
        root = write_anthology(tmp_path / "a", alice_tremblay=portrait_with_body(body))
        (exchange,) = interviewkit.load(root).portraits[0].interview.exchanges
        assert exchange.answer.source == code

    def test_an_answer_may_be_empty(self, tmp_path: Path):
        """A question followed directly by the next heading has an empty answer."""
        body = "## Première?\n\n## Merci!\n"
        root = write_anthology(tmp_path / "a", alice_tremblay=portrait_with_body(body))
        first, last = interviewkit.load(root).portraits[0].interview.exchanges
        assert (first.answer.source, str(last.question), last.answer.source) == (
            "",
            "Merci!",
            "",
        )


class TestErrors:
    """Errors name the file and, for front-matter problems, the line."""

    def test_bad_url_names_the_file_and_line(self, tmp_path: Path):
        """A bad URL on line 9 of a portrait is reported as `portraits/x.md` and `line 9`."""
        front = (
            "date: 2012-02-16\n"
            "tags: [test]\n"
            "follow:\n"
            "  - {label: Site, url: 'https://example.org/ok'}\n"
            "  - {label: Blogue, url: 'example.org/blogue'}\n"
        )
        text = portrait_with_body("## Question?\n\nRéponse.\n", front=front)
        assert text.splitlines()[8] == "  - {label: Blogue, url: 'example.org/blogue'}"
        root = write_anthology(tmp_path / "a", x=text)
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(root)
        message = str(caught.value)
        assert "portraits/x.md" in message
        assert "line 9" in message
        assert "follow[1].url" in message

    def test_every_bad_file_is_reported_at_once(self, tmp_path: Path):
        """Problems in two portrait files are listed together, each with its file."""
        broken = PORTRAIT.replace("title:", "titre:")
        root = write_anthology(tmp_path / "a", alice_tremblay=broken, bruno_cote=broken)
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(root)
        errors = caught.value.errors
        assert any(e.startswith("portraits/alice-tremblay.md: line 2: titre:") for e in errors)
        assert any(e.startswith("portraits/bruno-cote.md: line 2: titre:") for e in errors)

    def test_listed_id_with_a_typo_gets_a_suggestion(self, tmp_path: Path):
        """An id in `portraits = [...]` without a file suggests the closest existing file."""
        manifest = MANIFEST + 'portraits = ["alice-tremblai"]\n'
        root = write_anthology(tmp_path / "a", manifest, alice_tremblay=PORTRAIT)
        with pytest.raises(InvalidInputError, match="did you mean 'alice-tremblay'"):
            interviewkit.load(root)

    def test_invalid_file_name_is_refused(self, tmp_path: Path):
        """A portrait file name that is not a lowercase slug is refused with a rename hint."""
        root = write_anthology(tmp_path / "a")
        (root / "portraits" / "Alice Tremblay.md").write_text(PORTRAIT, encoding="utf-8")
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(root)
        assert "not a valid portrait id" in str(caught.value)
        assert "alice-tremblay.md" in caught.value.hint

    def test_missing_section_file(self, tmp_path: Path):
        """A front-matter section whose file is missing is reported against anthology.toml."""
        manifest = MANIFEST + '[[front_matter]]\ntitle = "Préface"\nfile = "front/preface.md"\n'
        root = write_anthology(tmp_path / "a", manifest, alice_tremblay=PORTRAIT)
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(root)
        assert caught.value.file is not None
        assert caught.value.file.endswith("anthology.toml")
        assert "'front/preface.md'" in str(caught.value)
