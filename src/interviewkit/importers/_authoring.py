"""The authoring format's shorthands, expanded into the model's plain data.

An author writes what reads naturally (``interviewer:`` for the one person who asked,
``source:`` for the address of the first publication, ``speakers: [Ana, Ben]``, an ISBN with
its hyphens); the model has one spelling for each.  The expansion happens on plain data before
structuring, so the model's validators and the converter's paths still report every mistake.
"""

from __future__ import annotations

from typing import Any

from stdnum import isbn

from interviewkit.model._validators import isbn_problem, slugify

__all__ = ["PORTRAIT_SHORTHANDS", "compact_isbns", "expand_portrait", "speaker_labels"]

#: Front-matter keys that are not model fields, with what they stand for.
PORTRAIT_SHORTHANDS = {
    "interviewer": "interviewers (one person, or null for none named)",
    "source": "credits.first_published.url",
}


def compact_isbns(data: dict[str, Any]) -> None:
    """Write ``isbn_epub``/``isbn_print`` in compact form when they are valid ISBN-13s.

    Invalid ones are left as written: the model refuses them with the reason and the fix.
    """
    for key in ("isbn_epub", "isbn_print"):
        value = data.get(key)
        if isinstance(value, str) and isbn_problem(value) is None:
            data[key] = isbn.compact(value)


def expand_portrait(front: dict[str, Any]) -> list[str]:
    """Expand the shorthands of a portrait's front matter in place; return the problems."""
    problems: list[str] = []
    if "interviewer" in front:
        if "interviewers" in front:
            problems.append(
                "interviewer: give either 'interviewer' (one person) or 'interviewers' (a list)"
            )
        interviewer = front.pop("interviewer")
        front.setdefault("interviewers", [] if interviewer is None else [interviewer])
    if "source" in front:
        source = front.pop("source")
        credits = front.setdefault("credits", {})
        if isinstance(credits, dict):
            first = credits.setdefault("first_published", {})
            if isinstance(first, dict) and "url" not in first:
                first["url"] = source
            else:
                problems.append("source: also given as credits.first_published.url; keep one")
    speakers = front.get("speakers")
    if speakers is not None:
        if not isinstance(speakers, list):
            problems.append("speakers: expected a list of names or of {name, label, ...}")
            front.pop("speakers")
        else:
            front["speakers"] = [_speaker(entry) for entry in speakers]
    return problems


def _speaker(entry: Any) -> Any:
    if isinstance(entry, str):
        entry = {"name": entry}
    if isinstance(entry, dict) and "id" not in entry:
        shown = entry.get("label") or entry.get("name")
        if isinstance(shown, str):
            entry = {"id": slugify(shown) or "speaker", **entry}
    return entry


def speaker_labels(speakers: list[Any]) -> list[tuple[str, str]]:
    """``(label, id)`` pairs to recognise in the text, longest label first.

    A speaker is recognised by their label and by their full name; longest first so that
    ``Ana Roy:`` is not read as ``Ana`` followed by ``Roy:``.
    """
    pairs: set[tuple[str, str]] = set()
    for entry in speakers:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        for key in ("label", "name"):
            value = entry.get(key)
            if isinstance(value, str) and value.strip():
                pairs.add((value.strip(), entry["id"]))
    return sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0]))
