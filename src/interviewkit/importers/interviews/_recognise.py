"""From blocks to a draft portrait: title, subject, lede, exchanges and the parts around them.

The order of the work follows the page: page furniture and comments are cut off the end, the
questions are found (:mod:`._questions`), the interview ends at the first part header or
separator after the first question, and what follows is read part by part (:mod:`._parts`).
Every guess a person should check becomes a :class:`Note` with the source line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import attrs

from interviewkit.errors import ModelError
from interviewkit.importers.interviews._blocks import Block
from interviewkit.importers.interviews._draft import Draft, DraftExchange, Note
from interviewkit.importers.interviews._endings import (
    cut_mail_tail,
    end_of_talk,
    is_closing_line,
    is_mail_header,
    is_thanks,
)
from interviewkit.importers.interviews._language import FIRST_PERSON, words
from interviewkit.importers.interviews._parts import (
    comment_counter_title,
    follow_links,
    is_follow_sentence,
    is_furniture,
    part_header,
    reading_entries,
    related_entry,
)
from interviewkit.importers.interviews._questions import (
    A_MARKER,
    FORMATTING,
    LABELS,
    MARKERS,
    NOT_LABELS,
    Q_MARKER,
    QUESTION_NUMBER,
    SPEAKER_LABEL,
    WORDING,
    find_questions,
    strip_marker,
)
from interviewkit.importers.interviews._subject import fallback_title, find_subject

__all__ = ["recognise"]

_PLAIN_TITLE_MAX = 110


def recognise(blocks: Sequence[Block], *, language: str, title: str | None = None) -> Draft:
    """Recognise the interview in ``blocks`` (the source's own title, if any, in ``title``)."""
    draft = Draft(language=language, title=title)
    if title:
        draft.parts.append("title")
    blocks = [block for block in blocks if not is_mail_header(block, draft)]
    cut = min(_cut_comments(blocks, draft), cut_mail_tail(blocks, draft))
    questions = find_questions(blocks, cut)
    draft.mode = questions.mode
    sections = _section_titles(blocks, list(questions.indices), cut, draft.title)
    indices = [index for index in questions.indices if index not in sections]
    if questions.mode == LABELS:
        # A host's welcome before the first question is the lede, not a question.
        while len(indices) > 1 and _is_welcome(blocks[indices[0]].text):
            indices.pop(0)
    end = cut
    if indices:
        first = indices[0]
        end = next(
            (
                i
                for i in range(first + 1, cut)
                if blocks[i].kind == "separator" or part_header(blocks[i]) is not None
            ),
            cut,
        )
        indices = [i for i in indices if i < end]
        if indices:
            # Follow lines with no header ("Elias can be reached at https://...") end the
            # last answer when they speak of the person, not as the person.
            while end - 1 > indices[-1] + 1 and (
                _third_person_follow(blocks[end - 1]) or is_furniture(blocks[end - 1])
            ):
                end -= 1
    notes_by_block = {i: note for i, note in questions.notes if i not in sections}
    for index, (title, certain) in sections.items():
        if not certain:
            message = f"took {title!r} for the title of a part of the interview"
            draft.notes.append(Note(blocks[index].line, message))
    _title_and_lede(
        [b if i not in sections else _SKIPPED for i, b in enumerate(blocks)],
        indices[0] if indices else end,
        draft,
    )
    voices = dict(questions.voices)
    draft.lede = [
        strip_marker(block, SPEAKER_LABEL) if _voice(block, voices) else block
        for block in draft.lede
    ]
    _exchanges(blocks, indices, end, notes_by_block, draft, voices, sections)
    _trailing_parts(blocks, end, cut, draft)
    find_subject(draft, questions.interviewee)
    if draft.title is None:
        fallback_title(draft)
    return draft


#: A block that recognition passes over (a part title, already taken).
_SKIPPED = Block(text="", markdown="", line=0, kind="separator")
_TERMINAL = ".?!:;,…"


def _section_titles(
    blocks: list[Block], indices: list[int], end: int, title: str | None
) -> dict[int, tuple[str, bool]]:
    """Titles of parts inside the interview: ``{block index: (title, certain)}``.

    A heading without a question mark just before a question is a part's title (certain when
    the questions are headings of a lower level).  In plain text, a short line with no final
    punctuation between an answer and a question is one too, with a review mark.
    """
    found: dict[int, tuple[str, bool]] = {}
    question_levels = Counter(
        blocks[i].level
        for i in indices
        if blocks[i].kind == "heading" and blocks[i].text.rstrip().endswith("?")
    )
    level = question_levels.most_common(1)[0][0] if question_levels else None
    positions = set(indices)
    previous_question = dict(zip(indices[1:], indices, strict=False))
    for number, index in enumerate(indices):
        block = blocks[index]
        if (
            block.kind == "heading"
            and level is not None
            and block.level < level
            and not block.text.rstrip().endswith("?")
            and number + 1 < len(indices)
        ):
            found[index] = (block.text, True)
    for index in indices:
        before = index - 1
        if before < 1 or before in positions or before in found:
            continue
        block = blocks[before]
        if block.text == title or (block.kind == "heading" and block.level == 1):
            continue  # the page's headline
        if block.kind == "heading" and not block.text.rstrip().endswith("?"):
            if part_header(block) is None:
                found[before] = (block.text, True)
            continue
        text = block.text.strip()
        if (
            block.kind == "paragraph"
            and 2 < len(text) <= 50
            and len(text.split()) <= 6
            and text[0].isupper()
            and text[-1] not in _TERMINAL
            and not block.bold
            and not block.links
            and not SPEAKER_LABEL.match(text)
            and part_header(block) is None
            and not is_furniture(block)
            and blocks[before - 1].kind != "heading"
            # The answer before keeps a sentence of its own: a short answer ("Animation et
            # recherche culturelle") is not a title.
            and before - 1 > previous_question.get(index, -1)
            and blocks[before - 1].text.rstrip()[-1:] in '.!?…»)"”'
            and index < end
        ):
            found[before] = (text, False)
    return found


def _is_welcome(text: str) -> bool:
    """An interviewer's turn that introduces rather than asks: long, with no question."""
    return "?" not in text and len(text) > 120 and not is_thanks(text)


def _third_person_follow(block: Block) -> bool:
    if not is_follow_sentence(block) or block.text.startswith(("@", "http", "www.")):
        # A line that starts with the address is a list item of the answer ("@x to follow
        # the news"), not a sentence about the person.
        return False
    return not any(word in FIRST_PERSON for word in words(block.text))


def _cut_comments(blocks: list[Block], draft: Draft) -> int:
    """Index where the page's comments start (a comment counter), or the end."""
    for index, block in enumerate(blocks):
        counter_title = comment_counter_title(block)
        if counter_title:
            if draft.title is None:
                draft.title = counter_title
                draft.parts.append("title")
            draft.dropped.append(f"comments (from line {block.line})")
            return index
    return len(blocks)


def _title_and_lede(blocks: list[Block], first_question: int, draft: Draft) -> None:
    lede = [b for b in blocks[:first_question] if not is_furniture(b) and b.kind != "separator"]
    lede = _without_kicker(lede, draft)
    if draft.title is None and lede:
        head = lede[0]
        looks_like_title = (
            (head.kind == "heading" or len(head.text) <= _PLAIN_TITLE_MAX)
            and head.text[-1:] not in ".?!:;,"
            and len(lede) > 1
        )
        if looks_like_title:
            draft.title = head.text
            draft.parts.append("title")
            lede = lede[1:]
            if head.kind != "heading":
                draft.notes.append(Note(head.line, "took the first line for the title"))
    elif lede and lede[0].text == draft.title:
        lede = lede[1:]  # the headline, already the title (a comment counter quoted it)
    if draft.sender is not None and lede:
        # An e-mail's "Hi Ana, sorry for the delay…" is a letter's opening, not a lede.
        draft.dropped.append(f"the e-mail's opening lines (from line {lede[0].line})")
        draft.notes.append(Note(lede[0].line, "left out the e-mail's opening lines (no lede)"))
        lede = []
    draft.lede = lede
    if lede:
        draft.parts.append("lede")


def _without_kicker(lede: list[Block], draft: Draft) -> list[Block]:
    """The lede without the short lines above the page's headline ("SIG Spotlight", a
    series or an organisation's name): the headline is the first top-level heading, or the
    title already found, among the first lines."""
    for index, block in enumerate(lede[:4]):
        headline = block.kind == "heading" and block.level == 1
        if headline or (draft.title is not None and block.text == draft.title):
            if index and all(len(b.text) <= 100 for b in lede[:index]):
                shown = " / ".join(b.text for b in lede[:index])
                draft.dropped.append(f"lines above the title: {shown!r}")
                draft.notes.append(
                    Note(lede[0].line, f"left out the lines above the title ({shown!r})")
                )
                return lede[index:]
            return lede
    return lede


def _exchanges(
    blocks: list[Block],
    indices: list[int],
    end: int,
    notes_by_block: dict[int, str],
    draft: Draft,
    voices: dict[str, str],
    sections: dict[int, tuple[str, bool]],
) -> None:
    bounds = [*indices, end]
    starts_of_parts = sorted(sections)
    for number, index in enumerate(indices):
        while starts_of_parts and starts_of_parts[0] < index:
            title, _ = sections[starts_of_parts.pop(0)]
            draft.sections.append((len(draft.exchanges), title))
        asker = _voice(blocks[index], voices)
        question = _clean_question(blocks[index], draft.mode)
        odd_labels: list[Note] = []
        answer: list[Block] = []
        starts: list[tuple[int, str]] = []
        for position in range(index + 1, bounds[number + 1]):
            block = blocks[position]
            if block.kind == "separator" or position in sections:
                continue
            if is_furniture(block) and not is_closing_line(block.text):
                continue
            speaker = _voice(block, voices)
            if speaker is not None:
                starts.append((len(answer), speaker))
                answer.append(strip_marker(block, SPEAKER_LABEL))
            elif draft.mode == LABELS:
                answer.append(block)
                unknown = _unknown_label(block)
                if unknown is not None:
                    odd_labels.append(
                        Note(
                            block.line,
                            f"{unknown!r} looks like a speaker's label but speaks only here; "
                            "kept as text of the answer before it",
                        )
                    )
            else:
                answer.append(_clean_answer(block, draft.mode))
        exchange = DraftExchange(question=question, answer=answer, asker=asker, voices=starts)
        exchange.notes.extend(odd_labels)
        if index in notes_by_block:
            exchange.notes.append(Note(blocks[index].line, notes_by_block[index]))
        if draft.exchanges and not draft.exchanges[-1].answer and draft.mode == WORDING:
            # Two questions in a row: one question written over two lines.
            previous = draft.exchanges[-1]
            joined = attrs.evolve(
                previous.question,
                text=f"{previous.question.text} {question.text}",
                markdown=f"{previous.question.markdown} {question.markdown}",
            )
            previous.question = joined
            previous.answer = answer
            previous.voices = starts
            previous.notes.append(
                Note(question.line, "joined two lines into one question (no answer between)")
            )
            continue
        draft.exchanges.append(exchange)
    if draft.exchanges:
        draft.parts.append("interview")
        end_of_talk(draft)
        if not voices:
            _strip_answer_labels(draft)
        draft.speakers = list(
            dict.fromkeys(
                name
                for exchange in draft.exchanges
                for name in [exchange.asker, *(voice for _, voice in exchange.voices)]
                if name is not None
            )
        )
    for exchange in draft.exchanges:
        if not exchange.answer:
            exchange.notes.append(Note(exchange.question.line, "this question has no answer"))


def _voice(block: Block, voices: dict[str, str]) -> str | None:
    """The speaker whose label opens ``block``, when it is one of the interview's voices."""
    if not voices:
        return None
    match = SPEAKER_LABEL.match(block.text)
    if match is None:
        return None
    return voices.get(match.group("label").replace(".", ""))


_QUESTION_NUMBER_MARKDOWN = re.compile(r"^(\*\*|__)?\s*\d{1,3}\s*\\?[.)]\s+")


def _unknown_label(block: Block) -> str | None:
    """A ``Name:`` opening that is not one of the interview's voices (ambiguous: a third
    person speaking once, or a sentence that happens to start like a label)."""
    match = SPEAKER_LABEL.match(block.text)
    if match is None:
        return None
    label = match.group("label")
    if label.lower().rstrip(".") in NOT_LABELS or len(label.split()) > 3:
        return None
    return label


def _clean_question(block: Block, mode: str) -> Block:
    """The question without what marks it: ``Q:``, a speaker's label, its number ("3.")."""
    number = QUESTION_NUMBER.match(block.text)
    if number:
        text = block.text[number.end() :]
        markdown = _QUESTION_NUMBER_MARKDOWN.sub(r"\1", block.markdown, count=1)
        block = block.with_text(text, markdown)
    if mode == LABELS:
        return strip_marker(block, SPEAKER_LABEL)
    # "Q:" is a marker whatever else marks the question ("**Q: How did you start?**").
    return strip_marker(block, Q_MARKER)


def _clean_answer(block: Block, mode: str) -> Block:
    if mode in (MARKERS, FORMATTING):
        return strip_marker(block, A_MARKER)
    if mode == LABELS:
        return strip_marker(block, SPEAKER_LABEL)
    return block


def _strip_answer_labels(draft: Draft) -> None:
    """Labels that open answers ("**Priya:** By accident.") are the interview's voices.

    Questions marked by formatting often carry labels too: the one that opens most answers
    makes the others count, and every label that opens two answer paragraphs (a round table
    has several) or two questions (two interviewers) becomes a voice and leaves the text.
    """
    firsts = Counter(
        match.group("label")
        for exchange in draft.exchanges
        if exchange.answer
        for match in [SPEAKER_LABEL.match(exchange.answer[0].text)]
        if match
    )
    if not firsts:
        return
    label, count = firsts.most_common(1)[0]
    if count < 2 or count * 5 < len(draft.exchanges) * 3:
        return
    answering = Counter(
        match.group("label")
        for exchange in draft.exchanges
        for block in exchange.answer
        for match in [SPEAKER_LABEL.match(block.text)]
        if match
    )
    asking = Counter(
        match.group("label")
        for exchange in draft.exchanges
        for match in [SPEAKER_LABEL.match(exchange.question.text)]
        if match
    )
    voices = {name for name, seen in answering.items() if seen >= 2} | {label}
    askers = {name for name, seen in asking.items() if seen >= 2}
    voices = {name for name in voices if name.lower() not in NOT_LABELS}
    askers = {name for name in askers if name.lower() not in NOT_LABELS}
    for exchange in draft.exchanges:
        match = SPEAKER_LABEL.match(exchange.question.text)
        if match and match.group("label") in askers:
            exchange.asker = match.group("label")
            exchange.question = strip_marker(exchange.question, SPEAKER_LABEL)
        for number, block in enumerate(exchange.answer):
            match = SPEAKER_LABEL.match(block.text)
            if match and match.group("label") in voices:
                exchange.voices.append((number, match.group("label")))
                exchange.answer[number] = strip_marker(block, SPEAKER_LABEL)


def _trailing_parts(blocks: list[Block], end: int, cut: int, draft: Draft) -> None:
    kind: str | None = None
    collected: dict[str, list[Block]] = {}
    left_out: list[Block] = []
    for block in blocks[end:cut]:
        if block.kind == "separator":
            kind = None
            continue
        draft.trailing_text.append(block.text)
        header_kind = part_header(block)
        if header_kind is not None:
            kind = header_kind
            collected.setdefault(kind, [])
            if kind == "follow" and ":" in block.text:
                # "Follow her on Twitter: @maya" carries its first link on the header line.
                rest = block.text.split(":", 1)[1].strip()
                if rest:
                    collected[kind].append(block)
            continue
        if is_furniture(block) and not (kind is None and is_closing_line(block.text)):
            draft.dropped.append(f"page furniture {block.text!r} (line {block.line})")
            continue
        if kind is None and is_follow_sentence(block):
            collected.setdefault("follow", []).append(block)
        elif kind is None and is_closing_line(block.text):
            if not draft.closing:
                draft.parts.append("closing")
                draft.notes.append(
                    Note(block.line, "took the lines after the interview for its closing")
                )
            draft.closing.append(block)
        elif kind is None:
            left_out.append(block)
        else:
            collected[kind].append(block)
    if "follow" in collected:
        found = follow_links(collected["follow"])
        draft.follow = found.links
        draft.notes.extend(Note(None, guess) for guess in found.guesses)
        draft.parts.append("follow")
    if "related" in collected:
        related = []
        for block in collected["related"]:
            try:
                entry = related_entry(block)
            except ModelError:
                entry = None
            if entry is not None:
                related.append(entry)
        draft.related = tuple(related)
        draft.parts.append("related")
    if "reading" in collected:
        draft.reading, draft.reading_titles = reading_entries(collected["reading"])
        draft.parts.append("reading")
        if draft.reading_titles:
            draft.notes.append(
                Note(
                    collected["reading"][0].line,
                    f"{len(draft.reading_titles)} reading-list titles came without a link",
                )
            )
    if left_out:
        draft.notes.append(
            Note(
                left_out[0].line,
                f"left out {len(left_out)} lines after the interview that belong to no part",
            )
        )
