"""Navigation inside the assembled book: links between parts and the outline.

Links to another part were written as ``interviewkit-anchor:<id>`` URIs (or named destinations)
by WeasyPrint; once every page of the book has its object number they become explicit
destinations.  The outline (bookmarks) is written here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from interviewkit.exporters._pdf_objects import (
    Name,
    PdfObject,
    PdfWriter,
    Raw,
    Ref,
    parse,
    pdf_text,
    serialize,
)
from interviewkit.exporters._pdf_render import Anchor

__all__ = ["ANCHOR_SCHEME", "Navigation", "OutlineEntry"]

#: Links to an anchor of the book are written ``interviewkit-anchor:<id>`` in the parts.
ANCHOR_SCHEME = "interviewkit-anchor:"


@attrs.frozen(kw_only=True)
class OutlineEntry:
    """One bookmark: a title, the anchor it opens, and its children."""

    title: str
    anchor: str
    children: tuple[OutlineEntry, ...] = ()


def _decode(raw: Any) -> str:
    """The text of a PDF string token."""
    data = bytes(raw)
    if data.startswith(b"<"):
        binary = bytes.fromhex(data[1:-1].decode("ascii"))
        if binary.startswith(b"\xfe\xff"):
            return binary[2:].decode("utf-16-be")
        return binary.decode("latin-1")
    text = re.sub(rb"\\([\\()])", rb"\1", data[1:-1])
    return text.decode("latin-1")


class Navigation:
    """The book's pages and anchors, and the link annotations waiting for them."""

    def __init__(self, writer: PdfWriter, new: Callable[[], int]) -> None:
        self.writer = writer
        self.new = new
        self.pages: list[int] = []
        self.anchors: dict[str, Anchor] = {}
        self.links: list[tuple[int, bytes]] = []

    def write_links(self) -> None:
        """Internal links become explicit destinations, now that every page has a number."""
        for number, body in self.links:
            annotation = parse(body)
            name = None
            action = annotation.get("A")
            if isinstance(action, dict) and "URI" in action:
                uri = _decode(action["URI"])
                if uri.startswith(ANCHOR_SCHEME):
                    name = uri.removeprefix(ANCHOR_SCHEME)
                    del annotation["A"]
                    if "Contents" in annotation and _decode(annotation["Contents"]) == uri:
                        annotation["Contents"] = pdf_text(name)
            destination = annotation.get("Dest")
            if isinstance(destination, Raw):
                name = _decode(destination)
                del annotation["Dest"]
            target = self.anchors.get(name) if name else None
            if target is not None:
                annotation["Dest"] = self.destination(target)
            self.writer.add(number, PdfObject(serialize(annotation)))

    def destination(self, target: Anchor) -> list[Any]:
        page, x, y = target
        return [Ref(self.pages[page]), Name("XYZ"), round(x, 2), round(y, 2), 0]

    def write_outline(self, entries: Sequence[OutlineEntry]) -> int | None:
        """The outline tree; returns its root's number (None when empty)."""
        entries = [entry for entry in entries if entry.anchor in self.anchors]
        if not entries:
            return None
        root: int = self.new()
        first, last = self._outline_items(entries, root)
        self.writer.add(
            root,
            PdfObject(
                serialize(
                    {
                        Name("Type"): Name("Outlines"),
                        Name("First"): Ref(first),
                        Name("Last"): Ref(last),
                        Name("Count"): len(entries),
                    }
                )
            ),
        )
        return root

    def _outline_items(self, entries: Sequence[OutlineEntry], parent: int) -> tuple[int, int]:
        numbers = [self.new() for _ in entries]
        for i, (entry, number) in enumerate(zip(entries, numbers, strict=True)):
            item: dict[str, Any] = {
                Name("Title"): pdf_text(entry.title),
                Name("Parent"): Ref(parent),
                Name("Dest"): self.destination(self.anchors[entry.anchor]),
            }
            if i:
                item[Name("Prev")] = Ref(numbers[i - 1])
            if i + 1 < len(numbers):
                item[Name("Next")] = Ref(numbers[i + 1])
            children = [child for child in entry.children if child.anchor in self.anchors]
            if children:
                first, last = self._outline_items(children, number)
                item.update(
                    {
                        Name("First"): Ref(first),
                        Name("Last"): Ref(last),
                        Name("Count"): -len(children),
                    }
                )
            self.writer.add(number, PdfObject(serialize(item)))
        return numbers[0], numbers[-1]
