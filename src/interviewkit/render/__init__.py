"""The shared rendering layer: book views, Markdown, typography, themes and images.

The HTML, EPUB and PDF formats render through these modules so the three editions read the same.
This file makes ``render`` a regular package: without it the folder is a namespace package, and
import-linter (grimp) would not see its modules, so the layer contracts in ``pyproject.toml``
could not check them.
"""
