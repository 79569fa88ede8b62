"""Soft hyphens for the printed book, with TeX's rule: a capitalised word is never hyphenated.

WeasyPrint's ``hyphens: auto`` hyphenates every word, so a narrow page prints "Face-/book",
"Des-/jardins" or "Drum-/mondville". TeX's ``\\uchyph=0`` leaves alone any word that starts
with a capital letter (a name, a brand, a place); here a word that holds a capital anywhere
is left alone too ("iPhone", "LinkedIn", "SoundCloud"). CSS has no such rule, so the pdf format
puts the hyphenation points in itself: :class:`Hyphenator` inserts soft hyphens (U+00AD) with
pyphen, the same dictionaries WeasyPrint uses, into the words that may be hyphenated, and
``print.css`` sets ``hyphens: manual``, so WeasyPrint breaks a word only where a soft hyphen is.

Why soft hyphens rather than wrapping each capitalised word in ``<span style="hyphens:
manual">`` inside ``hyphens: auto`` text: measured on the French example anthology (32 pages,
tagged), the book with soft hyphens is the size of the book with ``hyphens: auto`` (265,904
bytes against 265,900: a soft hyphen that does not end a line draws nothing), while the spans
make it 4.3 % larger (277,253 bytes): every span is an inline box of its own, which cuts a line
into more runs of text, each with its own text operators in the page contents and its own
marked-content sequence in a tagged PDF. The soft hyphens are written once, when the text is
rendered; pyphen keeps the hyphenation points of each word it has seen, so a book hyphenates
each distinct word once.

Only the running text of answers, ledes, closings and sections is hyphenated (the Markdown
renderer calls :meth:`Hyphenator.hyphenate` on text outside links, code and headings). Words
that are left alone:

* a word with a capital letter anywhere (TeX's rule, widened to inner capitals);
* a word joined to another by a hyphen ("Gendron-Paquin", "rendez-vous"): it breaks at its
  own hyphen, as in TeX;
* anything in a run of characters that holds a digit or one of ``@ # / \\ _ = & % ~``, or a
  dot or colon between two letters: handles, hashtags, addresses, file names, times;
* words shorter than :data:`MIN_WORD` letters; and no break leaves fewer than :data:`LEFT`
  letters before it or :data:`RIGHT` after it (TeX's French and English settings: "bu-/reau",
  never "bure-/au" with two letters carried over).

No break point splits a ligature: pyphen's "af-ford", "cof-fee", "of-fi-cial" or "ef-flu-ent"
lose the break between an ``f`` and the ``f``, ``i`` or ``l`` after it (so the ff, fi, fl, ffi
and ffl ligatures too).  The fonts join those letters into one glyph, and WeasyPrint, shaping a
word that holds a soft hyphen, loses the ligature's text: the PDF then reads "aord" and "co ee"
(pdftotext, pypdf, a reader's search and copy, a screen reader).  TeX breaks inside a ligature
with a discretionary (the ligature when the word is whole, the separate letters when it breaks);
CSS has none, so such break points are dropped: "affor-/dable" may still break, "af-/ford" never.

A name that has a hyphen of its own ("Gendron-Paquin", "Hydro-Québec") may still break at it
in running text, as in TeX; in titles, names and bylines, which are set ragged, the template
filter :func:`unbroken_names` keeps it on one line.

CSS's ``hyphenate-limit-last`` (no hyphen at the end of the last line of a page or spread) is
not implemented by WeasyPrint 70: see ``docs/explanation/print-typography.md``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markdown_it.rules_core import StateCore
from markupsafe import Markup, escape

__all__ = [
    "LEFT",
    "MIN_WORD",
    "RIGHT",
    "SOFT_HYPHEN",
    "Hyphenator",
    "soft_hyphens_rule",
    "unbroken_names",
]

SOFT_HYPHEN = "\u00ad"
#: Distinct runs of text remembered by one hyphenator (a book has some tens of thousands).
_MEMORY = 200_000
#: Shortest word that is hyphenated, and the fewest letters before and after a break.
MIN_WORD = 5
LEFT = 2
RIGHT = 3

#: A run of non-space characters long enough to hold a word that may be hyphenated.
_RUNS = re.compile(rf"\S{{{MIN_WORD},}}")
#: A run that names something rather than says it: a handle, hashtag, address, number, time.
_VERBATIM = re.compile(r"[\d@#/\\_=&%~]|[^\W\d_][.:][^\W\d_]")
#: A word: letters, possibly joined to others by hyphens (which keep it whole).
_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010\u2011][^\W\d_]+)*")
#: Words joined by hyphens ("Gendron-Paquin", "rendez-vous").
_COMPOUND = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)+")
_HYPHENS = re.compile(r"[-\u2010]")
#: A break point inside a ligature (ff, fi, fl, and so ffi and ffl): after an ``f`` that is
#: followed by ``f``, ``i`` or ``l``.
_IN_LIGATURE = re.compile(rf"(?<=f){SOFT_HYPHEN}(?=[fil])")
#: A longer hyphenated name may still break at a hyphen: on one line, it could overflow a
#: narrow title.
_LONGEST_UNBROKEN = 25


@lru_cache(maxsize=16)
def _dictionary(language: str) -> Any:
    """pyphen's dictionary for a BCP 47 tag (``fr-CA`` uses ``fr``), or ``None``."""
    import pyphen

    found = pyphen.language_fallback(language.replace("-", "_"))
    return pyphen.Pyphen(lang=found, left=LEFT, right=RIGHT) if found else None


