"""The model validates on construction, stays frozen, and answers the questions exporters ask."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from tests import strategies

import interviewkit
from interviewkit import (
    Answer,
    Anthology,
    Credits,
    Exchange,
    Image,
    Interview,
    Link,
    ModelError,
    Part,
    Person,
    Portrait,
    Publication,
    RelatedPortrait,
    RichText,
    Section,
    Series,
)
from interviewkit.model.models import LINK_KINDS, SECTION_KINDS


def exchange(question: str = "Une question?", answer: str = "Une réponse.") -> Exchange:
    """A minimal valid exchange."""
    return Exchange(question=RichText(question), answers=(Answer(text=RichText(answer)),))


def portrait(portrait_id: str = "maude-l", **changes: object) -> Portrait:
    """A minimal valid portrait; ``changes`` override its fields."""
    fields: dict[str, object] = {
        "id": portrait_id,
        "title": f"Portrait {portrait_id}",
        "subject": Person(name="Maude Lavigueur"),
        "interview": Interview(exchanges=(exchange(),)),
    }
    fields.update(changes)
    return Portrait(**fields)  # type: ignore[arg-type]


def refusal(excinfo: pytest.ExceptionInfo[ModelError]) -> str:
    """The message and the hint of a refused value, as a user sees them."""
    return f"{excinfo.value} | hint: {excinfo.value.hint}"


# A fictional Québec community manager, shaped like the blog portraits the project was made for:
# a lede, about thirty exchanges with lists, links, @handles and #hashtags, then where to follow
# her, related portraits and a reading list.
SEED_ANSWERS = (
    "Je m'appelle Josée Tremblay-Vachon, je gère la communauté de la **Coop Vélo-Cité** à "
    "Sherbrooke depuis 2009.",
    "Trois choses, dans l'ordre :\n\n- répondre aux membres;\n- publier nos ateliers;\n"
    "- surveiller #VéloSherbrooke le soir.",
    "Sur Twitter, c'est @coopvelocite. Sur Facebook, on a une page et un groupe d'entraide.",
    "Je lis tout sur [notre blogue](https://velo-cite.example.org/blogue) avant de publier.",
    "Une question de ton : « on », jamais « nous autres ».",
    "1. Écouter.\n2. Répondre vite.\n3. Remercier, toujours.",
    "Le mardi soir, pendant l'atelier de mécanique : c'est là que tout arrive.",
    "Quand un membre écrit à 2 h du matin que sa chaîne a cassé. 🚲",
    "Oui, avec @marc_reparo et @atelier_sud : on se passe les questions difficiles.",
    "Je n'ai pas de recette; j'ai un carnet et beaucoup de café.",
)


def seed_portrait() -> Portrait:
    """A full French-Canadian portrait with every kind of content the model holds."""
    questions = (
        Exchange(
            question=RichText(f"Question n° {number + 1} : qu\u2019est-ce qui vous *occupe*?"),
            answers=(Answer(text=RichText(SEED_ANSWERS[number % len(SEED_ANSWERS)])),),
        )
        for number in range(29)
    )
    exchanges = (*questions, Exchange(question=RichText("Merci, Josée!")))
    return Portrait(
        id="josee-tremblay-vachon",
        title="Portrait de gestionnaire de communauté : Josée Tremblay-Vachon",
        subject=Person(
            name="Josée Tremblay-Vachon",
            role="gestionnaire de communauté",
            affiliations=("Coop Vélo-Cité", "Festival des deux roues"),
            bio=RichText("Cycliste d'hiver, _convaincue_."),
            links=(Link(label="Blogue", url="https://josee.example.net/", kind="blog"),),
        ),
        lede=RichText(
            "Chaque jeudi, un portrait. Cette semaine, Josée, qui anime "
            "[la Coop](https://velo-cite.example.org) et ses **4 000 membres**."
        ),
        interview=Interview(
            exchanges=exchanges,
            parts=(Part(title="Le métier", start=0), Part(title="Les outils", start=15)),
        ),
        date=dt.date(2012, 3, 8),
        credits=Credits(
            first_published=Publication(
                url="https://blogue.example.org/2012/03/portrait-josee-tremblay-vachon"
            )
        ),
        language="fr-CA",
        handle_platform="twitter",
        follow=(
            Link(
                label="@coopvelocite",
                url="https://twitter.example.com/coopvelocite",
                kind="twitter",
            ),
            Link(
                label="Facebook", url="https://facebook.example.com/coopvelocite", kind="facebook"
            ),
            Link(label="Courriel", url="mailto:josee@velo-cite.example.org", kind="email"),
        ),
        related=(
            RelatedPortrait(
                name="Marc Lépine-Roy", affiliation="Réparo", portrait="marc-lepine-roy"
            ),
            RelatedPortrait(
                name="Anne Dufresne", url="https://blogue.example.org/2012/02/portrait-anne"
            ),
        ),
        reading=(
            Link(
                label="Animer une communauté en ligne",
                url="https://www.example.net/guides/animer",
                kind="article",
            ),
        ),
        tags=("vélo", "coopérative", "médias sociaux"),
    )


class TestRequiredText:
    """Names, titles and questions must say something."""

    @pytest.mark.parametrize("blank", ["", " ", "\t\n", "\u00a0\u2003"])
    def test_blank_person_name_is_refused(self, blank: str) -> None:
        """A person whose name is empty or white space only is refused, naming the field."""
        with pytest.raises(ModelError) as excinfo:
            Person(name=blank)
        assert str(excinfo.value) == "Person.name: must not be empty"
        assert excinfo.value.owner == "Person"
        assert excinfo.value.field == "name"

    @pytest.mark.parametrize("blank", ["", "   ", "\n"])
    def test_empty_question_is_refused(self, blank: str) -> None:
        """An exchange without a question is refused, and the hint says to write it or drop it."""
        with pytest.raises(ModelError) as excinfo:
            Exchange(
                question=RichText(blank), answers=(Answer(text=RichText("Une réponse orpheline.")),)
            )
        assert str(excinfo.value) == "Exchange.question: must not be empty"
        assert "remove the exchange" in excinfo.value.hint

    def test_empty_answer_is_accepted(self) -> None:
        """An exchange may have no answer (a closing thanks)."""
        assert Exchange(question=RichText("Merci!")).answer == ""

    @pytest.mark.parametrize(
        ("build", "where"),
        [
            (lambda: Anthology(title=" ", language="fr"), "Anthology.title"),
            (lambda: Anthology(title="T", language="fr", subtitle=""), "Anthology.subtitle"),
            (lambda: portrait(title="\t"), "Portrait.title"),
            (lambda: Link(label="", url="https://example.org"), "Link.label"),
            (lambda: Image(path="images/a.png", alt=" "), "Image.alt"),
            (lambda: Series(name=""), "Series.name"),
            (lambda: Part(title="", start=0), "Part.title"),
            (lambda: Section(id="preface", title=""), "Section.title"),
            (lambda: RelatedPortrait(name=" "), "RelatedPortrait.name"),
            (lambda: Person(name="Ann", role=""), "Person.role"),
        ],
    )
    def test_every_required_text_field_refuses_blank(
        self, build: Callable[[], object], where: str
    ) -> None:
        """Every text field that must say something refuses blank text and names itself."""
        with pytest.raises(ModelError, match=rf"^{where}: must not be empty$"):
            build()

    def test_model_error_is_a_value_error(self) -> None:
        """Code that builds models by hand can catch the usual ValueError."""
        with pytest.raises(ValueError, match=r"Person\.name"):
            Person(name="")


class TestUniquePortraitIds:
    """Portrait ids name files and anchors, so an anthology refuses duplicates."""

    def test_duplicate_ids_are_named_with_their_positions(self) -> None:
        """The message names every duplicated id and the positions where it occurs."""
        portraits = tuple(portrait(i) for i in ("ann", "bob", "ann", "cy", "bob"))
        with pytest.raises(ModelError) as excinfo:
            Anthology(title="Recueil", language="fr-CA", portraits=portraits)
        message = str(excinfo.value)
        assert message.startswith("Anthology.portraits: duplicate portrait id")
        assert "'ann' (portraits 0, 2)" in message
        assert "'bob' (portraits 1, 4)" in message
        assert "'cy'" not in message
        assert "file name" in excinfo.value.hint

    def test_distinct_ids_are_accepted(self) -> None:
        """Different ids make a valid anthology, in the order given."""
        anthology = Anthology(
            title="Recueil", language="fr", portraits=(portrait("b"), portrait("a"))
        )
        assert [p.id for p in anthology.portraits] == ["b", "a"]


class TestUrls:
    """Links, sources and related portraits take absolute http(s) or mailto URLs only."""

    def test_missing_scheme_gets_a_full_address_hint(self) -> None:
        """A bare ``facebook.com/x`` is refused with the https:// address to write instead."""
        with pytest.raises(ModelError) as excinfo:
            Link(label="Facebook", url="facebook.com/x", kind="facebook")
        assert str(excinfo.value).startswith("Link.url: 'facebook.com/x' is not an absolute")
        assert "'https://facebook.com/x'" in excinfo.value.hint

    @pytest.mark.parametrize(
        ("value", "problem"),
        [
            ("ftp://example.org/file", "is not an absolute http, https or mailto URL"),
            ("javascript:alert(1)", "is not an absolute http, https or mailto URL"),
            ("https://localhost/page", "has no valid host name"),
            ("https://", "has no valid host name"),
            ("mailto:josee", "is not an e-mail address"),
            ("https://exa mple.org", "contains spaces"),
            ('https://exa"mple.org', "contains a double quote"),
            ("", "is empty"),
        ],
    )
    def test_malformed_urls_are_refused(self, value: str, problem: str) -> None:
        """Each malformed URL is refused with a message that says what is wrong with it."""
        with pytest.raises(ModelError) as excinfo:
            Link(label="Lien", url=value)
        assert problem in str(excinfo.value)
        assert "https://" in excinfo.value.hint

    @pytest.mark.parametrize(
        "value",
        [
            "https://example.org",
            "http://www.example.com/a/b?c=d#e",
            "https://example.org:8443/é",
            "mailto:josee@example.org",
            "https://bücher.example/",
            "https://xn--bcher-kva.example/",
            "HTTPS://EXAMPLE.ORG/",
            "mailto:ana.lima+boats@example.org?subject=Hello",
        ],
    )
    def test_absolute_urls_are_accepted(self, value: str) -> None:
        """Absolute http, https and mailto URLs with a dotted host are kept as written."""
        assert Link(label="Lien", url=value).url == value

    def test_first_publication_and_related_url_are_checked(self) -> None:
        """The same check applies to where a portrait first appeared and a related portrait."""
        with pytest.raises(ModelError, match=r"^Publication\.url: "):
            Publication(url="www.example.org/blog")
        with pytest.raises(ModelError, match=r"^RelatedPortrait\.url: "):
            RelatedPortrait(name="Anne", url="example.org")


