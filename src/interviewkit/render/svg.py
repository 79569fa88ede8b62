"""SVG images of an untrusted anthology, cleaned before any format ships them.

An SVG file is a program as much as a picture: opened from the site's ``images/`` folder it runs
its ``<script>`` and its ``onload``; it can pull a tracking pixel or ``file:///etc/passwd``
through an ``href``, a ``url()`` or an XML entity.  Every format that ships an image (the
single-file HTML's ``data:`` URIs, the site's copies, the EPUB's items, the PDF's fetcher, the
Markdown plugin's copies) takes the bytes from :func:`clean_svg`, so all of them ship the same
clean picture.

It parses with lxml, entities unresolved, no DTD loaded, no network, no huge trees.  It refuses
(an :class:`~interviewkit.errors.InvalidInputError` naming the file and line) what it cannot
read safely: malformed XML, a root that is not ``<svg>``, XML entities.  It removes, and lists in
:attr:`CleanSvg.removed` for a warning, what is active or external:

- ``<script>``, ``<foreignObject>``, XML Events ``<handler>``/``<listener>``, ``<iframe>``,
  ``<embed>``, ``<object>``, any XHTML or XInclude element, processing instructions
  (``<?xml-stylesheet?>``), the DOCTYPE;
- ``on*`` event-handler attributes, ``xml:base``, and animations (``<set>``, ``<animate>``...)
  of an ``href`` or an ``on*`` attribute;
- ``href``/``xlink:href`` other than a same-document ``#id`` (and, on ``<image>``, a ``data:``
  PNG, JPEG, GIF or WebP);
- a ``<style>`` element or an attribute (``style``, ``fill``...) whose CSS has an ``@import`` or a
  ``url()`` other than ``#id``.

An SVG with nothing to remove is returned byte for byte, so clean images never change.
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from interviewkit.errors import InvalidInputError
from interviewkit.render._css import references

__all__ = [
    "CleanSvg",
    "clean_svg",
    "looks_like_xml",
    "removal_warning",
    "sanitize_svg",
    "ship_image",
]
_SVG = "http://www.w3.org/2000/svg"
_XHTML = "http://www.w3.org/1999/xhtml"
_XINCLUDE = "http://www.w3.org/2001/XInclude"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_ACTIVE = frozenset({"script", "foreignobject", "handler", "listener", "iframe", "embed", "object"})
_ANIMATIONS = frozenset({"set", "animate", "animatecolor", "animatemotion", "animatetransform"})
_RASTER_DATA = re.compile(r"data:image/(?:png|jpeg|gif|webp)(?:;base64)?,", re.IGNORECASE)
_XML_START = re.compile(rb"(?:\xef\xbb\xbf)?\s*<")
_HINT = (
    "save the image again as plain SVG without scripts, links or embedded fonts "
    "(Inkscape: File > Save As > Optimized SVG), or export it as PNG"
)


@attrs.frozen
class CleanSvg:
    """The bytes to ship, and what was removed to get them (one ``line N: what`` each)."""

    data: bytes
    removed: tuple[str, ...] = ()


def removal_warning(ref: str, removed: tuple[str, ...]) -> str:
    """The warning that says what was removed from the SVG ``ref`` before it was shipped."""
    return f"image {ref!r}: removed what could run or load: {'; '.join(removed)}"


def looks_like_xml(data: bytes) -> bool:
    """True when ``data`` starts like markup: no PNG, JPEG, GIF, WebP or font file does."""
    return _XML_START.match(data) is not None


def ship_image(data: bytes, *, name: str) -> bytes:
    """The bytes of an image file to ship: markup cleaned by :func:`clean_svg`, others as is."""
    return clean_svg(data, name=name) if looks_like_xml(data) else data


def clean_svg(data: bytes, *, name: str) -> bytes:
    """The SVG ``data`` without anything active or external; raise when it cannot be read."""
    return sanitize_svg(data, name=name).data


def sanitize_svg(data: bytes, *, name: str) -> CleanSvg:
    """:func:`clean_svg`, also saying what was removed (see the module doc)."""
    from lxml import etree  # imported on the first SVG: loading interviewkit stays cheap

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InvalidInputError(
            name, [f"line {exc.lineno}: not a well-formed SVG file ({exc.msg})"], hint=_HINT
        ) from None
    if etree.QName(root).localname != "svg" or etree.QName(root).namespace not in (None, _SVG):
        raise InvalidInputError(
            name, [f"line {root.sourceline}: the root element is not <svg>"], hint=_HINT
        )
    docinfo: Any = root.getroottree().docinfo  # lxml-stubs lack doctype and iterentities
    if docinfo.internalDTD is not None and any(True for _ in docinfo.internalDTD.iterentities()):
        raise InvalidInputError(name, ["the DOCTYPE declares XML entities"], hint=_HINT)
    siblings = [*root.itersiblings(preceding=True), *root.itersiblings()]
    removed = [
        (node.sourceline, "a processing instruction") for node in siblings if node.tag is etree.PI
    ]
    removed.extend(_clean_tree(root, name))
    if not removed and not docinfo.doctype:
        return CleanSvg(data)
    # The root alone is written: the DOCTYPE (and any declaration in it) goes too.
    cleaned = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    return CleanSvg(cleaned, tuple(f"line {line}: {what}" for line, what in sorted(removed)))


# Elements are typed Any: lxml's element class is private (``_Element``).


def _clean_tree(root: Any, name: str) -> list[tuple[int, str]]:
    """Remove what the module doc lists from ``root``'s tree; describe each removal."""
    from lxml import etree

    removed: list[tuple[int, str]] = []
    stack = [root]
    while stack:
        element = stack.pop()
        for child in list(element):
            if child.tag is etree.Entity:
                raise InvalidInputError(
                    name, [f"line {child.sourceline}: an XML entity reference"], hint=_HINT
                )
            reason = _element_problem(child)
            if reason is not None:
                removed.append((child.sourceline, reason))
                _drop(child)
            elif isinstance(child.tag, str):
                stack.append(child)
        removed.extend(_clean_attributes(element))
    return removed


