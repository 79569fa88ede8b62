"""``build()``: the only path from a source to an output.

Load, check, then for each format: structure its options, export into a temporary path, run the
``after_export`` hooks, and move the result into place atomically.  A format that fails leaves
nothing behind and does not stop the others; the report says what happened to each.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any, cast

import attrs

from interviewkit._util.fs import ResourceResolver
from interviewkit._util.output import atomic_output, check_target, output_error
from interviewkit.build._clock import build_date
from interviewkit.build._options import parse_option_overrides, structure_options
from interviewkit.build.loading import open_source
from interviewkit.document._cache import DocumentCache
from interviewkit.errors import (
    ExporterError,
    InterviewkitError,
    OutputError,
    PluginError,
    UnknownFormatError,
)
from interviewkit.exporters import ExportContext, ExportResult
from interviewkit.importers import Source
from interviewkit.importers._resources import images_of
from interviewkit.model._validators import slugify
from interviewkit.model.models import Anthology, Portrait
from interviewkit.model.problems import Problem
from interviewkit.plugins import Plugins, _call_each, _describe, _Refused, _trace, get_plugins
from interviewkit.plugins.registry import Registered

__all__ = [
    "BuildReport",
    "ContentError",
    "build",
    "run_checks",
    "run_steps",
    "template_context_for",
    "template_folders_for",
]

#: ``progress(format_name, message)`` callback type.
Progress = Callable[[str, str], None]


class ContentError(InterviewkitError):
    """Checks found ``error`` problems; nothing was built.

    .. versionadded:: 0.1
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        self.hint = "fix the problems listed above and build again"
        super().__init__(self.problems)

    def __str__(self) -> str:
        lines = [f"{len(self.problems)} content problem(s) stop the build:"]
        lines.extend(f"  - {problem}" for problem in self.problems)
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class BuildReport:
    """What a build did, format by format.

    .. versionadded:: 0.1
    """

    source: Source
    results: tuple[ExportResult, ...] = ()
    failures: tuple[InterviewkitError, ...] = ()
    problems: tuple[Problem, ...] = ()
    broken_plugins: tuple[PluginError, ...] = ()
    """Plugins kept out of this build: they failed to load, or claimed a format name another
    plugin has (:class:`~interviewkit.DuplicateExporterError`).  The ``build`` command prints
    one warning line for each, so a format is never silently built by another plugin than
    expected.

    .. versionadded:: 0.2
    """

    @property
    def ok(self) -> bool:
        """True when every requested format was built."""
        return not self.failures


def run_checks(source: Source, plugins: Plugins | None = None) -> tuple[Problem, ...]:
    """Every problem of ``source``, each once: the importer's, images', links', every check's.

    Also the ``[export.<name>]`` tables that name no installed format (an error when the name
    looks like a typo of one, a warning otherwise).

    This is the one list both ``check`` and ``build`` show: the exporters leave out what this
    pass reports (an image outside the folder, a relative link) without reporting it again.
    """
    from interviewkit.build._content_checks import raw_html_in
    from interviewkit.build._export_tables import export_table_problems

    tables = export_table_problems(source, plugins or get_plugins())
    checked = _checks(source, plugins, raw_html=raw_html_in(source.export_options.values()))
    return (*tables, *checked)


def _checks(source: Source, plugins: Plugins | None, *, raw_html: bool) -> tuple[Problem, ...]:
    from interviewkit.build._content_checks import content_problems

    problems: list[Problem] = list(source.problems)
    problems.extend(content_problems(source, raw_html=raw_html))
    # Through pluggy (its order, its wrappers); a check that crashes or returns something else
    # than problems is reported with the plugin's name instead of a traceback.
    for _, found in _call_each(
        plugins or get_plugins(),
        "interviewkit_check",
        {"anthology": source.anthology},
        accept=_problems,
    ):
        problems.extend(cast("tuple[Problem, ...]", found))
    # The same finding may come from two places (the json importer and the image pass both
    # report a missing cover): list it once.
    return tuple(dict.fromkeys(problems))


def run_steps(source: Source, selected: Sequence[str], plugins: Plugins | None = None) -> Source:
    """Run the selected content steps in their declared order; return the changed source.

    .. versionadded:: 0.1
    """
    if not selected:
        return source
    plugins = plugins or get_plugins()
    anthology = source.anthology
    for entry in plugins.steps.ordered(list(selected)):
        _trace(f"step {entry.name} <- {entry.plugin}")
        # Translation point (see errors.py): a step that crashes or returns something else than
        # an anthology is reported with its plugin's name.
        try:
            result = entry.cls().run(anthology)
        except InterviewkitError:
            raise
        except Exception as exc:
            raise ExporterError(
                entry.plugin,
                entry.distribution,
                f"step {entry.name!r} failed: {type(exc).__name__}: {exc}",
            ) from exc
        if not isinstance(result, Anthology):
            raise ExporterError(
                entry.plugin,
                entry.distribution,
                f"step {entry.name!r} returned {type(result).__name__}, not an Anthology",
            )
        anthology = result
    return attrs.evolve(source, anthology=anthology)


