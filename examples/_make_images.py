"""Regenerate the example images (portrait "photos" and the cover).

Usage (Pillow >= 10.1 is the only dependency)::

    python3 -m venv /tmp/imgvenv && /tmp/imgvenv/bin/pip install pillow
    /tmp/imgvenv/bin/python examples/_make_images.py

The images are placeholders, not photographs: flat geometric designs with the
person's initials (portraits, 360x450) or the book's title (cover, 800x1200),
drawn with Pillow's built-in default font. That font has no accented letters,
so accents (acute, grave, circumflex) are drawn as strokes over the base letter
by ``draw_text``; this keeps the script free of any system font. Everything is deterministic: fixed
colours, fixed geometry, no randomness, and no metadata (no timestamps) is
written into the PNG files, so running the script twice gives identical bytes
for the same Pillow version.

Every path written here is one that an anthology in this folder refers to:
``subject.photo.path`` in a portrait's front matter, or ``[cover].path`` in
``anthology.toml``.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent

PHOTO_SIZE = (360, 450)
COVER_SIZE = (800, 1200)

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
    w, h = PHOTO_SIZE
    img = Image.new("RGB", PHOTO_SIZE, bg)
    d = ImageDraw.Draw(img)
    # Diagonal band, a large disc and a thin frame.
    d.polygon([(0, h * 0.62), (w, h * 0.38), (w, h * 0.50), (0, h * 0.74)], fill=accent)
    r = 118
    cx, cy = w / 2, h * 0.42
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=bg, outline=ink, width=4)
    d.rectangle([12, 12, w - 13, h - 13], outline=ink, width=2)
    centered_text(d, cx, cy - 38, initials, 76 if len(initials) < 3 else 64, ink)
    centered_text(d, cx, h - 62, caption, 22, ink)
    return img


def bubble(
    d: ImageDraw.ImageDraw, box: tuple[int, int, int, int], fill: str, tail_left: bool
) -> None:
    """A rounded speech bubble with a small triangular tail."""
    x0, y0, x1, y1 = box
    d.rounded_rectangle(box, radius=36, fill=fill)
    if tail_left:
        d.polygon([(x0 + 50, y1 - 2), (x0 + 100, y1 - 2), (x0 + 40, y1 + 50)], fill=fill)
    else:
        d.polygon([(x1 - 100, y1 - 2), (x1 - 50, y1 - 2), (x1 - 40, y1 + 50)], fill=fill)
    # Three "dots" of conversation.
    cy = (y0 + y1) // 2
    for i in (-1, 0, 1):
        cx = (x0 + x1) // 2 + i * 46
        d.ellipse([cx - 11, cy - 11, cx + 11, cy + 11], fill="#1b2640")


def make_cover() -> Image.Image:
    w, _h = COVER_SIZE
    img = Image.new("RGB", COVER_SIZE, "#1b2640")
    d = ImageDraw.Draw(img)
    bubble(d, (90, 170, 470, 370), "#d98c1f", tail_left=True)
    bubble(d, (330, 430, 710, 630), "#8fbf7f", tail_left=False)
    bubble(d, (150, 690, 530, 890), "#e0655a", tail_left=True)
    d.line([(90, 990), (w - 90, 990)], fill="#f2f2f2", width=3)
    centered_text(d, w / 2, 1025, "Derrière les comptes", 64, "#ffffff")
    centered_text(d, w / 2, 1110, "Portraits de gestionnaires de communauté", 28, "#c9d3e8")
    centered_text(d, w / 2, 60, "Les portraits du jeudi · 1", 26, "#c9d3e8")
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
