"""Nothing is read from outside the anthology folder, and nothing but regular files is read.

Each test builds a hostile folder in ``tmp_path``: links that lead out of it (for a file or an
intermediate folder), named pipes and folders where files are expected, and a ``portraits``
list that walks up the tree.  Symbolic links and named pipes need a POSIX system.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

import interviewkit
from interviewkit._util.fs import ResourceResolver
from interviewkit.cli import main
from interviewkit.errors import InterviewkitError, InvalidInputError, MissingResourceError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="symlinks and FIFOs are POSIX")

SECRET = "Texte confidentiel hors du dossier"

MANIFEST = """\
title = "Recueil de test"
language = "fr-CA"
"""

PORTRAIT = """\
---
title: "Portrait : Odile Marchand"
subject:
  name: Odile Marchand
---

Odile Marchand répare des horloges.

## Depuis quand?

Depuis toujours.
"""

OUTSIDE_PORTRAIT = f"""\
---
title: "{SECRET}"
subject:
  name: Personne Inconnue
---

{SECRET}.

## Question?

{SECRET}.
"""

# A 1x1 PNG, enough for a cover that exists.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def make_anthology(tmp_path: Path, manifest: str = MANIFEST) -> Path:
    """A tiny valid anthology in ``tmp_path/book``, and a secret folder beside it."""
    root = tmp_path / "book"
    (root / "portraits").mkdir(parents=True)
    (root / "images").mkdir()
    (root / "anthology.toml").write_text(manifest, encoding="utf-8")
    (root / "portraits" / "odile-marchand.md").write_text(PORTRAIT, encoding="utf-8")
    outside = tmp_path / "secret"
    outside.mkdir()
    (outside / "x.md").write_text(OUTSIDE_PORTRAIT, encoding="utf-8")
    (outside / "photo.png").write_bytes(PNG)
    (outside / "preface.md").write_text(SECRET, encoding="utf-8")
    return root


def refusal(root: Path) -> str:
    """The message of the error that loading ``root`` raises."""
    with pytest.raises(InterviewkitError) as caught:
        interviewkit.load(root)
    return str(caught.value)


def test_symlinked_portrait_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    """A portrait file that is a link to a file outside the folder is refused, naming it."""
    root = make_anthology(tmp_path)
    (root / "portraits" / "intrus.md").symlink_to(tmp_path / "secret" / "x.md")
    message = refusal(root)
    assert "portraits/intrus.md" in message
    assert "is a link to a file outside the anthology folder" in message


def test_symlinked_portrait_is_not_published(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`build` exits 2 on a symlinked portrait, and the outside text is in no output."""
    root = make_anthology(tmp_path)
    (root / "portraits" / "intrus.md").symlink_to(tmp_path / "secret" / "x.md")
    out = tmp_path / "out"
    assert main(["build", str(root), "-f", "json", "-o", str(out), "-q"]) == 2
    assert "outside the anthology folder" in capsys.readouterr().err
    assert not any(SECRET in p.read_text("utf-8") for p in out.rglob("*") if p.is_file())


def test_portraits_folder_linked_out_is_refused(tmp_path: Path) -> None:
    """A `portraits` folder that is a link to a folder outside is refused before any read."""
    root = make_anthology(tmp_path)
    for path in (root / "portraits").iterdir():
        path.unlink()
    (root / "portraits").rmdir()
    (root / "portraits").symlink_to(tmp_path / "secret", target_is_directory=True)
    message = refusal(root)
    assert "portraits: is a link to a folder outside the anthology folder" in message
    assert SECRET not in message


