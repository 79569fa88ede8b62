"""File-system helpers: the sandboxed resource resolver, safe reads and atomic writes.

Two rules live here so no other module has to get them right again: resources load only from the
source folder (no absolute paths, no ``..``, no symlink that points out of it), and outputs appear
all at once (written beside the target, then renamed) or not at all (see
:mod:`interviewkit._output`).
"""

from __future__ import annotations

from pathlib import Path

from interviewkit._output import atomic_output
from interviewkit.errors import InvalidInputError, MissingResourceError

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
