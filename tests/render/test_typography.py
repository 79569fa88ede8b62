"""Language-aware typography: French spaces by region, curly quotes, and what is never touched."""

from __future__ import annotations

import pytest

from interviewkit.render.markdown import RichTextRenderer
from interviewkit.render.typography import NBSP, NNBSP, rules_for, typeset

# Before/after pairs of plain fields (titles, names), per language.
FRANCE = [
    ("Vraiment ?", f"Vraiment{NNBSP}?"),
    ("Vraiment?", f"Vraiment{NNBSP}?"),
    ("Vraiment ?!", f"Vraiment{NNBSP}?!"),
    ("Vraiment?!", f"Vraiment{NNBSP}?!"),
    ("Oui ; non", f"Oui{NNBSP}; non"),
    ("Bravo!", f"Bravo{NNBSP}!"),
    ("Blogue: voir", f"Blogue{NBSP}: voir"),
    ("Facebook : 12 mai", f"Facebook{NBSP}: 12 mai"),
    ("« Bonjour »", f"«{NNBSP}Bonjour{NNBSP}»"),
    ("«Bonjour»", f"«{NNBSP}Bonjour{NNBSP}»"),
    ('Il a dit "oui"', f"Il a dit «{NNBSP}oui{NNBSP}»"),
    ("l'été", "l’été"),
    ("Attends...", "Attends…"),
]
QUEBEC = [
    ("Vraiment ?", "Vraiment?"),
    ("Vraiment?", "Vraiment?"),
    ("Vraiment ?!", "Vraiment?!"),
    ("Oui ; non", "Oui; non"),
    ("Bravo !", "Bravo!"),
    ("Blogue: voir", f"Blogue{NBSP}: voir"),
    ("Facebook : 12 mai", f"Facebook{NBSP}: 12 mai"),
    ("« Bonjour »", f"«{NBSP}Bonjour{NBSP}»"),
    ("«Bonjour»", f"«{NBSP}Bonjour{NBSP}»"),
    ('Il a dit "oui"', f"Il a dit «{NBSP}oui{NBSP}»"),
    ("C'est ça", "C’est ça"),
]
ENGLISH = [
    ("Really ?", "Really ?"),
    ("Really?!", "Really?!"),
    ("Note: this", "Note: this"),
    ("Note : this", "Note : this"),
    ('She said "yes"', "She said “yes”"),
    ("it's", "it’s"),
    ("Wait...", "Wait…"),
    ("« as typed »", "« as typed »"),
]


class TestRules:
    """Which rules a language tag gets."""

    @pytest.mark.parametrize("tag", ["fr", "fr-FR", "fr-BE", "fr-CH", "FR-fr"])
    def test_french_outside_canada_uses_narrow_spaces(self, tag: str) -> None:
        """French outside Canada puts a narrow no-break space before ``; ! ?``."""
        assert rules_for(tag).before_high_punct == NNBSP

    @pytest.mark.parametrize("tag", ["fr-CA", "fr-ca", "fr-Latn-CA"])
    def test_quebec_french_removes_space_before_high_punctuation(self, tag: str) -> None:
        """Québec French puts no space before ``; ! ?``."""
        assert rules_for(tag).before_high_punct == ""

    @pytest.mark.parametrize("tag", ["en", "en-GB", "es", "und"])
    def test_other_languages_leave_spaces_alone(self, tag: str) -> None:
        """Other languages get no spacing rule at all."""
        rules = rules_for(tag)
        assert (rules.before_colon, rules.before_high_punct, rules.inside_guillemets) == (
            None,
            None,
            None,
        )


class TestTypeset:
    """Plain fields (titles, names, labels) get the typography of their language."""

    @pytest.mark.parametrize(("before", "after"), FRANCE)
    def test_france(self, before: str, after: str) -> None:
        """fr-FR: narrow NBSP before ``; ! ?`` and inside guillemets, NBSP before ``:``."""
        assert typeset(before, "fr-FR") == after

    @pytest.mark.parametrize(("before", "after"), QUEBEC)
    def test_quebec(self, before: str, after: str) -> None:
        """fr-CA: NBSP before ``:`` and inside guillemets, no space before ``; ! ?``."""
        assert typeset(before, "fr-CA") == after

    @pytest.mark.parametrize(("before", "after"), ENGLISH)
    def test_english(self, before: str, after: str) -> None:
        """English: curly quotes, apostrophes and ellipses; spaces stay as typed."""
        assert typeset(before, "en") == after

    @pytest.mark.parametrize("language", ["fr-FR", "fr-CA", "en"])
    @pytest.mark.parametrize("text", ["Rendez-vous à 10:30", "De 9:15 à 17:45", "Ratio 16:9"])
    def test_times_keep_their_colon(self, text: str, language: str) -> None:
        """A colon between digits (a time, a ratio) gets no space in any language."""
        assert typeset(text, language) == text

    def test_idempotent(self) -> None:
        """Typesetting twice gives the same text as typesetting once."""
        for before, _ in FRANCE:
            once = typeset(before, "fr-FR")
            assert typeset(once, "fr-FR") == once


