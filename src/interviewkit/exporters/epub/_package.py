"""The EPUB package: identifier, OPF metadata, images under safe names, a reproducible archive.

:mod:`interviewkit.exporters.epub` renders the XHTML documents; this module holds what is
EPUB-specific around them.  ``ebooklib`` writes the package document (OPF) and the archive; the
archive is then rewritten with :mod:`zipfile` so that two builds of the same source are
byte-identical (``mimetype`` first and stored, every entry with the same fixed date, in a stable
order).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import uuid
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import attrs
from stdnum import isbn

from interviewkit._util.fs import ResourceResolver
from interviewkit.model._isbn import format_isbn
from interviewkit.model._validators import slugify
from interviewkit.model.models import Anthology
from interviewkit.render.images import EmbeddingResolver
from interviewkit.serialization import dump_bytes

__all__ = [
    "A11Y_CONFORMANCE",
    "BookIdentifier",
    "Contributor",
    "PackagingResolver",
    "book_identifier",
    "contributors",
    "normalize_isbn",
    "reproducible_zip",
]

#: The conformance string of EPUB Accessibility 1.1 that EPUBCheck and Ace recognise.
A11Y_CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA"

#: Namespace of the ``urn:uuid:`` identifiers derived from the content (uuid5).
_UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://interviewkit.invalid/epub/identifier")

_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
}

#: Zip entries cannot be dated before 1980 (the DOS epoch).
_ZIP_EPOCH = dt.date(1980, 1, 1)


# ------------------------------------------------------------------ identifier


def normalize_isbn(text: str) -> str | None:
    """The compact digits of a valid ISBN-10 or ISBN-13 (``urn:isbn:`` and ``ISBN`` prefixes,
    hyphens and spaces dropped), or ``None``; python-stdnum checks it."""
    value = text.strip()
    if value.lower().startswith("urn:isbn:"):
        value = value[len("urn:isbn:") :]
    elif value.upper().startswith("ISBN"):
        value = value[4:].lstrip(" :-")
    if not isbn.is_valid(value):
        return None
    return str(isbn.compact(value))


@attrs.frozen(kw_only=True)
class BookIdentifier:
    """The ``dc:identifier`` of the book and how to show it on the copyright page."""

    value: str
    """``urn:isbn:…``, ``urn:uuid:…`` or the anthology's own identifier."""
    isbn: str | None = None
    """The ISBN digits when the identifier is an ISBN."""

    @property
    def display(self) -> str:
        """``ISBN 978-2-…`` (hyphenated) for an ISBN, the identifier itself otherwise."""
        return f"ISBN {format_isbn(self.isbn)}" if self.isbn else self.value


def book_identifier(anthology: Anthology) -> BookIdentifier:
    """The EPUB edition's ISBN (``urn:isbn:``) when the anthology has one; else the identifier,
    as an ISBN when it is one, or as given.

    Without an identifier, a ``urn:uuid:`` is derived (uuid5) from the canonical JSON of the
    content: the same content always gets the same identifier, and any change gives a new one.
    """
    if anthology.isbn_epub is not None:
        return BookIdentifier(value=f"urn:isbn:{anthology.isbn_epub}", isbn=anthology.isbn_epub)
    given = anthology.identifier
    if given is not None:
        isbn = normalize_isbn(given)
        if isbn is not None:
            return BookIdentifier(value=f"urn:isbn:{isbn}", isbn=isbn)
        return BookIdentifier(value=given.strip())
    digest = hashlib.sha256(dump_bytes(anthology)).hexdigest()
    return BookIdentifier(value=f"urn:uuid:{uuid.uuid5(_UUID_NAMESPACE, digest)}")


# ------------------------------------------------------------------ people


@attrs.frozen(kw_only=True)
class Contributor:
    """A person of the OPF metadata with their MARC relator roles."""

    name: str
    file_as: str
    """How the name sorts (``file-as``)."""
    roles: tuple[str, ...]
    """MARC relator codes: ``edt`` editor, ``ivr`` interviewer, ``ive`` interviewee, ``pht``
    photographer."""
    creator: bool
    """``dc:creator`` (the editors) rather than ``dc:contributor``."""


