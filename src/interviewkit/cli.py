"""The ``interviewkit`` command.

Exit codes: 0 success; 2 bad input, bad usage, a failed format or an interruption (Ctrl-C,
SIGTERM) (message and hint, no traceback); 1 an internal error (a bug: traceback and a request
to report it).  ``--debug`` (or ``INTERVIEWKIT_DEBUG=1``) prints the traceback of an error too,
which is how a plugin's author sees where their code failed.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import tempfile
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import click
import orjson
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from interviewkit.errors import InterviewkitError, InvalidInputError, PluginError
from interviewkit.model.problems import Problem
from interviewkit.serialization import fast_structuring

if TYPE_CHECKING:
    from interviewkit.plugins import PluginInfo, Plugins
    from interviewkit.plugins.registry import Registered

__all__ = ["DEBUG_ENV", "cli", "main"]

_err = Console(stderr=True, highlight=False, soft_wrap=True)
_out = Console(highlight=False, soft_wrap=True)

#: Environment switch equivalent to ``--debug``.
DEBUG_ENV = "INTERVIEWKIT_DEBUG"


class _Settings:
    """Global options of the current run, read where errors are printed (even after click)."""

    debug = False


_settings = _Settings()


def _version() -> str:
    from interviewkit import __version__

    return __version__


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is: unwinds like Ctrl-C, so temporary files go."""


@contextlib.contextmanager
def _sigterm_unwinds() -> Iterator[None]:
    """While building, SIGTERM unwinds the stack (removing temporaries) instead of killing."""

    def terminate(signum: int, frame: FrameType | None) -> None:
        del signum, frame
        raise _Terminated

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread: the caller handles its signals
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _show_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        # Only the severity is markup: place and message hold the anthology's text (a link's
        # "[text]", a "[link=...]"), printed as written.
        text = escape(f"{problem.where}: {problem.message}")
        _err.print(f"[{style}]{problem.severity}[/]: {text}", markup=True)
        if problem.hint:
            _err.print(f"  hint: {problem.hint}", markup=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(_version(), "--version", "-V", prog_name="interviewkit")
@click.option(
    "--debug",
    is_flag=True,
    envvar=DEBUG_ENV,
    help="Print the traceback of an error (a plugin's code, say) before its message. "
    f"Also set by {DEBUG_ENV}=1.",
)
def cli(debug: bool) -> None:
    """Turn a folder of interview portraits into a book: EPUB, PDF, HTML and JSON.

    Start with 'interviewkit new my-anthology', edit the files, then
    'interviewkit build my-anthology'.  Exit status: 0 on success, 2 for bad input or a failed
    format, 1 for an internal error.
    """
    _settings.debug = debug


@cli.command(short_help="Build an anthology in one or more formats.")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    metavar="FORMAT",
    help="Format to build; repeat for several, or 'all'. Default: all. See 'interviewkit formats'.",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder the outputs are written to (created if needed).",
)
@click.option(
    "-O",
    "--option",
    "options",
    multiple=True,
    metavar="[FORMAT.]KEY=VALUE",
    help="Override an exporter option from [export.FORMAT] in anthology.toml, e.g. json.indent=0.",
)
@click.option(
    "-s",
    "--step",
    "steps",
    multiple=True,
    metavar="STEP",
    help="Run a content step provided by a plugin before exporting; repeat for several.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only errors.")
