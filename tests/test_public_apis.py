"""interviewkit uses only the public, documented APIs of the libraries it depends on.

A private name (``weasyprint._x``, ``pydyf._to_bytes``), a module fetched by name so the type
checker cannot see it (``importlib.import_module("pydyf")``), a monkeypatch (assigning to an
attribute of another library's module or class, ``setattr`` on one) or an override of a
library's private method can break every book on that library's next release, silently.  This
test reads the package's source (and the plugins') with :mod:`ast` and names each such use.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import interviewkit

ROOT = Path(interviewkit.__file__).parent
PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
OURS = {"interviewkit", "interviewkit_docx", "interviewkit_markdown", "tests"}
#: Settings another project documents as the way to change its behaviour, with where.
DOCUMENTED_SETTINGS = {
    # https://pillow.readthedocs.io/en/stable/reference/ImageFile.html
    "ImageFile.LOAD_TRUNCATED_IMAGES",
}


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _foreign(module: str | None) -> bool:
    """Whether ``module`` belongs to another project (not ours, not the standard library)."""
    if not module:
        return False
    top = module.split(".")[0]
    return top not in OURS and top not in sys.stdlib_module_names


class _Finder(ast.NodeVisitor):
    """Collects the uses of other projects' internals in one module."""

    def __init__(self) -> None:
        self.imported: set[str] = set()
        """Local names bound to another project's module or to a name imported from one."""
        self.foreign: set[str] = set()
        """Those, and names bound to what they return (``pdf = pikepdf.open(...)``)."""
        self.found: list[str] = []

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if _foreign(alias.name):
                self.imported.add((alias.asname or alias.name).split(".")[0])
                self.foreign.add((alias.asname or alias.name).split(".")[0])
                if any(_is_private(part) for part in alias.name.split(".")):
                    self.found.append(f"line {node.lineno}: imports {alias.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level or not _foreign(node.module):
            return
        module = node.module or ""
        if any(_is_private(part) for part in module.split(".")):
            self.found.append(f"line {node.lineno}: imports from {module}")
        for alias in node.names:
            self.imported.add(alias.asname or alias.name)
            self.foreign.add(alias.asname or alias.name)
            if _is_private(alias.name):
                self.found.append(f"line {node.lineno}: imports {module}.{alias.name}")

    def _root(self, node: ast.expr) -> str | None:
        while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
            node = node.func if isinstance(node, ast.Call) else node.value
        return node.id if isinstance(node, ast.Name) else None

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if _is_private(node.attr) and self._root(node.value) in self.foreign:
            self.found.append(f"line {node.lineno}: reads private .{node.attr}")
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, (ast.Name, ast.Attribute))
                and self._root(target.value) in self.imported
                and ast.unparse(target) not in DOCUMENTED_SETTINGS
            ):
                self.found.append(f"line {node.lineno}: assigns to {ast.unparse(target)}")
        # What another project's function returns is its object too (``pdf = pikepdf.open()``).
        if self._root(node.value) in self.foreign and isinstance(node.value, ast.Call):
            self.foreign.update(t.id for t in node.targets if isinstance(t, ast.Name))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = ast.unparse(node.func)
        if (
            name in {"setattr", "delattr"}
            and node.args
            and self._root(node.args[0]) in self.imported
        ):
            self.found.append(f"line {node.lineno}: {name} on {ast.unparse(node.args[0])}")
        if name.endswith("import_module") and node.args:
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and _foreign(str(argument.value)):
                self.found.append(f"line {node.lineno}: imports {argument.value} by name")
        self.generic_visit(node)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        if any(self._root(base) in self.imported for base in node.bases):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and _is_private(item.name):
                    self.found.append(
                        f"line {item.lineno}: {node.name} overrides private {item.name}"
                    )
        self.generic_visit(node)


def internals_used(source: str) -> list[str]:
    """Each use of another project's internals in ``source``."""
    finder = _Finder()
    finder.visit(ast.parse(source))
    return finder.found


def _sources() -> Iterator[Path]:
    yield from sorted(ROOT.rglob("*.py"))
    yield from sorted(PLUGINS.glob("*/src/**/*.py"))


@pytest.mark.parametrize(
    "source",
    [
        "import pydyf\npydyf._to_bytes(1)",
        "import importlib\nimportlib.import_module('pydyf').PDF",
        "import pydyf\npydyf.PDF.page_references = property(len)",
        "from pydyf import PDF\nsetattr(PDF, 'x', 1)",
        "from weasyprint.pdf import _tags",
        "from ebooklib.epub import EpubWriter\nclass W(EpubWriter):\n    def _write_opf(s): pass",
        "import pikepdf\npdf = pikepdf.open('x')\npdf._objects",
    ],
)
def test_the_check_finds_each_kind_of_use(source: str) -> None:
    """The checker is not blind: each pattern it looks for is found."""
    assert internals_used(source)


def test_public_uses_are_not_flagged() -> None:
    source = (
        "import pikepdf\nfrom weasyprint import HTML\nimport os\n"
        "pdf = pikepdf.open('x')\npdf.save('y')\nos._exit(1)\n"
        "class Local:\n    def _own(self): pass\n"
    )
    assert internals_used(source) == []


def test_no_private_names_or_monkeypatching_of_other_projects() -> None:
    """Only public APIs of WeasyPrint, pydyf, pikepdf, ebooklib and every other dependency."""
    found = [
        f"{path.name}: {use}"
        for path in _sources()
        for use in internals_used(path.read_text(encoding="utf-8"))
    ]
    assert found == []
