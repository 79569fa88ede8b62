"""A leaner structure tree for each part, made before WeasyPrint writes it (in the child).

WeasyPrint's tagged PDF gives every run of text its own ``Span`` structure element and, for a
link with a ``::after`` pseudo-element (the printed web address) or a ``<span>`` inside, more
link annotations, nested in the first, for the same address and inside the same rectangle.  In
a book of interviews that is most of the file's objects: more than a hundred thousand structure
elements for 160 portraits, which cost megabytes, and time to copy and write.

:func:`tidy_tags` is a WeasyPrint *finisher*: it edits the ``pydyf`` objects of a part before
they are written, and is run in the rendering processes, in parallel.

* a ``Span`` that only holds one marked-content sequence of the same page as its parent, and says
  nothing else (no attributes, alternate or actual text), is replaced in its parent by the
  marked-content identifier itself, and the parent tree points at the parent: the text reads the
  same and belongs to the same paragraph, heading or list item;
* an element inside a ``Link`` (a nested ``Link`` for a ``::after`` pseudo-element, a ``Span``
  for a ``<span>``) whose own annotation, on the same page, has the same action or destination
  and lies inside the link's rectangle, loses that annotation; a nested link's text joins the
  outer link;
* the lines of a paragraph on a page are one marked-content sequence, not one each;
* object references (``OBJR``) are written inside their link element rather than as objects of
  their own, link rectangles are rounded to a hundredth of a point, and the optional ``/Type``
  of structure elements, annotations and actions (and the page of elements that only hold
  elements) is left out.

Objects left without a reference are still written by pydyf (it numbers objects by position,
so none can be taken out), but the assembly copies only what the book refers to, so they never
reach the book.
"""

from __future__ import annotations

import importlib
import itertools
import re
from collections.abc import Callable
from typing import Any

from interviewkit.exporters.pdf._content import page_contents, stream_data

__all__ = ["tidy_tags"]

_SPAN_KEYS = frozenset({"Type", "S", "K", "Pg", "P"})
_EPSILON = 0.01
#: How far up a link's own annotation is looked for (``a > span > span`` and the like).
_LINK_DEPTH = 4


def _data(value: Any) -> bytes | None:
    """The serialized value (pydyf objects compare by identity), None when absent."""
    if value is None:
        return None
    data = getattr(value, "data", None)
    return bytes(data) if data is not None else bytes(str(value), "latin-1")


def _renumber(kids: list[Any], new: list[int]) -> list[Any]:
    """``kids`` with each MCID replaced by its new one, merged ones once."""
    out: list[Any] = []
    for kid in kids:
        if type(kid) is int and 0 <= kid < len(new):
            if out and type(out[-1]) is int and out[-1] == new[kid]:
                continue
            kid = new[kid]
        out.append(kid)
    return out


def _reference(obj: Any) -> bytes:
    """``N 0 R``, how pydyf refers to ``obj``."""
    return bytes(obj.reference)


def _inside(inner: Any, outer: Any) -> bool:
    """Whether rectangle ``inner`` lies inside rectangle ``outer`` (any corner order)."""
    try:
        ix1, ix2 = sorted((float(inner[0]), float(inner[2])))
        iy1, iy2 = sorted((float(inner[1]), float(inner[3])))
        ox1, ox2 = sorted((float(outer[0]), float(outer[2])))
        oy1, oy2 = sorted((float(outer[1]), float(outer[3])))
    except (TypeError, ValueError, IndexError):
        return False
    return (
        ix1 >= ox1 - _EPSILON
        and iy1 >= oy1 - _EPSILON
        and ix2 <= ox2 + _EPSILON
        and iy2 <= oy2 + _EPSILON
    )


