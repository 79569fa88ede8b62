"""The gettext catalogues of the generated text, loaded through Babel.

The ``.po`` files under ``interviewkit/locale/<locale>/LC_MESSAGES/interviewkit.po`` are the
only place a translation lives: they ship in the wheel as they are, and each is compiled in
memory the first time a book in its language is built (``read_po`` then ``write_mo``), so that
an editable install and a wheel read the same files and no compiled ``.mo`` can go stale.

A book in ``fr-CA`` reads the ``fr_CA`` catalogue if there is one, then ``fr``; a language
without a catalogue gets the English messages (the msgids themselves).
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from io import BytesIO

from babel import Locale
from babel.core import UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from interviewkit._util.languages import primary_language

__all__ = ["DOMAIN", "babel_locale", "catalogue_locales", "read_catalogue", "translations"]

#: The gettext domain: the name of every catalogue file.
DOMAIN = "interviewkit"
_LOCALE_PACKAGE = "interviewkit"
_LOCALE_FOLDER = "locale"


def babel_locale(tag: str) -> Locale:
    """Babel's locale for a BCP 47 tag (``fr-CA``); English when Babel does not know it."""
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        try:
            return Locale.parse(primary_language(tag))
        except (UnknownLocaleError, ValueError, TypeError):
            return Locale("en")


def catalogue_locales() -> tuple[str, ...]:
    """The locales that have a catalogue (``en``, ``fr``...), sorted."""
    folder = resources.files(_LOCALE_PACKAGE).joinpath(_LOCALE_FOLDER)
    return tuple(
        sorted(
            entry.name
            for entry in folder.iterdir()
            if entry.joinpath("LC_MESSAGES", f"{DOMAIN}.po").is_file()
        )
    )


def read_catalogue(locale: str) -> Translations | None:
    """The compiled catalogue of one locale (``fr_CA``), or ``None`` when there is none."""
    if locale not in catalogue_locales():
        return None
    source = (
        resources.files(_LOCALE_PACKAGE)
        .joinpath(_LOCALE_FOLDER, locale, "LC_MESSAGES", f"{DOMAIN}.po")
        .read_bytes()
    )
    catalog = read_po(BytesIO(source), locale=locale, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain=DOMAIN)


@cache
def translations(tag: str) -> NullTranslations:
    """The messages for a BCP 47 tag: its region's catalogue, then its language's, then English.

    Cached per tag: a build reads each catalogue once.
    """
    locale = babel_locale(tag)
    chain = [str(locale)]
    if locale.territory or locale.script:
        chain.append(locale.language)
    found = [catalogue for name in chain if (catalogue := read_catalogue(name)) is not None]
    if not found:
        return NullTranslations()
    first = found[0]
    for fallback in found[1:]:
        first.add_fallback(fallback)
    return first
