"""Canonical JSON: exact round trips, one canonical form, and precise errors for bad documents."""

from __future__ import annotations

import copy
import datetime as dt
import json
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests import strategies

import interviewkit
from interviewkit import (
    Answer,
    Anthology,
    Exchange,
    Interview,
    InvalidInputError,
    Person,
    Portrait,
    RichText,
    SchemaVersionError,
)
from interviewkit.plugins import Plugins

# ----------------------------------------------------------------------------- helpers


def small_anthology(portraits: int = 4, exchanges: int = 13) -> Anthology:
    """A deterministic anthology with ``portraits`` portraits of ``exchanges`` exchanges each."""
    return Anthology(
        title="Derrière les écrans",
        language="fr-CA",
        portraits=tuple(
            Portrait(
                id=f"portrait-{number}",
                title=f"Portrait n° {number}",
                subject=Person(name=f"Personne {number}"),
                interview=Interview(
                    exchanges=tuple(
                        Exchange(
                            question=RichText(f"Question {index}?"),
                            answers=(Answer(text=RichText(f"Réponse {index}.")),),
                        )
                        for index in range(exchanges)
                    )
                ),
            )
            for number in range(portraits)
        ),
    )


def document(anthology: Anthology | None = None) -> dict[str, Any]:
    """The plain data of a valid canonical document (a fresh copy each call)."""
    return copy.deepcopy(interviewkit.unstructure(anthology or small_anthology()))


def refusal(data: object) -> InvalidInputError:
    """The error raised when structuring ``data``; fails the test if it is accepted."""
    with pytest.raises(InvalidInputError) as excinfo:
        interviewkit.structure(data)
    return excinfo.value


@attrs.frozen
class Slot:
    """A field of one object inside a document: where it is and what type the model expects."""

    path: str
    obj: dict[str, Any]
    name: str
    type: Any
    required: bool

    @property
    def where(self) -> str:
        """The error path of this field (``portraits[0].subject.name``)."""
        return f"{self.path}.{self.name}" if self.path else self.name


def _optional_inner(type_: Any) -> Any:
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        return next(arg for arg in typing.get_args(type_) if arg is not type(None))
    return type_


def slots(data: dict[str, Any], cls: type[Any] = Anthology, path: str = "") -> Iterator[Slot]:
    """Every field of every object in ``data`` (the unstructured body of a ``cls``)."""
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        type_ = hints[field.name]
        yield Slot(path, data, field.name, type_, field.default is attrs.NOTHING)
        value = data[field.name]
        where = f"{path}.{field.name}" if path else field.name
        inner = _optional_inner(type_)
        if value is None:
            continue
        if attrs.has(inner):
            yield from slots(value, inner, where)
        elif typing.get_origin(inner) is tuple and attrs.has(typing.get_args(inner)[0]):
            for index, item in enumerate(value):
                yield from slots(item, typing.get_args(inner)[0], f"{where}[{index}]")


def wrong_values(type_: Any) -> list[object]:
    """JSON values of the wrong type for a field of ``type_`` (``null`` is right if optional)."""
    inner = _optional_inner(type_)
    if inner in (str, RichText):
        return [1, 2.5, True, [], {}, ["texte"]]
    if inner is bool:
        return ["true", 1, 0, [], {}]
    if inner is int:
        return ["1", 1.5, True, [], {}]
    if inner is dt.date:
        return [20120308, True, [], {}, "pas une date", "2012-13-45"]
    if typing.get_origin(inner) is tuple:
        return ["texte", 3, {}, True]
    assert attrs.has(inner), inner
    return ["texte", 3, [], True, 0.5]


