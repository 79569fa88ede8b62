"""``Problem``: one finding about an anthology that is valid but may not be what you meant.

Checks, importers, exporters and the build all report findings as :class:`Problem` values, so the
type lives here, in the bottom layer, and imports nothing of interviewkit.  It used to live in the
built-in checks plugin (:mod:`interviewkit.checks`), which made every module that reports a
finding import a plugin, and the hook specifications import it back; ``interviewkit.checks``
still re-exports it.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = ["Problem", "Severity"]

Severity = Literal["error", "warning"]


@attrs.frozen(kw_only=True)
class Problem:
    """One finding of a check.

    .. versionadded:: 0.1
    """

    severity: Severity
    """``error`` stops a build; ``warning`` is reported and the build goes on."""
    where: str
    """Place in the anthology (``portraits[2].related[1]``) or file."""
    message: str
    """What is wrong."""
    hint: str = ""
    """How to fix it."""

    def __str__(self) -> str:
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.severity}: {self.where}: {self.message}{hint}"
