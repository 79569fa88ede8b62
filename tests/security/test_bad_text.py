"""Bad text is refused at load with the file and the line; line endings never change the book.

Covers raw characters in every kind of file (portrait, manifest, section body, JSON), the same
characters written as escapes (YAML, TOML, JSON), unbalanced bidirectional controls in one-line
fields from every source (folder, JSON, Python), YAML anchors and aliases (the "billion laughs"),
and CRLF checkouts.  Messages name the file and the place, never ``<input>`` or a cattrs class.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import interviewkit
from interviewkit.cli import main
from interviewkit.errors import InterviewkitError, InvalidInputError, MissingResourceError
from interviewkit.model.models import Link, Person

MANIFEST = """\
title = "Recueil de test"
language = "fr-CA"
"""

PORTRAIT = """\
---
title: "Portrait : Odile Marchand"
subject:
  name: Odile Marchand
  affiliations: [Horlogerie Marchand]
---

Odile Marchand répare des horloges.

## Depuis quand?

Depuis toujours, dit-elle.

- une liste
- de deux lignes
"""


def make_anthology(
    tmp_path: Path, portrait: str = PORTRAIT, manifest: str = MANIFEST, name: str = "book"
) -> Path:
    """A one-portrait anthology in ``tmp_path/name``."""
    root = tmp_path / name
    (root / "portraits").mkdir(parents=True)
    (root / "anthology.toml").write_text(manifest, encoding="utf-8", newline="")
    (root / "portraits" / "odile-marchand.md").write_text(portrait, encoding="utf-8", newline="")
    return root


def refusal(path: Path) -> InvalidInputError:
    """The error that loading ``path`` raises."""
    with pytest.raises(InvalidInputError) as caught:
        interviewkit.load(path)
    return caught.value


def canonical_json() -> dict[str, object]:
    """A valid canonical document with one portrait, as plain data."""
    anthology = interviewkit.Anthology(
        title="Recueil",
        language="fr",
        portraits=(
            interviewkit.Portrait(
                id="odile",
                title="Odile",
                subject=Person(name="Odile"),
                interview=interviewkit.Interview(
                    exchanges=(
                        interviewkit.Exchange(
                            question=interviewkit.RichText("Q?"),
                            answers=(interviewkit.Answer(text=interviewkit.RichText("R.")),),
                        ),
                    )
                ),
            ),
        ),
    )
    data: dict[str, object] = json.loads(interviewkit.dumps(anthology))
    return data


@pytest.mark.parametrize(
    ("char", "name"),
    [
        ("\x07", "the control character U+0007"),
        ("\x1b", "the control character U+001B"),
        ("\x85", "the control character U+0085"),
        ("\ufdd0", "the noncharacter U+FDD0"),
        ("\uffff", "the noncharacter U+FFFF"),
        ("\U0010fffe", "the noncharacter U+10FFFE"),
    ],
)
def test_raw_bad_character_in_a_portrait_names_line_and_column(
    tmp_path: Path, char: str, name: str
) -> None:
    """A raw control character or noncharacter in an answer is refused with line and column."""
    root = make_anthology(tmp_path, PORTRAIT.replace("Depuis toujours", f"Depuis{char} toujours"))
    error = refusal(root)
    assert str(error.file).endswith("odile-marchand.md")
    assert error.errors == (f"line 12, column 7: {name} is not allowed",)
    assert "delete the character" in error.hint


def test_raw_bad_character_in_the_manifest_and_a_section(tmp_path: Path) -> None:
    """The manifest and front-matter files are checked like portraits, naming their file."""
    manifest = MANIFEST + '[[front_matter]]\ntitle = "Préface"\nfile = "preface.md"\n'
    root = make_anthology(tmp_path, manifest=manifest)
    (root / "preface.md").write_text("Un mot.\n\nDeux\x0c mots.\n", encoding="utf-8")
    error = refusal(root)
    assert str(error).endswith(
        "preface.md: line 3, column 5: the control character U+000C is not allowed"
    )
    (root / "anthology.toml").write_text(MANIFEST.replace("test", "te\x01st"), encoding="utf-8")
    assert "anthology.toml: line 1, column 23: the control character U+0001" in str(refusal(root))


@pytest.mark.parametrize(
    ("escape", "shown"),
    [("\\x01", "U+0001"), ("\\N", "U+0085"), ("\\uFDD0", "U+FDD0"), ("\\e", "U+001B")],
)
def test_yaml_escape_is_refused_at_the_line_of_its_field(
    tmp_path: Path, escape: str, shown: str
) -> None:
    """A bad character written as a YAML escape is refused with the field and its line."""
    portrait = PORTRAIT.replace("  name: Odile Marchand", f'  name: "Odile{escape} Marchand"')
    error = refusal(make_anthology(tmp_path, portrait))
    assert len(error.errors) == 1
    assert error.errors[0].startswith(
        f"line 4: subject.name: contains the control character {shown}"
    ) or (error.errors[0].startswith(f"line 4: subject.name: contains the noncharacter {shown}"))


def test_toml_escape_is_refused_with_its_field(tmp_path: Path) -> None:
    """A control character written as a TOML escape is refused, naming the field."""
    root = make_anthology(tmp_path, manifest='title = "Re\\u0007cueil"\nlanguage = "fr-CA"\n')
    error = refusal(root)
    assert str(error.file).endswith("anthology.toml")
    assert error.errors[0].startswith("title: contains the control character U+0007")


@pytest.mark.parametrize(
    ("escape", "shown"),
    [("\\u0007", "U+0007"), ("\\b", "U+0008"), ("\\u0090", "U+0090"), ("\\ufffe", "U+FFFE")],
)
def test_json_escape_is_refused_with_its_field_path(
    tmp_path: Path, escape: str, shown: str
) -> None:
    """A bad character escaped in a JSON answer is refused with the file and the field path."""
    text = json.dumps(canonical_json(), ensure_ascii=False).replace('"R."', f'"R{escape}."')
    path = tmp_path / "livre.json"
    path.write_text(text, encoding="utf-8")
    error = refusal(path)
    assert error.file == str(path)
    assert error.errors[0].startswith(
        "portraits[0].interview.exchanges[0].answers[0].text: contains "
    )
    assert shown in error.errors[0]


def test_raw_c1_character_in_json_names_line_and_column() -> None:
    """A raw C1 control character in JSON text (which orjson accepts) is refused with its place."""
    text = json.dumps(canonical_json(), ensure_ascii=False, indent=1).replace('"R."', '"R\x9b."')
    with pytest.raises(InvalidInputError) as caught:
        interviewkit.loads(text, file="livre.json")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "\x9b" in row)
    assert str(caught.value).startswith(f"livre.json: line {line}, column ")
    assert "the control character U+009B" in str(caught.value)


@pytest.mark.parametrize(
    "name",
    [
        "Odile\u202e Marchand",  # RLO never closed
        "\u2067Odile",  # RLI never closed
        "Odile\u202c",  # PDF with nothing to close
        "\u2066Odile\u202c\u2069",  # isolate closed by PDF
        "\u202bOdile\u2069",  # embedding closed by PDI
    ],
)
def test_unbalanced_bidi_controls_in_one_line_fields_are_refused_everywhere(
    tmp_path: Path, name: str
) -> None:
    """An unbalanced bidirectional control in a name is refused from YAML, JSON and Python."""
    portrait = PORTRAIT.replace("  name: Odile Marchand", f'  name: "{name}"')
    error = refusal(make_anthology(tmp_path, portrait))
    assert error.errors[0].startswith("line 4: subject.name: ")
    assert "bidirectional" in error.errors[0]
    data = canonical_json()
    data["anthology"]["portraits"][0]["follow"] = [  # type: ignore[index]
        {"label": name, "url": "https://example.org", "kind": "website"}
    ]
    with pytest.raises(InvalidInputError, match=r"portraits\[0\]\.follow\[0\]\.label: "):
        interviewkit.loads(json.dumps(data), file="livre.json")
    with pytest.raises(InterviewkitError, match="bidirectional"):
        Person(name="Odile", affiliations=(name,))
    with pytest.raises(InterviewkitError, match="bidirectional"):
        Link(label=name, url="https://example.org")


@pytest.mark.parametrize("value", ["Odile\x00", "Odile\r", "\ud800dile", "Odi\x9fle"])
def test_python_api_refuses_control_characters_in_one_line_fields(value: str) -> None:
    """Models built in Python refuse control characters and lone surrogates in names."""
    with pytest.raises(InterviewkitError, match=r"Person\.name"):
        Person(name=value)


def test_yaml_alias_is_refused_with_its_line(tmp_path: Path) -> None:
    """A YAML anchor in front matter is refused with its line, before anything is expanded."""
    portrait = PORTRAIT.replace(
        "  affiliations: [Horlogerie Marchand]\n",
        "  affiliations: &a [Horlogerie Marchand]\ntags: *a\n",
    )
    error = refusal(make_anthology(tmp_path, portrait))
    assert error.errors == (
        "line 5, column 17: the YAML anchor '&a' is not allowed in front matter",
    )
    assert "aliases" in error.hint


def test_billion_laughs_finishes_fast(tmp_path: Path) -> None:
    """Nested aliases (a billion laughs in 1 KB) are refused in a few seconds, naming the line."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    front = "subject: {name: Odile}\ntitle: Odile\nlaughs:\n" + "\n".join(
        "  " + line for line in lines
    )
    root = make_anthology(tmp_path, f"---\n{front}\n---\n\n## Q?\n\nR.\n")
    code = (
        "import sys, interviewkit\n"
        "try:\n    interviewkit.load(sys.argv[1])\n"
        "except interviewkit.InvalidInputError as e:\n    print(e)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=60
    )
    assert "line 5, column 7: the YAML anchor '&a0' is not allowed in front matter" in done.stdout


