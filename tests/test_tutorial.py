"""The plugin tutorial's code, as a reader would copy it, type-checks and keeps the contract.

The tutorial is the contract most third parties read: its exporter and hook are extracted
from ``docs/plugins/tutorial.md`` into a module, checked with ``mypy --strict`` (including the
``type[Exporter]`` line the tutorial recommends) and run through ``check_exporter``, so the
page cannot drift from the code.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from interviewkit import MarkdownWriter, build_document, labels_for
from interviewkit.testing import check_exporter, sample_anthology

TUTORIAL = Path(__file__).parent.parent / "docs" / "plugins" / "tutorial.md"


def tutorial_module(folder: Path) -> Path:
    """The exporter module of the tutorial: its class, the protocol check and the hook."""
    blocks = re.findall(r"```python\n(.*?)```", TUTORIAL.read_text(encoding="utf-8"), re.S)
    module, protocol_check, hook = blocks[0], blocks[1], blocks[2]
    assert "class QuestionsExporter" in module
    assert "type[Exporter]" in protocol_check
    assert "interviewkit_register_exporters" in hook
    path = folder / "interviewkit_questions.py"
    path.write_text(f"{module}\n{protocol_check}\n{hook}", encoding="utf-8")
    return path


def load(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("interviewkit_questions", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mypy(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=path.parent,
        timeout=600,
    )


@pytest.mark.slow
def test_the_tutorial_plugin_type_checks(tmp_path: Path) -> None:
    """``mypy --strict`` accepts the tutorial's module, protocol check included."""
    done = mypy(tutorial_module(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_the_protocol_check_catches_a_wrong_signature(tmp_path: Path) -> None:
    """The ``type[Exporter]`` line is what fails when ``export`` drifts from the contract."""
    path = tutorial_module(tmp_path)
    text = path.read_text(encoding="utf-8").replace("target: Path,", "destination: Path,", 1)
    text = text.replace("target.write_text", "destination.write_text")
    text = text.replace("path=target", "path=destination")
    text = text.replace("Path(target.name)", "Path(destination.name)")
    path.write_text(text, encoding="utf-8")
    done = mypy(path)
    assert done.returncode == 1
    assert "type[Exporter]" in done.stdout


def test_the_tutorial_exporter_keeps_the_contract(tmp_path: Path) -> None:
    """The tutorial's exporter passes the conformance kit and lists every question of the book
    document: its text as the Markdown writer writes it (typeset), its id, and its asker."""
    (tmp_path / "src").mkdir()
    module = load(tutorial_module(tmp_path / "src"))
    result = check_exporter(module.QuestionsExporter, tmp_path=tmp_path / "out")
    text = result.path.read_text(encoding="utf-8")
    writer = MarkdownWriter()
    headings = [
        f"{writer.inlines(exchange.question.inlines)} {{#{exchange.id}}}"
        for portrait in build_document(sample_anthology()).portraits
        for exchange in portrait.exchanges
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "### 1. Sam: When did you build your first frame? {#owen-park-q1}" in text
    assert "### 3. What\u2019s next? {#owen-park-q3}" in text
    assert "Entrevue réalisée par Sam Okafor et Annie-Claude Letendre" in text


def test_the_tutorial_exporter_writes_the_answers_as_the_markdown_writer(tmp_path: Path) -> None:
    """With ``answers = true``, each answer follows its question as ``MarkdownWriter`` writes it,
    after its speaker's label and the colon of the portrait's language."""
    (tmp_path / "src").mkdir()
    module = load(tutorial_module(tmp_path / "src"))
    options = {"numbered": False, "answers": True}
    result = check_exporter(module.QuestionsExporter, tmp_path=tmp_path / "out", options=options)
    text = result.path.read_text(encoding="utf-8")
    writer = MarkdownWriter()
    for portrait in build_document(sample_anthology()).portraits:
        for exchange in portrait.exchanges:
            position = text.index(f"{writer.inlines(exchange.question.inlines)} {{#{exchange.id}}}")
            for answer in exchange.answers:
                written = writer.blocks(answer.text.blocks, heading_level=4)
                if answer.speaker is not None:
                    colon = labels_for(portrait.lang)["colon"]
                    written = f"**{answer.speaker.label}{colon}**\n\n{written}"
                position = text.index(written, position)
    assert "> Le bois ne ment pas." in text
    assert "1. Le rabot à semelle courbe, pour\n   - les tables;" in text
