"""How large each kind of image prints in the PDF, and so at how many pixels per inch.

A photo that looks sharp on screen can print blurred: print wants about 300 pixels per inch of
paper.  The printed size is not written here a second time: the page comes from the PDF options
(``PAGE_SIZES`` and the margins of ``[export.pdf]``), the sizes from the print stylesheet
``render/static/print.css`` itself, read with tinycss2:

* the cover fills the page and its bleed (``.cover-image``: ``100vw`` x ``100vh`` plus the
  ``bleed`` of ``[export.pdf]`` on each side, ``object-fit: cover``);
* the portrait's photo is at most ``max-height`` of ``.subject-photo img`` tall, and never wider
  than the text (``img { max-width: 100% }``);
* an image in the text keeps its natural size (96 CSS pixels per inch) up to the text's width.

The size an image needs is given as width x height: for the cover, the page with its bleed at
300 ppi (``object-fit: cover`` fills both sides, so both count); elsewhere, the largest size the
image can print at, in its own proportions, at 300 ppi.  A theme's CSS may change these sizes;
the check follows the built-in stylesheet.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Literal

import attrs
import tinycss2
import tinycss2.ast

from interviewkit.errors import ModelError
from interviewkit.exporters.pdf._options import PAGE_SIZES, PdfOptions, _four

__all__ = ["MIN_PPI", "Page", "Placement", "page_of", "printed_ppi"]

#: Pixels per inch of paper below which an image prints visibly soft.
MIN_PPI = 300

#: Where an image is printed: filling the cover, as a portrait's photo, or inside the text.
Placement = Literal["cover", "photo", "text"]

_PER_INCH = {"in": 1.0, "cm": 2.54, "mm": 25.4, "q": 101.6, "pt": 72.0, "pc": 6.0, "px": 96.0}
_CSS_PIXELS_PER_INCH = _PER_INCH["px"]
_PHOTO_RULE = (".subject-photo img", "max-height")


@attrs.frozen
class Page:
    """A trimmed page of the PDF, in inches, with the bleed around it."""

    name: str
    width: float
    height: float
    text_width: float
    bleed: float = 0.0


def page_of(pdf_options: Mapping[str, object]) -> Page:
    """The page of the ``[export.pdf]`` options (the defaults where they are missing or bad)."""
    default = PdfOptions()
    name = pdf_options.get("page_size", default.page_size)
    if not isinstance(name, str) or name not in PAGE_SIZES:
        name = default.page_size
    size, default_margins = PAGE_SIZES[name]
    margins = pdf_options.get("margins")
    try:
        PdfOptions(margins=margins if isinstance(margins, str) else None)
    except ModelError:  # build refuses it with its own message; the check uses the defaults
        margins = None
    _, outside, _, inside = _four(margins if isinstance(margins, str) else default_margins)
    width, height = (_inches(part) for part in size.split())
    bleed = pdf_options.get("bleed")
    try:
        PdfOptions(bleed=bleed if isinstance(bleed, str) else None)
    except ModelError:  # likewise: the check takes no bleed
        bleed = None
    text_width = width - _inches(outside) - _inches(inside)
    return Page(name, width, height, text_width, _inches(bleed) if isinstance(bleed, str) else 0.0)


def printed_ppi(
    placement: Placement, width: int, height: int, page: Page
) -> tuple[int, tuple[int, int]]:
    """``(ppi, (px wide, px tall))``: the resolution an image of ``width`` x ``height`` pixels
    prints at, and the size in pixels it needs to print at :data:`MIN_PPI` in the same place."""
    if placement == "cover":
        # object-fit: cover scales the image until it covers the page and its bleed on both
        # sides: each side needs its own number of pixels, whatever the image's proportions.
        full_width = page.width + 2 * page.bleed
        full_height = page.height + 2 * page.bleed
        ppi = min(width / full_width, height / full_height)
        return round(ppi), (round(MIN_PPI * full_width), round(MIN_PPI * full_height))
    if placement == "photo":
        tallest = _photo_max_height()
        printed = min(tallest, height / _CSS_PIXELS_PER_INCH) * width / height
        full_width = min(tallest * width / height, page.text_width)
    else:
        printed = width / _CSS_PIXELS_PER_INCH
        full_width = page.text_width
    ppi = width / min(printed, page.text_width)
    needed = round(MIN_PPI * full_width)
    return round(ppi), (needed, round(needed * height / width))


@lru_cache(maxsize=1)
def _photo_max_height() -> float:
    """The ``max-height`` of a portrait's photo in ``print.css``, in inches."""
    css = files("interviewkit.render").joinpath("static/print.css").read_text(encoding="utf-8")
    selector, name = _PHOTO_RULE
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if not isinstance(rule, tinycss2.ast.QualifiedRule):
            continue
        if tinycss2.serialize(rule.prelude).strip() != selector:
            continue
        for declaration in tinycss2.parse_blocks_contents(
            rule.content, skip_comments=True, skip_whitespace=True
        ):
            if isinstance(declaration, tinycss2.ast.Declaration) and declaration.lower_name == name:
                return _inches(tinycss2.serialize(declaration.value))
    raise LookupError(f"print.css has no {name} for {selector!r}")  # pragma: no cover


def _inches(length: str) -> float:
    """A CSS length (``148mm``, ``0.85in``, ``0``) in inches."""
    token = tinycss2.parse_one_component_value(length, skip_comments=True)
    if isinstance(token, tinycss2.ast.DimensionToken) and token.lower_unit in _PER_INCH:
        return float(token.value) / _PER_INCH[token.lower_unit]
    if isinstance(token, tinycss2.ast.NumberToken) and token.value == 0:
        return 0.0
    raise ValueError(f"{length!r} is not an absolute CSS length")  # pragma: no cover