def test_crlf_and_lf_checkouts_build_the_same_json(tmp_path: Path) -> None:
    """A CRLF (or lone CR) copy of a folder builds the same JSON bytes as the LF original."""
    sources = {
        "lf": PORTRAIT,
        "crlf": PORTRAIT.replace("\n", "\r\n"),
        "cr": PORTRAIT.replace("\n", "\r"),
    }
    outputs = {}
    for name, text in sources.items():
        root = make_anthology(tmp_path, text, MANIFEST.replace("\n", "\r\n"), name=name)
        out = tmp_path / f"out-{name}"
        assert main(["build", str(root), "-f", "json", "-o", str(out), "-q"]) == 0
        outputs[name] = next(out.glob("*.json")).read_bytes()
    assert outputs["crlf"] == outputs["lf"]
    assert outputs["cr"] == outputs["lf"]
    assert b"\\r" not in outputs["lf"]


def test_escaped_carriage_returns_in_json_are_normalised() -> None:
    """`\\r\\n` escaped in a JSON answer is read as `\\n`, like a CRLF file."""
    data = canonical_json()
    data["anthology"]["portraits"][0]["interview"]["exchanges"][0]["answers"][0]["text"] = (
        "Un.\r\n\r\nDeux."  # type: ignore[index]
    )
    anthology = interviewkit.loads(json.dumps(data))
    assert str(anthology.portraits[0].interview.exchanges[0].answer) == "Un.\n\nDeux."


