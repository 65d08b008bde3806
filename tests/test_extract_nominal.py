"""Structural facts from noun phrases: titles, appositions, kin, ownership, aliases, place."""

from __future__ import annotations

import pytest
from extract_helpers import find, run, show

Fact = tuple[str, str, str]

NOMINAL: list[tuple[str, str, list[Fact]]] = [
    ("title-org", "Tesla CEO Elon Musk arrived in Berlin.", [("Musk", "LEADS", "Tesla")]),
    ("title-country", "US President Joe Biden arrived in Kyiv.",
     [("Biden", "LEADS", "United States")]),
    ("title-demonym", "Ukrainian President Volodymyr Zelensky addressed the parliament.",
     [("Zelensky", "LEADS", "Ukraine")]),
    ("apposition-of", "Dmitry Rogozin, head of the Russian space agency Roscosmos, spoke.",
     [("Rogozin", "LEADS", "Roscosmos")]),
    ("apposition-possessive", "Ukraine's president, Volodymyr Zelensky, spoke in Kyiv.",
     [("Zelensky", "LEADS", "Ukraine")]),
    ("apposition-member", "Sergei Lavrov, Russia's foreign minister, arrived in Delhi.",
     [("Lavrov", "MEMBER_OF", "Russia")]),
    ("copular-title", "Dmitry Rogozin is the head of Roscosmos.",
     [("Rogozin", "LEADS", "Roscosmos")]),
    ("copular-member", "Jens Stoltenberg was a member of the Labour Party.",
     [("Stoltenberg", "MEMBER_OF", "Labour Party")]),
    ("family-apposition", "Elon Musk thanked his mother, Maye Musk.",
     [("Maye Musk", "RELATIVE_OF", "Elon Musk")]),
    ("family-of", "Hunter Biden, the son of Joe Biden, testified in Washington.",
     [("Hunter Biden", "RELATIVE_OF", "Joe Biden")]),
    ("ownership-possessive", "SpaceX's Starlink has thousands of satellites.",
     [("SpaceX", "OWNS", "Starlink")]),
    ("ownership-verb", "Meta owns WhatsApp.", [("Meta", "OWNS", "WhatsApp")]),
    ("launch-compound", "SpaceX has launched more than 2,000 Starlink satellites.",
     [("SpaceX", "LAUNCH", "Starlink")]),
    ("alias-brackets", "The Syrian Democratic Forces (SDF) took Raqqa.",
     [("Syrian Democratic Forces", "ALIAS", "SDF")]),
    ("located-noun", "U.S. forces in Syria are advising the SDF.",
     [("U.S. forces", "LOCATED_IN", "Syria")]),
    ("located-comma", "The airmen left Incirlik, Turkey, on Monday.",
     [("Incirlik", "LOCATED_IN", "Turkey")]),
    ("including-member", "G7 leaders including Joe Biden met in Hiroshima.",
     [("Joe Biden", "MEMBER_OF", "G7 leaders")]),
]


@pytest.mark.parametrize(("case", "text", "facts"), NOMINAL, ids=[c[0] for c in NOMINAL])
def test_extract_nominal_fact(case: str, text: str, facts: list[Fact]) -> None:
    ex = run(text)
    for subject, predicate, obj in facts:
        assert find(ex, subject, predicate, obj), (case, subject, predicate, obj, show(ex))


def test_extract_nominal_title_becomes_entity_role() -> None:
    ex = run("Dmitry Rogozin, head of the Russian space agency Roscosmos, spoke.")
    rogozin = next(e for e in ex.entities if e.name.endswith("Rogozin"))
    assert any(r.startswith("head of") and "Roscosmos" in r for r in rogozin.roles)


def test_extract_nominal_group_linked_to_country() -> None:
    ex = run("Ukrainian forces shot down a drone near Kharkiv.")
    group = next(e for e in ex.entities if any(m.text == "Ukrainian forces" for m in e.mentions))
    assert group.label == "ORG"
    assert group.country == "UKR"


UNNAMED_GROUPS: list[tuple[str, str, list[Fact]]] = [
    ("bare-plural-object", "Coalition aircraft struck militants near Raqqah.",
     [("Coalition", "ATTACK", "militants")]),
    ("bare-plural-subject", "Gunmen attacked a checkpoint and killed civilians in Kabul.",
     [("gunmen", "ATTACK", "civilians")]),
    ("definite-collective", "The Assad regime bombed Aleppo. The regime also attacked Idlib.",
     [("Assad regime", "ATTACK", "Idlib")]),
    ("enemy-is-the-named-opponent", "Iraqi forces fought ISIL fighters near Mosul. The army "
     "then retook the bridge. The UK is committed to defeating the enemy.",
     [("UK", "FIGHT", "ISIL")]),
    ("these-terrorists", "The Coalition launched strikes against ISIL in Syria. The UK is "
     "working with its allies to defeat these terrorists.", [("UK", "FIGHT", "ISIL")]),
]


@pytest.mark.parametrize(("case", "text", "facts"), UNNAMED_GROUPS,
                         ids=[c[0] for c in UNNAMED_GROUPS])
def test_extract_nominal_unnamed_groups(case: str, text: str, facts: list[Fact]) -> None:
    ex = run(text)
    for subject, predicate, obj in facts:
        assert find(ex, subject, predicate, obj), (case, subject, predicate, obj, show(ex))


def test_extract_nominal_unnamed_group_is_a_group_actor() -> None:
    ex = run("Coalition aircraft struck militants near Raqqah.")
    militants = next(e for e in ex.entities if e.name == "militants")
    assert (militants.kind, militants.label, militants.gazetteer_id) == ("Group", "ORG", None)
