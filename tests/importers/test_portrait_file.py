"""The portrait-file importer: one portrait ``.md`` file read as a one-portrait anthology."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import interviewkit
from interviewkit.build.loading import open_source
from interviewkit.errors import InvalidInputError

PORTRAIT = """\
---
title: "Portrait : Alice Tremblay"
language: fr-CA
subject:
  name: Alice Tremblay
---

Cette semaine, je vous présente Alice Tremblay.

## En quoi as-tu étudié?

En communication.
"""


class TestPortraitFile:
    """A single portrait file loads on its own."""

    def test_loads_as_a_one_portrait_anthology(self, tmp_path: Path):
        """The anthology takes the portrait's title and language and holds only that portrait."""
        path = tmp_path / "alice-tremblay.md"
        path.write_text(PORTRAIT, encoding="utf-8")
        anthology = interviewkit.load(path)
        assert anthology.title == "Portrait : Alice Tremblay"
        assert anthology.language == "fr-CA"
        (portrait,) = anthology.portraits
        assert portrait.id == "alice-tremblay"
        assert str(portrait.interview.exchanges[0].question) == "En quoi as-tu étudié?"

    def test_language_is_required(self, tmp_path: Path):
        """Without `language` in its front matter, the file is refused with a clear hint."""
        path = tmp_path / "alice-tremblay.md"
        path.write_text(PORTRAIT.replace("language: fr-CA\n", ""), encoding="utf-8")
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(path)
        assert "alice-tremblay.md" in str(caught.value)
        assert "needs 'language'" in str(caught.value)
        assert "language: fr-CA" in caught.value.hint

    def test_example_portrait_without_language_is_refused(self, fr_example: Path):
        """An example portrait that relies on the anthology's language cannot load alone."""
        with pytest.raises(InvalidInputError, match="needs 'language'"):
            interviewkit.load(fr_example / "portraits" / "samuel-fortier-dion.md")


class TestImagesOfAPortraitFile:
    """Where the image paths of a lone portrait file are resolved."""

    def test_in_an_anthology_images_resolve_against_the_anthology_root(self, anthology_copy: Path):
        """A file in `<anthology>/portraits/` finds `images/...` in the anthology folder."""
        source = open_source(anthology_copy / "portraits" / "leila-haddad-morin.md")
        assert source.root == anthology_copy
        (portrait,) = source.anthology.portraits
        assert portrait.subject.photo is not None
        assert (source.root / portrait.subject.photo.path).is_file()
        assert source.anthology.language == "en-CA"

    def test_outside_an_anthology_images_resolve_beside_the_file(self, anthology_copy: Path):
        """A portrait file outside an anthology looks for its images beside it."""
        lone = anthology_copy.parent / "lone"
        (lone / "images").mkdir(parents=True)
        shutil.copy(anthology_copy / "portraits" / "leila-haddad-morin.md", lone)
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.load(lone / "leila-haddad-morin.md")
        assert "subject.photo.path" in str(caught.value)
        assert "does not exist" in str(caught.value)
        shutil.copy(anthology_copy / "images" / "leila-haddad-morin.png", lone / "images")
        assert open_source(lone / "leila-haddad-morin.md").root == lone

    def test_a_portraits_folder_without_manifest_is_not_an_anthology(self, tmp_path: Path):
        """A `portraits/` folder whose parent has no anthology.toml resolves beside the file."""
        path = tmp_path / "portraits" / "alice-tremblay.md"
        path.parent.mkdir()
        path.write_text(PORTRAIT, encoding="utf-8")
        assert open_source(path).root == path.parent
