"""Regenerate the example images (portrait "photos" and the cover).

Usage (Pillow >= 10.1 is the only dependency)::

    python3 -m venv /tmp/imgvenv && /tmp/imgvenv/bin/pip install pillow
    /tmp/imgvenv/bin/python examples/_make_images.py

The images are placeholders, not photographs: flat geometric designs with the
person's initials (portraits, 540x675) or the book's title (cover, 1760x2640),
drawn with Pillow's built-in default font. That font has no accented letters,
so accents (acute, grave, circumflex) are drawn as strokes over the base letter
by ``draw_text``; this keeps the script free of any system font. Everything is deterministic: fixed
colours, fixed geometry, no randomness, and no metadata (no timestamps) is
written into the PNG files, so running the script twice gives identical bytes
for the same Pillow version.  The sizes are large enough to print at 300 ppi in
the default A5 PDF (``interviewkit check`` warns below that): the designs are
drawn on an 800x1200 (cover) or 360x450 (portrait) grid, scaled up.

Every path written here is one that an anthology in this folder refers to:
``subject.photo.path`` in a portrait's front matter, or ``[cover].path`` in
``anthology.toml``.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent

#: Drawing grids, and how much larger than the grid each image is written.
PHOTO_GRID, PHOTO_SCALE = (360, 450), 1.5
COVER_GRID, COVER_SCALE = (800, 1200), 2.2


class Scaled:
    """An ImageDraw whose coordinates, widths and font sizes are on the grid (scaled up)."""

    def __init__(self, img: Image.Image, scale: float) -> None:
        self.draw = ImageDraw.Draw(img)
        self.k = scale

    def xy(self, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
        return [(x * self.k, y * self.k) for x, y in points]

    def box(self, box: tuple[float, float, float, float]) -> list[float]:
        return [v * self.k for v in box]

    def size(self, value: float) -> int:
        return max(1, round(value * self.k))


# (anthology folder, portrait id, initials, caption, background, accent, text colour)
PORTRAITS = [
    (
        "derriere-les-comptes",
        "rosalie-gendron-paquin",
        "RGP",
        "Rosalie Gendron-Paquin",
        "#d98c1f",
        "#f6d38c",
        "#3b2206",
    ),
    (
        "derriere-les-comptes",
        "samuel-fortier-dion",
        "SFD",
        "Samuel Fortier-Dion",
        "#2f5d3a",
        "#8fbf7f",
        "#f2f7ee",
    ),
    (
        "derriere-les-comptes",
        "leila-haddad-morin",
        "LHM",
        "Leila Haddad-Morin",
        "#e0655a",
        "#f7c1a9",
        "#3d1410",
    ),
    ("makers-at-work", "corentin-ashby", "CA", "Corentin Ashby", "#e7cf86", "#b48a3c", "#3a2a0c"),
]


def font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """Pillow's bundled default font at the given size."""
    return ImageFont.load_default(size=size)


ACCENTS = {"\u0301": "acute", "\u0300": "grave", "\u0302": "circumflex"}


