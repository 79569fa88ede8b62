"""Writing outputs: all at once or not at all, and never over something the build did not write.

Every output of every command goes through :func:`atomic_output`, so the rules live here once:

- an output is written into a private temporary folder beside its target, then renamed into
  place; a failure, an interruption or a kill leaves the target as it was;
- a target that is, or resolves to, a file the build reads is refused (:func:`check_target`,
  called for every output before anything is built, and again just before the rename);
- the build never writes through a symbolic link, never removes a folder where a file goes (or
  a file where a folder goes), and replaces a folder only if it carries :data:`MARKER`, the
  stamp every folder output gets: a folder the user made is never deleted;
- a temporary folder is named after its process (``.<name>.<pid>.<random>.interviewkit-tmp``)
  and locked while in use; the next write into the same folder removes those whose process is
  gone and whose lock is free (a build killed with SIGKILL cannot clean up after itself), never
  one of a build still running;
- the write errors a user can fix (disk full, read-only folder, quota, permissions, file too
  large) become an :class:`~interviewkit.errors.OutputError` naming the output and the cause.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from interviewkit.errors import OutputError

__all__ = ["MARKER", "WriteAll", "atomic_output", "check_target", "output_error"]

#: Stamp file in every folder output: the build replaces a folder only if it holds one.
MARKER = ".interviewkit-build"
_MARKER_TEXT = (
    "This folder was written by 'interviewkit build', which replaces it whole at the next "
    "build.\nFiles added here are deleted then: keep your own files elsewhere.\n"
)
_TEMP_SUFFIX = ".interviewkit-tmp"
#: A folder output that is being replaced by a concurrent build is retried this many times.
_ATTEMPTS = 8

#: Errors that can only come from writing, and that the user fixes outside interviewkit.
_WRITE_ERRNOS = frozenset(
    {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG, errno.EACCES, errno.EPERM, errno.EIO}
)
#: Errors that reading can give too: translated only when they name a path in the output folder.
_AMBIGUOUS = frozenset({errno.EACCES, errno.EPERM, errno.EIO})
_HINTS = {
    errno.ENOSPC: "free some space on that disk, or choose another output folder with -o",
    errno.EDQUOT: "free some space (your disk quota is used up), or choose another output "
    "folder with -o",
    errno.EROFS: "that folder is on a read-only file system: choose another output folder with -o",
    errno.EFBIG: "the file system (or a resource limit) refuses files this large: choose "
    "another output folder with -o",
}


def output_error(target: Path, exc: OSError) -> OutputError | None:
    """The :class:`OutputError` for a failed write of ``target``, or ``None`` if not a write error.

    Only errors that say something about the output folder are translated (disk full,
    read-only, quota, permissions, file too large, I/O error): anything else is a bug and keeps
    its traceback.
    """
    if exc.errno not in _WRITE_ERRNOS:
        return None
    if exc.errno in _AMBIGUOUS and exc.filename is not None:
        # Permission denied on a file outside the output folder is a read, not a write.
        written = Path(os.fsdecode(exc.filename)).parent.resolve()
        if not written.is_relative_to(target.parent.resolve()):
            return None
    reason = exc.strerror or os.strerror(exc.errno or 0)
    reason = reason[:1].lower() + reason[1:]
    hint = _HINTS.get(exc.errno or 0, "")
    if exc.errno in (errno.EACCES, errno.EPERM):
        hint = "choose another output folder with -o, or fix its permissions"
    return OutputError(target, reason, hint=hint)


def check_target(target: Path, *, directory: bool, protected: Collection[Path] = ()) -> None:
    """Raise :class:`OutputError` if writing ``target`` could destroy what the build did not write.

    :param directory: whether the output is a folder (else a file).
    :param protected: resolved paths of the files the build reads.
    """
    if target.is_symlink():
        raise OutputError(
            target,
            f"it is a symbolic link (to {os.readlink(target)}); the build does not write "
            "through links, nor replace them",
            hint="remove the link, or choose another output folder with -o",
        )
    resolved = target.parent.resolve() / target.name
    for path in protected:
        if path == resolved or (directory and path.is_relative_to(resolved)):
            what = "is" if path == resolved else "holds"
            raise OutputError(
                target,
                f"it {what} {path}, which this build reads; the build never writes over its "
                "own input",
                hint="choose another output folder with -o",
            )
    if directory:
        if _is_other_than_folder(target):
            raise OutputError(
                target,
                "it is a file, and this output is a folder; the build does not remove it",
                hint="move or rename the file, or choose another output folder with -o",
            )
        if not _written_by_a_build(target):
            raise OutputError(
                target,
                f"this folder was not written by interviewkit (it has no {MARKER} file), and "
                "the build replaces only the folders it wrote",
                hint="move or rename the folder, or choose another output folder with -o "
                "(a folder written by an older interviewkit can be deleted by hand)",
            )
    elif target.is_dir():
        raise OutputError(
            target,
            "it is a folder, and this output is a file; the build does not remove it",
            hint="move or rename the folder, or choose another output folder with -o",
        )


def _is_other_than_folder(path: Path) -> bool:
    """Whether something that is not a folder stands at ``path``, in one look.

    Two looks (exists, then is_dir) could see a folder that a build running at the same time
    moves aside in between, and take it for a file.
    """
    try:
        return not stat.S_ISDIR(os.lstat(path).st_mode)
    except FileNotFoundError:
        return False


def _written_by_a_build(folder: Path) -> bool:
    """Whether ``folder`` is absent, empty, or stamped by a build.

    A build replacing the folder at the same time moves the old one aside and deletes it, so a
    listing may catch a folder half deleted (its stamp gone, other files not yet): a listing
    counts only if the same folder is still at ``folder`` once it is read.
    """
    for _ in range(_ATTEMPTS):
        try:
            before = os.stat(folder, follow_symlinks=False)
            names = os.listdir(folder)
            after = os.stat(folder, follow_symlinks=False)
        except (FileNotFoundError, NotADirectoryError):
            return True
        except OSError as exc:
            raise (output_error(folder, exc) or OutputError(folder, str(exc))) from exc
        if (before.st_dev, before.st_ino) == (after.st_dev, after.st_ino):
            return not names or MARKER in names
    return False


@contextlib.contextmanager
def atomic_output(
    target: Path, *, directory: bool, protected: Collection[Path] = ()
) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` at once.

    On any exception (an interruption included) the temporary folder is removed and ``target``
    is left as it was, so a failed build never leaves a half-written book behind.

    :param directory: the output is a folder: the temporary path is an empty folder, and the
        folder gets the :data:`MARKER` stamp before it is moved into place.
    :param protected: resolved paths of the files the build reads; see :func:`check_target`.
    """
    check_target(target, directory=directory, protected=protected)
    parent = target.parent
    work: Path | None = None
    lock: int | None = None
    try:
        with _signals_held():  # a Ctrl-C cannot land between the folder's creation and `work =`
            try:
                parent.mkdir(parents=True, exist_ok=True)
                _sweep(parent)
                work = Path(
                    tempfile.mkdtemp(
                        prefix=f".{target.name}.{os.getpid()}.", suffix=_TEMP_SUFFIX, dir=parent
                    )
                )
                lock = _lock(work)
            except OSError as exc:
                raise (output_error(parent, exc) or OutputError(parent, str(exc))) from exc
        temporary = work / target.name
        if directory:
            temporary.mkdir()
        yield temporary
        try:
            if directory:
                (temporary / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
            _replace(temporary, target, work, directory=directory, protected=protected)
        except OSError as exc:
            raise (output_error(target, exc) or OutputError(target, str(exc))) from exc
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        if lock is not None:
            os.close(lock)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (where the platform can) for a few system calls."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _replace(
    temporary: Path, target: Path, work: Path, *, directory: bool, protected: Collection[Path]
) -> None:
    """Move ``temporary`` to ``target``, checking ``target`` again just before."""
    if not directory:
        check_target(target, directory=False, protected=protected)
        os.replace(temporary, target)
        return
    # A folder cannot be replaced by one rename: the old one is moved into this build's own
    # temporary folder (removed with it), then the new one takes its place.  A build running
    # at the same time may put its own folder in between: moved aside too, and tried again.
    for attempt in range(_ATTEMPTS):
        check_target(target, directory=True, protected=protected)
        previous = work / f"previous-{attempt}"
        # None yet, or a build running at the same time has just moved it aside.
        with contextlib.suppress(FileNotFoundError):
            target.rename(previous)
        try:
            temporary.rename(target)
            return
        except OSError as exc:
            if previous.exists():
                with contextlib.suppress(OSError):
                    previous.rename(target)
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST) or attempt == _ATTEMPTS - 1:
                raise


