"""The plugin manager: built-ins first, then every ``interviewkit`` entry point, one at a time.

Plugins are registered in an order that does not depend on the file system: the built-ins (in
the order of :data:`BUILTIN_PLUGINS`), then the ``extra`` plugins a caller passes, then the entry
points sorted by normalized distribution name and entry-point name.  Registration hooks run in
that order too, so when two plugins claim the same format name the one that comes first keeps
it, on every machine, and the other is recorded as broken (:class:`DuplicateExporterError`).

A plugin that fails to import, implements an unknown hook, or raises while registering is kept
out and recorded in :attr:`Plugins.broken` with its error; the others work as usual.  A broken
plugin becomes a hard error only when the user asks for something it was meant to provide
(``UnknownFormatError`` lists the broken plugins in its hint).

Environment switches, for debugging:

``INTERVIEWKIT_DISABLE_PLUGINS=a,b``
    do not load these plugins (entry-point names; built-ins too, e.g. ``json``).
``INTERVIEWKIT_TRACE_PLUGINS=1``
    print every hook call and registration to standard error.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from typing import Any

import attrs
import pluggy

from interviewkit import hookspecs
from interviewkit._version import installed_version
from interviewkit.errors import InterviewkitError, PluginError, PluginLoadError
from interviewkit.registry import ExporterRegistry, ImporterRegistry, StepRegistry

__all__ = [
    "BUILTIN_PLUGINS",
    "PluginInfo",
    "Plugins",
    "get_plugins",
    "make_plugin_manager",
    "sorted_entry_points",
]

#: Modules registered as plugins before any entry point; they use the public hooks only.
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    ("json", "interviewkit.exporters.json"),
    ("html", "interviewkit.exporters.html"),
    ("pdf", "interviewkit.exporters.pdf"),
    ("epub", "interviewkit.exporters.epub"),
    ("importers", "interviewkit.importers._plugin"),
    ("checks", "interviewkit.checks"),
)

DISABLE_ENV = "INTERVIEWKIT_DISABLE_PLUGINS"
TRACE_ENV = "INTERVIEWKIT_TRACE_PLUGINS"


@attrs.frozen(kw_only=True)
class PluginInfo:
    """What ``interviewkit plugins`` shows about one plugin.

    .. versionadded:: 0.1
    """

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]
    formats: tuple[str, ...] = ()
    importers: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    error: str | None = None


@attrs.define
class Plugins:
    """A loaded plugin manager with its registries and the plugins that failed.

    .. versionadded:: 0.1
    """

    manager: pluggy.PluginManager
    exporters: ExporterRegistry
    importers: ImporterRegistry
    steps: StepRegistry = attrs.field(factory=StepRegistry)
    broken: list[PluginError] = attrs.field(factory=list)
    distributions: dict[str, tuple[str | None, str | None]] = attrs.field(factory=dict)

    def info(self) -> list[PluginInfo]:
        """Every plugin, working or broken, sorted by name."""
        result = []
        for name, plugin in sorted(self.manager.list_name_plugin()):
            if plugin is None:
                continue
            dist, version = self.distributions.get(name, (None, None))
            hooks = tuple(
                sorted(caller.name for caller in self.manager.get_hookcallers(plugin) or [])
            )
            result.append(
                PluginInfo(
                    name=name,
                    distribution=dist,
                    version=version,
                    hooks=hooks,
                    formats=tuple(e.name for e in self.exporters if e.plugin == name),
                    importers=tuple(e.name for e in self.importers if e.plugin == name),
                    steps=tuple(e.name for e in self.steps if e.plugin == name),
                )
            )
        for error in self.broken:
            dist, version = self.distributions.get(error.plugin, (error.distribution, None))
            if dist != error.distribution:  # a second plugin of that name, kept out
                dist, version = error.distribution, None
            result.append(
                PluginInfo(
                    name=error.plugin,
                    distribution=dist,
                    version=version,
                    hooks=(),
                    error=error.message,
                )
            )
        return sorted(result, key=lambda info: info.name)


def _disabled() -> set[str]:
    return {name.strip() for name in os.environ.get(DISABLE_ENV, "").split(",") if name.strip()}


def make_plugin_manager(
    *, entry_point_plugins: bool = True, extra: Iterable[tuple[str, object]] = ()
) -> Plugins:
    """Build a plugin manager and fill the registries.

    Plugins are registered in a fixed order, the order their registration hooks run in: the
    built-ins, then ``extra``, then the entry points sorted by :func:`sorted_entry_points`.
    When two plugins claim a name, the first keeps it and the other is in
    ``Plugins.broken``.

    :param entry_point_plugins: load third-party plugins (tests turn it off for isolation).
    :param extra: ``(name, module_or_object)`` plugins registered after the built-ins.

    .. versionadded:: 0.1
    """
    manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    manager.add_hookspecs(hookspecs)
    plugins = Plugins(manager=manager, exporters=ExporterRegistry(), importers=ImporterRegistry())
    disabled = _disabled()
    for name, module in BUILTIN_PLUGINS:
        if name not in disabled:
            _register(plugins, name, import_module(module), "interviewkit", _own_version())
    for name, obj in extra:
        if name not in disabled:
            _register(plugins, name, obj, None, None)
    if entry_point_plugins:
        for entry_point in sorted_entry_points(entry_points(group=hookspecs.PROJECT_NAME)):
            if entry_point.name not in disabled:
                _load_entry_point(plugins, entry_point)
    if os.environ.get(TRACE_ENV):
        manager.trace.root.setwriter(lambda text: sys.stderr.write(f"[interviewkit] {text}"))
        manager.enable_tracing()
    _fill_registries(plugins)
    return plugins


def _normalized(distribution: str) -> str:
    """A distribution name as packaging compares them (``My_Plugin`` and ``my-plugin`` agree)."""
    return re.sub(r"[-_.]+", "-", distribution).lower()


def sorted_entry_points(found: Iterable[EntryPoint]) -> list[EntryPoint]:
    """Entry points in the order they are loaded: by distribution name, then entry-point name.

    ``importlib.metadata`` lists them in the order of ``sys.path`` and of the file system, which
    differs between machines; a fixed order makes the winner of a clash between two plugins the
    same everywhere.  Names are compared normalized (``My_Plugin`` as ``my-plugin``); entry
    points without a distribution come last.

    .. versionadded:: 0.2
    """

    def key(entry_point: EntryPoint) -> tuple[bool, str, str, str]:
        dist = entry_point.dist
        return (
            dist is None,
            _normalized(dist.name) if dist else "",
            entry_point.name,
            entry_point.value,
        )

    return sorted(found, key=key)


def _own_version() -> str | None:
    return installed_version()


def _load_entry_point(plugins: Plugins, entry_point: EntryPoint) -> None:
    dist = entry_point.dist.name if entry_point.dist is not None else None
    version = entry_point.dist.version if entry_point.dist is not None else None
    if _name_taken(plugins, entry_point.name, dist):
        return  # not even imported: the name is another plugin's
    # Translation point (see errors.py): whatever a third-party module raises while importing
    # is that plugin's failure, recorded by name; it must never stop interviewkit itself.
    try:
        obj = entry_point.load()
    except Exception as exc:  # noqa: BLE001 - translation point for plugin import errors
        plugins.distributions[entry_point.name] = (dist, version)
        error = PluginLoadError(
            entry_point.name, dist, f"cannot be imported: {type(exc).__name__}: {exc}"
        )
        error.__cause__ = exc  # the plugin's traceback, for ``interviewkit --debug``
        plugins.broken.append(error)
        return
    _register(plugins, entry_point.name, obj, dist, version)


def _name_taken(plugins: Plugins, name: str, dist: str | None) -> bool:
    """Record a plugin whose name is already registered (or already failed) as broken.

    Two distributions may declare the same entry-point name; the first in load order keeps it,
    and the distribution and version recorded for the name stay the first one's.
    """
    if not plugins.manager.has_plugin(name) and name not in plugins.distributions:
        return False
    other_dist = plugins.distributions.get(name, (None, None))[0]
    other = f"plugin {name!r}" + (f" (from {other_dist})" if other_dist else "")
    error = PluginLoadError(
        name, dist, f"cannot be registered: the name {name!r} is already taken by {other}"
    )
    error.hint = (
        f"two installed plugins are called {name!r}: uninstall one of them "
        f"(pip uninstall {dist or 'the distribution'})"
    )
    plugins.broken.append(error)
    return True


def _register(
    plugins: Plugins, name: str, obj: object, dist: str | None, version: str | None
) -> None:
    if _name_taken(plugins, name, dist):
        return
    plugins.distributions[name] = (dist, version)
    try:
        plugins.manager.register(obj, name=name)
        plugins.manager.check_pending()
    except (ValueError, pluggy.PluginValidationError) as exc:
        if plugins.manager.is_registered(obj):
            plugins.manager.unregister(obj)
        error = PluginLoadError(name, dist, f"cannot be registered: {exc}")
        error.__cause__ = exc
        plugins.broken.append(error)


def _fill_registries(plugins: Plugins) -> None:
    hook_registries: tuple[tuple[str, Any], ...] = (
        ("interviewkit_register_importers", plugins.importers),
        ("interviewkit_register_exporters", plugins.exporters),
        ("interviewkit_register_steps", plugins.steps),
    )
    failed: set[str] = set()
    for hook_name, registry in hook_registries:
        caller = getattr(plugins.manager.hook, hook_name)
        # Called one implementation at a time (in registration order) so that every entry is
        # attributed to its plugin and one plugin's failure leaves the others registered.
        for impl in caller.get_hookimpls():
            name = impl.plugin_name
            if name in failed:
                continue
            dist = plugins.distributions.get(name, (None, None))[0]
            registry._bind(name, dist)
            _trace_call(plugins.manager, hook_name, name)
            try:
                impl.function(**dict.fromkeys(impl.argnames, registry))
            except PluginError as exc:
                failed.add(name)
                plugins.broken.append(exc)
            except InterviewkitError as exc:
                failed.add(name)
                plugins.broken.append(PluginLoadError(name, dist, str(exc)))
            except Exception as exc:  # noqa: BLE001 - translation point for plugin registration
                failed.add(name)
                plugins.broken.append(
                    PluginLoadError(
                        name, dist, f"failed in {hook_name}: {type(exc).__name__}: {exc}"
                    )
                )
    for name in failed:
        plugin = plugins.manager.get_plugin(name)
        if plugin is not None:
            plugins.manager.unregister(plugin)
            for registry in (plugins.importers, plugins.exporters, plugins.steps):
                registry._entries = {k: v for k, v in registry._entries.items() if v.plugin != name}


def _trace_call(manager: pluggy.PluginManager, hook_name: str, plugin_name: str) -> None:
    """Report the call of one plugin's implementation when ``INTERVIEWKIT_TRACE_PLUGINS`` is set.

    The host calls implementations one at a time (so that a failure names its plugin), which
    bypasses pluggy's hook-call monitoring; this writes the trace line instead.  Without the
    environment switch no writer is set and this does nothing.
    """
    manager.trace.root.get("hook")(hook_name, f"<- {plugin_name}")


@lru_cache(maxsize=1)
def get_plugins() -> Plugins:
    """The process-wide plugins, loaded on first use (never at import time).

    .. versionadded:: 0.1
    """
    return make_plugin_manager()
