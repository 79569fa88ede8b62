"""Hand-written structure hooks for the most numerous model objects, for the fast converter.

Exchanges, links and related-portrait entries are nine objects in ten of an anthology (40
exchanges and ~15 links per portrait).  These hooks build them without cattrs' per-field hook
calls, and build their tuples in one comprehension.  They only ever accept plain, valid-looking
data: anything unusual raises, and :func:`interviewkit.serialization.structure_as` re-runs the
detailed cattrs converter, which reports every problem with its path.  So these hooks never
decide what an error message says, and the model's validators still run on every object.
"""

from __future__ import annotations

from typing import Any

import cattrs

from interviewkit._util.text import one_line_suspect
from interviewkit._util.urls import is_url
from interviewkit.model._validators import SLUG
from interviewkit.model.models import LINK_KINDS, Answer, Exchange, Link, RelatedPortrait
from interviewkit.model.richtext import RichText

__all__ = ["FAST_CLASSES", "register_fast_hooks"]

#: The classes this module builds without calling their ``__init__``: each one's validators
#: are re-checked inline here, and ``tests/test_fastpath.py`` pins them, so a validator (or an
#: ``__attrs_post_init__``) added to one of them fails a test until this module follows.
FAST_CLASSES = (Answer, Exchange, Link, RelatedPortrait)

_EXCHANGE_KEYS = frozenset({"question", "answers", "asker", "key"})
_ANSWER_KEYS = frozenset({"text", "speaker"})
_LINK_KEYS = frozenset({"label", "url", "kind"})
_RELATED_KEYS = frozenset({"name", "affiliation", "portrait", "url"})


class _NotPlain(TypeError):
    """Raised to hand the data over to the detailed converter."""


# The three builders below construct objects with ``object.__new__`` and the same checks that
# the classes' validators make (``tests/test_fastpath.py`` pins the fields and validators of
# these classes and checks, on generated data, that the fast and the detailed converters agree).
# attrs' generated ``__init__`` for a frozen class costs about 1 µs per object, which was a
# third of the time to load a large anthology.
_new = object.__new__
_set = object.__setattr__
# The slot descriptors of Exchange, called directly: the cheapest way to fill a slot.
_set_question = Exchange.__dict__["question"].__set__
_set_answers = Exchange.__dict__["answers"].__set__
_set_asker = Exchange.__dict__["asker"].__set__
_set_key = Exchange.__dict__["key"].__set__
_set_text = Answer.__dict__["text"].__set__
_set_speaker = Answer.__dict__["speaker"].__set__


def _is_text(value: object) -> bool:
    # A suspect character is one non_blank looks at more closely (the detailed path does).
    return (
        isinstance(value, str)
        and value != ""
        and not value.isspace()
        and not one_line_suspect(value)
    )


def _is_optional_text(value: object) -> bool:
    return value is None or _is_text(value)


def _is_url(value: object) -> bool:
    return isinstance(value, str) and is_url(value)


def _is_optional_slug(value: object) -> bool:
    return value is None or (isinstance(value, str) and SLUG.match(value) is not None)


def _answer(value: Any) -> Answer:
    if type(value) is not dict or not value.keys() <= _ANSWER_KEYS:
        raise _NotPlain
    text = value.get("text", "")
    speaker = value.get("speaker")
    if not (isinstance(text, str) and _is_optional_slug(speaker)):
        raise _NotPlain
    answer = _new(Answer)
    _set_text(answer, RichText(text))
    _set_speaker(answer, speaker)
    return answer


def _exchange(value: Any) -> Exchange:
    if type(value) is not dict or not value.keys() <= _EXCHANGE_KEYS:
        raise _NotPlain
    question = value["question"]
    answers = value.get("answers", ())
    asker = value.get("asker")
    key = value.get("key")
    # Inlined checks (this runs for every exchange): non-blank text, or None where optional.
    if not (
        isinstance(question, str)
        and question
        and not question.isspace()
        and type(answers) in (list, tuple)
        and _is_optional_slug(asker)
        and _is_optional_slug(key)
    ):
        raise _NotPlain
    exchange = _new(Exchange)
    _set_question(exchange, RichText(question))
    _set_answers(exchange, tuple([_answer(answer) for answer in answers]))
    _set_asker(exchange, asker)
    _set_key(exchange, key)
    return exchange


def _link(value: Any) -> Link:
    if type(value) is not dict or not value.keys() <= _LINK_KEYS:
        raise _NotPlain
    label = value["label"]
    url = value["url"]
    kind = value.get("kind", "website")
    if not (_is_text(label) and _is_url(url) and kind in LINK_KINDS):
        raise _NotPlain
    link = _new(Link)
    _set(link, "label", label)
    _set(link, "url", url)
    _set(link, "kind", kind)
    return link


def _related(value: Any) -> RelatedPortrait:
    if type(value) is not dict or not value.keys() <= _RELATED_KEYS:
        raise _NotPlain
    name = value["name"]
    affiliation = value.get("affiliation")
    portrait = value.get("portrait")
    url = value.get("url")
    if not (
        _is_text(name)
        and _is_optional_text(affiliation)
        and (portrait is None or (isinstance(portrait, str) and SLUG.match(portrait)))
        and (url is None or _is_url(url))
    ):
        raise _NotPlain
    related = _new(RelatedPortrait)
    _set(related, "name", name)
    _set(related, "affiliation", affiliation)
    _set(related, "portrait", portrait)
    _set(related, "url", url)
    return related


def _tuple_of(build: Any) -> Any:
    def structure(value: Any, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _NotPlain
        return tuple([build(item) for item in value])

    return structure


def _single(build: Any) -> Any:
    def structure(value: Any, _: object) -> Any:
        return build(value)

    return structure


def _equals(expected: object) -> Any:
    def predicate(type_: object) -> bool:
        return type_ == expected

    return predicate


def _unstructure_exchanges(value: tuple[Exchange, ...]) -> list[dict[str, Any]]:
    return [
        {
            "answers": [{"speaker": a.speaker, "text": a.text} for a in e.answers],
            "asker": e.asker,
            "key": e.key,
            "question": e.question,
        }
        for e in value
    ]


def _unstructure_links(value: tuple[Link, ...]) -> list[dict[str, Any]]:
    return [{"kind": link.kind, "label": link.label, "url": link.url} for link in value]


def _unstructure_related(value: tuple[RelatedPortrait, ...]) -> list[dict[str, Any]]:
    return [
        {"affiliation": r.affiliation, "name": r.name, "portrait": r.portrait, "url": r.url}
        for r in value
    ]


def register_fast_hooks(converter: cattrs.Converter) -> None:
    """Install the hooks on a converter made without detailed validation."""
    for sequence_type, unstructure in (
        (tuple[Exchange, ...], _unstructure_exchanges),
        (tuple[Link, ...], _unstructure_links),
        (tuple[RelatedPortrait, ...], _unstructure_related),
    ):
        converter.register_unstructure_hook_func(_equals(sequence_type), unstructure)
    for cls, build in ((Exchange, _exchange), (Link, _link), (RelatedPortrait, _related)):
        converter.register_structure_hook(cls, _single(build))
        tuple_type: Any = tuple[cls, ...]  # type: ignore[valid-type]
        converter.register_structure_hook_func(_equals(tuple_type), _tuple_of(build))
