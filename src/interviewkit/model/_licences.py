"""Licence ids: checked against the SPDX licence list, linked to their canonical page.

The SPDX list (through ``license-expression``) includes every Creative Commons licence
(``CC-BY-4.0``, ``CC-BY-NC-SA-3.0``, ``CC0-1.0``), so one check covers both; the link of a
Creative Commons licence goes to creativecommons.org, where readers expect it, and any other
to its SPDX page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

__all__ = ["licence_problem", "licence_url"]

_CREATIVE_COMMONS = re.compile(r"^CC-(BY(?:-NC)?(?:-ND|-SA)?)-(\d\.\d)$")


@lru_cache(maxsize=1)
def _licensing() -> Any:
    from license_expression import get_spdx_licensing

    return get_spdx_licensing()


def licence_problem(value: str) -> tuple[str, str] | None:
    """``(problem, hint)`` when ``value`` is not one SPDX licence id, else ``None``."""
    info = _licensing().validate(value)
    if info.errors or info.normalized_expression is None:
        return (
            f"{value!r} is not an SPDX licence id",
            "use an id from https://spdx.org/licenses/ such as 'CC-BY-4.0' or 'CC-BY-NC-SA-4.0', "
            "or say the permission in 'text' instead",
        )
    if " " in str(info.normalized_expression):
        return (
            f"{value!r} is a licence expression, not one licence",
            "name the one licence the portrait is reprinted under",
        )
    if str(info.normalized_expression) != value:
        return (
            f"{value!r} is not spelt as in the SPDX list",
            f"write {str(info.normalized_expression)!r}",
        )
    return None


def licence_url(licence_id: str) -> str:
    """The canonical page of a licence: creativecommons.org for CC licences, else SPDX."""
    match = _CREATIVE_COMMONS.match(licence_id)
    if match:
        kind, version = match.groups()
        return f"https://creativecommons.org/licenses/{kind.lower()}/{version}/"
    if licence_id == "CC0-1.0":
        return "https://creativecommons.org/publicdomain/zero/1.0/"
    return f"https://spdx.org/licenses/{licence_id}.html"