class TestLanguageTags:
    """Languages are BCP 47 tags: they end up in lang attributes and EPUB metadata."""

    def test_underscore_tag_suggests_the_hyphenated_one(self) -> None:
        """``fr_CA`` (a locale name) is refused with ``fr-CA`` as the suggestion."""
        with pytest.raises(ModelError) as excinfo:
            Anthology(title="Recueil", language="fr_CA")
        assert "(did you mean 'fr-CA'?)" in str(excinfo.value)

    @pytest.mark.parametrize("value", ["f1", "f", "fr-", "en--GB", "fr CA", "", "français"])
    def test_malformed_tags_are_refused(self, value: str) -> None:
        """Strings that are not well-formed tags are refused, with examples in the hint."""
        with pytest.raises(ModelError, match="is not a BCP 47 language tag") as excinfo:
            Anthology(title="Recueil", language=value)
        assert "did you mean" not in str(excinfo.value)
        assert "'fr-CA'" in excinfo.value.hint

    @given(strategies.language_tags())
    def test_well_formed_tags_are_accepted(self, tag: str) -> None:
        """Well-formed tags are accepted on anthologies and portraits alike."""
        assert Anthology(title="Recueil", language=tag).language == tag
        assert portrait(language=tag).language == tag

    def test_portrait_language_is_checked(self) -> None:
        """A portrait's own language goes through the same check."""
        with pytest.raises(ModelError, match=r"^Portrait\.language: 'en_GB'.*'en-GB'"):
            portrait(language="en_GB")


