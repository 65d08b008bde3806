"""Facts expressed by verbs, one sentence per construction and per CAMEO root family.

All sentences are written for these tests. Each row: text, then the facts that must be
found as (subject, PREDICATE, object), matched by actor name, alias or mention text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_helpers import find, run, show

Fact = tuple[str, str, str]

CONSTRUCTIONS: list[tuple[str, str, list[Fact]]] = [
    ("active", "Rogozin accused Musk of lying.", [("Rogozin", "ACCUSE", "Musk")]),
    ("passive-agent", "Elon Musk was threatened by Dmitry Rogozin on Sunday.",
     [("Rogozin", "THREATEN", "Musk")]),
    ("passive-perfect", "Kyiv has been attacked by Russia again.",
     [("Russia", "ATTACK", "Kyiv")]),
    ("passive-conjoined-agents", "Navalny was praised by Germany and France.",
     [("Germany", "PRAISE", "Navalny"), ("France", "PRAISE", "Navalny")]),
    ("accusation-clause", "Rogozin accused Musk of supplying equipment to the Azov Battalion.",
     [("Rogozin", "ACCUSE", "Musk"), ("Musk", "SUPPLY", "Azov Battalion")]),
    ("light-weapons", "Poland is supplying weapons to Ukraine.",
     [("Poland", "MILITARY_AID", "Ukraine")]),
    ("speech-clause", "Lavrov said that NATO had attacked Serbia in 1999.",
     [("NATO", "ATTACK", "Serbia")]),
    ("purpose-xcomp", "Zelensky took to Twitter to thank Elon Musk.",
     [("Zelensky", "THANK", "Musk")]),
    ("subject-control", "Elon Musk wants to buy Twitter.", [("Musk", "BUY", "Twitter")]),
    ("object-control", "Macron invited Scholz to visit Senegal.",
     [("Macron", "INVITE", "Scholz"), ("Scholz", "VISIT", "Senegal")]),
    ("light-talks", "Joe Biden held talks with Volodymyr Zelensky in Warsaw.",
     [("Biden", "MEET", "Zelensky")]),
    ("light-strikes", "Israel carried out airstrikes against Hezbollah.",
     [("Israel", "ATTACK", "Hezbollah")]),
    ("light-sanctions", "The European Union imposed sanctions on Belarus.",
     [("European Union", "SANCTION", "Belarus")]),
    ("conj-subjects", "France and Germany condemned Russia.",
     [("France", "CRITICIZE", "Russia"), ("Germany", "CRITICIZE", "Russia")]),
    ("conj-objects", "Turkey criticized Sweden and Finland.",
     [("Turkey", "CRITICIZE", "Sweden"), ("Turkey", "CRITICIZE", "Finland")]),
    ("conj-verbs", "Zelensky thanked Macron and praised Scholz.",
     [("Zelensky", "THANK", "Macron"), ("Zelensky", "PRAISE", "Scholz")]),
    ("relative-clause", "Elon Musk, who is trying to buy Twitter, mocked Rogozin.",
     [("Musk", "BUY", "Twitter"), ("Musk", "MOCK", "Rogozin")]),
    ("dash-aside", "Lavrov - who boasted that Moscow could win 'in a week' - accused Blinken "
     "of lying.", [("Lavrov", "ACCUSE", "Blinken")]),
    ("dash-aside-clause", "Medvedev - who on Sunday boasted that Russia can destroy all NATO "
     "countries 'in half an hour' - accused Scholz of supplying weapons to Kyiv.",
     [("Medvedev", "ACCUSE", "Scholz")]),
    ("relative-clause-object", "Putin praised Kadyrov, who has fought Ukraine since 2022.",
     [("Putin", "PRAISE", "Kadyrov"), ("Kadyrov", "FIGHT", "Ukraine")]),
    ("prep-object", "Rogozin has been feuding with Musk since the invasion began.",
     [("Rogozin", "FEUD", "Musk")]),
    ("phrasal-prep", "Kadyrov lashed out at Prigozhin.", [("Kadyrov", "CRITICIZE", "Prigozhin")]),
    ("indirect-object", "Starlink gave Ukrainian forces an edge in the drone war.",
     [("Starlink", "SUPPLY", "Ukrainian forces")]),
    ("to-recipient", "Germany sent tanks to Ukraine last year.",
     [("Germany", "SUPPLY", "Ukraine")]),
    ("possessor-object", "Rogozin mocked Musk's attempts to buy Twitter.",
     [("Rogozin", "MOCK", "Musk"), ("Musk", "BUY", "Twitter")]),
    ("inverse-include", "NATO includes Norway and Denmark.",
     [("Norway", "MEMBER_OF", "NATO"), ("Denmark", "MEMBER_OF", "NATO")]),
    ("event-noun", "Russia's invasion of Ukraine shocked Europe.",
     [("Russia", "INVADE", "Ukraine")]),
    ("apposed-subject", "Dmitry Rogozin, the head of the Russian space agency Roscosmos, accused"
     " Elon Musk on Sunday of supplying communications to Ukrainian forces.",
     [("Rogozin", "ACCUSE", "Musk"), ("Rogozin", "LEADS", "Roscosmos"),
      ("Musk", "SUPPLY", "Ukrainian forces")]),
    ("passive-leads", "Roscosmos was led by Dmitry Rogozin until 2022.",
     [("Rogozin", "LEADS", "Roscosmos")]),
]

FAMILIES: list[tuple[str, str, list[Fact]]] = [
    ("01-state", "Antony Blinken told Jens Stoltenberg about the talks.",
     [("Blinken", "STATE", "Stoltenberg")]),
    ("02-appeal", "Guterres urged Russia to end the war.", [("Guterres", "APPEAL", "Russia")]),
    ("03-promise", "Biden promised Zelensky more air defence systems.",
     [("Biden", "PROMISE", "Zelensky")]),
    ("04-meet", "Narendra Modi met Vladimir Putin in Moscow.", [("Modi", "MEET", "Putin")]),
    ("04-visit", "Olaf Scholz visited China in November.", [("Scholz", "VISIT", "China")]),
    ("04-negotiate", "Israel negotiated with Hamas through Qatar.",
     [("Israel", "NEGOTIATE", "Hamas")]),
    ("04-consult", "Stoltenberg spoke with Erdogan about Sweden.",
     [("Stoltenberg", "CONSULT", "Erdogan")]),
    ("05-praise", "Zelensky praised Britain for its help.", [("Zelensky", "PRAISE", "Britain")]),
    ("05-agreement", "Ukraine signed an agreement with Turkey on grain exports.",
     [("Ukraine", "SIGN_AGREEMENT", "Turkey")]),
    ("06-cooperate", "Finland will cooperate with Estonia on border security.",
     [("Finland", "COOPERATE", "Estonia")]),
    ("06-buy", "Microsoft acquired Activision in 2023.", [("Microsoft", "BUY", "Activision")]),
    ("07-aid", "Norway has helped Ukraine since the start of the war.",
     [("Norway", "AID", "Ukraine")]),
    ("07-supply", "Iran supplied drones to Russia.", [("Iran", "SUPPLY", "Russia")]),
    ("08-release", "Russia released Brittney Griner in December.",
     [("Russia", "RELEASE", "Griner")]),
    ("09-investigate", "The FBI investigated Donald Trump.", [("FBI", "INVESTIGATE", "Trump")]),
    ("10-demand", "Biden pressed Netanyahu on humanitarian aid.",
     [("Biden", "DEMAND", "Netanyahu")]),
    ("11-criticize", "Josep Borrell condemned Iran.", [("Borrell", "CRITICIZE", "Iran")]),
    ("11-warn", "China warned Taiwan on Monday.", [("China", "WARN", "Taiwan")]),
    ("11-sue", "Elon Musk sued OpenAI in March.", [("Musk", "SUE", "OpenAI")]),
    ("12-reject", "Zelensky rejected Putin's proposal.", [("Zelensky", "REJECT", "Putin")]),
    ("13-threaten", "Kim Jong Un threatened South Korea.",
     [("Kim Jong Un", "THREATEN", "South Korea")]),
    ("14-protest", "Greenpeace protested against Shell in London.",
     [("Greenpeace", "PROTEST", "Shell")]),
    ("15-mobilize", "Russia massed troops near Ukraine.", [("Russia", "MOBILIZE", "Ukraine")]),
    ("16-expel", "Poland expelled Russian diplomats.", [("Poland", "EXPEL", "Russian diplomats")]),
    ("17-arrest", "Russia detained Evan Gershkovich in Yekaterinburg.",
     [("Russia", "ARREST", "Gershkovich")]),
    ("18-attack", "Hamas attacked Israel on 7 October.", [("Hamas", "ATTACK", "Israel")]),
    ("19-fight", "Ukraine fought Russia near Bakhmut.", [("Ukraine", "FIGHT", "Russia")]),
    ("19-invade", "Russia invaded Ukraine in February 2022.", [("Russia", "INVADE", "Ukraine")]),
    ("20-mass-violence", "ISIS massacred Yazidis in Sinjar.",
     [("ISIS", "MASS_VIOLENCE", "Yazidis")]),
]


@pytest.mark.parametrize(("case", "text", "facts"), CONSTRUCTIONS,
                         ids=[c[0] for c in CONSTRUCTIONS])
def test_extract_relations_construction(case: str, text: str, facts: list[Fact]) -> None:
    ex = run(text)
    for subject, predicate, obj in facts:
        assert find(ex, subject, predicate, obj), (case, subject, predicate, obj, show(ex))


@pytest.mark.parametrize(("case", "text", "facts"), FAMILIES, ids=[c[0] for c in FAMILIES])
def test_extract_relations_predicate_family(case: str, text: str, facts: list[Fact]) -> None:
    ex = run(text)
    for subject, predicate, obj in facts:
        assert find(ex, subject, predicate, obj), (case, subject, predicate, obj, show(ex))


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Rogozin called Musk a little devil.", "CALL"),  # name-calling, not a phone call
        ("Navalny was arrested in Moscow.", "ARREST"),  # no agent: no arrester to name
        ("Russia lost 15,000 troops in 2022.", None),  # quantities and dates are no actors
    ],
)
def test_extract_relations_not_found(text: str, predicate: str | None) -> None:
    ex = run(text)
    found = [r for r in ex.relations if predicate is None or r.predicate == predicate]
    assert found == [], show(ex)


def test_extract_relations_carry_ontology_fields() -> None:
    ex = run("Hamas attacked Israel on 7 October.")
    r = find(ex, "Hamas", "ATTACK", "Israel")
    assert r is not None
    assert (r.quad_class, r.cameo, r.weight) == ("MATERIAL_CONFLICT", "180", -9.0)
    assert r.sentence == "Hamas attacked Israel on 7 October."
    assert (r.start, r.end) == (0, len(r.sentence))
    assert r.trigger == "attacked"
    assert ex.article.text[r.subject_span[0] : r.subject_span[1]] == "Hamas"


def test_extract_seed_article_states_the_accusation_itself(shared_dir: Path) -> None:
    # The seed's headline fact. score.py also accepts a THREATEN (the same quad class), so a
    # seed score of 19/19 alone does not show that the ACCUSE itself is extracted.
    text = (shared_dir / "data" / "seed" / "starlink_rogozin.txt").read_text(encoding="utf-8")
    ex = run(text)
    assert find(ex, "Rogozin", "ACCUSE", "Musk") is not None, show(ex)