class _Tree:
    """The part's objects by reference, and the edits to the parent tree."""

    def __init__(self, pdf: Any) -> None:
        # pydyf (WeasyPrint's PDF writer) ships no type information: imported by name.
        self.array: Any = importlib.import_module("pydyf").Array
        objects: list[Any] = pdf.objects[1:]  # the first is the free object 0
        self.objects: dict[bytes, Any] = {
            _reference(obj): obj for obj in objects if isinstance(obj, dict)
        }
        root = self.objects.get(pdf.catalog.get("StructTreeRoot"))
        self.parent_tree = self.objects.get(root.get("ParentTree")) if root else None
        self.moved: dict[bytes, bytes] = {}
        """Element whose marked content now belongs to another -> that other element."""
        self._following: dict[bytes, dict[int, Any]] = {}
        """Element -> its kids that are MCIDs -> the kid after each (see :meth:`_next_kid`)."""
        self.dropped_keys: set[int] = set()
        """Parent tree keys of the annotations that were removed."""

    def elements(self) -> list[Any]:
        return [obj for obj in self.objects.values() if obj.get("Type") == "/StructElem"]

    def parent(self, element: Any) -> Any:
        parent = self.objects.get(element.get("P"))
        if parent is None or parent.get("Type") != "/StructElem":
            return None
        if parent.get("Pg") is None or parent.get("Pg") != element.get("Pg"):
            return None
        return parent

    def flatten_spans(self) -> None:
        """Replace the plain one-sequence ``Span`` elements by their marked-content id."""
        mcid: dict[bytes, int] = {}
        for element in self.elements():
            kids = element.get("K")
            if (
                element.get("S") == "/Span"
                and not set(element) - _SPAN_KEYS
                and isinstance(kids, list)
                and len(kids) == 1
                and type(kids[0]) is int
                and self.parent(element) is not None
            ):
                mcid[element.reference] = kids[0]
                self.moved[element.reference] = element["P"]
        if not mcid:
            return
        for element in self.elements():
            kids = element.get("K")
            if isinstance(kids, list) and any(type(k) is bytes and k in mcid for k in kids):
                element["K"] = self.array([mcid.get(k, k) if type(k) is bytes else k for k in kids])

    def _enclosing_link(self, element: Any) -> Any:
        """The nearest ``Link`` element above ``element`` on the same page, if any."""
        ancestor = self.parent(element)
        for _ in range(_LINK_DEPTH):
            if ancestor is None or ancestor.get("S") == "/Link":
                return ancestor
            ancestor = self.parent(ancestor)
        return None

    def merge_nested_links(self) -> None:
        """Drop the annotation of an element inside a ``Link`` that repeats the link's."""
        for element in self.elements():
            link = self._enclosing_link(element)
            own = self._annotation(element)
            outer = self._annotation(link) if link is not None else None
            if own is None or outer is None:
                continue
            (own_objr, own_annot), (_, outer_annot) = own, outer
            same_target = _data(own_annot.get("A")) == _data(outer_annot.get("A")) and _data(
                own_annot.get("Dest")
            ) == _data(outer_annot.get("Dest"))
            if not same_target or not _inside(own_annot.get("Rect"), outer_annot.get("Rect")):
                continue
            page = self.objects.get(element.get("Pg"))
            annots = page.get("Annots") if page is not None else None
            if not isinstance(annots, list) or own_annot.reference not in annots:
                continue
            annots.remove(own_annot.reference)
            if isinstance(own_annot.get("StructParent"), int):
                self.dropped_keys.add(own_annot["StructParent"])
            kids = [k for k in element["K"] if k != own_objr.reference]
            if element.get("S") != "/Link":
                element["K"] = self.array(kids)  # a span of the link's text: stays as it is
            elif link.reference == element.get("P") and element.reference in link["K"]:
                # A nested link (a ``::after``): its text takes its place in the outer link.
                position = link["K"].index(element.reference)
                link["K"][position : position + 1] = kids
                for kid in kids:
                    if type(kid) is bytes and kid in self.objects:
                        self.objects[kid]["P"] = link.reference
                self.moved[element.reference] = link.reference
            else:
                element["K"] = self.array(kids)
                element["S"] = "/Span"  # a link without its annotation is no longer a link

    def _annotation(self, element: Any) -> tuple[Any, Any] | None:
        """The only ``OBJR`` of a link element and its annotation."""
        found = [
            self.objects[k]
            for k in element.get("K", ())
            if type(k) is bytes and self.objects.get(k, {}).get("Type") == "/OBJR"
        ]
        if len(found) != 1:
            return None
        annotation = self.objects.get(found[0].get("Obj"))
        return None if annotation is None else (found[0], annotation)

    def rewrite_parent_tree(self) -> None:
        """Point the parent tree at the elements that now hold the marked content."""
        if self.parent_tree is None or not (self.moved or self.dropped_keys):
            return
        moved = self.moved

        def final(reference: bytes) -> bytes:
            while reference in moved:
                reference = moved[reference]
            return reference

        nums = self.parent_tree.get("Nums", [])
        kept: list[Any] = []
        for i in range(0, len(nums) - 1, 2):
            key, value = nums[i], nums[i + 1]
            if key in self.dropped_keys:
                continue
            if isinstance(value, list):
                value = self.array([final(v) if type(v) is bytes else v for v in value])
            elif type(value) is bytes:
                value = final(value)
            kept += (key, value)
        self.parent_tree["Nums"] = self.array(kept)

    def merge_marked_content(self, pdf: Any) -> None:
        """One marked-content sequence for the lines of a paragraph on a page, not one per line.

        Fewer operators in the contents, shorter ``K`` arrays and parent tree.
        """
        assert self.parent_tree is not None
        nums = self.parent_tree.get("Nums", [])
        slots = {nums[i]: i + 1 for i in range(0, len(nums) - 1, 2) if isinstance(nums[i], int)}
        for page, stream in page_contents(pdf):
            slot = slots.get(page.get("StructParents"))
            parents = nums[slot] if slot is not None else None
            if slot is None or not isinstance(parents, list) or len(parents) < 2:
                continue
            merged = _merge_page(stream_data(stream), list(parents), self._next_kid)
            if merged is None:
                continue
            stream.stream = [merged[0]]
            renumbered = merged[1]
            for reference in dict.fromkeys(parents):
                element = self.objects.get(reference)
                if element is not None and isinstance(element.get("K"), list):
                    element["K"] = self.array(_renumber(element["K"], renumbered))
                    self._following.pop(reference, None)
            nums[slot] = self.array(
                [
                    parents[i]
                    for i in range(len(parents))
                    if i == 0 or renumbered[i] != renumbered[i - 1]
                ]
            )

    def _next_kid(self, reference: bytes, mcid: int) -> int | None:
        """The kid that follows MCID ``mcid`` among the kids of element ``reference``, if any."""
        following = self._following.get(reference)
        if following is None:
            element = self.objects.get(reference)
            kids = element.get("K") if element is not None else None
            kids = kids if isinstance(kids, list) else []
            following = self._following[reference] = {
                kid: after for kid, after in itertools.pairwise(kids) if type(kid) is int
            }
        after = following.get(mcid)
        return after if type(after) is int else None

    def inline_object_references(self) -> None:
        """Object references (``OBJR``) go inside their element, as most PDF writers do.

        A structure element may hold them directly; one indirect object fewer per link.
        """
        for element in self.elements():
            kids = element.get("K")
            if isinstance(kids, list) and any(
                type(k) is bytes and self.objects.get(k, {}).get("Type") == "/OBJR" for k in kids
            ):
                element["K"] = self.array(
                    [
                        self.objects[k]
                        if type(k) is bytes and self.objects.get(k, {}).get("Type") == "/OBJR"
                        else k
                        for k in kids
                    ]
                )

    def drop_optional_types(self) -> None:
        """No ``/Type`` in structure elements, annotations and actions, where it is optional.

        Tens of thousands of structure elements say ``/Type /StructElem`` for nothing; an
        element that only holds other elements needs no page (``/Pg``), nor does an object
        reference on its element's page.  Last step: the other steps find the objects by their
        type.
        """
        for obj in self.objects.values():
            if obj.get("Type") == "/StructElem":
                del obj["Type"]
                kids = obj.get("K")
                if not isinstance(kids, list):
                    continue
                if "Pg" in obj and all(type(k) is bytes for k in kids):
                    del obj["Pg"]  # only elements hold it: no marked content of its own
                page = _data(obj.get("Pg"))
                for kid in kids:  # an object reference on the element's page needs no page
                    if (
                        isinstance(kid, dict)
                        and kid.get("Type") == "/OBJR"
                        and page is not None
                        and _data(kid.get("Pg")) == page
                    ):
                        del kid["Pg"]
            elif obj.get("Type") == "/Annot":
                del obj["Type"]
                action = obj.get("A")
                if isinstance(action, dict) and action.get("Type") == "/Action":
                    del action["Type"]

    def round_rectangles(self) -> None:
        """Link rectangles to a hundredth of a point (WeasyPrint writes six decimals)."""
        for obj in self.objects.values():
            rectangle = obj.get("Rect")
            if obj.get("Type") == "/Annot" and isinstance(rectangle, list):
                obj["Rect"] = self.array(
                    [round(v, 2) if isinstance(v, float) else v for v in rectangle]
                )