class TestRichText:
    """Typography in rendered Markdown applies to text only."""

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("fr-FR", f"<p>Vraiment{NNBSP}?! Il est 10:30{NNBSP}!</p>\n"),
            ("fr-CA", "<p>Vraiment?! Il est 10:30!</p>\n"),
            ("en", "<p>Vraiment ?! Il est 10:30 !</p>\n"),
        ],
    )
    def test_question_exclamation_and_time(self, language: str, expected: str) -> None:
        """``?!`` stays one unit after its space, and a time keeps its colon."""
        assert RichTextRenderer(language).block("Vraiment ?! Il est 10:30 !") == expected

    @pytest.mark.parametrize("language", ["fr-FR", "fr-CA"])
    def test_urls_untouched(self, language: str) -> None:
        """A URL's ``:`` ``?`` and ``;`` are left exactly as typed, in the link and its text."""
        url = "https://example.org/a?b=1;c=2:3"
        html = RichTextRenderer(language).block(f"Voir {url} ; ou <{url}> !")
        assert html.count(f">{url}</a>") == 2
        assert html.count(f'href="{url}"') == 2

    @pytest.mark.parametrize("language", ["fr-FR", "fr-CA"])
    def test_handles_untouched(self, language: str) -> None:
        """A handle's link text is left as typed; the text around it is typeset."""
        html = RichTextRenderer(language, handle_platform="twitter").block("Écris à @sam_fd !")
        assert ">@sam_fd</a>" in html
        bang = {"fr-FR": f"{NNBSP}!", "fr-CA": "!"}[language]
        link = '<a href="https://twitter.com/sam_fd" class="handle">@sam_fd</a>'
        assert html == f"<p>Écris à {link}{bang}</p>\n"

    @pytest.mark.parametrize("language", ["fr-FR", "fr-CA", "en"])
    def test_code_untouched(self, language: str) -> None:
        """Inline code and code blocks keep their straight quotes, dots and spaces."""
        renderer = RichTextRenderer(language)
        assert "<code>x = 'a' ; y ? z : w...</code>" in renderer.block(
            "Le code `x = 'a' ; y ? z : w...` ici."
        )
        block = renderer.block('```\nprint("a : b ?")\n```')
        assert block == "<pre><code>print(&quot;a : b ?&quot;)\n</code></pre>\n"

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("fr-FR", f"<p>Elle dit «{NNBSP}C’est ça{NNBSP}» et part.</p>\n"),
            ("fr-CA", f"<p>Elle dit «{NBSP}C’est ça{NBSP}» et part.</p>\n"),
            ("en", "<p>Elle dit «C’est ça » et part.</p>\n"),
        ],
    )
    def test_guillemets(self, language: str, expected: str) -> None:
        """Typed guillemets get French spaces inside, whatever was typed; English keeps them."""
        assert RichTextRenderer(language).block("Elle dit «C'est ça » et part.") == expected

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("fr-FR", f"<p>Il a dit «{NNBSP}oui{NNBSP}», puis “non”.</p>\n"),
            ("fr-CA", f"<p>Il a dit «{NBSP}oui{NBSP}», puis “non”.</p>\n"),
            ("en", "<p>Il a dit “oui”, puis ‘non’.</p>\n"),
        ],
    )
    def test_straight_quotes_become_the_languages_quotes(
        self, language: str, expected: str
    ) -> None:
        """Straight quotes become the language's primary and secondary quotation marks."""
        assert RichTextRenderer(language).block("Il a dit \"oui\", puis 'non'.") == expected

    @pytest.mark.parametrize(
        ("language", "expected"),
        [
            ("fr-FR", f"<em>Vraiment</em>{NNBSP}? <strong>Note</strong>{NBSP}: ok"),
            ("fr-CA", f"<em>Vraiment</em>? <strong>Note</strong>{NBSP}: ok"),
            ("en", "<em>Vraiment</em> ? <strong>Note</strong> : ok"),
        ],
    )
    def test_punctuation_after_emphasis(self, language: str, expected: str) -> None:
        """Punctuation right after emphasis is spaced as after a plain word."""
        assert RichTextRenderer(language).inline("*Vraiment* ? **Note** : ok") == expected

    def test_ellipsis_and_apostrophe(self) -> None:
        """``...`` becomes an ellipsis and a straight apostrophe a curly one."""
        assert RichTextRenderer("fr-CA").inline("Et puis... l'hiver") == "Et puis… l’hiver"
