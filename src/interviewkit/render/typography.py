"""Language-aware typography: the spaces and quotes each language's readers expect.

Applied once, when rich text is rendered (on the text of the Markdown token stream, so never
inside URLs, handles or code) and to plain fields such as titles and names through
:func:`typeset`, so that the HTML, EPUB and PDF editions read the same.

The rules:

``fr-FR`` (and ``fr``, ``fr-BE``, ``fr-CH``...)
    narrow no-break space (U+202F) before ``; ! ?`` and inside ``« »``; no-break space (U+00A0)
    before ``:``.
``fr-CA``
    no-break space before ``:`` and inside ``« »``; no space before ``; ! ?`` (a space typed there
    is removed), as the Office québécois de la langue française recommends.
other languages (English...)
    curly quotes and apostrophes only; spaces are left as typed.

Every language gets curly apostrophes, language-appropriate quotation marks and ``…`` for
``...`` (the quote and ellipsis conversions of Markdown text come from markdown-it's typographer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from interviewkit._util.languages import primary_language

__all__ = ["NBSP", "NNBSP", "TypographyRules", "rules_for", "space_text", "typeset"]

NBSP = "\u00a0"
NNBSP = "\u202f"


@dataclass(frozen=True)
class TypographyRules:
    """The typography of one language."""

    quotes: str
    """Primary and secondary opening/closing quotes, as markdown-it's ``quotes`` option."""
    before_colon: str | None
    """Space to put before ``:`` (``None``: leave as typed)."""
    before_high_punct: str | None
    """Space to put before ``; ! ?`` (``""`` removes a typed space; ``None``: leave)."""
    inside_guillemets: str | None
    """Space to put inside ``« »``."""


_ENGLISH = TypographyRules(
    quotes="“”‘’", before_colon=None, before_high_punct=None, inside_guillemets=None
)
_FRENCH = TypographyRules(
    quotes="«»“”", before_colon=NBSP, before_high_punct=NNBSP, inside_guillemets=NNBSP
)
_QUEBEC = TypographyRules(
    quotes="«»“”", before_colon=NBSP, before_high_punct="", inside_guillemets=NBSP
)
_GERMAN = TypographyRules(
    quotes="„“‚‘", before_colon=None, before_high_punct=None, inside_guillemets=None
)


@cache
def rules_for(language: str) -> TypographyRules:
    """The rules for a BCP 47 tag: by region for French, by language otherwise."""
    primary = primary_language(language)
    if primary == "fr":
        return _QUEBEC if "ca" in language.lower().replace("_", "-").split("-")[1:] else _FRENCH
    if primary == "de":
        return _GERMAN
    return _ENGLISH


_SPACES = f"[ \t{NBSP}{NNBSP}]"
# A run of ! and ? is one unit ("Vraiment ?!"): the space goes before the run, not inside it.
_AFTER_PUNCT = r"(?=\s|$|[»)\]”’\"'.,…])"
_HIGH_PUNCT = re.compile(rf"(?<=\S){_SPACES}*([;!?]+){_AFTER_PUNCT}")
_HIGH_PUNCT_SPACED = re.compile(rf"(?<=\S){_SPACES}+([;!?]+){_AFTER_PUNCT}")
# A colon that ends a clause ("Facebook : 24 juillet", "Blogue:"), not one inside "10:30".
_COLON = re.compile(rf"(?<=[^\s\d]){_SPACES}*:(?=\s|$)|(?<=\d){_SPACES}+:(?=\s|$)")
_PUNCTUATION = re.compile(r"[:;!?«»]")
_OPEN_GUILLEMET = re.compile(rf"«{_SPACES}*")
_CLOSE_GUILLEMET = re.compile(rf"{_SPACES}*»")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_DOUBLE_QUOTES = re.compile(r'"([^"\n]*)"')


def space_text(text: str, rules: TypographyRules) -> str:
    """Apply the spacing rules (not the quotes) to a run of text that holds no markup."""
    if rules.inside_guillemets is None and rules.before_colon is None:
        return text  # a language without spacing rules (English)
    if not _PUNCTUATION.search(text):
        return text  # most runs of prose: nothing to space
    if rules.inside_guillemets is not None:
        text = _OPEN_GUILLEMET.sub("«" + rules.inside_guillemets, text)
        text = _CLOSE_GUILLEMET.sub(rules.inside_guillemets + "»", text)
    if rules.before_colon is not None:
        text = _COLON.sub(rules.before_colon + ":", text)
    if rules.before_high_punct is not None:
        if rules.before_high_punct:
            text = _HIGH_PUNCT.sub(lambda m: rules.before_high_punct + m.group(1), text)  # type: ignore[operator]
        else:
            text = _HIGH_PUNCT_SPACED.sub(r"\1", text)
    return text


def typeset(text: str, language: str) -> str:
    """Typeset a plain field (a title, a name): quotes, apostrophes, ellipsis and spacing.

    The result is plain text: escape it where it lands in HTML (templates do).
    """
    rules = rules_for(language)
    text = _APOSTROPHE.sub("’", text).replace("...", "…")
    text = _DOUBLE_QUOTES.sub(lambda m: f"{rules.quotes[0]}{m.group(1)}{rules.quotes[1]}", text)
    return space_text(text, rules)
