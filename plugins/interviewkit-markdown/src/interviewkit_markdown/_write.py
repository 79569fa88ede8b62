"""Markdown text of an anthology: metadata blocks, portraits, sections.

Rich text (ledes, answers, bios, section bodies, questions) is CommonMark, rewritten from its
syntax tree by :class:`~interviewkit_markdown._rich.RichMarkdown` so that Pandoc reads the same
text and no raw HTML; plain fields (names, titles, labels) are escaped so that a ``*``, a ``[``
or a ``<`` in a name stays a character.  The output targets Pandoc's Markdown: YAML metadata,
``{#id}`` heading attributes and ``:::`` divs for a portrait in another language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

import yaml

import interviewkit
from interviewkit import (
    Anthology,
    Credits,
    Image,
    Link,
    Person,
    Portrait,
    Section,
    format_isbn,
    format_label,
)
from interviewkit_markdown._rich import RichMarkdown, escape_inline

__all__ = [
    "anthology_metadata",
    "details_markdown",
    "escape",
    "front_matter_block",
    "portrait_markdown",
    "section_markdown",
    "sources_markdown",
]

_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+])(?=\s|$)")

#: Returns the Markdown target of a related portrait's id (``#owen-park`` or ``owen-park.md``).
PortraitLink = Callable[[str], str | None]


def labels(language: str) -> dict[str, str]:
    """The labels for a BCP 47 tag: interviewkit's own, so every format says the same words."""
    return interviewkit.labels_for(language)


def escape(text: str) -> str:
    """Plain text as inline Markdown that renders as exactly this text, on one line."""
    one_line = " ".join(text.split())
    escaped = escape_inline(one_line)
    return _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def _heading(level: int, text: str, ident: str | None) -> str:
    return f"{'#' * level} {text}" + (f" {{#{ident}}}" if ident else "")


def _yaml(data: dict[str, object]) -> str:
    text: str = yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10_000
    )
    return text


def front_matter_block(data: dict[str, object]) -> str:
    """A YAML metadata block (Pandoc) or front matter (static-site generators)."""
    return f"---\n{_yaml(data)}---\n"


def _names(people: tuple[Person, ...]) -> list[str]:
    return [escape(person.name) for person in people]


def anthology_metadata(anthology: Anthology, rich: RichMarkdown) -> dict[str, object]:
    """Pandoc metadata of the book; string values are Markdown, so plain ones are escaped."""
    data: dict[str, object] = {"title": escape(anthology.title)}
    if anthology.subtitle:
        data["subtitle"] = escape(anthology.subtitle)
    data["lang"] = anthology.language
    if anthology.editors:
        data["author"] = _names(anthology.editors)
    if anthology.publisher:
        data["publisher"] = escape(anthology.publisher)
    if anthology.date is not None:
        data["date"] = anthology.date.isoformat()
    if anthology.identifier:
        data["identifier"] = escape(anthology.identifier)
    if anthology.rights:
        data["rights"] = escape(anthology.rights)
    if anthology.isbn_epub:
        data["isbn-epub"] = format_isbn(anthology.isbn_epub)
    if anthology.isbn_print:
        data["isbn-print"] = format_isbn(anthology.isbn_print)
    if anthology.legal_deposit:
        data["legal-deposit"] = escape(anthology.legal_deposit)
    if anthology.series is not None:
        data["series"] = escape(anthology.series.name)
        if anthology.series.number is not None:
            data["series-number"] = anthology.series.number
    if anthology.description is not None and not anthology.description.is_blank():
        data["description"] = rich.block(anthology.description.source)
    if anthology.keywords:
        data["keywords"] = [escape(keyword) for keyword in anthology.keywords]
    return data


def details_markdown(anthology: Anthology) -> str:
    """The book's details as the title and copyright pages of the other formats print them.

    Editors, series, publisher, rights, both ISBNs and the legal deposit, worded by
    interviewkit's labels.  Pandoc's templates print the title, subtitle and authors from the
    metadata but none of these, so they are a paragraph of their own, one fact a line; an empty
    string when the book states none.
    """
    language = anthology.language
    words = labels(language)
    lines: list[str] = []
    if anthology.editors:
        names = ", ".join(editor.name for editor in anthology.editors)
        lines.append(format_label(words["edited_by"], language, names=names))
    if anthology.series is not None:
        name = anthology.series.name
        number = anthology.series.number
        lines.append(
            name
            if number is None
            else format_label(words["series"], language, name=name, number=number)
        )
    lines += [text for text in (anthology.publisher, anthology.rights) if text]
    for key, isbn in (("isbn_epub", anthology.isbn_epub), ("isbn_print", anthology.isbn_print)):
        if isbn:
            lines.append(format_label(words[key], language, isbn=format_isbn(isbn)))
    if anthology.legal_deposit:
        lines.append(anthology.legal_deposit)
    return "\\\n".join(escape(line) for line in lines)