def build(
    source: Path,
    formats: tuple[str, ...],
    output: Path,
    options: tuple[str, ...],
    steps: tuple[str, ...],
    quiet: bool,
) -> None:
    """Build SOURCE (an anthology folder, a portrait .md file or a .json archive).

    Each output appears complete or not at all: it is written to a temporary path and moved
    into place when done.  A format that fails does not stop the others.  No output replaces a
    file the build reads, a link, or a folder the build did not write.
    """
    from interviewkit.build import build as run_build
    from interviewkit.build.loading import open_source
    from interviewkit.plugins import get_plugins

    plugins = get_plugins()
    if not quiet:
        _warn_broken_plugins(plugins)
    loaded = open_source(source, plugins=plugins)
    selected = list(formats) or ["all"]
    count = len(plugins.exporters.names()) if "all" in selected else len(set(selected))
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        console=_err,
        disable=quiet or not _err.is_terminal,
        transient=True,
    ) as bar:
        task = bar.add_task("building", total=count)
        done: set[str] = set()

        def progress(format_name: str, message: str) -> None:
            bar.update(task, description=f"{format_name}: {message}")
            if message == "done" and format_name not in done:
                done.add(format_name)
                bar.advance(task)

        with _sigterm_unwinds():
            report = run_build(
                loaded,
                selected,
                output,
                options=options,
                steps=steps,
                progress=progress,
                plugins=plugins,
            )
    if not quiet:
        _show_problems(report.problems)
        width = max((len(result.format_name) for result in report.results), default=0)
        for result in report.results:
            _show_problems(result.problems)  # found while exporting (a refused resource, say)
            name = result.format_name.ljust(width)
            _err.print(f"[green]✓[/] {name}  {result.path}", markup=True)
    for failure in report.failures:
        _print_error(failure)
    if report.failures:
        raise SystemExit(2)


@cli.command(short_help="Check an anthology and report every problem at once.")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--strict", is_flag=True, help="Treat warnings as errors (exit 2 when there are any)."
)
def check(source: Path, strict: bool) -> None:
    """Check SOURCE and report every problem at once, without building anything.

    The problems are the ones 'build' reports (missing or unusable images, images that would
    print under 300 ppi, unlisted portraits, review marks...), each once.
    """
    from interviewkit.build import run_checks, run_steps
    from interviewkit.build.loading import open_source
    from interviewkit.plugins import get_plugins

    plugins = get_plugins()
    # The content build() checks: the source after the steps anthology.toml selects.
    loaded = open_source(source, plugins=plugins)
    loaded = run_steps(loaded, loaded.steps, plugins)
    problems = run_checks(loaded, plugins)
    _show_problems(problems)
    anthology = loaded.anthology
    exchanges = sum(len(p.interview.exchanges) for p in anthology.portraits)
    errors = [p for p in problems if p.severity == "error" or strict]
    summary = (
        f"{source}: {len(anthology.portraits)} portraits, {exchanges} exchanges, "
        f"{len(problems)} problem(s)"
    )
    _err.print(summary, markup=False)
    if errors:
        raise SystemExit(2)


