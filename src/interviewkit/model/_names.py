"""Sort names (``file-as``): derived from a printed name unless the author gives one.

The rule is the librarians' common one for Western names: the last word first, then a comma and
the rest (``Annie-Claude Lévesque`` → ``Lévesque, Annie-Claude``); lowercase particles that
precede the last word go with it (``Jean de la Fontaine`` → ``de la Fontaine, Jean``).  A name
of one word, or any name the rule gets wrong (``Nguyễn Thị Lan``, an organisation), is what the
``sort_name`` field of a person or speaker is for.
"""

from __future__ import annotations

__all__ = ["derived_sort_name"]

_PARTICLES = frozenset({"de", "du", "des", "d'", "d\u2019", "la", "le", "van", "von", "der", "den"})


def derived_sort_name(name: str) -> str:
    """``name`` as it sorts: ``"Last, First"``, particles kept with the last name."""
    words = name.split()
    if len(words) < 2:
        return name.strip()
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    return f"{' '.join(words[start:])}, {' '.join(words[:start])}"
