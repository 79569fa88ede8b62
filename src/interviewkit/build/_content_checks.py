"""The one content pass of ``check`` and ``build``: images and links, each problem once.

What rendering leaves out (an image outside the folder, a relative link printed as its text) is
found here, before any format is built, by the same rules and parser as the renderer, so that
``check`` shows it and ``build`` prints it once, whatever the number of formats.  The exporters
leave those out without reporting them again.

Each rich text is read once (:mod:`interviewkit.build._text_scan`); its images go to
:mod:`interviewkit.build._image_checks`, its refused links become warnings worded by
:func:`~interviewkit.model._links.refused_link`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from interviewkit.build._image_checks import ImageChecks
from interviewkit.build._rich_texts import rich_texts
from interviewkit.build._text_scan import scan, worth_scanning
from interviewkit.importers import Source
from interviewkit.model.problems import Problem

__all__ = ["content_problems", "raw_html_in"]


def content_problems(source: Source, *, raw_html: bool) -> Iterator[Problem]:
    """Every problem with the images and the links of ``source``, in the order of the book.

    :param raw_html: whether some format renders the raw HTML of texts (``raw_html = true``);
        then the links of ``<a>`` elements are judged too.
    """
    images = ImageChecks(source)
    yield from images.fields()
    for field in rich_texts(source.anthology, worth_scanning):
        found = scan(field, raw_html=raw_html)
        if found is None:
            continue
        for src in found.images:
            yield from images.inline(field, src)
        for refusal in found.refused:
            yield Problem(
                severity="warning", where=field.where, message=refusal.message, hint=refusal.hint
            )


def raw_html_in(options: Iterable[Mapping[str, Any] | object]) -> bool:
    """Whether one of these format options turns ``raw_html`` on.

    Takes the ``[export.FORMAT]`` tables of ``anthology.toml`` (mappings) or a build's
    structured options (objects with a ``raw_html`` attribute).
    """
    for entry in options:
        value = (
            entry.get("raw_html")
            if isinstance(entry, Mapping)
            else getattr(entry, "raw_html", None)
        )
        if value is True:
            return True
    return False
