"""Assembling the rendered parts into one book, with pikepdf (qpdf).

Each part is a complete tagged PDF of its own.  Its pages are copied into one new PDF (qpdf
copies everything they refer to, once per part), and the assembly makes it one book again:

* one page tree, one structure tree (the parts' top-level elements under one ``Document``), with
  the ``StructParents`` keys of pages and annotations shifted so they stay unique, and the
  parts' role and class maps merged;
* links between parts (the contents, related portraits) were written as
  ``interviewkit-anchor:<id>`` URIs and become destinations inside the book, and each anchor of
  the book becomes a named destination in the book's own name tree
  (:mod:`~interviewkit.exporters.pdf._navigation`);
* the page numbers of a chunk, laid out separately once its first page number was known, are
  drawn over its pages as a pagination artifact;
* the outline (portraits, and their questions as a second level), the page labels (roman for the
  front matter, arabic after), the front part's metadata and catalog entries (``/Lang``, XMP
  metadata, output intent) for the whole file;
* what is only there for a part (its catalog, outline, named destinations) is never copied; each
  part's font subsets get their own subset tag (two different subsets may not share one), and
  font programs and images identical in several parts are written once.

The chunks are added as the rendering processes finish them (:class:`BookAssembler`), while
the others are still being laid out; the front matter, laid out last, is put before them.  Each
part is closed once copied: the book keeps its own copy of the streams' (compressed) data.

qpdf writes only what the book refers to, packs the objects in compressed object streams and
derives the file identifier from the content, so the same book is byte-identical.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO, cast

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from interviewkit._util.output import WriteAll
from interviewkit.exporters.pdf._lean import lean_structure
from interviewkit.exporters.pdf._navigation import Navigation, OutlineEntry
from interviewkit.exporters.pdf._options import PdfOptions
from interviewkit.exporters.pdf._prepress import set_page_boxes
from interviewkit.exporters.pdf._render import Anchor, PartResult

__all__ = ["BookAssembler"]

_CATALOG_KEYS = ("/Lang", "/MarkInfo", "/ViewerPreferences", "/Metadata", "/OutputIntents")

#: Operators whose operand at this position names a resource of this category.
_RESOURCE_OPERANDS: dict[str, tuple[int, str]] = {
    "Tf": (0, "/Font"),
    "gs": (0, "/ExtGState"),
    "Do": (0, "/XObject"),
    "sh": (0, "/Shading"),
    "cs": (0, "/ColorSpace"),
    "CS": (0, "/ColorSpace"),
    "scn": (-1, "/Pattern"),
    "SCN": (-1, "/Pattern"),
    "BDC": (1, "/Properties"),
    "DP": (1, "/Properties"),
}
#: Prefix of the resource names of the page numbers drawn over a chunk's pages.
_FOLIO_PREFIX = "ik"
_ARTIFACT = b"Q\nq /Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"


def _subset_tag(tag: str, part: int) -> str:
    """A different, stable subset tag for the same font in another part (hashed, not shifted)."""
    digest = hashlib.sha256(f"{tag}:{part}".encode()).digest()
    return "".join(chr(65 + byte % 26) for byte in digest[:6])


def _retag(name: object, part: int) -> Name | None:
    """``/ABCDEF+Font`` with the part's own subset tag (None when not a subset name)."""
    text = str(name)
    tag, plus, rest = text[1:].partition("+")
    if not plus or len(tag) != 6 or not tag.isascii() or not tag.isupper():
        return None
    return Name("/" + _subset_tag(tag, part) + "+" + rest)


def _copy(book: pikepdf.Pdf, value: Any) -> Any:
    """``value`` of another PDF as an object of ``book`` (what it refers to is copied too)."""
    if not isinstance(value, pikepdf.Object):
        return value  # a number or a boolean, converted to Python by pikepdf
    if value.is_indirect:
        return book.copy_foreign(value)
    if isinstance(value, Dictionary):
        return Dictionary({key: _copy(book, item) for key, item in value.items()})
    if isinstance(value, Array):
        return Array([_copy(book, item) for item in value])
    return value


