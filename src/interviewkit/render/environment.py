"""The Jinja2 environment shared by the visual formats: a sandbox, because themes are untrusted.

Autoescaping is on for every template, ``.xhtml`` included, and undefined variables are errors
(``StrictUndefined``): a typo in a template fails the build instead of printing nothing.
Templates come from the package, and an anthology folder can override any of them (and add
CSS) in ``theme/``.

An anthology folder comes from whoever sent it, so its templates are code we do not trust.  Every
template therefore runs in Jinja's :class:`~jinja2.sandbox.ImmutableSandboxedEnvironment`: no
attribute starting with ``_`` (the road from ``cycler.__init__.__globals__`` to ``os``), no
method that changes a list or dict, no unsafe ``str.format``.  What the sandbox refuses, and a
syntax error or an unknown variable in a theme template, becomes an
:class:`~interviewkit.errors.InvalidInputError` naming the theme file and its line, so the CLI
exits with status 2 and says what to fix instead of blaming a plugin.  Theme templates are read
through :class:`~interviewkit._util.fs.ResourceResolver`, the one function that confines reads to
the anthology folder, so a symlink out of ``theme/templates`` is refused, not followed.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar, NoReturn

import attrs
import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from interviewkit._util.fs import ResourceResolver, read_text
from interviewkit.errors import InvalidInputError
from interviewkit.render.hyphenation import unbroken_names

__all__ = ["THEME_FOLDER", "make_environment"]

#: Folder of an anthology where template overrides (``theme/templates``) and CSS live.
THEME_FOLDER = "theme"
#: Where theme templates live, relative to the anthology folder.
THEME_TEMPLATES = f"{THEME_FOLDER}/templates"

_SANDBOX_HINT = (
    "theme templates run in a sandbox: use only the variables the built-in templates use "
    "(no names starting with '_', no changing lists or dicts); see docs/how-to/html-themes.md"
)
_TEMPLATE_HINT = "correct the theme template, or delete it to use the built-in one"


class ThemeLoader(jinja2.BaseLoader):
    """Loads ``theme/templates/<name>`` through the anthology's confinement function.

    A name with no file there falls through to the next loader (the plugins', then the package's
    templates).  A file that exists but that :meth:`ResourceResolver.resolve` refuses (a symlink
    out of the folder, a FIFO) raises its :class:`~interviewkit.errors.MissingResourceError`:
    it is never read and never silently replaced by the built-in template.
    """

    def __init__(self, source_root: Path, resources: ResourceResolver) -> None:
        self.folder = source_root / THEME_TEMPLATES
        self.resources = resources
        self.files: dict[str, str] = {}
        """``{absolute file name Jinja reports: path relative to the anthology}``."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = template.split("/")
        if any(piece in ("", ".", "..") or "\\" in piece for piece in pieces):
            raise jinja2.TemplateNotFound(template)
        if not os.path.lexists(self.folder.joinpath(*pieces)):
            raise jinja2.TemplateNotFound(template)
        relative = f"{THEME_TEMPLATES}/{template}"
        path = self.resources.resolve(relative, referrer=THEME_TEMPLATES)
        source = read_text(path, display=relative)
        self.files[str(path)] = relative
        return source, str(path), lambda: True


class _CheckedTemplate(jinja2.Template):
    """A template whose render turns a theme's refused or broken code into a user error."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        try:
            return super().render(*args, **kwargs)
        except jinja2.TemplateError as exc:
            _translate(exc, self.environment)


class _Environment(ImmutableSandboxedEnvironment):
    """The sandbox, with :meth:`get_template` translating a theme template's syntax error."""

    template_class = _CheckedTemplate
    theme: ThemeLoader | None = None
    #: ``{type: True}`` for interviewkit's attrs classes, ``False`` for any other type.
    _views: ClassVar[dict[type, bool]] = {}

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``obj.attribute`` as the sandbox allows it, answered at once for the views.

        An instance of one of interviewkit's attrs classes (``BookView``, ``ExchangeView``...)
        is plain data: neither a function, a type, a frame, a string nor a mutable container, so
        the sandbox's own test reduces to "does not start with ``_``".  Answering that directly
        spares its chain of checks on the hundred thousand attribute reads of a large book;
        every other object, and every name starting with ``_``, goes through the sandbox.
        """
        kind = type(obj)
        view = self._views.get(kind)
        if view is None:
            view = self._views[kind] = attrs.has(kind) and kind.__module__.startswith(
                "interviewkit."
            )
        if view and not attribute.startswith("_"):
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)

    def get_template(self, *args: Any, **kwargs: Any) -> jinja2.Template:
        try:
            return super().get_template(*args, **kwargs)
        except jinja2.TemplateError as exc:
            _translate(exc, self)


def _translate(exc: jinja2.TemplateError, environment: jinja2.Environment) -> NoReturn:
    """Re-raise ``exc`` as an InvalidInputError when it comes from a theme template.

    Jinja rewrites tracebacks so that a template's frames carry its file name and line; the
    innermost frame of a theme file is the place to fix.  An error in a built-in or plugin
    template is a bug there, and propagates unchanged.
    """
    theme = environment.theme if isinstance(environment, _Environment) else None
    if theme is None:
        raise exc
    place: tuple[str, int | None] | None = None
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename in theme.files:
        place = (theme.files[exc.filename], exc.lineno)
    else:
        for frame in traceback.extract_tb(exc.__traceback__):
            if frame.filename in theme.files:
                place = (theme.files[frame.filename], frame.lineno)
    if place is None:
        raise exc
    file, line = place
    where = f"line {line}: " if line else ""
    if isinstance(exc, jinja2.exceptions.SecurityError):
        problem = f"{where}the template sandbox refused it: {exc.message or exc}"
        raise InvalidInputError(file, [problem], hint=_SANDBOX_HINT) from None
    raise InvalidInputError(
        file, [f"{where}{exc.message or type(exc).__name__}"], hint=_TEMPLATE_HINT
    ) from None


def make_environment(
    source_root: Path | None = None,
    extra_folders: Sequence[Path] = (),
    *,
    resources: ResourceResolver | None = None,
) -> jinja2.Environment:
    """A sandbox reading ``<source>/theme/templates``, then plugins' folders, then the package.

    ``resources`` confines the theme's reads (default: a resolver for ``source_root``).
    """
    loaders: list[jinja2.BaseLoader] = []
    theme = None
    if source_root is not None:
        theme = ThemeLoader(source_root, resources or ResourceResolver(source_root))
        loaders.append(theme)
    loaders.extend(jinja2.FileSystemLoader(str(folder)) for folder in extra_folders)
    loaders.append(jinja2.PackageLoader("interviewkit", "render/templates"))
    environment = _Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.theme = theme
    # The printed book keeps hyphenated names on one line in titles, names and bylines.
    environment.filters["unbroken"] = unbroken_names
    return environment
