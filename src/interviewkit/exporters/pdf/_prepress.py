"""Prepress: the sheet around the trimmed page (bleed, printer's marks) and the PDF page boxes.

What WeasyPrint 70 does with ``@page { bleed: B; marks: crop cross }``:

* the MediaBox is the page plus ``B`` on each side, the TrimBox the page itself, and the
  BleedBox the page plus ``min(B, 10pt)``, whatever bleed was asked for;
* the marks are drawn across the outer half of that ``B``, so with the bleed a printer asks for
  (3 mm) they sit inside the bleed, where the cover image must be, and there is no room left
  for them outside it.

So the CSS ``bleed`` the page setup gives WeasyPrint is not the book's bleed but the whole
margin of the sheet (:func:`~interviewkit.exporters.pdf._options.sheet_margin`): with marks,
twice the bleed plus a gap, so that the outer half where WeasyPrint draws them starts
:data:`~interviewkit.exporters.pdf._options.MARKS_GAP` outside the bleed.  After assembly,
:func:`set_page_boxes` sets each page's BleedBox to the bleed actually asked for; the MediaBox
(the sheet) and the TrimBox (the page) are already right.  Without bleed or marks nothing is
changed: the three boxes are the page.

The cover's image and colour reach into the bleed and no further
(:func:`~interviewkit.exporters.pdf._options.cover_css` and ``print.css``): a page background
would paint the whole sheet, under the marks.
"""

from __future__ import annotations

import pikepdf
from pikepdf import Array

from interviewkit.exporters.pdf._options import PdfOptions, bleed_points

__all__ = ["set_page_boxes"]


def set_page_boxes(pdf: pikepdf.Pdf, options: PdfOptions) -> None:
    """Give every page of the assembled book the BleedBox of the bleed asked for.

    WeasyPrint's TrimBox (the CSS page box) is kept, and the BleedBox is set to it plus the
    bleed on each side (the TrimBox itself without a bleed).  Called once, on the whole book,
    before it is written; calling it again changes nothing.
    """
    if not options.bleed and options.marks == "none":
        return
    bleed = bleed_points(options.bleed)
    for page in pdf.pages:
        left, bottom, right, top = (float(value) for value in page.trimbox)
        page.bleedbox = Array(
            [
                round(left - bleed, 6),
                round(bottom - bleed, 6),
                round(right + bleed, 6),
                round(top + bleed, 6),
            ]
        )
