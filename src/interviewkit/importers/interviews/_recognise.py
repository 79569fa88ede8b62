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
from interviewkit.importers.interviews._language import (
    CLOSING,
    CLOSING_PHRASE,
    FIRST_PERSON,
    SIGN_OFF,
    THANKS,
    word_set,
    words,
)
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
from interviewkit.model.models import Link, RelatedPortrait

__all__ = ["Draft", "DraftExchange", "Note", "full_names", "recognise"]

_NAME_RE = re.compile(
    r"\b[A-ZÀ-Ý][\w’'-]+(?:\s+(?:de\s+|du\s+|van\s+|von\s+|da\s+)?[A-ZÀ-Ý][\w’'-]+){1,3}"
)
# Capitalised words that start sentences or titles, never part of a person's name.
_NOT_IN_NAMES = word_set(
    """
    We The A An Of And Et Le La Les Un Une Des Du Dans Pour Elle Il Nous She He They In
    On At This That Our Notre Mon Ma My His Her Son Sa Depuis Since Quand When Après
    After Avant Before Portrait Rencontre Meet Propos Entre Chez Avec With Cette Ce Cet
    Ces Sur Par By Interview Entrevue Conversation Q R A Questions Question Ten Five
    Three Dix Cinq Trois Notes Série Series Hi Hello Dear Bonjour Salut Allô Cher Chère
    """
)
# Particles inside a name ("Yannick Le Goff", "Ana De Souza"), never its first word.
_PARTICLES = word_set("Le La Les De Du Des Van Von Da Di Del Della")
# Words of organisations, series and pages: a name holding one is not a person's.
_ORGANISATION_WORDS = word_set(
    """
    Spotlight Centre Center Community Collective Society Association Club Pantry Bakery Press
    Studio Studios Radio Café Cafe Library Bibliothèque Bibliothèques Coop Coopérative
    Fédération Federation Union Group Groupe Team Équipe Podcast Newsletter Bulletin Magazine
    Journal SIG Foundation Fondation Institute Institut University Université School École
    Company Inc Ltd Ltée Repair Atelier Ateliers Troupe Théâtre Theatre Festival Market Marché
    Network Réseau Council Conseil Committee Comité Project Projet Lab Labs Works Cooperative
    """
)
_CUE = re.compile(
    r"(?:présente|présentons|rencontré|rencontre|avec|meet|with|introduce|introducing|"
    r"portrait|caught up with|:)\s*$",
    re.IGNORECASE,
)
_PLAIN_TITLE_MAX = 110


@attrs.frozen
class Note:
    """A decision of the importer that a person should check."""

    line: int | None
    message: str


@attrs.define
class DraftExchange:
    """A question block and the blocks of its answer."""

    question: Block
    answer: list[Block]
    notes: list[Note] = attrs.Factory(list)
    asker: str | None = None
    """The name of the speaker who asks, when turns are labelled."""
    voices: list[tuple[int, str]] = attrs.Factory(list)
    """``(index in answer, speaker name)`` where a labelled answer starts."""


@attrs.define
class Draft:
    """What recognition found in one interview, before it becomes a portrait."""

    language: str
    title: str | None = None
    subject: str | None = None
    lede: list[Block] = attrs.Factory(list)
    exchanges: list[DraftExchange] = attrs.Factory(list)
    follow: tuple[Link, ...] = ()
    related: tuple[RelatedPortrait, ...] = ()
    reading: tuple[Link, ...] = ()
    reading_titles: tuple[str, ...] = ()
    parts: list[str] = attrs.Factory(list)
    """Parts recognised, in reading order: ``title``, ``lede``, ``follow``..."""
    dropped: list[str] = attrs.Factory(list)
    """What was left out on purpose (comments, share buttons, a closing thank-you)."""
    notes: list[Note] = attrs.Factory(list)
    """Notes about the portrait as a whole (title, subject, parts)."""
    mode: str = ""
    """How the questions were marked (``"Q/A prefixes"``, ``"speaker labels"``...)."""
    trailing_text: list[str] = attrs.Factory(list)
    """Text of the parts after the interview (a follow header names the subject)."""
    speakers: list[str] = attrs.Factory(list)
    """Names of the labelled voices, in order of first appearance."""
    closing: list[Block] = attrs.Factory(list)
    """What ends the interview after the last answer: thanks, credits, notices."""
    sender: str | None = None
    """The name in an e-mail's "From:" header: who wrote the answers."""
    sections: list[tuple[int, str]] = attrs.Factory(list)
    """``(index of the first exchange, title)`` of each titled part of the interview."""


