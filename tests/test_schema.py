"""The shipped JSON Schema matches the model, is valid Draft 2020-12, and agrees with the loader."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from tests import strategies

import interviewkit
from interviewkit import Anthology, models
from interviewkit.schema import SCHEMA_ID, json_schema, json_schema_text, shipped_schema

pytestmark = pytest.mark.validator

REGENERATE = (
    "interviewkit schema -o src/interviewkit/schema/"
    f"anthology-{interviewkit.SCHEMA_VERSION}.schema.json"
)


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """A Draft 2020-12 validator for the shipped schema."""
    return jsonschema.Draft202012Validator(json.loads(shipped_schema()))


def errors_of(validator: jsonschema.Draft202012Validator, data: object) -> list[str]:
    """The schema's complaints about ``data``, as readable strings."""
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(data)]


def sample() -> dict[str, Any]:
    """A fresh valid document, from the public sample anthology."""
    from interviewkit.testing import sample_anthology

    return copy.deepcopy(interviewkit.unstructure(sample_anthology()))


class TestShippedFile:
    """The schema file in the package is the one the model generates."""

    def test_shipped_file_is_up_to_date(self) -> None:
        """A model change without regenerating the file fails here, saying how to regenerate."""
        assert shipped_schema() == json_schema_text(), (
            f"the shipped schema is out of date; regenerate it with: {REGENERATE}"
        )

    def test_shipped_file_is_valid_draft_2020_12(self) -> None:
        """The schema itself is a valid Draft 2020-12 schema."""
        schema = json.loads(shipped_schema())
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["$id"] == SCHEMA_ID

    def test_older_schemas_are_still_shipped(self) -> None:
        """The schema of every version this interviewkit migrates from stays in the package, to
        validate older archives."""
        from importlib import resources

        folder = resources.files("interviewkit").joinpath("schema")
        for version in range(1, int(interviewkit.SCHEMA_VERSION)):
            schema = json.loads(
                folder.joinpath(f"anthology-{version}.schema.json").read_text(encoding="utf-8")
            )
            jsonschema.Draft202012Validator.check_schema(schema)
            assert schema["properties"]["interviewkit"] == {"const": str(version)}

    def test_every_model_has_a_definition(self) -> None:
        """Every model class has its ``$defs`` entry, closed to unknown keys."""
        definitions = json_schema()["$defs"]
        assert set(definitions) == {name for name in models.__all__ if not name.isupper()}
        assert all(d["additionalProperties"] is False for d in definitions.values())

    def test_file_text_is_stable(self) -> None:
        """The file is indented JSON with a final newline, as ``interviewkit schema`` writes it."""
        text = json_schema_text()
        assert text.endswith("}\n")
        assert text.startswith('{\n  "$schema"')
        assert json.loads(text) == json_schema()


class TestValidDocuments:
    """Everything interviewkit writes validates."""

    @pytest.mark.parametrize("name", ["fr_example", "en_example"])
    def test_examples_validate(
        self,
        name: str,
        request: pytest.FixtureRequest,
        validator: jsonschema.Draft202012Validator,
    ) -> None:
        """The dumps of both example anthologies validate."""
        folder: Path = request.getfixturevalue(name)
        data = json.loads(interviewkit.dumps(interviewkit.load(folder)))
        assert errors_of(validator, data) == []

    def test_sample_anthology_validates(self, validator: jsonschema.Draft202012Validator) -> None:
        """The testing module's sample anthology validates."""
        assert errors_of(validator, sample()) == []

    @given(strategies.anthologies())
    def test_generated_anthologies_validate(
        self, validator: jsonschema.Draft202012Validator, anthology: Anthology
    ) -> None:
        """Any valid anthology's canonical JSON validates against the shipped schema."""
        data = json.loads(interviewkit.dumps(anthology))
        assert errors_of(validator, data) == []


