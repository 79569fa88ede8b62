"""Images are decoded before they are used: real type, damage, decompression bombs, print size.

Every fixture is written into ``tmp_path`` by the test itself (images drawn with Pillow, or
built chunk by chunk), so no binary file ships with the tests.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFile

import interviewkit
from interviewkit.build import ContentError
from interviewkit.cli import main
from interviewkit.errors import InvalidInputError

Capture = pytest.CaptureFixture[str]


def image_bytes(fmt: str, size: tuple[int, int] = (900, 1125)) -> bytes:
    """A small picture in ``fmt`` (PNG, JPEG, GIF, WEBP, BMP, TIFF)."""
    picture = Image.new("RGB", size, (180, 90, 40))
    picture.paste((20, 40, 160), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    buffer = io.BytesIO()
    picture.save(buffer, fmt)
    return buffer.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A valid 1-bit PNG of ``width`` x ``height`` black pixels: a few KB on disk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def make_book(
    root: Path,
    *,
    photo: tuple[str, bytes] | None = None,
    cover: tuple[str, bytes] | None = None,
    answer: str = "A plain answer.",
    files: dict[str, bytes] | None = None,
    toml: str = "",
) -> Path:
    """A one-portrait anthology; ``photo``/``cover`` are (file name in images/, bytes)."""
    (root / "portraits").mkdir(parents=True)
    (root / "images").mkdir()
    manifest = 'title = "Test book"\nlanguage = "en"\nportraits = ["ann-lee"]\n'
    if cover is not None:
        (root / "images" / cover[0]).write_bytes(cover[1])
        manifest += f'\n[cover]\npath = "images/{cover[0]}"\nalt = "The cover"\n'
    (root / "anthology.toml").write_text(manifest + toml, encoding="utf-8")
    front = '---\ntitle: "Ann Lee"\nsubject:\n  name: Ann Lee\n'
    if photo is not None:
        (root / "images" / photo[0]).write_bytes(photo[1])
        front += f"  photo:\n    path: images/{photo[0]}\n    alt: Ann Lee\n"
    body = f"---\n\nA lede.\n\n## A question?\n\n{answer}\n"
    (root / "portraits" / "ann-lee.md").write_text(front + body, encoding="utf-8")
    for name, data in (files or {}).items():
        (root / "images" / name).write_bytes(data)
    return root


def check(capsys: Capture, *argv: str) -> tuple[int, str]:
    """Run ``interviewkit check``; return the exit code and stderr."""
    code = main(["check", *argv])
    return code, capsys.readouterr().err


class TestRefusedAtLoad:
    """An image field (cover, photo) naming a file that is not a usable image stops the load."""

    def test_a_png_named_jpg_is_refused_with_its_real_type(self, tmp_path: Path):
        """A PNG photo named ``.jpg``: the file, the line, the field, and 'rename it to .png'."""
        book = make_book(tmp_path / "book", photo=("ann.jpg", image_bytes("PNG")))
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(book)
        message = str(caught.value)
        assert "portraits/ann-lee.md" in message
        assert "line 6: subject.photo.path: 'images/ann.jpg' is a PNG image named .jpg" in message
        assert "rename it to .png" in caught.value.hint

    def test_a_jpeg_cover_named_png_is_refused_in_the_manifest(self, tmp_path: Path):
        """The cover is checked too: anthology.toml, ``cover.path``, 'rename it to .jpg'."""
        book = make_book(tmp_path / "book", cover=("cover.png", image_bytes("JPEG")))
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(book)
        assert "anthology.toml" in str(caught.value)
        assert "cover.path: 'images/cover.png' is a JPEG image named .png" in str(caught.value)
        assert "rename it to .jpg" in caught.value.hint

    def test_an_editor_photo_that_is_text_is_refused(self, tmp_path: Path):
        """A text file named ``.png`` as an editor's photo: not an image, with a fix."""
        book = make_book(tmp_path / "book", files={"ed.png": b"just some text\n"})
        with (book / "anthology.toml").open("a", encoding="utf-8") as handle:
            handle.write(
                '\n[[editors]]\nname = "Ed"\nphoto = {path = "images/ed.png", alt = "Ed"}\n'
            )
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(book)
        assert "editors[0].photo.path: 'images/ed.png' is not a PNG, JPEG, GIF, WebP or SVG" in str(
            caught.value
        )
        assert "save it as PNG or JPEG" in caught.value.hint

    @pytest.mark.parametrize("fmt", ["BMP", "TIFF"])
    def test_a_format_no_output_carries_is_refused(self, tmp_path: Path, fmt: str):
        """A BMP or TIFF (named as such) cannot go in an EPUB: refused with 'save it as PNG'."""
        name = f"ann.{fmt.lower()}"
        book = make_book(tmp_path / "book", photo=(name, image_bytes(fmt)))
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(book)
        assert f"'images/{name}' is not a PNG, JPEG, GIF, WebP or SVG image" in str(caught.value)

    @pytest.mark.parametrize(("width", "height"), [(20000, 20000), (10000, 9000)])
    def test_a_decompression_bomb_is_refused_before_it_is_decoded(
        self, tmp_path: Path, width: int, height: int
    ):
        """A few-KB PNG of 400 (or 90) million pixels is refused, over or near Pillow's limit."""
        bomb = png_bomb(width, height)
        assert len(bomb) < 100_000
        book = make_book(tmp_path / "book", photo=("ann.png", bomb))
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(book)
        assert "more pixels than the 89,478,485 one image may have" in str(caught.value)
        assert "scale it down" in caught.value.hint

    def test_a_malformed_svg_is_refused(self, tmp_path: Path):
        """An SVG that is not well-formed XML is refused (it is not decoded, only parsed)."""
        book = make_book(tmp_path / "book", photo=("ann.svg", b"<svg><g></svg>"))
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(book)
        assert "'images/ann.svg' is refused: line 1: not a well-formed SVG file" in str(
            caught.value
        )

    def test_an_svg_with_entities_is_refused(self, tmp_path: Path):
        """An SVG declaring entities (a 'billion laughs' in waiting) is refused."""
        svg = (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
        )
        book = make_book(tmp_path / "book", photo=("ann.svg", svg))
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(book)
        assert "'images/ann.svg' is refused: the DOCTYPE declares XML entities" in str(caught.value)

    def test_a_portrait_file_alone_is_checked_the_same_way(self, tmp_path: Path):
        """``interviewkit.load(portrait.md)`` refuses the misnamed photo too."""
        book = make_book(tmp_path / "book", photo=("ann.gif", image_bytes("PNG")))
        portrait = book / "portraits" / "ann-lee.md"
        portrait.write_text(
            portrait.read_text(encoding="utf-8").replace("---\ntitle", "---\nlanguage: en\ntitle"),
            encoding="utf-8",
        )
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(portrait)
        assert "'images/ann.gif' is a PNG image named .gif" in str(caught.value)


