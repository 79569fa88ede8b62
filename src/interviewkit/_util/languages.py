"""Language tags: the one place that reads a BCP 47 tag's primary subtag.

Labels, typography, the importers' word lists and the plugins all choose by language; they
must agree on what ``fr-CA``, ``FR`` or ``fr_CA`` mean, so none of them splits a tag itself.
"""

from __future__ import annotations

__all__ = ["primary_language"]


def primary_language(tag: str) -> str:
    """The primary language subtag of a BCP 47 tag, lower-cased (``fr-CA`` → ``fr``).

    An underscore (``fr_CA``, as POSIX locales write it) separates subtags too.

    .. versionadded:: 0.2
    """
    return tag.replace("_", "-").split("-", 1)[0].strip().lower()
