"""YAML with line numbers: parse front matter and remember where each value was written.

Errors found later (by the converter) carry a path such as ``subject.links[1].url``; the
:class:`LineMap` built here turns it into the line of the file where that value stands, so a
message can say ``portraits/maude.md, line 14``.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["AliasNotAllowedError", "LineMap", "load_yaml"]

# An anchor or alias starts a node: after a line start, a space, '[', '{' or ','.
_MAY_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*][^\s]", re.MULTILINE)
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class AliasNotAllowedError(yaml.YAMLError):
    """Front matter uses an anchor (``&name``) or an alias (``*name``).

    Aliases let a few kilobytes expand into gigabytes once written out (the "billion laughs"),
    and an author never needs them in front matter, so they are refused before anything is
    built from the document.
    """

    def __init__(self, what: str, name: str, line: int, column: int) -> None:
        self.what = what
        self.name = name
        self.line = line
        self.column = column
        super().__init__(what, name, line, column)


class LineMap:
    """Maps document paths (``subject.links[1].url``) to 1-based line numbers."""

    def __init__(self, lines: dict[str, int] | None = None) -> None:
        self.lines: dict[str, int] = dict(lines or {})

    def add(self, path: str, line: int) -> None:
        self.lines[path] = line

    def line_of(self, path: str) -> int | None:
        """The line of ``path``, or of its closest recorded parent."""
        while True:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            if cut <= 0:
                return self.lines.get(path)
            path = path[:cut]

    def locate(self, message: str) -> str:
        """Prefix ``message`` (``path: problem``) with ``line N:`` when the path is known."""
        path = message.split(":", 1)[0].strip()
        line = self.line_of(path)
        return f"line {line}: {message}" if line is not None else message


def load_yaml(text: str, first_line: int) -> tuple[Any, LineMap]:
    """Parse YAML (safe subset) and map every value to its line; ``first_line`` is 1-based.

    Raises :class:`yaml.YAMLError`; callers translate it (they know the file name).
    """
    # Cheap tests first (memchr, then a regex): "R&D" or "*emphasis*" are not anchors.
    if ("&" in text or "*" in text) and _MAY_ANCHOR.search(text):
        _refuse_anchors(text, first_line)
    # One parse for both the data and the positions; libyaml's loader when it is available.
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, LineMap()
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    line_map = LineMap()
    _record(node, "", first_line, line_map)
    return data, line_map


def _refuse_anchors(text: str, first_line: int) -> None:
    """Raise :class:`AliasNotAllowedError` at the first anchor or alias of ``text``.

    Reads parser events only, so nothing is expanded, whatever the document holds.
    """
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            what = "alias"
        elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            what = "anchor"
        else:
            continue
        line, column = (
            (event.start_mark.line, event.start_mark.column) if event.start_mark else (0, 0)
        )
        raise AliasNotAllowedError(what, str(event.anchor), line + first_line, column + 1)


def _record(node: yaml.Node, path: str, first_line: int, line_map: LineMap) -> None:
    line_map.add(path, node.start_mark.line + first_line)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            line_map.add(child, key_node.start_mark.line + first_line)
            _record(value_node, child, first_line, line_map)
            line_map.add(child, key_node.start_mark.line + first_line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, f"{path}[{index}]", first_line, line_map)