def json_values() -> st.SearchStrategy[object]:
    """Arbitrary JSON values; object keys stay short so no generated object is a valid model."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=8),
    )
    return st.recursive(
        scalars,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(st.text(max_size=5), children, max_size=3),
        ),
        max_leaves=12,
    )


# ----------------------------------------------------------------------------- round trips


class TestRoundTrips:
    """Every valid anthology survives the canonical form unchanged."""

    @given(strategies.anthologies())
    def test_structure_inverts_unstructure(self, anthology: Anthology) -> None:
        """``structure(unstructure(x)) == x``."""
        assert interviewkit.structure(interviewkit.unstructure(anthology)) == anthology

    @given(strategies.anthologies())
    def test_loads_inverts_dumps(self, anthology: Anthology) -> None:
        """``loads(dumps(x)) == x``, and the bytes form says the same."""
        text = interviewkit.dumps(anthology)
        assert interviewkit.loads(text) == anthology
        assert interviewkit.dump_bytes(anthology) == text.encode("utf-8")
        assert interviewkit.loads(text.encode("utf-8")) == anthology

    @given(strategies.anthologies())
    def test_canonical_text_is_a_fixed_point(self, anthology: Anthology) -> None:
        """``dumps(loads(s)) == s`` for canonical text ``s``."""
        text = interviewkit.dumps(anthology)
        assert interviewkit.dumps(interviewkit.loads(text)) == text

    @given(strategies.anthologies())
    def test_canonical_form_is_unique(self, anthology: Anthology) -> None:
        """Reformatted or reordered JSON of the same anthology dumps to the same canonical text."""
        text = interviewkit.dumps(anthology)
        data = json.loads(text)
        messy = json.dumps(
            {"interviewkit": interviewkit.SCHEMA_VERSION, "anthology": data["anthology"]}, indent=7
        )
        assert interviewkit.dumps(interviewkit.loads(messy)) == text

    @given(strategies.anthologies())
    def test_rich_text_comes_back_as_rich_text(self, anthology: Anthology) -> None:
        """Structured fields have their model types again (RichText, dates, tuples)."""
        loaded = interviewkit.loads(interviewkit.dumps(anthology))
        for portrait in loaded.portraits:
            assert type(portrait.lede) is RichText
            assert type(portrait.interview.exchanges) is tuple
            assert all(type(e.question) is RichText for e in portrait.interview.exchanges)
            assert portrait.date is None or type(portrait.date) is dt.date

    def test_key_and_back_matter_settings_round_trip(self) -> None:
        """A question's key and non-default ``[index]``, ``[concordance]`` and
        ``[reading_list]`` are written out and read back (schema 3)."""
        anthology = small_anthology(2, 2)
        first = anthology.portraits[0]
        keyed = attrs.evolve(first.interview.exchanges[0], key="presentation")
        first = attrs.evolve(
            first,
            interview=attrs.evolve(
                first.interview, exchanges=(keyed, *first.interview.exchanges[1:])
            ),
        )
        anthology = attrs.evolve(
            anthology,
            portraits=(first, *anthology.portraits[1:]),
            index=interviewkit.IndexSettings(enabled=False),
            concordance=interviewkit.ConcordanceSettings(
                title="Mêmes questions", min_portraits=3, similarity=100, answers=True
            ),
            reading_list=interviewkit.ReadingListSettings(title="À lire", min_portraits=2),
        )
        text = interviewkit.dumps(anthology)
        data = json.loads(text)
        assert data["interviewkit"] == "3"
        body = data["anthology"]
        assert body["portraits"][0]["interview"]["exchanges"][0]["key"] == "presentation"
        assert body["portraits"][0]["interview"]["exchanges"][1]["key"] is None
        assert body["index"] == {"enabled": False, "title": None}
        assert body["concordance"] == {
            "answers": True,
            "enabled": True,
            "min_portraits": 3,
            "similarity": 100,
            "title": "Mêmes questions",
        }
        assert body["reading_list"] == {"enabled": True, "min_portraits": 2, "title": "À lire"}
        loaded = interviewkit.loads(text)
        assert loaded == anthology
        assert loaded.portraits[0].interview.exchanges[0].key == "presentation"
        assert interviewkit.dumps(loaded) == text

    def test_all_fields_are_written(self) -> None:
        """Unset fields are written as null or [], so the form has one shape."""
        data = interviewkit.unstructure(Anthology(title="Recueil", language="fr"))
        body = data["anthology"]
        assert set(body) == {field.name for field in attrs.fields(Anthology)}
        assert body["subtitle"] is None
        assert body["portraits"] == []


class TestCanonicalForm:
    """The exact bytes: sorted keys, 2-space indent, final newline, UTF-8, envelope."""

    def test_envelope_holds_anthology_and_version(self) -> None:
        """The document is ``{"anthology": ..., "interviewkit": "3"}`` and nothing else."""
        data = json.loads(interviewkit.dumps(small_anthology(1, 1)))
        assert list(data) == ["anthology", "interviewkit"]
        assert data["interviewkit"] == "3" == interviewkit.SCHEMA_VERSION

    def test_text_layout(self) -> None:
        """Keys are sorted at every level, indented by two spaces, with one final newline."""
        text = interviewkit.dumps(small_anthology(1, 1))
        data = json.loads(text)
        assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        assert text.startswith('{\n  "anthology": {\n    "back_matter": []')
        assert text.endswith('\n  "interviewkit": "3"\n}\n')
        assert not text.endswith("\n\n")

    def test_non_ascii_is_written_as_utf8(self) -> None:
        """Accents, quotes and emoji are written as themselves, not as \\u escapes."""
        title = "« Derrière » l\u2019écran 🎙️"
        text = interviewkit.dumps(Anthology(title=title, language="fr-CA"))
        assert f'"title": "{title}"' in text
        assert "\\u" not in text
        assert interviewkit.dump_bytes(Anthology(title=title, language="fr-CA")).decode() == text

    def test_dates_are_iso(self) -> None:
        """Dates are written YYYY-MM-DD."""
        anthology = Anthology(title="Recueil", language="fr", date=dt.date(2012, 3, 8))
        assert '"date": "2012-03-08"' in interviewkit.dumps(anthology)

    def test_same_anthology_same_bytes(self, fr_example: Path) -> None:
        """Two loads of the same folder dump to the same bytes."""
        first = interviewkit.load(fr_example)
        second = interviewkit.load(fr_example)
        assert first is not second
        assert interviewkit.dump_bytes(first) == interviewkit.dump_bytes(second)


class TestExamples:
    """The example anthologies round-trip byte for byte, through the API and the json format."""

    @pytest.mark.parametrize("name", ["fr_example", "en_example"])
    def test_examples_round_trip_byte_identically(
        self, name: str, request: pytest.FixtureRequest
    ) -> None:
        """``dumps(loads(dumps(load(folder)))) == dumps(load(folder))``."""
        folder: Path = request.getfixturevalue(name)
        text = interviewkit.dumps(interviewkit.load(folder))
        assert interviewkit.dumps(interviewkit.loads(text)) == text

    @pytest.mark.parametrize("name", ["fr_example", "en_example"])
    def test_built_json_loads_back_equal(
        self, name: str, request: pytest.FixtureRequest, tmp_path: Path, pm: Plugins
    ) -> None:
        """The ``json`` format's file loads back, even without its images, equal to the folder."""
        folder: Path = request.getfixturevalue(name)
        report = interviewkit.build(folder, ["json"], tmp_path, plugins=pm)
        assert report.ok
        (result,) = report.results
        json_path = result.path
        assert json_path.suffix == ".json"
        assert json_path.parent == tmp_path
        expected = interviewkit.load(folder)
        assert interviewkit.load(json_path) == expected
        assert json_path.read_text(encoding="utf-8") == interviewkit.dumps(expected)


