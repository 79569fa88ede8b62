"""File-system helpers: atomic outputs, the sandboxed resource resolver, and safe reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from interviewkit._util.fs import ResourceResolver, atomic_output, read_text
from interviewkit._util.output import MARKER
from interviewkit.errors import InvalidInputError, MissingResourceError


class Boom(Exception):
    """Raised by the tests to interrupt a write."""


def write_then_fail(target: Path, *, directory: bool, name: str = "") -> None:
    """Write into the temporary path of ``target`` (``name`` inside it for a folder), then raise."""
    with atomic_output(target, directory=directory) as temporary:
        (temporary / name if name else temporary).write_text("half", encoding="utf-8")
        raise Boom


def entries(folder: Path) -> list[str]:
    """Every entry under ``folder``, hidden ones included, sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


class TestAtomicFile:
    """`atomic_output(target, directory=False)`."""

    def test_success_replaces_the_target(self, tmp_path: Path):
        """What was written to the temporary path becomes the target; no temp remains."""
        target = tmp_path / "book.json"
        target.write_text("old", encoding="utf-8")
        with atomic_output(target, directory=False) as temporary:
            assert temporary != target
            assert temporary.parent.parent == tmp_path
            temporary.write_text("new", encoding="utf-8")
            assert target.read_text(encoding="utf-8") == "old"
        assert target.read_text(encoding="utf-8") == "new"
        assert entries(tmp_path) == ["book.json"]

    def test_creates_missing_parent_folders(self, tmp_path: Path):
        """The output folder is created when it does not exist."""
        target = tmp_path / "a" / "b" / "book.json"
        with atomic_output(target, directory=False) as temporary:
            temporary.write_bytes(b"{}")
        assert target.read_bytes() == b"{}"

    def test_exception_leaves_the_target_untouched(self, tmp_path: Path):
        """An exception while writing keeps the old target and removes the temporary."""
        target = tmp_path / "book.json"
        target.write_text("old", encoding="utf-8")
        with pytest.raises(Boom):
            write_then_fail(target, directory=False)
        assert target.read_text(encoding="utf-8") == "old"
        assert entries(tmp_path) == ["book.json"]

    def test_exception_without_previous_target_leaves_nothing(self, tmp_path: Path):
        """A failed first write leaves the folder empty."""
        with pytest.raises(Boom):
            write_then_fail(tmp_path / "book.json", directory=False)
        assert entries(tmp_path) == []


class TestAtomicDirectory:
    """`atomic_output(target, directory=True)`."""

    def test_yields_an_empty_folder(self, tmp_path: Path):
        """The temporary path is an existing, empty folder."""
        with atomic_output(tmp_path / "site", directory=True) as temporary:
            assert temporary.is_dir()
            assert list(temporary.iterdir()) == []
            (temporary / "index.html").write_text("hi", encoding="utf-8")
        assert entries(tmp_path) == ["site", f"site/{MARKER}", "site/index.html"]

    def test_success_replaces_the_whole_folder(self, tmp_path: Path):
        """The new folder replaces the old one it wrote; the old folder's files are gone."""
        target = tmp_path / "site"
        target.mkdir()
        (target / MARKER).write_text("", encoding="utf-8")
        (target / "stale.html").write_text("old", encoding="utf-8")
        with atomic_output(target, directory=True) as temporary:
            (temporary / "index.html").write_text("new", encoding="utf-8")
        assert entries(tmp_path) == ["site", f"site/{MARKER}", "site/index.html"]

    def test_exception_leaves_the_old_folder(self, tmp_path: Path):
        """An exception keeps the old folder with its files and removes the temporary."""
        target = tmp_path / "site"
        target.mkdir()
        (target / MARKER).write_text("", encoding="utf-8")
        (target / "index.html").write_text("old", encoding="utf-8")
        with pytest.raises(Boom):
            write_then_fail(target, directory=True, name="index.html")
        assert entries(tmp_path) == ["site", f"site/{MARKER}", "site/index.html"]
        assert (target / "index.html").read_text(encoding="utf-8") == "old"


