"""Entity resolution: stable, deterministic actor ids within and across articles."""

from __future__ import annotations

import pytest

from graphbuilder.resolve import Resolver, actor_id, fact_id
from graphbuilder.types import Actor, Article, Entity, Extraction, Mention, Relation


def _article(n: int) -> Article:
    return Article(id=f"a{n}", doc_id=f"doc{n}", text="x" * 200)


def _entity(key: str, name: str, kind: str = "Person", label: str = "PERSON",
            gazetteer_id: str | None = None, aliases: list[str] | None = None) -> Entity:
    return Entity(key=key, name=name, label=label, kind=kind,
                  mentions=[Mention(0, len(name), name, label)], aliases=aliases or [],
                  gazetteer_id=gazetteer_id)


def _relation(subj: str, pred: str, obj: str, start: int = 0) -> Relation:
    return Relation(subject=subj, predicate=pred, object=obj, subject_span=(0, 1),
                    object_span=(2, 3), start=start, end=start + 10, sentence="s")


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        ("Person", "Dmitry Rogozin", "person:dmitry-rogozin"),
        ("Organization", "Roscosmos", "organization:roscosmos"),
        ("Country", "the United States", "country:united-states"),
        ("Group", "Ukrainian forces", "group:ukrainian-forces"),
        ("Person", "Volodymyr Zelens'kyy", "person:volodymyr-zelenskyy"),
    ],
)
def test_resolve_actor_id_is_kind_and_slug(kind: str, name: str, expected: str) -> None:
    assert actor_id(kind, name) == expected


def test_resolve_surname_joins_full_name_across_articles() -> None:
    r = Resolver()
    g1 = r.resolve(Extraction(_article(1), [_entity("e1", "Elon Musk")], []))
    g2 = r.resolve(Extraction(_article(2), [_entity("e1", "Musk")], []))
    assert [a.id for a in g1.actors] == ["person:elon-musk"]
    assert [a.id for a in g2.actors] == ["person:elon-musk"]
    assert "Musk" in r.actors["person:elon-musk"].aliases


def test_resolve_shared_surname_without_evidence_stays_apart() -> None:
    known = [Actor("person:elon-musk", "Elon Musk", "Person"),
             Actor("person:kimbal-musk", "Kimbal Musk", "Person")]
    r = Resolver(known)
    g = r.resolve(Extraction(_article(1), [_entity("e1", "Musk")], []))
    assert [a.id for a in g.actors] == ["person:musk"]


def test_resolve_full_name_never_joins_bare_surname_actor() -> None:
    r = Resolver([Actor("person:musk", "Musk", "Person")])
    g = r.resolve(Extraction(_article(1), [_entity("e1", "Maye Musk")], []))
    assert [a.id for a in g.actors] == ["person:maye-musk"]


def test_resolve_gazetteer_id_wins_and_links_known_actor() -> None:
    known = [Actor("gb:UKR", "Ukraine", "Country", gazetteer_id="gb:UKR")]
    r = Resolver(known)
    e = _entity("e1", "Ukraine", kind="Country", label="GPE", gazetteer_id="gb:UKR")
    g = r.resolve(Extraction(_article(1), [e], []))
    assert [a.id for a in g.actors] == ["gb:UKR"]


def test_resolve_same_name_different_kind_person_apart() -> None:
    r = Resolver([Actor("organization:jordan", "Jordan", "Organization")])
    g = r.resolve(Extraction(_article(1), [_entity("e1", "Jordan")], []))
    assert [a.id for a in g.actors] == ["person:jordan"]


def test_resolve_facts_use_actor_ids_and_stable_ids() -> None:
    ents = [_entity("e1", "Dmitry Rogozin"), _entity("e2", "Elon Musk")]
    ex = Extraction(_article(1), ents, [_relation("e1", "ACCUSE", "e2", start=5)])
    g1 = Resolver().resolve(ex)
    g2 = Resolver().resolve(ex)
    (fact,) = g1.facts
    assert (fact.relation.subject, fact.relation.object) == ("person:dmitry-rogozin",
                                                              "person:elon-musk")
    assert fact.id == g2.facts[0].id == fact_id("a1", "ACCUSE", "person:dmitry-rogozin",
                                                "person:elon-musk", 5, 15)
    assert fact.article_id == "a1"


def test_resolve_drops_self_loops_and_duplicates() -> None:
    ents = [_entity("e1", "Elon Musk"), _entity("e2", "Musk")]
    rels = [_relation("e1", "MOCK", "e2"), _relation("e1", "ALIAS", "e1")]
    g = Resolver().resolve(Extraction(_article(1), ents, rels))
    assert g.facts == []
    assert g.mentions == {"person:elon-musk": 2}


def test_resolve_attribution_maps_to_actor_id() -> None:
    ents = [_entity("e1", "Dmitry Rogozin"), _entity("e2", "Elon Musk"),
            _entity("e3", "Azov Battalion", kind="Group", label="ORG")]
    rel = _relation("e2", "SUPPLY", "e3")
    rel.attributed_to = "e1"
    g = Resolver().resolve(Extraction(_article(1), ents, [rel]))
    assert g.facts[0].relation.attributed_to == "person:dmitry-rogozin"


def test_resolve_is_deterministic_whatever_the_known_order() -> None:
    known = [Actor("person:joe-biden", "Joe Biden", "Person"),
             Actor("country:united-states", "United States", "Country", aliases=["US"])]
    ex = Extraction(_article(1), [_entity("e1", "Biden"),
                                  _entity("e2", "US", kind="Country", label="GPE")], [])
    a = Resolver(known).resolve(ex)
    b = Resolver(list(reversed(known))).resolve(ex)
    assert [x.id for x in a.actors] == [x.id for x in b.actors] == [
        "country:united-states", "person:joe-biden"]


def test_resolve_unnamed_group_stays_in_its_article() -> None:
    r = Resolver()
    groups = [r.resolve(Extraction(_article(n), [
        _entity("e1", "militants", kind="Group", label="ORG"),
        _entity("e2", "Ukrainian forces", kind="Group", label="ORG")], []))
        for n in (1, 2)]
    ids = [{a.name: a.id for a in g.actors} for g in groups]
    assert ids[0]["militants"] != ids[1]["militants"]
    assert ids[0]["militants"].startswith("group:militants@")
    assert ids[0]["Ukrainian forces"] == ids[1]["Ukrainian forces"] == "group:ukrainian-forces"
    again = Resolver().resolve(Extraction(_article(1), [
        _entity("e1", "militants", kind="Group", label="ORG")], []))
    assert [a.id for a in again.actors] == [ids[0]["militants"]]  # deterministic
