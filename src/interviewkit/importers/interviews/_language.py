"""The words recognition relies on, in French and English, and a guess of the language.

Everything language-specific lives here, so supporting a third language means adding word lists
to this module, not touching the recognition rules.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = [
    "ADDRESS",
    "FIRST_PERSON",
    "IMPERATIVE",
    "INTERROGATIVE",
    "THANKS",
    "guess_language",
    "word_set",
    "words",
]


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: word lists stay readable in the source."""
    return frozenset(text.split())


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

_FRENCH = word_set(
    """
        le la les des est et je tu vous que qui pour dans une un du avec pas ce sur au aux
        mais ou où sont être très aussi plus comme ça c’est c'est j’ai j'ai mon ma mes ton
        ta tes
    """
)
_ENGLISH = word_set(
    """
        the and is you to of in that it for with what how my your on are be was this have i
        i'm i’m do does did but or at as so an
    """
)

#: Words that address the person interviewed: a sentence with one of them is asked *of* them.
ADDRESS = word_set(
    """
        you your yours yourself you've you’ve you're you’re you'd you’d you'll you’ll
        tu te t toi ton ta tes vous votre vos as-tu es-tu fais-tu penses-tu vois-tu
    """
)
#: First-person words: a line full of them is the interviewee talking, not a question.
FIRST_PERSON = word_set(
    """
        i i'm i’m i've i’ve me my mine je j j' j’ moi mon ma mes
    """
)
#: Words that open a question.
INTERROGATIVE = word_set(
    """
        what what's what’s how why who whom whose where when which whether do does did are
        is was were have has had can could would will should shall may might if any quel
        quelle quels quelles quoi que qu qu’est-ce qu'est-ce comment pourquoi qui où ou
        quand combien est-ce est-ce-que si lequel laquelle lesquels lesquelles à a de en
        pour avec
    """
)
#: Verbs that open a question written as an instruction ("Describe your job in 140 characters.").
IMPERATIVE = word_set(
    """
        describe tell explain name give share talk walk introduce summarize summarise sum
        complete list define finish pick choose imagine paint recommend décris décrivez
        raconte racontez explique expliquez parle parlez présente présentez nomme nommez
        donne donnez cite citez résume résumez complète complétez choisis choisissez imagine
        imaginez recommande recommandez définis définissez
    """
)
#: The interviewer's closing line ("Merci Julie !", "Thanks, Sam.").
THANKS = re.compile(
    r"^(?:un\s+)?(?:grand\s+)?(?:merci|thank\s+you|thanks|many\s+thanks)\b", re.IGNORECASE
)
#: The sign-off of a letter or an e-mail, with the name that may follow on the same line.
SIGN_OFF = re.compile(
    r"^(?:cheers|best|regards|kind\s+regards|best\s+regards|warm\s+regards|best\s+wishes|"
    r"all\s+the\s+best|take\s+care|bonne\s+(?:soirée|journée|fin\s+de\s+semaine)|"
    r"à\s+(?:bientôt|plus)|amitiés|cordialement|salutations|au\s+plaisir|bises|bisous)"
    r"[\s,!.]*(?:[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*){0,2})?\s*$",
    re.IGNORECASE,
)
#: Phrases that, anywhere in a short line, say it is about the interview rather than part of it.
CLOSING_PHRASE = re.compile(
    r"\b(?:(?:has|have|was|were)\s+been\s+(?:edited|condensed|lightly\s+edited)|"
    r"edited\s+for\s+(?:length|clarity)|(?:was|were)\s+interviewed\s+by|"
    r"interviews?\s+(?:are|is|was|were)\s+(?:conducted|edited|recorded)|"
    r"(?:a|ont)\s+été\s+(?:réalisée?s?|menée?s?|révisée?s?|recueillie?s?|abrégée?s?)|"
    r"révisée?s?\s+pour\s+(?:la\s+longueur|la\s+clarté)|licen[cs]e\s+(?:CC|creative)|"
    r"sous\s+licence|under\s+(?:a\s+)?(?:CC|creative\s+commons)|first\s+appeared|"
    r"(?:a|est)\s+d['’]abord\s+paru|première\s+parution|lightly\s+edited)",
    re.IGNORECASE,
)
#: Lines that close an interview without being part of it: who collected it, how it was edited,
#: under which licence or permission it is published, photo credits.
CLOSING = re.compile(
    r"^[\s*_(\[]*(?:propos\s+recueillis|entrevue\s+réalisée|entretien\s+réalisé|"
    r"interview(?:ed)?\s+(?:by|conducted)|this\s+interview\s+(?:has\s+been|was)|"
    r"(?:cette|l['’])\s*entrevue\s+a\s+été|(?:ce|cet)\s+(?:texte|article)\s+(?:est|a)|"
    r"this\s+(?:text|article|interview|piece)\s+(?:is|was|first)|publié\s+sous|"
    r"published\s+under|licensed\s+under|sous\s+licence|reproduit\s+avec|"
    r"reprinted\s+(?:with|by)|©|crédits?\s+photo|photo\s*(?:credit)?\s*:|"
    r"edited\s+(?:and|for)\s+(?:length|clarity)|transcription\s*:)",
    re.IGNORECASE,
)


def words(text: str) -> list[str]:
    """Lower-case words of ``text``, with ``-tu``/``’s`` kept attached."""
    return [match.group(0).lower() for match in _WORD.finditer(text)]


def guess_language(text: str) -> str:
    """``"fr"`` or ``"en"``, whichever has more of its common words in ``text``."""
    counts = Counter(words(text[:200_000]))
    french = sum(counts[word] for word in _FRENCH)
    english = sum(counts[word] for word in _ENGLISH)
    return "fr" if french > english else "en"


# Words and places that are Québec's and not France's (or rare there): evidence for "fr-CA".
_QUEBEC = word_set(
    """
    québec montréal sherbrooke gatineau trois-rivières saguenay lévis longueuil rimouski
    gaspésie outaouais mauricie laurentides estrie abitibi charlevoix beauce lanaudière
    cégep cégeps dépanneur tuque poutine pantoute magasiner clavarder clavardage placoter
    jaser icitte bibitte quétaine achaler niaiser
    """
)


def regional_tag(text: str, language: str) -> str | None:
    """A regional tag (``fr-CA``) when the text itself shows the region, else ``None``.

    Two different Québec words or places are evidence; one is not (a Parisian may mention
    Montréal).  Only French is judged: English regional spelling is too thin a signal.
    """
    if language != "fr":
        return None
    found = {word for word in words(text[:200_000]) if word in _QUEBEC}
    return "fr-CA" if len(found) >= 2 else None
