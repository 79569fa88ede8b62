"""The index, from what the book already knows: no term needs marking by hand.

- **People**: each portrait's subject (their whole portrait), its interviewers, the other
  voices of a round table, and the people of its "other portraits" list.  A person is one
  entry (by name, filed as :attr:`Person.file_as <interviewkit.Person.file_as>`), with one
  sub-entry per role when they have several.
- **Organisations**: the affiliations of all of them.
- **Handles and hashtags**: every one linked in a text (filed without their ``@``/``#``).
- **Marked terms**: ``[words]{.index}`` and ``[words]{index="Term"}`` in a portrait; a term
  that is a person's or an organisation's name joins their entry.  (Terms marked in a front- or
  back-matter section print as their words, without an entry.)

Entries are ordered and put under letters by :mod:`~interviewkit.document.collation`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import attrs

from interviewkit.document._walk import portrait_inlines
from interviewkit.document.book import (
    EntryKind,
    IndexDocument,
    IndexEntry,
    IndexGroup,
    Locator,
    PortraitDocument,
)
from interviewkit.document.collation import collation_for
from interviewkit.document.nodes import IndexTerm, Inline, Link
from interviewkit.document.text import link_text
from interviewkit.model._names import derived_sort_name
from interviewkit.model.models import Anthology
from interviewkit.render.typography import typeset

__all__ = ["build_index"]

#: The roles of a person, in the order their sub-entries print (label names).
ROLES = ("index_portrait", "index_interviews", "index_conversation", "index_mentions")


def identity(text: str) -> str:
    """What makes two spellings one entry: case, compatibility forms and spaces ignored."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@attrs.define
class _Heading:
    term: str
    sort: str
    kind: EntryKind
    roles: dict[str, list[Locator]] = attrs.Factory(dict)

    def add(self, role: str, locator: Locator) -> None:
        places = self.roles.setdefault(role, [])
        if all(place.target != locator.target for place in places):
            places.append(locator)


class _Collector:
    def __init__(self, anthology: Anthology) -> None:
        self.anthology = anthology
        self.language = anthology.language
        self.headings: dict[tuple[str, str], _Heading] = {}
        self.names: dict[str, tuple[str, str]] = {}
        """A person's or an organisation's name (identity) → its heading's key."""
        self.pending: list[tuple[str, Locator]] = []
        """The marked terms met, placed by :meth:`terms` once every name is known."""

    def heading(self, kind: EntryKind, term: str, sort: str) -> _Heading:
        key = ("name" if kind in {"person", "organisation"} else kind, identity(sort))
        found = self.headings.get(key)
        if found is None:
            found = self.headings[key] = _Heading(term=term, sort=sort, kind=kind)
        return found

    def person(self, name: str, file_as: str, role: str, locator: Locator) -> None:
        term = typeset(file_as, self.language)
        heading = self.heading("person", term, file_as)
        heading.add(role, locator)
        self.names.setdefault(identity(name), ("name", identity(file_as)))
        self.names.setdefault(identity(file_as), ("name", identity(file_as)))

    def organisations(self, names: Iterable[str], locator: Locator) -> None:
        for name in names:
            term = typeset(name, self.language)
            self.heading("organisation", term, name).add("", locator)
            self.names.setdefault(identity(name), ("name", identity(name)))

    def marks(self, inlines: Iterable[tuple[str, Inline]], portrait_id: str, label: str) -> None:
        for heading, inline in inlines:
            if isinstance(inline, Link) and inline.kind in {"handle", "hashtag"}:
                if inline.anchor is None:
                    continue
                text = link_text(inline.children)
                locator = Locator(
                    target=inline.anchor, portrait_id=portrait_id, label=label, heading=heading
                )
                kind: EntryKind = "handle" if inline.kind == "handle" else "hashtag"
                self.heading(kind, text, text.lstrip("@#")).add("", locator)
            elif isinstance(inline, IndexTerm) and inline.anchor is not None:
                locator = Locator(
                    target=inline.anchor, portrait_id=portrait_id, label=label, heading=heading
                )
                self.pending.append((inline.term, locator))

    def terms(self) -> None:
        """Marked terms, once every name is known: a name joins its entry as a mention."""
        for term, locator in self.pending:
            known = self.names.get(identity(term))
            if known is not None and known in self.headings:
                heading = self.headings[known]
                heading.add("index_mentions" if heading.kind == "person" else "", locator)
            else:
                self.heading("term", term, term).add("", locator)