def portrait_metadata(anthology: Anthology, portrait: Portrait) -> dict[str, object]:
    """Front matter of one portrait page (the folder format)."""
    subject = portrait.subject
    data: dict[str, object] = {
        "title": escape(portrait.title),
        "lang": anthology.language_of(portrait),
        "subject": escape(subject.name),
    }
    if subject.role:
        data["role"] = escape(subject.role)
    if subject.affiliations:
        data["affiliations"] = [escape(name) for name in subject.affiliations]
    interviewers = anthology.interviewers_of(portrait)
    if interviewers:
        data["author"] = _names(interviewers)
    if portrait.date is not None:
        data["date"] = portrait.date.isoformat()
    source = _source_url(portrait)
    if source:
        data["source"] = source
    if portrait.tags:
        data["keywords"] = [escape(tag) for tag in portrait.tags]
    data["book"] = escape(anthology.title)
    return data


def _blocks(*parts: str) -> str:
    """Join Markdown blocks with one blank line, dropping empty ones."""
    return "\n\n".join(part.strip("\n") for part in parts if part.strip())


def _link(link: Link) -> str:
    return f"[{escape(link.label)}](<{link.url}>)"


def _image(image: Image, rich: RichMarkdown) -> str:
    alt = escape(image.alt)
    lines = [f"![{alt}](<{PurePosixPath(image.path).as_posix()}>)"]
    if image.caption is not None and not image.caption.is_blank():
        lines.append(rich.block(image.caption.source))
    if image.credit:
        lines.append(escape(image.credit))
    return "\n\n".join(lines)


def _subject_lines(anthology: Anthology, portrait: Portrait, words: dict[str, str]) -> str:
    subject = portrait.subject
    first = f"**{escape(subject.name)}**"
    details = [subject.role or "", *subject.affiliations]
    first += "".join(f", {escape(detail)}" for detail in details if detail)
    lines = [first]
    interviewers = anthology.interviewers_of(portrait)
    if interviewers:
        names = _joined([person.name for person in interviewers], words["and"])
        lines.append(escape(words["interview_by"].format(names=names)))
    if portrait.date is not None:
        day = interviewkit.format_date(portrait.date, anthology.language_of(portrait))
        lines.append(escape(words["published"].format(date=day)))
    source = _source_url(portrait)
    if source:
        lines.append(f"[{escape(words['source'])}](<{source}>)")
    return "\\\n".join(lines)


def _source_url(portrait: Portrait) -> str | None:
    first = portrait.credits.first_published
    return first.url if first is not None else None


def _joined(names: list[str], and_word: str) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) < 3:
        return f" {and_word} ".join(names)
    return f"{', '.join(names[:-1])} {and_word} {names[-1]}"


def _credits(credits: Credits, words: dict[str, str], language: str) -> str:
    """The credit lines, one per kind, as in every built-in format."""
    lines = []
    first = credits.first_published
    if first is not None:
        pieces = [f"“{escape(first.title)}”" if first.title else ""]
        pieces.append(f"*{escape(first.publication)}*" if first.publication else "")
        pieces.append(
            interviewkit.format_date(first.date, language) if first.date is not None else ""
        )
        pieces.append(f"<{first.url}>" if first.url else "")
        shown = ", ".join(piece for piece in pieces if piece)
        lines.append(f"{escape(words['first_published'])}{words['colon']} {shown}")
    permission = credits.permission
    if permission is not None:
        pieces = [escape(permission.text)] if permission.text else []
        if permission.licence:
            url = permission.licence_url
            pieces.append(f"{escape(words['licence'])} [{escape(permission.licence)}](<{url}>)")
        elif permission.url:
            pieces.append(f"<{permission.url}>")
        granted = ""
        for piece in pieces:
            if granted:
                granted += " " if granted.endswith((".", "!", "?")) else ". "
            granted += piece
        lines.append(f"{escape(words['permission'])}{words['colon']} {granted}")
    if credits.photos:
        names = [
            escape(credit.name) + (f" ({escape(credit.detail)})" if credit.detail else "")
            for credit in credits.photos
        ]
        lines.append(f"{escape(words['photos'])}{words['colon']} {_joined(names, words['and'])}")
    return "\\\n".join(lines)


