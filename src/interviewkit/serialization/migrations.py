"""Explicit migrations of canonical JSON from older schema versions.

Each migration is a pure function from the unstructured ``anthology`` object of version *N* to
that of version *N + 1*.  :func:`migrate` chains them; a document from a version with no path to
the current one (in practice: a newer one) is refused by the caller with
:class:`~interviewkit.errors.SchemaVersionError`.

Version ``"1"`` is the first published schema; ``"2"`` (interviewkit 0.2) states who said
what and who may print it (see :func:`one_to_two`); ``"3"`` (interviewkit 0.3) adds the settings
of the generated back matter and the questions' keys (see :func:`two_to_three`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from interviewkit.model._validators import slugify

__all__ = ["MIGRATIONS", "migrate", "one_to_two", "two_to_three"]

Migration = Callable[[Any], Any]


def one_to_two(anthology: Any) -> Any:
    """Schema 1 → 2: interviewers stated, voices declared, answers per speaker, credits.

    - ``interviewer`` (one person or ``null``) becomes ``interviewers``: ``[person]``, or
      ``null`` (inherit the anthology's ``default_interviewers``, which starts empty).  Version 1
      printed the first editor as the interviewer of every portrait that named none; version 2
      never guesses, so such a portrait now names no interviewer.  To keep the old byline, set
      ``default_interviewers`` to that editor.
    - ``asker``/``speaker`` names become declared ``speakers`` (ids slugified from the names)
      and each ``answer`` becomes ``answers: [{"text", "speaker"}]`` (none when it was empty).
    - ``source`` becomes ``credits.first_published.url``.
    - The new fields (``closing``, ``credits``, ISBNs, ``legal_deposit``) start empty.

    Anything that is not a version 1 object is passed through untouched: the structuring that
    follows reports it with its path.
    """
    if not isinstance(anthology, dict):
        return anthology
    result = dict(anthology)
    result.setdefault("default_interviewers", [])
    result.setdefault("isbn_epub", None)
    result.setdefault("isbn_print", None)
    result.setdefault("legal_deposit", None)
    portraits = result.get("portraits")
    if isinstance(portraits, list):
        result["portraits"] = [_portrait_one_to_two(portrait) for portrait in portraits]
    return result


def _portrait_one_to_two(portrait: Any) -> Any:
    if not isinstance(portrait, dict):
        return portrait
    result = dict(portrait)
    interviewer = result.pop("interviewer", None)
    result["interviewers"] = None if interviewer is None else [interviewer]
    source = result.pop("source", None)
    result["credits"] = {
        "first_published": None
        if source is None
        else {"date": None, "publication": None, "title": None, "url": source},
        "permission": None,
        "photos": [],
    }
    result.setdefault("closing", "")
    speakers: dict[str, str] = {}  # name -> id

    def voice(name: Any) -> Any:
        if not isinstance(name, str):
            return name
        if name not in speakers:
            base = slugify(name) or "speaker"
            speaker_id, number = base, 2
            while speaker_id in speakers.values():
                speaker_id, number = f"{base}-{number}", number + 1
            speakers[name] = speaker_id
        return speakers[name]

    interview = result.get("interview")
    if isinstance(interview, dict) and isinstance(interview.get("exchanges"), list):
        exchanges = []
        for exchange in interview["exchanges"]:
            if not isinstance(exchange, dict):
                exchanges.append(exchange)
                continue
            new = dict(exchange)
            answer = new.pop("answer", "")
            speaker = new.pop("speaker", None)
            new["asker"] = None if new.get("asker") is None else voice(new["asker"])
            has_answer = not isinstance(answer, str) or answer.strip() or speaker is not None
            new["answers"] = (
                [{"speaker": None if speaker is None else voice(speaker), "text": answer}]
                if has_answer
                else []
            )
            exchanges.append(new)
        result["interview"] = {**interview, "exchanges": exchanges}
    result["speakers"] = [
        {
            "affiliations": [],
            "id": speaker_id,
            "label": None,
            "links": [],
            "name": name,
            "role": None,
            "sort_name": None,
        }
        for name, speaker_id in speakers.items()
    ]
    return result


# The defaults of version 3, written out rather than read from the model: a migration describes
# what a version 2 document meant, which must not change when a later release changes a default.
_INDEX_DEFAULTS = {"enabled": True, "title": None}
_CONCORDANCE_DEFAULTS = {
    "answers": False,
    "enabled": True,
    "min_portraits": 2,
    "similarity": 90,
    "title": None,
}
_READING_LIST_DEFAULTS = {"enabled": True, "min_portraits": 1, "title": None}


def two_to_three(anthology: Any) -> Any:
    """Schema 2 → 3: the settings of the generated back matter, and the questions' keys.

    - ``index``, ``concordance`` and ``reading_list`` (the ``[index]``, ``[concordance]`` and
      ``[reading_list]`` tables of ``anthology.toml``) start at their defaults: every part is
      made when the book has material for it, under its translated title; the concordance
      lists a question asked in at least two portraits (``similarity`` 90, links only) and the
      reading list every recommended reading.  A version 2 book built by 0.3 therefore gains
      this back matter; set ``enabled`` to ``false`` in a table to keep the book as it was.
    - Every exchange gains ``key``: ``null`` (no ``{#key}`` was written in version 2), so
      questions are grouped in the concordance by their wording alone.

    Anything that is not a version 2 object is passed through untouched: the structuring that
    follows reports it with its path.
    """
    if not isinstance(anthology, dict):
        return anthology
    result = dict(anthology)
    result.setdefault("index", dict(_INDEX_DEFAULTS))
    result.setdefault("concordance", dict(_CONCORDANCE_DEFAULTS))
    result.setdefault("reading_list", dict(_READING_LIST_DEFAULTS))
    portraits = result.get("portraits")
    if isinstance(portraits, list):
        result["portraits"] = [_portrait_two_to_three(portrait) for portrait in portraits]
    return result


def _portrait_two_to_three(portrait: Any) -> Any:
    if not isinstance(portrait, dict):
        return portrait
    interview = portrait.get("interview")
    if not isinstance(interview, dict) or not isinstance(interview.get("exchanges"), list):
        return portrait
    exchanges = [
        {**exchange, "key": exchange.get("key")} if isinstance(exchange, dict) else exchange
        for exchange in interview["exchanges"]
    ]
    return {**portrait, "interview": {**interview, "exchanges": exchanges}}


#: ``{from_version: (to_version, function)}``; append, never rewrite.
MIGRATIONS: dict[str, tuple[str, Migration]] = {
    "1": ("2", one_to_two),
    "2": ("3", two_to_three),
}


def migrate(anthology: Any, version: str, target: str) -> Any | None:
    """Migrate ``anthology`` from ``version`` to ``target``; ``None`` when there is no path."""
    seen = {version}
    while version != target:
        step = MIGRATIONS.get(version)
        if step is None:
            return None
        version, function = step
        if version in seen:  # a cycle in the table is a bug; refuse rather than loop
            return None
        seen.add(version)
        anthology = function(anthology)
    return anthology
