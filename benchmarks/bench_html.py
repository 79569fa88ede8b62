"""HTML benchmark: interviewkit's ``html`` and ``html-site`` builds against ``pandoc -s --toc``.

For each size N (40 and 160 portraits by default) the synthetic anthology of
``benchmarks/synth.py`` is generated once into ``bench-out/`` and reused.  Each figure is the best
wall time of ``--repeat`` runs after one untimed warm-up, every run in a fresh child process (so
start-up is counted, as a user running the command pays it):

* **html** and **html-site**: ``python -m interviewkit build FOLDER -f <format>`` (loading the
  Markdown/YAML folder, checks, rendering with typography and links, writing);
* **pandoc**: ``pandoc -s --toc -f markdown -t html5`` on one Markdown file written, untimed,
  from the loaded anthology (a ``#`` chapter per portrait, a ``##`` heading per question).

The target is **our time / pandoc's time <= 0.5** for each mode at each size.  Run it with
``python benchmarks/run.py --only html`` or directly.  Nothing runs at import time.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (  # the sibling module, found through the line above
    best_run,
    pandoc_version,
    parser,
    print_verdict,
    run,
    synth,
    write_markdown,
)

NAME = "html"
DEFAULT_SIZES = (40, 160)
TARGET_RATIO = 0.5
EPOCH = "1700000000"
MODES = ("html", "html-site")


def _size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def measure(n: int, *, repeat: int, out: Path, seed: int = 0) -> dict[str, Any]:
    """Figures of one size; see the module docstring."""
    import interviewkit

    folder = synth().ensure_anthology(n, out, seed=seed).resolve()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    result: dict[str, Any] = {"n": n, "folder": str(folder)}
    with tempfile.TemporaryDirectory(prefix="bench-html-") as work_name:
        work = Path(work_name)
        for mode in MODES:
            target = work / mode
            run = best_run(
                [
                    sys.executable,
                    "-m",
                    "interviewkit",
                    "build",
                    str(folder),
                    "-f",
                    mode,
                    "-o",
                    str(target),
                    "-q",
                ],
                repeat,
                env,
            )
            result[f"{mode}_s"] = run["seconds"]
            result[f"{mode}_peak_mb"] = run["peak_bytes"] / 1e6
            result[f"{mode}_mb"] = _size_of(next(target.iterdir())) / 1e6
        version = pandoc_version()
        result["pandoc"] = ".".join(map(str, version)) if version else None
        if version is None:
            return result
        markdown = work / "book.md"
        write_markdown(interviewkit.load(folder), markdown)
        pandoc_out = work / "pandoc.html"
        theirs = best_run(
            [
                "pandoc",
                "-s",
                "--toc",
                "-f",
                "markdown",
                "-t",
                "html5",
                str(markdown),
                "-o",
                str(pandoc_out),
            ],
            repeat,
            env,
        )
        result["pandoc_s"] = theirs["seconds"]
        result["pandoc_mb"] = pandoc_out.stat().st_size / 1e6
        for mode in MODES:
            result[f"{mode}_ratio"] = result[f"{mode}_s"] / theirs["seconds"]
    return result


def verdict(results: Sequence[dict[str, Any]]) -> str | None:
    """``PASS`` when both modes meet the target at every size; None without pandoc."""
    measured = [r for r in results if "pandoc_s" in r]
    if not measured:
        return None
    ok = all(r[f"{mode}_ratio"] <= TARGET_RATIO for r in measured for mode in MODES)
    return "PASS" if ok else "FAIL"


def environment() -> dict[str, Any]:
    """Interpreter, machine and tool versions printed with the figures."""
    from importlib.metadata import PackageNotFoundError, version

    versions: dict[str, str | None] = {}
    for package in ("interviewkit", "markdown-it-py", "Jinja2", "PyYAML"):
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
        "load_average": os.getloadavg(),
        "versions": versions,
    }


def _print_table(env: dict[str, Any], results: Sequence[dict[str, Any]], repeat: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=150)
    console.print(f"{env['python']} on {env['platform']}, {env['cpu_count']} CPU cores")
    console.print("load average: " + ", ".join(f"{x:.2f}" for x in env["load_average"]))
    console.print("versions: " + ", ".join(f"{k} {v or '-'}" for k, v in env["versions"].items()))
    table = Table(
        title=f"HTML: interviewkit vs pandoc -s --toc (best of {repeat}, after a warm-up)"
    )
    for header in (
        "N",
        "html (s)",
        "html-site (s)",
        "pandoc (s)",
        "html ratio",
        "site ratio",
        "MB (html / site / pandoc)",
    ):
        table.add_column(header, justify="right")
    for r in results:
        has = "pandoc_s" in r
        table.add_row(
            str(r["n"]),
            f"{r['html_s']:.2f}",
            f"{r['html-site_s']:.2f}",
            f"{r['pandoc_s']:.2f}" if has else "-",
            f"{r['html_ratio']:.2f}" if has else "-",
            f"{r['html-site_ratio']:.2f}" if has else "-",
            f"{r['html_mb']:.2f} / {r['html-site_mb']:.2f} / "
            + (f"{r['pandoc_mb']:.2f}" if has else "-"),
        )
    console.print(table)
    status = verdict(results)
    line = f"target: time ratio ≤ {TARGET_RATIO} for html and html-site at every size"
    print_verdict(console, line, status)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser(
        "bench_html", "Benchmark interviewkit's HTML builds against pandoc.", DEFAULT_SIZES
    )
    return run(
        argv,
        arguments,
        name=NAME,
        target={"ratio": TARGET_RATIO},
        measure=measure,
        environment=environment,
        verdict=verdict,
        print_table=_print_table,
    )


if __name__ == "__main__":
    raise SystemExit(main())
