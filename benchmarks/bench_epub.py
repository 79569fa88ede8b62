"""EPUB benchmark: interviewkit's ``epub`` build against pandoc on the same content.

For each size N (40 and 160 portraits by default) the synthetic anthology of
``benchmarks/synth.py`` is generated once into ``bench-out/`` and reused. Each figure is the best
wall time of ``--repeat`` runs after one untimed warm-up, every run in a fresh child process
whose peak resident memory is read from ``os.wait4`` (the kernel's ``ru_maxrss`` of that child):

* **interviewkit build**: ``python -m interviewkit build FOLDER -f epub`` (start-up, loading
  the Markdown/YAML folder, checks, rendering, packaging), with ``SOURCE_DATE_EPOCH`` fixed;
* **export only** (printed beside it): inside one child, the folder is loaded untimed, then
  ``interviewkit.build(source, ["epub"])`` is timed; what the exporter itself costs;
* **pandoc**: ``pandoc book.md -f markdown -t epub3 --toc --split-level=1`` (``--epub-chapter-
  level=1`` before pandoc 2.19) on one Markdown file written, untimed, from the loaded anthology:
  a title block, then per portrait a ``#`` title, the lede and a ``##`` heading per question
  followed by its answer (the same text as interviewkit renders).

The target is, at every size, **time ratio (ours / pandoc) <= 0.5** and a **lower peak memory**
than pandoc.  Run it with ``python benchmarks/run.py --only epub`` or directly.  Nothing runs at
import time.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

NAME = "epub"
DEFAULT_SIZES = (40, 160)
TARGET_TIME_RATIO = 0.5
EPOCH = "1700000000"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # noqa: E402 - the sibling module, found through the line above
    best_run,
    pandoc_version,
    parser,
    print_verdict,
    run,
    synth,
    write_markdown,
)

_EXPORT_ONLY = """
import json, sys, time
from interviewkit.build import build
from interviewkit.build.loading import open_source
source = open_source(sys.argv[1])
start = time.perf_counter()
report = build(source, ["epub"], sys.argv[2])
elapsed = time.perf_counter() - start
assert report.ok, report.failures
print(json.dumps({"seconds": elapsed}))
"""


def measure(n: int, *, repeat: int, out: Path, seed: int = 0) -> dict[str, Any]:
    """Figures of one size; see the module docstring."""
    import interviewkit

    folder = synth().ensure_anthology(n, out, seed=seed).resolve()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    version = pandoc_version()
    with tempfile.TemporaryDirectory(prefix="bench-epub-") as work_name:
        work = Path(work_name)
        ours = best_run(
            [
                sys.executable,
                "-m",
                "interviewkit",
                "build",
                str(folder),
                "-f",
                "epub",
                "-o",
                str(work / "ours"),
            ],
            repeat,
            env,
        )
        ours_file = next((work / "ours").glob("*.epub"))
        export = best_run(
            [sys.executable, "-c", _EXPORT_ONLY, str(folder), str(work / "export")], repeat, env
        )
        result: dict[str, Any] = {
            "n": n,
            "folder": str(folder),
            "ours_s": ours["seconds"],
            "ours_peak_mb": ours["peak_bytes"] / 1e6,
            "ours_epub_mb": ours_file.stat().st_size / 1e6,
            "export_only_s": json.loads(export["output"])["seconds"],
            "pandoc": ".".join(map(str, version)) if version else None,
        }
        if version is None:
            return result
        markdown = work / "book.md"
        write_markdown(interviewkit.load(folder), markdown)
        split = "--split-level=1" if version >= (2, 19) else "--epub-chapter-level=1"
        pandoc_out = work / "pandoc.epub"
        theirs = best_run(
            [
                "pandoc",
                str(markdown),
                "-f",
                "markdown",
                "-t",
                "epub3",
                "--toc",
                split,
                "-o",
                str(pandoc_out),
            ],
            repeat,
            env,
        )
        result.update(
            {
                "pandoc_s": theirs["seconds"],
                "pandoc_peak_mb": theirs["peak_bytes"] / 1e6,
                "pandoc_epub_mb": pandoc_out.stat().st_size / 1e6,
                "time_ratio": ours["seconds"] / theirs["seconds"],
                "memory_ratio": ours["peak_bytes"] / theirs["peak_bytes"],
            }
        )
    return result


def verdict(results: Sequence[dict[str, Any]]) -> str | None:
    """``PASS`` when every size meets both targets, ``FAIL`` otherwise, None without pandoc."""
    measured = [r for r in results if "time_ratio" in r]
    if not measured:
        return None
    ok = all(r["time_ratio"] <= TARGET_TIME_RATIO and r["memory_ratio"] < 1 for r in measured)
    return "PASS" if ok else "FAIL"


def environment() -> dict[str, Any]:
    from importlib.metadata import PackageNotFoundError, version

    versions: dict[str, str | None] = {}
    for package in ("interviewkit", "ebooklib", "markdown-it-py", "Jinja2", "lxml"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    pandoc = pandoc_version()
    versions["pandoc"] = ".".join(map(str, pandoc)) if pandoc else None
    return {
        "python": f"Python {platform.python_version()}",
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "versions": versions,
    }


def _print_table(env: dict[str, Any], results: Sequence[dict[str, Any]], repeat: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:
        console = Console(width=150)
    console.print(f"{env['python']} on {env['platform']}, {env['cpu_count']} CPU cores")
    if env["load_average"]:
        console.print("load average: " + ", ".join(f"{x:.2f}" for x in env["load_average"]))
    console.print("versions: " + ", ".join(f"{k} {v or '-'}" for k, v in env["versions"].items()))
    table = Table(title=f"EPUB: interviewkit vs pandoc (best of {repeat}, after a warm-up)")
    for header in (
        "N",
        "ours build (s)",
        "export only (s)",
        "pandoc (s)",
        "time ratio",
        "ours peak MB",
        "pandoc peak MB",
        "memory ratio",
        "EPUB MB (ours / pandoc)",
    ):
        table.add_column(header, justify="right")
    for r in results:
        has = "time_ratio" in r
        table.add_row(
            str(r["n"]),
            f"{r['ours_s']:.2f}",
            f"{r['export_only_s']:.2f}",
            f"{r['pandoc_s']:.2f}" if has else "-",
            f"{r['time_ratio']:.2f}" if has else "-",
            f"{r['ours_peak_mb']:.0f}",
            f"{r['pandoc_peak_mb']:.0f}" if has else "-",
            f"{r['memory_ratio']:.2f}" if has else "-",
            f"{r['ours_epub_mb']:.2f} / {r['pandoc_epub_mb']:.2f}" if has else "-",
        )
    console.print(table)
    status = verdict(results)
    line = f"target: time ratio ≤ {TARGET_TIME_RATIO} and memory ratio < 1 at every size"
    print_verdict(console, line, status)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser(
        "bench_epub", "Benchmark interviewkit's EPUB build against pandoc.", DEFAULT_SIZES
    )
    return run(
        argv,
        arguments,
        name=NAME,
        target={"time_ratio": TARGET_TIME_RATIO},
        measure=measure,
        environment=environment,
        verdict=verdict,
        print_table=_print_table,
    )


if __name__ == "__main__":
    sys.exit(main())
