"""The theme's stylesheets, read once and checked once for every visual format.

``theme/*.css`` (every format) and ``theme/<format>/*.css`` (that format only, ``theme/pdf/``
say) come from whoever sent the anthology.  The single-file HTML inlines them in a ``<style>``
element, the site and the EPUB ship them as files, the PDF hands them to WeasyPrint; so every
format goes through :func:`theme_stylesheets`, which reads each file through the confinement
function (:meth:`~interviewkit._util.fs.ResourceResolver.resolve`) and parses it with tinycss2.

A stylesheet is refused, never silently cleaned, with an error naming the file, the line and the
fix, when it could

- end the ``<style>`` element it is inlined in: ``</style``, ``<!--`` or ``-->`` anywhere, in a
  string or a comment too;
- load something from outside the anthology: any ``@import``; a ``url()`` with a scheme
  (``http:``, ``file:``, ``data:``), a network path (``//host``), an absolute path, a backslash,
  or a relative path that leaves the anthology folder or names a file the confinement function
  refuses (missing, a symlink out, not a regular file);
- name a file of the anthology (a font, an image) in a format that cannot ship it: only the PDF
  embeds such files, so the others refuse the ``url()`` and the hint says to move the rule to
  ``theme/pdf/``.

``url(#id)`` (a same-document reference, for SVG filters) is allowed everywhere.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

import attrs

from interviewkit._util.fs import ResourceResolver, read_text
from interviewkit.errors import InvalidInputError, MissingResourceError
from interviewkit.render._css import closes_style_element, references
from interviewkit.render.environment import THEME_FOLDER

__all__ = ["SHIPS_FILES", "ThemeContext", "ThemeStylesheet", "theme_stylesheets"]

#: Formats that can include the files a theme stylesheet names (WeasyPrint embeds them).
SHIPS_FILES = frozenset({"pdf"})

_OUTSIDE_HINT = (
    "a theme stylesheet may only name files inside the anthology folder, by a relative path "
    "(url(fonts/serif.woff2)); put the file there, or delete the rule"
)
_IMPORT_HINT = "copy the rules of the imported stylesheet into a file of theme/ instead"
_SYNTAX_HINT = "correct the CSS at that line"


class ThemeContext(Protocol):
    """What the theme needs to know of an export; :class:`~interviewkit.ExportContext` has it.

    A protocol, not an import of ``ExportContext``: the rendering layer sits below the exporters,
    which import it, so it must not import them back (see the layers in ``pyproject.toml``).
    """

    @property
    def format_name(self) -> str: ...
    @property
    def source_root(self) -> Path: ...
    @property
    def resources(self) -> ResourceResolver: ...


@attrs.frozen
class ThemeStylesheet:
    """One checked stylesheet of the theme."""

    name: str
    """Its path under ``theme/`` (``extra.css``, ``pdf/fonts.css``)."""
    css: str
    """Its text, exactly as in the file."""
    path: Path
    """The file it was read from (resolved, inside the anthology folder)."""


def theme_stylesheets(context: ThemeContext) -> tuple[ThemeStylesheet, ...]:
    """``theme/*.css``, then ``theme/<format>/*.css``, each read and checked (see module doc)."""
    sheets = []
    folders = (Path(THEME_FOLDER), Path(THEME_FOLDER, context.format_name))
    for folder in folders:
        if not (context.source_root / folder).is_dir():
            continue
        for css in sorted((context.source_root / folder).glob("*.css")):
            relative = (folder / css.name).as_posix()
            path = context.resources.resolve(relative, referrer=THEME_FOLDER)
            text = read_text(path, display=relative)
            _check(text, relative, path, context)
            name = relative.removeprefix(f"{THEME_FOLDER}/")
            sheets.append(ThemeStylesheet(name=name, css=text, path=path))
    return tuple(sheets)


def _check(css: str, display: str, path: Path, context: ThemeContext) -> None:
    """Raise an InvalidInputError for the first thing of ``css`` the module doc refuses."""
    breaker = closes_style_element(css)
    if breaker is not None:
        line, text = breaker
        raise InvalidInputError(
            display,
            [f"line {line}: {text!r} could end the <style> element the stylesheet is put in"],
            hint=f"remove {text!r} (in a comment or a string too)",
        )
    folder = path.parent.relative_to(context.resources.root).as_posix()
    for reference in references(css):
        where = f"line {reference.line}: "
        if reference.kind == "import":
            raise InvalidInputError(
                display, [where + "@import is not allowed in a theme"], hint=_IMPORT_HINT
            )
        if reference.kind == "error":
            raise InvalidInputError(display, [where + reference.value], hint=_SYNTAX_HINT)
        problem = _url_problem(reference.value, folder, display, context)
        if problem is not None:
            reason, hint = problem
            raise InvalidInputError(display, [f"{where}url({reference.value}) {reason}"], hint=hint)


def _url_problem(
    value: str, folder: str, display: str, context: ThemeContext
) -> tuple[str, str] | None:
    """Why the ``url()`` value may not be loaded, and the hint; None when it may."""
    url = value.strip()
    if url.startswith("#"):
        return None
    if not url:
        return "is empty", _OUTSIDE_HINT
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//") or "\\" in url:
        return "is not a file of the anthology folder", _OUTSIDE_HINT
    if url.startswith("/"):
        return "is an absolute path", _OUTSIDE_HINT
    target = posixpath.normpath(posixpath.join(folder, unquote(parts.path)))
    if target == ".." or target.startswith("../"):
        return "points outside the anthology folder", _OUTSIDE_HINT
    try:
        context.resources.resolve(target, referrer=display)
    except MissingResourceError as exc:
        return f"names {target!r}, which {exc.reason}", exc.hint
    if context.format_name not in SHIPS_FILES:
        return (
            f"names a file, which the {context.format_name} format cannot include "
            "(only the PDF embeds the files a stylesheet names)",
            f"move the rules that name files (@font-face, say) to {THEME_FOLDER}/pdf/",
        )
    return None
