"""The hook reference documents every hook with its exact signature, so none goes undocumented."""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interviewkit.plugins import hookspecs

DOCS = Path(__file__).parent.parent / "docs"
HOOKS_PAGE = DOCS / "reference" / "hooks.md"


class _AsWritten(str):
    """An annotation string shown as written in the source (``inspect`` would quote it)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def _as_written(annotation: Any) -> Any:
    return _AsWritten(annotation) if isinstance(annotation, str) else annotation


def source_signature(function: Callable[..., Any]) -> str:
    """``def name(args) -> return: ...`` as written in the source (string annotations)."""
    signature = inspect.signature(function)
    signature = signature.replace(
        parameters=[
            parameter.replace(annotation=_as_written(parameter.annotation))
            for parameter in signature.parameters.values()
        ],
        return_annotation=_as_written(signature.return_annotation),
    )
    return f"def {function.__name__}{signature}: ..."


HOOKS = sorted(
    (name, function)
    for name, function in vars(hookspecs).items()
    if name.startswith("interviewkit_") and inspect.isfunction(function)
)


@pytest.fixture(scope="module")
def page() -> str:
    """The text of docs/reference/hooks.md."""
    return HOOKS_PAGE.read_text(encoding="utf-8")


def test_there_are_hooks() -> None:
    """The hook specifications are found (guards the tests below against vacuous success)."""
    assert {name for name, _ in HOOKS} >= {
        "interviewkit_register_exporters",
        "interviewkit_check",
    }


def test_signature_is_rendered_as_in_the_source() -> None:
    """The expected signature text keeps string annotations unquoted, return type included."""
    assert source_signature(hookspecs.interviewkit_register_exporters) == (
        "def interviewkit_register_exporters(registry: ExporterRegistry) -> None: ..."
    )


@pytest.mark.parametrize(("name", "function"), HOOKS, ids=[name for name, _ in HOOKS])
def test_hook_is_documented_with_its_signature(
    page: str, name: str, function: Callable[..., Any]
) -> None:
    """Each hook has its own heading and its exact signature in a python code block."""
    assert f"### `{name}`" in page
    assert f"```python\n{source_signature(function)}\n```" in page


def test_no_documented_hook_is_missing_from_the_specs(page: str) -> None:
    """Every hook heading on the page names a hook that exists (no stale documentation)."""
    documented = set(re.findall(r"^### `(interviewkit_\w+)`$", page, flags=re.MULTILINE))
    assert documented == {name for name, _ in HOOKS}


def test_examples_are_valid_python(page: str) -> None:
    """Every python example on the page parses."""
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.DOTALL)
    assert len(blocks) > len(HOOKS)
    for block in blocks:
        ast.parse(block)


def test_page_is_in_the_toctree() -> None:
    """The hook reference is reachable from the documentation index."""
    assert "\nreference/hooks\n" in (DOCS / "index.md").read_text(encoding="utf-8")


def test_the_built_ins_table_lists_every_built_in_plugin() -> None:
    """The "Built-ins are plugins too" table has one row per entry of ``BUILTIN_PLUGINS``."""
    from interviewkit.plugins import BUILTIN_PLUGINS

    section = HOOKS_PAGE.read_text(encoding="utf-8").split("## Built-ins are plugins too", 1)[1]
    rows = re.findall(r"^\| `([a-z]+)` +\| `([a-z_.]+)` +\|", section, re.MULTILINE)
    assert rows == list(BUILTIN_PLUGINS)