@cli.command(short_help="List the export formats, the plugins they come from, their options.")
@click.argument("names", nargs=-1, metavar="[FORMAT]...")
@click.option(
    "--options",
    "show_options",
    is_flag=True,
    help="List the options of every format (the default when FORMAT names are given).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def formats(names: tuple[str, ...], show_options: bool, as_json: bool) -> None:
    """List every export format, the plugin it comes from, and broken plugins.

    With FORMAT names, or --options, list the options of each format instead: the keys of its
    [export.FORMAT] table in anthology.toml (and of -O FORMAT.KEY=VALUE), with their type,
    default and description.
    """
    from interviewkit.build import _select_formats
    from interviewkit.plugins import get_plugins

    plugins = get_plugins()
    selected = _select_formats(list(names), plugins)  # an unknown name: exit 2, with a guess
    entries = [plugins.exporters.get(name) for name in selected]
    broken = [info for info in plugins.info() if info.error is not None]
    if as_json:
        data = {
            "formats": [_format_item(entry, plugins) for entry in entries],
            "broken": [_plugin_item(info) for info in broken],
        }
        _out.print(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode(), markup=False)
        return
    if names or show_options:
        for number, entry in enumerate(entries):
            _show_options(entry, first=number == 0)
    else:
        table = Table("format", "output", "from", "description", box=None, pad_edge=False)
        for entry in entries:
            table.add_row(
                escape(entry.name),
                escape(f"{entry.cls.output} {entry.cls.suffix}".strip()),
                escape(_origin(entry.plugin, entry.distribution)),
                escape(entry.cls.description),
            )
        _out.print(table)
    for error in plugins.broken:
        _debug_traceback(error)
        _err.print(
            f"[red]broken plugin[/] {escape(error.plugin)} ({escape(str(error.distribution))}): "
            f"{escape(error.message)}",
            markup=True,
        )


@cli.command(short_help="List the plugins, what they provide, and broken ones.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def plugins(as_json: bool) -> None:
    """List every plugin: distribution, version, hooks, formats, and errors of broken ones."""
    from interviewkit.plugins import get_plugins

    loaded = get_plugins()
    infos = loaded.info()
    if as_json:
        data = {"plugins": [_plugin_item(info) for info in infos]}
        _out.print(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode(), markup=False)
        return
    table = Table(
        "plugin", "distribution", "version", "hooks", "provides", box=None, pad_edge=False
    )
    for info in infos:
        provides = escape(", ".join([*info.formats, *info.importers]))
        hooks = escape(", ".join(h.removeprefix("interviewkit_") for h in info.hooks))
        if info.error:
            hooks, provides = "[red]broken[/]", escape(info.error)
        table.add_row(
            escape(info.name),
            escape(info.distribution or "-"),
            escape(info.version or "-"),
            hooks,
            provides,
        )
    _out.print(table)
    for error in loaded.broken:
        _debug_traceback(error)


def _origin(plugin: str, distribution: str | None) -> str:
    return f"{plugin} ({distribution})" if distribution else plugin


def _plugin_item(info: PluginInfo) -> dict[str, Any]:
    """A plugin in the JSON listings: the keys every item has, then what it provides."""
    return {
        "name": info.name,
        "plugin": info.name,
        "distribution": info.distribution,
        "version": info.version,
        "error": info.error,
        "hooks": list(info.hooks),
        "formats": list(info.formats),
        "importers": list(info.importers),
        "steps": list(info.steps),
    }


def _format_item(entry: Registered[Any], plugins: Plugins) -> dict[str, Any]:
    """A format in the JSON listing: the keys every item has, then the format's own."""
    from interviewkit.build._options import describe_options

    return {
        "name": entry.name,
        "plugin": entry.plugin,
        "distribution": entry.distribution,
        "version": plugins.distributions.get(entry.plugin, (None, None))[1],
        "error": None,
        "description": entry.cls.description,
        "output": entry.cls.output,
        "suffix": entry.cls.suffix,
        "media_type": entry.cls.media_type,
        "options": [
            {
                "name": option.name,
                "type": option.type,
                "required": option.required,
                "default": None if option.required else _json_value(option.default),
                "description": option.description,
            }
            for option in describe_options(entry.cls.Options)
        ],
    }


def _json_value(value: object) -> object:
    """A default as JSON: TOML-like values as they are, anything else as its text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    return str(value)


def _toml_value(value: object) -> str:
    """A default as it would be written in anthology.toml (``true``, ``"A5"``, ``[]``)."""
    if value is None:
        return "(not set)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return orjson.dumps(value).decode()
    if isinstance(value, list | tuple | set | frozenset):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{key} = {_toml_value(item)}" for key, item in value.items())
        return "{" + items + "}"
    return str(value)


def _show_options(entry: Registered[Any], *, first: bool) -> None:
    """The options table of one format, under a line naming it and its plugin."""
    from interviewkit.build._options import describe_options

    if not first:
        _out.print()
    origin = _origin(entry.plugin, entry.distribution)
    _out.print(f"{entry.name}: {entry.cls.description}", markup=False)
    options = describe_options(entry.cls.Options)
    where = f"[export.{entry.name}] or -O {entry.name}.KEY=VALUE"
    if not options:
        _out.print(f"  from plugin {origin}; no options ({where})", markup=False)
        return
    _out.print(f"  from plugin {origin}; options, set in {where}:", markup=False)
    table = Table("option", "type", "default", "description", box=None, pad_edge=False)
    for option in options:
        default = "(required)" if option.required else _toml_value(option.default)
        table.add_row(
            escape(option.name), escape(option.type), escape(default), escape(option.description)
        )
    _out.print(table)


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path))
@click.option(
    "--language",
    default="en",
    show_default=True,
    help="BCP 47 language of the book: en, fr-CA, fr-FR...",
)
@click.option("--title", default=None, help="Title of the book (default: from the folder name).")
def new(directory: Path, language: str, title: str | None) -> None:
    """Create an anthology folder with one sample portrait that builds."""
    from interviewkit.build._scaffold import scaffold

    scaffold(directory, language=language, title=title)
    _err.print(f"created {directory}/ — now run: interviewkit build {directory}", markup=False)


@cli.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the canonical JSON format."""
    from interviewkit._util.fs import atomic_output
    from interviewkit.schema import json_schema_text

    text = json_schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    with atomic_output(output, directory=False) as target:
        target.write_text(text, encoding="utf-8")


@cli.command("import", short_help="Turn a published interview into portrait files to review.")
@click.argument("source", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to write the portrait files to (created if missing), e.g. my-book/portraits.",
)
@click.option(
    "--from",
    "importer",
    default=None,
    metavar="IMPORTER",
    help="Importer to use: text, html, markdown, wordpress or a plugin's "
    "(default: a plugin's that recognises the file, else chosen from its content).",
)
@click.option("--language", default=None, help="Language tag (fr-CA, en); guessed by default.")
@click.option("--category", default=None, help="WordPress export: only posts of this category.")
@click.option("--tag", default=None, help="WordPress export: only posts with this tag.")
@click.option("--force", is_flag=True, help="Replace portrait files that already exist.")
def import_(
    source: Path,
    output: Path,
    importer: str | None,
    language: str | None,
    category: str | None,
    tag: str | None,
    force: bool,
) -> None:
    """Read the interview(s) in SOURCE and write portrait files to OUTPUT for review.

    SOURCE is a text file copied from a web page, a saved HTML page, a Markdown file, or a
    WordPress export (one portrait per post); '-' reads it from standard input.  The reader is
    chosen from what the file holds, not its name (--from chooses it), and the summary says
    which and why.  Every decision the importer was unsure of is marked 'interviewkit-review'
    in the files: search for it, check, delete the mark.  Existing files are kept unless
    --force is given.
    """
    from interviewkit.build.importing import _import, import_portrait
    from interviewkit.importers.interviews import ImportOptions

    if str(source) == "-":
        options = ImportOptions(language=language, category=category, tag=tag)
        # The importers read files: standard input is copied into one, removed afterwards.
        with tempfile.TemporaryDirectory(prefix="interviewkit-stdin-") as folder:
            copy = Path(folder) / "stdin.txt"
            _copy_stdin(copy)
            report = _import(
                copy, output, importer=importer, options=options, force=force, plugins=None,
                display=_STDIN,
            )  # fmt: skip
    else:
        report = import_portrait(
            source, output, importer=importer, language=language, category=category, tag=tag,
            force=force,
        )  # fmt: skip
    _err.print(f"wrote {len(report.files)} portrait file(s) to {output}/", markup=False)
    table = Table(
        "file", "questions", "voices", "to review", "marks by part", box=None, pad_edge=False
    )
    for path, imported in zip(report.files, report.portraits, strict=True):
        portrait = imported.portrait
        marks = imported.marks_by_part()
        table.add_row(
            path.name,
            str(len(portrait.interview.exchanges)),
            str(len(portrait.speakers)) if portrait.speakers else "-",
            str(len(imported.notes)),
            ", ".join(f"{part} {count}" for part, count in sorted(marks.items())) or "-",
        )
    _err.print(table)
    for skipped in report.skipped:
        _err.print(f"skipped: {skipped}", markup=False)
    exchanges = sum(len(p.portrait.interview.exchanges) for p in report.portraits)
    why = f" ({report.reason})" if report.reason else ""
    _err.print(
        f"{len(report.portraits)} portrait(s), {exchanges} exchanges, {report.uncertain} "
        f"uncertain line(s), read by the {report.importer!r} importer{why}. Next: search the "
        "files for 'interviewkit-review', check each mark and delete it.",
        markup=False,
    )


_STDIN = "<stdin>"


def _copy_stdin(target: Path) -> None:
    """Copy standard input to ``target``, stopping past what any importer would read.

    Bytes are copied as they are: the importer reads them as UTF-8 and names the line of a byte
    that is not.  A bigger input is cut just past the limit, and refused by the importer.
    """
    from interviewkit.importers.interviews._reading import MAX_PAGE_BYTES
    from interviewkit.importers.interviews.wordpress import MAX_EXPORT_BYTES

    stream = sys.stdin
    if stream is None:  # no standard input at all (a GUI launcher): as empty as can be
        stream = io.StringIO()
    if stream.isatty():
        _err.print("reading the interview from standard input (end it with Ctrl-D)", markup=False)
    buffer = getattr(stream, "buffer", None)
    limit = max(MAX_PAGE_BYTES, MAX_EXPORT_BYTES) + 1
    blank = True
    with target.open("wb") as out:
        while limit > 0:
            if buffer is not None:
                chunk = buffer.read(min(limit, 1 << 20))
            else:  # a text stream without bytes underneath (an embedding program's)
                chunk = stream.read(min(limit, 1 << 20)).encode("utf-8")
            if not chunk:
                break
            blank = blank and not chunk.strip()
            out.write(chunk)
            limit -= len(chunk)
    if blank:
        raise InvalidInputError(
            _STDIN,
            ["is empty (nothing came on standard input)"],
            hint="pipe the interview in (interviewkit import - -o FOLDER < interview.txt), or "
            "give the file's path instead of '-'",
        )


def _print_error(error: InterviewkitError) -> None:
    """The error line and its hint; with ``--debug``, the traceback first.

    The hint of a plugin's error says how to see the traceback of the plugin's code, since the
    message alone rarely tells its author where the code failed.
    """
    if _settings.debug:
        _print_traceback(error)
    _err.print(f"error: {error}", markup=False, style="bold red")
    hint = error.hint
    if isinstance(error, PluginError) and _has_traceback(error) and not _settings.debug:
        more = f"run again with --debug (or {DEBUG_ENV}=1) to see the plugin's traceback"
        hint = f"{hint}; {more}" if hint else more
    if hint:
        _err.print(f"hint: {hint}", markup=False)


def _has_traceback(error: BaseException) -> bool:
    return error.__traceback__ is not None or error.__cause__ is not None


def _print_traceback(error: BaseException) -> None:
    """The traceback of ``error``, its cause (the plugin's exception) first, on stderr."""
    _err.print("".join(traceback.format_exception(error)), markup=False, end="")


def _debug_traceback(error: BaseException) -> None:
    """With ``--debug``, the traceback of an error that is not raised (a broken plugin's)."""
    if _settings.debug and _has_traceback(error):
        _print_traceback(error)


def _warn_broken_plugins(plugins: Plugins) -> None:
    """One warning line per plugin kept out (it failed to load, or claimed a taken format name).

    A format another plugin was meant to provide may then be built by the plugin that kept the
    name: the user must hear of it before reading the list of outputs.
    """
    for error in plugins.broken:
        _debug_traceback(error)
        _err.print(
            f"[yellow]warning[/]: {escape(error.origin)} is not loaded: {escape(error.message)}",
            markup=True,
        )


def _interrupted(interrupt: KeyboardInterrupt) -> int:
    """Ctrl-C or SIGTERM: every output is complete or absent, and the temporaries are gone."""
    name = "SIGTERM" if isinstance(interrupt, _Terminated) else "SIGINT"
    _err.print(
        f"error: interrupted ({name}); the outputs not finished were not written",
        markup=False,
        style="bold red",
    )
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (the console script exits with it)."""
    _settings.debug = False  # set again by the group's --debug option (or INTERVIEWKIT_DEBUG)
    try:
        # The command line owns its process: it may let structuring pause the collector.
        with fast_structuring():
            result = cli.main(
                args=list(argv) if argv is not None else None,
                prog_name="interviewkit",
                standalone_mode=False,
            )
    except InterviewkitError as error:
        _print_error(error)
        return 2
    except click.exceptions.Exit as exit_:
        return exit_.exit_code
    except click.ClickException as error:
        error.show()
        return 2 if isinstance(error, click.UsageError) else error.exit_code
    except click.exceptions.Abort as abort:
        if isinstance(abort.__cause__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            return _interrupted(abort.__cause__)
        _err.print("aborted", markup=False)
        return 1
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    except KeyboardInterrupt as interrupt:
        return _interrupted(interrupt)
    except Exception:  # noqa: BLE001 - the last resort: a bug, shown with its traceback
        traceback.print_exc()
        _err.print(
            "interviewkit hit an internal error. Please report it with the traceback above "
            f"(interviewkit {_version()}, Python {sys.version.split()[0]}, {os.name}).",
            markup=False,
        )
        return 1
    return result if isinstance(result, int) else 0


def console_main() -> None:  # pragma: no cover - thin wrapper for the console script
    raise SystemExit(main())
