"""Faults end cleanly: disk full, read-only folder, SIGTERM, SIGINT, SIGKILL, concurrent builds.

Each fault ends with exit status 2 and its real cause, no partial file at an output path, no
temporary left behind after the next build, and the other formats built where they can be.

A full or read-only disk is a small ``tmpfs`` mounted inside ``tmp_path`` (the tests run as
root, as CI does); where mounting is not permitted they are skipped with the reason, and a file
size limit (``RLIMIT_FSIZE``, which needs no privilege) still exercises the same path.  Builds
that are signalled or killed run in child processes, with a toy format (installed through a
real entry point) that writes half its file and waits to be told to finish.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import interviewkit
from interviewkit.cli import main

Capture = pytest.CaptureFixture[str]

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "makers-at-work"
NAME = "makers-at-work"

WAITING_PLUGIN = '''\
"""A toy format that writes half its file, says so, and waits to be told to finish."""

import os
import time
from pathlib import Path

from interviewkit import ExportResult, NoOptions, hookimpl


class WaitingExporter:
    name = "waiting"
    suffix = ".waiting"
    media_type = "text/plain"
    output = "file"
    description = "toy: waits for a go file"
    Options = NoOptions

    def export(self, anthology, *, options, target, context):
        target.write_text("the first half of the bo", encoding="utf-8")
        Path(os.environ["IK_TEST_READY"]).write_text(str(os.getpid()), encoding="utf-8")
        go = Path(os.environ["IK_TEST_GO"])
        deadline = time.monotonic() + 60
        while not go.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        target.write_text("the whole book", encoding="utf-8")
        return ExportResult(format_name=self.name, path=target, files=(Path(target.name),))


@hookimpl
def interviewkit_register_exporters(registry):
    registry.add(WaitingExporter)
'''


def entries(folder: Path) -> list[str]:
    """The names in ``folder``, hidden ones included, sorted."""
    return sorted(path.name for path in folder.iterdir())


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A writable copy of the English example (it has an image)."""
    target = tmp_path / "src" / NAME
    shutil.copytree(EXAMPLE, target)
    return target


def _mount(point: Path, options: str) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("a tmpfs is mounted to simulate a full or read-only disk: Linux only")
    if not shutil.which("mount"):
        pytest.skip("no 'mount' command to mount a tmpfs and simulate a full or read-only disk")
    point.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): {done.stderr}")


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """An empty tmpfs of 1 MiB mounted inside ``tmp_path``, unmounted after the test."""
    point = tmp_path / "disk"
    _mount(point, "size=1m")
    yield point
    subprocess.run(["umount", "-l", str(point)], check=False)


def fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` until only ``leave`` bytes are free."""
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * (free - leave))


@pytest.fixture
def waiting(tmp_path: Path) -> dict[str, str]:
    """Environment of a child build that has the toy ``waiting`` format installed."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "ik_waiting_toy.py").write_text(WAITING_PLUGIN, encoding="utf-8")
    info = site / "ik_waiting_toy-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: ik-waiting-toy\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[interviewkit]\nwaiting = ik_waiting_toy\n", encoding="utf-8"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(site), env.get("PYTHONPATH")]))
    env["IK_TEST_READY"] = str(tmp_path / "ready")
    env["IK_TEST_GO"] = str(tmp_path / "go")
    env.pop("CI", None)
    env["COLUMNS"] = "200"
    return env


_started: list[subprocess.Popen[str]] = []


@pytest.fixture(autouse=True)
def _no_child_left() -> Iterator[None]:
    """A child build still running when a test ends (it failed) is killed."""
    yield
    while _started:
        child = _started.pop()
        if child.poll() is None:
            child.kill()
        try:
            child.communicate(timeout=10)
        except subprocess.TimeoutExpired:  # processes it orphaned hold its pipes open
            for pipe in (child.stdout, child.stderr):
                if pipe is not None:
                    pipe.close()
            child.wait()


def start(env: dict[str, str], *argv: str) -> subprocess.Popen[str]:
    """Start ``interviewkit ARGV`` in a child process."""
    child = subprocess.Popen(
        [sys.executable, "-m", "interviewkit", *argv],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _started.append(child)
    return child


def wait_for(path: Path, child: subprocess.Popen[str], timeout: float = 120) -> None:
    """Wait until ``path`` exists; fail with the child's output if it ends first."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if child.poll() is not None:
            out, err = child.communicate()
            pytest.fail(f"the build ended (status {child.returncode}) first:\n{out}\n{err}")
        if time.monotonic() > deadline:
            child.kill()
            pytest.fail(f"{path.name} never appeared")
        time.sleep(0.02)


class TestFullOrReadOnlyDisk:
    """A disk that refuses writes: the cause is named, what fits is built, nothing is left."""

    def test_disk_full_names_the_cause_and_builds_what_fits(
        self, source: Path, disk: Path, capsys: Capture
    ):
        """The JSON fits, the HTML does not: exit 2, "no space left on device", no leftovers."""
        out = disk / "out"
        out.mkdir()
        fill(disk, 24 * 1024)  # the JSON needs 16 KiB, the HTML 32 KiB
        code = main(["build", str(source), "-f", "json", "-f", "html", "-o", str(out), "-q"])
        err = capsys.readouterr().err
        assert code == 2
        assert f"cannot write {out / NAME}.html: no space left on device" in err
        assert "INTERVIEWKIT_DISABLE_PLUGINS" not in err
        assert entries(out) == [f"{NAME}.json"]
        assert interviewkit.load(out / f"{NAME}.json").title

    def test_read_only_folder_names_the_cause_and_keeps_the_old_books(
        self, source: Path, disk: Path, capsys: Capture
    ):
        """A read-only output folder: exit 2, "read-only file system" naming it, old books kept."""
        out = disk / "out"
        formats = ["-f", "json", "-f", "html-site"]
        assert main(["build", str(source), *formats, "-o", str(out), "-q"]) == 0
        before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        (source / "anthology.toml").write_text(
            (source / "anthology.toml").read_text(encoding="utf-8").replace("Makers", "Menders"),
            encoding="utf-8",
        )
        code = main(["build", str(source), *formats, "-o", str(out), "-q"])
        err = capsys.readouterr().err
        assert code == 2
        assert f"cannot write {out}: read-only file system" in err
        assert {path: path.read_bytes() for path in out.rglob("*") if path.is_file()} == before

    def test_file_size_limit_names_the_cause(self, source: Path, tmp_path: Path):
        """Under RLIMIT_FSIZE (no privilege) the HTML fails with its cause, the JSON is built."""
        resource = pytest.importorskip("resource")
        del resource
        out = tmp_path / "out"
        script = (
            "import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_FSIZE, (20000, 20000))\n"
            "from interviewkit.cli import main\n"
            "sys.exit(main(sys.argv[1:]))\n"
        )
        argv = ["build", str(source), "-f", "json", "-f", "html", "-o", str(out), "-q"]
        done = subprocess.run(
            [sys.executable, "-c", script, *argv],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "COLUMNS": "200"},
        )
        assert done.returncode == 2, done.stderr
        assert f"cannot write {out / NAME}.html: file too large" in done.stderr
        assert entries(out) == [f"{NAME}.json"]

    @pytest.mark.slow
    def test_pdf_on_a_full_disk_is_an_error_not_an_abort(
        self, source: Path, disk: Path, tmp_path: Path
    ):
        """qpdf's native abort on a failed write becomes exit 2 with the cause; nothing is left."""
        out = disk / "out"
        out.mkdir()
        fill(disk, 64 * 1024)  # the parts fit, the book does not
        pdf_to = ["-f", "pdf", "-o", str(out), "-q"]
        log = tmp_path / "stderr.txt"
        with log.open("w", encoding="utf-8") as stderr:
            # A file, not a pipe: processes orphaned by an abort would hold a pipe open.
            done = subprocess.run(
                [sys.executable, "-m", "interviewkit", "build", str(source), *pdf_to],
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                check=False,
                timeout=300,
                env={**os.environ, "COLUMNS": "200"},
            )
        err = log.read_text(encoding="utf-8")
        assert done.returncode == 2, err
        assert f"cannot write {out / NAME}.pdf: no space left on device" in err
        assert entries(out) == []


class TestSignals:
    """SIGTERM, SIGINT and SIGKILL in the middle of a build."""

    @pytest.mark.parametrize(
        ("signum", "name"), [(signal.SIGTERM, "SIGTERM"), (signal.SIGINT, "SIGINT")]
    )
    def test_terminated_build_cleans_up_and_exits_2(
        self,
        source: Path,
        tmp_path: Path,
        waiting: dict[str, str],
        signum: signal.Signals,
        name: str,
    ):
        """A signalled build exits 2 with one line; the finished format stays, no temporaries."""
        out = tmp_path / "out"
        child = start(waiting, "build", str(source), "-f", "json", "-f", "waiting", "-o", str(out))
        wait_for(tmp_path / "ready", child)
        child.send_signal(signum)
        _, err = child.communicate(timeout=60)
        assert child.returncode == 2, err
        assert err.strip().splitlines()[-1] == (
            f"error: interrupted ({name}); the outputs not finished were not written"
        )
        assert "Traceback" not in err
        assert entries(out) == [f"{NAME}.json"]

    def test_killed_build_leaves_temporaries_the_next_build_sweeps(
        self, source: Path, tmp_path: Path, waiting: dict[str, str]
    ):
        """After SIGKILL no partial output; the next build removes the dead build's temporary.

        The temporary of a build still running is left alone, and that build succeeds.
        """
        out = tmp_path / "out"
        killed = start(waiting, "build", str(source), "-f", "waiting", "-o", str(out))
        wait_for(tmp_path / "ready", killed)
        killed.kill()
        killed.communicate()
        assert f"{NAME}.waiting" not in entries(out)
        (dead_temporary,) = entries(out)
        (tmp_path / "ready").unlink()
        running = start(waiting, "build", str(source), "-f", "waiting", "-o", str(out))
        wait_for(tmp_path / "ready", running)
        report = interviewkit.build(source, ["json"], out)
        assert report.ok
        names = entries(out)
        assert dead_temporary not in names
        assert len(names) == 2  # the JSON, and the running build's temporary
        (tmp_path / "go").touch()
        running.communicate(timeout=60)
        assert running.returncode == 0
        assert entries(out) == [f"{NAME}.json", f"{NAME}.waiting"]
        assert (out / f"{NAME}.waiting").read_text(encoding="utf-8") == "the whole book"

    @pytest.mark.slow
    def test_sigterm_during_a_pdf_ends_the_rendering_processes(self, source: Path, tmp_path: Path):
        """SIGTERM while the PDF is laid out: exit 2 quickly, no PDF, no parts left anywhere."""
        out = tmp_path / "out"
        env = {**os.environ, "COLUMNS": "200"}
        child = start(env, "build", str(source), "-f", "pdf", "-O", "pdf.jobs=2", "-o", str(out))
        deadline = time.monotonic() + 60
        while not any(out.glob("*/.pdf-parts-*")) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)  # the rendering processes are laying the parts out
        child.send_signal(signal.SIGTERM)
        started = time.monotonic()
        _, err = child.communicate(timeout=60)
        assert time.monotonic() - started < 15
        assert child.returncode == 2, err
        assert "interrupted (SIGTERM)" in err
        assert entries(out) == []


def children_of(pid: int) -> list[int]:
    """The processes ``pid`` started (Linux), or an empty list where that cannot be read."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    except OSError:
        return []
    return [int(number) for number in text.split()]


@pytest.mark.slow
def test_killed_pdf_build_leaves_no_rendering_process(source: Path, tmp_path: Path):
    """After SIGKILL of a PDF build, its rendering processes end too; the next build sweeps."""
    out = tmp_path / "out"
    env = {**os.environ, "COLUMNS": "200"}
    child = start(env, "build", str(source), "-f", "pdf", "-O", "pdf.jobs=2", "-o", str(out))
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:  # resource tracker + workers
        workers = children_of(child.pid)
        time.sleep(0.01)
    if not workers:
        pytest.skip("cannot list a process's children here (/proc)")
    child.kill()
    child.communicate()
    try:
        deadline = time.monotonic() + 20
        while any(Path(f"/proc/{pid}").exists() for pid in workers):
            assert time.monotonic() < deadline, "rendering processes outlived the build"
            time.sleep(0.05)
    finally:
        for pid in workers:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
    assert interviewkit.build(source, ["json"], out).ok
    assert entries(out) == [f"{NAME}.json"]


def test_builds_into_the_same_folder_at_once_all_succeed(source: Path, tmp_path: Path):
    """Concurrent builds of the same anthology into one folder all succeed, and leave one tree.

    Threads in one process replace the folder output often enough to meet each other; then
    processes, as two users would.
    """
    out = tmp_path / "out"
    failures: list[str] = []

    def build_often() -> None:
        for _ in range(10):
            report = interviewkit.build(source, ["json", "html-site"], out)
            failures.extend(str(failure) for failure in report.failures)

    threads = [threading.Thread(target=build_often) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert entries(out) == [f"{NAME}-html-site", f"{NAME}.json"]
    env = {**os.environ, "COLUMNS": "200"}
    for _ in range(4):
        children = [
            start(env, "build", str(source), "-f", "json", "-f", "html-site", "-o", str(out), "-q")
            for _ in range(3)
        ]
        for child in children:
            _, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
    assert entries(out) == [f"{NAME}-html-site", f"{NAME}.json"]
    assert (out / f"{NAME}-html-site" / "index.html").is_file()