class TestSlugs:
    """Portrait, section and related-portrait ids are lowercase slugs."""

    @pytest.mark.parametrize(
        ("value", "suggestion"),
        [
            ("Maude Lavigueur", "maude-lavigueur"),
            ("Julie Désormeaux", "julie-desormeaux"),
            ("a--b", "a-b"),
            ("-intro", "intro"),
            ("remerciements_", "remerciements"),
        ],
    )
    def test_bad_slug_suggests_one(self, value: str, suggestion: str) -> None:
        """An id that is not a slug is refused with a slug made from it as the suggestion."""
        with pytest.raises(ModelError) as excinfo:
            portrait(value)
        assert str(excinfo.value) == f"Portrait.id: {value!r} is not a valid id"
        assert excinfo.value.hint.endswith(f"such as {suggestion!r}")

    def test_unsluggable_id_gets_no_suggestion(self) -> None:
        """When nothing is left to suggest, the hint only explains the rule."""
        with pytest.raises(ModelError) as excinfo:
            Section(id="«»", title="Préface")
        assert "such as" not in excinfo.value.hint
        assert "lowercase" in excinfo.value.hint

    def test_related_portrait_id_is_a_slug(self) -> None:
        """A related portrait's id is checked like a portrait id."""
        with pytest.raises(ModelError, match=r"^RelatedPortrait\.portrait: "):
            RelatedPortrait(name="Anne", portrait="Anne Dufresne")

    @given(strategies.slugs())
    def test_generated_slugs_are_accepted(self, value: str) -> None:
        """Every slug of the strategy is a valid id (the strategy matches the validator)."""
        assert Section(id=value, title="Préface").id == value


