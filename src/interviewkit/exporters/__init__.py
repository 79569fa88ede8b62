"""The exporter contract: what a format plugin provides and what it receives.

An exporter is a class with a few capabilities declared as class variables (as on a Sphinx
builder) and one method, :meth:`Exporter.export`.  The host owns everything around it: it
structures the options, creates a temporary target, runs checks before and hooks after, and moves
the result into place atomically.  An exporter writes only into ``target``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from pathlib import Path
from typing import Any, ClassVar, Literal, Protocol, runtime_checkable

import attrs

from interviewkit._util.fs import ResourceResolver
from interviewkit._util.version import installed_version
from interviewkit.document import BookDocument, build_document
from interviewkit.document._cache import DocumentCache
from interviewkit.model.models import Anthology, Portrait
from interviewkit.model.problems import Problem

__all__ = ["ExportContext", "ExportResult", "Exporter", "NoOptions"]


@attrs.frozen(kw_only=True)
class NoOptions:
    """Options of an exporter that takes none; any key given is refused.

    .. versionadded:: 0.1
    """


@attrs.frozen(kw_only=True)
class ExportContext:
    """Everything an exporter may use besides the anthology and its options.

    .. versionadded:: 0.1
    """

    format_name: str
    """The format being built."""
    source_root: Path
    """The anthology folder; resources are read from here only (through :attr:`resources`)."""
    resources: ResourceResolver
    """Resolves image paths inside the source folder and refuses anything else."""
    build_date: dt.date
    """The date to print and embed, from ``SOURCE_DATE_EPOCH`` or the content, never the clock."""
    output: Path
    """Where the result will be once the build succeeds (the exporter writes to ``target``)."""
    basename: str
    """File name stem for outputs (``derriere-les-comptes``)."""
    progress: Callable[[str], None] = attrs.field(default=lambda message: None)
    """Report a step of a long export ("portrait 3 of 40"); the CLI shows it."""
    template_context: Callable[[Anthology, Portrait | None], Mapping[str, Mapping[str, object]]] = (
        attrs.field(default=lambda anthology, portrait: {})
    )
    """Variables plugins add to a page's templates, by plugin name (``plugins.<name>``).

    Each call fires the ``interviewkit_template_context`` hook, so only for the pages an
    exporter renders."""
    _template_folders: tuple[Path, ...] | Callable[[], tuple[Path, ...]] = attrs.field(
        default=(), alias="template_folders", repr=False
    )
    _folders_found: list[tuple[Path, ...]] = attrs.field(
        factory=list, init=False, repr=False, eq=False
    )

    @property
    def template_folders(self) -> tuple[Path, ...]:
        """Template folders plugins add, searched after the anthology's ``theme/templates``.

        Given as a tuple, or as a function the context calls the first time an exporter reads
        this (``build`` gives one): so the ``interviewkit_template_folders`` hook fires once,
        and only for formats that render templates; a broken hook cannot fail the JSON build.
        """
        if not self._folders_found:
            folders = self._template_folders
            self._folders_found.append(tuple(folders() if callable(folders) else folders))
        return self._folders_found[0]

    executor: Executor | None = None
    """Where an exporter may run work in parallel (the ``pdf`` format lays out its parts there).

    ``None``: the exporter chooses (``pdf`` starts a process pool of ``pdf.jobs`` workers).
    Given to :func:`~interviewkit.build` by its caller, for a cluster's executor, say.

    .. versionadded:: 0.2
    """
    _documents: DocumentCache = attrs.field(
        factory=DocumentCache, alias="documents", repr=False, eq=False
    )

    def book_document(self, anthology: Anthology) -> BookDocument:
        """The book document of ``anthology``: its texts parsed and typeset, its ids, labels
        (with ``theme/labels.toml``), credits and cross-references resolved.

        Made once per build and shared by every format of the build (``-f all`` typesets each
        answer once); render it with :class:`~interviewkit.HtmlWriter`,
        :class:`~interviewkit.MarkdownWriter` or the text functions, or walk it.
        A context made without a build (a plugin's own tests) makes it on first use.

        .. versionadded:: 0.3
        """
        from interviewkit.render.theme_labels import theme_labels

        return self._documents.get(
            anthology,
            lambda: build_document(
                anthology, label_overrides=theme_labels(self, anthology.language)
            ),
        )

    interviewkit_version: str = attrs.field(factory=installed_version)
    """The version of interviewkit running the build, for a format's ``generator`` metadata.

    An exporter reads it here rather than importing ``interviewkit.__version__``: the package face
    imports every format, so a format importing it back would depend on the whole package.
    Defaults to the installed version, so a context made without it (a plugin's own tests) still
    works.

    .. versionadded:: 0.2
    """


@attrs.frozen(kw_only=True)
class ExportResult:
    """What an export produced.

    .. versionadded:: 0.1
    """

    format_name: str
    """The format built."""
    path: Path
    """The file or folder written (the final path once the build has moved it into place)."""
    files: tuple[Path, ...] = ()
    """Every file written, relative to :attr:`path` for directory outputs."""
    problems: tuple[Problem, ...] = ()
    """Warnings found while exporting (a missing optional resource, say)."""


@runtime_checkable
class Exporter(Protocol):
    """What an export format provides.

    Register the class (not an instance) from the ``interviewkit_register_exporters`` hook.
    Exporters are stateless and constructed without arguments.

    .. versionadded:: 0.1
    """

    name: ClassVar[str]
    """The format name (``^[a-z][a-z0-9-]*$``), the CLI's ``--format`` value."""
    suffix: ClassVar[str]
    """File suffix of the output (``.json``); empty for a directory output."""
    media_type: ClassVar[str]
    """IANA media type of the output."""
    output: ClassVar[Literal["file", "directory"]]
    """Whether :meth:`export` writes one file at ``target`` or a folder there."""
    description: ClassVar[str]
    """One line for ``interviewkit formats``."""
    Options: ClassVar[type[Any]]
    """A frozen attrs class of the options, filled from ``[export.<name>]`` and ``--option``."""

    def export(
        self, anthology: Anthology, *, options: Any, target: Path, context: ExportContext
    ) -> ExportResult:
        """Write the anthology to ``target`` (a file or an existing empty folder)."""
        ...
