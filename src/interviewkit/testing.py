"""Helpers for testing exporter plugins: a sample anthology and a conformance check.

A format plugin is only as good as its guarantees to the host: it writes only into the temporary
path it is given, gives the same bytes for the same input, takes typed options with defaults, and
reports the files it wrote.  :func:`check_exporter` checks all of that in one call, so every
plugin (and every built-in format) is held to the same contract by the same code::

    from interviewkit.testing import check_exporter


    def test_conformance(tmp_path):
        check_exporter(DocxExporter, tmp_path=tmp_path)

.. versionadded:: 0.1
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from interviewkit._util.fs import ResourceResolver, atomic_output
from interviewkit._util.output import MARKER
from interviewkit.build._clock import build_date
from interviewkit.document._cache import DocumentCache
from interviewkit.errors import InvalidInputError, PluginError
from interviewkit.exporters import ExportContext, ExportResult
from interviewkit.model._validators import slugify
from interviewkit.model.models import (
    Answer,
    Anthology,
    Credits,
    Exchange,
    Interview,
    Link,
    Part,
    Permission,
    Person,
    PhotoCredit,
    Portrait,
    Publication,
    RelatedPortrait,
    Section,
    Series,
    Speaker,
)
from interviewkit.model.richtext import RichText
from interviewkit.plugins.registry import ExporterRegistry
from interviewkit.serialization import make_converter, structure_as

__all__ = ["check_exporter", "sample_anthology"]

#: An option key no exporter has; :func:`check_exporter` asserts that it is refused.
UNKNOWN_OPTION = "interviewkit-check-unknown-option"


def sample_anthology() -> Anthology:
    """Return a small, valid, bilingual anthology built in code.

    Plugin tests need content that exercises the model without depending on files on disk, so
    that a test of an exporter fails because of the exporter and not because of its fixture:
    titled parts and questions before the first of them, several voices (an interviewer who
    asks, two people who answer), bullet, ordered and nested lists, a block quote, links,
    a handle, a related portrait in the book, credits, front matter and two languages.  It has
    no images, so it builds without a source folder.  All people and places are fictional.

    Returns:
        A French (``fr-CA``) anthology of two portraits, the second one in English, with a
        preface; each call returns an equal value.

    .. versionchanged:: 0.3
       The English portrait has an interviewer's voice and a question before its first part;
       the French one a nested list and a block quote.

    .. versionadded:: 0.1
    """
    editor = Person(name="Annie-Claude Letendre", role="éditrice")
    french = Portrait(
        id="rosalie-gendron",
        title="Rosalie Gendron, luthière de quartier",
        subject=Person(
            name="Rosalie Gendron",
            role="luthière",
            affiliations=("Atelier du Vieux-Bois",),
            bio=RichText("Répare des violons à Trois-Rivières depuis **douze ans**."),
            links=(Link(label="Atelier", url="https://example.org/atelier", kind="website"),),
        ),
        lede=RichText("Rencontre avec une artisane qui *écoute* le bois."),
        date=dt.date(2013, 4, 11),
        credits=Credits(
            first_published=Publication(
                publication="Le Carnet des ateliers",
                url="https://example.org/portraits/rosalie-gendron",
                date=dt.date(2013, 4, 11),
            ),
            permission=Permission(text="Reproduit avec permission.", licence="CC-BY-4.0"),
            photos=(PhotoCredit(name="Jules Bédard", detail="l'atelier"),),
        ),
        closing=RichText("Propos recueillis par *Annie-Claude Letendre*."),
        interview=Interview(
            exchanges=(
                Exchange(
                    question=RichText("Comment avez-vous commencé?"),
                    answers=(
                        Answer(
                            text=RichText(
                                "Par hasard, chez mon oncle.\n\n"
                                "Il m'a appris trois choses :\n\n"
                                "- écouter le bois;\n"
                                "- ne jamais forcer une cheville;\n"
                                "- prendre son temps.\n\n"
                                "Il le disait ainsi :\n\n"
                                "> Le bois ne ment pas.\n"
                                "> Il faut seulement l'écouter."
                            )
                        ),
                    ),
                ),
                Exchange(
                    question=RichText("Quels outils préférez-vous?"),
                    answers=(
                        Answer(
                            text=RichText(
                                "1. Le rabot à semelle courbe, pour\n"
                                "   - les tables;\n"
                                "   - les éclisses.\n"
                                "2. Une lampe bien placée.\n\n"
                                "Voir [mon carnet](https://example.org/carnet)."
                            )
                        ),
                    ),
                ),
                Exchange(
                    question=RichText("Un conseil pour la relève?"),
                    answers=(Answer(text=RichText("Suivez @atelier_vb et posez des questions.")),),
                ),
            ),
            parts=(Part(title="Les débuts", start=0), Part(title="Le métier", start=1)),
        ),
        follow=(Link(label="@atelier_vb", url="https://example.com/atelier_vb", kind="twitter"),),
        related=(
            RelatedPortrait(name="Owen Park", affiliation="Park Bicycles", portrait="owen-park"),
            RelatedPortrait(name="Lucie Tremblay", url="https://example.net/lucie-tremblay"),
        ),
        reading=(Link(label="L'art du luthier", url="https://example.net/art", kind="article"),),
        tags=("lutherie", "artisanat"),
    )
    english = Portrait(
        id="owen-park",
        title="Owen Park builds bicycles",
        subject=Person(name="Owen Park", role="frame builder", affiliations=("Park Bicycles",)),
        language="en",
        date=dt.date(2013, 4, 18),
        interviewers=(Person(name="Sam Okafor"), Person(name="Annie-Claude Letendre")),
        speakers=(
            Speaker(id="sam", name="Sam Okafor", label="Sam", role="interviewer"),
            Speaker(id="owen", name="Owen Park", label="Owen"),
            Speaker(id="mei", name="Mei Park", label="Mei", role="painter"),
        ),
        lede=RichText("A frame builder on brazing, patience and *steel*."),
        interview=Interview(
            exchanges=(
                Exchange(
                    question=RichText("When did you build your first frame?"),
                    asker="sam",
                    answers=(
                        Answer(text=RichText("In 1998, in my father's garage."), speaker="owen"),
                    ),
                ),
                Exchange(
                    question=RichText("Why steel?"),
                    answers=(
                        Answer(
                            text=RichText("It forgives:\n\n- small mistakes;\n- long rides."),
                            speaker="owen",
                        ),
                        Answer(text=RichText("And it takes paint well."), speaker="mei"),
                    ),
                ),
                Exchange(
                    question=RichText("What's next?"),
                    answers=(
                        Answer(text=RichText("A [touring frame](https://example.com/touring).")),
                    ),
                ),
                Exchange(question=RichText("Anything to add?")),
            ),
            parts=(Part(title="Materials", start=1),),
        ),
        related=(RelatedPortrait(name="Rosalie Gendron", portrait="rosalie-gendron"),),
    )
    return Anthology(
        title="Mains d'ateliers",
        subtitle="Portraits d'artisans",
        language="fr-CA",
        editors=(editor,),
        default_interviewers=(editor,),
        publisher="Éditions de l'Exemple",
        date=dt.date(2013, 5, 1),
        rights="© 2013 Éditions de l'Exemple. Textes fictifs.",
        description=RichText("Deux artisans racontent leur *métier*."),
        series=Series(name="Les portraits du jeudi", number=2),
        keywords=("artisanat", "portraits"),
        front_matter=(
            Section(
                id="preface",
                title="Préface",
                kind="preface",
                body=RichText("Ces entrevues ont paru d'abord en ligne.\n\nBonne lecture!"),
            ),
        ),
        portraits=(french, english),
    )


def check_exporter(
    exporter_cls: type[Any],
    *,
    tmp_path: Path,
    anthology: Anthology | None = None,
    options: Mapping[str, object] | None = None,
    source_root: Path | None = None,
) -> ExportResult:
    """Check that an exporter class keeps the exporter contract; fail on the first breach.

    The host trusts exporters with an atomic, reproducible build, so the contract is checked
    the way the host uses it: an :class:`~interviewkit.ExporterRegistry` validates the class;
    its ``Options`` are structured from an empty table with the shared converter (every option
    has a default), survive an unstructure/structure round trip, and refuse an unknown key; then
    the anthology is exported twice, each time into a fresh temporary target inside
    ``atomic_output``, exactly as :func:`interviewkit.build` does.  The two outputs must be
    byte-identical (every file, for directory outputs), nothing may be written in ``tmp_path``
    outside the two outputs, and every file the result lists must exist (for a folder output,
    every file written must also be listed).  Like a build, the two exports share one book
    document (:meth:`ExportContext.book_document <interviewkit.ExportContext.book_document>`),
    which must come out unchanged: the other formats of a build read it too.

    Args:
        exporter_cls: the exporter class, as passed to ``registry.add``.
        tmp_path: an empty scratch folder (pytest's ``tmp_path``); the outputs are written to
            ``tmp_path / "check-<name>"``.
        anthology: what to export; :func:`~interviewkit.testing.sample_anthology` by default.
        options: an ``[export.<name>]`` table to export with instead of the defaults; it goes
            through the same checks as the defaults.
        source_root: the folder images are resolved against; an empty folder by default,
            which suits anthologies without images.

    Returns:
        The result of the first export, with ``path`` set to where the output was moved.

    Raises:
        AssertionError: the first breach of the contract found, with what to fix.  An
            exception raised by the exporter itself propagates unchanged, with its traceback.

    .. versionadded:: 0.1

    .. versionchanged:: 0.3
       The exports share one book document, and fail if they change it.
    """
    name = _check_class(exporter_cls)
    typed_options = _check_options(exporter_cls, name, options)
    if anthology is None:
        anthology = sample_anthology()
    work = tmp_path / f"check-{name}"
    if source_root is None:
        source_root = work / "source"
        source_root.mkdir(parents=True, exist_ok=True)
    before = _snapshot(tmp_path)
    basename = slugify(anthology.title) or "anthology"
    documents = DocumentCache()  # one book document for both exports, as a build shares it
    contexts = [
        _context(name, anthology, source_root, work / run, basename, exporter_cls, documents)
        for run in ("first", "second")
    ]
    results = [
        _export(exporter_cls, name, anthology, typed_options, context) for context in contexts
    ]
    first, second = results
    _check_document_kept(name, anthology, contexts[0])
    _check_confined(name, tmp_path, before, [result.path for result in results])
    for result in results:
        _check_files(name, exporter_cls.output, result)
    _check_identical(name, first.path, second.path)
    _check_zip_dates(name, first.path, build_date(anthology))
    return first


def _check_zip_dates(name: str, path: Path, date: dt.date) -> None:
    # Two exports a second apart cannot tell a clock-stamped zip from a reproducible one (zip
    # times have a 2-second resolution), so zip entries are checked against the build date.
    import zipfile

    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    limit = (date + dt.timedelta(days=1)).timetuple()[:6]
    for file in files:
        if not zipfile.is_zipfile(file):
            continue
        with zipfile.ZipFile(file) as archive:
            late = [i.filename for i in archive.infolist() if i.date_time > limit]
        if late:
            raise AssertionError(
                f"format {name!r}: {file.name} has zip entries dated after the build date "
                f"{date.isoformat()} ({', '.join(late[:3])}); date every entry from "
                f"context.build_date (rewrite the archive with fixed ZipInfo.date_time)"
            )


def _check_class(exporter_cls: type[Any]) -> str:
    try:
        ExporterRegistry().add(exporter_cls)
    except PluginError as exc:
        raise AssertionError(
            f"{getattr(exporter_cls, '__name__', exporter_cls)!r} is refused by the exporter "
            f"registry: {exc.message}"
        ) from exc
    name: str = exporter_cls.name
    return name


def _check_options(
    exporter_cls: type[Any], name: str, options: Mapping[str, object] | None
) -> object:
    options_cls = exporter_cls.Options
    where = f"[export.{name}]"
    try:
        defaults = structure_as({}, options_cls, file=where)
    except InvalidInputError as exc:
        raise AssertionError(
            f"format {name!r}: {options_cls.__name__} cannot be built from an empty "
            f"[export.{name}] table, so anthologies without that table cannot be built ({exc}); "
            f"give every option a default, and use types the shared converter handles"
        ) from exc
    typed = defaults
    if options is not None:
        try:
            typed = structure_as(dict(options), options_cls, file=where)
        except InvalidInputError as exc:
            raise AssertionError(f"format {name!r}: the options given are refused: {exc}") from exc
    converter = make_converter()
    for value in {id(defaults): defaults, id(typed): typed}.values():
        plain = converter.unstructure(value)
        try:
            again = structure_as(plain, options_cls, file=where)
        except InvalidInputError as exc:
            raise AssertionError(
                f"format {name!r}: {value!r} unstructures to {plain!r}, which does not "
                f"structure back ({exc}); use types the shared converter handles"
            ) from exc
        if again != value:
            raise AssertionError(
                f"format {name!r}: options do not round-trip: {value!r} -> {plain!r} -> "
                f"{again!r}; make {options_cls.__name__} an attrs class with comparable fields"
            )
    try:
        structure_as({UNKNOWN_OPTION: True}, options_cls, file=where)
    except InvalidInputError:
        pass
    else:
        raise AssertionError(
            f"format {name!r}: {options_cls.__name__} accepts the unknown key "
            f"{UNKNOWN_OPTION!r}; users' typos must be refused (the shared converter forbids "
            f"extra keys for attrs classes, so do not structure options by hand)"
        )
    return typed


def _context(
    name: str,
    anthology: Anthology,
    source_root: Path,
    out: Path,
    basename: str,
    exporter_cls: type[Any],
    documents: DocumentCache,
) -> ExportContext:
    directory = exporter_cls.output == "directory"
    final = out / (f"{basename}-{name}" if directory else f"{basename}{exporter_cls.suffix}")
    return ExportContext(
        format_name=name,
        source_root=source_root,
        resources=ResourceResolver(source_root),
        build_date=build_date(anthology),
        output=final,
        basename=basename,
        documents=documents,
    )


def _check_document_kept(name: str, anthology: Anthology, context: ExportContext) -> None:
    """The book document a build shares between its formats must come out as it went in: a
    format that changed it (its labels are a dict) would change the formats after it."""
    fresh = attrs.evolve(context, documents=DocumentCache())
    if context.book_document(anthology) != fresh.book_document(anthology):
        raise AssertionError(
            f"format {name!r} changed the book document (context.book_document), which a "
            f"build shares with its other formats; treat it as read-only and copy what you "
            f"change (document.labels included)"
        )


def _export(
    exporter_cls: type[Any],
    name: str,
    anthology: Anthology,
    options: object,
    context: ExportContext,
) -> ExportResult:
    directory = exporter_cls.output == "directory"
    final = context.output
    with atomic_output(final, directory=directory) as target:
        result = exporter_cls().export(anthology, options=options, target=target, context=context)
        if not isinstance(result, ExportResult):
            raise AssertionError(
                f"format {name!r}: export() returned {result!r}, not an ExportResult"
            )
        if result.format_name != name:
            raise AssertionError(
                f"format {name!r}: export() returned a result for format {result.format_name!r}"
            )
        written = target.is_dir() if directory else target.is_file()
        if not written:
            kind = "folder" if directory else "file"
            raise AssertionError(
                f"format {name!r} (output={exporter_cls.output!r}) left no {kind} at its "
                f"target {target}; an exporter writes exactly there"
            )
    final_result: ExportResult = attrs.evolve(result, path=final)
    return final_result


def _snapshot(root: Path) -> dict[Path, bytes | None]:
    """Every path under ``root``: a file's bytes, ``None`` for a folder."""
    return {
        path: (path.read_bytes() if path.is_file() else None) for path in sorted(root.rglob("*"))
    }


def _check_confined(
    name: str, root: Path, before: Mapping[Path, bytes | None], outputs: list[Path]
) -> None:
    after = _snapshot(root)

    def allowed(path: Path) -> bool:
        return any(path == out or out in path.parents or path in out.parents for out in outputs)

    stray = sorted(str(p.relative_to(root)) for p in after if p not in before and not allowed(p))
    changed = sorted(
        str(p.relative_to(root))
        for p, data in before.items()
        if not allowed(p) and (p not in after or after[p] != data)
    )
    if stray:
        raise AssertionError(
            f"format {name!r} wrote outside its target: {', '.join(stray)}; write only inside "
            f"the 'target' path export() receives"
        )
    if changed:
        raise AssertionError(
            f"format {name!r} changed or removed files outside its target: {', '.join(changed)}"
        )


def _tree(path: Path) -> dict[str, bytes]:
    if path.is_file():
        return {path.name: path.read_bytes()}
    return {
        p.relative_to(path).as_posix(): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def _check_files(name: str, output: str, result: ExportResult) -> None:
    if not result.files:
        raise AssertionError(f"format {name!r}: the result lists no files")
    base = result.path if output == "directory" else result.path.parent
    missing = [str(f) for f in result.files if f.is_absolute() or not (base / f).is_file()]
    if missing:
        raise AssertionError(
            f"format {name!r}: the result lists files that were not written (or absolute "
            f"paths): {', '.join(missing)}; list paths relative to "
            f"{'the output folder' if output == 'directory' else 'the output file folder'}"
        )
    if output == "directory":
        listed = {f.as_posix() for f in result.files}
        unlisted = sorted(set(_tree(result.path)) - listed - {MARKER})  # the host's stamp
        if unlisted:
            raise AssertionError(
                f"format {name!r}: files written but not listed in the result: "
                f"{', '.join(unlisted)}"
            )


def _check_identical(name: str, first: Path, second: Path) -> None:
    one, two = _tree(first), _tree(second)
    differing = sorted(
        path for path in set(one) | set(two) if one.get(path, None) != two.get(path, None)
    )
    if differing:
        raise AssertionError(
            f"format {name!r} is not deterministic: two exports of the same anthology differ in "
            f"{', '.join(differing)}; take dates from context.build_date, sort what you iterate, "
            f"and do not embed the target path"
        )
