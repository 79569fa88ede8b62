"""Importer accuracy benchmark: how well published interviews are recognised.

Imports every fixture of ``tests/importers/interviews/`` (the development set: 14 interviews in
French and English and a WordPress export of three portraits) and of ``tests/importers/holdout/``
(10 more, written without seeing the importer), ``tests/importers/blind2/`` (8 more, also
written blind) and ``tests/importers/blind3/`` (16 more, written blind: Markdown pasted as text,
labelled voices, round tables, transcripts, e-mails, parts, closings), each with a hand-made
expected structure, and prints for each set:

* question precision and recall (a question counts when its text is exactly the expected one);
* exact-boundary accuracy (the question found, and its answer starting and ending exactly
  where the expected answer does);
* the parts around the interviews that were not recognised as expected (title, subject, lede,
  follow links, other portraits, reading list);
* silent errors: a wrong subject, or a missed or false question or a wrong boundary, with no
  review mark within three lines (the target is 0 on every set);
* where the expected structure says so (blind set 3): who asked and who answered each
  question, and each interview's closing;
* on the seed portrait (``../shared/seed``, when present): the 29 questions, no false
  question, the lede, follow links, 38 other portraits and the reading list;
* the time per interview.

Targets: precision and recall >= 0.97.  Run it with ``python benchmarks/bench_import.py`` or
``python benchmarks/run.py --only import``.  Nothing runs at import time.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

NAME = "import"
TARGET = 0.97
_ROOT = Path(__file__).resolve().parent.parent
SEED = _ROOT.parent / "shared" / "seed" / "000_7e6d86baa57d41a0.txt"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the accuracy figures; exit 1 when a target is missed."""
    options = argparse.ArgumentParser(prog="bench_import", description=__doc__.split("\n")[0])
    options.add_argument("--verbose", "-v", action="store_true", help="List every miss.")
    args = options.parse_args(argv)
    sys.path.insert(0, str(_ROOT))
    from tests.importers import accuracy

    passed = True
    for name, folder in accuracy.SETS.items():
        label = f"{name} set"
        cases = list(accuracy.cases(folder))
        started = time.perf_counter()
        score = accuracy.score_all(cases)
        elapsed = time.perf_counter() - started
        interviews = sum(len(expected.get("posts", [expected])) for _, expected in cases)
        exact = f"({score.exact}/{score.expected})"
        print(f"{label}: {len(cases)} files, {interviews} interviews, {score.expected} questions")
        print(f"  question precision      {score.precision:.3f}  ({score.correct}/{score.found})")
        print(f"  question recall         {score.recall:.3f}  ({score.correct}/{score.expected})")
        print(f"  exact-boundary accuracy {score.boundary_accuracy:.3f}  {exact}")
        print(f"  parts not as expected   {len(score.part_errors)}")
        print(f"  silent errors           {len(score.silent)}  (no review mark within 3 lines)")
        if score.voices_expected:
            right = f"({score.voices_right}/{score.voices_expected})"
            ratio = score.voices_right / score.voices_expected
            print(f"  voices right            {ratio:.3f}  {right}")
        if score.closings_expected:
            right = f"({score.closings_right}/{score.closings_expected})"
            ratio = score.closings_right / score.closings_expected
            print(f"  closings found          {ratio:.3f}  {right}")
        print(f"  time                    {elapsed / interviews * 1000:.1f} ms per interview")
        passed = passed and score.precision >= TARGET and score.recall >= TARGET
        if args.verbose:
            for title, items in (
                ("false questions", score.false_questions),
                ("missed questions", score.missed),
                ("wrong boundaries", score.wrong_bounds),
                ("parts", score.part_errors),
                ("silent", score.silent),
                ("voices", score.voice_errors),
                ("closings", score.closing_errors),
            ):
                for item in items:
                    print(f"    {title}: {item}")
    seed_ok = True
    if SEED.is_file():
        problems = accuracy.seed_problems(SEED)
        seed_ok = not problems
        verdict = "29/29 questions, no false question, all parts recognised"
        print(f"seed portrait           {'PASS: ' + verdict if seed_ok else 'FAIL'}")
        for problem in problems:
            print(f"  seed: {problem}")
    else:
        print(f"seed portrait           not found at {SEED}")
    passed = passed and seed_ok
    print(f"target precision and recall >= {TARGET}: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
