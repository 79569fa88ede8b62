"""Older documents are migrated step by step; newer or unknown ones are refused clearly."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import interviewkit
from interviewkit import InvalidInputError, SchemaVersionError
from interviewkit.checks import builtin_problems
from interviewkit.serialization.migrations import MIGRATIONS, migrate
from interviewkit.testing import sample_anthology


def current_document() -> dict[str, Any]:
    """A valid document of the current version."""
    return copy.deepcopy(interviewkit.unstructure(sample_anthology()))


def version_0_document() -> dict[str, Any]:
    """The sample anthology as a toy version "0" wrote it: ``name`` instead of ``title``."""
    data = current_document()
    body = data["anthology"]
    body["name"] = body.pop("title")
    return {"anthology": body, "interviewkit": "0"}


def rename_name_to_title(anthology: dict[str, Any]) -> dict[str, Any]:
    """The toy migration 0 -> 1."""
    migrated = dict(anthology)
    migrated["title"] = migrated.pop("name")
    return migrated


class TestMigrate:
    """The ``migrate`` function chains the table's steps."""

    def test_same_version_is_returned_unchanged(self) -> None:
        """Migrating to the version a document already has changes nothing."""
        body = {"title": "x"}
        assert migrate(body, "1", "1") is body

    def test_chain_of_steps(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Steps run in order from the document's version to the target."""
        monkeypatch.setitem(MIGRATIONS, "a", ("b", lambda d: [*d, "a->b"]))
        monkeypatch.setitem(MIGRATIONS, "b", ("c", lambda d: [*d, "b->c"]))
        assert migrate([], "a", "c") == ["a->b", "b->c"]

    def test_no_path_returns_none(self) -> None:
        """A version with no step towards the target gives None."""
        assert migrate({}, "9", "1") is None

    def test_cycle_returns_none_instead_of_looping(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A cycle in the table is detected and gives None rather than looping forever."""
        calls: list[str] = []

        def step(name: str) -> Any:
            def run(data: Any) -> Any:
                calls.append(name)
                return data

            return run

        monkeypatch.setitem(MIGRATIONS, "a", ("b", step("a->b")))
        monkeypatch.setitem(MIGRATIONS, "b", ("a", step("b->a")))
        assert migrate({}, "a", "1") is None
        assert len(calls) <= 2

    def test_self_loop_returns_none(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A step that migrates a version to itself is a cycle too."""
        monkeypatch.setitem(MIGRATIONS, "a", ("a", lambda data: data))
        assert migrate({}, "a", "1") is None


class TestLoadingOlderVersions:
    """Documents of an older version load through the migrations."""

    def test_version_0_document_is_migrated_and_loads(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With a 0 -> 3 migration registered, a version-0 document loads as the anthology."""
        monkeypatch.setitem(MIGRATIONS, "0", ("3", rename_name_to_title))
        old = version_0_document()
        assert interviewkit.structure(old) == sample_anthology()
        assert interviewkit.loads(json.dumps(old)) == sample_anthology()

    def test_migrated_document_is_written_in_the_current_version(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Loading an old document and dumping it gives the current canonical form."""
        monkeypatch.setitem(MIGRATIONS, "0", ("3", rename_name_to_title))
        text = interviewkit.dumps(interviewkit.structure(version_0_document()))
        assert text == interviewkit.dumps(sample_anthology())
        assert json.loads(text)["interviewkit"] == "3"

    def test_migrated_document_is_still_validated(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A migration that produces an invalid body gives InvalidInputError with paths."""
        monkeypatch.setitem(MIGRATIONS, "0", ("3", lambda anthology: anthology))
        with pytest.raises(InvalidInputError) as excinfo:
            interviewkit.structure(version_0_document())
        assert "title: required field missing" in excinfo.value.errors
        assert any(e.startswith("name: unknown field") for e in excinfo.value.errors)

    def test_version_0_without_migration_is_refused(self) -> None:
        """Without a registered migration, version 0 is an unsupported version."""
        with pytest.raises(SchemaVersionError) as excinfo:
            interviewkit.structure(version_0_document())
        assert excinfo.value.found == "0"


class TestRefusedVersions:
    """Versions interviewkit cannot read are refused with a message saying what to do."""

    def test_newer_version_says_upgrade(self) -> None:
        """A version-4 document raises SchemaVersionError telling the user to upgrade."""
        data = current_document()
        data["interviewkit"] = "4"
        with pytest.raises(SchemaVersionError) as excinfo:
            interviewkit.loads(json.dumps(data), file="futur.json")
        error = excinfo.value
        assert isinstance(error, InvalidInputError)
        assert (error.found, error.supported) == ("4", "3")
        assert str(error) == (
            "futur.json: schema version '4' is not supported (this interviewkit reads 3)"
        )
        assert "upgrade" in error.hint

    def test_cycle_in_the_table_is_a_version_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A document whose version leads into a cycle is refused, not looped on."""
        monkeypatch.setitem(MIGRATIONS, "a", ("b", lambda data: data))
        monkeypatch.setitem(MIGRATIONS, "b", ("a", lambda data: data))
        data = current_document()
        data["interviewkit"] = "a"
        with pytest.raises(SchemaVersionError):
            interviewkit.structure(data)

    @pytest.mark.parametrize("version", [1, 0, 2.0, None, True, ["1"], {"v": "1"}])
    def test_non_string_version_is_refused(self, version: object) -> None:
        """A version that is not text is refused as malformed, not looked up in the table."""
        data = current_document()
        data["interviewkit"] = version
        with pytest.raises(InvalidInputError) as excinfo:
            interviewkit.structure(data)
        assert not isinstance(excinfo.value, SchemaVersionError)
        assert excinfo.value.errors == (
            f"interviewkit: expected the schema version as text, got {version!r}",
        )

    def test_table_has_no_entry_for_the_current_version(self) -> None:
        """The current version is final: no migration starts from it."""
        assert interviewkit.SCHEMA_VERSION not in MIGRATIONS


class TestVersionOneArchives:
    """Canonical JSON written by interviewkit 0.1 (schema "1") of the examples as they were
    before attribution changed (``tests/golden/json-v1``, written by the 0.1 code) loads into
    the current schema with every voice, interviewer and source kept, and nothing invented."""

    GOLDEN = Path(__file__).parent / "golden" / "json-v1"

    def load(self, name: str) -> interviewkit.Anthology:
        return interviewkit.loads((self.GOLDEN / f"{name}-v1.json").read_bytes())

    def test_they_are_version_one(self) -> None:
        """The archives really are the old format (a guard against regenerating them)."""
        for path in self.GOLDEN.glob("*.json"):
            data = json.loads(path.read_bytes())
            assert data["interviewkit"] == "1"
            portrait = data["anthology"]["portraits"][0]
            assert "answer" in portrait["interview"]["exchanges"][0]

    def test_named_voices_become_declared_speakers(self) -> None:
        """``asker``/``speaker`` names become speakers with slug ids; answers keep their text."""
        portrait = self.load("makers-at-work").portrait("marguerite-obi")
        assert [(s.id, s.name) for s in portrait.speakers] == [
            ("theo", "Theo"),
            ("marguerite", "Marguerite"),
            ("dev", "Dev"),
        ]
        first = portrait.interview.exchanges[0]
        assert first.asker == "theo"
        assert [answer.speaker for answer in first.answers] == ["marguerite"]
        assert str(first.answers[0].text).startswith("I bought the first one")

    def test_stated_interviewers_stay_and_none_is_invented(self) -> None:
        """A stated interviewer is kept; a portrait without one inherits nothing from the
        editors, and ``check`` explains the change."""
        makers = self.load("makers-at-work")
        assert [p.name for p in makers.interviewers_of(makers.portrait("corentin-ashby"))] == [
            "Imogen Farrow"
        ]
        book = self.load("derriere-les-comptes")
        assert all(book.interviewers_of(portrait) == () for portrait in book.portraits)
        warnings = [p for p in builtin_problems(book) if p.where == "default_interviewers"]
        assert len(warnings) == 1
        assert "Annie-Claude Letendre" in warnings[0].message

    def test_source_becomes_the_first_publication(self) -> None:
        """``source`` is now where the portrait was first published."""
        portrait = self.load("derriere-les-comptes").portraits[0]
        assert portrait.credits.first_published is not None
        assert portrait.credits.first_published.url == (
            "https://blogue.example.org/2012/03/portrait-rosalie-gendron-paquin"
        )

    def test_they_round_trip_as_the_current_version(self) -> None:
        """Once loaded, they are written as version 3 and read back unchanged."""
        for name in ("makers-at-work", "derriere-les-comptes"):
            anthology = self.load(name)
            text = interviewkit.dumps(anthology)
            assert json.loads(text)["interviewkit"] == "3"
            assert interviewkit.loads(text) == anthology


def version_2_document() -> dict[str, Any]:
    """The sample anthology as interviewkit 0.2 wrote it: no keys, no back-matter settings."""
    data = current_document()
    body = data["anthology"]
    for name in ("index", "concordance", "reading_list"):
        del body[name]
    for portrait in body["portraits"]:
        for exchange in portrait["interview"]["exchanges"]:
            del exchange["key"]
    return {"anthology": body, "interviewkit": "2"}


class TestVersionTwoDocuments:
    """Canonical JSON of schema "2" (interviewkit 0.2) loads into schema 3 at the defaults."""

    def test_it_loads_with_no_key_and_default_settings(self) -> None:
        """The new fields start at their defaults: no question has a key, every back-matter
        part is on with its translated title and the default thresholds."""
        old = version_2_document()
        anthology = interviewkit.loads(json.dumps(old))
        assert anthology == sample_anthology()
        assert anthology.index == interviewkit.IndexSettings(enabled=True, title=None)
        assert anthology.concordance == interviewkit.ConcordanceSettings(
            enabled=True, title=None, min_portraits=2, similarity=90, answers=False
        )
        assert anthology.reading_list == interviewkit.ReadingListSettings(
            enabled=True, title=None, min_portraits=1
        )
        exchanges = [e for p in anthology.portraits for e in p.interview.exchanges]
        assert exchanges
        assert all(exchange.key is None for exchange in exchanges)

    def test_it_is_written_back_as_version_three(self) -> None:
        """Dumped again, the document has the new fields, written out, in version 3."""
        text = interviewkit.dumps(interviewkit.structure(version_2_document()))
        data = json.loads(text)
        assert data["interviewkit"] == "3"
        assert data["anthology"]["concordance"] == {
            "answers": False,
            "enabled": True,
            "min_portraits": 2,
            "similarity": 90,
            "title": None,
        }
        assert data["anthology"]["index"] == {"enabled": True, "title": None}
        assert data["anthology"]["reading_list"] == {
            "enabled": True,
            "min_portraits": 1,
            "title": None,
        }
        first = data["anthology"]["portraits"][0]["interview"]["exchanges"][0]
        assert first["key"] is None

    def test_unknown_fields_are_still_refused(self) -> None:
        """The migration adds what version 2 lacked; a field version 3 does not know stays an
        error with its path."""
        old = version_2_document()
        old["anthology"]["portraits"][0]["interview"]["exchanges"][0]["keys"] = "x"
        with pytest.raises(InvalidInputError) as excinfo:
            interviewkit.structure(old)
        assert any(
            error.startswith("portraits[0].interview.exchanges[0].keys: unknown field")
            for error in excinfo.value.errors
        ), excinfo.value.errors

    def test_version_one_goes_through_both_steps(self) -> None:
        """A version 1 archive is migrated to 2, then to 3."""
        path = Path(__file__).parent / "golden" / "json-v1" / "makers-at-work-v1.json"
        anthology = interviewkit.loads(path.read_bytes())
        assert anthology.concordance == interviewkit.ConcordanceSettings()
        assert all(e.key is None for p in anthology.portraits for e in p.interview.exchanges)

    def test_migration_leaves_malformed_data_to_the_structuring(self) -> None:
        """What is not a version 2 object passes through, to be reported with its path."""
        from interviewkit.serialization.migrations import two_to_three

        assert two_to_three([1]) == [1]
        assert two_to_three({"portraits": ["x"]})["portraits"] == ["x"]
        odd = {"portraits": [{"interview": {"exchanges": [3]}}]}
        assert two_to_three(odd)["portraits"] == [{"interview": {"exchanges": [3]}}]
