"""What the generated back matter costs: a build with the index, the concordance and the
reading list against the same build with all three switched off in ``anthology.toml``.

For each size N (160 portraits by default) of the synthetic anthology of
``benchmarks/synth.py``, this prints:

* the best wall time of ``python -m interviewkit build FOLDER -f FORMAT`` for each format of
  ``--formats`` (default: ``all``), with and without the back matter (``--repeat`` runs after an
  untimed warm-up, each in a fresh process);
* in process, the best time of ``build_document`` with and without it (the index, concordance
  and reading list are made there), and how many entries, recurring questions and readings
  the book gets.

The target of issue 18 is that the back matter adds at most 10 % to ``-f all``.  Run it with
``python benchmarks/run.py --only back-matter`` or directly.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_run, machine, parser, print_verdict, run, synth  # the sibling module

NAME = "back-matter"
DEFAULT_SIZES = (160,)
TARGET_RATIO = 1.10
EPOCH = "1700000000"
FORMATS = ("all",)
OFF = (
    "\n[index]\nenabled = false\n[concordance]\nenabled = false\n[reading_list]\nenabled = false\n"
)


def _without_back_matter(folder: Path) -> Path:
    """A copy of ``folder`` whose ``anthology.toml`` switches the three parts off."""
    copy = folder.with_name(folder.name + "-no-back-matter")
    if not copy.is_dir():
        shutil.copytree(folder, copy)
        with (copy / "anthology.toml").open("a", encoding="utf-8") as manifest:
            manifest.write(OFF)
    return copy


def _build(folder: Path, name: str, target: Path, repeat: int) -> float:
    command = [sys.executable, "-m", "interviewkit", "build", str(folder), "-o", str(target)]
    command += ["-q", "-f", name]
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    seconds: float = best_run(command, repeat, env)["seconds"]
    return seconds


def _document_seconds(folder: Path, repeat: int) -> tuple[float, Any]:
    import interviewkit

    anthology = interviewkit.load(folder)
    best = float("inf")
    document = None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        document = interviewkit.build_document(anthology)
        best = min(best, time.perf_counter() - start)
    return best, document


def measure(
    n: int, *, repeat: int, out: Path, seed: int = 0, formats: Sequence[str] = FORMATS
) -> dict[str, Any]:
    """Figures of one size; see the module docstring."""
    folder = synth().ensure_anthology(n, out, seed=seed).resolve()
    bare = _without_back_matter(folder)
    result: dict[str, Any] = {"n": n, "with_s": {}, "without_s": {}}
    with tempfile.TemporaryDirectory(prefix="bench-back-matter-") as work_name:
        work = Path(work_name)
        for name in formats:
            result["with_s"][name] = _build(folder, name, work / f"with-{name}", repeat)
            result["without_s"][name] = _build(bare, name, work / f"without-{name}", repeat)
    result["ratio"] = max(result["with_s"][name] / result["without_s"][name] for name in formats)
    result["document_with_s"], document = _document_seconds(folder, repeat)
    result["document_without_s"], _ = _document_seconds(bare, repeat)
    index, concordance, reading = document.index, document.concordance, document.reading_list
    result["index_entries"] = len(index.entries) if index is not None else 0
    result["recurring_questions"] = len(concordance.questions) if concordance is not None else 0
    result["readings"] = len(reading.entries) if reading is not None else 0
    return result


def verdict(results: Sequence[dict[str, Any]]) -> str:
    return "PASS" if all(r["ratio"] <= TARGET_RATIO for r in results) else "FAIL"


def _print_table(env: dict[str, Any], results: Sequence[dict[str, Any]], repeat: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=150)
    console.print(f"{env['python']} on {env['platform']}, {env['cpu_count']} CPU cores")
    console.print("load average: " + ", ".join(f"{x:.2f}" for x in env["load_average"]))
    table = Table(title=f"Builds with and without the generated back matter (best of {repeat})")
    for header in (
        "N",
        "format",
        "with (s)",
        "without (s)",
        "ratio",
        "document with / without (s)",
        "entries",
    ):
        table.add_column(header, justify="right")
    for r in results:
        for name in r["with_s"]:
            table.add_row(
                str(r["n"]),
                name,
                f"{r['with_s'][name]:.2f}",
                f"{r['without_s'][name]:.2f}",
                f"{r['with_s'][name] / r['without_s'][name]:.3f}",
                f"{r['document_with_s']:.2f} / {r['document_without_s']:.2f}",
                f"{r['index_entries']} index, {r['recurring_questions']} questions, "
                f"{r['readings']} readings",
            )
    console.print(table)
    print_verdict(console, f"target: with / without ≤ {TARGET_RATIO}", verdict(results))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser(
        "bench_back_matter",
        "Benchmark a build with and without the generated back matter.",
        DEFAULT_SIZES,
    )
    return run(
        argv,
        arguments,
        name=NAME,
        target={"ratio": TARGET_RATIO},
        measure=measure,
        environment=machine,
        verdict=verdict,
        print_table=_print_table,
    )


if __name__ == "__main__":
    raise SystemExit(main())
