"""Negated, hedged and attributed facts: what happened apart from what someone alleged."""

from __future__ import annotations

import pytest
from extract_helpers import find, run, show

FLAGS: list[tuple[str, str, tuple[str, str, str], dict[str, object]]] = [
    ("negated", "Rogozin did not accuse Musk of treason.", ("Rogozin", "ACCUSE", "Musk"),
     {"negated": True, "hedged": False}),
    ("never", "Musk never supported Russia.", ("Musk", "AID", "Russia"), {"negated": True}),
    ("refused", "Hungary refused to sanction Russia.", ("Hungary", "SANCTION", "Russia"),
     {"negated": True}),
    ("modal", "Russia could attack Finland next year.", ("Russia", "ATTACK", "Finland"),
     {"hedged": True, "negated": False}),
    ("trying", "Musk is trying to buy Twitter.", ("Musk", "BUY", "Twitter"), {"hedged": True}),
    ("reportedly", "Russia reportedly attacked Kharkiv overnight.",
     ("Russia", "ATTACK", "Kharkiv"), {"hedged": True}),
    ("conditional", "If Iran attacks Israel, Washington will respond.",
     ("Iran", "ATTACK", "Israel"), {"hedged": True}),
    ("asserted", "Turkey criticized Sweden.", ("Turkey", "CRITICIZE", "Sweden"),
     {"negated": False, "hedged": False, "attributed_to": None}),
    ("claimed", "Lavrov claimed that Ukraine attacked Belgorod.",
     ("Ukraine", "ATTACK", "Belgorod"), {"attributed_to": "Lavrov"}),
    ("allegation", "Rogozin accused Musk of supplying equipment to the Azov Battalion.",
     ("Musk", "SUPPLY", "Azov Battalion"), {"attributed_to": "Rogozin"}),
    ("quote-said", '"NATO attacked Serbia without a mandate," Lavrov said.',
     ("NATO", "ATTACK", "Serbia"), {"attributed_to": "Lavrov"}),
    ("according-to", "According to Reuters, Israel struck Lebanon.",
     ("Israel", "ATTACK", "Lebanon"), {"attributed_to": "Reuters"}),
]


@pytest.mark.parametrize(("case", "text", "fact", "flags"), FLAGS, ids=[c[0] for c in FLAGS])
def test_extract_flags(case: str, text: str, fact: tuple[str, str, str],
                       flags: dict[str, object]) -> None:
    ex = run(text)
    r = find(ex, *fact)
    assert r is not None, (case, fact, show(ex))
    names = {e.key: e.name for e in ex.entities}
    for flag, expected in flags.items():
        value = getattr(r, flag)
        if flag == "attributed_to" and value is not None:
            value = names[value].split()[-1]
        assert value == expected, (case, flag, show(ex))


def test_extract_flags_boast_of_force_is_a_threat() -> None:
    ex = run("Rogozin boasted that Russia could destroy NATO in half an hour.")
    assert find(ex, "Rogozin", "THREATEN", "NATO"), show(ex)
    assert not find(ex, "Russia", "ATTACK", "NATO"), show(ex)
