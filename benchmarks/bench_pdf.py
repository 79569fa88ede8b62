"""PDF benchmark: interviewkit's ``pdf`` format against ``pandoc --pdf-engine=weasyprint``.

For each size N (40 and 160 portraits by default) the synthetic anthology of
``benchmarks/synth.py`` is generated once into ``bench-out/`` and reused.  The same content is
written, untimed, as one Markdown file for pandoc (portrait titles as level-1 headings, the
lede, each question as a level-2 heading followed by its answer; front and back matter too).
Then both are timed as child processes, one after the other:

* ``python -m interviewkit build FOLDER -f pdf`` (default options: tagged PDF, A5);
* ``pandoc book.md -s --pdf-engine=weasyprint --css plain.css``: pandoc's HTML with a plain
  print stylesheet (:data:`PANDOC_CSS`: the same page size, margins, fonts, justification and
  hyphenation as interviewkit's default, nothing else: no running heads, contents, tags or
  chunks); the ``weasyprint`` executable of this interpreter's environment is put first on
  ``PATH``.

Figures: wall time; peak memory as the largest resident set of any single process of the run
(``/usr/bin/time -v`` when available, else ``getrusage(RUSAGE_CHILDREN)`` in a fresh helper
process per run), and also the peak of the *sum* of the run's processes, sampled every 50 ms from
``/proc`` (interviewkit renders in several processes at once); the output file size; and the
ratios interviewkit / pandoc.  Targets (issue 16): at N = 160, time <= 0.65, peak memory
(largest process) <= 0.4 and size <= 1.4; at N = 40, time <= 0.8.

Run it with ``python benchmarks/run.py --only pdf`` or ``python benchmarks/bench_pdf.py``; the
160-portrait pandoc run takes minutes.  Nothing runs at import time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

NAME = "pdf"
DEFAULT_SIZES = (40, 160)
#: size -> {figure: maximum ratio interviewkit / pandoc}
TARGETS: dict[int, dict[str, float]] = {
    160: {"time": 0.65, "memory": 0.4, "size": 1.4},
    40: {"time": 0.8},
}

_HERE = Path(__file__).resolve().parent
DEFAULT_OUT = _HERE.parent / "bench-out"
_TIME = Path("/usr/bin/time")

#: The plain print stylesheet given to pandoc: interviewkit's page and text, nothing more.
PANDOC_CSS = """
@page { size: 148mm 210mm; margin: 16mm 14mm 20mm 18mm;
        @bottom-center { content: counter(page); font: 8.5pt "Noto Sans", sans-serif; } }
html { font-family: "Charis SIL", "Noto Serif", serif; font-size: 10pt; line-height: 1.38; }
body { margin: 0; padding: 0; max-width: none; font-size: 10pt; }
h1, h2, h3 { font-family: "Noto Sans", sans-serif; break-after: avoid; }
h1 { break-before: page; font-size: 17pt; }
h2 { font-size: 10pt; }
p { text-align: justify; hyphens: auto; widows: 2; orphans: 2; }
"""
_RUSAGE_HELPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:]).returncode
elapsed = time.perf_counter() - start
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"IKBENCH {code} {elapsed} {kib}", file=sys.stderr)
"""


def _synth() -> Any:
    """The sibling ``synth`` module (``benchmarks/`` is not a package)."""
    if str(_HERE) not in sys.path:
        sys.path.insert(0, str(_HERE))
    import synth

    return synth


