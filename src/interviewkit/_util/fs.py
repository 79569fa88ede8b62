"""File-system helpers: the sandboxed resource resolver, safe reads and atomic writes.

Two rules live here so no other module has to get them right again: resources load only from the
source folder (no absolute paths, no ``..``, no symlink that points out of it), and outputs appear
all at once (written beside the target, then renamed) or not at all (see
:mod:`interviewkit._util.output`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from interviewkit._util.output import atomic_output
from interviewkit._util.text import (
    BAD_TEXT_HINT,
    bad_char_in_text,
    describe_char,
    may_hold_bad_bytes,
    normalize_newlines,
    position,
)
from interviewkit.errors import InvalidInputError, MissingResourceError

__all__ = [
    "ResourceResolver",
    "atomic_output",
    "decode_utf8",
    "read_bytes",
    "read_text",
    "refuse_bad_characters",
]


class ResourceResolver:
    """Resolves paths written in the content against the source folder, and nowhere else.

    :meth:`resolve` is the one place that decides whether the build may read a file: every file
    of the folder the build reads (the manifest, portraits, sections, images, theme files) goes
    through it, so the rules below hold everywhere at once:

    * the path is relative, without ``..``, and stays inside the folder once every symbolic link
      (the file's or an intermediate folder's) is resolved;
    * what it names is a regular file (or, with ``folder=True``, a folder): never a named pipe,
      which would block the build forever, nor a device, nor a folder named ``x.md``.

    .. versionadded:: 0.1
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._root_text = str(self.root)

    def resolve(
        self, ref: str, *, referrer: str | Path | None = None, folder: bool = False
    ) -> Path:
        """Return the absolute path of ``ref`` inside the root, or raise MissingResourceError.

        The error names ``referrer`` (the file that mentions ``ref``), or the anthology folder.
        """
        where = referrer if referrer is not None else f"{self.root.name}/"
        if "://" in ref or ref.startswith(("/", "\\", "data:", "file:")) or "\0" in ref:
            raise MissingResourceError(where, ref, "is not a path inside the anthology folder")
        candidate, mode = self._locate(ref, where)
        problem = _kind_problem(mode, folder=folder)
        if problem:
            raise MissingResourceError(where, ref, problem, hint=NOT_A_FILE_HINT)
        return candidate

    def _locate(self, ref: str, where: str | Path) -> tuple[Path, int]:
        """The real path of ``ref`` and its mode (after links), refused when it leaves the root.

        The common case, a path without links or ``..``, costs one ``lstat`` per component of
        ``ref``: the root is already resolved, so nothing above it needs to be looked at again.
        """
        parts = [part for part in ref.split("/") if part not in ("", ".")]
        if ".." not in parts:
            current = self._root_text
            try:
                mode = os.lstat(current).st_mode
                for part in parts:
                    current = os.path.join(current, part)
                    mode = os.lstat(current).st_mode
                    if stat.S_ISLNK(mode):
                        break
                else:
                    return Path(current), mode
            except (FileNotFoundError, NotADirectoryError):
                raise MissingResourceError(
                    where, ref, f"does not exist in {self.root.name}/"
                ) from None
            except OSError as exc:
                raise MissingResourceError(where, ref, f"cannot be read ({exc.strerror})") from None
        # A link or '..' on the way: resolve everything, then check where it ends.
        try:
            candidate = (self.root / ref).resolve()
        except (OSError, RuntimeError):  # RuntimeError: a loop of links, before Python 3.13
            raise MissingResourceError(where, ref, "is a loop of symbolic links") from None
        if not candidate.is_relative_to(self.root):
            raise MissingResourceError(
                where, ref, _outside_reason(self.root, ref), hint=NOT_A_FILE_HINT
            )
        try:
            return candidate, candidate.stat().st_mode
        except (FileNotFoundError, NotADirectoryError):
            raise MissingResourceError(where, ref, f"does not exist in {self.root.name}/") from None
        except OSError as exc:
            raise MissingResourceError(where, ref, f"cannot be read ({exc.strerror})") from None


#: How to fix a path the build will not read.
NOT_A_FILE_HINT = (
    "replace it with an ordinary file inside the anthology folder (the build reads no link that "
    "leads out of the folder, no named pipe and no device)"
)


def _outside_reason(root: Path, ref: str) -> str:
    """Say whether ``ref`` leaves the folder by ``..`` or through a symbolic link."""
    current = root
    for part in Path(ref).parts:
        if part == "..":
            return "points outside the anthology folder"
        current = current / part
        if current.is_symlink():
            target = "folder" if current.is_dir() else "file"
            if current.name != Path(ref).name:
                return (
                    f"goes through {current.relative_to(root).as_posix()!r}, a link to a "
                    "folder outside the anthology folder"
                )
            return f"is a link to a {target} outside the anthology folder"
    return "points outside the anthology folder"


def _kind_problem(mode: int, *, folder: bool) -> str:
    """Why a file of this mode is not what the build may read ('' when it is)."""
    if folder:
        return "" if stat.S_ISDIR(mode) else "is not a folder"
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    return "is not a regular file"


def read_text(path: Path, *, display: str | Path | None = None) -> str:
    """Read a UTF-8 text file into text every importer can trust.

    The file is opened without blocking and refused unless it is a regular file (a named pipe
    would hang the build); line endings are normalised to LF (so a CRLF checkout builds the same
    bytes); a byte-order mark is dropped; and the text is refused, with the line and column,
    when it is not UTF-8 or holds a character no source may contain (see :mod:`._text`).
    """
    name = display if display is not None else path
    data = _read_regular_file(path, name)
    text = normalize_newlines(decode_utf8(data, name).removeprefix("\ufeff"))
    refuse_bad_characters(data, text, name)
    return text


def decode_utf8(data: bytes, name: str | Path | None) -> str:
    """``data`` as text, or an error naming the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInputError(
            name,
            [f"line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x})"],
            hint="save the file with the UTF-8 encoding (most editors offer it in 'Save as')",
        ) from None


def refuse_bad_characters(data: bytes, text: str, name: str | Path | None) -> None:
    """Refuse ``text`` (decoded from ``data``) if it holds a character no source may contain.

    The bytes are scanned first (fast): only a file that may hold one pays for the text scan.
    """
    if not may_hold_bad_bytes(data):
        return
    index = bad_char_in_text(text)
    if index is not None:
        line, column = position(text, index)
        raise InvalidInputError(
            name,
            [f"line {line}, column {column}: {describe_char(text[index])} is not allowed"],
            hint=BAD_TEXT_HINT,
        )


def read_bytes(path: Path, *, display: str | Path | None = None) -> bytes:
    """The bytes of ``path``, refused unless it is a regular file (never blocks on a pipe)."""
    return _read_regular_file(path, display if display is not None else path)


def _read_regular_file(path: Path, name: str | Path) -> bytes:
    # O_NONBLOCK: opening a named pipe must not wait for a writer; fstat then refuses it.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise InvalidInputError(name, ["file not found"], hint="check the path") from None
    except IsADirectoryError:
        raise InvalidInputError(name, ["is a folder, not a file"]) from None
    except OSError as exc:
        raise InvalidInputError(name, [f"cannot be read ({exc.strerror})"]) from exc
    problem = _kind_problem(os.fstat(descriptor).st_mode, folder=False)
    if problem:
        os.close(descriptor)
        raise InvalidInputError(name, [problem], hint=NOT_A_FILE_HINT)
    with os.fdopen(descriptor, "rb") as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise InvalidInputError(name, [f"cannot be read ({exc.strerror})"]) from exc
