"""Issue 12, item 4: a hyperlink of the Word document only ever holds a model-validated URL."""

from __future__ import annotations

from pathlib import Path

import attrs
import docx
from docx.oxml.ns import qn
from interviewkit_docx import DocxExporter

from interviewkit import Answer, Anthology, Exchange, Interview, Link, RichText, Source, run_checks
from interviewkit.testing import check_exporter, sample_anthology

ANSWER = (
    "See [notes](other.md), [secret](../secret), [owen](#owen-park), "
    '[quoted](https://exa"mple.com), [user](https://paypal.example@evil.example/), '
    "[script](javascript:alert(1)) and [site](https://boats.example.org/ana)."
)


def anthology() -> Anthology:
    """The sample anthology with one more answer full of relative and refused links."""
    sample = sample_anthology()
    owen = sample.portrait("owen-park")
    exchanges = (
        *owen.interview.exchanges,
        Exchange(question=RichText("Any links?"), answers=(Answer(text=RichText(ANSWER)),)),
    )
    owen = attrs.evolve(owen, interview=Interview(exchanges=exchanges, parts=owen.interview.parts))
    return attrs.evolve(sample, portraits=(sample.portraits[0], owen))


def test_only_model_validated_urls_become_hyperlinks(tmp_path: Path) -> None:
    """Relative and refused links print their text; every external target passes the model."""
    result = check_exporter(DocxExporter, tmp_path=tmp_path, anthology=anthology())
    document = docx.Document(str(result.path))
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert "https://boats.example.org/ana" in targets
    for target in targets:
        Link(label="x", url=target)  # raises if the model refuses the URL
    paragraph = next(p for p in document.paragraphs if p.text.startswith("See notes"))
    assert paragraph.text == "See notes, secret, owen, quoted, user, script and site."
    links = list(paragraph._p.iter(qn("w:hyperlink")))
    assert len(links) == 1
    assert links[0].get(qn("w:anchor")) is None
    assert result.problems == ()  # the content checks of check and build report them, once


def test_refused_links_are_reported_once_by_the_checks(tmp_path: Path) -> None:
    """Each link written as text is one warning of interviewkit's checks, naming its answer."""
    problems = run_checks(Source(anthology=anthology(), root=tmp_path, file=tmp_path))
    refused = [p for p in problems if p.message.startswith("link to ")]
    answer = "portraits[1] (owen-park).interview.exchanges[4].answers[0].text"
    assert [p.where for p in refused] == [answer] * 6
    assert refused[0].message.startswith("link to 'other.md' ('notes') printed as plain text")
    assert all("https://" in p.hint for p in refused)
