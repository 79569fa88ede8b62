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
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from typing import Any

import attrs
import pluggy

from interviewkit._util.version import installed_version
from interviewkit.errors import ExporterError, InterviewkitError, PluginError, PluginLoadError
from interviewkit.plugins import hookspecs
from interviewkit.plugins.registry import ExporterRegistry, ImporterRegistry, StepRegistry

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

    Plugins are called in a fixed order: the built-ins (registered first, their
    implementations ``tryfirst``), then ``extra`` (pluggy's rule: the one registered last
    first), then the entry points sorted by :func:`sorted_entry_points`.  pluggy calls the
    plugin registered *last* first, so entry points are registered in the reverse of their
    sorted order, before ``extra``; a third-party ``tryfirst`` implementation still runs before
    the built-ins, as pluggy promises.  When two plugins claim a name, the first called keeps it and
    the other is in ``Plugins.broken``; two entry points with one name: the first in sorted
    order keeps it, the other is not imported.

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
    if entry_point_plugins:
        found = [
            entry_point
            for entry_point in sorted_entry_points(entry_points(group=hookspecs.PROJECT_NAME))
            if entry_point.name not in disabled
        ]
        first: dict[str, EntryPoint] = {}
        for entry_point in found:
            first.setdefault(entry_point.name, entry_point)
        for entry_point in reversed(list(first.values())):
            _load_entry_point(plugins, entry_point)
        for entry_point in found:
            if first[entry_point.name] is not entry_point:
                _load_entry_point(plugins, entry_point)  # refused: the name is taken
    # extra (tests' plugins) keep pluggy's own rule: the one registered last is called first.
    for name, obj in extra:
        if name not in disabled:
            _register(plugins, name, obj, None, None)

    if os.environ.get(TRACE_ENV):
        _trace_hook_calls(manager)
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
    if not _hashable(obj):
        # pluggy's subset_hook_caller, through which every hook is called, keeps plugins in
        # sets: an unhashable one would break the hook for every plugin, so it is kept out.
        plugins.broken.append(
            PluginLoadError(
                name,
                dist,
                f"cannot be registered: the plugin object ({type(obj).__name__}) is unhashable; "
                "register a module, a class, or an instance of a class that does not define "
                "__eq__ without __hash__",
            )
        )
        return
    try:
        plugins.manager.register(obj, name=name)
        plugins.manager.check_pending()
    except (ValueError, pluggy.PluginValidationError) as exc:
        if plugins.manager.is_registered(obj):
            plugins.manager.unregister(obj)
        error = PluginLoadError(name, dist, f"cannot be registered: {exc}")
        error.__cause__ = exc
        plugins.broken.append(error)


def _hashable(obj: object) -> bool:
    try:
        hash(obj)
    except TypeError:
        return False
    return True


def _fill_registries(plugins: Plugins) -> None:
    """Run the register hooks; a plugin that fails in one is broken and left out of the next.

    Each implementation runs through :func:`_call_each`, so in pluggy's order (the built-ins'
    implementations are ``tryfirst``: they claim their names before any other plugin), with
    its registry bound to the plugin so that every entry remembers who added it.
    """
    hook_registries: tuple[tuple[str, Any], ...] = (
        ("interviewkit_register_importers", plugins.importers),
        ("interviewkit_register_exporters", plugins.exporters),
        ("interviewkit_register_steps", plugins.steps),
    )
    failed: list[str] = []
    for hook_name, registry in hook_registries:

        def bind(name: str, registry: Any = registry) -> None:
            registry._bind(name, plugins.distributions.get(name, (None, None))[0])

        def record(name: str, error: InterviewkitError) -> None:
            failed.append(name)
            if not isinstance(error, PluginError):  # never: _load_failure gives PluginErrors
                error = PluginLoadError(name, None, str(error))
            plugins.broken.append(error)

        _call_each(
            plugins,
            hook_name,
            {"registry": registry},
            failure=_load_failure(plugins, hook_name),
            before=bind,
            recover=record,
        )
        # Out before the next register hook: a broken plugin registers nothing more.
        for name in failed:
            plugin = plugins.manager.get_plugin(name)
            if plugin is not None:
                plugins.manager.unregister(plugin)
    for name in failed:
        for registry in (plugins.importers, plugins.exporters, plugins.steps):
            registry._entries = {k: v for k, v in registry._entries.items() if v.plugin != name}


def _load_failure(plugins: Plugins, hook_name: str) -> Callable[[str, Exception], PluginError]:
    """How a register hook's failure is recorded: a :class:`PluginLoadError` naming the plugin."""

    def failure(name: str, exc: Exception) -> PluginError:
        dist = plugins.distributions.get(name, (None, None))[0]
        if isinstance(exc, PluginError):
            return exc
        if isinstance(exc, InterviewkitError):
            return PluginLoadError(name, dist, str(exc))
        return PluginLoadError(name, dist, f"failed in {hook_name}: {type(exc).__name__}: {exc}")

    return failure


