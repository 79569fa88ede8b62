"""Registries of exporters and importers, filled by plugins through the register hooks.

Each entry remembers which plugin (and distribution) added it, so that ``interviewkit formats``
can say where a format comes from and a clash can name both sides.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

import attrs

from interviewkit.errors import (
    DuplicateExporterError,
    PluginError,
    UnknownFormatError,
    UnknownStepError,
)

__all__ = ["ExporterRegistry", "ImporterRegistry", "Registered", "StepRegistry"]

_NAME = re.compile(r"^[a-z][a-z0-9-]*$")

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Registered(Generic[T]):
    """A registered class and the plugin that registered it.

    .. versionadded:: 0.1
    """

    name: str
    cls: type[T]
    plugin: str
    distribution: str | None


class _Registry(Generic[T]):
    kind = "entry"
    unknown_error: type[UnknownFormatError] = UnknownFormatError

    def __init__(self) -> None:
        self._entries: dict[str, Registered[T]] = {}
        self._plugin = "interviewkit"
        self._distribution: str | None = "interviewkit"

    def _bind(self, plugin: str, distribution: str | None) -> None:
        """Attribute the following ``add`` calls to ``plugin`` (the host calls this)."""
        self._plugin = plugin
        self._distribution = distribution

    def _validate(self, cls: type[Any]) -> str:
        name = getattr(cls, "name", None)
        if not isinstance(name, str) or not _NAME.match(name):
            raise PluginError(
                self._plugin,
                self._distribution,
                f"{getattr(cls, '__name__', cls)!r} has no valid 'name' class attribute "
                f"(lowercase letters, digits and hyphens, starting with a letter)",
            )
        return name

    def add(self, cls: type[T], *, replace: bool = False) -> None:
        """Register ``cls`` under ``cls.name``; ``replace=True`` overrides an existing entry."""
        name = self._validate(cls)
        existing = self._entries.get(name)
        if existing is not None and not replace:
            raise DuplicateExporterError(
                name, self._plugin, self._distribution, existing.plugin, existing.distribution
            )
        self._entries[name] = Registered(
            name=name, cls=cls, plugin=self._plugin, distribution=self._distribution
        )

    def get(self, name: str) -> Registered[T]:
        """The entry registered under ``name``; :class:`UnknownFormatError` when there is none."""
        try:
            return self._entries[name]
        except KeyError:
            close = difflib.get_close_matches(name, self.names(), n=1)
            raise self.unknown_error(name, self.names(), close[0] if close else None) from None

    def names(self) -> list[str]:
        """Registered names, sorted."""
        return sorted(self._entries)

    def __iter__(self) -> Iterator[Registered[T]]:
        return iter(self._entries[name] for name in self.names())

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __len__(self) -> int:
        return len(self._entries)


class ExporterRegistry(_Registry[Any]):
    """Export formats by name.

    .. versionadded:: 0.1
    """

    kind = "format"

    def _validate(self, cls: type[Any]) -> str:
        name = super()._validate(cls)
        problems = []
        for attribute, expected in (("suffix", str), ("media_type", str), ("description", str)):
            if not isinstance(getattr(cls, attribute, None), expected):
                problems.append(f"a '{attribute}' string")
        if getattr(cls, "output", None) not in ("file", "directory"):
            problems.append("'output' set to 'file' or 'directory'")
        if not attrs.has(getattr(cls, "Options", None) or object):
            problems.append("an 'Options' attrs class")
        if not callable(getattr(cls, "export", None)):
            problems.append("an 'export' method")
        if problems:
            raise PluginError(
                self._plugin,
                self._distribution,
                f"exporter {name!r} needs {', '.join(problems)} (see the plugin author guide)",
            )
        return name


class ImporterRegistry(_Registry[Any]):
    """Importers by name, asked in registration order: anthology sources and importers of
    published interviews, each registered with its own method.

    A plugin says which kind it registers: :meth:`add_source` for an
    :class:`~interviewkit.Importer` (``detect`` and ``load``: what :func:`interviewkit.load`
    reads) and :meth:`add_interview_importer` for an
    :class:`~interviewkit.InterviewImporter` (``detect`` and ``read``: what ``interviewkit
    import`` reads).  Each checks its own protocol, so a class is never taken for the other
    kind because it happens to have the other method.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       :meth:`add_source` and :meth:`add_interview_importer`; :meth:`add` tells the kinds
       apart by their methods and is kept for plugins written for 0.1.
    """

    kind = "importer"

    def __init__(self) -> None:
        super().__init__()
        self._kinds: dict[str, str] = {}

    def add_source(self, cls: type[Any], *, replace: bool = False) -> None:
        """Register an anthology source (``detect`` and ``load``) under ``cls.name``.

        .. versionadded:: 0.2
        """
        self._add_kind(cls, "source", "load", replace=replace)

    def add_interview_importer(self, cls: type[Any], *, replace: bool = False) -> None:
        """Register an importer of published interviews (``detect`` and ``read``).

        .. versionadded:: 0.2
        """
        self._add_kind(cls, "interviews", "read", replace=replace)

    def add(self, cls: type[Any], *, replace: bool = False) -> None:
        """Register ``cls`` as the kind its methods say (``load``: a source, else ``read``).

        Prefer :meth:`add_source` or :meth:`add_interview_importer`: they say what the class
        is and check it against that protocol only.
        """
        kind = "source" if callable(getattr(cls, "load", None)) else "interviews"
        self._add_kind(cls, kind, "load" if kind == "source" else "read", replace=replace)

    def _add_kind(self, cls: type[Any], kind: str, method: str, *, replace: bool) -> None:
        name = super()._validate(cls)
        if not callable(getattr(cls, "detect", None)) or not callable(getattr(cls, method, None)):
            what = "an anthology source" if kind == "source" else "an importer of interviews"
            raise PluginError(
                self._plugin,
                self._distribution,
                f"importer {name!r} is registered as {what} and needs a 'detect' and a "
                f"{method!r} method (see the plugin author guide)",
            )
        super().add(cls, replace=replace)
        self._kinds[name] = kind

    def in_order(self) -> list[Registered[Any]]:
        """Entries in the order they were registered (detection order)."""
        return list(self._entries.values())

    def sources(self) -> list[Registered[Any]]:
        """The anthology sources, in detection order.

        .. versionadded:: 0.2
        """
        return [e for e in self._entries.values() if self._kinds.get(e.name) == "source"]

    def interview_importers(self) -> list[Registered[Any]]:
        """The importers of published interviews, in detection order.

        .. versionadded:: 0.2
        """
        return [e for e in self._entries.values() if self._kinds.get(e.name) == "interviews"]


class StepRegistry(_Registry[Any]):
    """Content steps by name; :meth:`ordered` sorts a selection by their declared order.

    .. versionadded:: 0.1
    """

    kind = "step"
    unknown_error = UnknownStepError

    def _validate(self, cls: type[Any]) -> str:
        name = super()._validate(cls)
        problems = []
        for attribute in ("before", "after"):
            value = getattr(cls, attribute, ())
            if not isinstance(value, tuple) or not all(isinstance(v, str) for v in value):
                problems.append(f"'{attribute}' as a tuple of step names")
        if not callable(getattr(cls, "run", None)):
            problems.append("a 'run' method")
        if problems:
            raise PluginError(
                self._plugin,
                self._distribution,
                f"step {name!r} needs {', '.join(problems)} (see the plugin author guide)",
            )
        return name

    def ordered(self, selected: list[str]) -> list[Registered[Any]]:
        """The selected steps in an order that honours every ``before``/``after`` declaration.

        Ties keep the order of the selection.  A cycle is an error naming the steps in it.
        """
        entries = [self.get(name) for name in dict.fromkeys(selected)]
        names = [entry.name for entry in entries]
        after: dict[str, set[str]] = {name: set() for name in names}
        for entry in entries:
            for other in getattr(entry.cls, "after", ()):
                if other in after:
                    after[entry.name].add(other)
            for other in getattr(entry.cls, "before", ()):
                if other in after:
                    after[other].add(entry.name)
        result: list[Registered[Any]] = []
        remaining = list(entries)
        while remaining:
            ready = [e for e in remaining if not (after[e.name] - {r.name for r in result})]
            if not ready:
                cycle = ", ".join(e.name for e in remaining)
                first = remaining[0]
                raise PluginError(
                    first.plugin,
                    first.distribution,
                    f"steps {cycle} declare a circular order (before/after); "
                    "fix their declarations",
                )
            result.append(ready[0])
            remaining.remove(ready[0])
        return result