def template_context_for(
    plugins: Plugins, format_name: str
) -> Callable[[Anthology, Portrait | None], dict[str, Mapping[str, object]]]:
    """A function giving the ``plugins.<name>`` template variables of one page.

    The hook fires when the function is called, so only for the pages an exporter renders.
    """

    def context(anthology: Anthology, portrait: Portrait | None) -> dict[str, Mapping[str, object]]:
        answered = _call_each(
            plugins,
            "interviewkit_template_context",
            {"anthology": anthology, "portrait": portrait, "format_name": format_name},
            accept=_template_variables,
        )
        return {name: cast("Mapping[str, object]", values) for name, values in answered}

    return context


def template_folders_for(plugins: Plugins, format_name: str) -> tuple[Path, ...]:
    """Template folders plugins add for ``format_name``, in priority order (pluggy's order)."""
    folders: list[Path] = []
    for _, found in _call_each(
        plugins,
        "interviewkit_template_folders",
        {"format_name": format_name},
        accept=_template_folders,
    ):
        folders.extend(cast("tuple[Path, ...]", found))
    return tuple(folders)


def _problems(value: object) -> tuple[Problem, ...]:
    """An ``interviewkit_check`` result as a tuple: an iterable of :class:`Problem` only.

    Read here, once, so that a generator that fails half-way is the plugin's failure and a
    string among the problems is refused before anything sorts or prints it.
    """
    hint = (
        "yield or return interviewkit.Problem(severity=..., where=..., message=...) values "
        "from interviewkit_check, an empty list when there is nothing to report"
    )
    if value is None:
        return ()
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise _Refused(_describe(value), hint)
    problems = tuple(value)
    for item in problems:
        if not isinstance(item, Problem):
            raise _Refused(f"{_describe(item)} where only Problem values are allowed", hint)
    return problems


def _template_variables(value: object) -> dict[str, object]:
    """An ``interviewkit_template_context`` result: a mapping with string keys (Jinja names)."""
    hint = "return a mapping of template variable names (str) to values, or None to add nothing"
    if not isinstance(value, Mapping):
        raise _Refused(_describe(value), hint)
    for key in value:
        if not isinstance(key, str):
            raise _Refused(f"a mapping with the key {_describe(key)}", hint)
    return dict(value)


def _template_folders(value: object) -> tuple[Path, ...]:
    """An ``interviewkit_template_folders`` result: an iterable of paths (``None``: none).

    A single string or path is refused rather than read letter by letter or guessed at.
    """
    hint = "return a list of template folders (pathlib.Path or str), or None"
    if value is None:
        return ()
    if isinstance(value, str | bytes | os.PathLike) or not isinstance(value, Iterable):
        raise _Refused(f"{_describe(value)}, not a list of folders", hint)
    folders: list[Path] = []
    for item in value:
        if not isinstance(item, str | os.PathLike):
            raise _Refused(f"{_describe(item)} among its folders", hint)
        folders.append(Path(item))
    return tuple(folders)


def _nothing(value: object) -> None:
    """An ``interviewkit_after_export`` result: nothing (pluggy leaves ``None`` out already)."""
    raise _Refused(
        _describe(value),
        "interviewkit_after_export returns nothing; to reject an output, raise an exception",
    )