class Hyphenator:
    """Puts soft hyphens into the words of one language that may be hyphenated."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._pyphen = _dictionary(language)
        # Runs of text repeat (words, and words with their punctuation): each is done once.
        self._done: dict[str, str] = {}

    @property
    def available(self) -> bool:
        """Whether pyphen has a dictionary for the language (else text is left as it is)."""
        return self._pyphen is not None

    def hyphenate(self, text: str) -> str:
        """``text`` with soft hyphens where its words may break (plain text, not HTML)."""
        if self._pyphen is None:
            return text
        return _RUNS.sub(self._run, text)

    def _run(self, match: re.Match[str]) -> str:
        run = match.group(0)
        done = self._done.get(run)
        if done is None:
            done = run if _VERBATIM.search(run) else _WORD.sub(self._word, run)
            if len(self._done) < _MEMORY:
                self._done[run] = done
        return done

    def _word(self, match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < MIN_WORD or not word.islower() or not word.isalpha():
            return word
        return _IN_LIGATURE.sub("", str(self._pyphen.inserted(word, hyphen=SOFT_HYPHEN)))


def soft_hyphens_rule(state: StateCore) -> None:
    """markdown-it core rule: soft hyphens in the running text, never in links, code or
    headings, when the block's env has a ``hyphenator``."""
    hyphenator: Hyphenator | None = state.env.get("hyphenator")
    if hyphenator is None or not hyphenator.available:
        return
    heading = False
    for block in state.tokens:
        if block.type in {"heading_open", "heading_close"}:
            heading = block.type == "heading_open"
            continue
        if heading or block.type != "inline" or not block.children:
            continue
        links = 0
        for token in block.children:
            if token.type == "link_open":
                links += 1
            elif token.type == "link_close":
                links = max(0, links - 1)
            elif token.type == "text" and not links:
                token.content = hyphenator.hyphenate(token.content)


def unbroken_names(text: str) -> Markup:
    """``text`` escaped, each hyphenated name in it in a ``<span class="unbroken">``.

    A hyphenated name is a compound whose parts all start with a capital ("Marie-Lou",
    "Gendron-Paquin", "Trois-Rivières"), of at most 25 characters; ``print.css`` keeps such a
    span on one line, so a title or a byline never ends a line with "Gendron-". A template
    filter (``unbroken``) of the printed book's titles, names and bylines.
    """
    pieces: list[Markup] = []
    last = 0
    for match in _COMPOUND.finditer(text):
        name = match.group(0)
        if len(name) <= _LONGEST_UNBROKEN and all(
            part[:1].isupper() for part in _HYPHENS.split(name)
        ):
            pieces.append(escape(text[last : match.start()]))
            pieces.append(Markup('<span class="unbroken">{}</span>').format(name))
            last = match.end()
    pieces.append(escape(text[last:]))
    return Markup("").join(pieces)