# ----------------------------------------------------------------------------- bad input


class TestGarbage:
    """Any malformed input raises InvalidInputError, and nothing else."""

    @given(json_values())
    def test_arbitrary_json_document_is_refused(self, value: object) -> None:
        """An arbitrary JSON value is not a document: refused, as data and as text."""
        with pytest.raises(InvalidInputError):
            interviewkit.structure(value)
        with pytest.raises(InvalidInputError):
            interviewkit.loads(json.dumps(value))

    @given(json_values())
    def test_arbitrary_json_anthology_is_refused(self, value: object) -> None:
        """An arbitrary JSON value inside a valid envelope is refused with InvalidInputError."""
        exc = refusal({"anthology": value, "interviewkit": "1"})
        assert exc.errors
        assert all(isinstance(error, str) for error in exc.errors)

    @given(json_values().filter(lambda value: value not in ("1", "2", "3")))
    def test_arbitrary_version_is_refused(self, version: object) -> None:
        """Any version but "1", "2" (migrated) and "3" is refused (text: a version error)."""
        data = document(small_anthology(1, 1))
        data["interviewkit"] = version
        exc = refusal(data)
        assert isinstance(exc, SchemaVersionError) == isinstance(version, str)

    @given(st.binary(max_size=64))
    def test_arbitrary_bytes_are_refused(self, raw: bytes) -> None:
        """Random bytes (often not even UTF-8) raise InvalidInputError."""
        with pytest.raises(InvalidInputError):
            interviewkit.loads(raw)

    @given(strategies.anthologies(max_portraits=2), st.data())
    def test_dropping_a_required_key_is_refused(self, anthology: Anthology, data: Any) -> None:
        """Removing a required key is reported at that key as a missing field."""
        body = document(anthology)
        required = [slot for slot in slots(body["anthology"]) if slot.required]
        slot = data.draw(st.sampled_from(required))
        del slot.obj[slot.name]
        exc = refusal(body)
        assert f"{slot.where}: required field missing" in exc.errors

    @given(strategies.anthologies(max_portraits=2), st.data())
    def test_a_value_of_the_wrong_type_is_refused(self, anthology: Anthology, data: Any) -> None:
        """A value of the wrong JSON type is reported at its path, in words, not Python names."""
        body = document(anthology)
        slot = data.draw(st.sampled_from(list(slots(body["anthology"]))))
        slot.obj[slot.name] = data.draw(st.sampled_from(wrong_values(slot.type)))
        exc = refusal(body)
        assert [error for error in exc.errors if error.startswith(f"{slot.where}: ")], exc.errors
        assert not [error for error in exc.errors if "Error" in error], exc.errors

    @given(strategies.anthologies(max_portraits=2), st.data())
    def test_an_unknown_key_is_refused(self, anthology: Anthology, data: Any) -> None:
        """An extra key in any object is reported as an unknown field at its path."""
        body = document(anthology)
        objects = {id(slot.obj): slot for slot in slots(body["anthology"])}
        slot = data.draw(st.sampled_from(list(objects.values())))
        slot.obj["x-inconnu"] = data.draw(json_values())
        exc = refusal(body)
        where = f"{slot.path}.x-inconnu" if slot.path else "x-inconnu"
        assert [error for error in exc.errors if error.startswith(f"{where}: unknown field")]

    @given(strategies.anthologies(max_portraits=2), st.data())
    def test_nested_garbage_is_refused(self, anthology: Anthology, data: Any) -> None:
        """Garbage objects nested where a value belongs are refused at or below that path."""
        body = document(anthology)
        slot = data.draw(st.sampled_from(list(slots(body["anthology"]))))
        garbage = {"x-déchet": data.draw(json_values())}
        inner = _optional_inner(slot.type)
        slot.obj[slot.name] = [garbage] if typing.get_origin(inner) is tuple else garbage
        exc = refusal(body)
        assert [error for error in exc.errors if error.startswith(slot.where)], exc.errors

    @given(strategies.anthologies(max_portraits=2), st.data())
    def test_model_rules_are_enforced_when_loading(self, anthology: Anthology, data: Any) -> None:
        """Well-typed but invalid values (blank names, bad ids, URLs) are refused at their path."""
        body = document(anthology)
        checked = {"title", "name", "id", "language", "url", "kind", "path"}
        candidates = [s for s in slots(body["anthology"]) if s.name in checked and s.type is str]
        slot = data.draw(st.sampled_from(candidates))
        invalid = ["", "  "] if slot.name in {"title", "name", "path"} else ["", "Pas Valide_!"]
        slot.obj[slot.name] = data.draw(st.sampled_from(invalid))
        exc = refusal(body)
        assert [error for error in exc.errors if error.startswith(f"{slot.where}: ")], exc.errors


