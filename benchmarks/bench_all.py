"""Every format at once: ``build -f all`` against the sum of one build per format.

``-f all`` makes the book document (every text parsed, typeset, its links and labels
resolved) once and hands it to every format; one build per format makes it once per build
(and loads the folder and runs the checks each time).  For each size N (160 portraits by
default) of the synthetic anthology of ``benchmarks/synth.py``, this prints:

* the best wall time of ``python -m interviewkit build FOLDER -f all`` (``--repeat`` runs after
  an untimed warm-up, each in a fresh process);
* the best wall time of ``-f <name>`` for every registered format, and their sum;
* the time ``build_document`` takes in process, the part ``-f all`` does once.

The target of issue 17 is that ``-f all`` is no slower than the sum (a ratio ≤ 1; below it is
the saving).  Run it with ``python benchmarks/run.py --only all`` or directly.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_run, machine, parser, print_verdict, run, synth  # the sibling module

NAME = "all"
DEFAULT_SIZES = (160,)
TARGET_RATIO = 1.0
EPOCH = "1700000000"


def _formats() -> list[str]:
    import interviewkit

    return sorted(interviewkit.get_plugins().exporters.names())


def _build(folder: Path, formats: Sequence[str], target: Path, repeat: int) -> float:
    command = [sys.executable, "-m", "interviewkit", "build", str(folder), "-o", str(target), "-q"]
    for name in formats:
        command += ["-f", name]
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    seconds: float = best_run(command, repeat, env)["seconds"]
    return seconds


def measure(n: int, *, repeat: int, out: Path, seed: int = 0) -> dict[str, Any]:
    """Figures of one size; see the module docstring."""
    import interviewkit

    folder = synth().ensure_anthology(n, out, seed=seed).resolve()
    formats = _formats()
    result: dict[str, Any] = {"n": n, "formats": formats}
    with tempfile.TemporaryDirectory(prefix="bench-all-") as work_name:
        work = Path(work_name)
        result["all_s"] = _build(folder, ["all"], work / "all", repeat)
        singles = {name: _build(folder, [name], work / name, repeat) for name in formats}
    result["single_s"] = singles
    result["sum_s"] = sum(singles.values())
    result["ratio"] = result["all_s"] / result["sum_s"]
    build_document = getattr(interviewkit, "build_document", None)
    if build_document is not None:  # None: a version before the book document (a baseline)
        anthology = interviewkit.load(folder)
        start = time.perf_counter()
        build_document(anthology)
        result["document_s"] = time.perf_counter() - start
    return result


def verdict(results: Sequence[dict[str, Any]]) -> str:
    return "PASS" if all(r["ratio"] <= TARGET_RATIO for r in results) else "FAIL"


def _print_table(env: dict[str, Any], results: Sequence[dict[str, Any]], repeat: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console() if sys.stdout.isatty() else Console(width=150)
    console.print(f"{env['python']} on {env['platform']}, {env['cpu_count']} CPU cores")
    console.print("load average: " + ", ".join(f"{x:.2f}" for x in env["load_average"]))
    table = Table(title=f"-f all against one build per format (best of {repeat})")
    for header in ("N", "-f all (s)", "sum of singles (s)", "ratio", "document (s)", "singles"):
        table.add_column(header, justify="right")
    for r in results:
        singles = ", ".join(f"{name} {seconds:.1f}" for name, seconds in r["single_s"].items())
        table.add_row(
            str(r["n"]),
            f"{r['all_s']:.2f}",
            f"{r['sum_s']:.2f}",
            f"{r['ratio']:.2f}",
            f"{r['document_s']:.2f}" if "document_s" in r else "-",
            singles,
        )
    console.print(table)
    print_verdict(console, f"target: -f all / sum of singles ≤ {TARGET_RATIO}", verdict(results))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser("bench_all", "Benchmark -f all against one build per format.", DEFAULT_SIZES)
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
