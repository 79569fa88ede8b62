"""A leaner structure tree for each rendered part, with pikepdf, before it joins the book.

WeasyPrint's tagged PDF gives every run of text its own ``Span`` structure element: in a book of
interviews that is half of the file's objects (more than fifty thousand for 160 portraits), and
megabytes.  :func:`lean_structure` edits the part as pikepdf opened it, through pikepdf's public
object API, never WeasyPrint's or pydyf's:

* a ``Span`` that holds one marked-content sequence on its parent's page and says nothing else
  (no attributes, alternate or actual text) is replaced in its parent by the marked-content
  identifier itself, and the parent tree points at the parent: the text reads the same and
  belongs to the same paragraph, heading or list item;
* an element inside a ``Link`` (a nested ``Link`` for a ``<span>`` or a ``::after``
  pseudo-element of the link) whose own annotation, on the same page, has the same target and
  lies inside the link's rectangle loses that annotation: one link, one annotation; a nested
  link's content joins the outer link;
* object references (``OBJR``) are written inside their link element rather than as objects of
  their own, and the optional ``/Type`` of structure elements is left out.

The content streams are not touched.  What the tree no longer refers to is not copied into the
book.
"""

from __future__ import annotations

from typing import cast

import pikepdf
from pikepdf import Array, Dictionary, Name

__all__ = ["lean_structure"]

#: How far up a nested element's enclosing ``Link`` is looked for (``a > span > span``...).
_LINK_DEPTH = 4
#: Rectangles compare with this tolerance, in points.
_EPSILON = 0.01

#: The keys of a ``Span`` that says nothing but where its text is.
_PLAIN_SPAN = frozenset({"/Type", "/S", "/K", "/Pg", "/P"})


def _single_mcid(element: Dictionary) -> int | None:
    """The marked-content identifier of an element holding exactly one, else None."""
    kids = element.get("/K")
    if isinstance(kids, Array) and len(kids) == 1:
        kids = kids[0]
    return kids if isinstance(kids, int) else None


def _lean_kid(kid: object, page: tuple[int, int] | None) -> object:
    """``kid`` of an element on ``page`` as the lean tree holds it (an MCID, a direct OBJR...)."""
    if not isinstance(kid, Dictionary):
        return kid
    if kid.get("/Type") == Name.OBJR:
        return Dictionary({key: kid[key] for key in ("/Obj", "/Pg") if key in kid})
    if kid.get("/S") != Name.Span or page is None or not set(kid.keys()) <= _PLAIN_SPAN:
        return kid
    mcid = _single_mcid(kid)
    on_page = kid.get("/Pg")
    if mcid is None or not isinstance(on_page, Dictionary) or on_page.objgen != page:
        return kid
    return mcid


def lean_structure(part: pikepdf.Pdf) -> None:
    """Make ``part``'s structure tree leaner, as described above."""
    root = part.Root.get("/StructTreeRoot")
    if not isinstance(root, Dictionary):
        return
    moved: dict[tuple[int, int], Dictionary] = {}
    """Element taken out -> the element that now holds its marked content."""
    dropped = _merge_nested_links(_elements_with_annotations(root), moved)
    waiting: list[Dictionary] = [root]
    while waiting:
        element = waiting.pop()
        kids = element.get("/K")
        if not isinstance(kids, Array):
            if isinstance(kids, Dictionary) and "/S" in kids:
                waiting.append(kids)
            continue
        on_page = element.get("/Pg")
        page = on_page.objgen if isinstance(on_page, Dictionary) else None
        lean: list[object] = []
        changed = False
        for kid in kids:
            new = _lean_kid(kid, page)
            changed = changed or new is not kid
            if isinstance(new, int) and isinstance(kid, Dictionary):
                moved[kid.objgen] = element
            elif isinstance(new, Dictionary) and "/S" in new:
                if "/Type" in new:
                    del new["/Type"]
                waiting.append(new)
            lean.append(new)
        if changed:
            element.K = Array(lean)
    _repoint_parent_tree(root.get("/ParentTree"), moved, dropped)


def _elements_with_annotations(root: Dictionary) -> list[Dictionary]:
    """The structure elements that refer to an annotation, parents before their kids."""
    found: list[Dictionary] = []
    waiting = [root]
    while waiting:
        element = waiting.pop()
        kids = element.get("/K")
        for kid in kids if isinstance(kids, Array) else [kids]:
            if not isinstance(kid, Dictionary):
                continue
            if "/S" in kid:
                waiting.append(kid)
            elif kid.get("/Type") == Name.OBJR and (not found or found[-1] is not element):
                found.append(element)
    return found


def _annotation(element: Dictionary) -> tuple[Dictionary, Dictionary] | None:
    """The only object reference of ``element`` and its annotation, if it has exactly one."""
    kids = element.get("/K")
    found = [
        kid
        for kid in (kids if isinstance(kids, Array) else [kids])
        if isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR
    ]
    annotation = found[0].get("/Obj") if len(found) == 1 else None
    return (found[0], annotation) if isinstance(annotation, Dictionary) else None


