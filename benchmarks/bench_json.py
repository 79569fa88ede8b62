"""JSON benchmark: load an authoring folder, then dump and load the canonical JSON.

For each size N (40, 160 and 640 portraits by default) the synthetic anthology of
``benchmarks/synth.py`` is generated once into ``bench-out/`` and reused, then timed with
``time.perf_counter`` (best of ``--repeat`` runs after one warm-up):

* ``interviewkit.load(folder)``: reading the Markdown/YAML/TOML folder into the model;
* ``interviewkit.dump_bytes(anthology)`` and ``interviewkit.loads(data)``: the canonical JSON
  as it is written to and read from a file (bytes); the ``str`` API (``dumps``/``loads`` of
  text) is printed beside it;
* the floor: ``orjson.dumps`` / ``orjson.loads`` of the same plain dict
  (``interviewkit.unstructure(anthology)``), i.e. the cost of the JSON text alone.

The calls run inside ``interviewkit.fast_structuring()``, as the command line runs them (the
collector is paused while a model is built); ``--no-gc-pause`` measures a library caller that
did not allow it.  The target is ``(dumps + loads) / floor <= 2.5`` at N = 640.  Run it with
``make bench`` or
``python benchmarks/run.py --only json`` (or directly: ``python benchmarks/bench_json.py``).
Nothing runs at import time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

NAME = "json"
DEFAULT_SIZES = (40, 160, 640)
TARGET_N = 640
TARGET_RATIO = 2.5

_HERE = Path(__file__).resolve().parent
DEFAULT_OUT = _HERE.parent / "bench-out"
_API = ("load", "dump_bytes", "dumps", "loads", "unstructure")


def _synth() -> Any:
    """The sibling ``synth`` module (``benchmarks/`` is not a package)."""
    if str(_HERE) not in sys.path:
        sys.path.insert(0, str(_HERE))
    import synth

    return synth


def best_of(function: Callable[[], object], repeat: int) -> float:
    """Best wall time of ``repeat`` calls of ``function``, after one untimed warm-up call."""
    function()
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def measure(n: int, *, repeat: int, out: Path, seed: int = 0) -> dict[str, Any]:
    """Figures of one size; see the module docstring."""
    import orjson

    import interviewkit

    folder = _synth().ensure_anthology(n, out, seed=seed)
    source_bytes = _folder_bytes(folder)

    load_s = best_of(lambda: interviewkit.load(folder), repeat)
    anthology = interviewkit.load(folder)

    dumps_s = best_of(lambda: interviewkit.dump_bytes(anthology), repeat)
    data = interviewkit.dump_bytes(anthology)
    loads_s = best_of(lambda: interviewkit.loads(data), repeat)
    text = interviewkit.dumps(anthology)
    dumps_str_s = best_of(lambda: interviewkit.dumps(anthology), repeat)
    loads_str_s = best_of(lambda: interviewkit.loads(text), repeat)

    plain = interviewkit.unstructure(anthology)
    option = orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2
    floor_dumps_s = best_of(lambda: orjson.dumps(plain, option=option), repeat)
    raw = orjson.dumps(plain, option=option)
    floor_loads_s = best_of(lambda: orjson.loads(raw), repeat)

    # Not timed: the round trip must give back the same anthology, or the figures mean nothing.
    round_trip_ok = interviewkit.unstructure(interviewkit.loads(text)) == plain

    dump_load_s = dumps_s + loads_s
    floor_s = floor_dumps_s + floor_loads_s
    return {
        "n": n,
        "folder": str(folder),
        "source_bytes": source_bytes,
        "json_bytes": len(text.encode("utf-8")),
        "load_s": load_s,
        "portraits_per_s": n / load_s,
        "source_mb_per_s": source_bytes / 1e6 / load_s,
        "dumps_s": dumps_s,
        "loads_s": loads_s,
        "dumps_str_s": dumps_str_s,
        "loads_str_s": loads_str_s,
        "str_ratio": (dumps_str_s + loads_str_s) / floor_s,
        "dump_load_s": dump_load_s,
        "floor_dumps_s": floor_dumps_s,
        "floor_loads_s": floor_loads_s,
        "floor_s": floor_s,
        "ratio": dump_load_s / floor_s,
        "round_trip_ok": round_trip_ok,
    }


def environment() -> dict[str, Any]:
    """Interpreter, machine and library versions printed with the figures."""
    from importlib.metadata import PackageNotFoundError, version

    versions: dict[str, str | None] = {}
    for package in ("interviewkit", "orjson", "cattrs", "PyYAML", "markdown-it-py"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = None
    return {
        "python": f"Python {platform.python_version()}",
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "versions": versions,
    }


def verdict(results: Sequence[dict[str, Any]]) -> str | None:
    """``"PASS"`` or ``"FAIL"`` for the target size, or ``None`` when it was not measured."""
    for result in results:
        if result["n"] == TARGET_N:
            return "PASS" if result["ratio"] <= TARGET_RATIO else "FAIL"
    return None


def _print_table(env: dict[str, Any], results: Sequence[dict[str, Any]], repeat: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not console.is_terminal:  # piped or redirected: do not squeeze the table into 80 columns
        console = Console(width=150)
    console.print(f"{env['python']} ({env['implementation']}) on {env['platform']}")
    console.print(f"CPU cores: {env['cpu_count']}")
    versions = ", ".join(f"{name} {value or '-'}" for name, value in env["versions"].items())
    console.print(f"versions: {versions}")

    table = Table(title=f"interviewkit JSON benchmark (best of {repeat}, after a warm-up)")
    for header in (
        "N",
        "source MB",
        "load folder (s)",
        "portraits/s",
        "dumps (s)",
        "loads (s)",
        "dump+load (s)",
        "orjson floor (s)",
        "ratio",
    ):
        table.add_column(header, justify="right")
    for r in results:
        ratio = f"{r['ratio']:.2f}"
        if not r["round_trip_ok"]:
            ratio += " (round trip differs!)"
        table.add_row(
            str(r["n"]),
            f"{r['source_bytes'] / 1e6:.2f}",
            f"{r['load_s']:.3f}",
            f"{r['portraits_per_s']:.0f}",
            f"{r['dumps_s']:.4f}",
            f"{r['loads_s']:.4f}",
            f"{r['dump_load_s']:.4f}",
            f"{r['floor_s']:.4f}",
            ratio,
        )
    console.print(table)
    for r in results:
        console.print(
            f"N={r['n']}: load {r['source_mb_per_s']:.2f} MB/s of source; JSON "
            f"{r['json_bytes'] / 1e6:.2f} MB; floor = orjson dumps {r['floor_dumps_s']:.4f} s "
            f"+ loads {r['floor_loads_s']:.4f} s; str API: dumps {r['dumps_str_s']:.4f} s "
            f"+ loads {r['loads_str_s']:.4f} s = ratio {r['str_ratio']:.2f}"
        )
    status = verdict(results)
    line = f"target: ratio ≤ {TARGET_RATIO} at N={TARGET_N}"
    if status is None:
        console.print(f"{line}: not measured (N={TARGET_N} not in --sizes)")
    else:
        style = "bold green" if status == "PASS" else "bold red"
        console.print(f"{line}: [{style}]{status}[/{style}]")


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        message = f"not a comma-separated list of integers: {text!r}"
        raise argparse.ArgumentTypeError(message) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be positive integers: {text!r}")
    return sizes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bench_json", description="Benchmark interviewkit's folder loading and JSON."
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=DEFAULT_SIZES,
        help="comma-separated portrait counts (default: 40,160,640)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (default 5)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic anthologies")
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="cache folder of the generated anthologies (default: bench-out/)",
    )
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    parser.add_argument(
        "--no-gc-pause",
        action="store_true",
        help="measure the library's default (the collector never paused) instead of the "
        "command line's (interviewkit.fast_structuring())",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit with status 1 when the target fails or a round trip differs",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.repeat < 1:
        build_parser().error("--repeat must be at least 1")
    try:
        import interviewkit
    except ImportError:
        # Not installed: fall back on the checkout's src/ (make bench without pip install -e .).
        src = _HERE.parent / "src"
        if (src / "interviewkit").is_dir() and str(src) not in sys.path:
            sys.path.insert(0, str(src))
    try:
        import interviewkit
    except ImportError as error:
        print(
            f"bench_json: cannot import interviewkit ({error}); install the project first "
            "(pip install -e .)",
            file=sys.stderr,
        )
        return 2
    missing = [name for name in _API if not hasattr(interviewkit, name)]
    if missing:
        print(
            f"bench_json: interviewkit ({getattr(interviewkit, '__file__', None)}) lacks "
            f"{', '.join(missing)}",
            file=sys.stderr,
        )
        return 2

    import contextlib

    import interviewkit

    # The command line lets structuring pause the collector (interviewkit.fast_structuring());
    # a library call does not unless its caller says so.  The figures are the command line's.
    policy = contextlib.nullcontext() if args.no_gc_pause else interviewkit.fast_structuring()
    with policy:
        results = [measure(n, repeat=args.repeat, out=args.out, seed=args.seed) for n in args.sizes]
    if not args.json:
        print(
            "collector: paused while structuring, as the command line does "
            "(--no-gc-pause for the library default)"
            if not args.no_gc_pause
            else "collector: never paused (library default)"
        )
    env = environment()
    if args.json:
        report = {
            "benchmark": NAME,
            "repeat": args.repeat,
            "environment": env,
            "target": {"n": TARGET_N, "ratio": TARGET_RATIO, "status": verdict(results)},
            "results": results,
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        _print_table(env, results, args.repeat)

    if args.check and (verdict(results) == "FAIL" or not all(r["round_trip_ok"] for r in results)):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
