"""The fast structuring path must accept exactly what the validated attrs path accepts."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import interviewkit
from interviewkit.model import _validators
from interviewkit.model.models import Answer, Exchange, Link, RelatedPortrait
from interviewkit.serialization import make_converter

FAST = make_converter(detailed_validation=False)
DETAILED = make_converter(detailed_validation=True)

# Values chosen to sit on both sides of every validator of the three classes.
TEXTS = st.sampled_from(
    ["Question?", "réponse « longue »", "", " ", "\n\t", "x", "@handle", "#tag", "0"]
)
ODD = st.sampled_from([None, 3, 2.5, True, [], {}, ["a"]])
URLS = st.sampled_from(
    [
        "https://example.org/a",
        "http://example.com",
        "mailto:a@example.org",
        "example.org",
        "https://x",
        "ftp://example.org",
        "https://exa mple.org",
        "javascript:alert(1)",
        "",
    ]
)
SLUGS = st.sampled_from(["maude-l", "a1", "Maude", "a--b", "-a", "", "é"])
KINDS = st.sampled_from(["website", "facebook", "twitter", "mail", "Website", ""])


def _maybe(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(values, ODD)


def _records(fields: dict[str, st.SearchStrategy[Any]]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {},
        optional={**fields, "extra": st.just("unknown key")},
    )


ANSWERS = _records({"text": _maybe(TEXTS), "speaker": _maybe(SLUGS)})
EXCHANGES = _records(
    {
        "question": _maybe(TEXTS),
        "answers": st.one_of(st.lists(st.one_of(ANSWERS, ODD), max_size=3), ODD),
        "asker": _maybe(st.one_of(SLUGS, TEXTS)),
        "key": _maybe(st.one_of(SLUGS, TEXTS)),
    }
)
LINKS = _records({"label": _maybe(TEXTS), "url": _maybe(URLS), "kind": _maybe(KINDS)})
RELATED = _records(
    {
        "name": _maybe(TEXTS),
        "affiliation": _maybe(TEXTS),
        "portrait": _maybe(SLUGS),
        "url": _maybe(URLS),
    }
)


def _agree(cls: type[Any], data: dict[str, Any]) -> None:
    try:
        fast = FAST.structure(data, cls)
    except Exception:  # noqa: BLE001 - any refusal hands over to the detailed path
        return
    detailed = DETAILED.structure(data, cls)  # must not raise: the fast path accepted it
    assert fast == detailed
    assert FAST.unstructure(fast) == DETAILED.unstructure(detailed)


class TestAgreement:
    """Whatever the fast path accepts, the validated path accepts and builds equal."""

    @given(EXCHANGES)
    def test_exchange(self, data: dict[str, Any]) -> None:
        """Exchanges built by the fast path equal validated ones; invalid ones are refused."""
        _agree(Exchange, data)

    @given(LINKS)
    def test_link(self, data: dict[str, Any]) -> None:
        """Links built by the fast path equal validated ones; invalid ones are refused."""
        _agree(Link, data)

    @given(RELATED)
    def test_related(self, data: dict[str, Any]) -> None:
        """Related-portrait entries built by the fast path equal validated ones."""
        _agree(RelatedPortrait, data)

    @given(st.lists(EXCHANGES, max_size=4))
    def test_exchange_tuples(self, data: list[dict[str, Any]]) -> None:
        """A list is accepted by the fast path only when every item would be."""
        _agree(tuple[Exchange, ...], data)  # type: ignore[arg-type]


def test_fast_path_accepts_valid_records() -> None:
    """Valid records really take the fast path (so the agreement tests test something)."""
    exchange = FAST.structure(
        {"question": "Q?", "answers": [{"text": "A.", "speaker": None}], "asker": None}, Exchange
    )
    link = FAST.structure({"label": "Blog", "url": "https://example.org"}, Link)
    related = FAST.structure({"name": "Ana", "portrait": "ana-b"}, RelatedPortrait)
    assert exchange == Exchange(
        question=interviewkit.RichText("Q?"),
        answers=(interviewkit.Answer(text=interviewkit.RichText("A.")),),
    )
    assert link.kind == "website"
    assert related.portrait == "ana-b"


#: The validators of each class the fast path builds, as the fast path re-checks them.
PINNED: list[tuple[type[Any], list[tuple[str, str | None]]]] = [
    (
        Exchange,
        [
            ("question", "non_blank_rich"),
            ("answers", None),
            ("asker", "optional"),
            ("key", "optional"),
        ],
    ),
    (
        Answer,
        [("text", None), ("speaker", "optional")],
    ),
    (Link, [("label", "non_blank"), ("url", "url"), ("kind", "link_kind")]),
    (
        RelatedPortrait,
        [
            ("name", "non_blank"),
            ("affiliation", "optional_non_blank"),
            ("portrait", "optional"),
            ("url", "optional_url"),
        ],
    ),
]


@pytest.mark.parametrize(("cls", "expected"), PINNED)
def test_fast_path_classes_are_pinned(
    cls: type[Any], expected: list[tuple[str, str | None]]
) -> None:
    """A change to the fields or validators of a fast-path class must revisit _fastpath.py."""
    found = []
    for field in attrs.fields(cls):
        validator = field.validator
        name = getattr(validator, "__name__", None) or (
            "optional" if validator is not None else None
        )
        found.append((field.name, name))
    assert found == expected, "update interviewkit/serialization/_fastpath.py to match the model"
    assert _validators.SLUG.pattern == r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def test_example_round_trip_uses_identical_data(fr_anthology: interviewkit.Anthology) -> None:
    """The fast unstructure hooks write the same plain data as cattrs' generated ones."""
    assert FAST.unstructure(fr_anthology) == DETAILED.unstructure(fr_anthology)
    data = DETAILED.unstructure(fr_anthology)
    assert FAST.structure(data, interviewkit.Anthology) == fr_anthology


def test_every_fast_class_is_pinned_and_has_no_post_init() -> None:
    """The fast path builds exactly the classes whose validators the pins above cover, and
    none of them has an ``__attrs_post_init__`` that building without ``__init__`` would skip."""
    from interviewkit.serialization._fastpath import FAST_CLASSES

    pinned = {cls for cls, _ in PINNED}
    assert set(FAST_CLASSES) == pinned
    for cls in FAST_CLASSES:
        assert not hasattr(cls, "__attrs_post_init__"), cls