def _refers_to(kid: object, annotation: Dictionary) -> bool:
    """Whether ``kid`` is an object reference to ``annotation``."""
    if not isinstance(kid, Dictionary) or kid.get("/Type") != Name.OBJR:
        return False
    target = kid.get("/Obj")
    return isinstance(target, Dictionary) and target.objgen == annotation.objgen


def _enclosing_link(element: Dictionary) -> Dictionary | None:
    """The nearest ``Link`` above ``element`` on the same page, if any."""
    page = element.get("/Pg")
    ancestor = element.get("/P")
    for _ in range(_LINK_DEPTH):
        if not isinstance(ancestor, Dictionary) or "/S" not in ancestor:
            return None
        on_page = ancestor.get("/Pg")
        if not isinstance(on_page, Dictionary) or not isinstance(page, Dictionary):
            return None
        if on_page.objgen != page.objgen:
            return None
        if str(ancestor.S) == "/Link":
            return ancestor
        ancestor = ancestor.get("/P")
    return None


def _target(annotation: Dictionary) -> tuple[bytes, bytes]:
    """What a link annotation leads to: its action and its destination, serialized."""
    return tuple(  # type: ignore[return-value]
        annotation[key].unparse(resolved=True) if key in annotation else b""
        for key in ("/A", "/Dest")
    )


def _inside(inner: object, outer: object) -> bool:
    """Whether rectangle ``inner`` lies inside rectangle ``outer`` (any corner order)."""
    if not (isinstance(inner, Array) and isinstance(outer, Array)):
        return False
    if len(inner) != 4 or len(outer) != 4:
        return False
    ix1, ix2 = sorted((float(inner[0]), float(inner[2])))
    iy1, iy2 = sorted((float(inner[1]), float(inner[3])))
    ox1, ox2 = sorted((float(outer[0]), float(outer[2])))
    oy1, oy2 = sorted((float(outer[1]), float(outer[3])))
    return (
        ix1 >= ox1 - _EPSILON
        and iy1 >= oy1 - _EPSILON
        and ix2 <= ox2 + _EPSILON
        and iy2 <= oy2 + _EPSILON
    )


def _merge_nested_links(
    elements: list[Dictionary], moved: dict[tuple[int, int], Dictionary]
) -> set[int]:
    """Drop the annotation of an element inside a ``Link`` that repeats the link's.

    Returns the parent-tree keys of the annotations dropped.
    """
    dropped: set[int] = set()
    for element in elements:
        own = _annotation(element)
        link = _enclosing_link(element) if own is not None else None
        outer = _annotation(link) if link is not None else None
        if own is None or link is None or outer is None:
            continue
        (_, annotation), (_, link_annotation) = own, outer
        if _target(annotation) != _target(link_annotation):
            continue
        if not _inside(annotation.get("/Rect"), link_annotation.get("/Rect")):
            continue
        page = element.Pg
        annots = page.get("/Annots")
        if not isinstance(annots, Array):
            continue
        page.Annots = Array([a for a in annots if a.objgen != annotation.objgen])
        if isinstance(annotation.get("/StructParent"), int):
            dropped.add(int(annotation.StructParent))
        kids = [k for k in element.K if not _refers_to(k, annotation)]
        parent = element.get("/P")
        if str(element.S) == "/Link" and parent is not None and parent.objgen == link.objgen:
            # A nested link: its content takes its place in the outer link.
            outer_kids = list(link.K)
            position = [k.objgen if isinstance(k, Dictionary) else None for k in outer_kids].index(
                element.objgen
            )
            outer_kids[position : position + 1] = kids
            link.K = Array(outer_kids)
            for kid in kids:
                if isinstance(kid, Dictionary) and "/S" in kid:
                    kid.P = link
            moved[element.objgen] = link
        else:
            element.K = Array(kids)
            if str(element.S) == "/Link":
                element.S = Name.Span  # a link without its annotation is no longer a link
    return dropped


def _repoint_parent_tree(
    tree: object, moved: dict[tuple[int, int], Dictionary], dropped: set[int]
) -> None:
    """Point the parent tree at the elements that now hold the marked content; drop the keys
    of the annotations taken out."""
    if not isinstance(tree, Dictionary):
        return
    nums = tree.get("/Nums")
    if isinstance(nums, Array) and (moved or dropped):
        kept: list[object] = []
        for i in range(0, len(nums) - 1, 2):
            key, value = nums[i], cast("object", nums[i + 1])
            if int(key) in dropped:
                continue
            if isinstance(value, Array) and any(
                isinstance(v, Dictionary) and v.objgen in moved for v in value
            ):
                value = Array([_final(v, moved) for v in value])
            elif isinstance(value, Dictionary) and value.objgen in moved:
                value = _final(value, moved)
            kept += (key, value)
        tree.Nums = Array(kept)
    for kid in tree.get("/Kids", Array()):
        _repoint_parent_tree(kid, moved, dropped)


def _final(value: object, moved: dict[tuple[int, int], Dictionary]) -> object:
    """The element that holds the content of ``value`` now (it may have moved twice)."""
    while isinstance(value, Dictionary) and value.objgen in moved:
        value = moved[value.objgen]
    return value