class TestImagePaths:
    """Image paths stay inside the anthology folder."""

    @pytest.mark.parametrize(
        ("value", "reason"),
        [
            ("../x.png", "leaves the anthology folder"),
            ("images/../../x.png", "leaves the anthology folder"),
            ("/etc/passwd", "is an absolute path"),
            ("C:/photos/x.png", "is an absolute path"),
            ("\\\\server\\x.png", "is an absolute path"),
            ("images\\x.png", "uses backslashes"),
            ("https://example.org/x.png", "is a URL"),
            ("file:///etc/passwd", "is a URL"),
            ("data:image/png;base64,AAAA", "is a URL"),
            ("", "is empty"),
            ("  ", "is empty"),
        ],
    )
    def test_paths_leaving_the_folder_are_refused(self, value: str, reason: str) -> None:
        """Paths that could read outside the folder or fetch something remote are refused."""
        with pytest.raises(ModelError) as excinfo:
            Image(path=value, alt="Une photo")
        assert str(excinfo.value).startswith(f"Image.path: {value!r} {reason}")
        assert "'images/photo.jpg'" in excinfo.value.hint

    @pytest.mark.parametrize("value", ["images/maude.png", "cover.jpg", "a/b/c d é.webp", "x..y"])
    def test_relative_paths_are_accepted(self, value: str) -> None:
        """Relative POSIX paths inside the folder are kept as written."""
        assert Image(path=value, alt="Une photo").path == value


class TestKinds:
    """Link and section kinds come from closed lists that renderers know."""

    @pytest.mark.parametrize("kind", ["Facebook", "mail", "x", ""])
    def test_unknown_link_kind_is_refused(self, kind: str) -> None:
        """An unknown link kind is refused, and the hint lists the known ones."""
        with pytest.raises(ModelError, match=r"^Link\.kind: .* is not a link kind$") as excinfo:
            Link(label="Page", url="https://example.org", kind=kind)
        assert all(known in excinfo.value.hint for known in LINK_KINDS)

    @pytest.mark.parametrize("kind", ["appendix", "Preface", "reading_list"])
    def test_unknown_section_kind_is_refused(self, kind: str) -> None:
        """An unknown section kind is refused, and the hint lists the known ones."""
        with pytest.raises(ModelError, match=r"^Section\.kind: .* is not a section kind$") as exc:
            Section(id="annexe", title="Annexe", kind=kind)
        assert all(known in exc.value.hint for known in SECTION_KINDS)

    def test_defaults_are_known_kinds(self) -> None:
        """A link defaults to ``website`` and a section to ``other``."""
        assert Link(label="Site", url="https://example.org").kind == "website"
        assert Section(id="notes", title="Notes").kind == "other"


