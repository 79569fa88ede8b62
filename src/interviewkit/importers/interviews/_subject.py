"""Who was interviewed: the best-supported full name, never an organisation or a greeting.

Candidates come from the title and the lede, scored for a cue ("je vous présente"), for coming
back in the text and for a first name used alone; speaker labels settle it when they can.  A
guess below a clear margin carries a review mark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from interviewkit.importers.interviews._draft import Draft, Note
from interviewkit.importers.interviews._language import word_set

__all__ = ["fallback_title", "find_subject", "full_names"]


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


def find_subject(draft: Draft, interviewee: str | None) -> None:
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


def fallback_title(draft: Draft) -> None:
    name = draft.subject or ("la personne interviewée" if draft.language == "fr" else "")
    draft.title = (
        f"Portrait de {name}" if draft.language == "fr" else f"Portrait of {name or 'a guest'}"
    )
    draft.notes.append(Note(None, "no title was found; this one was made up"))
