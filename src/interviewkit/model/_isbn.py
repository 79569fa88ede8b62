"""ISBN-13s printed one way everywhere: hyphenated by python-stdnum's range tables."""

from __future__ import annotations

from stdnum import isbn

__all__ = ["format_isbn"]


def format_isbn(value: str) -> str:
    """``9782924187046`` → ``978-2-924187-04-6`` (the agency's ranges decide the hyphens).

    .. versionadded:: 0.2
    """
    return str(isbn.format(value))
