"""Helpers shared by the benchmarks that compare interviewkit with pandoc.

Each run happens in a fresh child process, so its peak resident memory can be read from
``os.wait4`` (the kernel's ``ru_maxrss`` for that child), and each figure is the best wall time
of several runs after an untimed warm-up.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE.parent / "bench-out"


def synth() -> Any:
    """The sibling ``synth`` module (``benchmarks/`` is not a package)."""
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    import synth as module

    return module


def run_child(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Run ``command``; return (wall seconds, peak RSS in bytes, standard output).

    Python children may write their bytecode cache, as an installed package has one: with
    ``PYTHONDONTWRITEBYTECODE`` set (some shells set it) every run would compile interviewkit's
    sources again and the figures would measure the compiler.
    """
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            err.seek(0)
            stderr = err.read().decode("utf-8", "replace")
            raise RuntimeError(f"{command[0]} failed ({process.returncode}): {stderr}")
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return elapsed, peak, output


def best_run(
    command: Sequence[str], repeat: int, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Best time and largest peak memory of ``repeat`` runs after one untimed warm-up."""
    run_child(command, env)
    times, peaks, outputs = [], [], []
    for _ in range(repeat):
        elapsed, peak, output = run_child(command, env)
        times.append(elapsed)
        peaks.append(peak)
        outputs.append(output)
    best = min(range(repeat), key=times.__getitem__)
    return {"seconds": times[best], "peak_bytes": max(peaks), "output": outputs[best]}


def pandoc_version() -> tuple[int, ...] | None:
    if shutil.which("pandoc") is None:
        return None
    first = subprocess.run(
        ["pandoc", "--version"], capture_output=True, text=True, check=True
    ).stdout.splitlines()[0]
    match = re.search(r"(\d+(?:\.\d+)*)", first)
    return tuple(int(part) for part in match.group(1).split(".")) if match else None


def write_markdown(anthology: Any, path: Path) -> None:
    """The anthology as one pandoc Markdown file (title block, one ``#`` chapter per portrait)."""
    import yaml

    meta: dict[str, Any] = {"title": anthology.title, "lang": anthology.language}
    if anthology.subtitle:
        meta["subtitle"] = anthology.subtitle
    if anthology.editors:
        meta["author"] = [editor.name for editor in anthology.editors]
    for key in ("publisher", "rights"):
        if getattr(anthology, key):
            meta[key] = getattr(anthology, key)
    if anthology.date:
        meta["date"] = anthology.date.isoformat()
    chunks = ["---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n"]
    for section in anthology.front_matter:
        chunks.append(f"# {section.title}\n\n{section.body}\n")
    for portrait in anthology.portraits:
        chunks.append(f"# {portrait.title}\n\n**{portrait.subject.name}**\n\n{portrait.lede}\n")
        for exchange in portrait.interview.exchanges:
            chunks.append(f"## {exchange.question}\n\n{exchange.answer}\n")
    for section in anthology.back_matter:
        chunks.append(f"# {section.title}\n\n{section.body}\n")
    path.write_text("\n".join(chunks), encoding="utf-8")


def sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of integers: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"sizes must be positive integers: {text!r}")
    return sizes


def parser(prog: str, description: str, default_sizes: Sequence[int]) -> argparse.ArgumentParser:
    """The options every comparison benchmark takes."""
    result = argparse.ArgumentParser(prog=prog, description=description)
    shown = ",".join(map(str, default_sizes))
    result.add_argument(
        "--sizes", type=sizes, default=tuple(default_sizes), help=f"default: {shown}"
    )
    result.add_argument("--repeat", type=int, default=3, help="timed runs per figure (default 3)")
    result.add_argument("--seed", type=int, default=0, help="seed of the synthetic anthologies")
    result.add_argument("--out", type=Path, default=DEFAULT_OUT, help="default: bench-out/")
    result.add_argument("--json", action="store_true", help="print the raw figures as JSON")
    result.add_argument("--check", action="store_true", help="exit 1 when the target fails")
    return result


def run(
    argv: Sequence[str] | None,
    arguments: argparse.ArgumentParser,
    *,
    name: str,
    target: dict[str, Any],
    measure: Any,
    environment: Any,
    verdict: Any,
    print_table: Any,
) -> int:
    """Parse ``argv``, measure every size, print a table (or JSON); the exit status."""
    import json

    args = arguments.parse_args(argv)
    if args.repeat < 1:
        arguments.error("--repeat must be at least 1")
    results = [measure(n, repeat=args.repeat, out=args.out, seed=args.seed) for n in args.sizes]
    env = environment()
    status = verdict(results)
    if args.json:
        report = {
            "benchmark": name,
            "repeat": args.repeat,
            "environment": env,
            "target": {**target, "status": status},
            "results": results,
        }
        print(json.dumps(report, indent=2, ensure_ascii=False))
    else:
        print_table(env, results, args.repeat)
    return 1 if args.check and status == "FAIL" else 0


def print_verdict(console: Any, line: str, status: str | None) -> None:
    """The last line of a table: the target and whether it is met."""
    if status is None:
        console.print(f"{line}: not measured (pandoc not found)")
    else:
        style = "bold green" if status == "PASS" else "bold red"
        console.print(f"{line}: [{style}]{status}[/{style}]")


def machine() -> dict[str, Any]:
    """The Python, platform, core count and load average a benchmark's figures were taken on."""
    import os
    import platform

    return {
        "python": f"Python {platform.python_version()}",
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "load_average": os.getloadavg(),
    }