class _Refused(Exception):
    """Raised by an ``accept`` function of :func:`_call_each`: a result of the wrong type.

    ``problem`` says what was returned ("a str"), ``hint`` what the hook expects; the caller
    turns both into a :class:`PluginError` naming the plugin and the hook.
    """

    def __init__(self, problem: str, hint: str) -> None:
        self.problem = problem
        self.hint = hint
        super().__init__(problem)


def _as_is(value: object) -> object:
    return value


def _call_each(
    plugins: Plugins,
    hook_name: str,
    kwargs: Mapping[str, object],
    *,
    accept: Callable[[object], object] = _as_is,
    failure: Callable[[str, Exception], InterviewkitError] | None = None,
    before: Callable[[str], None] | None = None,
    recover: Callable[[str, InterviewkitError], None] | None = None,
) -> list[tuple[str, object]]:
    """Call the hook ``hook_name`` through pluggy; return each result with its plugin's name.

    interviewkit needs to know which plugin gave which result (``plugins.<name>`` in templates,
    a register call bound to its plugin) and which plugin failed (the error names it, a
    broken plugin leaves the others registered).  ``pm.hook.<name>(**kwargs)`` alone returns
    a bare list and stops at the first exception; calling ``impl.function`` by hand would
    bypass pluggy's order, its wrappers and its call monitoring.  So pluggy makes every call,
    at two levels, with public API only:

    - the outer call runs the hook's wrappers (``wrapper=True`` or ``hookwrapper=True``) with
      ``subset_hook_caller(hook_name, <without the other plugins>).call_extra(steps, kwargs)``:
      they wrap the whole call once, see the list of results and may change it, as with
      ``pm.hook.<name>()``;
    - each of those steps calls the next plugin's implementation alone, through
      ``subset_hook_caller(hook_name, remove_plugins=<every other plugin>)``, in pluggy's call
      order: ``get_hookimpls()`` gives the implementations as pluggy stores them, and pluggy
      calls them from the last to the first (tryfirst ones first, trylast ones last, otherwise
      the last registered first), so the plain ones, reversed, are its call order.
      Whatever the implementation raises, or a result it returns, is that plugin's.

    Every call goes through pluggy, so ``PluginManager.enable_tracing()`` and
    ``add_hookcall_monitoring`` see the outer call and one call per plugin.

    :param kwargs: the hook's arguments (pluggy gives each implementation those it asks for).
    :param accept: checks one plugin's result (pluggy leaves out ``None``) and returns it in
        the form the caller uses (a tuple for an iterable); raises :class:`_Refused` when it has
        the wrong type, which becomes a :class:`PluginError` naming the plugin and the hook.
    :param failure: turns an exception of the named plugin into the error to report; by
        default an :class:`InterviewkitError` as it is, anything else an
        :class:`ExporterError` "``<hook> failed: <type>: <message>``".
    :param before: called with the plugin's name just before its implementation runs.
    :param recover: when given, called with each error instead of raising it, and the other
        plugins are called as usual (the register hooks).
    :return: ``(plugin name, accepted result)`` pairs in the order of the hook's final result;
        a result a wrapper added or replaced is attributed to the outermost wrapper.
    """
    manager = plugins.manager
    impls = getattr(manager.hook, hook_name).get_hookimpls()
    wrappers = [impl for impl in impls if impl.wrapper or impl.hookwrapper]
    in_order = {
        impl.plugin_name: impl.plugin
        for impl in reversed(impls)
        if not (impl.wrapper or impl.hookwrapper)
    }
    implementers = {impl.plugin for impl in impls}
    queue = iter(in_order.items())
    answered: list[tuple[str, object]] = []
    fail = failure or _exporter_failure(plugins, hook_name)

    def report(name: str, error: InterviewkitError, cause: BaseException | None) -> None:
        if recover is not None:
            recover(name, error)
        elif error is cause:
            raise error
        else:
            raise error from cause

    def accepted(name: str, value: object) -> object:
        try:
            return accept(value)
        except _Refused as refused:
            report(name, _refused(plugins, name, hook_name, refused), None)
        except Exception as exc:  # noqa: BLE001 - a generator raising while it is read
            report(name, fail(name, exc), exc)
        return None

    def call_next() -> object:
        name, plugin = next(queue)
        if before is not None:
            before(name)
        alone = manager.subset_hook_caller(hook_name, remove_plugins=implementers - {plugin})
        # Translation point (see errors.py): whatever one plugin's implementation raises is
        # that plugin's failure, named.
        try:
            results = alone(**kwargs)
        except Exception as exc:  # noqa: BLE001 - translation point for a hook implementation
            report(name, fail(name, exc), exc)
            return None
        if len(results) > 1:
            many = _Refused(
                f"{len(results)} results (the plugin implements the hook more than once)",
                "implement each hook once per plugin",
            )
            report(name, _refused(plugins, name, hook_name, many), None)
            return None
        value = accepted(name, results[0]) if results else None
        if value is not None:
            answered.append((name, value))
        return value

    around = manager.subset_hook_caller(hook_name, remove_plugins=set(in_order.values()))
    try:
        final = around.call_extra([call_next] * len(in_order), kwargs)
    except InterviewkitError:
        raise
    except Exception as exc:
        # A plugin's own failure was translated by call_next: this one comes from a wrapper.
        if not wrappers:
            raise
        name = _raised_by(wrappers, exc)
        report(name, fail(name, exc), exc)
        return answered
    outermost = wrappers[-1].plugin_name if wrappers else hook_name
    if not isinstance(final, list):
        refused = _Refused(
            f"{_describe(final)} from a wrapper instead of the list of results",
            "a wrapper returns the list it received from 'yield', changed or not",
        )
        report(outermost, _refused(plugins, outermost, hook_name, refused), None)
        return answered
    pending = list(answered)
    named: list[tuple[str, object]] = []
    for value in final:
        index = next((i for i, (_, v) in enumerate(pending) if v is value), None)
        if index is not None:
            named.append(pending.pop(index))
        elif value is not None:
            value = accepted(outermost, value)
            if value is not None:
                named.append((outermost, value))
    return named


