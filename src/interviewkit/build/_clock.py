"""The build date: the only place in interviewkit that may decide what "today" is.

Outputs embed a date (EPUB ``dcterms:modified``, a PDF's creation date, a copyright line).  To
keep builds reproducible it comes from ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds
convention), else from the content, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import os

from interviewkit.errors import InvalidInputError
from interviewkit.model.models import Anthology

__all__ = ["FALLBACK_DATE", "build_date"]

#: Used when neither ``SOURCE_DATE_EPOCH`` nor any date in the content is available.
FALLBACK_DATE = dt.date(1980, 1, 1)


def build_date(anthology: Anthology) -> dt.date:
    """``SOURCE_DATE_EPOCH``, else the anthology's date, else its newest portrait's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError) as exc:
            raise InvalidInputError(
                None,
                [f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970"],
                hint="unset it, or set it to an integer such as $(git log -1 --format=%ct)",
            ) from exc
    if anthology.date is not None:
        return anthology.date
    dates = [portrait.date for portrait in anthology.portraits if portrait.date is not None]
    return max(dates, default=FALLBACK_DATE)