class TestResourceResolver:
    """Resources resolve inside the root, and nowhere else."""

    @pytest.fixture
    def root(self, tmp_path: Path) -> Path:
        root = tmp_path / "anthology"
        (root / "images").mkdir(parents=True)
        (root / "images" / "photo.png").write_bytes(b"png")
        (tmp_path / "secret.png").write_bytes(b"secret")
        return root

    def test_resolves_a_file_inside(self, root: Path):
        """A relative path to an existing file resolves to that file."""
        resolved = ResourceResolver(root).resolve("images/photo.png")
        assert resolved == (root / "images" / "photo.png").resolve()

    def test_dot_segments_that_stay_inside_are_fine(self, root: Path):
        """`images/../images/photo.png` stays inside the root and resolves."""
        resolved = ResourceResolver(root).resolve("images/../images/photo.png")
        assert resolved.read_bytes() == b"png"

    @pytest.mark.parametrize(
        ("ref", "reason"),
        [
            ("../secret.png", "points outside the anthology folder"),
            ("images/../../secret.png", "points outside the anthology folder"),
            ("https://example.org/photo.png", "is not a path inside the anthology folder"),
            ("file:images/photo.png", "is not a path inside the anthology folder"),
            ("data:image/png;base64,AAAA", "is not a path inside the anthology folder"),
        ],
    )
    def test_refuses_escapes_and_urls(self, root: Path, ref: str, reason: str):
        """`..` escapes and URLs are refused with the ref and the reason in the message."""
        with pytest.raises(MissingResourceError) as caught:
            ResourceResolver(root).resolve(ref, referrer="portraits/x.md")
        assert caught.value.ref == ref
        assert caught.value.reason == reason
        assert str(caught.value).startswith(f"portraits/x.md: {ref!r}")

    def test_refuses_absolute_paths(self, root: Path):
        """An absolute path is refused even when it points inside the root."""
        absolute = str((root / "images" / "photo.png").resolve())
        with pytest.raises(MissingResourceError, match="not a path inside"):
            ResourceResolver(root).resolve(absolute)

    def test_refuses_a_symlink_pointing_outside(self, root: Path, tmp_path: Path):
        """A symlink inside the root whose target is outside it is refused."""
        link = root / "images" / "link.png"
        try:
            link.symlink_to(tmp_path / "secret.png")
        except OSError:  # pragma: no cover - platforms without symlink rights
            pytest.skip("cannot create symlinks here")
        with pytest.raises(MissingResourceError, match="outside the anthology folder"):
            ResourceResolver(root).resolve("images/link.png")

    def test_accepts_a_symlink_pointing_inside(self, root: Path):
        """A symlink to another file of the root is fine."""
        link = root / "alias.png"
        try:
            link.symlink_to(root / "images" / "photo.png")
        except OSError:  # pragma: no cover - platforms without symlink rights
            pytest.skip("cannot create symlinks here")
        assert ResourceResolver(root).resolve("alias.png").read_bytes() == b"png"

    def test_missing_file(self, root: Path):
        """A missing file raises MissingResourceError naming the ref."""
        with pytest.raises(MissingResourceError) as caught:
            ResourceResolver(root).resolve("images/absent.png", referrer="anthology.toml")
        assert "'images/absent.png'" in str(caught.value)
        assert "does not exist" in str(caught.value)
        assert caught.value.file == "anthology.toml"

    def test_a_folder_is_not_a_resource(self, root: Path):
        """A path naming a folder is refused, and the message says it is a folder."""
        with pytest.raises(MissingResourceError, match="is a folder, not a file"):
            ResourceResolver(root).resolve("images")


class TestReadText:
    """`read_text` reads UTF-8 and says where it is not."""

    def test_reports_the_line_of_a_bad_byte(self, tmp_path: Path):
        """A Latin-1 byte on line 3 is reported as line 3 with the byte and a hint."""
        path = tmp_path / "portrait.md"
        path.write_bytes("un\ndeux\ntrois é\nquatre\n".encode("latin-1"))
        with pytest.raises(InvalidInputError) as caught:
            read_text(path, display="portraits/x.md")
        assert caught.value.file == "portraits/x.md"
        assert caught.value.errors == ("line 3: not valid UTF-8 (byte 0xe9)",)
        assert "UTF-8" in caught.value.hint

    def test_strips_a_byte_order_mark(self, tmp_path: Path):
        """A UTF-8 BOM at the start is dropped."""
        path = tmp_path / "anthology.toml"
        path.write_bytes(b'\xef\xbb\xbftitle = "\xc3\xa9t\xc3\xa9"\n')
        assert read_text(path) == 'title = "été"\n'

    def test_missing_file(self, tmp_path: Path):
        """A missing file is an InvalidInputError, not an OSError."""
        with pytest.raises(InvalidInputError, match="file not found"):
            read_text(tmp_path / "absent.md")

    def test_folder(self, tmp_path: Path):
        """A folder is refused with a clear message."""
        with pytest.raises(InvalidInputError, match="is a folder"):
            read_text(tmp_path)

    @pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root reads everything")
    def test_unreadable_file(self, tmp_path: Path):
        """A file without read permission is an InvalidInputError."""
        path = tmp_path / "locked.md"
        path.write_text("x", encoding="utf-8")
        path.chmod(0)
        try:
            with pytest.raises(InvalidInputError, match="cannot be read"):
                read_text(path)
        finally:
            path.chmod(0o644)