class TestParts:
    """Parts mark where they start: in order, inside the interview."""

    def test_parts_out_of_order_are_refused(self) -> None:
        """A part starting at or before the previous one is refused, naming its position."""
        exchanges = (exchange(), exchange(), exchange())
        with pytest.raises(ModelError) as excinfo:
            Interview(
                exchanges=exchanges,
                parts=(Part(title="Deux", start=2), Part(title="Un", start=1)),
            )
        assert str(excinfo.value).startswith("Interview.parts[1]: part 'Un' starts at exchange 1")
        assert "in order" in excinfo.value.hint

    def test_two_parts_at_the_same_exchange_are_refused(self) -> None:
        """Two parts cannot start at the same exchange: the first would be empty."""
        with pytest.raises(ModelError, match=r"^Interview\.parts\[0\]: part 'A' has no questions"):
            Interview(
                exchanges=(exchange(), exchange()),
                parts=(Part(title="A", start=1), Part(title="B", start=1)),
            )

    @pytest.mark.parametrize("start", [2, 3, 100])
    def test_part_past_the_end_is_refused(self, start: int) -> None:
        """A part starting after the last exchange is refused with the number of exchanges."""
        with pytest.raises(ModelError) as excinfo:
            Interview(exchanges=(exchange(), exchange()), parts=(Part(title="Fin", start=start),))
        assert f"starts at exchange {start} but the interview has 2 exchanges" in str(excinfo.value)

    def test_negative_start_is_refused(self) -> None:
        """A part cannot start before the first exchange."""
        with pytest.raises(ModelError, match=r"^Interview\.parts\[0\]"):
            Interview(exchanges=(exchange(),), parts=(Part(title="Avant", start=-1),))

    def test_part_in_an_empty_interview_is_refused(self) -> None:
        """An interview without exchanges cannot have parts."""
        with pytest.raises(ModelError, match="has 0 exchanges"):
            Interview(parts=(Part(title="Vide", start=0),))


class TestGrouped:
    """``Interview.grouped()`` gives each part its exchanges."""

    def test_without_parts_everything_is_one_untitled_group(self) -> None:
        """Without parts, all exchanges form one group with no part."""
        exchanges = (exchange("A?"), exchange("B?"))
        assert list(Interview(exchanges=exchanges).grouped()) == [(None, exchanges)]

    def test_exchanges_before_the_first_part_are_untitled(self) -> None:
        """Exchanges before the first part come first, with ``None`` as their part."""
        a, b, c, d = (exchange(q) for q in ("A?", "B?", "C?", "D?"))
        one, two = Part(title="Un", start=1), Part(title="Deux", start=3)
        interview = Interview(exchanges=(a, b, c, d), parts=(one, two))
        assert list(interview.grouped()) == [(None, (a,)), (one, (b, c)), (two, (d,))]

    def test_part_at_zero_has_no_untitled_opening(self) -> None:
        """When the first part starts at the first exchange, no untitled group is yielded."""
        a, b = exchange("A?"), exchange("B?")
        part = Part(title="Tout", start=0)
        assert list(Interview(exchanges=(a, b), parts=(part,)).grouped()) == [(part, (a, b))]

    def test_empty_interview_yields_nothing(self) -> None:
        """An interview without exchanges has no groups."""
        assert list(Interview().grouped()) == []

    @given(strategies.interviews())
    def test_groups_cover_every_exchange_once_in_order(self, interview: Interview) -> None:
        """Concatenating the groups gives back the exchanges; only the first may lack a part."""
        groups = list(interview.grouped())
        flattened = tuple(e for _, group in groups for e in group)
        assert flattened == interview.exchanges
        assert all(group for _, group in groups)
        assert [part for part, _ in groups if part is not None] == list(interview.parts)
        assert all(part is not None for part, _ in groups[1:])