def _lock(work: Path) -> int | None:
    """Hold a lock on ``work`` while this process uses it (released even on SIGKILL)."""
    if sys.platform == "win32":  # pragma: no cover - no flock; temporaries are never swept
        return None
    import fcntl

    descriptor = os.open(work, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def _sweep(parent: Path) -> None:
    """Remove the temporary folders in ``parent`` left by builds that were killed."""
    if sys.platform == "win32":  # pragma: no cover - no flock to tell a live build from a dead one
        return
    import fcntl

    for entry in os.scandir(parent):
        pid = _owner(entry.name)
        if pid is None or _alive(pid) or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            descriptor = os.open(entry.path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(descriptor)  # locked: a build still running (in another PID namespace)
            continue
        try:
            shutil.rmtree(entry.path, ignore_errors=True)
        finally:
            os.close(descriptor)


def _owner(name: str) -> int | None:
    """The process id in the name of one of our temporary folders, else ``None``."""
    if not (name.startswith(".") and name.endswith(_TEMP_SUFFIX)):
        return None
    parts = name.removesuffix(_TEMP_SUFFIX).rsplit(".", 2)
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    return int(parts[1])


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


class WriteAll(io.RawIOBase):
    """A file that writes every byte it is given, or raises ``OSError``.

    Given a real file, qpdf ends the whole process (``std::terminate``, exit 134) when a write
    fails half-way, on a full disk say; given a Python stream whose ``write`` raises, it
    raises the ``OSError`` back, which the build reports as "no space left on device".
    """

    def __init__(self, file: BinaryIO) -> None:
        super().__init__()
        self._file = file

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        size = view.nbytes
        while view:
            view = view[self._file.write(view) :]
        return size
