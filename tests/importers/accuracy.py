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

from interviewkit import ImportedPortrait, InvalidInputError, import_portrait
from interviewkit.model.richtext import RichText

FIXTURES = Path(__file__).parent / "interviews"
#: A second set, written without seeing the importer, to measure how it generalises.
HOLDOUT = Path(__file__).parent / "holdout"
#: A third set, also written blind, after the importer was fixed on the second.
BLIND2 = Path(__file__).parent / "blind2"
#: A fourth set, written blind for the import-trust issue (voices, Markdown pasted as text,
#: transcripts, wrapped e-mail, closings); its expected files also give speakers and closings.
BLIND3 = Path(__file__).parent / "blind3"
#: Every set, by name.
SETS = {"development": FIXTURES, "held-out": HOLDOUT, "blind-2": BLIND2}
if BLIND3.is_dir():
    SETS["blind-3"] = BLIND3

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
    silent: list[str] = attrs.Factory(list)
    """Errors with no review mark within three lines: a wrong subject, a missed or false
    question, a wrong boundary."""
    voices_expected: int = 0
    voices_right: int = 0
    voice_errors: list[str] = attrs.Factory(list)
    closings_expected: int = 0
    closings_right: int = 0
    closing_errors: list[str] = attrs.Factory(list)

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
    posts = expected.get("posts", [expected])
    try:
        report = import_portrait(source)
    except InvalidInputError as error:
        # Refused with a message: every question is missed, but the user is told (not silent).
        score.part_errors.append(f"{source.name}: refused: {error}")
        for post in posts:
            for exchange in post["exchanges"]:
                score.expected += 1
                score.missed.append(f"{source.name}: {exchange['question']}")
        return
    if len(report.portraits) != len(posts):
        score.part_errors.append(
            f"{source.name}: {len(report.portraits)} portraits, expected {len(posts)}"
        )
    source_lines = _source_lines(source)
    for imported, post in zip(report.portraits, posts, strict=False):
        before = (len(score.missed), len(score.false_questions), len(score.wrong_bounds))
        before_parts = len(score.part_errors)
        score_portrait(f"{source.name}:{imported.portrait.id}", imported, post, score)
        _score_silent(imported, post, score, before, before_parts, source_lines)
        _score_voices(f"{source.name}", imported, post, score)
    if len(report.portraits) < len(posts):
        for post in posts[len(report.portraits) :]:
            for exchange in post["exchanges"]:
                score.expected += 1
                score.missed.append(f"{source.name}: {exchange['question']}")
                score.silent.append(f"{source.name}: whole interview not imported")


def _source_lines(source: Path) -> list[str]:
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [" ".join(line.split()) for line in text.splitlines()]


def _line_of(text: str, source_lines: list[str]) -> int | None:
    """The 1-based source line that holds the start of ``text`` (markup ignored), if found."""
    probe = " ".join(text.split())[:25]
    if not probe:
        return None
    for number, line in enumerate(source_lines, start=1):
        cleaned = line.replace("*", "").replace("_", "").replace("#", "")
        if probe in cleaned or probe in line:
            return number
    return None


def _marked_near(imported: ImportedPortrait, line: int | None) -> bool:
    """A review note within three lines of ``line`` (any note when the line is unknown)."""
    lines = [note.line for note in imported.notes if note.line is not None]
    if line is None:
        return bool(imported.notes)
    return any(abs(noted - line) <= 3 for noted in lines)


def _score_silent(
    imported: ImportedPortrait,
    expected: dict[str, Any],
    score: Score,
    before: tuple[int, int, int],
    before_parts: int,
    source_lines: list[str],
) -> None:
    missed, false, bounds = before
    new = (
        [("missed", item) for item in score.missed[missed:]]
        + [("false question", item) for item in score.false_questions[false:]]
        + [("wrong boundary", item) for item in score.wrong_bounds[bounds:]]
    )
    for kind, item in new:
        question = item.split(": ", 1)[1] if ": " in item else item
        question = question.split(": got ", 1)[0]
        if not _marked_near(imported, _line_of(question, source_lines)):
            score.silent.append(f"{kind}: {item}")
    subject_wrong = any(": subject: " in error for error in score.part_errors[before_parts:])
    if subject_wrong and not any(
        note.where == "portrait" and ("subject" in note.message or "person" in note.message)
        for note in imported.notes
    ):
        score.silent.append(
            f"subject: {imported.portrait.subject.name!r}, expected {expected['subject']!r}"
        )


def _same_person(found: str | None, wanted: str | None) -> bool:
    if found is None or wanted is None:
        return found is None and wanted is None
    a, b = found.casefold().split(), wanted.casefold().split()
    return a == b or a[:1] == b[:1]


def _score_voices(
    name: str, imported: ImportedPortrait, expected: dict[str, Any], score: Score
) -> None:
    """Who asked and who answered each found question; the closing."""
    portrait = imported.portrait

    def who(speaker_id: str | None) -> str | None:
        return None if speaker_id is None else portrait.speaker(speaker_id).name

    found = {plain(e.question): e for e in portrait.interview.exchanges}
    for exchange in expected["exchanges"]:
        if "answers" not in exchange or (
            not any(a.get("speaker") for a in exchange["answers"]) and not exchange.get("asker")
        ):
            continue
        score.voices_expected += 1
        got = found.get(" ".join(exchange["question"].split()))
        if got is None:
            continue
        want = [a.get("speaker") for a in exchange["answers"]]
        have = [who(a.speaker) for a in got.answers]
        if (
            _same_person(who(got.asker), exchange.get("asker"))
            and len(want) == len(have)
            and all(_same_person(h, w) for h, w in zip(have, want, strict=True))
        ):
            score.voices_right += 1
        else:
            score.voice_errors.append(
                f"{name}: {exchange['question'][:40]}: asked by {who(got.asker)!r}, answered "
                f"by {have!r}; expected {exchange.get('asker')!r}, {want!r}"
            )
    if expected.get("closing_start"):
        score.closings_expected += 1
        want_closing = " ".join(expected["closing_start"].split())
        if plain(portrait.closing).startswith(want_closing[:30]):
            score.closings_right += 1
        else:
            score.closing_errors.append(
                f"{name}: closing {plain(portrait.closing)[:40]!r}, expected {want_closing!r}"
            )


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
    alarms = [note.line for note in imported.notes if note.line in SEED_QUESTION_LINES]
    problems += [f"false-alarm review mark on the real question of line {n}" for n in alarms]
    if portrait.language is not None and "-" not in portrait.language:
        # A Québec portrait in a fr-CA book: a bare "fr" would override the book's typography.
        problems.append(f"language {portrait.language!r} written without regional evidence")
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