def draw_text(
    draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int, fill: str
) -> None:
    """Draw text with the default font, adding accents the font lacks as strokes."""
    f = font(size)
    decomposed = unicodedata.normalize("NFD", text)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    draw.text(xy, base, font=f, fill=fill)
    x, y = xy
    index = -1
    width = max(2, size // 14)
    for c in decomposed:
        if not unicodedata.combining(c):
            index += 1
            continue
        kind = ACCENTS.get(c)
        if kind is None or index < 0:
            continue
        letter = base[index]
        left = x + draw.textlength(base[:index], font=f)
        _, top, _, _ = draw.textbbox((left, y), letter, font=f)
        cx = left + draw.textlength(letter, font=f) / 2
        gap, rise, half = size * 0.06, size * 0.2, size * 0.09
        low, high = top - gap, top - gap - rise
        if kind == "acute":
            draw.line([(cx - half, low), (cx + half, high)], fill=fill, width=width)
        elif kind == "grave":
            draw.line([(cx + half, low), (cx - half, high)], fill=fill, width=width)
        else:
            draw.line([(cx - half * 1.3, low), (cx, high)], fill=fill, width=width)
            draw.line([(cx, high), (cx + half * 1.3, low)], fill=fill, width=width)


def centered_text(
    draw: ImageDraw.ImageDraw, cx: float, y: float, text: str, size: int, fill: str
) -> None:
    """Draw one line of text horizontally centred on cx, top of the letters at y."""
    f = font(size)
    base = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    left, top, right, _bottom = draw.textbbox((0, 0), base, font=f)
    draw_text(draw, (cx - (right - left) / 2 - left, y - top), text, size, fill)


def save(img: Image.Image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Plain 8-bit RGB PNG; flat colours compress well, so files stay small.
    img.convert("RGB").save(path, format="PNG", optimize=True)
    print(f"{path.relative_to(HERE)}  {path.stat().st_size} bytes")


def make_portrait(initials: str, caption: str, bg: str, accent: str, ink: str) -> Image.Image:
    w, h = PHOTO_GRID
    img = Image.new("RGB", tuple(round(v * PHOTO_SCALE) for v in PHOTO_GRID), bg)
    d = Scaled(img, PHOTO_SCALE)
    # Diagonal band, a large disc and a thin frame.
    d.draw.polygon(d.xy([(0, h * 0.62), (w, h * 0.38), (w, h * 0.50), (0, h * 0.74)]), fill=accent)
    r = 118
    cx, cy = w / 2, h * 0.42
    d.draw.ellipse(d.box((cx - r, cy - r, cx + r, cy + r)), fill=bg, outline=ink, width=d.size(4))
    d.draw.rectangle(d.box((12, 12, w - 13, h - 13)), outline=ink, width=d.size(2))
    text(d, cx, cy - 38, initials, 76 if len(initials) < 3 else 64, ink)
    text(d, cx, h - 62, caption, 22, ink)
    return img


def text(d: Scaled, cx: float, y: float, line: str, size: int, fill: str) -> None:
    """One line of text centred on cx, on the grid."""
    centered_text(d.draw, cx * d.k, y * d.k, line, d.size(size), fill)


def bubble(d: Scaled, box: tuple[int, int, int, int], fill: str, tail_left: bool) -> None:
    """A rounded speech bubble with a small triangular tail."""
    x0, y0, x1, y1 = box
    d.draw.rounded_rectangle(d.box(box), radius=d.size(36), fill=fill)
    if tail_left:
        tail = [(x0 + 50, y1 - 2), (x0 + 100, y1 - 2), (x0 + 40, y1 + 50)]
    else:
        tail = [(x1 - 100, y1 - 2), (x1 - 50, y1 - 2), (x1 - 40, y1 + 50)]
    d.draw.polygon(d.xy(tail), fill=fill)
    # Three "dots" of conversation.
    cy = (y0 + y1) // 2
    for i in (-1, 0, 1):
        cx = (x0 + x1) // 2 + i * 46
        d.draw.ellipse(d.box((cx - 11, cy - 11, cx + 11, cy + 11)), fill="#1b2640")


def make_cover() -> Image.Image:
    w, _h = COVER_GRID
    img = Image.new("RGB", tuple(round(v * COVER_SCALE) for v in COVER_GRID), "#1b2640")
    d = Scaled(img, COVER_SCALE)
    bubble(d, (90, 170, 470, 370), "#d98c1f", tail_left=True)
    bubble(d, (330, 430, 710, 630), "#8fbf7f", tail_left=False)
    bubble(d, (150, 690, 530, 890), "#e0655a", tail_left=True)
    d.draw.line(d.xy([(90, 990), (w - 90, 990)]), fill="#f2f2f2", width=d.size(3))
    text(d, w / 2, 1025, "Derrière les comptes", 64, "#ffffff")
    text(d, w / 2, 1110, "Portraits de gestionnaires de communauté", 28, "#c9d3e8")
    text(d, w / 2, 60, "Les portraits du jeudi · 1", 26, "#c9d3e8")
    return img


def main() -> None:
    for folder, pid, initials, caption, bg, accent, ink in PORTRAITS:
        save(
            make_portrait(initials, caption, bg, accent, ink),
            HERE / folder / "images" / f"{pid}.png",
        )
    save(make_cover(), HERE / "derriere-les-comptes" / "images" / "cover.png")


if __name__ == "__main__":
    main()