def build(
    source: str | os.PathLike[str] | Source | Anthology,
    formats: Iterable[str] = ("json",),
    output_dir: str | os.PathLike[str] = "out",
    *,
    options: Iterable[str] = (),
    steps: Iterable[str] = (),
    progress: Progress | None = None,
    plugins: Plugins | None = None,
    executor: Executor | None = None,
) -> BuildReport:
    """Build ``source`` in each of ``formats`` into ``output_dir``.

    :param source: an anthology folder, portrait file or JSON archive path; a loaded
        :class:`~interviewkit.importers.Source`; or an :class:`~interviewkit.Anthology` (then
        images are resolved against the current folder).
    :param formats: format names, or ``["all"]`` for every registered format.
    :param options: ``FORMAT.KEY=VALUE`` overrides of the ``[export.FORMAT]`` options.
    :param steps: content steps to run, besides those ``anthology.toml`` selects.
    :param progress: called with ``(format, message)`` as the build advances.
    :param executor: where formats run work in parallel (the ``pdf`` format lays out its
        parts there), for example a :class:`~concurrent.futures.ProcessPoolExecutor` shared by
        several builds, or a dask.distributed ``Client.get_executor()``; by default each format
        starts its own (``pdf``: a process pool of ``pdf.jobs`` workers). It is not shut down.
    :raises InterviewkitError: for bad input, unknown formats or options, error problems
        (a misspelt ``[export.<name>]`` table among them), or two selected formats that would
        write the same path (:class:`~interviewkit.OutputError`, before anything is written);
        failures of single formats are reported in :attr:`BuildReport.failures` instead, and
        plugins kept out of the build in :attr:`BuildReport.broken_plugins`.

    .. versionadded:: 0.1
    .. versionchanged:: 0.2
       The ``executor`` parameter.
    """
    plugins = plugins or get_plugins()
    loaded = _as_source(source, plugins)
    loaded = run_steps(loaded, [*loaded.steps, *steps], plugins)
    names = _select_formats(list(formats), plugins)
    entries = {name: plugins.exporters.get(name) for name in names}
    _refuse_shared_outputs(Path(output_dir), _basename(loaded), entries)
    overrides = parse_option_overrides(
        options, names, {n: e.cls.Options for n, e in entries.items()}
    )
    typed = {
        name: structure_options(
            name, entry.cls.Options, loaded.export_options.get(name, {}), overrides[name]
        )
        for name, entry in entries.items()
    }
    from interviewkit.build._content_checks import raw_html_in
    from interviewkit.build._export_tables import export_table_problems

    # Raw HTML anchors are judged when anthology.toml, or an option of this build, renders them.
    raw_html = raw_html_in([*loaded.export_options.values(), *typed.values()])
    problems = (
        *export_table_problems(loaded, plugins),
        *_checks(loaded, plugins, raw_html=raw_html),
    )
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        raise ContentError(errors)
    date = build_date(loaded.anthology)  # once: a bad SOURCE_DATE_EPOCH is one error
    out = Path(output_dir)
    basename = _basename(loaded)
    # Before anything is built: no output may replace a file the build reads, a folder where a
    # file goes (or the reverse), a link, or a folder the build did not write.
    protected = _read_files(loaded)
    for entry in entries.values():
        directory = entry.cls.output == "directory"
        check_target(_final(out, basename, entry), directory=directory, protected=protected)
    results: list[ExportResult] = []
    failures: list[InterviewkitError] = []
    # One book document for every format of this build, kept out of full garbage collections
    # while the formats export (see DocumentCache).
    documents = DocumentCache(freeze=True)
    try:
        for name, entry in entries.items():
            notify = (lambda message, _name=name: progress(_name, message)) if progress else _quiet
            notify("exporting")
            try:
                results.append(
                    _export_one(
                        loaded,
                        entry,
                        typed[name],
                        out,
                        basename,
                        date,
                        notify,
                        plugins,
                        protected,
                        executor,
                        documents,
                    )
                )
            except InterviewkitError as exc:
                failures.append(exc)
            notify("done")
    finally:
        documents.release()
    return BuildReport(
        source=loaded,
        results=tuple(results),
        failures=tuple(failures),
        problems=problems,
        broken_plugins=tuple(plugins.broken),
    )


def _quiet(message: str) -> None:
    del message


def _as_source(source: str | os.PathLike[str] | Source | Anthology, plugins: Plugins) -> Source:
    if isinstance(source, Source):
        return source
    if isinstance(source, Anthology):
        return Source(
            anthology=source, root=Path.cwd(), file=Path(slugify(source.title) or "anthology")
        )
    return open_source(source, plugins=plugins)


def _select_formats(requested: list[str], plugins: Plugins) -> list[str]:
    if not requested or "all" in requested:
        return plugins.exporters.names()
    seen: list[str] = []
    for name in requested:
        if name not in seen:
            try:
                plugins.exporters.get(name)
            except UnknownFormatError as exc:
                if plugins.broken:
                    names = ", ".join(sorted({error.plugin for error in plugins.broken}))
                    exc.hint = f"{exc.hint}; these plugins failed to load: {names}"
                raise
            seen.append(name)
    return seen


def _basename(source: Source) -> str:
    name = source.file.name if source.file.is_dir() else source.file.stem
    return slugify(name) or slugify(source.anthology.title) or "anthology"


def _final(out: Path, basename: str, entry: Registered[Any]) -> Path:
    """Where the output of ``entry``'s format goes."""
    if entry.cls.output == "directory":
        return out / f"{basename}-{entry.name}"
    return out / f"{basename}{entry.cls.suffix}"


