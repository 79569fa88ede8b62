"""The exceptions interviewkit raises.

Every class here is a condition the user can fix, so every message says *what* went wrong,
*where*, and *how to fix it*.  The CLI prints ``str(error)`` and ``error.hint`` and exits with
status 2; anything that is not an :class:`InterviewkitError` is a bug in interviewkit or a plugin.

This module imports nothing from the package, so any module may raise these errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "DuplicateExporterError",
    "ExporterError",
    "InterviewkitError",
    "InvalidInputError",
    "MissingDependencyError",
    "MissingResourceError",
    "ModelError",
    "OutputError",
    "PluginError",
    "PluginLoadError",
    "SchemaVersionError",
    "UnknownFormatError",
    "UnknownStepError",
]


class InterviewkitError(Exception):
    """Base class of every error a user can fix.

    .. versionadded:: 0.1
    """

    #: One line telling the user how to fix the problem; the CLI prints it after ``hint:``.
    hint: str = ""


class ModelError(InterviewkitError, ValueError):
    """A model object was constructed with a value it refuses.

    Raised by the validators of :mod:`interviewkit.model.models`; also a :class:`ValueError` so code
    that builds models by hand can catch the usual exception.  ``owner`` and ``field`` say which
    class and attribute refused the value, so the serialization layer can report the full path.

    .. versionadded:: 0.1
    """

    def __init__(self, owner: str, field: str, problem: str, *, hint: str = "") -> None:
        self.owner = owner
        self.field = field
        self.problem = problem
        self.hint = hint
        super().__init__(owner, field, problem)

    def __str__(self) -> str:
        return f"{self.owner}.{self.field}: {self.problem}"


class InvalidInputError(InterviewkitError):
    """A source file could not be read into an :class:`~interviewkit.Anthology`.

    Every problem found in the file is reported at once, each prefixed with its place in the
    file (``portraits[3].interview.exchanges[12].answer`` or ``line 14``).

    .. versionadded:: 0.1
    """

    def __init__(self, file: str | Path | None, errors: Sequence[str], *, hint: str = "") -> None:
        self.file = None if file is None else str(file)
        self.errors = tuple(errors)
        self.hint = hint or "correct the file and run the command again"
        super().__init__(self.file, self.errors)

    def __str__(self) -> str:
        prefix = f"{self.file}: " if self.file else ""
        if len(self.errors) == 1:
            return f"{prefix}{self.errors[0]}"
        lines = [f"{prefix}{len(self.errors)} problems"]
        lines.extend(f"  - {error}" for error in self.errors)
        return "\n".join(lines)


class SchemaVersionError(InvalidInputError):
    """A canonical JSON file declares a schema version this interviewkit cannot read.

    .. versionadded:: 0.1
    """

    def __init__(self, file: str | Path | None, found: str, supported: str) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            file,
            [f"schema version {found!r} is not supported (this interviewkit reads {supported})"],
            hint="upgrade interviewkit (pip install -U interviewkit) to read files "
            "written by a newer version",
        )


class MissingResourceError(InterviewkitError):
    """A file the content refers to (an image, a section body) is missing or out of bounds.

    .. versionadded:: 0.1
    """

    def __init__(
        self, file: str | Path | None, ref: str, reason: str = "does not exist", *, hint: str = ""
    ) -> None:
        self.file = None if file is None else str(file)
        self.ref = ref
        self.reason = reason
        self.hint = hint or (
            "paths are relative to the anthology folder and must stay inside it; "
            "add the file or correct the path"
        )
        super().__init__(self.file, ref, reason)

    def __str__(self) -> str:
        prefix = f"{self.file}: " if self.file else ""
        return f"{prefix}{self.ref!r} {self.reason}"


class OutputError(InterviewkitError):
    """The output could not be written where it was asked for.

    .. versionadded:: 0.1
    """

    def __init__(self, path: str | Path, reason: str, *, hint: str = "") -> None:
        self.path = str(path)
        self.reason = reason
        self.hint = hint or "choose another output folder with -o, or fix its permissions"
        super().__init__(self.path, reason)

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"


class UnknownFormatError(InterviewkitError):
    """No exporter is registered under the requested format name.

    .. versionadded:: 0.1
    """

    def __init__(self, name: str, available: Sequence[str], suggestion: str | None = None) -> None:
        self.name = name
        self.available = tuple(available)
        self.suggestion = suggestion
        self.hint = (
            "run 'interviewkit formats' to see every format and the plugin it comes from; "
            "install the plugin that provides the format you need"
        )
        super().__init__(name, self.available)

    def __str__(self) -> str:
        known = ", ".join(self.available) or "none"
        did_you_mean = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"unknown format {self.name!r}{did_you_mean}; known formats: {known}"


class UnknownStepError(UnknownFormatError):
    """No content step is registered under the requested name.

    .. versionadded:: 0.1
    """

    def __init__(self, name: str, available: Sequence[str], suggestion: str | None = None) -> None:
        super().__init__(name, available, suggestion)
        self.hint = (
            "run 'interviewkit plugins' to see the steps plugins provide; "
            "install the plugin that provides the step"
        )

    def __str__(self) -> str:
        known = ", ".join(self.available) or "none"
        did_you_mean = f" (did you mean {self.suggestion!r}?)" if self.suggestion else ""
        return f"unknown step {self.name!r}{did_you_mean}; known steps: {known}"


class MissingDependencyError(InterviewkitError):
    """An optional library needed for a feature is not installed.

    .. versionadded:: 0.1
    """

    def __init__(self, feature: str, hint: str) -> None:
        self.feature = feature
        self.hint = hint
        super().__init__(feature, hint)

    def __str__(self) -> str:
        return f"{self.feature} needs a library that is not installed"


class PluginError(InterviewkitError):
    """Something went wrong inside a plugin; the message names the plugin and its distribution.

    .. versionadded:: 0.1
    """

    def __init__(self, plugin: str, distribution: str | None, message: str) -> None:
        self.plugin = plugin
        self.distribution = distribution
        self.message = message
        if not self.hint:
            self.hint = (
                f"disable it with INTERVIEWKIT_DISABLE_PLUGINS={plugin} and report the error "
                f"to the plugin's authors"
            )
        super().__init__(plugin, distribution, message)

    @property
    def origin(self) -> str:
        """The plugin and, when known, the distribution it comes from."""
        if self.distribution:
            return f"plugin {self.plugin!r} (from {self.distribution})"
        return f"plugin {self.plugin!r}"

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


class PluginLoadError(PluginError):
    """A plugin could not be imported or registered.

    .. versionadded:: 0.1
    """


class DuplicateExporterError(PluginError):
    """Two plugins register an exporter under the same format name.

    .. versionadded:: 0.1
    """

    def __init__(
        self,
        name: str,
        plugin: str,
        distribution: str | None,
        other_plugin: str,
        other_distribution: str | None,
    ) -> None:
        self.name = name
        self.other_plugin = other_plugin
        self.other_distribution = other_distribution
        other = f"{other_plugin!r}" + (
            f" (from {other_distribution})" if other_distribution else ""
        )
        self.hint = (
            "uninstall or disable one of the two plugins (INTERVIEWKIT_DISABLE_PLUGINS=name), "
            "or register with replace=True to override a format on purpose"
        )
        super().__init__(
            plugin, distribution, f"format {name!r} is already registered by plugin {other}"
        )


class ExporterError(PluginError):
    """An exporter or a post-export hook raised an unexpected exception.

    The original exception is kept as ``__cause__``.

    .. versionadded:: 0.1
    """