class TestAnchors:
    """``Portrait.part_id`` and ``question_id``: the one address of a part or a question."""

    def test_parts_are_counted_among_titled_parts_from_one(self) -> None:
        """An untitled opening does not count: the first titled part is always ``part1``."""
        one, two = Part(title="Un", start=1), Part(title="Deux", start=3)
        exchanges = tuple(exchange(q) for q in ("A?", "B?", "C?", "D?"))
        opened = portrait("maude-l", interview=Interview(exchanges=exchanges, parts=(one, two)))
        assert [opened.part_id(part) for part in (one, two)] == ["maude-l-part1", "maude-l-part2"]
        at_zero = Part(title="Tout", start=0)
        plain = portrait("maude-l", interview=Interview(exchanges=exchanges, parts=(at_zero,)))
        assert plain.part_id(at_zero) == "maude-l-part1"

    def test_a_part_of_another_interview_has_no_address_here(self) -> None:
        with pytest.raises(ValueError):
            portrait().part_id(Part(title="Ailleurs", start=0))

    def test_questions_are_counted_from_one(self) -> None:
        assert portrait("maude-l").question_id(1) == "maude-l-q1"


class TestFrozen:
    """Models are immutable values; changes go through ``attrs.evolve``, which validates again."""

    def test_attributes_cannot_be_assigned(self) -> None:
        """Assigning to a field raises FrozenInstanceError."""
        link = Link(label="Site", url="https://example.org")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            link.url = "https://example.com"  # type: ignore[misc]
        assert link.url == "https://example.org"

    def test_nested_models_are_frozen_too(self) -> None:
        """A portrait's subject cannot be changed in place either."""
        value = portrait()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            value.subject.name = "Quelqu'un d'autre"  # type: ignore[misc]

    def test_evolve_validates_again(self) -> None:
        """``attrs.evolve`` with an invalid value raises the same error as construction."""
        link = Link(label="Site", url="https://example.org")
        with pytest.raises(ModelError, match=r"^Link\.url: "):
            attrs.evolve(link, url="example.org")
        with pytest.raises(ModelError, match="duplicate portrait id 'a'"):
            attrs.evolve(
                Anthology(title="R", language="fr", portraits=(portrait("a"), portrait("b"))),
                portraits=(portrait("a"), portrait("a")),
            )

    def test_evolve_returns_a_changed_copy(self) -> None:
        """A valid evolve gives a new value and leaves the original untouched."""
        link = Link(label="Site", url="https://example.org")
        changed = attrs.evolve(link, kind="blog")
        assert (link.kind, changed.kind) == ("website", "blog")

    @given(strategies.anthologies())
    def test_equal_values_hash_equal(self, anthology: Anthology) -> None:
        """Frozen models are hashable values: equal anthologies have equal hashes."""
        copy = attrs.evolve(anthology)
        assert copy == anthology
        assert hash(copy) == hash(anthology)


class TestAnthologyLookups:
    """Lookups exporters use: portrait by id, interviewer and language fallbacks."""

    def test_portrait_by_id(self) -> None:
        """``portrait(id)`` returns the portrait with that id."""
        b = portrait("b")
        anthology = Anthology(title="R", language="fr", portraits=(portrait("a"), b))
        assert anthology.portrait("b") is b

    def test_unknown_portrait_id_raises_key_error(self) -> None:
        """An unknown id raises KeyError with the id."""
        anthology = Anthology(title="R", language="fr", portraits=(portrait("a"),))
        with pytest.raises(KeyError, match="'zed'"):
            anthology.portrait("zed")

    def test_a_portraits_own_interviewers_win(self) -> None:
        """A portrait's own interviewers win over the anthology's default."""
        default, guest = Person(name="Défaut"), Person(name="Invité")
        anthology = Anthology(title="R", language="fr", default_interviewers=(default,))
        assert anthology.interviewers_of(portrait(interviewers=(guest,))) == (guest,)

    def test_an_absent_interviewer_takes_the_stated_default(self) -> None:
        """Without interviewers of its own, a portrait takes the anthology's stated default."""
        first, second = Person(name="Première"), Person(name="Second")
        anthology = Anthology(title="R", language="fr", default_interviewers=(first, second))
        assert anthology.interviewers_of(portrait()) == (first, second)

    def test_editors_are_never_guessed_as_interviewers(self) -> None:
        """Editors edit: without a stated interviewer or default, nobody asked."""
        anthology = Anthology(title="R", language="fr", editors=(Person(name="Éditrice"),))
        assert anthology.interviewers_of(portrait()) == ()

    def test_an_empty_list_says_not_named(self) -> None:
        """``interviewers: []`` refuses the default: the interviewer is not named."""
        anthology = Anthology(
            title="R", language="fr", default_interviewers=(Person(name="Défaut"),)
        )
        assert anthology.interviewers_of(portrait(interviewers=())) == ()

    def test_language_falls_back_to_the_anthology(self) -> None:
        """A portrait without its own language is in the anthology's language."""
        anthology = Anthology(title="R", language="fr-CA")
        assert anthology.language_of(portrait()) == "fr-CA"
        assert anthology.language_of(portrait(language="en")) == "en"