#: A marked-content sequence with an identifier, or its end, alone on its line (as WeasyPrint
#: writes them; text strings are in hexadecimal, so an operator cannot appear inside one).
_MARKS = re.compile(
    rb"^(?:/(\w+)\n<</MCID (\d+)>>\nBDC|/\w+\nBMC|/\w+\n<<[^>]*>>\nBDC|EMC)$", re.MULTILINE
)


class _Sequence:
    """A marked-content sequence with an identifier, at the top level of a page's contents."""

    def __init__(self, tag: bytes, mcid: int, start: int, body: int) -> None:
        self.tag = tag  # ``Span`` for text, ``Figure`` for an image
        self.mcid = mcid
        self.start = start  # where its ``BDC`` line begins
        self.body = body  # where its contents begin
        self.end = -1  # where its ``EMC`` line begins


def _sequences(data: bytes) -> list[_Sequence] | None:
    """The page's top-level sequences, or None when the contents are not as expected."""
    found: list[_Sequence] = []
    depth = 0
    for mark in _MARKS.finditer(data):
        if mark.group(0) == b"EMC":
            depth -= 1
            if depth < 0:
                return None
            if depth == 0 and found and found[-1].end < 0:
                found[-1].end = mark.start()
            continue
        if depth == 0 and mark.group(2) is not None:
            found.append(_Sequence(mark.group(1), int(mark.group(2)), mark.start(), mark.end() + 1))
        depth += 1
    return found if depth == 0 and all(s.end >= 0 for s in found) else None