class TestErrorPaths:
    """Error messages name the place in the document, and every problem is reported at once."""

    def test_deep_path_of_a_wrong_answer(self) -> None:
        """A number as an answer is reported at its full path, down to the answer's text."""
        data = document(small_anthology(portraits=5, exchanges=14))
        data["anthology"]["portraits"][3]["interview"]["exchanges"][12]["answers"][0]["text"] = 42
        exc = refusal(data)
        assert len(exc.errors) == 1
        (error,) = exc.errors
        assert error.startswith("portraits[3].interview.exchanges[12].answers[0].text:")
        assert "expected text" in error
        assert "got a number" in error

    def test_path_in_loads_with_the_file_name(self) -> None:
        """Through ``loads(..., file=)``, the message starts with the file, then the path."""
        data = document(small_anthology(portraits=4, exchanges=13))
        data["anthology"]["portraits"][3]["interview"]["exchanges"][12]["answers"][0]["text"] = 3.5
        with pytest.raises(InvalidInputError) as excinfo:
            interviewkit.loads(json.dumps(data), file="livre.json")
        assert str(excinfo.value).startswith(
            "livre.json: portraits[3].interview.exchanges[12].answers[0].text: expected text"
        )
        assert excinfo.value.file == "livre.json"

    def test_misspelt_key_gets_a_suggestion(self) -> None:
        """An unknown ``affiliation`` key in a subject suggests ``affiliations``."""
        data = document()
        data["anthology"]["portraits"][2]["subject"]["affiliation"] = "Coop Vélo-Cité"
        (error,) = refusal(data).errors
        assert error == (
            "portraits[2].subject.affiliation: unknown field (did you mean 'affiliations'?)"
        )

    def test_unknown_key_without_close_match_lists_known_fields(self) -> None:
        """An unknown key like nothing known lists the known fields instead."""
        data = document()
        data["anthology"]["portraits"][0]["subject"]["zzz"] = 1
        (error,) = refusal(data).errors
        assert error.startswith("portraits[0].subject.zzz: unknown field; known fields: name,")

    def test_every_error_is_reported_at_once(self) -> None:
        """Several problems in one document are all listed in one exception."""
        data = document()
        body = data["anthology"]
        del body["language"]
        body["portraits"][0]["subject"]["affiliation"] = "x"
        body["portraits"][1]["interview"]["exchanges"][3]["question"] = ["liste"]
        body["portraits"][3]["date"] = "hier"
        exc = refusal(data)
        assert len(exc.errors) >= 3
        assert "language: required field missing" in exc.errors
        assert any(e.startswith("portraits[0].subject.affiliation:") for e in exc.errors)
        assert any(
            e.startswith("portraits[1].interview.exchanges[3].question:") for e in exc.errors
        )
        assert any(e.startswith("portraits[3].date:") for e in exc.errors)
        assert str(exc).startswith(f"{len(exc.errors)} problems\n  - ")

    def test_model_errors_get_the_document_path(self) -> None:
        """A validator's refusal is reported at its path with the validator's hint."""
        data = document()
        data["anthology"]["portraits"][1]["language"] = "fr_CA"
        (error,) = refusal(data).errors
        assert error.startswith("portraits[1].language: 'fr_CA' is not a BCP 47 language tag")
        assert "did you mean 'fr-CA'?" in error

    def test_wrong_nested_object_is_described_in_words(self) -> None:
        """Text where an optional object belongs says which object was expected."""
        data = document()
        data["anthology"]["series"] = "Portraits du jeudi"
        data["anthology"]["portraits"][0]["subject"]["photo"] = True
        exc = refusal(data)
        assert set(exc.errors) == {
            "series: expected an object with the fields of Series",
            "portraits[0].subject.photo: expected an object with the fields of Image",
        }

    def test_invalid_json_syntax_reports_line_and_column(self) -> None:
        """A JSON syntax error is reported with its line and column."""
        text = '{\n  "anthology": {\n    "title": "x"\n    "language": "fr"\n  }\n}\n'
        with pytest.raises(InvalidInputError) as excinfo:
            interviewkit.loads(text, file="livre.json")
        (error,) = excinfo.value.errors
        assert error.startswith("line 4, column 5: invalid JSON")
        assert "syntax" in excinfo.value.hint

    def test_empty_text_is_invalid_json(self) -> None:
        """An empty file is invalid JSON, not a crash."""
        with pytest.raises(InvalidInputError, match="invalid JSON"):
            interviewkit.loads("")


