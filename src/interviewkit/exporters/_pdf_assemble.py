"""Assembling the rendered parts into one book with pypdf.

Each part is a complete tagged PDF of its own.  The assembly copies their pages in order and then
makes the whole file one book again:

* the structure trees of the parts become one tree under one ``Document`` element, with the
  ``StructParents`` keys of pages and annotations renumbered so they stay unique;
* links between parts (the contents, related portraits) were written as
  ``interviewkit-anchor:<id>`` URIs and become destinations inside the book;
* the outline (portraits, and their questions as a second level), the page labels (roman for the
  front matter, arabic after), the metadata and the catalog entries of the front part (``/Lang``,
  XMP metadata, output intent) are set for the whole file;
* identical objects are written once, and the file identifier is derived from the content so
  two builds of the same book are byte-identical.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from interviewkit.exporters._pdf_render import Anchor, PartResult

__all__ = ["ANCHOR_SCHEME", "OutlineEntry", "assemble"]

#: Links to an anchor of the book are written ``interviewkit-anchor:<id>`` in the parts.
ANCHOR_SCHEME = "interviewkit-anchor:"

_CATALOG_KEYS = ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata", "/OutputIntents")


@attrs.frozen(kw_only=True)
class OutlineEntry:
    """One bookmark: a title, the anchor it opens, and its children."""

    title: str
    anchor: str
    children: tuple[OutlineEntry, ...] = ()


def _number_tree(node: Any) -> list[tuple[int, Any]]:
    """The ``(key, value)`` pairs of a PDF number tree, in order."""
    node = node.get_object()
    pairs: list[tuple[int, Any]] = []
    nums = node.get("/Nums")
    if nums is not None:
        nums = nums.get_object()
        pairs.extend((int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2))
    for kid in node.get("/Kids", ()):
        pairs.extend(_number_tree(kid))
    return pairs


class _StructureMerger:
    """Collects the structure trees of the parts into one."""

    def __init__(self, writer: Any) -> None:
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject

        self.writer = writer
        self.root = writer._add_object(DictionaryObject())
        self.document = writer._add_object(DictionaryObject())
        self.children = ArrayObject()
        self.nums = ArrayObject()
        self.role_map = DictionaryObject()
        self.next_key = 0
        self.found = False
        self.document_dict = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Document"),
                NameObject("/P"): self.root,
                NameObject("/K"): self.children,
            }
        )

    def add_part(self, reader: Any, pages: Sequence[Any]) -> None:
        """Copy a part's structure; ``pages`` are the part's pages already in the writer."""
        from pypdf.generic import NameObject, NumberObject

        offset = self.next_key
        for original, page in zip(reader.pages, pages, strict=True):
            # pypdf leaves /StructParents out of copied pages; it is renumbered here.
            if "/StructParents" in original:
                page[NameObject("/StructParents")] = NumberObject(
                    int(original["/StructParents"]) + offset
                )
            for annotation in page.get("/Annots", ()):
                annotation = annotation.get_object()
                if "/StructParent" in annotation:
                    annotation[NameObject("/StructParent")] = NumberObject(
                        int(annotation["/StructParent"]) + offset
                    )
        tree = reader.root_object.get("/StructTreeRoot")
        if tree is None:
            return
        self.found = True
        tree = tree.get_object()
        top = tree.get("/K")
        tops = top.get_object() if top is not None else []
        if not isinstance(tops, list):
            tops = [top]
        for element in tops:
            element_object = element.get_object()
            if element_object.get("/S") == "/Document":
                kids = element_object.get("/K", [])
                kids = kids.get_object() if hasattr(kids, "get_object") else kids
                self._adopt(kids if isinstance(kids, list) else [kids])
            else:
                self._adopt([element])
        for key, value in _number_tree(tree["/ParentTree"]) if "/ParentTree" in tree else ():
            self.nums.append(NumberObject(key + offset))
            self.nums.append(value.clone(self.writer))
            self.next_key = max(self.next_key, key + offset + 1)
        next_key = int(tree.get("/ParentTreeNextKey", 0))
        self.next_key = max(self.next_key, offset + next_key)
        for role, standard in tree.get("/RoleMap", {}).items():
            self.role_map[NameObject(role)] = standard.clone(self.writer)

    def _adopt(self, elements: Sequence[Any]) -> None:
        from pypdf.generic import NameObject

        for element in elements:
            element_object = element.get_object()
            if not hasattr(element_object, "keys"):
                continue  # a bare marked-content id at the top: nothing to adopt
            element_object.pop("/P", None)  # cut the link to the part's own tree root
            cloned = element.clone(self.writer)
            cloned.get_object()[NameObject("/P")] = self.document
            self.children.append(cloned)

    def finish(self) -> None:
        from pypdf.generic import DictionaryObject, NameObject, NumberObject

        if not self.found:
            return
        self.document.get_object().update(self.document_dict)
        root = self.root.get_object()
        root.update(
            {
                NameObject("/Type"): NameObject("/StructTreeRoot"),
                NameObject("/K"): self.document,
                NameObject("/ParentTree"): self.writer._add_object(
                    DictionaryObject({NameObject("/Nums"): self.nums})
                ),
                NameObject("/ParentTreeNextKey"): NumberObject(self.next_key),
            }
        )
        if self.role_map:
            root[NameObject("/RoleMap")] = self.role_map
        self.writer.root_object[NameObject("/StructTreeRoot")] = self.root


def _resolve_links(writer: Any, anchors: Mapping[str, tuple[int, float, float]]) -> None:
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject, TextStringObject

    for page in writer.pages:
        for annotation in page.get("/Annots", ()):
            annotation = annotation.get_object()
            action = annotation.get("/A")
            destination = annotation.get("/Dest")
            if isinstance(destination, str):  # a named destination inside one part
                name = str(destination)
            elif action is not None:
                uri = str(action.get_object().get("/URI", ""))
                if not uri.startswith(ANCHOR_SCHEME):
                    continue
                name = uri.removeprefix(ANCHOR_SCHEME)
                del annotation["/A"]
                if str(annotation.get("/Contents", "")) == uri:
                    annotation[NameObject("/Contents")] = TextStringObject(name)
            else:
                continue
            target = anchors.get(name)
            if target is None:
                continue  # an anchor that is not in the book: the link does nothing
            index, x, y = target
            annotation[NameObject("/Dest")] = ArrayObject(
                [
                    writer.pages[index].indirect_reference,
                    NameObject("/XYZ"),
                    FloatObject(round(x, 2)),
                    FloatObject(round(y, 2)),
                    NumberObject(0),
                ]
            )


def _add_outline(
    writer: Any,
    entries: Sequence[OutlineEntry],
    anchors: Mapping[str, tuple[int, float, float]],
    parent: Any = None,
) -> None:
    from pypdf.generic import Fit

    for entry in entries:
        target = anchors.get(entry.anchor)
        if target is None:
            continue
        index, x, y = target
        item = writer.add_outline_item(
            title=entry.title,
            page_number=index,
            parent=parent,
            fit=Fit.xyz(left=round(x, 2), top=round(y, 2), zoom=0),
            is_open=False,
        )
        _add_outline(writer, entry.children, anchors, item)


def assemble(
    parts: Sequence[PartResult],
    target: Path,
    *,
    outline: Sequence[OutlineEntry],
) -> tuple[int, int]:
    """Write the book to ``target`` from ``parts`` (front matter first); ``(front, total)`` pages."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject

    writer = PdfWriter()
    structure = _StructureMerger(writer)
    anchors: dict[str, Anchor] = {}
    digest = hashlib.sha256()
    readers = []
    for part in parts:
        data = Path(part.output).read_bytes()
        digest.update(data)
        reader = PdfReader(part.output)
        readers.append(reader)
        offset = len(writer.pages)
        pages = [writer.add_page(page) for page in reader.pages]
        structure.add_part(reader, pages)
        for name, (index, x, y) in part.anchors.items():
            anchors.setdefault(name, (offset + index, x, y))
    structure.finish()
    front = readers[0]
    for key in _CATALOG_KEYS:
        if key in front.root_object:
            # raw_get keeps an indirect reference indirect (a stream must stay one).
            writer.root_object[NameObject(key)] = front.root_object.raw_get(key).clone(writer)
    if front.metadata is not None:
        writer.add_metadata(dict(front.metadata))
    _resolve_links(writer, anchors)
    _add_outline(writer, outline, anchors)
    front_pages, total = parts[0].page_count, len(writer.pages)
    writer.set_page_label(0, front_pages - 1, style="/r", start=1)
    if total > front_pages:
        writer.set_page_label(front_pages, total - 1, style="/D", start=1)
    writer.page_mode = "/UseOutlines"
    # Derived from the parts' bytes, so the same book always gets the same identifier.
    identifier = ByteStringObject(digest.digest()[:16])
    writer._ID = ArrayObject([identifier, identifier])
    writer.compress_identical_objects()
    with target.open("wb") as handle:
        writer.write(handle)
    return front_pages, total
