"""Options of the ``pdf`` format, and the page-setup stylesheet written from them.

Everything about the physical page (size, margins, bleed, crop marks) and the two values that
depend on where a part sits in the book (the first page number, the running title) is written
into a small stylesheet that follows ``print.css``, so ``print.css`` itself stays static and a
theme can still override any of it.
"""

from __future__ import annotations

import re
from typing import Any, Literal

import attrs

from interviewkit.errors import ModelError

__all__ = [
    "FOLIOS_ONLY_CSS",
    "MARKS_GAP",
    "NO_FOLIOS_CSS",
    "PAGE_SIZES",
    "PdfOptions",
    "bleed_points",
    "cover_css",
    "css_string",
    "page_setup_css",
    "sheet_margin",
]

#: CSS ``size`` of each page size, and its default margins (top, outside, bottom, inside).
PAGE_SIZES: dict[str, tuple[str, str]] = {
    "A5": ("148mm 210mm", "16mm 14mm 20mm 18mm"),
    "A4": ("210mm 297mm", "22mm 20mm 26mm 25mm"),
    "letter": ("8.5in 11in", "0.85in 0.75in 1in 1in"),
    "6x9in": ("6in 9in", "0.65in 0.55in 0.8in 0.75in"),
}

_TOP = ("top-left-corner", "top-left", "top-center", "top-right", "top-right-corner")
_BOTTOM = (
    "bottom-left-corner",
    "bottom-left",
    "bottom-center",
    "bottom-right",
    "bottom-right-corner",
)
_SIDES = ("left-top", "left-middle", "left-bottom", "right-top", "right-middle", "right-bottom")


def _no_content(boxes: tuple[str, ...]) -> str:
    return " ".join(f"@{box} {{ content: none !important; }}" for box in boxes)


#: Last stylesheet of a chunk of the main matter: its page numbers are drawn afterwards, from a
#: separate document, once the chunk's first page number is known (the margin boxes at the
#: bottom of the page hold the page numbers; those at the top, the running heads).
NO_FOLIOS_CSS = f"@page {{ {_no_content(_BOTTOM)} }}\n"

#: Last stylesheet of that separate document: the bottom margin boxes only, on a transparent page.
FOLIOS_ONLY_CSS = (
    f"@page {{ marks: none !important; background: none !important; "
    f"{_no_content(_TOP + _SIDES)} }}\n"
    f"@page folio-blank {{ {_no_content(_BOTTOM)} }}\n"
    "html, body { background: none !important; }\n"
)

_LENGTH = re.compile(r"^(?:0|\d+(?:\.\d+)?(?:mm|cm|in|pt|pc|px|q))$", re.IGNORECASE)


def _lengths(owner: str, field: str, text: str, counts: tuple[int, ...]) -> None:
    parts = text.split()
    if len(parts) not in counts or not all(_LENGTH.match(part) for part in parts):
        raise ModelError(
            owner,
            field,
            f"{text!r} is not {' or '.join(map(str, counts))} CSS length(s)",
            hint="write lengths with a unit, e.g. '3mm' or '18mm 14mm 20mm 18mm'",
        )


