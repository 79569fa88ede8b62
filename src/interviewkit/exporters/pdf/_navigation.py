"""Navigation inside the assembled book: named destinations, links between parts, the outline.

Links to another part were written as ``interviewkit-anchor:<id>`` URIs (or, inside a part, as
named destinations) by WeasyPrint; once every page of the book is in place they become explicit
destinations, so the parts' name trees need not be merged.  The book gets one name tree of its
own instead: a named destination for each anchor of the book (each portrait, titled part and
question, each section), so that ``book.pdf#<id>-q3`` opens the same place as
``book.html#<id>-q3``, as ``docs/reference/authoring.md`` promises.  The outline (bookmarks) is
written here too.  Everything is a :mod:`pikepdf` object of the book being assembled.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from interviewkit.exporters.pdf._render import Anchor

__all__ = ["ANCHOR_SCHEME", "END_SUFFIX", "Navigation", "OutlineEntry"]

#: Links to an anchor of the book are written ``interviewkit-anchor:<id>`` in the parts.
ANCHOR_SCHEME = "interviewkit-anchor:"
#: Suffix of the id of the empty element that ends each portrait and section of the main matter
#: (where its page range ends): the layout's own, not an anchor of the book.
END_SUFFIX = "--end"


@attrs.frozen(kw_only=True)
class OutlineEntry:
    """One bookmark: a title, the anchor it opens, and its children."""

    title: str
    anchor: str
    children: tuple[OutlineEntry, ...] = ()


class Navigation:
    """The book's pages and anchors, and the link annotations waiting for them."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.pages: list[Dictionary] = []
        """The book's page objects, in order (looking a page up in ``pdf.pages`` is slow)."""
        self.anchors: dict[str, Anchor] = {}
        """``name -> (page index in the book, x, y)``; the first part to define a name wins."""
        self.links: list[tuple[Dictionary, str]] = []
        """Link annotations of the book and the anchor each one leads to."""

    def add_link(self, annotation: Dictionary) -> None:
        """Remember ``annotation`` if it leads inside the book (an anchor URI or a named dest)."""
        action = annotation.get("/A")
        if isinstance(action, Dictionary) and action.get("/S") == Name.URI:
            uri = str(action.get("/URI", ""))
            if uri.startswith(ANCHOR_SCHEME):
                self.links.append((annotation, uri.removeprefix(ANCHOR_SCHEME)))
            return
        destination = annotation.get("/Dest")
        if isinstance(destination, (String, Name)):
            self.links.append((annotation, str(destination).removeprefix("/")))

    def write_links(self) -> None:
        """Internal links become explicit destinations, now that every page is in place.

        A link whose anchor is nowhere in the book loses its action and stays a dead rectangle,
        rather than pointing at a URI scheme no viewer knows.
        """
        for annotation, name in self.links:
            if "/A" in annotation:
                del annotation["/A"]
                if str(annotation.get("/Contents", "")) == ANCHOR_SCHEME + name:
                    annotation.Contents = String(name)
            target = self.anchors.get(name)
            if target is None:
                if "/Dest" in annotation:
                    del annotation["/Dest"]
            else:
                annotation.Dest = self.destination(target)

    def write_named_destinations(self) -> int:
        """One named destination per anchor of the book, in the catalog's name tree; how many.

        The names are the ids the HTML edition has (the layout's end markers are left out), so
        a link to ``book.pdf#<id>`` works as ``book.html#<id>`` does.  pikepdf's name tree keeps
        its keys sorted, as the PDF specification wants, whatever the order they are added in.
        """
        names = sorted(name for name in self.anchors if not name.endswith(END_SUFFIX))
        if not names:
            return 0
        tree = pikepdf.NameTree.new(self.pdf)
        for name in names:
            tree[name] = self.destination(self.anchors[name])
        self.pdf.Root.Names = Dictionary(Dests=tree.obj)
        return len(names)

    def destination(self, target: Anchor) -> Array:
        """``[page /XYZ x y 0]``: the anchor's position, zoom unchanged."""
        page, x, y = target
        return Array([self.pages[page], Name.XYZ, round(x, 2), round(y, 2), 0])

    def write_outline(self, entries: Sequence[OutlineEntry]) -> bool:
        """Write the outline with pikepdf's outline API (entries whose anchor is missing are
        left out, children closed); whether there is one."""
        items = self._outline_items(entries)
        if items:
            with self.pdf.open_outline() as outline:
                outline.root.extend(items)
        return bool(items)

    def _outline_items(self, entries: Sequence[OutlineEntry]) -> list[OutlineItem]:
        items = []
        for entry in entries:
            if entry.anchor not in self.anchors:
                continue
            item = OutlineItem(entry.title, self.destination(self.anchors[entry.anchor]))
            item.children.extend(self._outline_items(entry.children))
            item.is_closed = True
            items.append(item)
        return items