def recognise(blocks: Sequence[Block], *, language: str, title: str | None = None) -> Draft:
    """Recognise the interview in ``blocks`` (the source's own title, if any, in ``title``)."""
    draft = Draft(language=language, title=title)
    if title:
        draft.parts.append("title")
    blocks = [block for block in blocks if not _is_mail_header(block, draft)]
    cut = min(_cut_comments(blocks, draft), _cut_mail_tail(blocks, draft))
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
    _subject(draft, questions.interviewee)
    if draft.title is None:
        _fallback_title(draft)
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
    return "?" not in text and len(text) > 120 and not _is_thanks(text)


_MAIL_HEADER = re.compile(
    r"^(?:From|To|Cc|Subject|Date|Sent|De|À|Objet|Envoyé|Répondre\s+à)\s?:\s+\S", re.IGNORECASE
)
_MAIL_TAIL = re.compile(
    r"^(?:--\s*|On\s.{5,120}\swrote:|Le\s.{5,120}\sa\s+écrit\s?:|"
    r"-{2,}\s*(?:Original\s+Message|Message\s+d['’]origine|Forwarded\s+message)\s*-{2,})$",
    re.IGNORECASE,
)


_SENDER = re.compile(
    r"(?:^|\s)(?:From|De)\s?:\s+(?P<name>[^<>@\s][^<>@\n]*?)\s*<?[\w.+-]+@", re.IGNORECASE
)


def _is_mail_header(block: Block, draft: Draft) -> bool:
    """An e-mail's header lines ("From: …", "Objet : …") are not the interview."""
    if block.line > 12 or not _MAIL_HEADER.match(block.text):
        return False
    draft.dropped.append(f"e-mail header (line {block.line})")
    sender = _SENDER.search(block.text)
    if sender and draft.sender is None:
        draft.sender = sender.group("name").strip()
    return True


def _cut_mail_tail(blocks: list[Block], draft: Draft) -> int:
    """Index of an e-mail's signature ("--") or quoted original ("On … wrote:"), or the end."""
    for index, block in enumerate(blocks):
        if index > 3 and _MAIL_TAIL.match(block.text):
            draft.dropped.append(f"e-mail signature or quoted message (from line {block.line})")
            return index
    return len(blocks)


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
            if is_furniture(block) and not _is_closing_line(block.text):
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
        _closing_thanks(draft)
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


def _closing_thanks(draft: Draft) -> None:
    """Move the end of the talk out of the last exchange into the closing.

    The interviewer's "Thank you, Maya!" (and a short reply) is not an exchange, and the lines
    that close the last answer with thanks, "Propos recueillis par", an editing note, a licence
    or a photo credit are not the person's words.  Both become the portrait's closing, with a
    review mark.
    """
    last = draft.exchanges[-1]
    if _is_thanks(last.question.text) and all(
        len(b.text) <= 60 or _is_closing_line(b.text) or not _voice_started(last, number)
        for number, b in enumerate(last.answer)
    ):
        # "Thank you, Tobias." / "My pleasure.": the end of the talk, not an exchange.
        draft.exchanges.pop()
        draft.closing = [last.question, *last.answer]
        draft.trailing_text.append(last.question.text)
        _closing_note(draft)
        return
    cut = _closing_start(last.answer)
    if cut < len(last.answer):
        draft.closing = last.answer[cut:]
        del last.answer[cut:]
        last.voices = [(index, name) for index, name in last.voices if index < cut]
        draft.trailing_text.extend(block.text for block in draft.closing)
        _closing_note(draft)


#: How many short lines at the end of the last answer may follow the closing's first line.
_CLOSING_TAIL = 6