def _exporter_failure(
    plugins: Plugins, hook_name: str
) -> Callable[[str, Exception], InterviewkitError]:
    """The default of :func:`_call_each`: a plugin's bug becomes an ExporterError naming it."""

    def failure(name: str, exc: Exception) -> InterviewkitError:
        if isinstance(exc, InterviewkitError):
            return exc
        dist = plugins.distributions.get(name, (None, None))[0]
        return ExporterError(name, dist, f"{hook_name} failed: {type(exc).__name__}: {exc}")

    return failure


def _refused(plugins: Plugins, name: str, hook_name: str, refused: _Refused) -> PluginError:
    """The error for a result of the wrong type: plugin, hook, what came back, what is expected."""
    dist = plugins.distributions.get(name, (None, None))[0]
    error = PluginError(name, dist, f"{hook_name} returned {refused.problem}")
    error.hint = (
        f"{refused.hint}; until the plugin is fixed, disable it with "
        f"INTERVIEWKIT_DISABLE_PLUGINS={name}"
    )
    return error


def _describe(value: object) -> str:
    """``'text' (a str)``, ``an int``: a wrong result, short enough for an error message."""
    kind = type(value).__name__
    article = "an" if kind[:1].lower() in "aeiou" else "a"
    if isinstance(value, str | int | float):
        text = repr(value)
        if len(text) > 60:
            text = text[:57] + "..."
        return f"{text} ({article} {kind})"
    return f"{article} {kind}"


def _raised_by(wrappers: list[pluggy.HookImpl], exc: BaseException) -> str:
    """The plugin whose wrapper raised ``exc``: the innermost wrapper frame of its traceback."""
    codes = {getattr(impl.function, "__code__", None): impl.plugin_name for impl in wrappers}
    found = [
        codes[frame.f_code]
        for frame, _ in traceback.walk_tb(exc.__traceback__)
        if frame.f_code in codes
    ]
    if found:
        return found[-1]
    return ",".join(dict.fromkeys(impl.plugin_name for impl in wrappers))


def _trace(text: str) -> None:
    """Write one line of the ``INTERVIEWKIT_TRACE_PLUGINS`` trace on standard error."""
    if os.environ.get(TRACE_ENV):
        sys.stderr.write(f"[interviewkit] {text}\n")


def _trace_hook_calls(manager: pluggy.PluginManager) -> None:
    """Trace every hook call with pluggy's call monitoring: the plugins called, and failures.

    Lines name the plugins rather than print the arguments (``enable_tracing()`` prints the
    whole anthology at every call); a call with no registered plugin (the outer call of
    :func:`_call_each` when the hook has no wrapper) writes nothing.
    """

    def names(impls: Sequence[pluggy.HookImpl]) -> str:
        return ", ".join(
            impl.plugin_name + (" (wrapper)" if impl.wrapper or impl.hookwrapper else "")
            for impl in impls
            if manager.has_plugin(impl.plugin_name)
        )

    def before(hook_name: str, impls: Sequence[pluggy.HookImpl], kwargs: object) -> None:
        if called := names(impls):
            _trace(f"{hook_name} <- {called}")

    def after(
        outcome: pluggy.Result[object],
        hook_name: str,
        impls: Sequence[pluggy.HookImpl],
        kwargs: object,
    ) -> None:
        exc = outcome.exception
        if exc is not None and (called := names(impls)):
            _trace(f"{hook_name} <- {called} raised {type(exc).__name__}: {exc}")

    manager.add_hookcall_monitoring(before, after)


@lru_cache(maxsize=1)
def get_plugins() -> Plugins:
    """The process-wide plugins, loaded on first use (never at import time).

    .. versionadded:: 0.1
    """
    return make_plugin_manager()