class TestInvalidDocuments:
    """The schema refuses what the loader refuses."""

    def test_unknown_key_is_rejected(self, validator: jsonschema.Draft202012Validator) -> None:
        """An unknown key in a nested object is rejected, at that object."""
        data = sample()
        data["anthology"]["portraits"][0]["subject"]["affiliation"] = "Atelier"
        errors = errors_of(validator, data)
        assert len(errors) == 1
        assert errors[0].startswith("$.anthology.portraits[0].subject:")
        assert "'affiliation'" in errors[0]

    def test_unknown_top_level_key_is_rejected(
        self, validator: jsonschema.Draft202012Validator
    ) -> None:
        """The envelope is closed too."""
        data = sample()
        data["generator"] = "autre"
        assert errors_of(validator, data)

    @pytest.mark.parametrize(
        ("path", "key"),
        [
            ((), "interviewkit"),
            (("anthology",), "language"),
            (("anthology", "portraits", 0), "subject"),
            (("anthology", "portraits", 0, "interview", "exchanges", 1), "question"),
            (("anthology", "portraits", 0, "follow", 0), "url"),
        ],
    )
    def test_missing_required_key_is_rejected(
        self,
        path: tuple[str | int, ...],
        key: str,
        validator: jsonschema.Draft202012Validator,
    ) -> None:
        """Removing a required key makes the document invalid."""
        data = sample()
        target: Any = data
        for step in path:
            target = target[step]
        del target[key]
        errors = errors_of(validator, data)
        assert any(f"'{key}' is a required property" in error for error in errors), errors
        with pytest.raises(interviewkit.InvalidInputError):
            interviewkit.structure(data)

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (("anthology", "title"), 3),
            (("anthology", "keywords"), "a, b"),
            (("anthology", "series", "number"), "2"),
            (("anthology", "portraits", 0, "interview", "exchanges", 0, "answer"), 42),
            (("anthology", "portraits", 0, "interview", "parts"), {}),
            (("anthology", "portraits", 0, "subject"), "Rosalie"),
            (("anthology", "portraits", 0, "date"), 20130411),
            (("interviewkit",), 1),
        ],
    )
    def test_wrong_type_is_rejected(
        self,
        path: tuple[str | int, ...],
        value: object,
        validator: jsonschema.Draft202012Validator,
    ) -> None:
        """A value of the wrong JSON type makes the document invalid, as it does for the loader."""
        data = sample()
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        assert errors_of(validator, data)
        with pytest.raises(interviewkit.InvalidInputError):
            interviewkit.structure(data)

    @pytest.mark.parametrize(
        ("path", "value"),
        [
            (("anthology", "portraits", 0, "id"), "Rosalie Gendron"),
            (("anthology", "portraits", 0, "follow", 0, "url"), "example.com/x"),
            (("anthology", "portraits", 0, "follow", 0, "kind"), "Facebook"),
            (("anthology", "front_matter", 0, "kind"), "appendix"),
            (("anthology", "title"), "   "),
            (("anthology", "language"), "fr_CA"),
            (("anthology", "portraits", 0, "interview", "parts", 0, "start"), -1),
            (("anthology", "portraits", 0, "interview", "exchanges", 0, "key"), "Présentation"),
            (("anthology", "concordance", "similarity"), 20),
            (("anthology", "concordance", "min_portraits"), 1),
            (("anthology", "reading_list", "min_portraits"), 0),
            (("anthology", "index", "title"), ""),
            (("anthology", "index", "enabled"), "yes"),
        ],
    )
    def test_constraints_are_enforced(
        self,
        path: tuple[str | int, ...],
        value: object,
        validator: jsonschema.Draft202012Validator,
    ) -> None:
        """Slugs, URLs, kinds, non-blank text and tags are constrained as the validators are."""
        data = sample()
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        assert errors_of(validator, data)
        with pytest.raises(interviewkit.InvalidInputError):
            interviewkit.structure(data)

    @pytest.mark.parametrize(
        "path",
        ["../x.png", "/etc/passwd", "https://example.org/x.png", "C:/x.png", "images/../../x"],
    )
    def test_image_paths_outside_the_folder_are_rejected(
        self, path: str, validator: jsonschema.Draft202012Validator
    ) -> None:
        """Image paths that leave the folder are refused by the schema as by the model."""
        data = sample()
        data["anthology"]["cover"] = {"path": path, "alt": "x", "caption": None, "credit": None}
        assert errors_of(validator, data)