class TestEnvelope:
    """The envelope is checked before the anthology."""

    def test_bare_anthology_is_refused_clearly(self) -> None:
        """An anthology object without its envelope is refused, naming both envelope keys."""
        exc = refusal(document()["anthology"])
        (error,) = exc.errors
        assert "not an interviewkit document" in error
        assert "'interviewkit'" in error
        assert "'anthology'" in error
        assert "dumps()" in exc.hint

    @pytest.mark.parametrize("data", [[], "texte", None, 3, {"interviewkit": "1"}])
    def test_non_envelopes_are_refused(self, data: object) -> None:
        """Lists, scalars and incomplete envelopes are not documents."""
        assert "not an interviewkit document" in refusal(data).errors[0]

    def test_extra_top_level_key_is_refused(self) -> None:
        """A key beside ``anthology`` and ``interviewkit`` is refused by name."""
        data = document()
        data["generator"] = "autre outil"
        (error,) = refusal(data).errors
        assert error.startswith("unknown top-level field 'generator'")

    @pytest.mark.parametrize("version", [1, 1.0, None, ["1"]])
    def test_version_must_be_text(self, version: object) -> None:
        """A version that is not text is refused as such, not as an unknown version."""
        data = document()
        data["interviewkit"] = version
        exc = refusal(data)
        assert not isinstance(exc, SchemaVersionError)
        assert exc.errors[0].startswith("interviewkit: expected the schema version as text")

    def test_newer_version_is_refused_with_upgrade_hint(self) -> None:
        """A newer version raises SchemaVersionError, which says to upgrade."""
        data = document()
        data["interviewkit"] = "4"
        exc = refusal(data)
        assert isinstance(exc, SchemaVersionError)
        assert (exc.found, exc.supported) == ("4", "3")
        assert "upgrade" in exc.hint