def pandoc_markdown(folder: Path) -> str:
    """The anthology as one Markdown document with the same text as the PDF book.

    Front matter, then per portrait: title, subject line, byline, lede, questions and answers,
    and the links under it (follow, other portraits, further reading, source, with their
    addresses, as the book prints them); then the back matter.
    """
    import interviewkit
    from interviewkit.render.labels import format_date, labels_for

    anthology = interviewkit.load(folder)
    labels = labels_for(anthology.language)
    meta = {"title": anthology.title, "lang": anthology.language}
    if anthology.subtitle:
        meta["subtitle"] = anthology.subtitle
    lines = ["---", *(f"{key}: {json.dumps(value)}" for key, value in meta.items()), "---", ""]
    for section in anthology.front_matter:
        lines += [f"# {section.title}", "", str(section.body), ""]
    ids = {portrait.id for portrait in anthology.portraits}
    for portrait in anthology.portraits:
        subject = portrait.subject
        lines += [f"# {portrait.title}", ""]
        line = f"**{subject.name}**" + (f", {subject.role}" if subject.role else "")
        if subject.affiliations:
            line += f" ({', '.join(subject.affiliations)})"
        lines += [line, ""]
        interviewers = anthology.interviewers_of(portrait)
        byline = []
        if interviewers:
            names = ", ".join(person.name for person in interviewers)
            byline.append(labels["interview_by"].format(names=names))
        if portrait.date is not None:
            date = format_date(
                portrait.date.day, portrait.date.month, portrait.date.year, anthology.language
            )
            byline.append(labels["published"].format(date=date))
        if byline:
            lines += [" · ".join(byline), ""]
        lines += [str(portrait.lede), ""]
        for exchange in portrait.interview.exchanges:
            lines += [f"## {exchange.question}", ""]
            lines += [line for answer in exchange.answers for line in (str(answer.text), "")]
        if portrait.follow:
            lines += [f"### {labels['follow'].format(name=subject.name.split()[0])}", ""]
            lines += [f"- {link.label} {link.url}" for link in portrait.follow] + [""]
        if portrait.related:
            lines += [f"### {labels['related']}", ""]
            for entry in portrait.related:
                # As the book prints it: "name / affiliation", and the address of an outside one.
                label = entry.name + (f" / {entry.affiliation}" if entry.affiliation else "")
                inside = entry.portrait in ids
                outside = entry.url is not None and not inside
                lines.append(f"- {label} {entry.url}" if outside else f"- {label}")
            lines.append("")
        if portrait.reading:
            lines += [f"### {labels['reading']}", ""]
            lines += [f"- {link.label} {link.url}" for link in portrait.reading] + [""]
        first = portrait.credits.first_published
        if first is not None and first.url:
            lines += [f"{labels['source']} {first.url}", ""]
    for section in anthology.back_matter:
        lines += [f"# {section.title}", "", str(section.body), ""]
    return "\n".join(lines)