def _refuse_shared_outputs(
    out: Path, basename: str, entries: Mapping[str, Registered[Any]]
) -> None:
    """Refuse two selected formats that would write the same path, before anything is built.

    The path is the book's name and the format's suffix, so two formats with the same suffix
    (two plugins writing ``.txt``) would overwrite each other, and the build would report both
    as written.  Paths are compared without regard to case, as some file systems do.
    """
    claimed: dict[str, Registered[Any]] = {}
    for entry in entries.values():
        final = _final(out, basename, entry)
        other = claimed.setdefault(str(final).casefold(), entry)
        if other is entry:
            continue
        first, second = (_format_origin(e) for e in (other, entry))
        raise OutputError(
            final,
            f"formats {first} and {second} would both write it, one over the other",
            hint=f"build them in separate runs with different output folders "
            f"(-f {other.name} -o OUT1, then -f {entry.name} -o OUT2), or uninstall or disable "
            "the plugin of the one you do not need (INTERVIEWKIT_DISABLE_PLUGINS=name)",
        )


def _format_origin(entry: Registered[Any]) -> str:
    """``'txt' (plugin 'toy', from toy-dist)``: a format and where it comes from."""
    dist = f", from {entry.distribution}" if entry.distribution else ""
    return f"{entry.name!r} (plugin {entry.plugin!r}{dist})"


def _read_files(source: Source) -> frozenset[Path]:
    """Resolved paths of the files the build reads: no output may replace one of them.

    What the importer read, the theme and the images; when an importer does not say what it
    read, every file of a source folder.
    """
    from interviewkit.render.environment import THEME_FOLDER

    root = source.root.resolve()
    files = {path.resolve() for path in source.inputs}
    if source.file.is_file():
        files.add(source.file.resolve())
    elif not source.inputs and source.file.is_dir():
        files.update(_files_under(source.file))
    files.update(_files_under(root / THEME_FOLDER))
    files.update(_files_under(root / "images"))
    files.update((root / image.path).resolve() for _, image in images_of(source.anthology))
    return frozenset(files)


def _files_under(folder: Path) -> Iterable[Path]:
    for parent, _, names in os.walk(folder):
        for name in names:
            yield (Path(parent) / name).resolve()


def _raise_if_write_error(final: Path, exc: Exception) -> None:
    """Raise the :class:`OutputError` of a failed write of ``final`` (disk full, read-only...)."""
    written = output_error(final, exc) if isinstance(exc, OSError) else None
    if written is not None:
        raise written from exc


def _export_one(
    source: Source,
    entry: Registered[Any],
    options: Any,
    out: Path,
    basename: str,
    date: dt.date,
    notify: Callable[[str], None],
    plugins: Plugins,
    protected: frozenset[Path],
    executor: Executor | None,
    documents: DocumentCache,
) -> ExportResult:
    exporter_cls = entry.cls
    directory = exporter_cls.output == "directory"
    final = _final(out, basename, entry)
    context = ExportContext(
        format_name=entry.name,
        source_root=source.root,
        resources=ResourceResolver(source.root),
        build_date=date,
        template_context=template_context_for(plugins, entry.name),
        # Asked of the plugins when the exporter reads them: only formats that render templates.
        template_folders=lambda: template_folders_for(plugins, entry.name),
        output=final,
        basename=basename,
        progress=notify,
        executor=executor,
        documents=documents,
    )
    with atomic_output(final, directory=directory, protected=protected) as target:
        # Translation point (see errors.py): a failed write (disk full, read-only folder...) is
        # reported as such; anything else but an InterviewkitError raised by exporter or hook
        # code is a plugin bug, reported with the plugin's name.
        try:
            result = exporter_cls().export(
                source.anthology, options=options, target=target, context=context
            )
        except InterviewkitError:
            raise
        except Exception as exc:
            _raise_if_write_error(final, exc)
            raise ExporterError(
                entry.plugin,
                entry.distribution,
                f"format {entry.name!r} failed: {type(exc).__name__}: {exc}",
            ) from exc

        def failure(name: str, exc: Exception) -> InterviewkitError:
            if isinstance(exc, InterviewkitError):
                return exc
            written = output_error(final, exc) if isinstance(exc, OSError) else None
            if written is not None:
                return written
            return ExporterError(
                name,
                plugins.distributions.get(name, (None, None))[0],
                f"interviewkit_after_export failed on format {entry.name!r}: "
                f"{type(exc).__name__}: {exc}",
            )

        _call_each(
            plugins,
            "interviewkit_after_export",
            {"result": result, "context": context},
            accept=_nothing,
            failure=failure,
        )
    final_result: ExportResult = attrs.evolve(result, path=final)
    return final_result
