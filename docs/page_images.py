"""Regenerate the docs' PDF page images from a real build of the French example.

Run ``make docs-images`` (or ``python docs/page_images.py``): it builds
``examples/derriere-les-comptes`` as a PDF into a temporary folder, finds the cover, the
contents, the first page of the first portrait and the first page of the index (the outline's
last entry) through the book's outline, and renders each
at 60 pixels per inch with poppler's ``pdftoppm`` into ``docs/_static/pdf-*.png``.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

import interviewkit

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "derriere-les-comptes"
STATIC = HERE / "_static"


def _pages(pdf: Path) -> dict[str, int]:
    """Page numbers (from 1) of the cover, the contents, the first portrait and the index."""
    reader = PdfReader(pdf)
    outline = reader.outline
    contents = reader.get_destination_page_number(outline[0]) + 1
    # A portrait's bookmark is the first to have children (its questions).
    first_portrait = next(
        reader.get_destination_page_number(item) + 1
        for item, following in itertools.pairwise(outline)
        if not isinstance(item, list) and isinstance(following, list)
    )
    index = reader.get_destination_page_number(outline[-1]) + 1
    return {"cover": 1, "contents": contents, "portrait": first_portrait, "index": index}


def main() -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as out:
        report = interviewkit.build(EXAMPLE, ["pdf"], out)
        if not report.ok:
            print(report.failures, file=sys.stderr)
            return 2
        pdf = report.results[0].path
        for name, page in _pages(pdf).items():
            target = STATIC / f"pdf-{name}"
            subprocess.run(
                [
                    *("pdftoppm", "-png", "-r", "60", "-singlefile"),
                    *("-f", str(page), "-l", str(page), str(pdf), str(target)),
                ],
                check=True,
            )
            print(f"{target}.png: page {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