def contributors(anthology: Anthology) -> list[Contributor]:
    """Everyone credited, each name once, with only the roles the content states.

    Editors are creators (``edt``); stated interviewers (a portrait's own or the anthology's
    default, never guessed from the editors) are ``ivr``; subjects and every declared speaker
    who answers are ``ive``; photo credits are ``pht``.  A speaker who only asks is not given a
    role: asking one question does not make someone the interviewer.
    """
    people: dict[str, tuple[str, list[str]]] = {}

    def add(name: str, file_as: str, role: str) -> None:
        _, roles = people.setdefault(name, (file_as, []))
        if role not in roles:
            roles.append(role)

    for editor in anthology.editors:
        add(editor.name, editor.file_as, "edt")
    for portrait in anthology.portraits:
        for interviewer in anthology.interviewers_of(portrait):
            add(interviewer.name, interviewer.file_as, "ivr")
    for portrait in anthology.portraits:
        add(portrait.subject.name, portrait.subject.file_as, "ive")
        answering = {
            answer.speaker
            for exchange in portrait.interview.exchanges
            for answer in exchange.answers
            if answer.speaker is not None
        }
        for speaker in portrait.speakers:
            if speaker.id in answering:
                add(speaker.name, speaker.file_as, "ive")
    for portrait in anthology.portraits:
        for photo in portrait.credits.photos:
            add(photo.name, photo.file_as, "pht")
    creators = {editor.name for editor in anthology.editors}
    return [
        Contributor(name=name, file_as=file_as, roles=tuple(roles), creator=name in creators)
        for name, (file_as, roles) in people.items()
    ]


# ------------------------------------------------------------------ images


class PackagingResolver(EmbeddingResolver):
    """Collects the images to package and gives each a safe name under ``images/``.

    The name is the slug of the file's stem plus the extension of its real type (from its first
    bytes): ``images/my photo.PNG`` becomes ``images/my-photo.png``.  Two files that would get
    the same name are numbered.  Anything that is not an image of the source folder is left out
    with a problem (see :class:`~interviewkit.render.images.EmbeddingResolver`).
    """

    def __init__(self, resources: ResourceResolver) -> None:
        super().__init__(resources)
        self.files: dict[str, tuple[Path, str]] = {}
        """``{href: (source file, media type)}`` in the order they were first used."""
        self._by_source: dict[Path, str] = {}

    def __call__(self, ref: str) -> str | None:
        if ref not in self._cache:
            found = self.locate(ref)
            if found is None:
                self._cache[ref] = None
            else:
                path, media_type = found
                href = self._by_source.get(path)
                if href is None:
                    href = self._name_for(PurePosixPath(ref).stem, media_type)
                    self._by_source[path] = href
                    self.files[href] = (path, media_type)
                self._cache[ref] = href
        return self._cache[ref]

    def _name_for(self, stem: str, media_type: str) -> str:
        base = slugify(stem) or "image"
        extension = _EXTENSIONS[media_type]
        href = f"images/{base}{extension}"
        number = 1
        while href in self.files:
            number += 1
            href = f"images/{base}-{number}{extension}"
        return href


# ------------------------------------------------------------------ archive


def _zip_date(date: dt.date) -> tuple[int, int, int, int, int, int]:
    date = max(date, _ZIP_EPOCH)
    return (date.year, date.month, date.day, 0, 0, 0)


def _entry(name: str, date: tuple[int, int, int, int, int, int], stored: bool) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=date)
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    info.create_system = 3  # the same on every platform
    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
    return info


def reproducible_zip(written: bytes, target: Path, date: dt.date) -> list[str]:
    """Rewrite the archive ``written`` into ``target``: the same bytes for the same content.

    ``mimetype`` comes first and is stored; every other entry is deflated, dated ``date`` and
    sorted by name (``META-INF/`` first).  Returns the entry names in order.
    """
    with zipfile.ZipFile(io.BytesIO(written)) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    mimetype = entries.pop("mimetype", b"application/epub+zip")
    names = sorted(entries, key=lambda name: (not name.startswith("META-INF/"), name))
    date_time = _zip_date(date)
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(_entry("mimetype", date_time, stored=True), mimetype)
        for name in names:
            archive.writestr(_entry(name, date_time, stored=False), entries[name], compresslevel=6)
    return ["mimetype", *names]


# ------------------------------------------------------------------ ebooklib


#: The namespace of ``xml:lang``.
_XML = "http://www.w3.org/XML/1998/namespace"
#: Prefixes EPUB 3 reserves: declaring one again is an EPUBCheck warning (OPF-007).
_RESERVED_PREFIXES = frozenset(
    {"a11y", "dcterms", "marc", "media", "onix", "rendition", "schema", "xsd", "msv", "prism"}
)


def write_package(book: Any, *, modified: dt.date, language: str) -> bytes:
    """Let ebooklib write the package (OPF, items) into memory; return the archive's bytes.

    ebooklib's public writer (``EpubWriter``: ``process`` then ``write``) writes the archive;
    the package document it wrote is then finished with lxml as a document, never by
    overriding ebooklib's private methods: ``xml:lang`` on ``<package>`` (ebooklib has no
    option for it) and the reserved ``rendition:`` prefix it always declares taken out.

    Writing into memory means a failure never leaves a half-written file behind; the entries
    are stored uncompressed here, :func:`reproducible_zip` compresses them once.
    """
    from ebooklib import epub

    buffer = io.BytesIO()
    options = {
        "mtime": dt.datetime.combine(modified, dt.time()),
        "epub2_guide": False,
        "epub3_landmark": False,
        "epub3_pages": False,
        "compresslevel": 0,
        "raise_exceptions": True,
    }
    writer = epub.EpubWriter(buffer, book, options)
    writer.process()
    writer.write()
    return _finish_package_document(buffer.getvalue(), language)