class TestMessages:
    """Refusals name the file and the place, and say how to fix; no `<input>`, no cattrs."""

    def test_envelope_with_a_wrong_body_names_the_anthology(self) -> None:
        """`"anthology": []` is reported at `anthology`, not at `(document)`."""
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.loads('{"interviewkit": "1", "anthology": []}', file="livre.json")
        assert str(caught.value) == (
            "livre.json: anthology: expected an object with the fields of Anthology"
        )

    def test_missing_resource_without_a_file_has_no_input_placeholder(self) -> None:
        """A resource error that knows no file says what is wrong without `<input>`."""
        assert str(MissingResourceError(None, "images/x.png")) == "'images/x.png' does not exist"

    def test_cli_on_a_bad_json_names_file_field_and_fix(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`interviewkit build bad.json` exits 2 with the file, the field path and a hint."""
        text = json.dumps(canonical_json()).replace('"Odile"', '"Odile\\u0000"', 1)
        path = tmp_path / "bad.json"
        path.write_text(text, encoding="utf-8")
        assert main(["build", str(path), "-f", "json", "-o", str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert f"{path}: " in err
        assert "contains the control character U+0000" in err
        assert "delete the character" in err
        assert "<input>" not in err
        assert "Cattrs" not in err
        assert "Traceback" not in err

    def test_bad_utf8_in_json_bytes_names_the_line(self) -> None:
        """Bytes that are not UTF-8 are refused with their line, not `line 1, column 1`."""
        with pytest.raises(InvalidInputError) as caught:
            interviewkit.loads(b'{\n"interviewkit": "1",\n"anthology": "\xff"}', file="x.json")
        assert str(caught.value) == "x.json: line 3: not valid UTF-8 (byte 0xff)"