def _number_tree(node: pikepdf.Object | None) -> Iterator[tuple[int, pikepdf.Object]]:
    """The ``(key, value)`` pairs of a number tree (its ``Nums``, then its ``Kids``)."""
    if not isinstance(node, Dictionary):
        return
    nums = node.get("/Nums", Array())
    for i in range(0, len(nums) - 1, 2):
        yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", Array()):
        yield from _number_tree(kid)


def _dictionary(value: object) -> Dictionary:
    """``value`` when it is a dictionary, else an empty one (a missing or malformed entry)."""
    return value if isinstance(value, Dictionary) else Dictionary()


def _as_list(value: pikepdf.Object | None) -> list[pikepdf.Object]:
    """A value that may be one object or an array of them (``/K``, ``/Contents``...) as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


class _Book:
    """The merged file being made."""

    def __init__(self) -> None:
        self.pdf = pikepdf.Pdf.new()
        self.nav = Navigation(self.pdf)
        self.struct_root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = self.pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, P=self.struct_root, K=Array())
        )
        self.parent_tree: list[tuple[int, Any]] = []
        self.next_key = 0
        self.part_pages: dict[int, list[Dictionary]] = {}
        self.part_anchors: dict[int, dict[str, Anchor]] = {}
        self.document_kids: dict[int, list[Any]] = {}
        self.role_map = Dictionary()
        self.class_map = Dictionary()
        self.namespaces = Array()
        self.tagged = False
        self.version = "1.7"

    def add_part(
        self, index: int, part: pikepdf.Pdf, result: PartResult, folios: pikepdf.Pdf | None
    ) -> None:
        """Copy a part; ``folios`` holds its page numbers, drawn over its pages.

        Chunks are added in order as they are rendered; the front matter (index 0), rendered
        last, goes before them.
        """
        self.version = max(
            self.version, part.pdf_version, key=lambda v: tuple(map(int, v.split(".")))
        )
        count = len(part.pages)
        first = 0 if index == 0 else len(self.pdf.pages)
        for i, page in enumerate(part.pages):
            # One page at a time: ``extend`` warns that named destinations and form fields are
            # not carried over; the parts have no forms, and links are resolved at the end.
            self.pdf.pages.insert(first + i, page)
        pages = list(self.pdf.pages)[first : first + count]
        self.part_pages[index] = [page.obj for page in pages]
        self.part_anchors[index] = result.anchors
        offset = self.next_key
        fonts: dict[tuple[int, int], Dictionary] = {}
        for page in pages:
            obj = page.obj
            if "/StructParents" in obj:
                obj.StructParents = int(obj.StructParents) + offset
            for annotation in _as_list(obj.get("/Annots")):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
                if isinstance(annotation, Dictionary) and annotation.get("/Subtype") == Name.Link:
                    self.nav.add_link(annotation)
            if index:
                fonts.update(self._fonts(obj))
        for font in fonts.values():
            self._retag_font(font, index)
        self._add_structure(index, part, offset)
        if index == 0:
            self._add_front(part)
        if folios is not None:
            self._overlay(index, folios, pages)

    @staticmethod
    def _fonts(page: Dictionary) -> dict[tuple[int, int], Dictionary]:
        """The fonts of a page's resources, by object (pages of a part share them)."""
        resources = page.get("/Resources", Dictionary())
        found = {}
        for font in resources.get("/Font", Dictionary()).values():
            if isinstance(font, Dictionary):
                found[font.objgen] = font
        return found

    @staticmethod
    def _retag_font(font: Dictionary, part: int) -> None:
        """Give a font subset of part ``part`` its own tag (the font, descendant, descriptor)."""
        for item in [font, *_as_list(font.get("/DescendantFonts"))]:
            if isinstance(item, Dictionary):
                for owner, key in ((item, "/BaseFont"), (item.get("/FontDescriptor"), "/FontName")):
                    if isinstance(owner, Dictionary) and key in owner:
                        renamed = _retag(owner[key], part)
                        if renamed is not None:
                            owner[key] = renamed

    def _add_structure(self, index: int, part: pikepdf.Pdf, offset: int) -> None:
        """Copy the part's structure tree; its top-level elements go under the book's Document."""
        tree = part.Root.get("/StructTreeRoot")
        if not isinstance(tree, Dictionary):
            self.next_key = max(self.next_key, offset + len(part.pages))
            return
        self.tagged = True
        root = self.pdf.copy_foreign(tree)
        kids = self.document_kids.setdefault(index, [])
        for kid in _as_list(root.get("/K")):
            if isinstance(kid, Dictionary) and kid.get("/S") == Name.Document:
                # The part's Document keeps only the elements outside the tree (running heads),
                # which still name it as their parent; its children move to the book's.
                for inner in _as_list(kid.get("/K")):
                    if isinstance(inner, Dictionary):
                        inner.P = self.document
                    kids.append(inner)
                kid.K = Array()
                kid.S = Name.NonStruct
                kid.P = self.document
            else:
                if isinstance(kid, Dictionary):
                    kid.P = self.document
                kids.append(kid)
        next_key = offset + int(root.get("/ParentTreeNextKey", 0))
        for key, value in _number_tree(root.get("/ParentTree")):
            self.parent_tree.append((key + offset, value))
            next_key = max(next_key, key + offset + 1)
        self.next_key = next_key
        for source, target in (
            (root.get("/RoleMap"), self.role_map),
            (root.get("/ClassMap"), self.class_map),
        ):
            if isinstance(source, Dictionary):
                for name, value in source.items():
                    target[name] = value
        for namespace in _as_list(root.get("/Namespaces")):
            if namespace.objgen not in {ns.objgen for ns in self.namespaces}:
                self.namespaces.append(namespace)

    def _add_front(self, part: pikepdf.Pdf) -> None:
        """The front part's catalog entries and document information are the book's."""
        for key in _CATALOG_KEYS:
            if key in part.Root:
                self.pdf.Root[key] = _copy(self.pdf, part.Root[key])
        info = part.trailer.get("/Info")
        if isinstance(info, Dictionary):
            self.pdf.trailer.Info = _copy(self.pdf, info)

    def _overlay(self, index: int, folios: pikepdf.Pdf, pages: list[pikepdf.Page]) -> None:
        """Draw each page of ``folios`` over the same page of the chunk, as an artifact."""
        if len(folios.pages) != len(pages):
            raise ValueError(
                f"part {index}: {len(folios.pages)} page numbers for {len(pages)} pages"
            )
        merged: dict[tuple[int, int], Dictionary] = {}
        for page, folio in zip(pages, folios.pages, strict=True):
            instructions = [
                (list(item.operands), item.operator)
                for item in pikepdf.parse_content_stream(folio)
                if isinstance(item, pikepdf.ContentStreamInstruction)
            ]
            if not any(str(operator) == "BT" for _, operator in instructions):
                continue  # a blank page: no number
            resources = _dictionary(folio.obj.get("/Resources"))
            for operands, operator in instructions:
                self._rename(operands, str(operator), resources)
            # One content stream per page, the page's own then its number: a stream of its own
            # for each page number would cost more (an object each) than the number itself.
            unparse = pikepdf.unparse_content_stream
            own = b"\n".join(
                bytes(stream.read_bytes()) for stream in _as_list(page.obj.get("/Contents"))
            )
            data = b"".join((b"q\n", own, b"\n", _ARTIFACT, unparse(instructions), b"\nEMC Q\n"))
            self._merge_resources(page, resources, merged)
            # Compressed when the book is written (``compress_streams``).
            page.obj.Contents = self.pdf.make_stream(data)
        fonts: dict[tuple[int, int], Dictionary] = {}
        for resources in merged.values():
            fonts.update(
                (font.objgen, font)
                for name, font in resources.get("/Font", Dictionary()).items()
                if name.startswith("/" + _FOLIO_PREFIX) and isinstance(font, Dictionary)
            )
        for font in fonts.values():
            self._retag_font(font, 1000 + index)

    @staticmethod
    def _rename(operands: list[Any], operator: str, resources: Dictionary) -> None:
        """Prefix the resource name among ``operands`` (the page numbers' resources are renamed)."""
        where = _RESOURCE_OPERANDS.get(operator)
        if where is not None and len(operands) > abs(where[0]):
            position, category = where
            name = operands[position]
            if isinstance(name, Name) and name in _dictionary(resources.get(category)):
                operands[position] = Name("/" + _FOLIO_PREFIX + str(name)[1:])

    def _merge_resources(
        self,
        page: pikepdf.Page,
        extra: Dictionary,
        merged: dict[tuple[int, int], Dictionary],
    ) -> None:
        """The page's resources plus the page numbers' ones (renamed); shared when they were."""
        own = page.obj.get("/Resources", Dictionary())
        key = own.objgen if own.is_indirect else (0, 0)
        if key == (0, 0) or key not in merged:
            resources = Dictionary(dict(own.items()))
            for category, entries in extra.items():
                target = resources.get(category)
                target = (
                    Dictionary(dict(target.items()))
                    if isinstance(target, Dictionary)
                    else Dictionary()
                )
                for name, value in entries.items():
                    target["/" + _FOLIO_PREFIX + name[1:]] = _copy(self.pdf, value)
                resources[category] = target
            merged[key] = self.pdf.make_indirect(resources)
        page.obj.Resources = merged[key]

    def detach(self, part: pikepdf.Pdf) -> None:
        """Give the book its own copy of the data of every stream copied from ``part``.

        Streams are copied as they are (compressed data and filters), never decoded.  A stream
        of the part the book does not use is copied too, but nothing refers to it: it is left
        out when the book is written.
        """
        for obj in part.objects:
            if not isinstance(obj, Stream) or obj.get("/Type") in (Name.ObjStm, Name.XRef):
                continue
            copy = self.pdf.copy_foreign(obj)
            filters = copy.get("/Filter")
            parameters = copy.get("/DecodeParms")
            copy.write(
                bytes(obj.read_raw_bytes()),
                filter=filters if isinstance(filters, (Name, Array)) else None,
                decode_parms=parameters if isinstance(parameters, (Dictionary, Array)) else None,
                type_check=False,
            )

    def share_identical_streams(self) -> None:
        """Font programs and images identical in several parts are written once.

        The page numbers of every chunk use the same few glyphs, so their font subsets are often
        the same bytes; a photo may be used in two portraits of different chunks.
        """
        kept: dict[bytes, Stream] = {}

        def shared(stream: Stream) -> Stream:
            digest = hashlib.sha256(bytes(stream.read_raw_bytes()))
            for key in sorted(stream.keys()):
                if key != "/Length":
                    value = stream[key]
                    text = (
                        value.unparse(resolved=True) if isinstance(value, pikepdf.Object) else b""
                    )
                    digest.update(b"%s %r %s\n" % (key.encode(), value, text))
            return kept.setdefault(digest.digest(), stream)

        seen: set[tuple[int, int]] = set()
        for page in self.nav.pages:
            resources = page.get("/Resources")
            if not isinstance(resources, Dictionary) or resources.objgen in seen:
                continue
            if resources.is_indirect:
                seen.add(resources.objgen)
            images = resources.get("/XObject", Dictionary())
            for name, image in images.items():
                if isinstance(image, Stream) and image.get("/Subtype") == Name.Image:
                    images[name] = shared(image)
            for font in resources.get("/Font", Dictionary()).values():
                for item in [font, *_as_list(font.get("/DescendantFonts"))]:
                    if not isinstance(item, Dictionary):
                        continue
                    descriptor = item.get("/FontDescriptor")
                    if isinstance(descriptor, Dictionary):
                        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                            program = descriptor.get(key)
                            if isinstance(program, Stream):
                                descriptor[key] = shared(program)
                    to_unicode = item.get("/ToUnicode")
                    if isinstance(to_unicode, Stream):
                        item.ToUnicode = shared(to_unicode)

    def finish(self, outline: Sequence[OutlineEntry], front_pages: int) -> None:
        """Anchors, links, named destinations, outline, page labels, shared streams, structure
        tree and catalog."""
        for index in sorted(self.part_pages):
            first = len(self.nav.pages)
            self.nav.pages += self.part_pages[index]
            for name, (page, x, y) in self.part_anchors[index].items():
                self.nav.anchors.setdefault(name, (first + page, x, y))
        self.share_identical_streams()
        self.nav.write_links()
        self.nav.write_named_destinations()
        root = self.pdf.Root
        labels: list[Any] = [0, Dictionary(S=Name.r)]
        if len(self.pdf.pages) > front_pages:
            labels += (front_pages, Dictionary(S=Name.D, St=1))
        root.PageLabels = Dictionary(Nums=Array(labels))
        if self.nav.write_outline(outline):
            root.PageMode = Name.UseOutlines
        if self.tagged:
            struct = self.struct_root
            self.document.K = Array(
                [kid for index in sorted(self.document_kids) for kid in self.document_kids[index]]
            )
            struct.K = Array([self.document])
            nums = [item for pair in sorted(self.parent_tree, key=lambda p: p[0]) for item in pair]
            struct.ParentTree = self.pdf.make_indirect(Dictionary(Nums=Array(nums)))
            struct.ParentTreeNextKey = self.next_key
            if len(self.role_map):
                struct.RoleMap = self.role_map
            if len(self.class_map):
                struct.ClassMap = self.class_map
            if len(self.namespaces):
                struct.Namespaces = self.namespaces
            root.StructTreeRoot = struct