class _TreeSampler:
    """Peak of the summed resident memory of a process and its descendants (Linux ``/proc``)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_kib = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _children(self) -> dict[int, list[int]]:
        tree: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
        return tree

    def _rss_kib(self, pid: int) -> int:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return 0
        match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        return int(match.group(1)) if match else 0

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            tree = self._children()
            pending, total = [self.pid], 0
            while pending:
                pid = pending.pop()
                total += self._rss_kib(pid)
                pending.extend(tree.get(pid, ()))
            self.peak_kib = max(self.peak_kib, total)


def run_measured(
    command: Sequence[str], env: dict[str, str], cwd: Path | None = None
) -> dict[str, float]:
    """Run ``command``; wall time, largest-process peak RSS and summed-tree peak RSS (MiB)."""
    if _TIME.is_file():
        wrapped = [str(_TIME), "-v", *command]
    else:
        wrapped = [sys.executable, "-c", _RUSAGE_HELPER, *command]
    start = time.perf_counter()
    process = subprocess.Popen(
        wrapped, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    with _TreeSampler(process.pid) as sampler:
        _, stderr = process.communicate()
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({process.returncode}):\n{stderr[-2000:]}")
    if _TIME.is_file():
        match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
        peak_kib = int(match.group(1)) if match else 0
    else:
        found = re.search(r"IKBENCH (\d+) ([\d.]+) (\d+)", stderr)
        peak_kib = int(found.group(3)) if found else 0
    return {
        "time_s": elapsed,
        "peak_mib": peak_kib / 1024,
        "tree_peak_mib": sampler.peak_kib / 1024,
    }


def measure(n: int, *, out: Path, seed: int = 0, keep: bool = False) -> dict[str, Any]:
    """Both builds of the ``n``-portrait anthology; see the module docstring."""
    folder = _synth().ensure_anthology(n, out, seed=seed)
    work = Path(tempfile.mkdtemp(prefix=f"bench-pdf-{n}-", dir=out))
    try:
        markdown = work / "book.md"
        markdown.write_text(pandoc_markdown(folder), encoding="utf-8")
        css = work / "plain.css"
        css.write_text(PANDOC_CSS, encoding="utf-8")
        env = dict(os.environ)
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        env.pop("SOURCE_DATE_EPOCH", None)
        ours_dir = work / "interviewkit"
        ours = run_measured(
            [
                sys.executable,
                "-m",
                "interviewkit",
                "build",
                str(folder),
                "-f",
                "pdf",
                "-o",
                str(ours_dir),
            ],
            env,
        )
        ours_pdf = next(ours_dir.glob("*.pdf"))
        pandoc_pdf = work / "pandoc.pdf"
        theirs = run_measured(
            [
                "pandoc",
                str(markdown),
                "-s",
                "-o",
                str(pandoc_pdf),
                "--pdf-engine=weasyprint",
                f"--css={css}",
            ],
            env,
            cwd=work,  # pandoc writes its intermediate html2pdf* files in the current folder
        )
        ours["size_mb"] = ours_pdf.stat().st_size / 1e6
        theirs["size_mb"] = pandoc_pdf.stat().st_size / 1e6
        ours["pages"] = _pages(ours_pdf)
        theirs["pages"] = _pages(pandoc_pdf)
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    ratios = {
        "time": ours["time_s"] / theirs["time_s"],
        "memory": ours["peak_mib"] / theirs["peak_mib"] if theirs["peak_mib"] else float("nan"),
        "tree_memory": ours["tree_peak_mib"] / theirs["tree_peak_mib"]
        if theirs["tree_peak_mib"]
        else float("nan"),
        "size": ours["size_mb"] / theirs["size_mb"],
    }
    return {"n": n, "interviewkit": ours, "pandoc": theirs, "ratios": ratios}


def _pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def verdicts(result: dict[str, Any]) -> dict[str, str]:
    """``{figure: "PASS" | "FAIL"}`` for the targets of this size."""
    targets = TARGETS.get(result["n"], {})
    return {
        figure: "PASS" if result["ratios"][figure] <= limit else "FAIL"
        for figure, limit in targets.items()
    }


def environment() -> dict[str, Any]:
    """Interpreter, machine and tool versions printed with the figures."""
    from importlib.metadata import PackageNotFoundError, version

    versions: dict[str, str | None] = {}
    for package in ("interviewkit", "weasyprint", "pikepdf", "pypdf"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    try:
        first = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout
        versions["pandoc"] = first.splitlines()[0].split()[-1] if first else None
    except OSError:
        versions["pandoc"] = None
    return {
        "python": f"Python {platform.python_version()}",
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
        "memory_probe": "/usr/bin/time -v" if _TIME.is_file() else "getrusage(RUSAGE_CHILDREN)",
        "versions": versions,
    }


def _print_table(env: dict[str, Any], results: Sequence[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    console.print(f"{env['python']} on {env['platform']}; CPU cores: {env['cpu_count']}")
    load = ", ".join(f"{value:.1f}" for value in env["load_average"])
    console.print(f"load average before the runs: {load}; memory: {env['memory_probe']}")
    console.print("versions: " + ", ".join(f"{k} {v or '-'}" for k, v in env["versions"].items()))
    table = Table(title="interviewkit pdf vs pandoc --pdf-engine=weasyprint")
    for header in (
        "N",
        "tool",
        "pages",
        "time (s)",
        "peak RSS, largest process (MiB)",
        "peak RSS, all processes (MiB)",
        "size (MB)",
    ):
        table.add_column(header, justify="right")
    for r in results:
        for tool in ("interviewkit", "pandoc"):
            f = r[tool]
            table.add_row(
                str(r["n"]),
                tool,
                str(f["pages"]),
                f"{f['time_s']:.1f}",
                f"{f['peak_mib']:.0f}",
                f"{f['tree_peak_mib']:.0f}",
                f"{f['size_mb']:.2f}",
            )
        q = r["ratios"]
        table.add_row(
            str(r["n"]),
            "ratio",
            "",
            f"{q['time']:.2f}",
            f"{q['memory']:.2f}",
            f"{q['tree_memory']:.2f}",
            f"{q['size']:.2f}",
            end_section=True,
        )
    console.print(table)
    for r in results:
        for figure, status in verdicts(r).items():
            style = "bold green" if status == "PASS" else "bold red"
            limit = TARGETS[r["n"]][figure]
            console.print(
                f"N={r['n']} {figure}: ratio {r['ratios'][figure]:.2f} (target <= {limit}) "
                f"[{style}]{status}[/{style}]"
            )


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of integers: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be positive integers: {text!r}")
    return sizes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bench_pdf", description="Benchmark interviewkit's PDF against pandoc + WeasyPrint."
    )
    parser.add_argument("--sizes", type=_sizes, default=DEFAULT_SIZES, help="default: 40,160")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic anthologies")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: bench-out/")
    parser.add_argument("--keep", action="store_true", help="keep the PDFs and the Markdown")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target fails")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="measure each size this many times, one row each (the machine's speed drifts: "
        "quote the range)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    missing = [tool for tool in ("pandoc",) if shutil.which(tool) is None]
    if missing or not (Path(sys.executable).parent / "weasyprint").exists():
        print(
            "bench_pdf: needs pandoc on PATH and the weasyprint executable beside this "
            "interpreter (pip install -e .)",
            file=sys.stderr,
        )
        return 2
    env = environment()
    results = [
        measure(n, out=args.out, seed=args.seed, keep=args.keep)
        for n in args.sizes
        for _ in range(max(1, args.repeat))
    ]
    if args.json:
        print(json.dumps({"benchmark": NAME, "environment": env, "results": results}, indent=2))
    else:
        _print_table(env, results)
    failed = any(status == "FAIL" for r in results for status in verdicts(r).values())
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