class TestSeedShapedPortrait:
    """The model holds a full blog portrait: thirty exchanges, lists, links, handles."""

    def test_it_builds_with_every_part_kept(self) -> None:
        """The seed-shaped portrait constructs and keeps its content as written."""
        value = seed_portrait()
        assert len(value.interview.exchanges) == 30
        assert value.language == "fr-CA"
        assert value.date == dt.date(2012, 3, 8)
        assert [link.kind for link in value.follow] == ["twitter", "facebook", "email"]
        assert value.related[0].portrait == "marc-lepine-roy"
        assert value.interview.exchanges[1].answer.source == SEED_ANSWERS[1]
        assert value.interview.exchanges[-1].answer.is_blank()

    def test_it_groups_into_its_two_parts(self) -> None:
        """Its two parts split the thirty exchanges at the fifteenth."""
        groups = list(seed_portrait().interview.grouped())
        assert [(part.title if part else None, len(group)) for part, group in groups] == [
            ("Le métier", 15),
            ("Les outils", 15),
        ]

    def test_it_renders_lists_links_and_handles(self) -> None:
        """Its answers render lists and links, and keep @handles and #hashtags as text."""
        answers = [e.answer.to_html() for e in seed_portrait().interview.exchanges]
        assert "<ul>" in answers[1]
        assert "<li>surveiller #VéloSherbrooke le soir.</li>" in answers[1]
        assert "<ol>" in answers[5]
        assert '<a href="https://velo-cite.example.org/blogue">notre blogue</a>' in answers[3]
        assert "@coopvelocite" in answers[2]

    def test_it_round_trips_through_canonical_json(self) -> None:
        """In an anthology, it survives canonical JSON unchanged."""
        anthology = Anthology(
            title="Derrière les écrans",
            language="en",
            editors=(Person(name="Geneviève Saint-Onge"),),
            portraits=(seed_portrait(), portrait("marc-lepine-roy")),
        )
        loaded = interviewkit.loads(interviewkit.dumps(anthology))
        assert loaded == anthology
        assert loaded.language_of(loaded.portrait("josee-tremblay-vachon")) == "fr-CA"
        assert loaded.interviewers_of(loaded.portraits[0]) == ()


class TestStrategies:
    """The shared strategies produce valid values (a broken generator would hide real bugs)."""

    @given(strategies.anthologies())
    def test_generated_anthologies_revalidate(self, anthology: Anthology) -> None:
        """Rebuilding a generated anthology field by field passes every validator again."""
        rebuilt = attrs.evolve(
            anthology,
            portraits=tuple(
                attrs.evolve(p, interview=attrs.evolve(p.interview)) for p in anthology.portraits
            ),
        )
        assert rebuilt == anthology
        assert len({p.id for p in anthology.portraits}) == len(anthology.portraits)


class TestLimits:
    """Values every output format must be able to hold."""

    @pytest.mark.parametrize("number", [-1, 100_001, 2**70])
    def test_series_number_out_of_range_is_refused(self, number: int) -> None:
        """A volume number outside 0..100000 is refused (JSON writers cap integers)."""
        with pytest.raises(ModelError, match=r"Series\.number"):
            Series(name="Portraits du jeudi", number=number)

    @pytest.mark.parametrize("path", [" images/x.png", "images/x.png ", "images/a\nb.png"])
    def test_image_path_with_stray_spaces_is_refused(self, path: str) -> None:
        """Leading or trailing spaces and line breaks in an image path are refused."""
        with pytest.raises(ModelError, match=r"Image\.path"):
            Image(path=path, alt="Une photo")