class TestContentChecks:
    """Images found by the content checks of ``check`` and ``build`` (pixels decoded)."""

    @pytest.mark.parametrize(("fmt", "name"), [("PNG", "ann.png"), ("GIF", "ann.gif")])
    def test_half_an_image_fails_check_and_build(
        self, tmp_path: Path, capsys: Capture, fmt: str, name: str
    ):
        """Half a PNG or GIF: 'damaged or truncated' from check (exit 2) and build."""
        data = image_bytes(fmt)
        book = make_book(tmp_path / "book", photo=(name, data[: len(data) // 2]))
        code, err = check(capsys, str(book))
        assert code == 2
        assert f"error: portraits[0].subject.photo: image 'images/{name}' is damaged" in err
        with pytest.raises(ContentError):
            interviewkit.build(book, ["epub"], tmp_path / "out")

    def test_truncation_is_caught_even_after_weasyprint_was_imported(
        self, tmp_path: Path, capsys: Capture
    ):
        """WeasyPrint lets Pillow load truncated files; the checks still refuse them."""
        pytest.importorskip("weasyprint")
        data = image_bytes("JPEG")
        book = make_book(tmp_path / "book", photo=("ann.jpg", data[:-200]))
        code, err = check(capsys, str(book))
        assert code == 2
        assert "image 'images/ann.jpg' is damaged or truncated" in err

    def test_a_truncated_jpeg_fails_check_and_build(self, tmp_path: Path, capsys: Capture):
        """A JPEG missing its last bytes decodes badly: check exits 2, build refuses."""
        data = image_bytes("JPEG")
        book = make_book(tmp_path / "book", photo=("ann.jpg", data[:-200]))
        code, err = check(capsys, str(book))
        assert code == 2
        assert "error: portraits[0].subject.photo: image 'images/ann.jpg' is damaged" in err
        with pytest.raises(ContentError):
            interviewkit.build(book, ["html"], tmp_path / "out")
        assert not (tmp_path / "out" / "book.html").exists()

    def test_an_inline_image_that_is_text_stops_the_build(self, tmp_path: Path, capsys: Capture):
        """A text file named ``.png`` in an answer is an error naming the answer."""
        book = make_book(
            tmp_path / "book",
            answer="Look: ![a chart](images/chart.png)",
            files={"chart.png": b"<html>not a picture</html>"},
        )
        code, err = check(capsys, str(book))
        assert code == 2
        assert (
            "error: portraits[0] (ann-lee).interview.exchanges[0].answers[0].text: image "
            "'images/chart.png' is not a PNG, JPEG, GIF, WebP or SVG image"
        ) in err
        with pytest.raises(ContentError):
            interviewkit.build(book, ["epub"], tmp_path / "out")

    def test_a_misnamed_inline_image_says_how_to_rename_it(self, tmp_path: Path, capsys: Capture):
        """A GIF named ``.jpg`` in the lede's answer: the check says to rename it to .gif."""
        book = make_book(
            tmp_path / "book",
            answer="![a chart](<images/my chart.jpg>)",
            files={"my chart.jpg": image_bytes("GIF", (2000, 1000))},
        )
        code, err = check(capsys, str(book))
        assert code == 2
        assert "image 'images/my chart.jpg' is a GIF image named .jpg" in err
        assert "rename it to .gif" in err

    def test_a_low_resolution_cover_is_a_warning_with_the_numbers(
        self, tmp_path: Path, capsys: Capture
    ):
        """An 800 x 1200 cover on an A5 page prints at 137 ppi; it needs 1748 x 2480 px."""
        book = make_book(tmp_path / "book", cover=("cover.png", image_bytes("PNG", (800, 1200))))
        code, err = check(capsys, str(book))
        assert code == 0, err
        assert (
            "warning: cover: image 'images/cover.png' (800\u00d71200 px) prints at 137 ppi "
            "on the A5 cover (needs 300)"
        ) in err
        assert "use an image at least 1748\u00d72480 px" in err
        code, _ = check(capsys, "--strict", str(book))
        assert code == 2

    def test_the_page_size_of_the_pdf_options_is_used(self, tmp_path: Path, capsys: Capture):
        """On an A4 page the same cover prints at 97 ppi and needs 2480 x 3508 px."""
        book = make_book(
            tmp_path / "book",
            cover=("cover.png", image_bytes("PNG", (800, 1200))),
            toml='\n[export.pdf]\npage_size = "A4"\n',
        )
        _, err = check(capsys, str(book))
        assert "prints at 97 ppi on the A4 cover (needs 300)" in err
        assert "at least 2480\u00d73508 px" in err

    def test_a_cover_that_bleeds_needs_the_bleed_too(self, tmp_path: Path, capsys: Capture):
        """With a 3 mm bleed the cover prints 154 x 216 mm: 1748 x 2480 px is 288 ppi there.

        ``check`` and ``build`` both warn, with the pixel size and the size that would do
        (1819 x 2551 px); that size passes ``check --strict``.
        """
        book = make_book(
            tmp_path / "book",
            cover=("cover.png", image_bytes("PNG", (1748, 2480))),
            toml='\n[export.pdf]\nbleed = "3mm"\n',
        )
        _, err = check(capsys, str(book))
        message = (
            "image 'images/cover.png' (1748\u00d72480 px) prints at 288 ppi on the A5 cover with "
            "its bleed (needs 300)"
        )
        assert message in err
        assert "use an image at least 1819\u00d72551 px" in err
        report = interviewkit.build(book, ["json"], tmp_path / "out")
        assert [p.severity for p in report.problems if message in p.message] == ["warning"]
        (book / "images" / "cover.png").write_bytes(image_bytes("PNG", (1819, 2551)))
        code, err = check(capsys, "--strict", str(book))
        assert code == 0, err

    def test_a_low_resolution_photo_is_a_warning(self, tmp_path: Path, capsys: Capture):
        """A 360 x 450 photo, 55 mm tall in print, is at 208 ppi; 520 x 650 px would do."""
        book = make_book(tmp_path / "book", photo=("ann.png", image_bytes("PNG", (360, 450))))
        _, err = check(capsys, str(book))
        assert (
            "image 'images/ann.png' (360\u00d7450 px) prints at 208 ppi as the portrait's photo "
            "(needs 300)"
        ) in err
        assert "at least 520\u00d7650 px" in err

    def test_images_sharp_enough_give_no_warning(self, tmp_path: Path, capsys: Capture):
        """A 1748 x 2480 cover and a 520 x 650 photo pass ``check --strict``; a pixel less warns."""
        book = make_book(
            tmp_path / "book",
            cover=("cover.png", image_bytes("PNG", (1748, 2480))),
            photo=("ann.webp", image_bytes("WEBP", (520, 650))),
        )
        code, err = check(capsys, "--strict", str(book))
        assert code == 0, err
        assert "0 problem(s)" in err
        (book / "images" / "ann.webp").write_bytes(image_bytes("WEBP", (516, 645)))
        code, err = check(capsys, "--strict", str(book))
        assert code == 2
        assert (
            "'images/ann.webp' (516\u00d7645 px) prints at 298 ppi as the portrait's photo" in err
        )

    def test_a_small_image_in_the_text_is_a_warning(self, tmp_path: Path, capsys: Capture):
        """A 600 px image in an answer prints at 131 ppi across an A5 text width."""
        book = make_book(
            tmp_path / "book",
            answer="![a chart](images/chart.png)",
            files={"chart.png": image_bytes("PNG", (600, 400))},
        )
        _, err = check(capsys, str(book))
        assert (
            "image 'images/chart.png' (600\u00d7400 px) prints at 131 ppi in the text of the A5"
            in err
        )
        assert "at least 1370\u00d7913 px" in err

    def test_images_of_a_json_archive_are_decoded_too(self, tmp_path: Path, capsys: Capture):
        """A canonical JSON whose photo was replaced by a damaged file: check exits 2."""
        book = make_book(tmp_path / "book", photo=("ann.png", image_bytes("PNG", (540, 675))))
        interviewkit.build(book, ["json"], tmp_path / "book")
        data = image_bytes("PNG")
        (book / "images" / "ann.png").write_bytes(data[: len(data) // 2])
        code, err = check(capsys, str(book / "book.json"))
        assert code == 2
        assert "image 'images/ann.png' is damaged or truncated" in err


class TestNeverATraceback:
    """Damaged images of every format end in a clear refusal, never a traceback."""

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(
        fmt=st.sampled_from(["PNG", "JPEG", "GIF", "WEBP"]),
        cuts=st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 255)), max_size=6),
        keep=st.floats(0.05, 1.0),
    )
    def test_damaged_images_are_refused_or_used(
        self,
        tmp_path_factory: pytest.TempPathFactory,
        fmt: str,
        cuts: list[tuple[int, int]],
        keep: float,
    ):
        """Flipped and cut bytes: load and the checks either accept the image or refuse it."""
        data = bytearray(image_bytes(fmt, (60, 75)))
        for offset, value in cuts:
            data[offset % len(data)] = value
        data = data[: max(1, int(len(data) * keep))]
        suffix = {"JPEG": "jpg"}.get(fmt, fmt.lower())
        book = make_book(
            tmp_path_factory.mktemp("fuzz") / "book",
            photo=(f"ann.{suffix}", bytes(data)),
            answer=f"![inline](images/ann.{suffix})",
        )
        truncated_ok = ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint switches it on
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                with Image.open(io.BytesIO(bytes(data))) as picture:
                    picture.verify()  # checksums: a cut PNG may still decode
                with Image.open(io.BytesIO(bytes(data))) as picture:
                    picture.load()
                    usable = picture.format == fmt
        except (OSError, SyntaxError, ValueError, EOFError, Warning, Image.DecompressionBombError):
            usable = False
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = truncated_ok
        refusal: InvalidInputError | None = None
        try:
            source = interviewkit.open_source(book)
        except InvalidInputError as exc:
            refusal = exc
        if refusal is not None:
            assert not usable, refusal
            assert "images/ann." in str(refusal)
            return
        errors = [p for p in interviewkit.run_checks(source) if p.severity == "error"]
        assert all("images/ann." in problem.message for problem in errors)
        # An image that does not decode is never used silently: the checks stop the build.
        assert bool(errors) != usable