def _closing_start(answer: list[Block]) -> int:
    """Where the closing starts in the last answer (its length when there is none).

    The closing is the earliest closing line ("Propos recueillis par…", "Thanks again…",
    "Cheers, Tomasz") among the short lines that end the answer; the lines after it belong to
    it ("Want to be featured? Write to…").  The answer keeps at least its first block.
    """
    start = len(answer)
    for index in range(len(answer) - 1, max(0, len(answer) - _CLOSING_TAIL) - 1, -1):
        if index == 0:
            break
        text = answer[index].text
        if len(text) > 300:
            break
        after_sign_off = SIGN_OFF.match(answer[index - 1].text) is not None
        if (
            _is_closing_line(text)
            or SIGN_OFF.match(text)
            or (after_sign_off and _is_name_line(text))
        ):
            start = index
    return start


def _is_name_line(text: str) -> bool:
    """ "Tomasz", "Émilie Roussel-Nadeau": a signature's name, alone on its line."""
    parts = text.split()
    return (
        0 < len(parts) <= 3
        and all(part[:1].isupper() for part in parts)
        and (text[-1:] not in ".?!:;,")
    )


def _voice_started(exchange: DraftExchange, number: int) -> bool:
    """Whether answer block ``number`` is (or continues) a labelled person's turn."""
    return any(start <= number for start, _ in exchange.voices)


def _closing_note(draft: Draft) -> None:
    first = draft.closing[0]
    draft.parts.append("closing")
    draft.notes.append(
        Note(first.line, f"took {len(draft.closing)} line(s) at the end for the closing")
    )


_OPENING = re.compile(r"^(?:[^.!?,]{1,40}[,!.]\s+)")


def _is_thanks(text: str) -> bool:
    """Thanks that end a talk: "Merci Mathias.", "Voilà! Merci encore…", "Priscilla, thank
    you so much." (not "Thanks to my mother, I learned…", which speaks in the first person)."""
    if text.rstrip().endswith("?") or len(text) > 250:
        return False
    opening = _OPENING.match(text)
    if not THANKS.match(text) and not (opening and THANKS.match(text[opening.end() :])):
        return False
    first_sentence = re.split(r"(?<=[.!])\s+", text, maxsplit=1)[0]
    if len(first_sentence) > 100 and opening is None:
        return False
    # "Thanks to my mother, I learned…" is an answer; "Thanks again for having me" is not.
    if re.match(r"^(?:thanks\s+to|merci\s+à\s+(?:mon|ma|mes))\b", text, re.IGNORECASE):
        return not any(word in FIRST_PERSON for word in words(first_sentence))
    return True


def _is_closing_line(text: str) -> bool:
    """A line about the interview, not in it: thanks, who collected it, an editing note."""
    short = len(text) <= 250
    return (
        _is_thanks(text)
        or bool(CLOSING.match(text))
        or (short and bool(CLOSING_PHRASE.search(text)))
    )


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
        if is_furniture(block) and not (kind is None and _is_closing_line(block.text)):
            draft.dropped.append(f"page furniture {block.text!r} (line {block.line})")
            continue
        if kind is None and is_follow_sentence(block):
            collected.setdefault("follow", []).append(block)
        elif kind is None and _is_closing_line(block.text):
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


