"""French elision where a generated phrase meets a name: ``de {names}`` → ``d’Annie-Claude``.

A label is written once (``… de {names}``) but the name it receives is only
known at build time, so the article or preposition just before a placeholder is elided then.

The rule, kept small on purpose: in a French book, ``de`` becomes ``d’``, ``que`` ``qu’`` and
``le`` or ``la`` ``l’`` when the value put right after it starts with a vowel (``a e i o u y``,
accented or not, upper or lower case).  A name starting with ``h`` is left alone: whether its
*h* is mute (``d’Hélène``) or aspirated (``de Hollande``) cannot be told from the spelling.
The apostrophe is the typographic one (’), as :mod:`interviewkit.render.typography` writes
every apostrophe of a book.
"""

from __future__ import annotations

import re
import string
import unicodedata

from interviewkit._util.languages import primary_language

__all__ = ["fill", "starts_with_vowel"]

_ELIDED = {"de": "d’", "que": "qu’", "le": "l’", "la": "l’"}
_BEFORE_FIELD = re.compile(r"\b(de|que|le|la) $", re.IGNORECASE)


def starts_with_vowel(text: str) -> bool:
    """Whether ``text`` starts with a vowel, accents ignored (``Émilie``, ``Yves``, ``Ôde``)."""
    stripped = text.lstrip("\u00a0\u202f “«\"'")
    if not stripped:
        return False
    base = unicodedata.normalize("NFD", stripped[0])[0]
    return base.lower() in "aeiouy"


def _elide(word: str) -> str:
    elided = _ELIDED[word.lower()]
    return elided[0].upper() + elided[1:] if word[0].isupper() else elided


def fill(label: str, language: str, **values: object) -> str:
    """``label.format(**values)``, with French elision before a value that starts with a vowel.

    Outside French, exactly ``label.format(**values)``.  Public as ``interviewkit.format_label``.

    .. versionadded:: 0.2
    """
    if primary_language(language) != "fr":
        return label.format(**values)
    pieces: list[str] = []
    for literal, field, spec, conversion in string.Formatter().parse(label):
        if field is not None and starts_with_vowel(str(values.get(field, ""))):
            before = _BEFORE_FIELD.search(literal)
            if before:
                literal = literal[: before.start()] + _elide(before.group(1))
        pieces.append(literal.replace("{", "{{").replace("}", "}}"))
        if field is not None:
            pieces.append(
                "{"
                + field
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
    return "".join(pieces).format(**values)
