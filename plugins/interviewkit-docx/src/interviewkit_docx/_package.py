"""Reproducible ``.docx`` packages: fixed core-property dates and fixed zip entry times.

python-docx stamps a new document with the current time twice: in ``docProps/core.xml`` (set
explicitly from the build date here) and in every zip entry's timestamp (``ZipFile.writestr``
with a name uses the clock).  :func:`normalized_zip` rewrites the package with one fixed time,
the same compression and permissions for every entry, and ``[Content_Types].xml`` first.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

__all__ = ["CONTENT_TYPES", "normalized_zip", "zip_time"]

CONTENT_TYPES = "[Content_Types].xml"


def zip_time(day: dt.date) -> tuple[int, int, int, int, int, int]:
    """The zip timestamp of a build date (zip cannot store dates before 1980)."""
    if day.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (day.year, day.month, day.day, 0, 0, 0)


def normalized_zip(data: bytes, day: dt.date) -> bytes:
    """The same package, with every entry dated ``day`` and stored in a stable order."""
    stamp = zip_time(day)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        ordered = [name for name in names if name == CONTENT_TYPES]
        ordered += [name for name in names if name != CONTENT_TYPES]
        with zipfile.ZipFile(out, "w") as target:
            for name in ordered:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 0
                info.external_attr = 0o644 << 16
                target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()
