"""Content checks: findings about an anthology that is valid but may not be what you meant.

The model refuses what is *impossible* (an empty question, a duplicate id).  Checks report what is
*suspicious* or incomplete (a related portrait that points nowhere, a portrait with no questions)
as :class:`~interviewkit.Problem` values.  ``error`` problems stop a build, ``warning`` ones are
shown.  Plugins add checks with the ``interviewkit_check`` hook; the built-in ones below use the
same hook.  ``Problem`` itself lives in :mod:`interviewkit.model.problems` (the bottom layer,
so that nothing has to import this plugin to report a finding) and is re-exported here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from interviewkit.model.models import Anthology
from interviewkit.model.problems import Problem
from interviewkit.plugins.hookspecs import hookimpl

__all__ = ["Problem", "builtin_problems"]


def builtin_problems(anthology: Anthology) -> Iterable[Problem]:
    """The checks interviewkit itself runs on every build."""
    from interviewkit.render.handles import known_platforms, platform_for

    ids = {portrait.id for portrait in anthology.portraits}
    platforms = [("handle_platform", anthology.handle_platform)] + [
        (f"portraits[{n}].handle_platform", p.handle_platform)
        for n, p in enumerate(anthology.portraits)
    ]
    for where, platform in platforms:
        if platform is not None and platform_for(platform) is None:
            yield Problem(
                severity="warning",
                where=where,
                message=f"{platform!r} is not a platform interviewkit knows; "
                "@handles and #hashtags stay plain text",
                hint=f"use one of {', '.join(known_platforms())}",
            )
    for number, portrait in enumerate(anthology.portraits):
        where = f"portraits[{number}] ({portrait.id})"
        if not portrait.interview.exchanges:
            yield Problem(
                severity="warning",
                where=where,
                message="the portrait has no questions",
                hint="add '## Question' headings with their answers to the portrait file",
            )
        for related_number, related in enumerate(portrait.related):
            if related.portrait is not None and related.portrait not in ids:
                yield Problem(
                    severity="warning",
                    where=f"{where}.related[{related_number}]",
                    message=f"portrait {related.portrait!r} is not in this anthology; "
                    "it is listed without a link inside the book",
                    hint="correct the id, or remove 'portrait:' and give a 'url:' instead",
                )
        counts = Counter(
            str(exchange.question).strip() for exchange in portrait.interview.exchanges
        )
        for question, count in sorted(counts.items()):
            if count > 1:
                yield Problem(
                    severity="warning",
                    where=where,
                    message=f"the question {question!r} is asked {count} times",
                    hint="remove the duplicate or merge the answers",
                )
    yield from _unstated_interviewers(anthology)
    sections = Counter(section.id for section in (*anthology.front_matter, *anthology.back_matter))
    for section_id, count in sorted(sections.items()):
        if count > 1:
            yield Problem(
                severity="error",
                where="front_matter/back_matter",
                message=f"section id {section_id!r} is used {count} times",
                hint="give each section its own 'id' in anthology.toml",
            )


def _unstated_interviewers(anthology: Anthology) -> Iterable[Problem]:
    """Explain the 0.2 change to a folder that relied on the old interviewer default.

    Before schema 2, a portrait that named no interviewer was credited to the first editor.
    Interviewers are now stated, never guessed, so such a book silently loses that credit: one
    warning says so and shows both fixes.
    """
    if not anthology.editors or anthology.default_interviewers:
        return
    unstated = [portrait.id for portrait in anthology.portraits if portrait.interviewers is None]
    if not unstated:
        return
    editor = anthology.editors[0].name
    shown = ", ".join(unstated[:3]) + (
        f" and {len(unstated) - 3} more" if len(unstated) > 3 else ""
    )
    yield Problem(
        severity="warning",
        where="default_interviewers",
        message=f"{len(unstated)} portrait(s) name no interviewer ({shown}); interviewkit 0.1 "
        f"credited them to the first editor, {editor}, and now credits nobody",
        hint=f"if {editor} asked the questions, add '[[default_interviewers]]' with "
        f"name = {editor!r} to anthology.toml; if the interviewer is not to be named, write "
        "'interviewer: null' in each portrait's front matter",
    )


# tryfirst: pluggy calls the last registered plugin first; built-in problems come first.
@hookimpl(tryfirst=True)
def interviewkit_check(anthology: Anthology) -> Iterable[Problem]:
    """Built-in checks, registered like any plugin's."""
    return list(builtin_problems(anthology))
