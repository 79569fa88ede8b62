"""The concordance: which questions come back from portrait to portrait.

Two questions are one when

- they carry the same ``key`` (``{#key}`` before the question), however they are worded;
- they are the same once *normalised*: compatibility forms folded (NFKC), case folded, and every
  punctuation mark and symbol taken for a space, so typography (curly or straight quotes, the
  French space before "?", dashes) and spacing make no difference;
- or their normalised forms are alike: rapidfuzz's ``token_sort_ratio`` (the Indel similarity
  of the words sorted, 0 to 100) is at least ``[concordance] similarity`` (90 by default).

Questions join transitively (A like B, B like C: one question), except that two different keys
never join.  A question is listed when at least ``min_portraits`` portraits ask it.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from interviewkit.document.book import (
    ConcordanceDocument,
    ConcordancePlace,
    ExchangeDocument,
    PortraitDocument,
    RecurringQuestion,
)
from interviewkit.document.text import inlines_text
from interviewkit.model.back_matter import ConcordanceSettings
from interviewkit.model.models import Anthology

__all__ = ["build_concordance", "normalised_question"]


def normalised_question(text: str) -> str:
    """A question as the concordance compares it (see the module's docstring)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = "".join(" " if unicodedata.category(ch)[0] in "PSZC" else ch for ch in folded)
    return " ".join(kept.split())


class _Groups:
    """Union-find over the questions, refusing to join two different keys."""

    def __init__(self, keys: Sequence[str | None]) -> None:
        self.parent = list(range(len(keys)))
        self.key = list(keys)

    def root(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, first: int, second: int) -> None:
        a, b = self.root(first), self.root(second)
        if a == b:
            return
        if self.key[a] is not None and self.key[b] is not None and self.key[a] != self.key[b]:
            return
        low, high = min(a, b), max(a, b)
        self.parent[high] = low
        self.key[low] = self.key[low] if self.key[low] is not None else self.key[high]


def build_concordance(
    anthology: Anthology,
    portraits: Sequence[PortraitDocument],
    settings: ConcordanceSettings,
    *,
    concordance_id: str,
    title: str,
    intro: str,
) -> ConcordanceDocument | None:
    """The recurring questions of the book, or ``None`` when none recurs enough."""
    asked: list[tuple[PortraitDocument, ExchangeDocument]] = []
    keys: list[str | None] = []
    by_id = {portrait.id: portrait for portrait in portraits}
    for model in anthology.portraits:
        document = by_id[model.id]
        for exchange, question in zip(document.exchanges, model.interview.exchanges, strict=True):
            asked.append((document, exchange))
            keys.append(question.key)
    texts = [normalised_question(inlines_text(exchange.question.inlines)) for _, exchange in asked]
    groups = _Groups(keys)
    first_of: dict[str, int] = {}
    for number, key in enumerate(keys):
        if key is not None:
            groups.join(first_of.setdefault(f"key:{key}", number), number)
    for number, text in enumerate(texts):
        groups.join(first_of.setdefault(f"text:{text}", number), number)
    if settings.similarity < 100:
        # One comparison per distinct wording, against every later one.
        unique = list(dict.fromkeys(text for text in texts if text))
        for position, text in enumerate(unique[:-1]):
            later = unique[position + 1 :]
            for _, _, found in process.extract(
                text,
                later,
                scorer=fuzz.token_sort_ratio,
                processor=None,
                score_cutoff=settings.similarity,
                limit=None,
            ):
                groups.join(first_of[f"text:{text}"], first_of[f"text:{later[found]}"])
    members: dict[int, list[int]] = {}
    for number in range(len(asked)):
        members.setdefault(groups.root(number), []).append(number)
    questions: list[RecurringQuestion] = []
    for root in sorted(members):
        numbers = members[root]
        if len({asked[n][0].id for n in numbers}) < settings.min_portraits:
            continue
        wording = Counter(texts[n] for n in numbers).most_common(1)[0][0]
        shown = next(n for n in numbers if texts[n] == wording)
        questions.append(
            RecurringQuestion(
                id=f"{concordance_id}-{len(questions) + 1}",
                question=asked[shown][1].question,
                lang=asked[shown][0].lang,
                key=groups.key[root],
                places=tuple(
                    ConcordancePlace(
                        portrait_id=asked[n][0].id,
                        subject=asked[n][0].subject,
                        target=asked[n][1].id,
                        lang=asked[n][0].lang,
                        question=asked[n][1].question,
                        answers=asked[n][1].answers,
                    )
                    for n in numbers
                ),
            )
        )
    if not questions:
        return None
    return ConcordanceDocument(
        id=concordance_id,
        title=title,
        intro=intro,
        answers=settings.answers,
        questions=tuple(questions),
    )
