"""``[export.<name>]`` tables that name no installed format: a typo is an error, the rest a warning.

The options of a table are read only when its format is built, so a misspelt table name
(``[export.epbu]``) would be ignored without a word.  A name one or two keystrokes away from an
installed format is taken for a typo and stops the build; a name far from every format is most
likely a format whose plugin is not installed on this machine (a book may carry options for
several), and is reported as a warning only.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from interviewkit.importers import Source
from interviewkit.model.problems import Problem
from interviewkit.plugins import Plugins

__all__ = ["export_table_problems"]

MANIFEST = "anthology.toml"


def export_table_problems(source: Source, plugins: Plugins) -> Iterator[Problem]:
    """One problem per ``[export.<name>]`` table whose name is not a registered format."""
    known = plugins.exporters.names()
    where = MANIFEST if source.file.is_dir() else source.file.name
    for name in source.export_options:
        if name in known:
            continue
        table = f"[export.{name}]"
        close = difflib.get_close_matches(name, known, n=1)
        suggestion = close[0] if close else None
        if suggestion is not None and _is_typo(name, suggestion):
            yield Problem(
                severity="error",
                where=where,
                message=f"{table} names no installed format (did you mean [export.{suggestion}]?);"
                " its options would be ignored",
                hint=f"rename the table to [export.{suggestion}], or remove it",
            )
            continue
        closest = f" (the closest is {suggestion!r})" if suggestion else ""
        broken = sorted({error.plugin for error in plugins.broken})
        failed = f"; these plugins failed to load: {', '.join(broken)}" if broken else ""
        yield Problem(
            severity="warning",
            where=where,
            message=f"{table}: no format called {name!r} is installed{closest}; its options "
            "are ignored",
            hint="install the plugin that provides it to build that format here "
            f"('interviewkit formats' lists the formats installed){failed}",
        )


def _is_typo(name: str, known: str) -> bool:
    """Whether ``name`` is ``known`` with a slip of the fingers, not another format's name.

    One edit (a letter left out, added, changed, or two letters swapped) for short names, two
    for names of six letters or more.  ``difflib`` alone is too lenient: ``markdown`` is "close"
    to ``markdown-folder``, yet it is the name of another plugin's format.
    """
    allowed = 1 if min(len(name), len(known)) < 6 else 2
    return _edits(name, known) <= allowed


def _edits(a: str, b: str) -> int:
    """The optimal string alignment distance: insertions, deletions, changes, swaps of two."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]
