"""A tour of interviewkit's Python API on the French example anthology.

Run it from anywhere (paths are relative to this file, not to the current folder)::

    .venv/bin/python examples/api_demo.py            # writes into a temporary folder
    .venv/bin/python examples/api_demo.py out/demo   # writes into out/demo/

It loads ``derriere-les-comptes/``, prints a summary, adds a portrait built in code, checks the
canonical JSON round trip, and builds the ``json`` format.  It uses only ``import interviewkit``
and ``attrs.evolve``: everything in ``interviewkit.__all__`` is public, nothing else is needed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import attrs

import interviewkit

EXAMPLE = Path(__file__).resolve().parent / "derriere-les-comptes"


def summarize(anthology: interviewkit.Anthology) -> None:
    """Print the book's title and, for each portrait, its subject and number of exchanges."""
    print(f"{anthology.title} ({anthology.language}), {len(anthology.portraits)} portraits")
    for portrait in anthology.portraits:
        exchanges = len(portrait.interview.exchanges)
        parts = len(portrait.interview.parts)
        print(f"  {portrait.id:<24} {exchanges:>3} exchanges, {parts} part(s)")


def new_portrait() -> interviewkit.Portrait:
    """Build a portrait in code; the models validate every value on construction."""
    return interviewkit.Portrait(
        id="nadia-belisle",
        title="Portrait de gestionnaire de communauté : Nadia Bélisle",
        language="fr-CA",
        subject=interviewkit.Person(name="Nadia Bélisle", role="gestionnaire de communauté"),
        lede=interviewkit.RichText("Un portrait ajouté par le script de démonstration."),
        interview=interviewkit.Interview(
            exchanges=(
                interviewkit.Exchange(
                    question=interviewkit.RichText("Comment as-tu commencé?"),
                    answers=(
                        interviewkit.Answer(
                            text=interviewkit.RichText("Par *hasard*, comme tout le monde.")
                        ),
                    ),
                ),
                interviewkit.Exchange(
                    question=interviewkit.RichText("Ton compte préféré?"),
                    answers=(
                        interviewkit.Answer(
                            text=interviewkit.RichText("Celui de la bibliothèque du quartier.")
                        ),
                    ),
                ),
            ),
        ),
    )


def main(argv: list[str]) -> int:
    anthology = interviewkit.load(EXAMPLE)
    summarize(anthology)

    # Models are frozen: attrs.evolve returns a new, validated anthology.
    bigger = attrs.evolve(anthology, portraits=(*anthology.portraits, new_portrait()))
    print(
        f"after evolve: {len(bigger.portraits)} portraits (the original still has "
        f"{len(anthology.portraits)})"
    )

    # A bad value is refused with a message that names the class, the field and a fix.
    try:
        attrs.evolve(anthology.portraits[0], id="Pas un identifiant")
    except interviewkit.ModelError as error:
        print(f"refused: {error} (hint: {error.hint})")

    # Canonical JSON: loads(dumps(x)) == x, and dumps is byte-stable.
    text = interviewkit.dumps(bigger)
    again = interviewkit.loads(text)
    assert again == bigger
    assert interviewkit.dumps(again) == text
    print(f"round trip ok: {len(text.encode('utf-8')):,} bytes of canonical JSON")

    def progress(format_name: str, message: str) -> None:
        print(f"  [{format_name}] {message}")

    # To build changed content, keep the Source (it knows the folder images are read from) and
    # swap its anthology; building a bare Anthology would look for images in the current folder.
    source = attrs.evolve(interviewkit.open_source(EXAMPLE), anthology=bigger)
    with tempfile.TemporaryDirectory() as scratch:
        out_dir = Path(argv[0]) if argv else Path(scratch)
        report = interviewkit.build(source, ["json"], out_dir, progress=progress)
        for problem in report.problems:
            print(f"  {problem}")
        for result in report.results:
            print(f"built {result.format_name}: {result.path.name}")
            # The archive reads back into an equal anthology.  (interviewkit.load() would also
            # look for the images beside the file, and they stay in the example folder.)
            assert interviewkit.loads(result.path.read_bytes(), file=result.path) == bigger
    return 0 if report.ok else 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