def _subject(draft: Draft, interviewee: str | None) -> None:
    """The person interviewed: the best-supported full name of the title and the lede.

    A name scores for being in the title, after a cue ("je vous présente", "meet"), for each time
    it comes back in the text and each time its first name does ("Pour suivre Julie"); speaker
    labels settle it when the interviewee's label is a full name or its initials.
    """
    if interviewee and " " in interviewee:
        draft.subject = interviewee
        return
    head = [draft.title or ""] + [b.text for b in draft.lede]
    rest = " ".join(
        [e.question.text for e in draft.exchanges]
        + [b.text for e in draft.exchanges for b in e.answer]
        + [link.label for link in draft.follow]
        + draft.trailing_text
    )
    everything = " ".join(head) + " " + rest
    scores: dict[str, float] = {}
    for number, text in enumerate(head):
        for match in _NAME_RE.finditer(text):
            full = match.group(0).split()
            # "Farrier Callum Dunmore": the name may be the last words of a longer match.
            for start in range(len(full) - 1):
                name = " ".join(full[start:])
                first, *others = name.split()
                if not name[0].isupper() or first in _NOT_IN_NAMES:
                    continue
                if set(others) & (_NOT_IN_NAMES - _PARTICLES):
                    continue
                if set(name.split()) & _ORGANISATION_WORDS or re.search(r"['’]s\b", name):
                    continue  # "SIG Spotlight", "Street Pantry's": not a person
                score = scores.get(name, 0.0) + (2.0 if number == 0 else 1.0)
                if start == 0 and _CUE.search(text[: match.start()][-40:]):
                    score += 2.0
                scores[name] = score
    if not scores:
        if interviewee:
            draft.subject = interviewee
            return
        found = draft.sender or _name_in([b.text for b in draft.closing])
        if found:
            # No name before the questions: the e-mail's sender, or the closing's "Farah
            # Quenneville is the co-chair of…".  A guess worth a mark.
            draft.subject = found
            draft.notes.append(
                Note(None, f"took {found!r} for the person interviewed; check the subject's name")
            )
            return
        draft.notes.append(Note(None, "the name of the person interviewed was not found"))
        return
    for name in scores:
        scores[name] += everything.count(name) * 0.5
        # A first name on its own ("Pour suivre Julie", "Find Hollis online") is a person;
        # the first word of a company's name never comes alone.
        first, second = name.split()[:2]
        alone = rf"\b{re.escape(first)}\b(?!\s+{re.escape(second)})"
        scores[name] += len(re.findall(alone, everything)) * 1.5
        if interviewee and _initials(name) == interviewee.replace(".", "").upper():
            scores[name] += 10.0
        if interviewee and name.split()[0] == interviewee:
            scores[name] += 5.0  # "Rosalind:" answers: Rosalind Achebe is interviewed
        # "Rooftop Beekeeper": words that also come in lower case are common nouns.
        for word in name.split():
            if word.lower() != word and re.search(rf"\b{re.escape(word.lower())}", everything):
                scores[name] -= 1.5
    ranked = sorted(scores, key=lambda name: (scores[name], -head[0].find(name)), reverse=True)
    draft.subject = ranked[0]
    best = scores[ranked[0]]
    runner_up = scores[ranked[1]] if len(ranked) > 1 else 0.0
    if best < 3.0 or best - runner_up < 1.5:
        alternatives = ", ".join(repr(name) for name in ranked[1:3])
        draft.notes.append(
            Note(
                None,
                f"took {draft.subject!r} for the person interviewed"
                + (f" (also possible: {alternatives})" if alternatives else "")
                + "; check the subject's name",
            )
        )


def full_names(texts: Sequence[str]) -> list[str]:
    """The full names (two to four capitalised words) of people mentioned in ``texts``."""
    found: dict[str, None] = {}
    for text in texts:
        for match in _NAME_RE.finditer(text):
            parts = match.group(0).split()
            if parts[0] in _NOT_IN_NAMES or set(parts) & _ORGANISATION_WORDS:
                continue
            found[" ".join(parts)] = None
    return list(found)


def _name_in(texts: list[str]) -> str | None:
    """The first full name (two to four capitalised words) in ``texts`` that is a person's."""
    for text in texts:
        for match in _NAME_RE.finditer(text):
            parts = match.group(0).split()
            if parts[0] in _NOT_IN_NAMES or set(parts) & _ORGANISATION_WORDS:
                continue
            return match.group(0)
    return None


def _initials(name: str) -> str:
    return "".join(part[0] for part in re.split(r"[\s-]+", name) if part).upper()


def _fallback_title(draft: Draft) -> None:
    name = draft.subject or ("la personne interviewée" if draft.language == "fr" else "")
    draft.title = (
        f"Portrait de {name}" if draft.language == "fr" else f"Portrait of {name or 'a guest'}"
    )
    draft.notes.append(Note(None, "no title was found; this one was made up"))