def build_index(
    anthology: Anthology,
    portraits: Sequence[PortraitDocument],
    *,
    index_id: str,
    title: str,
    labels: Mapping[str, str],
) -> IndexDocument | None:
    """The index of the book, or ``None`` when it has nothing to index."""
    collector = _Collector(anthology)
    by_id = {portrait.id: portrait for portrait in portraits}
    for model in anthology.portraits:
        document = by_id[model.id]
        whole = Locator(target=model.id, portrait_id=model.id, label=document.subject, whole=True)
        place = attrs.evolve(whole, whole=False)
        subject = model.subject
        collector.person(subject.name, subject.file_as, "index_portrait", whole)
        collector.organisations(subject.affiliations, place)
        subject_key = identity(subject.name)
        interviewer_keys = set()
        for person in anthology.interviewers_of(model):
            collector.person(person.name, person.file_as, "index_interviews", place)
            collector.organisations(person.affiliations, place)
            interviewer_keys.add(identity(person.name))
        for speaker in model.speakers:
            if identity(speaker.name) in {subject_key, *interviewer_keys}:
                continue
            collector.person(speaker.name, speaker.file_as, "index_conversation", place)
            collector.organisations(speaker.affiliations, place)
        related = Locator(
            target=f"{model.id}-related", portrait_id=model.id, label=document.subject
        )
        for entry in model.related:
            file_as = derived_sort_name(entry.name)
            if entry.portrait is not None and entry.portrait in by_id:
                file_as = anthology.portrait(entry.portrait).subject.file_as
            collector.person(entry.name, file_as, "index_mentions", related)
            if entry.affiliation:
                collector.organisations([entry.affiliation], related)
    for model in anthology.portraits:
        document = by_id[model.id]
        collector.marks(portrait_inlines(document), model.id, document.subject)
    collector.terms()
    if not collector.headings:
        return None
    return _arrange(collector.headings.values(), anthology.language, index_id, title, labels)


def _entry(heading: _Heading, ident: str, labels: Mapping[str, str]) -> IndexEntry:
    if heading.kind != "person":
        return IndexEntry(
            id=ident, term=heading.term, kind=heading.kind, locators=tuple(heading.roles[""])
        )
    roles = [role for role in ROLES if heading.roles.get(role)]
    if len(roles) == 1:
        return IndexEntry(
            id=ident,
            term=heading.term,
            kind="person",
            note=labels[roles[0]],
            locators=tuple(heading.roles[roles[0]]),
        )
    return IndexEntry(
        id=ident,
        term=heading.term,
        kind="person",
        subentries=tuple(
            IndexEntry(
                id=f"{ident}-{n}",
                term=labels[role],
                kind="person",
                locators=tuple(heading.roles[role]),
            )
            for n, role in enumerate(roles, 1)
        ),
    )


def _arrange(
    headings: Iterable[_Heading],
    language: str,
    index_id: str,
    title: str,
    labels: Mapping[str, str],
) -> IndexDocument:
    collation = collation_for(language)
    ordered = sorted(headings, key=lambda h: (collation.key(h.sort), h.term))
    groups: dict[str, list[IndexEntry]] = {}
    for number, heading in enumerate(ordered, 1):
        letter = collation.letter(heading.sort) or labels["index_symbols"]
        groups.setdefault(letter, []).append(_entry(heading, f"{index_id}-{number}", labels))
    return IndexDocument(
        id=index_id,
        title=title,
        groups=tuple(
            IndexGroup(id=f"{index_id}-letter-{n}", letter=letter, entries=tuple(entries))
            for n, (letter, entries) in enumerate(groups.items(), 1)
        ),
    )
