"""Every rich text of an anthology, with its place and how the visual formats render it.

The content checks read each text the way the renderer does: one line (questions, captions,
bios, part titles) or blocks (ledes, answers, sections, the description), with the language and
the handle platform of its portrait, and knowing whether that place shows images at all and,
in the PDF, how large.  Listing them here, once, keeps the checks and the renderer in step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import attrs

from interviewkit.build._print_sizes import Placement
from interviewkit.importers._resources import images_of
from interviewkit.model.models import Anthology

__all__ = ["TextField", "rich_texts"]


@attrs.frozen
class TextField:
    """One rich text and how it is rendered."""

    where: str
    """Its field path, as problems name it: ``portraits[0] (ana-lima).lede``."""
    text: str
    language: str
    platform: str | None
    """The handle platform its ``@handles`` link to, if any."""
    inline: bool
    """Rendered as one line (no block syntax, no reference definitions)."""
    shows_images: bool
    """Whether an image written in it is shown (elsewhere it is left out)."""
    placement: Placement | None = None
    """Where its images print in the PDF, for the print-resolution check."""


def rich_texts(anthology: Anthology, keep: Callable[[str], bool] = bool) -> Iterator[TextField]:
    """Every rich text the formats render that ``keep`` wants, in the order of the book.

    ``keep`` sees the text first: a book holds tens of thousands of texts and most are not
    worth a field (its place is only written out for those).
    """
    language = anthology.language
    platform = anthology.handle_platform
    for where, image in images_of(anthology, with_ids=True):
        if image.caption is not None and keep(image.caption):
            yield TextField(f"{where}.caption", image.caption, language, None, True, False)
    if anthology.description is not None and keep(anthology.description):
        yield TextField("description", anthology.description, language, platform, False, False)
    for number, editor in enumerate(anthology.editors):
        if editor.bio is not None and keep(editor.bio):  # EPUB only: shown, never printed
            yield TextField(f"editors[{number}].bio", editor.bio, language, platform, False, True)
    for matter in ("front_matter", "back_matter"):
        for number, section in enumerate(getattr(anthology, matter)):
            if keep(section.body):
                where = f"{matter}[{number}] ({section.id}).body"
                yield TextField(where, section.body, language, platform, False, True, "text")
    for number, portrait in enumerate(anthology.portraits):
        where = f"portraits[{number}] ({portrait.id})"
        own = anthology.language_of(portrait)
        handles = portrait.handle_platform or platform
        if keep(portrait.lede):
            yield TextField(f"{where}.lede", portrait.lede, own, handles, False, True, "text")
        people = [("subject", portrait.subject)] + [
            (f"interviewers[{n}]", person) for n, person in enumerate(portrait.interviewers or ())
        ]
        for role, person in people:
            if person.bio is not None and keep(person.bio):
                yield TextField(f"{where}.{role}.bio", person.bio, own, handles, True, False)
        for index, part in enumerate(portrait.interview.parts):
            if keep(part.title):
                part_where = f"{where}.interview.parts[{index}].title"
                yield TextField(part_where, part.title, own, handles, True, False)
        for index, exchange in enumerate(portrait.interview.exchanges):
            if keep(exchange.question):
                yield TextField(
                    f"{where}.interview.exchanges[{index}].question",
                    exchange.question,
                    own,
                    handles,
                    True,
                    False,
                )
            for number, answer in enumerate(exchange.answers):
                if keep(answer.text):
                    yield TextField(
                        f"{where}.interview.exchanges[{index}].answers[{number}].text",
                        answer.text,
                        own,
                        handles,
                        False,
                        True,
                        "text",
                    )
        if keep(portrait.closing):
            yield TextField(f"{where}.closing", portrait.closing, own, handles, False, True, "text")