class BookAssembler:
    """Puts the book together as its parts come: the chunks in order, then the front matter.

    The rendering processes write the parts; the assembly runs in the calling process while
    they work, so that only the front matter and the writing of the file are left at the end.
    """

    def __init__(self) -> None:
        self.book = _Book()
        self.chunks = 0

    def add(self, part: PartResult, numbers: PartResult | None = None) -> None:
        """Copy a rendered part (the front matter has index 0), with its page numbers."""
        if part.index:
            self.chunks += 1
            if part.index != self.chunks:
                raise ValueError(f"chunk {part.index} added after chunk {self.chunks - 1}")
        with ExitStack() as stack:
            source = stack.enter_context(pikepdf.open(part.output))
            lean_structure(source)
            overlay = None
            if numbers is not None:
                overlay = stack.enter_context(pikepdf.open(numbers.output))
            self.book.add_part(part.index, source, part, overlay)
            # qpdf would read the copied streams' data from the part when the book is written;
            # taking it now lets each part be closed at once (an open part holds tens of MB).
            self.book.detach(source)
            if overlay is not None:
                self.book.detach(overlay)

    def write(
        self,
        front: PartResult,
        target: Path,
        *,
        outline: Sequence[OutlineEntry],
        options: PdfOptions,
    ) -> tuple[int, int]:
        """Add the front matter and write the book; ``(front matter pages, total pages)``."""
        book = self.book
        self.add(front)
        book.finish(outline, front.page_count)
        set_page_boxes(book.pdf, options)
        # The structure tree is most of the objects: packed in object streams (the page
        # contents are already compressed by WeasyPrint, and left as they are).  qpdf's flate
        # level is left at its default: it is a process-wide setting with no public getter, so
        # changing it would change it for every other PDF of the process, and level 9 saved
        # 305 bytes of 266 KB on the example book.
        with target.open("wb") as file:
            book.pdf.save(
                cast("BinaryIO", WriteAll(file)),
                min_version=book.version,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                compress_streams=True,
                deterministic_id=True,
            )
        return front.page_count, len(book.pdf.pages)