def _check_margins(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _lengths("PdfOptions", attribute.name, value, (1, 2, 3, 4))


def _check_bleed(instance: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None:
        _lengths("PdfOptions", attribute.name, value, (1,))


def _check_jobs(instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 0:
        raise ModelError(
            "PdfOptions", attribute.name, f"{value} is negative", hint="use 0 for automatic"
        )


@attrs.frozen(kw_only=True)
class PdfOptions:
    """Options of the ``pdf`` format (``[export.pdf]`` in ``anthology.toml``)."""

    page_size: Literal["A5", "A4", "letter", "6x9in"] = "A5"
    """Trimmed page size."""
    margins: str | None = attrs.field(default=None, validator=_check_margins)
    """Margins of a right-hand page, as CSS: ``top outside bottom inside``; left pages mirror it.
    Default: a size-dependent set with a wider inside margin for the binding."""
    marks: Literal["none", "crop", "cross", "crop cross"] = "none"
    """Printer's marks drawn outside the bleed (``crop``, ``cross`` or both); the sheet grows by
    twice the bleed plus 6 mm on each side to hold them."""
    bleed: str | None = attrs.field(default=None, validator=_check_bleed)
    """Bleed around the trimmed page (``3mm``): the cover's image and colour reach into it, and
    each page's BleedBox is the page plus the bleed."""
    outline_questions: bool = True
    """Put each question in the PDF outline under its portrait (second level)."""
    links: Literal["footnotes", "notes", "none"] = "footnotes"
    """Where the address of a link in the running text is printed: ``footnotes`` at the foot of
    its page, ``notes`` numbered at the end of its portrait or section, ``none`` nowhere (the
    link's text alone). Bare addresses, handles and hashtags are printed as they are."""
    tagged: bool = True
    """Write a tagged (structured, accessible) PDF."""
    pdf_variant: Literal["pdf/ua-1", "pdf/a-3b"] | None = None
    """Ask WeasyPrint for a PDF/UA-1 or PDF/A-3b file."""
    raw_html: bool = False
    """Let a sanitized subset of raw HTML in answers through (nh3); off: it is shown as text."""
    jobs: int = attrs.field(default=0, validator=_check_jobs)
    """Rendering processes; 0 uses every core."""
    chunk_size: int = attrs.field(default=0, validator=_check_jobs)
    """Portraits laid out together in one part; 0 chooses from the anthology's size."""


_POINTS_PER = {
    "pt": 1.0,
    "in": 72.0,
    "pc": 12.0,
    "px": 0.75,
    "cm": 72 / 2.54,
    "mm": 72 / 25.4,
    "q": 72 / 101.6,
}
_NUMBER_UNIT = re.compile(r"^(\d+(?:\.\d+)?)([a-z]*)$")

#: Space between the edge of the bleed and the printer's marks (3 mm), in points.
MARKS_GAP = 3 * _POINTS_PER["mm"]


def bleed_points(bleed: str | None) -> float:
    """The bleed option (a CSS length, checked by :class:`PdfOptions`) in points; 0 when none."""
    if not bleed:
        return 0.0
    match = _NUMBER_UNIT.match(bleed.strip().lower())
    if match is None:
        raise ValueError(f"{bleed!r} is not a CSS length")
    number, unit = match.groups()
    if not unit and float(number) == 0:
        return 0.0
    return float(number) * _POINTS_PER[unit]


def sheet_margin(options: PdfOptions) -> float:
    """The CSS ``bleed`` given to WeasyPrint, in points: the margin of the sheet on each side.

    Without marks it is the bleed.  With marks it is ``2 x (bleed + gap)``: WeasyPrint draws
    the marks across the outer half of its CSS bleed, so they go from ``bleed + gap`` outside
    the page to the sheet's edge, clear of the bleed (see ``_prepress.py``).
    """
    bleed = bleed_points(options.bleed)
    if options.marks == "none":
        return bleed
    return 2 * (bleed + MARKS_GAP)


def cover_css(options: PdfOptions) -> str:
    """The bleed the cover's image and colour reach into (``print.css`` uses it); empty without.

    The image is laid out that much larger on every side and moved out by as much; the colour
    is carried by a spread shadow.  Neither changes the layout, and neither reaches the marks.
    """
    if not bleed_points(options.bleed):
        return ""
    return f".cover {{ --cover-bleed: {options.bleed}; }}\n"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = re.sub(r"[\n\r\f]", " ", escaped)
    return f'"{escaped}"'


def _four(margins: str) -> tuple[str, str, str, str]:
    parts = margins.split()
    if len(parts) == 1:
        parts *= 4
    elif len(parts) == 2:
        parts = [parts[0], parts[1], parts[0], parts[1]]
    elif len(parts) == 3:
        parts = [parts[0], parts[1], parts[2], parts[1]]
    top, outside, bottom, inside = parts
    return top, outside, bottom, inside


def page_setup_css(options: PdfOptions, *, running_title: str, first_page: int | None) -> str:
    """The page size, margins, marks, bleed, running title and (optionally) first page number."""
    size, default_margins = PAGE_SIZES[options.page_size]
    top, outside, bottom, inside = _four(options.margins or default_margins)
    extra = ""
    if options.marks != "none":
        extra += f" marks: {options.marks};"
    if options.bleed or options.marks != "none":
        # Not the bleed itself: the sheet around the page, bleed and room for the marks.
        extra += f" bleed: {sheet_margin(options):.6f}pt;"
    lines = [
        f"@page {{ size: {size}; margin: {top} {outside} {bottom} {inside};{extra} }}",
        f"@page :left {{ margin-left: {outside}; margin-right: {inside};"
        f" @top-left {{ content: {css_string(running_title)}; }} }}",
        f"@page :right {{ margin-left: {inside}; margin-right: {outside}; }}",
    ]
    if first_page is not None:
        lines.append(f"@page :first {{ counter-reset: page {first_page}; }}")
    return "\n".join(lines) + "\n" + cover_css(options)
