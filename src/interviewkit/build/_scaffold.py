"""``interviewkit new``: a new anthology folder with one sample portrait that builds."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from interviewkit._util.languages import primary_language
from interviewkit.errors import InvalidInputError, ModelError, OutputError
from interviewkit.model._validators import language_tag, slugify

__all__ = ["scaffold"]


def scaffold(directory: Path, *, language: str = "en", title: str | None = None) -> list[Path]:
    """Write the sample files into ``directory`` (which must not exist or be empty)."""
    _check_language(language)
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        error = OutputError(
            directory, "exists and is not an empty folder; 'new' never overwrites files"
        )
        error.hint = "give 'new' the name of a folder that does not exist yet"
        raise error
    flavour = "fr" if primary_language(language) == "fr" else "en"
    book_title = (
        title or directory.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize()
    )
    values = {
        "title": book_title.replace('"', '\\"') or "My anthology",
        "language": language,
        "slug": slugify(book_title) or "anthology",
    }
    templates = resources.files("interviewkit").joinpath(f"build/scaffold/{flavour}")
    written = []
    for relative in ("anthology.toml", "front/introduction.md", "portraits/first-portrait.md"):
        text = templates.joinpath(relative).read_text(encoding="utf-8")
        for key, value in values.items():
            text = text.replace("{{" + key + "}}", value)
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    (directory / "images").mkdir(exist_ok=True)
    return written


def _check_language(language: str) -> None:
    class _Probe:
        pass

    class _Attribute:
        name = "language"

    try:
        language_tag(_Probe(), _Attribute(), language)  # type: ignore[arg-type]
    except ModelError as exc:
        raise InvalidInputError(None, [f"--language: {exc.problem}"], hint=exc.hint) from exc