def _exchanges(
    portrait: Portrait, level: int, heading_ids: bool, rich: RichMarkdown, words: dict[str, str]
) -> Iterator[str]:
    number = 0
    has_parts = bool(portrait.interview.parts)
    for part, exchanges in portrait.interview.grouped():
        if part is not None:
            ident = portrait.part_id(part) if heading_ids else None
            yield _heading(level, escape(part.title), ident)
        for exchange in exchanges:
            number += 1
            ident = portrait.question_id(number) if heading_ids else None
            question = rich.inline(exchange.question.source)
            if exchange.asker is not None:
                asker = portrait.speaker(exchange.asker).shown
                question = f"{escape(asker)}{escape(words['colon'])} {question}"
            yield _heading(level + 1 if has_parts else level, question, ident)
            for answer in exchange.answers:
                if answer.speaker is not None:
                    speaker = portrait.speaker(answer.speaker)
                    yield f"**{escape(speaker.shown)}{escape(words['colon'])}**"
                if not answer.text.is_blank():
                    yield rich.block(answer.text.source)


def _list_section(title: str, ident: str | None, items: list[str], level: int) -> Iterator[str]:
    if items:
        yield _heading(level, escape(title), ident)
        yield "\n".join(f"- {item}" for item in items)


def portrait_markdown(
    anthology: Anthology,
    portrait: Portrait,
    *,
    heading_ids: bool,
    portrait_link: PortraitLink,
    images: bool,
    rich: RichMarkdown,
) -> str:
    """A portrait: its ``#`` heading, subject, lede, questions and answers, and link lists."""
    language = anthology.language_of(portrait)
    words = labels(language)
    own_language = language != anthology.language
    blocks = [_heading(1, escape(portrait.title), portrait.id if heading_ids else None)]
    if images and portrait.photo is not None:
        blocks.append(_image(portrait.photo, rich))
    blocks.append(_subject_lines(anthology, portrait, words))
    if images and portrait.subject.photo is not None:
        blocks.append(_image(portrait.subject.photo, rich))
    if portrait.subject.bio is not None:
        blocks.append(rich.block(portrait.subject.bio.source))
    blocks.append(rich.block(portrait.lede.source))
    blocks.extend(_exchanges(portrait, 2, heading_ids, rich, words))
    blocks.append(rich.block(portrait.closing.source))
    if portrait.credits:
        blocks.append(_credits(portrait.credits, words, language))

    def ident(suffix: str) -> str | None:
        return f"{portrait.id}-{suffix}" if heading_ids else None

    first_name = portrait.subject.name.split()[0]
    blocks.extend(
        _list_section(
            words["follow"].format(name=first_name),
            ident("follow"),
            [_link(link) for link in portrait.follow],
            2,
        )
    )
    related = []
    for other in portrait.related:
        target = portrait_link(other.portrait) if other.portrait else None
        name = escape(other.name)
        if target is not None:
            item = f"[{name}](<{target}>)"
        elif other.url:
            item = f"[{name}](<{other.url}>)"
        elif other.portrait:
            item = f"{name} ({escape(words['in_this_book'])})"
        else:
            item = name
        if other.affiliation:
            item += f", {escape(other.affiliation)}"
        related.append(item)
    blocks.extend(_list_section(words["related"], ident("related"), related, 2))
    blocks.extend(
        _list_section(
            words["reading"], ident("reading"), [_link(link) for link in portrait.reading], 2
        )
    )
    text = _blocks(*blocks)
    if own_language:
        text = f'::: {{lang="{language}"}}\n\n{text}\n\n:::'
    return text + "\n"


def section_markdown(section: Section, *, level: int, heading_ids: bool, rich: RichMarkdown) -> str:
    """A front- or back-matter section under a heading of ``level``."""
    heading = _heading(level, escape(section.title), section.id if heading_ids else None)
    return _blocks(heading, rich.block(section.body.source)) + "\n"


def sources_markdown(anthology: Anthology, *, level: int, heading_ids: bool) -> str:
    """The "Sources and permissions" page: each credited portrait's title and credit lines.

    The built-in formats place the same page after the back matter; an empty string when no
    portrait has credits.
    """
    words = labels(anthology.language)
    entries = [
        f"**{escape(portrait.title)}**\\\n{_credits(portrait.credits, words, anthology.language)}"
        for portrait in anthology.portraits
        if portrait.credits
    ]
    if not entries:
        return ""
    heading = _heading(
        level, escape(words["sources"]), "sources-and-permissions" if heading_ids else None
    )
    return _blocks(heading, *entries) + "\n"