@pytest.mark.parametrize("ref", ["../../secret/x", "../secret/x", "sub/x", "x.md", "."])
def test_portraits_list_entries_are_ids_not_paths(tmp_path: Path, ref: str) -> None:
    """`portraits = ["../../x"]` is refused at once, with the rule for ids in the hint."""
    root = make_anthology(tmp_path, MANIFEST + f'portraits = ["odile-marchand", "{ref}"]\n')
    (root / "portraits" / "sub").mkdir()
    (root / "portraits" / "sub" / "x.md").write_text(OUTSIDE_PORTRAIT, encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        interviewkit.load(root)
    assert f"portraits[1]: {ref!r} is not a portrait id" in str(caught.value)
    assert "anthology.toml" in str(caught.value)
    assert "without '.md'" in caught.value.hint
    assert SECRET not in str(caught.value)


def test_manifest_linked_out_is_refused(tmp_path: Path) -> None:
    """An `anthology.toml` that is a link to a file outside the folder is not read."""
    root = make_anthology(tmp_path)
    (tmp_path / "secret" / "anthology.toml").write_text(f'title = "{SECRET}"\nlanguage = "fr"\n')
    (root / "anthology.toml").unlink()
    (root / "anthology.toml").symlink_to(tmp_path / "secret" / "anthology.toml")
    message = refusal(root)
    assert "anthology.toml" in message
    assert "is a link to a file outside the anthology folder" in message


def test_front_matter_file_linked_out_is_refused(tmp_path: Path) -> None:
    """A front-matter `file` that is a link out of the folder is refused with its place."""
    manifest = MANIFEST + '[[front_matter]]\ntitle = "Préface"\nfile = "front/preface.md"\n'
    root = make_anthology(tmp_path, manifest)
    (root / "front").mkdir()
    (root / "front" / "preface.md").symlink_to(tmp_path / "secret" / "preface.md")
    message = refusal(root)
    assert "front_matter[0].file" in message
    assert "is a link to a file outside the anthology folder" in message


def test_image_through_a_linked_folder_is_refused(tmp_path: Path) -> None:
    """An image under an intermediate folder that links out is refused, naming that folder."""
    manifest = MANIFEST + '[cover]\npath = "images/dehors/photo.png"\nalt = "Couverture"\n'
    root = make_anthology(tmp_path, manifest)
    (root / "images" / "dehors").symlink_to(tmp_path / "secret", target_is_directory=True)
    message = refusal(root)
    assert "'images/dehors/photo.png'" in message
    assert "goes through 'images/dehors', a link to a folder outside" in message


def test_fifo_image_is_refused_without_blocking(tmp_path: Path) -> None:
    """A named pipe called photo.png is refused as such; it is never opened."""
    manifest = MANIFEST + '[cover]\npath = "images/photo.png"\nalt = "Couverture"\n'
    root = make_anthology(tmp_path, manifest)
    os.mkfifo(root / "images" / "photo.png")
    message = refusal(root)
    assert "'images/photo.png'" in message
    assert "is a named pipe, not a file" in message


def test_fifo_portrait_is_refused_by_name(tmp_path: Path) -> None:
    """A named pipe in portraits/ is an error naming it (not a silently skipped portrait)."""
    root = make_anthology(tmp_path)
    os.mkfifo(root / "portraits" / "tuyau.md")
    message = refusal(root)
    assert "portraits/tuyau.md" in message
    assert "is a named pipe, not a file" in message


def test_folder_named_like_a_portrait_is_refused(tmp_path: Path) -> None:
    """A folder called x.md in portraits/ is an error that says it is a folder."""
    root = make_anthology(tmp_path)
    (root / "portraits" / "dossier.md").mkdir()
    message = refusal(root)
    assert "portraits/dossier.md" in message
    assert "is a folder, not a file" in message


def test_single_portrait_file_images_stay_in_its_folder(tmp_path: Path) -> None:
    """`build p.md`: the portrait's photo is resolved in its folder; a pipe there is refused."""
    folder = tmp_path / "seul"
    (folder / "images").mkdir(parents=True)
    os.mkfifo(folder / "images" / "odile.png")
    text = PORTRAIT.replace(
        "  name: Odile Marchand\n",
        "  name: Odile Marchand\n  photo: {path: images/odile.png, alt: Odile}\nlanguage: fr\n",
    )
    (folder / "p.md").write_text(text, encoding="utf-8")
    message = refusal(folder / "p.md")
    assert "subject.photo.path" in message
    assert "is a named pipe, not a file" in message


def test_resolver_names_the_folder_when_no_file_refers(tmp_path: Path) -> None:
    """A refusal without a referring file names the anthology folder, never `<input>`."""
    root = make_anthology(tmp_path)
    os.mkfifo(root / "images" / "tuyau.png")
    with pytest.raises(MissingResourceError) as caught:
        ResourceResolver(root).resolve("images/tuyau.png")
    assert str(caught.value) == "book/: 'images/tuyau.png' is a named pipe, not a file"
