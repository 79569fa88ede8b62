"""The one sentence only the DOCX format writes, translated by the plugin's own catalogue.

Every other label comes from :func:`interviewkit.labels_for`, so a DOCX says the same words as
the other formats.  The ``.po`` file under ``locale/<locale>/LC_MESSAGES/interviewkit_docx.po``
is read through Babel's public API and compiled in memory (no ``.mo`` to keep in sync); a
language without a catalogue gets the English msgid.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from io import BytesIO

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from interviewkit import primary_language

__all__ = ["UPDATE_FIELDS", "translate"]

_DOMAIN = "interviewkit_docx"

#: The text of the table-of-contents field before Word or LibreOffice updates it.
UPDATE_FIELDS = (
    "Update the fields to build the table of contents (Word: right-click here, Update Field; "
    "LibreOffice: Tools, Update, Update All)."
)


@cache
def _translations(language: str) -> NullTranslations:
    source = resources.files("interviewkit_docx").joinpath(
        "locale", language, "LC_MESSAGES", f"{_DOMAIN}.po"
    )
    if not source.is_file():
        return NullTranslations()
    catalog = read_po(BytesIO(source.read_bytes()), locale=language, domain=_DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain=_DOMAIN)


def translate(message: str, language: str) -> str:
    """``message`` in the primary language of a BCP 47 tag (English without a catalogue)."""
    return str(_translations(primary_language(language)).gettext(message))