def _finish_package_document(archive: bytes, language: str) -> bytes:
    """``archive`` with its package document given ``xml:lang`` and no reserved prefix."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
        container = etree.fromstring(source.read("META-INF/container.xml"))
    rootfile = container.find(".//{*}rootfile")
    opf_path = rootfile.get("full-path") if rootfile is not None else None
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info, data in entries:
            if info.filename == opf_path:
                root = etree.fromstring(data)
                root.set(f"{{{_XML}}}lang", language)
                declared = (root.get("prefix") or "").split()
                kept = [
                    f"{name} {uri}"
                    for name, uri in zip(declared[::2], declared[1::2], strict=False)
                    if name.rstrip(":") not in _RESERVED_PREFIXES
                ]
                if kept:
                    root.set("prefix", " ".join(kept))
                elif "prefix" in root.attrib:
                    del root.attrib["prefix"]
                data = etree.tostring(
                    root, pretty_print=True, encoding="utf-8", xml_declaration=True
                )
            target.writestr(info, data)
    return output.getvalue()


# ------------------------------------------------------------------ metadata


def fill_metadata(
    book: Any,
    anthology: Anthology,
    *,
    identifier: BookIdentifier,
    has_images: bool,
    summary: str,
    certified_by: str | None,
    generator: str,
) -> None:
    """Write the OPF metadata of ``anthology`` into the ebooklib ``book``.

    Text goes into the XML through lxml, so ``<`` and ``&`` in titles and names are escaped.
    """
    book.metadata = {}  # ebooklib's defaults: a random identifier and its own generator
    book.IDENTIFIER_ID = "pub-id"

    def meta(value: str, **attributes: str) -> None:
        book.add_metadata(None, "meta", value, attributes)

    book.add_metadata("OPF", "generator", "", {"name": "generator", "content": generator})
    book.set_identifier(identifier.value)
    if identifier.isbn:
        meta("15", refines="#pub-id", property="identifier-type", scheme="onix:codelist5")
    if anthology.isbn_print is not None:
        # The related print edition: EPUB 3's dc:source names the edition this one derives from.
        book.add_metadata("DC", "source", f"urn:isbn:{anthology.isbn_print}", {"id": "print-isbn"})
        meta("15", refines="#print-isbn", property="identifier-type", scheme="onix:codelist5")
    book.title = anthology.title
    book.add_metadata("DC", "title", anthology.title, {"id": "title"})
    meta("main", refines="#title", property="title-type")
    if anthology.subtitle:
        book.add_metadata("DC", "title", anthology.subtitle, {"id": "subtitle"})
        meta("subtitle", refines="#subtitle", property="title-type")
    book.set_language(anthology.language)
    for number, person in enumerate(contributors(anthology), 1):
        element = "creator" if person.creator else "contributor"
        element_id = f"{element}-{number}"
        book.add_metadata("DC", element, person.name, {"id": element_id})
        meta(person.file_as, refines=f"#{element_id}", property="file-as")
        for role in person.roles:
            meta(role, refines=f"#{element_id}", property="role", scheme="marc:relators")
    if anthology.publisher:
        book.add_metadata("DC", "publisher", anthology.publisher)
    if anthology.date is not None:
        book.add_metadata("DC", "date", anthology.date.isoformat())
    if anthology.rights:
        book.add_metadata("DC", "rights", anthology.rights)
    if anthology.description is not None:
        book.add_metadata("DC", "description", anthology.description.to_text().strip())
    for keyword in dict.fromkeys(anthology.keywords):
        book.add_metadata("DC", "subject", keyword)
    if anthology.series is not None:
        meta(anthology.series.name, property="belongs-to-collection", id="series")
        meta("series", refines="#series", property="collection-type")
        if anthology.series.number is not None:
            meta(str(anthology.series.number), refines="#series", property="group-position")

    meta("textual", property="schema:accessMode")
    if has_images:
        meta("visual", property="schema:accessMode")
    meta("textual", property="schema:accessModeSufficient")
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    if has_images:
        features.append("alternativeText")
    features.append("displayTransformability")
    for feature in features:
        meta(feature, property="schema:accessibilityFeature")
    meta("none", property="schema:accessibilityHazard")
    meta(summary, property="schema:accessibilitySummary")
    meta(A11Y_CONFORMANCE, property="dcterms:conformsTo")
    if certified_by:
        meta(certified_by, property="a11y:certifiedBy")
