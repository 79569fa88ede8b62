"""Sphinx configuration for the interviewkit documentation.

The build never touches the network (no intersphinx). `make docs` and `make test` run it with
`-W --keep-going -n`, so every warning, including an unresolved cross-reference, fails the build.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

# -- Project information -----------------------------------------------------

project = "interviewkit"
author = "interviewkit developers"
copyright = "2026, interviewkit developers"

try:
    release = version("interviewkit")
except PackageNotFoundError:  # building from a checkout without `pip install -e .`
    release = "0.0.0+unknown"
version = ".".join(release.split(".")[:2])

# -- General configuration ---------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx_click",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build"]
language = "en"

# The command line adds -n; keep the config itself neutral.
nitpicky = False

# With -n and no intersphinx (no network), every type from outside the package (pathlib.Path,
# collections.abc.Mapping, attrs, click...) in a signature is an unresolved reference. Ignore
# exactly those Python targets that are not under `interviewkit`, so a broken reference to our
# own API still fails the build.
nitpick_ignore_regex = [
    (r"py:.*", r"(?!interviewkit(\.|$)).*"),
]
# Type variables appear in generic signatures (``Registered[T]``) but are not documented objects.
nitpick_ignore = [
    ("py:class", "interviewkit.plugins.registry.T"),
    # The print-only helpers HtmlWriter takes for the pdf format (link notes, soft hyphens):
    # internal to the render layer, named in the signature and described in its docstring.
    ("py:class", "interviewkit.render.link_notes.LinkNotes"),
    ("py:class", "interviewkit.render.hyphenation.Hyphenator"),
]

# -- MyST --------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc / napoleon ------------------------------------------------------

autodoc_typehints = "signature"
autodoc_member_order = "bysource"
napoleon_google_docstring = True
napoleon_numpy_docstring = False

# -- HTML --------------------------------------------------------------------

html_theme = "furo"
html_title = f"interviewkit {release}"

# -- sphinx-click --------------------------------------------------------------


def _tidy_click_options(app: object, ctx: object, lines: list[str]) -> None:
    """Undo two sphinx-click quirks in the option list of the CLI page.

    sphinx-click strips a leading ``[`` from metavars (``[FORMAT.]KEY=VALUE`` would show as
    ``FORMAT.]KEY=VALUE``) and prints ``Path`` defaults with their ``repr``.
    """
    for number, line in enumerate(lines):
        line = line.replace("<FORMAT.]KEY=VALUE>", "<[FORMAT.]KEY=VALUE>")
        lines[number] = line.replace("PosixPath('out')", "out").replace("WindowsPath('out')", "out")


def setup(app: object) -> None:
    app.connect("sphinx-click-process-options", _tidy_click_options)  # type: ignore[attr-defined]
