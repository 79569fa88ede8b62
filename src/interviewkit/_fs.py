"""File-system helpers: the sandboxed resource resolver, safe reads and atomic writes.

Two rules live here so no other module has to get them right again: resources load only from the
source folder (no absolute paths, no ``..``, no symlink that points out of it), and outputs appear
all at once (written beside the target, then renamed) or not at all.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from interviewkit.errors import InvalidInputError, MissingResourceError, OutputError

__all__ = ["ResourceResolver", "atomic_output", "read_text"]


class ResourceResolver:
    """Resolves paths written in the content against the source folder, and nowhere else.

    .. versionadded:: 0.1
    """

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def resolve(self, ref: str, *, referrer: str | Path | None = None) -> Path:
        """Return the absolute path of ``ref`` inside the root, or raise MissingResourceError."""
        if "://" in ref or ref.startswith(("/", "\\", "data:", "file:")):
            raise MissingResourceError(referrer, ref, "is not a path inside the anthology folder")
        candidate = (self.root / ref).resolve()
        if not candidate.is_relative_to(self.root):
            raise MissingResourceError(referrer, ref, "points outside the anthology folder")
        if not candidate.is_file():
            raise MissingResourceError(referrer, ref, f"does not exist in {self.root.name}/")
        return candidate


def read_text(path: Path, *, display: str | Path | None = None) -> str:
    """Read a UTF-8 text file, with an error that names the line of the first bad byte."""
    name = display if display is not None else path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInputError(name, ["file not found"], hint="check the path") from None
    except IsADirectoryError:
        raise InvalidInputError(name, ["is a folder, not a file"]) from None
    except OSError as exc:
        raise InvalidInputError(name, [f"cannot be read ({exc.strerror})"]) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInputError(
            name,
            [f"line {line}: not valid UTF-8 (byte 0x{data[exc.start]:02x})"],
            hint="save the file with the UTF-8 encoding (most editors offer it in 'Save as')",
        ) from None
    return text.removeprefix("\ufeff")


@contextlib.contextmanager
def atomic_output(target: Path, *, directory: bool) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` at once.

    On any exception the temporary path is removed and ``target`` is left as it was, so a failed
    build never leaves a half-written book behind.
    """
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as exc:
        raise OutputError(parent, exc.strerror or str(exc)) from exc
    temporary = work / target.name
    try:
        if directory:
            temporary.mkdir()
        yield temporary
        _replace(temporary, target)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _replace(temporary: Path, target: Path) -> None:
    try:
        if target.is_dir() and not target.is_symlink():
            # A directory cannot be replaced atomically by rename; move the old one aside first
            # so that the window without a complete output is a single rename long.
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            target.rename(old)
            try:
                temporary.rename(target)
            except OSError:
                old.rename(target)
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(temporary, target)
    except OSError as exc:
        raise OutputError(target, exc.strerror or str(exc)) from exc
