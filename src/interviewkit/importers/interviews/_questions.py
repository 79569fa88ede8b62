"""Which blocks are questions.

Interviews mark their questions in one of four ways, tried from the most explicit to the least:

1. ``Q:``/``A:`` (or ``Q.``/``R.``) prefixes;
2. speaker labels (``Maya Chen:`` then ``MC:``), where the interviewer is the speaker whose lines
   end with a question mark;
3. formatting: questions in bold or as headings (Markdown, HTML, WordPress);
4. nothing at all (text copied from a web page): each line is scored on what it says. A question
   ends with ``?``, addresses the person interviewed, opens with a question word and is short; a
   line inside an answer is long, speaks in the first person, or starts mid-sentence.  A
   question that ends with a period opens with an instruction ("Describe your job...").

Each mode returns the question positions and the decisions a person should check.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import attrs

from interviewkit.importers.interviews._blocks import Block, escape_markdown
from interviewkit.importers.interviews._language import (
    ADDRESS,
    FIRST_PERSON,
    IMPERATIVE,
    INTERROGATIVE,
    word_set,
    words,
)
from interviewkit.importers.interviews._parts import part_header

__all__ = [
    "FORMATTING",
    "LABELS",
    "MARKERS",
    "NOT_LABELS",
    "QUESTION_NUMBER",
    "WORDING",
    "Questions",
    "find_questions",
    "strip_marker",
]

#: How the questions of an interview were marked (reported by ``interviewkit import``).
MARKERS = "Q/A prefixes"
LABELS = "speaker labels"
FORMATTING = "bold or heading questions"
WORDING = "question marks and wording"

Q_MARKER = re.compile(r"^(?:Q|Question)\s*\d{0,3}\s*[.:)–—-]\s*(?=\S)")
A_MARKER = re.compile(r"^(?:A|R|Rép|Réponse|Answer)\s*\d{0,3}\s*[.:)–—-]\s*(?=\S)")
SPEAKER_LABEL = re.compile(
    r"^(?P<label>[A-ZÀ-Ý][\w’'.-]*(?:\s+[A-ZÀ-Ý][\w’'.-]*){0,3}|[A-ZÀ-Ý]\.?[A-ZÀ-Ý]\.?[A-ZÀ-Ý]?\.?)"
    r"\s?:\s*(?=\S)"
)
_INTERVIEWER_WORDS = frozenset(
    {"interviewer", "intervieweur", "intervieweuse", "journaliste", "question", "moi", "me"}
)
#: Words before a colon that are not a speaker ("Facebook: ...", "Note: ...").
NOT_LABELS = word_set(
    """
        facebook twitter instagram linkedin youtube tiktok mastodon bluesky blog blogue site
        web email courriel note nb ps p.s update mise à jour photo crédit credit source sur
        on
    """
)
_ENDS_WITH_QUESTION = re.compile(r"\?\s*[)»”\"’]?\s*$")
_PARENTHETICAL_END = re.compile(r"\([^()]*\?\s*\)\s*$")
# "Who wouldn't want that?", "Why not?", "Qui sait ?": questions the speaker answers themself.
_RHETORICAL = re.compile(
    r"^(?:(?:who|what|why|how)\s+(?:wouldn['’]t|would\s+not|doesn['’]t|isn['’]t|can['’]t|"
    r"couldn['’]t|else)|why\s+not|isn['’]t\s+it|don['’]t\s+we|aren['’]t\s+we|who\s+knows|"
    r"qui\s+sait|pourquoi\s+pas|n['’]est-ce\s+pas|qui\s+ne\b|et\s+alors)",
    re.IGNORECASE,
)
# Longer than this, a line ending with "?" is an answer that closes on a question.
_LONG = 200
_TOO_LONG = 320
# A question may open with a remark ("Le métier est mal payé, on l'entend. Est-ce vrai ?").
_SHORT_LEAD = 100


@attrs.frozen
class Questions:
    """Question positions in the block list, and notes on the doubtful ones."""

    mode: str
    indices: tuple[int, ...]
    notes: tuple[tuple[int, str], ...] = ()
    """``(block index, message)`` for each decision a person should check."""
    interviewee: str | None = None
    """The speaker answering, when questions are marked by speaker labels."""
    voices: tuple[tuple[str, str], ...] = ()
    """Speaker labels: ``(label as written, canonical name)``, initials mapped to full names."""
    askers: tuple[str, ...] = ()
    """Canonical names of the speakers who ask (one or several interviewers)."""


def strip_marker(block: Block, pattern: re.Pattern[str]) -> Block:
    """``block`` without the ``Q:``/``A:``/speaker label that ``pattern`` matches at its start."""
    match = pattern.match(block.text)
    if not match:
        return block
    marker = match.group(0).strip()
    text = block.text[match.end() :].strip()
    if block.markdown == escape_markdown(block.text):
        return block.with_text(text, escape_markdown(text))
    markdown = block.markdown
    position = markdown.find(marker)
    if 0 <= position <= 4:
        markdown = (markdown[:position] + markdown[position + len(marker) :]).strip()
        markdown = re.sub(r"^(\*\*|__)\s*\1\s*", "", markdown)
        markdown = re.sub(r"^(\*\*|__)\s+", r"\1", markdown)
    return block.with_text(text, markdown)


def find_questions(blocks: Sequence[Block], end: int) -> Questions:
    """Find the questions among ``blocks[:end]``."""
    return (
        _by_markers(blocks, end)
        or _by_labels(blocks, end)
        or _by_formatting(blocks, end)
        or _by_content(blocks, end)
    )


def _by_markers(blocks: Sequence[Block], end: int) -> Questions | None:
    indices = tuple(i for i in range(end) if Q_MARKER.match(blocks[i].text))
    answers = sum(1 for i in range(end) if A_MARKER.match(blocks[i].text))
    if len(indices) < 2 or answers < len(indices) // 2:
        return None
    return Questions(mode=MARKERS, indices=indices)


def _initials(name: str) -> str:
    return "".join(part[0] for part in re.split(r"[\s-]+", name) if part)


def _by_labels(blocks: Sequence[Block], end: int) -> Questions | None:
    found: list[tuple[int, str]] = []
    for index in range(end):
        match = SPEAKER_LABEL.match(blocks[index].text)
        if match and match.group("label").lower().rstrip(".") not in NOT_LABELS:
            found.append((index, match.group("label").replace(".", "")))
    counts = Counter(label for _, label in found)
    full_names = [label for label in counts if " " in label or len(label) > 3]
    canonical = {label: label for label in counts}
    for name in full_names:
        initials = _initials(name).upper()
        if initials in counts and initials != name:
            canonical[initials] = name
    merged = Counter(canonical[label] for _, label in found)
    speakers = [label for label, count in merged.items() if count >= 2]
    if len(speakers) < 2 or sum(merged[s] for s in speakers) < 4:
        return None
    asking = Counter(
        canonical[label]
        for index, label in found
        if canonical[label] in speakers and _ENDS_WITH_QUESTION.search(blocks[index].text)
    )

    def interviewer_rank(name: str) -> tuple[bool, float]:
        return (name.lower() in _INTERVIEWER_WORDS, asking[name] / merged[name])

    interviewer = max(speakers, key=interviewer_rank)
    # A second interviewer asks as much as the first: most of their lines are questions.
    askers = [interviewer] + [
        name
        for name in speakers
        if name != interviewer
        and asking[name] * 2 > merged[name]
        and asking[name] >= 2
        and len(speakers) > 2
    ]
    answering = [s for s in speakers if s not in askers] or [
        s for s in speakers if s != interviewer
    ]
    interviewee = max(answering, key=lambda s: (merged[s], " " in s))
    indices = tuple(index for index, label in found if canonical[label] in askers)
    voices = tuple(
        (label, canonical[label])
        for label in dict.fromkeys(label for _, label in found)
        if canonical[label] in speakers
    )
    return Questions(
        mode=LABELS,
        indices=indices,
        interviewee=interviewee,
        voices=voices,
        askers=tuple(askers),
    )


def _by_formatting(blocks: Sequence[Block], end: int) -> Questions | None:
    marked = [
        index
        for index in range(end)
        if (blocks[index].bold or (blocks[index].kind == "heading" and blocks[index].level >= 2))
        and part_header(blocks[index]) is None
        and len(blocks[index].text) <= _TOO_LONG
    ]
    if len(marked) < 2:
        return None
    asking = [i for i in marked if _ENDS_WITH_QUESTION.search(blocks[i].text)]
    plain_questions = [
        i
        for i in range(end)
        if i not in marked
        and blocks[i].kind == "paragraph"
        and _ENDS_WITH_QUESTION.search(blocks[i].text)
        and len(blocks[i].text) <= _LONG
    ]
    if len(asking) * 2 < len(marked) and len(plain_questions) >= len(asking):
        return None
    notes = tuple(
        (i, "taken for a question because it is bold or a heading, but it does not end with '?'")
        for i in marked
        if i not in asking and not _is_instruction(blocks[i].text)
    )
    return Questions(mode=FORMATTING, indices=tuple(marked), notes=notes)


def _is_instruction(text: str) -> bool:
    first = words(text[:40])
    # "Décris-nous", "Parlez-moi", "Tell us": the verb before any attached pronoun.
    return bool(first) and first[0].split("-")[0] in IMPERATIVE and len(text) <= 160


def _by_content(blocks: Sequence[Block], end: int) -> Questions:
    indices: list[int] = []
    notes: list[tuple[int, str]] = []
    for index in range(end):
        block = blocks[index]
        if block.kind not in ("paragraph", "heading"):
            continue
        previous = blocks[index - 1] if index else None
        following = blocks[index + 1] if index + 1 < end else None
        score, doubt = _score(block, previous, following)
        if score >= 0.5:
            indices.append(index)
            if doubt:
                notes.append((index, doubt))
        elif doubt and score >= 0.3:
            notes.append((index, doubt))
    return Questions(mode=WORDING, indices=tuple(indices), notes=tuple(notes))


def _title_case(text: str) -> bool:
    """ "What Is a Book For?": a title (a list of books), not a question."""
    long_words = [w for w in text.split() if len(w) > 3]
    capitalised = [w for w in long_words if w[0].isupper()]
    return len(text.split()) >= 3 and len(long_words) >= 2 and len(capitalised) == len(long_words)


def _addresses(tokens: list[str]) -> bool:
    return any(
        t in ADDRESS or t.endswith(("-tu", "-vous", "-toi")) or t.startswith(("t’", "t'"))
        for t in tokens
    )


#: A question's number ("7. Un projet ?"): not part of what it says.
QUESTION_NUMBER = re.compile(r"^\d{1,3}\s*[.)]\s+(?=\S)")


def _score(block: Block, previous: Block | None, following: Block | None) -> tuple[float, str]:
    text = QUESTION_NUMBER.sub("", block.text, count=1)
    if not text or text[0] in "([{«“\"'" or text[0].islower():
        return 0.0, ""
    if not _ENDS_WITH_QUESTION.search(text):
        if _is_instruction(text) and text.rstrip()[-1:] in ".:!":
            if _addresses(words(text)) and len(text) <= _SHORT_LEAD:
                # "Décris ta job en 140 caractères.": a short instruction to the person.
                return 0.7, ""
            return 0.55, "taken for a question: it gives an instruction but does not end with '?'"
        return 0.0, ""
    tokens = words(text)
    score = 0.5
    addressed = _addresses(tokens)
    if addressed:
        score += 0.3
    opens = bool(tokens) and (tokens[0] in INTERROGATIVE or "est-ce" in tokens[0])
    if opens:
        score += 0.15
    first_person = sum(1 for t in tokens if t in FIRST_PERSON or t.startswith(("j’", "j'")))
    if first_person and not addressed:
        # "Would I do it again?" is the interviewee talking; "Should I keep bees?" asked for
        # the readers is answered to "you" in the next paragraph.
        answered_to_you = following is not None and _addresses(words(following.text[:200]))
        if not answered_to_you:
            score -= 0.35
    sentences = [part for part in re.split(r"(?<=[?.!])\s+", text) if part]
    asks = any(
        (w := words(sentence[:30])) and (w[0] in INTERROGATIVE or "est-ce" in w[0])
        for sentence in sentences
    )
    if len(sentences) > 1 and not addressed and (not asks or len(text) > _SHORT_LEAD):
        # "Trop fort ? Pas assez coulant ?" (remarks quoted in an answer), "Our June harvest
        # tastes almost minty, because of the lime trees. Who would have guessed?" (a long
        # statement closed by a rhetorical question).  A question of several sentences that
        # does not speak to the person opens with a short remark ("People say X. Is it true?").
        score -= 0.2
    if len(text) > _TOO_LONG:
        return 0.0, ""
    if len(text) > _LONG:
        score -= 0.45
    if _PARENTHETICAL_END.search(text):
        score -= 0.6
    if _RHETORICAL.match(text) and not addressed:
        score -= 0.4
    if _title_case(text) and not addressed:
        score -= 0.4
    if previous is not None and previous.text.endswith(":") and previous.kind != "heading":
        score -= 0.3
    if (
        len(tokens) <= 6
        and not first_person
        and following is not None
        and not _ENDS_WITH_QUESTION.search(following.text)
        and len(following.text) > len(text)
    ):
        # "Des anecdotes intéressantes?", "Your favourite tool?": a short question in a few
        # words, answered at length by the next paragraph.
        score += 0.15
    doubt = ""
    if 0.3 <= score < 0.65:
        verdict = "taken for a question" if score >= 0.5 else "not taken for a question"
        doubt = f"{verdict}: it ends with '?' but does not clearly address the person interviewed"
    return score, doubt
