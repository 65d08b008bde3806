"""Round-3 extraction rules: place read off the word order, and more (issue 4).

Every sentence here is written for the test; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest
from extract_helpers import find, run, show

Fact = tuple[str, str, str]

FOUND: list[tuple[str, str, list[Fact]]] = [
    # the actor just before "in/near <place>", whatever the parser attached the phrase to
    ("actor-then-place", "Police said Hezbollah gunmen in Beirut fired on a convoy.",
     [("Hezbollah", "LOCATED_IN", "Beirut")]),
    ("actor-then-place-list", "The charity helped Kurdish refugees in Turkey and Lebanon.",
     [("Kurdish refugees", "LOCATED_IN", "Turkey"), ("Kurdish refugees", "LOCATED_IN",
                                                     "Lebanon")]),
    ("place-in-place", "A bomb hit a market in Kirkuk in Iraq on Friday.",
     [("Kirkuk", "LOCATED_IN", "Iraq")]),
    # a place fronted before the comma locates the actors of the sentence
    ("fronted-place", "Near Kandahar, two drones struck Taliban positions.",
     [("Taliban", "LOCATED_IN", "Kandahar")]),
    # both sides of a meeting are where it took place
    ("meeting-place", "Emmanuel Macron met Olaf Scholz in Paris on Tuesday.",
     [("Olaf Scholz", "LOCATED_IN", "Paris"), ("Emmanuel Macron", "LOCATED_IN", "Paris")]),
    # "X, an <org> <title> in <place>": the person is there and holds the title in the org
    ("apposed-title-in-place", "Last week, Abu Omar al-Shishani, a Hezbollah field commander "
     "in Homs, was killed by an airstrike.", [("Shishani", "LOCATED_IN", "Homs"),
                                              ("Shishani", "LEADS", "Hezbollah")]),
    # "support of X in the fight against Y": X is the one fighting
    ("in-the-fight-against", "Norway remains steadfast in its support of the Somali army in the "
     "fight against Al-Shabaab.", [("Somali army", "FIGHT", "Al-Shabaab")]),
    # an office the article never names a holder for is an actor of its own
    ("unnamed-office", "The Foreign Secretary met Kenyan President William Ruto in Nairobi.",
     [("Foreign Secretary", "MEET", "William Ruto")]),
    # two subjects meet each other; a date phrase does not name another side
    # a list item the parser hung on the first item as an apposition still acts
    ("list-read-as-apposition", "The US, the European Union and the Government of Japan "
     "strongly condemned North Korea.", [("European Union", "CRITICIZE", "North Korea"),
                                         ("US", "CRITICIZE", "North Korea")]),
    ("meet-each-other-dated", "The Prime Minister and Chancellor Olaf Scholz met on 4 May.",
     [("Prime Minister", "MEET", "Olaf Scholz")]),
]


@pytest.mark.parametrize(("case", "text", "facts"), FOUND, ids=[c[0] for c in FOUND])
def test_extract_round3_found(case: str, text: str, facts: list[Fact]) -> None:
    ex = run(text)
    for subject, predicate, obj in facts:
        assert find(ex, subject, predicate, obj), (case, subject, predicate, obj, show(ex))


NOT_FOUND: list[tuple[str, str, list[Fact]]] = [
    # ... and is no second name of the first item
    ("list-not-alias", "The US, the European Union and the Government of Japan strongly "
     "condemned North Korea.", [("US", "ALIAS", "European Union")]),
    # the strike was near the town; the air force that flew it was not
    ("event-noun-between", "A Royal Air Force airstrike near Mosul destroyed a bridge.",
     [("Royal Air Force", "LOCATED_IN", "Mosul")]),
    # the commander is in Homs, not the organisation; and he leads in it, not Homs
    ("apposed-title-not-org-place", "Last week, Abu Omar al-Shishani, a Hezbollah field "
     "commander in Homs, was killed by an airstrike.", [("Hezbollah", "LOCATED_IN", "Homs"),
                                                       ("Shishani", "LEADS", "Homs")]),
    # the supporter is not the fighter
    ("in-the-fight-not-supporter", "Norway remains steadfast in its support of the Somali army "
     "in the fight against Al-Shabaab.", [("Norway", "FIGHT", "Al-Shabaab")]),
    # a fronted place locates the actors, not the other places of the sentence
    ("fronted-place-not-places", "Near Kandahar, Afghan troops shelled roads to Herat.",
     [("Herat", "LOCATED_IN", "Kandahar")]),
]


@pytest.mark.parametrize(("case", "text", "facts"), NOT_FOUND, ids=[c[0] for c in NOT_FOUND])
def test_extract_round3_not_found(case: str, text: str, facts: list[Fact]) -> None:
    ex = run(text)
    for subject, predicate, obj in facts:
        assert not find(ex, subject, predicate, obj), (case, subject, predicate, obj, show(ex))


def test_extract_round3_title_head_word_finds_holder() -> None:
    # "the secretary" is the article's "Defence Secretary <name>", not an office of its own
    ex = run("Defence Secretary Grant Shapps arrived in Kyiv on Monday. The secretary praised "
             "the Ukrainian army.")
    shapps = next(e for e in ex.entities if e.name.endswith("Shapps"))
    assert any(m.text.lower() == "the secretary" for m in shapps.mentions), show(ex)
    assert not any(e.key.startswith("o:") for e in ex.entities), [e.key for e in ex.entities]


def test_extract_round3_unnamed_office_is_one_person() -> None:
    ex = run("The Foreign Secretary flew to Nairobi. The Foreign Secretary then met "
             "President William Ruto.")
    offices = [e for e in ex.entities if e.key.startswith("o:")]
    assert len(offices) == 1, [(e.key, e.name) for e in ex.entities]
    assert offices[0].label == "PERSON" and len(offices[0].mentions) == 2