def _merge_page(
    data: bytes, parents: list[Any], next_kid: Callable[[Any, int], int | None]
) -> tuple[bytes, list[int]] | None:
    """``data`` with adjacent sequences of one element merged, and each old MCID's new one.

    Two sequences are merged when nothing but a line break separates them, they have the same
    tag, the same element holds both, and holds them one after the other (so the reading order
    is unchanged).  ``next_kid(element, mcid)`` is the kid after ``mcid`` in the element.
    """
    sequences = _sequences(data)
    if not sequences or [s.mcid for s in sequences] != list(range(len(parents))):
        return None
    new = [0] * len(sequences)
    out: list[bytes] = []
    position = 0
    for i, sequence in enumerate(sequences):
        previous = sequences[i - 1] if i else None
        if (
            previous is not None
            and parents[i] == parents[i - 1]
            and sequence.tag == previous.tag
            and data[previous.end + 3 : sequence.start].strip() == b""
            and next_kid(parents[i], i - 1) == i
        ):
            new[i] = new[i - 1]
            out.append(data[position : previous.end])  # up to the previous one's EMC
            position = sequence.body  # from this one's contents on
            continue
        new[i] = new[i - 1] + 1 if i else 0
        out.append(data[position : sequence.start])
        out.append(b"/%s\n<</MCID %d>>\nBDC\n" % (sequence.tag, new[i]))
        position = sequence.body
    out.append(data[position:])
    return b"".join(out), new


def tidy_tags(document: Any, pdf: Any) -> None:
    """WeasyPrint finisher: the leaner structure tree described above (``document`` unused)."""
    tree = _Tree(pdf)
    if tree.parent_tree is None:
        return
    tree.merge_nested_links()
    tree.flatten_spans()
    tree.rewrite_parent_tree()
    tree.merge_marked_content(pdf)
    tree.inline_object_references()
    tree.round_rectangles()
    tree.drop_optional_types()
