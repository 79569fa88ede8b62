"""Exporter options: ``[export.<format>]`` tables merged with ``--option`` values, then typed.

Command-line values are read as TOML values when they parse as one (``indent=0`` is a number,
``toc=false`` a boolean) and as text otherwise (``title=Mon livre``), so users rarely quote.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from interviewkit.errors import InvalidInputError
from interviewkit.serialization import structure_as

__all__ = ["OptionInfo", "describe_options", "parse_option_overrides", "structure_options"]


def parse_option_overrides(
    items: Iterable[str], formats: Sequence[str], options_classes: Mapping[str, type[Any]]
) -> dict[str, dict[str, Any]]:
    """Parse ``FORMAT.KEY=VALUE`` / ``KEY=VALUE`` items into per-format tables.

    A bare ``KEY`` applies to every selected format whose options have that key.
    """
    result: dict[str, dict[str, Any]] = {name: {} for name in formats}
    for item in items:
        key, sep, raw = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise InvalidInputError(
                None,
                [f"--option {item!r}: expected KEY=VALUE or FORMAT.KEY=VALUE"],
                hint="for example  --option json.indent=0",
            )
        value = _parse_value(raw)
        if "." in key:
            format_name, _, option = key.partition(".")
            if format_name not in result:
                raise InvalidInputError(
                    None,
                    [f"--option {item!r}: format {format_name!r} is not being built"],
                    hint=f"add -f {format_name}, or use one of: {', '.join(formats)}",
                )
            result[format_name][option] = value
            continue
        targets = [
            name
            for name in formats
            if key in {field.name for field in attrs.fields(options_classes[name])}
        ]
        if not targets:
            known = sorted(
                {
                    f"{name}.{field.name}"
                    for name in formats
                    for field in attrs.fields(options_classes[name])
                }
            )
            close = difflib.get_close_matches(key, [k.split(".", 1)[1] for k in known], n=1)
            suggestion = f" (did you mean {close[0]!r}?)" if close else ""
            raise InvalidInputError(
                None,
                [f"--option {item!r}: no selected format has an option {key!r}{suggestion}"],
                hint=f"options of the selected formats: {', '.join(known) or 'none'}",
            )
        for name in targets:
            result[name][key] = value
    return result


def _parse_value(raw: str) -> Any:
    try:
        return tomllib.loads(f"value = {raw}")["value"]
    except tomllib.TOMLDecodeError:
        return raw.strip()


def structure_options(
    format_name: str, options_class: type[Any], *tables: Mapping[str, Any]
) -> Any:
    """Merge ``tables`` (later wins) and structure them into ``options_class``."""
    merged: dict[str, Any] = {}
    for table in tables:
        merged.update(table)
    try:
        return structure_as(merged, options_class, file=f"[export.{format_name}]")
    except InvalidInputError as exc:
        raise InvalidInputError(
            f"options of format {format_name!r}",
            exc.errors,
            hint=f"fix [export.{format_name}] in anthology.toml or the --option value",
        ) from exc


@attrs.frozen(kw_only=True)
class OptionInfo:
    """One option of a format, as ``interviewkit formats FORMAT`` shows it."""

    name: str
    """The key in ``[export.FORMAT]`` and in ``-O FORMAT.KEY=VALUE``."""
    type: str
    """The annotation as written (``Literal["A5", "A4"]``, ``str | None``); empty when none."""
    default: Any
    """The default value (a factory's value); :data:`attrs.NOTHING` when the option is required."""
    description: str
    """From the field's metadata (``description`` or ``help``), else its attribute docstring."""

    @property
    def required(self) -> bool:
        """Whether the option has no default."""
        return self.default is attrs.NOTHING


def describe_options(options_class: type[Any]) -> list[OptionInfo]:
    """The options of an exporter's ``Options`` attrs class, in declaration order.

    A description comes from the field's metadata (``attrs.field(metadata={"description":
    ...})``) or else from the string literal under the field (the attribute docstring Sphinx
    documents), read from the class's source when it is available.
    """
    docstrings = _attribute_docstrings(options_class)
    result = []
    for field in attrs.fields(options_class):
        metadata = field.metadata
        described = metadata.get("description", metadata.get("help"))
        default = field.default
        # attrs.Factory is a class at run time; its stubs declare it as an overloaded function.
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            # The value every build gets: attrs calls the factory the same way.
            default = default.factory() if not default.takes_self else attrs.NOTHING
        result.append(
            OptionInfo(
                name=field.name,
                type=_type_text(field.type),
                default=default,
                description=_one_line(str(described or docstrings.get(field.name, ""))),
            )
        )
    return result


def _one_line(text: str) -> str:
    """A docstring as one line of plain text, its reST double backquotes shown as single ones."""
    return " ".join(text.split()).replace("``", "`")


def _type_text(annotation: object) -> str:
    """An annotation as a reader would write it: ``int``, ``str | None``, ``Literal['A5']``."""
    if annotation is None:
        return ""
    if isinstance(annotation, str):  # ``from __future__ import annotations``: as written
        return annotation
    if isinstance(annotation, type):
        return annotation.__name__
    return str(annotation).replace("typing.", "")


def _attribute_docstrings(cls: type[Any]) -> dict[str, str]:
    """``{field: docstring}`` from the source of ``cls`` and its bases (a subclass wins).

    A class without readable source (built at run time, or shipped without ``.py`` files)
    simply has no descriptions.
    """
    import ast
    import inspect
    import itertools
    import textwrap

    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        try:
            source = textwrap.dedent(inspect.getsource(klass))
        except (OSError, TypeError):
            continue
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for statement, following in itertools.pairwise(body):
            name = _assigned_name(statement)
            if (
                name is not None
                and isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                found[name] = inspect.cleandoc(following.value.value)
    return found


def _assigned_name(statement: object) -> str | None:
    """The name a class-body statement binds (``x: int = 1`` or ``x = attrs.field()``)."""
    import ast

    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id
    if (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
    ):
        return statement.targets[0].id
    return None
