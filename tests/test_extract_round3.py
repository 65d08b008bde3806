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
]


@pytest.mark.parametrize(("case", "text", "facts"), FOUND, ids=[c[0] for c in FOUND])
def test_extract_round3_found(case: str, text: str, facts: list[Fact]) -> None:
    ex = run(text)
    for subject, predicate, obj in facts:
        assert find(ex, subject, predicate, obj), (case, subject, predicate, obj, show(ex))


NOT_FOUND: list[tuple[str, str, list[Fact]]] = [
    # the strike was near the town; the air force that flew it was not
    ("event-noun-between", "A Royal Air Force airstrike near Mosul destroyed a bridge.",
     [("Royal Air Force", "LOCATED_IN", "Mosul")]),
    # a fronted place locates the actors, not the other places of the sentence
    ("fronted-place-not-places", "Near Kandahar, Afghan troops shelled roads to Herat.",
     [("Herat", "LOCATED_IN", "Kandahar")]),
]


@pytest.mark.parametrize(("case", "text", "facts"), NOT_FOUND, ids=[c[0] for c in NOT_FOUND])
def test_extract_round3_not_found(case: str, text: str, facts: list[Fact]) -> None:
    ex = run(text)
    for subject, predicate, obj in facts:
        assert not find(ex, subject, predicate, obj), (case, subject, predicate, obj, show(ex))
