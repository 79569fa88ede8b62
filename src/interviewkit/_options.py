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

__all__ = ["parse_option_overrides", "structure_options"]


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
