"""A hand-made GraphView of the Starlink / Rogozin / Zelensky story, for the draw tests.

Built by hand (not by the extract/store stages) so the drawing is tested on its own.
Two actors and one article carry hostile text that must show up as text, never run.
"""

from __future__ import annotations

from graphbuilder.ontology import load_ontology
from graphbuilder.types import Actor, Article, Fact, GraphView, Relation

HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "</script><script>alert(1)</script>"

# id, name, kind, country, aliases, roles
ACTORS = [
    ("rogozin", "Dmitry Rogozin", "Person", "RUS", ["Rogozin"], ["head of Roscosmos"]),
    ("musk", "Elon Musk", "Person", "USA", ["Musk"], ["founder of SpaceX"]),
    ("zelensky", "Volodymyr Zelensky", "Person", "UKR", ["Zelensky"], ["President of Ukraine"]),
    ("fedorov", "Mykhailo Fedorov", "Person", "UKR", ["Fedorov"], ["digital minister"]),
    ("roscosmos", "Roscosmos", "Organization", "RUS", [], []),
    ("spacex", "SpaceX", "Organization", "USA", [], []),
    ("starlink", "Starlink", "Product", None, [], []),
    ("ukraine", "Ukraine", "Country", "UKR", [], []),
    ("russia", "Russia", "Country", "RUS", ["Moscow"], []),
    ("azov", "Azov Battalion", "Group", "UKR", ["Azov"], []),
    ("mariupol", "Mariupol", "Location", "UKR", [], []),
    ("nato", "NATO", "Organization", None, ["the alliance"], []),
    ("hostile-img", HOSTILE_IMG, "Group", None, ['"quoted" & <b>bold</b>'], [HOSTILE_SCRIPT]),
    ("hostile-script", HOSTILE_SCRIPT, "Organization", None, [], []),
]

# id, title, url, published
ARTICLES = [
    ("a-starlink", "Starlink keeps Ukraine online as Moscow's space chief turns on Musk",
     "https://example.org/starlink", "2022-05-09"),
    ("a-nato", "Kremlin ally warns NATO", "https://example.org/nato", "2022-05-08T10:00:00Z"),
    ("a-march", "Rogozin repeats claims", "https://example.org/march", "2022-03-02"),
    ("a-hostile", "<script>alert('title')</script>", "javascript:alert(1)", "2022-06-01"),
]

# subject, predicate, object, article, sentence, subject text, object text, flags
FACTS = [
    ("rogozin", "ACCUSE", "musk", "a-starlink",
     "Dmitry Rogozin accused Elon Musk of supplying military communications to Ukrainian forces.",
     "Dmitry Rogozin", "Elon Musk", {}),
    ("rogozin", "ACCUSE", "musk", "a-march",
     "Rogozin again accused Musk of helping the Ukrainian army.", "Rogozin", "Musk", {}),
    ("rogozin", "MOCK", "musk", "a-starlink",
     "He also mocked the billionaire, calling him a reckless showman.", "He", "the billionaire",
     {}),
    ("rogozin", "THREATEN", "nato", "a-nato",
     "Dmitry Rogozin threatened NATO on Saturday.", "Dmitry Rogozin", "NATO", {}),
    ("zelensky", "THANK", "musk", "a-starlink",
     "Volodymyr Zelensky thanked Musk for his support.", "Volodymyr Zelensky", "Musk", {}),
    ("zelensky", "INVITE", "musk", "a-starlink",
     "Zelensky invited the tech mogul to visit Kyiv.", "Zelensky", "the tech mogul", {}),
    ("fedorov", "PRAISE", "spacex", "a-starlink",
     "Mykhailo Fedorov praised SpaceX for shipping thousands of dishes.", "Mykhailo Fedorov",
     "SpaceX", {}),
    ("starlink", "SUPPLY", "ukraine", "a-starlink",
     "Starlink has kept Ukraine connected since late February.", "Starlink", "Ukraine", {}),
    ("starlink", "SUPPLY", "azov", "a-starlink",
     "Rogozin said that Starlink terminals had been delivered to the Azov Battalion.",
     "Starlink", "Azov Battalion", {"attributed_to": "rogozin"}),
    ("russia", "ATTACK", "ukraine", "a-starlink",
     "Russian strikes knocked out fibre lines in Ukraine.", "Russian", "Ukraine", {}),
    ("russia", "ATTACK", "ukraine", "a-starlink",
     "Russia has denied targeting civilian networks in Ukraine.", "Russia", "Ukraine",
     {"negated": True}),
    ("russia", "ATTACK", "mariupol", "a-nato",
     "Russia may have shelled Mariupol again.", "Russia", "Mariupol", {"hedged": True}),
    ("rogozin", "LEADS", "roscosmos", "a-starlink",
     "Dmitry Rogozin, the head of Roscosmos, spoke on Sunday.", "Dmitry Rogozin", "Roscosmos",
     {}),
    ("musk", "LEADS", "spacex", "a-starlink",
     "Musk founded SpaceX, the rocket company.", "Musk", "SpaceX", {}),
    ("spacex", "OWNS", "starlink", "a-starlink",
     "SpaceX operates Starlink, a network of small satellites.", "SpaceX", "Starlink", {}),
    ("hostile-img", "ATTACK", "hostile-script", "a-hostile",
     f"Yesterday {HOSTILE_IMG} attacked {HOSTILE_SCRIPT} near the border.",
     HOSTILE_IMG, HOSTILE_SCRIPT, {}),
]

SENTENCE_START = 100  # where each evidence sentence starts in its (absent) article text


def _fact(i: int, row: tuple) -> Fact:
    subject, predicate, obj, article, sentence, subj_text, obj_text, flags = row
    pred = load_ontology()[predicate]
    s0 = sentence.index(subj_text)
    o0 = sentence.index(obj_text)
    relation = Relation(
        subject=subject,
        predicate=predicate,
        object=obj,
        subject_span=(SENTENCE_START + s0, SENTENCE_START + s0 + len(subj_text)),
        object_span=(SENTENCE_START + o0, SENTENCE_START + o0 + len(obj_text)),
        start=SENTENCE_START,
        end=SENTENCE_START + len(sentence),
        sentence=sentence,
        quad_class=pred.quad_class,
        cameo=pred.cameo,
        weight=pred.weight,
        **flags,
    )
    return Fact(id=f"fact-{i:02d}", article_id=article, relation=relation)


def story_view() -> GraphView:
    actors = [
        Actor(id=i, name=n, kind=k, country=c, aliases=list(al), roles=list(ro))
        for i, n, k, c, al, ro in ACTORS
    ]
    articles = {
        i: Article(id=i, doc_id=i, text="", title=t, url=u, published=p)
        for i, t, u, p in ARTICLES
    }
    facts = [_fact(i, row) for i, row in enumerate(FACTS)]
    mentions = {a.id: 1 for a in actors} | {"rogozin": 3, "musk": 2, "ukraine": 2}
    return GraphView(actors=actors, facts=facts, articles=articles, mention_counts=mentions)


# Expected drawing: edges merge facts by (subject, object, predicate, negated).
STORY_NODES = len(ACTORS)
STORY_FACTS = len(FACTS)
STORY_EDGES = len({(s, p, o, bool(f.get("negated"))) for s, p, o, *_, f in FACTS})
