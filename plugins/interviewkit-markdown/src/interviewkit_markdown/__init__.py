"""Markdown formats for interviewkit: ``markdown`` (one file) and ``markdown-folder`` (pages).

``markdown`` writes one Pandoc-ready file: a YAML metadata block, then the front matter, every
portrait and the back matter, so that ``pandoc book.md -o book.docx`` (or ``.odt``, ``.tex``)
works on it.  ``markdown-folder`` writes ``index.md`` and one ``<id>.md`` page per portrait, each
with its own YAML front matter, for static-site generators and wikis.

Both write the build's book document (:meth:`ExportContext.book_document
<interviewkit.ExportContext.book_document>`): the same typeset text, ids, labels and credit lines
as every other format.  Its texts are written by :class:`interviewkit.MarkdownWriter`, so that
Pandoc reads the same text and never raw HTML, and links are the ones the model's URL check
accepted (a relative link prints as its text); interviewkit's content checks warn about those,
once for every format.

interviewkit finds the plugin through the ``markdown = "interviewkit_markdown"`` entry point of
the ``interviewkit`` group, declared in this package's ``pyproject.toml``.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import ClassVar, Literal

import attrs

from interviewkit import (
    Anthology,
    ExportContext,
    ExporterRegistry,
    ExportResult,
    MarkdownWriter,
    hookimpl,
)
from interviewkit.render.svg import ship_image
from interviewkit_markdown._back_matter import back_matter_markdown
from interviewkit_markdown._write import (
    anthology_metadata,
    back_to_contents,
    details_markdown,
    escape,
    front_matter_block,
    portrait_markdown,
    portrait_metadata,
    section_markdown,
    sources_markdown,
)

__all__ = ["MarkdownExporter", "MarkdownFolderExporter", "MarkdownOptions"]


@attrs.frozen(kw_only=True)
class MarkdownOptions:
    """Options of the ``markdown`` and ``markdown-folder`` formats (``[export.markdown]``)."""

    heading_ids: bool = True
    """Give every heading an explicit ``{#id}`` (``#owen-park``, ``#owen-park-q2``) so links
    into the book stay stable; off, Pandoc derives ids from the heading text."""


class MarkdownExporter:
    """Writes the anthology as one Pandoc Markdown file with a YAML metadata block."""

    name: ClassVar[str] = "markdown"
    suffix: ClassVar[str] = ".md"
    media_type: ClassVar[str] = "text/markdown"
    output: ClassVar[Literal["file", "directory"]] = "file"
    description: ClassVar[str] = "one Pandoc Markdown file with a YAML metadata block"
    Options: ClassVar[type[MarkdownOptions]] = MarkdownOptions

    def export(
        self,
        anthology: Anthology,
        *,
        options: MarkdownOptions,
        target: Path,
        context: ExportContext,
    ) -> ExportResult:
        document = context.book_document(anthology)
        ids = {portrait.id for portrait in document.portraits}

        def portrait_link(portrait_id: str) -> str | None:
            return f"#{portrait_id}" if options.heading_ids and portrait_id in ids else None

        writer = MarkdownWriter(portrait_target=portrait_link)
        blocks = [front_matter_block(anthology_metadata(anthology, document, writer))]
        details = details_markdown(document)
        if details:
            blocks.append(details + "\n")
        for section in document.front_matter:
            blocks.append(
                section_markdown(section, level=1, heading_ids=options.heading_ids, writer=writer)
            )
        for portrait in document.portraits:
            context.progress(f"portrait {portrait.number} of {len(document.portraits)}")
            blocks.append(
                portrait_markdown(
                    document,
                    portrait,
                    heading_ids=options.heading_ids,
                    portrait_link=portrait_link,
                    images=False,
                    writer=writer,
                )
            )
        for section in document.back_matter:
            blocks.append(
                section_markdown(section, level=1, heading_ids=options.heading_ids, writer=writer)
            )

        def place_link(portrait_id: str, anchor: str | None) -> str | None:
            return f"#{anchor or portrait_id}" if options.heading_ids else None

        sources = sources_markdown(
            document, level=1, heading_ids=options.heading_ids, writer=writer
        )
        if sources:
            blocks.append(sources)
        blocks += back_matter_markdown(
            document, level=1, heading_ids=options.heading_ids, writer=writer, link=place_link
        )
        target.write_text("\n".join(blocks), encoding="utf-8", newline="\n")
        return ExportResult(
            format_name=self.name,
            path=target,
            files=(Path(target.name),),
        )


class MarkdownFolderExporter:
    """Writes ``index.md`` plus one page per portrait, each with YAML front matter."""

    name: ClassVar[str] = "markdown-folder"
    suffix: ClassVar[str] = ""
    media_type: ClassVar[str] = "text/markdown"
    output: ClassVar[Literal["file", "directory"]] = "directory"
    description: ClassVar[str] = "index.md and one Markdown page per portrait, with front matter"
    Options: ClassVar[type[MarkdownOptions]] = MarkdownOptions

    def export(
        self,
        anthology: Anthology,
        *,
        options: MarkdownOptions,
        target: Path,
        context: ExportContext,
    ) -> ExportResult:
        document = context.book_document(anthology)
        ids = {portrait.id for portrait in document.portraits}
        written: set[str] = set()

        def write(relative: str, text: str) -> None:
            path = target / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            written.add(relative)

        def portrait_link(portrait_id: str) -> str | None:
            return f"{portrait_id}.md" if portrait_id in ids else None

        writer = MarkdownWriter(portrait_target=portrait_link)
        index = [
            front_matter_block(anthology_metadata(anthology, document, writer)),
            f"# {escape(document.title)}",
        ]
        if document.subtitle:
            index.append(f"*{escape(document.subtitle)}*")
        details = details_markdown(document)
        if details:
            index.append(details)
        for section in document.front_matter:
            index.append(
                section_markdown(section, level=2, heading_ids=options.heading_ids, writer=writer)
            )
        contents = [
            f"- [{escape(portrait.title)}](<{portrait.id}.md>), {escape(portrait.subject)}"
            for portrait in document.portraits
        ]
        heading = f"## {escape(document.labels['contents'])}"
        index.append(heading + (" {#contents}" if options.heading_ids else ""))
        index.append("\n".join(contents))
        for section in document.back_matter:
            index.append(
                section_markdown(section, level=2, heading_ids=options.heading_ids, writer=writer)
            )

        def place_link(portrait_id: str, anchor: str | None) -> str | None:
            return f"{portrait_id}.md" + (f"#{anchor}" if anchor else "")

        sources = sources_markdown(
            document, level=2, heading_ids=options.heading_ids, writer=writer
        )
        if sources:
            index.append(sources)
        index += back_matter_markdown(
            document, level=2, heading_ids=options.heading_ids, writer=writer, link=place_link
        )
        write("index.md", "\n\n".join(block.strip("\n") for block in index) + "\n")

        for portrait in document.portraits:
            context.progress(f"portrait {portrait.number} of {len(document.portraits)}")
            image = portrait.photo
            if image is not None:
                relative = PurePosixPath(image.path).as_posix()
                source = context.resources.resolve(image.path, referrer=portrait.id)
                (target / relative).parent.mkdir(parents=True, exist_ok=True)
                # An SVG is copied as the one SVG cleaner leaves it (no script, no link out).
                data = ship_image(source.read_bytes(), name=image.path)
                (target / relative).write_bytes(data)
                written.add(relative)
            body = portrait_markdown(
                document,
                portrait,
                heading_ids=options.heading_ids,
                portrait_link=portrait_link,
                images=True,
                writer=writer,
            )
            back = back_to_contents(document, portrait)
            meta = front_matter_block(portrait_metadata(document, portrait))
            write(f"{portrait.id}.md", f"{meta}\n{body}\n{back}\n")
        return ExportResult(
            format_name=self.name,
            path=target,
            files=tuple(Path(relative) for relative in sorted(written)),
        )


@hookimpl
def interviewkit_register_exporters(registry: ExporterRegistry) -> None:
    """Register the ``markdown`` and ``markdown-folder`` formats."""
    registry.add(MarkdownExporter)
    registry.add(MarkdownFolderExporter)
