"""Scoring the importers against hand-made expected structures (``interviews/*.expected.json``).

Used by the tests (which hold the targets) and by ``benchmarks/bench_import.py`` (which prints
the figures).  A question counts as found when its plain text equals the expected one, whitespace
collapsed; an exchange has exact boundaries when its question is found and its answer starts
and ends with the expected text.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
from lxml import html as lxml_html

from interviewkit import ImportedPortrait, import_portrait
from interviewkit.richtext import RichText

FIXTURES = Path(__file__).parent / "interviews"
#: A second set, written without seeing the importer, to measure how it generalises.
HOLDOUT = Path(__file__).parent / "holdout"
#: A third set, also written blind, after the importer was fixed on the second.
BLIND2 = Path(__file__).parent / "blind2"
#: Every set, by name.
SETS = {"development": FIXTURES, "held-out": HOLDOUT, "blind-2": BLIND2}

#: Line numbers of the 29 questions of the seed portrait (``../shared/seed``): the numbers
#: only, so that none of its text is copied into the project.
SEED_QUESTION_LINES = (
    4, 7, 9, 11, 13, 16, 18, 20, 22, 24, 26, 28, 42, 44, 46, 48, 50, 52, 54, 56, 59, 61, 63,
    66, 68, 70, 72, 74, 78,
)  # fmt: skip


def plain(markdown: str) -> str:
    """The text a reader sees of a Markdown snippet, whitespace collapsed."""
    if not markdown.strip():
        return ""
    rendered = RichText(markdown).to_html()
    text = lxml_html.fragment_fromstring(rendered, create_parent="div").text_content()
    return " ".join(text.split())


@attrs.define
class Score:
    """Counts over a set of interviews."""

    expected: int = 0
    found: int = 0
    correct: int = 0
    exact: int = 0
    false_questions: list[str] = attrs.Factory(list)
    missed: list[str] = attrs.Factory(list)
    wrong_bounds: list[str] = attrs.Factory(list)
    part_errors: list[str] = attrs.Factory(list)

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 0.0

    @property
    def boundary_accuracy(self) -> float:
        return self.exact / self.expected if self.expected else 0.0


def cases(folder: Path = FIXTURES) -> Iterator[tuple[Path, dict[str, Any]]]:
    """Each fixture of ``folder`` with its expected structure (an export has one per post)."""
    for expected_path in sorted(folder.glob("*.expected.json")):
        stem = expected_path.name.removesuffix(".expected.json")
        sources = [p for p in folder.glob(f"{stem}.*") if not p.name.endswith(".json")]
        assert len(sources) == 1, f"{expected_path.name}: expected one source, got {sources}"
        yield sources[0], json.loads(expected_path.read_text(encoding="utf-8"))


def score_source(source: Path, expected: dict[str, Any], score: Score) -> None:
    """Import ``source`` and add its comparison with ``expected`` to ``score``."""
    report = import_portrait(source)
    posts = expected.get("posts", [expected])
    if len(report.portraits) != len(posts):
        score.part_errors.append(
            f"{source.name}: {len(report.portraits)} portraits, expected {len(posts)}"
        )
    for imported, post in zip(report.portraits, posts, strict=False):
        score_portrait(f"{source.name}:{imported.portrait.id}", imported, post, score)


def score_portrait(
    name: str, imported: ImportedPortrait, expected: dict[str, Any], score: Score
) -> None:
    portrait = imported.portrait
    found = [(plain(e.question), plain(e.answer)) for e in portrait.interview.exchanges]
    found_questions = {question for question, _ in found}
    expected_questions = [" ".join(e["question"].split()) for e in expected["exchanges"]]
    score.expected += len(expected_questions)
    score.found += len(found)
    answers = dict(found)
    for exchange, question in zip(expected["exchanges"], expected_questions, strict=True):
        if question not in found_questions:
            score.missed.append(f"{name}: {question}")
            continue
        score.correct += 1
        answer = answers[question]
        start = " ".join(exchange["answer_start"].split())
        end = " ".join(exchange["answer_end"].split())
        if answer.startswith(start) and answer.endswith(end):
            score.exact += 1
        else:
            score.wrong_bounds.append(
                f"{name}: {question[:50]}: got {answer[:40]!r} ... {answer[-40:]!r}"
            )
    score.false_questions.extend(
        f"{name}: {question}" for question, _ in found if question not in expected_questions
    )
    _score_parts(name, imported, expected, score)


def _score_parts(
    name: str, imported: ImportedPortrait, expected: dict[str, Any], score: Score
) -> None:
    portrait = imported.portrait
    checks: list[tuple[str, object, object]] = [
        ("subject", portrait.subject.name, expected["subject"]),
    ]
    if expected.get("title"):
        # No-break spaces are typography the title keeps; the expected text has plain ones.
        checks.append(("title", " ".join(portrait.title.split()), expected["title"]))
    lede = plain(portrait.lede)
    if expected.get("lede_start"):
        want = " ".join(expected["lede_start"].split())
        checks.append(("lede", lede[: len(want)], want))
    else:
        checks.append(("lede", lede, ""))
    follow = [_follow_text(link.label, link.url) for link in portrait.follow]
    checks.append(("follow", len(follow), len(expected.get("follow", []))))
    related = [(r.name, r.affiliation) for r in portrait.related]
    want_related = [(r["name"], r.get("affiliation")) for r in expected.get("related", [])]
    checks.append(("related", related, want_related))
    reading = [link.label for link in portrait.reading] + list(imported.unlinked_reading)
    checks.append(("reading", reading, expected.get("reading_list", [])))
    for part, got, want in checks:
        if got != want:
            score.part_errors.append(f"{name}: {part}: got {got!r}, expected {want!r}")


def _follow_text(label: str, url: str) -> str:
    return f"{label} {url}"


def seed_problems(seed: Path) -> list[str]:
    """What the importer gets wrong on the seed portrait (empty when all is right)."""
    lines = seed.read_text(encoding="utf-8").splitlines()
    report = import_portrait(seed)
    [imported] = report.portraits
    portrait = imported.portrait
    questions = [plain(e.question) for e in portrait.interview.exchanges]
    expected = [" ".join(lines[n - 1].split()) for n in SEED_QUESTION_LINES]
    problems = [
        f"missed question on line {n}"
        for n, q in zip(SEED_QUESTION_LINES, expected, strict=True)
        if q not in questions
    ]
    problems += [f"false question: {q[:60]}" for q in questions if q not in expected]
    if not portrait.lede:
        problems.append("no lede")
    if len(portrait.follow) != 3:
        problems.append(f"{len(portrait.follow)} follow links, expected 3")
    if len(portrait.related) != 38:
        problems.append(f"{len(portrait.related)} other portraits, expected 38")
    if len(imported.unlinked_reading) + len(portrait.reading) != 8:
        problems.append("reading list not recognised (8 titles)")
    return problems


def score_all(sources: Sequence[tuple[Path, dict[str, Any]]] | None = None) -> Score:
    """The score over every fixture."""
    score = Score()
    for source, expected in sources if sources is not None else cases():
        score_source(source, expected, score)
    return score
