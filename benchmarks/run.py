"""Run interviewkit's benchmarks (``make bench``).

Each benchmark is a module of this folder with a ``NAME`` and a ``main(argv) -> int``; add new
ones (html, epub, pdf) to :data:`BENCHMARKS`.  Arguments that this dispatcher does not know are
passed on to every benchmark that runs::

    python benchmarks/run.py                      # all benchmarks
    python benchmarks/run.py --only json --sizes 40,160 --repeat 3
    python benchmarks/run.py --list
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

#: (name, module) of every benchmark, in the order they run.
BENCHMARKS: tuple[tuple[str, str], ...] = (
    ("json", "bench_json"),
    ("html", "bench_html"),
    ("epub", "bench_epub"),
    ("pdf", "bench_pdf"),
    ("import", "bench_import"),
    ("all", "bench_all"),
    ("back-matter", "bench_back_matter"),
)

_HERE = Path(__file__).resolve().parent


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="benchmarks/run.py",
        description="Run interviewkit's benchmarks; unknown options go to each benchmark.",
    )
    names = [name for name, _ in BENCHMARKS]
    parser.add_argument(
        "--only",
        action="append",
        choices=names,
        metavar="NAME",
        help=f"run only this benchmark (repeatable; one of {', '.join(names)})",
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args, rest = parser.parse_known_args(argv)

    if args.list:
        for name, module_name in BENCHMARKS:
            print(f"{name}\tbenchmarks/{module_name}.py")
        return 0

    if str(_HERE) not in sys.path:
        sys.path.insert(0, str(_HERE))
    status = 0
    for name, module_name in BENCHMARKS:
        if args.only and name not in args.only:
            continue
        print(f"== benchmark: {name}", flush=True)
        module = importlib.import_module(module_name)
        status = max(status, int(module.main(rest)))
    return status


if __name__ == "__main__":
    sys.exit(main())
