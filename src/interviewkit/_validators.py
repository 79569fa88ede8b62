"""attrs validators of the model.

Each one raises :class:`~interviewkit.errors.ModelError` with a message that names the class and
field (``Link.url``), the value refused, and a hint that says how to write it correctly.  The
serialization layer adds the path in the document (``portraits[2].follow[0]``) in front.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from interviewkit.errors import ModelError

if TYPE_CHECKING:
    from attrs import Attribute

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# RFC 5646 "well-formed" language tags (grandfathered irregular tags left out on purpose).
_LANGUAGE = re.compile(
    r"""^(?:
        (?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})   # language (+ extlang)
        (?:-[a-z]{4})?                                # script
        (?:-(?:[a-z]{2}|[0-9]{3}))?                   # region
        (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*      # variants
        (?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*           # extensions
        (?:-x(?:-[a-z0-9]{1,8})+)?                    # private use
      | x(?:-[a-z0-9]{1,8})+
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def _refuse(instance: object, attribute: Attribute[Any], problem: str, hint: str) -> ModelError:
    return ModelError(type(instance).__name__, attribute.name, problem, hint=hint)


def slugify(text: str) -> str:
    """Turn any text into a slug (``"Julie Désormeaux"`` -> ``"julie-desormeaux"``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def non_blank(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse empty or whitespace-only text."""
    if not value.strip():
        raise _refuse(
            instance,
            attribute,
            "must not be empty",
            hint=f"give the {attribute.name} a value, or remove the entry",
        )


def optional_non_blank(instance: object, attribute: Attribute[Any], value: str | None) -> None:
    """Refuse empty text, accept ``None`` (leave the field out instead of writing ``""``)."""
    if value is not None:
        non_blank(instance, attribute, value)


def non_blank_rich(instance: object, attribute: Attribute[Any], value: object) -> None:
    """Refuse rich text whose source is empty or whitespace only."""
    if not value.strip():  # type: ignore[attr-defined]
        raise _refuse(
            instance,
            attribute,
            "must not be empty",
            hint=f"write the {attribute.name}, or remove the exchange",
        )


def slug(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse ids that are not lowercase slugs; they become file names and anchors."""
    if not SLUG.match(value):
        suggestion = slugify(value)
        example = f" such as {suggestion!r}" if suggestion else ""
        raise _refuse(
            instance,
            attribute,
            f"{value!r} is not a valid id",
            hint=f"use lowercase letters, digits and single hyphens{example}",
        )


def language_tag(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse strings that are not well-formed BCP 47 language tags."""
    if not _LANGUAGE.match(value):
        fixed = value.replace("_", "-")
        example = f" (did you mean {fixed!r}?)" if fixed != value and _LANGUAGE.match(fixed) else ""
        raise _refuse(
            instance,
            attribute,
            f"{value!r} is not a BCP 47 language tag{example}",
            hint="write a tag such as 'fr-CA', 'fr-FR' or 'en'",
        )


def optional_language_tag(instance: object, attribute: Attribute[Any], value: str | None) -> None:
    """Like :func:`language_tag`, accepting ``None``."""
    if value is not None:
        language_tag(instance, attribute, value)


def url(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse anything but absolute ``http(s)`` and ``mailto`` URLs (see :func:`url_problem`)."""
    found = url_problem(value)
    if found is not None:
        problem, hint = found
        raise _refuse(instance, attribute, f"{value!r} {problem}", hint=hint)


def optional_url(instance: object, attribute: Attribute[Any], value: str | None) -> None:
    """Like :func:`url`, accepting ``None``."""
    if value is not None:
        url(instance, attribute, value)


# What no URL of a book may hold, anywhere: white space, C0 and C1 controls, the characters that
# end an attribute value or a Markdown destination (quotes, angle brackets, backticks,
# backslashes), and invisible formatting characters that make an address read as another one.
_FORBIDDEN_CHARS = (
    r"\s\"'<>`\\\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e"
    r"\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_FORBIDDEN = re.compile(f"[{_FORBIDDEN_CHARS}]")
# An ASCII host name: letters, digits and inner hyphens per label, and a top-level domain of
# letters.  Labels starting with "xn--" (punycode) are left to the IDNA check.
_LABEL = r"(?!xn--)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_HOST = rf"(?:{_LABEL}\.)+[a-z]{{2,63}}"
_LOCAL_PART = r"[\w.!#$%&*+/=^{|}~-]+"

HTTP_URL = re.compile(
    rf"https?://(?P<host>{_HOST})(?::(?P<port>[0-9]{{1,5}}))?(?:[/?#][^{_FORBIDDEN_CHARS}]*)?",
    re.IGNORECASE,
)
"""The common case, checked by one regular expression: an ASCII host name, a short port."""
MAILTO_URL = re.compile(
    rf"mailto:{_LOCAL_PART}@{_HOST}(?:\?[^{_FORBIDDEN_CHARS}]*)?",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_ASCII_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", re.IGNORECASE)
_GENERIC_HINT = "write an absolute address starting with https:// (or mailto: for e-mail)"


def url_problem(value: str) -> tuple[str, str] | None:
    """What is wrong with a link URL, and how to fix it; ``None`` when it is valid.

    The one URL check of interviewkit: the model's ``url`` fields, the fast loader, and every
    link written in rich text (answers, ledes, sections, raw HTML anchors) go through it, so no
    exporter or plugin ever writes an ``href`` the model would refuse.  Valid means: ``http``,
    ``https`` or ``mailto``; no white space, control or invisible formatting character, quote,
    angle bracket, backtick or backslash anywhere; a host name of letters, digits and inner
    hyphens with a top-level domain (non-ASCII and ``xn--`` names must be valid IDNA); a port
    from 1 to 65535; no user name before the host; for ``mailto``, one plausible address.
    """
    # One regular expression answers for nearly every URL (this runs for every link of every
    # portrait on every load); only the rest pays for the detailed diagnosis and IDNA.
    match = HTTP_URL.fullmatch(value)
    if match is not None and (match["port"] is None or 0 < int(match["port"]) < 65536):
        return None
    if MAILTO_URL.fullmatch(value):
        return None
    return _diagnose(value)


def is_url(value: str) -> bool:
    """Whether :func:`url_problem` accepts ``value``."""
    return url_problem(value) is None


def _diagnose(value: str) -> tuple[str, str] | None:
    if not value:
        return "is empty", _GENERIC_HINT
    bad = _FORBIDDEN.search(value)
    if bad is not None:
        return _forbidden(bad.group())
    scheme_match = _SCHEME.match(value)
    if scheme_match is None:
        return "is not an absolute http, https or mailto URL", _url_hint(value)
    scheme = scheme_match.group(1).lower()
    rest = value[scheme_match.end() :]
    if scheme == "mailto":
        return _mailto_problem(rest)
    if scheme not in _URL_SCHEMES:
        return (
            f"is not an absolute http, https or mailto URL ({scheme + ':'!r} links are refused)",
            _GENERIC_HINT,
        )
    if not rest.startswith("//"):
        return f"has no valid host name ({scheme + ':'!r} must be followed by '//')", _GENERIC_HINT
    authority = re.split(r"[/?#]", rest[2:], maxsplit=1)[0]
    if "@" in authority:
        return (
            "has a user name or password before its host name",
            f"remove the part up to '@': {scheme}://{authority.rsplit('@', 1)[1]}",
        )
    if authority.startswith("["):
        return "has an IP address instead of a host name", "link to the site's name: https://..."
    host, colon, port = authority.partition(":")
    if colon and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        return f"has an invalid port {port!r}", "use a port from 1 to 65535, or leave it out"
    host_problem = _host_problem(host)
    if host_problem is not None:
        return (
            f"has no valid host name ({host_problem})",
            "write it as in 'https://example.org/page'",
        )
    return None


_CHARACTER_NAMES = {
    " ": "spaces",
    '"': 'a double quote (")',
    "'": "a single quote (')",
    "<": "an angle bracket (<)",
    ">": "an angle bracket (>)",
    "`": "a backtick (`)",
    "\\": "a backslash (\\)",
}


def _forbidden(char: str) -> tuple[str, str]:
    name = _CHARACTER_NAMES.get(char)
    if name is None:
        kind = "white space" if char.isspace() else "a control or invisible character"
        name = f"{kind} (U+{ord(char):04X})"
    problem = f"contains {name}, which a URL cannot hold"
    if char in _CHARACTER_NAMES:
        encoded = quote(char, safe="")
        return problem, (
            f"remove it, or write it percent-encoded ({encoded}) if the address really holds it, "
            "as in 'https://example.org/my%20page'"
        )
    return problem, "remove it: it is invisible, and can make an address read as another one"


def _host_problem(host: str) -> str | None:
    if not host:
        return "it is empty"
    ascii_host = host
    if not host.isascii() or "xn--" in host.lower():
        import idna  # only international names pay for importing and running IDNA

        try:
            ascii_host = idna.encode(host, uts46=True).decode("ascii")
        except (idna.IDNAError, UnicodeError) as exc:
            return f"{host!r} is not a valid international domain name: {exc}"
    labels = ascii_host.split(".")
    if all(label.isdigit() for label in labels):
        return f"{host!r} is an IP address; link to the site's name"
    if len(labels) < 2:
        return f"{host!r} has no top-level domain such as '.org'"
    for label in labels:
        if not label:
            return f"{host!r} has an empty part between dots"
        if len(label) > 63:
            return f"{label!r} is longer than 63 characters"
        if not _ASCII_LABEL.fullmatch(label):
            return f"{label!r} must be letters, digits and hyphens, with no hyphen at either end"
    tld = labels[-1]
    if not (tld.isalpha() and len(tld) >= 2) and not tld.lower().startswith("xn--"):
        return f"{tld!r} is not a top-level domain"
    if len(ascii_host) > 253:
        return "it is longer than 253 characters"
    return None


_LOCAL = re.compile(_LOCAL_PART)


def _mailto_problem(rest: str) -> tuple[str, str] | None:
    address = rest.split("?", 1)[0]
    local, at, host = address.rpartition("@")
    hint = "write it as 'mailto:name@example.org' (a web address starts with https://)"
    if not at or not _LOCAL.fullmatch(local):
        return "is not an e-mail address", hint
    host_problem = _host_problem(host)
    if host_problem is not None:
        return f"is not an e-mail address ({host_problem})", hint
    return None


def _url_hint(value: str) -> str:
    if re.fullmatch(r"(?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?", value.strip()):
        return f"write the full address, e.g. 'https://{value.strip().removeprefix('//')}'"
    return _GENERIC_HINT


def link_kind(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse link kinds that renderers do not know."""
    from interviewkit.models import LINK_KINDS

    if value not in LINK_KINDS:
        raise _refuse(
            instance,
            attribute,
            f"{value!r} is not a link kind",
            hint=f"use one of {', '.join(sorted(LINK_KINDS))}",
        )


def relative_path(instance: object, attribute: Attribute[Any], value: str) -> None:
    """Refuse paths that could leave the anthology folder or fetch something remote."""
    reason = ""
    if not value.strip():
        reason = "is empty"
    elif "://" in value or value.startswith(("data:", "file:")):
        reason = "is a URL; images must be files inside the anthology folder"
    elif value.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", value):
        reason = "is an absolute path"
    elif "\\" in value:
        reason = "uses backslashes"
    elif value != value.strip() or any(c in value for c in "\n\r\t"):
        reason = "has spaces at its ends or a line break inside"
    elif ".." in value.split("/"):
        reason = "leaves the anthology folder"
    if reason:
        raise _refuse(
            instance,
            attribute,
            f"{value!r} {reason}",
            hint="write a path relative to the anthology folder with '/', e.g. 'images/photo.jpg'",
        )


def unique_portrait_ids(instance: object, attribute: Attribute[Any], value: Sequence[Any]) -> None:
    """Refuse two portraits with the same id: ids name files and anchors."""
    counts = Counter(portrait.id for portrait in value)
    duplicates = sorted(portrait_id for portrait_id, count in counts.items() if count > 1)
    if duplicates:
        where = []
        for portrait_id in duplicates:
            positions = [str(n) for n, p in enumerate(value) if p.id == portrait_id]
            where.append(f"{portrait_id!r} (portraits {', '.join(positions)})")
        raise _refuse(
            instance,
            attribute,
            f"duplicate portrait id {'; '.join(where)}",
            hint="give every portrait its own id; in a folder, the id is the file name",
        )


def series_number(instance: object, attribute: Attribute[Any], value: int | None) -> None:
    """Refuse negative or absurdly large volume numbers (they must fit every output format)."""
    if value is not None and not 0 <= value <= 100_000:
        raise _refuse(
            instance,
            attribute,
            f"{value} is not a volume number",
            hint="give the position of the book in its series, from 0 to 100000",
        )
