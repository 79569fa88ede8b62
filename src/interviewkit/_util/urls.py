"""The one check of every link URL: the model's ``url`` fields and every link in rich text.

Kept apart from the other validators because exporters and the rich-text renderer call it too:
an ``href`` that :func:`url_problem` refuses is never written, whatever the format or plugin.
"""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["HTTP_URL", "MAILTO_URL", "encode_unsafe", "is_url", "url_problem"]

_URL_SCHEMES = frozenset({"http", "https", "mailto"})

# What no URL of a book may hold, anywhere: white space, C0 and C1 controls, the characters that
# end an attribute value or a Markdown destination (quotes, angle brackets, backticks,
# backslashes), and invisible formatting characters that make an address read as another one.
_FORBIDDEN_CHARS = (
    r"\s\"'<>`\\\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e"
    r"\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_FORBIDDEN = re.compile(f"[{_FORBIDDEN_CHARS}]")
# An ASCII host name: letters, digits and inner hyphens per label, and a top-level domain of
# letters.  Labels starting with "xn--" (punycode) are left to the IDNA check.  (Written with
# lookarounds rather than nested groups: the fastest form, and this runs for every link.)
_LABEL = r"(?!xn--|-)[a-z0-9-]{1,63}(?<!-)"
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
    """Whether :func:`url_problem` accepts ``value`` (the fast loader's form of the check)."""
    match = HTTP_URL.fullmatch(value)
    if match is not None and (match["port"] is None or 0 < int(match["port"]) < 65536):
        return True
    return url_problem(value) is None


# Printable characters a URL cannot hold but a web page may put in an href: percent-encoded.
_ENCODE = str.maketrans({char: quote(char, safe="") for char in " \"'<>`\\"})


def encode_unsafe(value: str) -> str:
    """``value`` with spaces, quotes, angle brackets, backticks and backslashes percent-encoded.

    For importers: an ``href`` found in a published page (``/it's``) becomes an address the
    check can accept; what still fails it (no host, a script URL) is left out by the caller.
    """
    return value.strip().translate(_ENCODE)


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
