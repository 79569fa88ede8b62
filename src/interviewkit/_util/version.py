"""The installed interviewkit version, for ``interviewkit.__version__`` and generator metadata.

It lives in the bottom layer so that the modules that print it (the plugin manager's listing,
the ``generator`` of every format) need not import the package face, ``interviewkit/__init__.py``,
which imports everything: that import made every exporter depend on the whole package.  Exporters
read it from :attr:`ExportContext.interviewkit_version <interviewkit.ExportContext>`.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["installed_version"]


def installed_version() -> str:
    """The version of the installed distribution, looked up in its metadata on each call.

    ``0+unknown`` when interviewkit runs from a source tree without being installed.
    """
    try:
        return version("interviewkit")
    except PackageNotFoundError:  # running from a source tree without installation
        return "0+unknown"