def _element_problem(element: Any) -> str | None:
    """Why ``element`` must go (with its content), or None."""
    from lxml import etree

    if element.tag is etree.PI:
        return "a processing instruction"
    if not isinstance(element.tag, str):
        return None  # a comment
    qname = etree.QName(element)
    local = qname.localname.lower()
    if local in _ACTIVE or qname.namespace in (_XHTML, _XINCLUDE):
        return f"the <{qname.localname}> element"
    if local in _ANIMATIONS:
        target = element.get("attributeName", "").rpartition(":")[2].strip().lower()
        if target == "href" or target.startswith("on"):
            return f"an animation of {target!r}"
    if local == "style" and _external_css(element.text or ""):
        return "a <style> element that loads something"
    if local != "a" and any(
        etree.QName(key).localname.lower() == "href" and not _same_document(local, value)
        for key, value in element.attrib.items()
    ):
        return f"a <{qname.localname}> element with an external reference"
    return None


def _clean_attributes(element: Any) -> list[tuple[int, str]]:
    """Remove ``element``'s event handlers and external references; describe each."""
    from lxml import etree

    removed: list[tuple[int, str]] = []
    local = etree.QName(element).localname.lower()
    for key, value in list(element.attrib.items()):
        attribute = etree.QName(key).localname.lower()
        if attribute.startswith("on"):
            why = "an event handler"
        elif key == _XML_BASE:
            why = "a base address"
        elif attribute == "href":
            if _same_document(local, value):
                continue
            why = "an external reference"
        elif "(" in value and _external_css(value):
            why = "an external url()"
        else:
            continue
        removed.append((element.sourceline, f"{why} ({etree.QName(key).localname}=)"))
        del element.attrib[key]
    return removed


def _same_document(element: str, href: str) -> bool:
    """True for ``#id``, and for a ``data:`` PNG, JPEG, GIF or WebP on an ``<image>``."""
    href = href.strip()
    return href.startswith("#") or (element == "image" and _RASTER_DATA.match(href) is not None)


def _external_css(css: str) -> bool:
    """True when ``css`` imports anything or names a ``url()`` other than ``#id``."""
    return any(
        reference.kind == "import"
        or (reference.kind == "url" and not reference.value.strip().startswith("#"))
        for reference in references(css)
    )


def _drop(element: Any) -> None:
    """Remove ``element`` (never the root) and its content, keeping the text that follows it."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