class TestLargeDocuments:
    """Size is not an error."""

    def test_ten_megabyte_answer_loads(self) -> None:
        """An answer of 10 MB loads whole."""
        size = 10_000_000
        answer = ("Une réponse très longue, « vraiment ». " * (size // 30))[:size]
        data = document(small_anthology(1, 2))
        data["anthology"]["portraits"][0]["interview"]["exchanges"][1]["answers"][0]["text"] = (
            answer
        )
        text = orjson.dumps(data)
        assert len(text) > size
        loaded = interviewkit.loads(text)
        (loaded_answer,) = loaded.portraits[0].interview.exchanges[1].answers
        assert len(loaded_answer.text) == size
        assert loaded_answer.text == answer


class TestCollector:
    """The garbage collector is the process's: interviewkit pauses it only when allowed."""

    def record(self, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        import gc

        calls: list[str] = []
        monkeypatch.setattr(gc, "disable", lambda: calls.append("disable"))
        monkeypatch.setattr(gc, "enable", lambda: calls.append("enable"))
        return calls

    def test_a_library_call_leaves_the_collector_alone(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``loads`` and ``dumps`` never switch the collector off behind their caller's back."""
        text = interviewkit.dumps(small_anthology(2, 3))
        calls = self.record(monkeypatch)
        assert interviewkit.loads(text) == small_anthology(2, 3)
        interviewkit.dumps(small_anthology(2, 3))
        assert calls == []

    def test_an_application_may_allow_the_pause(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Inside ``fast_structuring()`` each structuring pauses it and always resumes it."""
        text = interviewkit.dumps(small_anthology(2, 3))
        calls = self.record(monkeypatch)
        with interviewkit.fast_structuring():
            interviewkit.loads(text)
        assert calls == ["disable", "enable"]
        with interviewkit.fast_structuring(), pytest.raises(InvalidInputError):
            interviewkit.loads('{"interviewkit": "3", "anthology": {"title": 3}}')
        assert calls[-1] == "enable"
