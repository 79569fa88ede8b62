"""Where an interview ends: e-mail headers and tails, and the closing after the last answer.

An e-mail's header lines, signature and quoted message are not the interview; the
interviewer's thanks, "propos recueillis par", editing and licence notes and a sign-off end
the talk without being part of it.  They become the portrait's closing, with a review mark.
"""

from __future__ import annotations

import re

from interviewkit.importers.interviews._blocks import Block
from interviewkit.importers.interviews._draft import Draft, DraftExchange, Note
from interviewkit.importers.interviews._language import (
    CLOSING,
    CLOSING_PHRASE,
    FIRST_PERSON,
    SIGN_OFF,
    THANKS,
    words,
)

__all__ = ["cut_mail_tail", "end_of_talk", "is_closing_line", "is_mail_header", "is_thanks"]


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


def is_mail_header(block: Block, draft: Draft) -> bool:
    """An e-mail's header lines ("From: …", "Objet : …") are not the interview."""
    if block.line > 12 or not _MAIL_HEADER.match(block.text):
        return False
    draft.dropped.append(f"e-mail header (line {block.line})")
    sender = _SENDER.search(block.text)
    if sender and draft.sender is None:
        draft.sender = sender.group("name").strip()
    return True


def cut_mail_tail(blocks: list[Block], draft: Draft) -> int:
    """Index of an e-mail's signature ("--") or quoted original ("On … wrote:"), or the end."""
    for index, block in enumerate(blocks):
        if index > 3 and _MAIL_TAIL.match(block.text):
            draft.dropped.append(f"e-mail signature or quoted message (from line {block.line})")
            return index
    return len(blocks)


def end_of_talk(draft: Draft) -> None:
    """Move the end of the talk out of the last exchange into the closing.

    The interviewer's "Thank you, Maya!" (and a short reply) is not an exchange, and the lines
    that close the last answer with thanks, "Propos recueillis par", an editing note, a licence
    or a photo credit are not the person's words.  Both become the portrait's closing, with a
    review mark.
    """
    last = draft.exchanges[-1]
    if is_thanks(last.question.text) and all(
        len(b.text) <= 60 or is_closing_line(b.text) or not _voice_started(last, number)
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
            is_closing_line(text)
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


def is_thanks(text: str) -> bool:
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


def is_closing_line(text: str) -> bool:
    """A line about the interview, not in it: thanks, who collected it, an editing note."""
    short = len(text) <= 250
    return (
        is_thanks(text)
        or bool(CLOSING.match(text))
        or (short and bool(CLOSING_PHRASE.search(text)))
    )
