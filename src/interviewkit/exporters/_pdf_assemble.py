"""Assembling the rendered parts into one book.

Each part is a complete tagged PDF of its own.  The assembly streams their objects, renumbered,
into one file (:mod:`~interviewkit.exporters._pdf_objects`) and makes it one book again:

* one page tree, one structure tree (the parts' top-level elements under one ``Document``), with
  the ``StructParents`` keys of pages and annotations shifted so they stay unique;
* links between parts (the contents, related portraits) were written as
  ``interviewkit-anchor:<id>`` URIs and become destinations inside the book;
* the outline (portraits, and their questions as a second level), the page labels (roman for the
  front matter, arabic after), the front part's metadata and catalog entries (``/Lang``, XMP
  metadata, output intent) for the whole file;
* objects that are only there for a part (its catalog, outline, named destinations, metadata)
  are left out, identical leaf objects (colour profiles, namespaces) are written once, and each
  part's font subsets get their own subset tag (two different subsets may not share a name);
* the file identifier is derived from the parts' bytes, so the same book is byte-identical.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import zlib
from collections import deque
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from interviewkit.exporters._pdf_navigation import Navigation, OutlineEntry
from interviewkit.exporters._pdf_objects import (
    Name,
    PdfObject,
    PdfReader,
    PdfWriter,
    Ref,
    parse,
    references,
    renumber,
    serialize,
)
from interviewkit.exporters._pdf_render import PartResult

__all__ = ["assemble"]

_CATALOG_KEYS = ("Lang", "MarkInfo", "ViewerPreferences", "Metadata", "OutputIntents")
_IS_PAGE = re.compile(rb"/Type\s*/Page\b")
_IS_ANNOTATION = re.compile(rb"/Type\s*/Annot\b")
_STRUCT_PARENTS = re.compile(rb"/StructParents\s+(\d+)")
_STRUCT_PARENT = re.compile(rb"/StructParent\s+(\d+)")
_INTERNAL_LINK = re.compile(rb"interviewkit-anchor:|/Dest\s*[(<]")
_NAMESPACE = re.compile(rb"/Type\s*/Namespace\b")
_SUBSET_TAG = re.compile(rb"/(BaseFont|FontName)\s*/([A-Z]{6})\+")


def _subset_tag(tag: bytes, part: int) -> bytes:
    """A different, stable subset tag for the same font in another part."""
    return bytes(65 + (letter - 65 + part * (i + 1)) % 26 for i, letter in enumerate(tag))


class _Book:
    """The merged file being written."""

    def __init__(self, writer: PdfWriter, next_number: Any) -> None:
        self.writer = writer
        self.new = next_number
        self.catalog, self.pages_root = self.new(), self.new()
        self.struct_root, self.document, self.parent_tree_number = (
            self.new(),
            self.new(),
            self.new(),
        )
        self.nav = Navigation(writer, next_number)
        self.document_kids: list[bytes] = []
        self.parent_tree: list[bytes] = []
        self.next_key = 0
        self.role_map: dict[str, Any] = {}
        self.namespaces: list[Any] | None = None
        self.catalog_extras: dict[str, Any] = {}
        self.info: int | None = None
        self.tagged = False
        self.leaves: dict[bytes, int] = {}
        self.wrappers: dict[bytes, int] = {}
        self.written: set[int] = set()

    def add_part(
        self, index: int, reader: PdfReader, part: PartResult, folios: PdfReader | None = None
    ) -> None:
        """Copy a part; ``folios`` holds its page numbers, drawn over its pages."""
        catalog_number = reader.trailer["Root"].number
        catalog = parse(reader.get(catalog_number).body)
        mapping: dict[int, int] = {catalog_number: self.catalog}
        page_refs = self._page_refs(reader, catalog["Pages"], mapping)
        roots = list(page_refs)
        offset = self.next_key
        kids: list[Any] = []
        parent_pairs: list[tuple[int, Any]] = []
        tree = catalog.get("StructTreeRoot")
        root: dict[str, Any] = {}
        if tree is not None:
            self.tagged = True
            mapping[tree.number] = self.struct_root
            root = parse(reader.get(tree.number).body)
            top = root.get("K", [])
            for kid in top if isinstance(top, list) else [top]:
                element = parse(reader.get(kid.number).body) if isinstance(kid, Ref) else {}
                if element.get("S") == Name("Document"):
                    mapping[kid.number] = self.document
                    inner = element.get("K", [])
                    kids.extend(inner if isinstance(inner, list) else [inner])
                else:
                    kids.append(kid)
            parent_pairs = self._number_tree(reader, root.get("ParentTree"), mapping)
            self.role_map.update(root.get("RoleMap", {}))
            for value in (kids, [value for _, value in parent_pairs], root.get("Namespaces")):
                roots.extend(references(serialize(value)))
            self.next_key = offset + int(root.get("ParentTreeNextKey", 0))
        front = index == 0
        info = reader.trailer.get("Info")
        if front:
            extras = {key: catalog[key] for key in _CATALOG_KEYS if key in catalog}
            roots.extend(references(serialize(extras)))
            if isinstance(info, Ref):
                roots.append(info.number)
        reachable = self._reachable(reader, roots, set(mapping))
        self._number(reader, reachable, mapping)

        def moved(value: Any) -> Any:
            return parse(renumber(serialize(value), mapping.__getitem__))

        self.document_kids.extend(serialize(kid) for kid in moved(kids))
        for key, value in parent_pairs:
            self.parent_tree.append(b"%d %s" % (key + offset, serialize(moved(value))))
            self.next_key = max(self.next_key, key + offset + 1)
        if front:
            self.catalog_extras = moved(extras)
            if root.get("Namespaces") is not None:
                self.namespaces = moved(root["Namespaces"])
            self.info = mapping.get(info.number) if isinstance(info, Ref) else None
        first_page = len(self.nav.pages)
        self.nav.pages.extend(mapping[number] for number in page_refs)
        for name, (page, x, y) in part.anchors.items():
            self.nav.anchors.setdefault(name, (first_page + page, x, y))
        edit = None
        if folios is not None:
            edit = self._overlay(index, folios, page_refs, reader, mapping)
        self._write(index, reader, reachable, mapping, offset, edit)

    def _overlay(
        self,
        index: int,
        folios: PdfReader,
        page_refs: list[int],
        reader: PdfReader,
        mapping: dict[int, int],
    ) -> Any:
        """Copy the page-number pages of a chunk; return the edit that draws them on its pages."""
        catalog = parse(folios.get(folios.trailer["Root"].number).body)
        folio_mapping: dict[int, int] = {folios.trailer["Root"].number: self.catalog}
        folio_pages = self._page_refs(folios, catalog["Pages"], folio_mapping)
        if len(folio_pages) != len(page_refs):
            raise ValueError(
                f"part {index}: {len(folio_pages)} page numbers for {len(page_refs)} pages"
            )
        contents: list[int | None] = []
        extra: dict[str, dict[str, Any]] = {}
        roots: list[int] = []
        for number in folio_pages:
            page = parse(folios.get(number).body)
            resources = self._resolve(folios, page.get("Resources", {}))
            streams = page.get("Contents", [])
            data = b"".join(
                _stream_data(folios.get(ref.number))
                for ref in (streams if isinstance(streams, list) else [streams])
            )
            if b"BT" not in data:
                contents.append(None)  # a blank page: no number
                continue
            names: list[bytes] = []
            for category, entries in resources.items():
                for name, value in self._resolve(folios, entries).items():
                    extra.setdefault(category, {})["ik" + name] = value
                    roots.extend(references(serialize(value)))
                    names.append(re.escape(name.encode("latin-1")))
            if names:
                data = re.sub(
                    rb"/(" + b"|".join(names) + rb")(?=[\s/\[\]<>(){}%]|$)", rb"/ik\1", data
                )
            stream = zlib.compress(
                b"q /Artifact <</Type /Pagination /Subtype /Footer>> BDC\n" + data + b"\nEMC Q\n"
            )
            number = self.new()
            self.writer.add(
                number,
                PdfObject(b"<</Filter /FlateDecode /Length %d>>" % len(stream), stream),
            )
            contents.append(number)
        reachable = self._reachable(folios, roots, set(folio_mapping))
        self._number(folios, reachable, folio_mapping)
        self._write(1000 + index, folios, reachable, folio_mapping, 0, None)
        extra = {
            category: parse(renumber(serialize(entries), folio_mapping.__getitem__))
            for category, entries in extra.items()
        }
        position = {number: i for i, number in enumerate(page_refs)}
        merged: dict[int, int] = {}

        def edit(number: int, body: bytes) -> bytes:
            if number not in position or contents[position[number]] is None:
                return body
            page = parse(body)
            old = parse(reader.get(number).body).get("Resources")  # the part's own numbering
            key = old.number if isinstance(old, Ref) else -1
            if key not in merged or key == -1:
                resources = {
                    category: self._resolve_new(reader, value, mapping)
                    for category, value in self._resolve(reader, old or {}).items()
                }
                for category, entries in extra.items():
                    resources.setdefault(category, {}).update(entries)
                merged[key] = self.new()
                self.writer.add(merged[key], PdfObject(serialize(resources)))
            original = page["Contents"]
            page["Contents"] = [
                Ref(self._wrapper(b"q")),
                *(original if isinstance(original, list) else [original]),
                Ref(self._wrapper(b"Q")),
                Ref(contents[position[number]]),  # type: ignore[arg-type]
            ]
            page["Resources"] = Ref(merged[key])
            return serialize(page)

        return edit

    def _wrapper(self, operator: bytes) -> int:
        if operator not in self.wrappers:
            self.wrappers[operator] = self.new()
            self.writer.add(
                self.wrappers[operator],
                PdfObject(b"<</Length %d>>" % len(operator), operator),
            )
        return self.wrappers[operator]

    @staticmethod
    def _resolve(reader: PdfReader, value: Any) -> Any:
        """A dictionary given directly or through a reference (reader's numbering)."""
        return parse(reader.get(value.number).body) if isinstance(value, Ref) else value

    @staticmethod
    def _resolve_new(reader: PdfReader, value: Any, mapping: dict[int, int]) -> Any:
        """Like :meth:`_resolve`, with the references inside renumbered for the book."""
        if isinstance(value, Ref):
            value = parse(reader.get(value.number).body)
        return parse(renumber(serialize(value), mapping.__getitem__))

    def _page_refs(self, reader: PdfReader, node: Ref, mapping: dict[int, int]) -> list[int]:
        mapping[node.number] = self.pages_root
        tree = parse(reader.get(node.number).body)
        pages: list[int] = []
        for kid in tree.get("Kids", []):
            body = reader.get(kid.number).body
            if re.search(rb"/Type\s*/Pages\b", body):
                pages.extend(self._page_refs(reader, kid, mapping))
            else:
                pages.append(kid.number)
        return pages

    def _number_tree(
        self, reader: PdfReader, node: Any, mapping: dict[int, int]
    ) -> list[tuple[int, Any]]:
        """The pairs of a part's parent tree; its nodes are replaced by the book's."""
        if node is None:
            return []
        if isinstance(node, Ref):
            mapping[node.number] = self.parent_tree_number
            node = parse(reader.get(node.number).body)
        nums = node.get("Nums", [])
        pairs = [(int(nums[i]), nums[i + 1]) for i in range(0, len(nums), 2)]
        for kid in node.get("Kids", []):
            pairs.extend(self._number_tree(reader, kid, mapping))
        return pairs

    @staticmethod
    def _reachable(reader: PdfReader, roots: list[int], stop: set[int]) -> list[int]:
        seen = set(stop)
        queue = deque(number for number in roots if number not in seen)
        seen.update(queue)
        found = []
        while queue:
            number = queue.popleft()
            found.append(number)
            try:
                body = reader.get(number).body
            except KeyError:
                continue  # a dangling reference: written as null
            for target in references(body):
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        return sorted(found)

    def _number(self, reader: PdfReader, numbers: list[int], mapping: dict[int, int]) -> None:
        for number in numbers:
            try:
                obj = reader.get(number)
            except KeyError:
                mapping[number] = self.new()
                self.writer.add(mapping[number], PdfObject(b"null"))
                continue
            if (obj.stream is not None or _NAMESPACE.search(obj.body)) and not references(obj.body):
                # Leaf objects identical in several parts (colour profiles, images,
                # namespaces) are written once.
                key = hashlib.sha256(obj.body + b"\0" + (obj.stream or b"")).digest()
                if key in self.leaves:
                    mapping[number] = self.leaves[key]
                    continue
                self.leaves[key] = mapping[number] = self.new()
            else:
                mapping[number] = self.new()

    def _write(
        self,
        index: int,
        reader: PdfReader,
        numbers: list[int],
        mapping: dict[int, int],
        offset: int,
        edit: Any = None,
    ) -> None:
        written = self.written  # a leaf shared with an earlier part is already there

        def shift(match: re.Match[bytes]) -> bytes:
            key = match.group(0).split()[0]
            return b"%s %d" % (key, int(match.group(1)) + offset)

        for number in numbers:
            new = mapping[number]
            if new in written or not reader.has(number):
                continue
            written.add(new)
            obj = reader.get(number)
            body = renumber(obj.body, mapping.__getitem__)
            if _IS_PAGE.search(body):
                body = _STRUCT_PARENTS.sub(shift, body)
                if edit is not None:
                    body = edit(number, body)
            elif _IS_ANNOTATION.search(body):
                body = _STRUCT_PARENT.sub(shift, body)
                if _INTERNAL_LINK.search(body):
                    self.nav.links.append((new, body))
                    continue
            if index:
                body = _SUBSET_TAG.sub(
                    lambda m: b"/%s /%s+" % (m.group(1), _subset_tag(m.group(2), index)), body
                )
            self.writer.add(new, PdfObject(body, obj.stream))

    def finish(self, outline: int | None, front_pages: int) -> None:
        """The page tree, structure tree and catalog."""
        pages = self.nav.pages
        kids = b" ".join(b"%d 0 R" % number for number in pages)
        self.writer.add(
            self.pages_root,
            PdfObject(b"<</Type /Pages /Count %d /Kids [%s]>>" % (len(pages), kids)),
        )
        catalog: dict[str, Any] = {
            Name("Type"): Name("Catalog"),
            Name("Pages"): Ref(self.pages_root),
        }
        labels: list[Any] = [0, {Name("S"): Name("r")}]
        if len(pages) > front_pages:
            labels += [front_pages, {Name("S"): Name("D"), Name("St"): 1}]
        catalog[Name("PageLabels")] = {Name("Nums"): labels}
        if outline is not None:
            catalog[Name("Outlines")] = Ref(outline)
            catalog[Name("PageMode")] = Name("UseOutlines")
        catalog.update({Name(key): value for key, value in self.catalog_extras.items()})
        if self.tagged:
            catalog[Name("StructTreeRoot")] = Ref(self.struct_root)
            self._write_structure()
        self.writer.add(self.catalog, PdfObject(serialize(catalog)))

    def _write_structure(self) -> None:
        parent_tree = self.parent_tree_number
        self.writer.add(parent_tree, PdfObject(b"<</Nums [%s]>>" % b" ".join(self.parent_tree)))
        document = b"<</Type /StructElem /S /Document /P %d 0 R /K [%s]>>" % (
            self.struct_root,
            b" ".join(self.document_kids),
        )
        self.writer.add(self.document, PdfObject(document))
        root: dict[str, Any] = {
            Name("Type"): Name("StructTreeRoot"),
            Name("K"): [Ref(self.document)],
            Name("ParentTree"): Ref(parent_tree),
            Name("ParentTreeNextKey"): self.next_key,
        }
        if self.role_map:
            root[Name("RoleMap")] = self.role_map
        if self.namespaces is not None:
            root[Name("Namespaces")] = self.namespaces
        self.writer.add(self.struct_root, PdfObject(serialize(root)))


def _stream_data(obj: PdfObject) -> bytes:
    dictionary = parse(obj.body)
    data = obj.stream or b""
    return zlib.decompress(data) if dictionary.get("Filter") == Name("FlateDecode") else data


def assemble(
    front: PartResult,
    chunks: Sequence[PartResult],
    folios: Sequence[PartResult],
    target: Path,
    *,
    outline: Sequence[OutlineEntry],
) -> tuple[int, int]:
    """Write the book to ``target``; ``(front matter pages, total pages)``.

    ``folios[i]`` holds the page numbers of ``chunks[i]``.
    """
    counter = itertools.count(1)
    digest = hashlib.sha256()
    with target.open("wb") as handle:
        writer = PdfWriter(handle, lambda: next(counter))
        book = _Book(writer, lambda: next(counter))
        parts = [(front, None), *zip(chunks, folios, strict=True)]
        for index, (part, numbers) in enumerate(parts):
            data = Path(part.output).read_bytes()
            digest.update(data)
            overlay = None
            if numbers is not None:
                folio_data = Path(numbers.output).read_bytes()
                digest.update(folio_data)
                overlay = PdfReader(folio_data)
            book.add_part(index, PdfReader(data), part, overlay)
        book.nav.write_links()
        root = book.nav.write_outline(outline)
        book.finish(root, front.page_count)
        writer.close(root=book.catalog, info=book.info, identifier=digest.digest()[:16])
    return front.page_count, len(book.nav.pages)
