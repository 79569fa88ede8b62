"""Explicit migrations of canonical JSON from older schema versions.

Each migration is a pure function from the unstructured ``anthology`` object of version *N* to
that of version *N + 1*.  :func:`migrate` chains them; a document from a version with no path to
the current one (in practice: a newer one) is refused by the caller with
:class:`~interviewkit.errors.SchemaVersionError`.

Version ``"1"`` is the first published schema; ``"2"`` (interviewkit 0.2) states who said
what and who may print it (see :func:`one_to_two`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from interviewkit.model._validators import slugify

__all__ = ["MIGRATIONS", "migrate", "one_to_two"]

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


#: ``{from_version: (to_version, function)}``; append, never rewrite.
MIGRATIONS: dict[str, tuple[str, Migration]] = {"1": ("2", one_to_two)}


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
