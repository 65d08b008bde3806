"""Store behaviour that must be identical on both backends: every test runs on the embedded
ArcadeDB store and, over Bolt, on the real ArcadeDB Bolt server (see conftest)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from graphbuilder.errors import OntologyError, QueryError, StoreError
from graphbuilder.ontology import load_ontology
from graphbuilder.store import GraphStore
from graphbuilder.store.rows import Statement, plan_writes
from graphbuilder.types import Actor, Article, ArticleGraph, Fact, Relation

HOSTILE = "'}) DETACH DELETE n //"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(params=["embedded", "bolt"])
def store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    fixture = "embedded_store" if request.param == "embedded" else "bolt_store"
    yield request.getfixturevalue(fixture)


def _fact(
    article: Article,
    n: int,
    subject: Actor,
    predicate: str,
    obj: Actor,
    sentence: str,
    **kw: object,
) -> Fact:
    start = 10 * n
    relation = Relation(
        subject=subject.id,
        predicate=predicate,
        object=obj.id,
        subject_span=(start, start + 3),
        object_span=(start + 5, start + 8),
        start=start,
        end=start + len(sentence),
        sentence=sentence,
        quad_class=kw.pop("quad_class", "VERBAL_CONFLICT"),  # type: ignore[arg-type]
        cameo=kw.pop("cameo", "112"),  # type: ignore[arg-type]
        weight=kw.pop("weight", -2.0),  # type: ignore[arg-type]
        **kw,  # type: ignore[arg-type]
    )
    return Fact(id=f"{article.id}-f{n}", article_id=article.id, relation=relation)


# ---------------------------------------------------------------- hostile strings

IMG_ACTOR = Actor("a-img", IMG, "Person", aliases=[HOSTILE, "line\nbreak"], roles=["`spy` {x}"])
BACKTICK_ORG = Actor("a-org", "Roscosmos `x` {y}", "Organization", aliases=["Роскосмос"])
QUOTE_COUNTRY = Actor("a-ctry", 'Côte d\'Ivoire "CI"', "Country", country="CIV")
HOSTILE_ARTICLE = Article(
    id="art-hostile",
    doc_id="hostile",
    text="",
    title="Title with 'quotes', \"double\", `backticks` and {braces}",
    url=f"http://example.org/?q={HOSTILE}",
    source="hostile.txt",
    published="2022-05-08",
)
HOSTILE_SENTENCE = f'He said: "{HOSTILE}"\nand left {IMG}.'


def _hostile_graph() -> ArticleGraph:
    art = HOSTILE_ARTICLE
    return ArticleGraph(
        article=art,
        actors=[IMG_ACTOR, BACKTICK_ORG, QUOTE_COUNTRY],
        facts=[
            _fact(
                art,
                1,
                BACKTICK_ORG,
                "ACCUSE",
                IMG_ACTOR,
                HOSTILE_SENTENCE,
                attributed_to=QUOTE_COUNTRY.id,
                trigger="accused",
                hedged=True,
            ),
            _fact(
                art,
                2,
                IMG_ACTOR,
                "MEET",
                QUOTE_COUNTRY,
                "They met `here`.",
                quad_class="VERBAL_COOPERATION",
                cameo="036",
                weight=4.0,
                negated=True,
            ),
        ],
        mentions={IMG_ACTOR.id: 3, BACKTICK_ORG.id: 1, QUOTE_COUNTRY.id: 2},
    )


def _counts(store: GraphStore) -> dict[str, int]:
    rows = store.query(
        "MATCH (n) OPTIONAL MATCH (n)-[r]->() "
        "RETURN count(DISTINCT n) AS nodes, count(r) AS relationships"
    )
    return rows[0]


def test_store_round_trip_keeps_hostile_strings_verbatim(store: GraphStore) -> None:
    store.write_article(_hostile_graph())
    actors = {a.id: a for a in store.known_actors()}
    assert actors["a-img"].name == IMG
    assert actors["a-img"].aliases == [HOSTILE, "line\nbreak"]
    assert actors["a-img"].roles == ["`spy` {x}"]
    assert actors["a-org"].name == "Roscosmos `x` {y}"
    assert actors["a-org"].aliases == ["Роскосмос"]
    assert actors["a-ctry"].name == 'Côte d\'Ivoire "CI"'
    assert actors["a-ctry"].country == "CIV"
    rows = store.query(
        "MATCH (s:Actor)-[r:ACCUSE]->(o:Actor) "
        "RETURN s.name AS s, o.name AS o, r.sentence AS sentence, r.attributed_to AS by, "
        "r.hedged AS hedged, r.negated AS negated, r.published AS published"
    )
    assert rows == [
        {
            "s": "Roscosmos `x` {y}",
            "o": IMG,
            "sentence": HOSTILE_SENTENCE,
            "by": "a-ctry",
            "hedged": True,
            "negated": False,
            "published": "2022-05-08",
        }
    ]
    article = store.query("MATCH (a:Article) RETURN a.title AS title, a.url AS url")
    assert article == [{"title": HOSTILE_ARTICLE.title, "url": HOSTILE_ARTICLE.url}]
    assert store.query("MATCH (n) RETURN count(n) AS n") == [{"n": 4}]  # nothing deleted


def test_store_read_view_returns_the_facts_as_written(store: GraphStore) -> None:
    graph = _hostile_graph()
    store.write_article(graph)
    view = store.read_view()
    assert sorted(f.id for f in view.facts) == sorted(f.id for f in graph.facts)
    by_id = {f.id: f for f in view.facts}
    for fact in graph.facts:
        got = by_id[fact.id]
        assert got.article_id == fact.article_id
        assert got.relation == fact.relation
    assert view.articles["art-hostile"].title == HOSTILE_ARTICLE.title
    assert view.articles["art-hostile"].published == "2022-05-08"
    assert view.mention_counts == {"a-img": 1, "a-org": 1, "a-ctry": 1}


def test_store_rewrite_changes_no_counts(store: GraphStore) -> None:
    graph = _hostile_graph()
    store.write_article(graph)
    before = _counts(store)
    store.write_article(graph)
    assert store.write_articles([graph, graph]) == 2
    assert _counts(store) == before == {"nodes": 4, "relationships": 5}
    assert store.query("MATCH ()-[m:MENTIONED_IN]->() RETURN sum(m.count) AS n") == [{"n": 6}]


_FACT_PROPERTIES = (
    "MATCH ()-[r]->() WHERE r.id IS NOT NULL "
    "RETURN r.id AS id, type(r) AS type, properties(r) AS props ORDER BY id"
)


def test_store_facts_of_new_and_stored_articles_are_written_alike(store: GraphStore) -> None:
    # A new article's facts and mentions are CREATEd, those of an article already in the
    # store MERGEd: both must leave the same properties (no nulls stored either way).
    full = _hostile_graph()
    store.write_article(full)
    fresh = store.query(_FACT_PROPERTIES)
    assert {k for r in fresh for k in r["props"]} >= {"id", "sentence", "attributed_to"}
    assert all(v is not None for r in fresh for v in r["props"].values())
    assert "attributed_to" not in next(r for r in fresh if r["type"] == "MEET")["props"]
    store._write([Statement("MATCH (n) DETACH DELETE n", {})])
    # the article first with one fact, then whole: the second fact lands on the MERGE path
    first = _hostile_graph()
    first.facts = first.facts[:1]
    store.write_article(first)
    store.write_article(full)
    assert store.query(_FACT_PROPERTIES) == fresh
    assert _counts(store) == {"nodes": 4, "relationships": 5}


def test_store_decides_what_is_new_inside_the_transaction(store: GraphStore) -> None:
    # planned while the article is absent, run after it was written: nothing doubles
    graph = _hostile_graph()
    planned = plan_writes([graph], store.ontology)
    store.write_article(graph)
    before = _counts(store)
    store._write(planned)
    assert _counts(store) == before == {"nodes": 4, "relationships": 5}


def test_store_has_article(store: GraphStore) -> None:
    assert not store.has_article("art-hostile")
    store.write_article(_hostile_graph())
    assert store.has_article("art-hostile")


@pytest.mark.parametrize(
    ("predicate", "kind"),
    [
        ("SPY_ON", "Person"),  # not in the ontology
        ("MENTIONED_IN", "Person"),  # a model relationship, never a fact
        ("ACCUSE`]->() DETACH DELETE n //", "Person"),
        ("ACCUSE", "Spaceship"),  # actor kind outside ACTOR_KINDS
        ("ACCUSE", "Person:Admin"),
    ],
)
def test_store_rejects_types_outside_the_allow_lists_and_writes_nothing(
    store: GraphStore, predicate: str, kind: str
) -> None:
    graph = _hostile_graph()
    graph.actors.append(Actor("a-odd", "Odd", kind))
    graph.facts.append(_fact(graph.article, 3, IMG_ACTOR, predicate, BACKTICK_ORG, "Odd."))
    with pytest.raises(OntologyError):
        store.write_article(graph)
    with pytest.raises(OntologyError):
        store.write_articles([graph])
    assert store.query("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_store_user_ontology_cannot_make_facts_of_the_model_type(store: GraphStore) -> None:
    # load_ontology already refuses MENTIONED_IN; the store must hold even for an Ontology
    # built by hand, so the defence does not rest on the loader alone.
    from graphbuilder.ontology import Ontology, Predicate

    bundled = load_ontology().predicates
    store.ontology = Ontology(
        {**bundled, "MENTIONED_IN": Predicate("MENTIONED_IN", "010", "VERBAL_COOPERATION", 0.0)}
    )
    graph = _hostile_graph()
    graph.facts[1].relation.predicate = "MENTIONED_IN"
    with pytest.raises(OntologyError, match="MENTIONED_IN is the graph's own relationship type"):
        store.write_article(graph)
    assert store.query("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]


def test_store_failure_mid_article_leaves_nothing_of_it(store: GraphStore) -> None:
    graph = _hostile_graph()
    ghost = Actor("a-ghost", "Ghost", "Person")  # in a fact, but not in the article's actors
    graph.facts.append(_fact(graph.article, 3, IMG_ACTOR, "THREATEN", ghost, "Boo."))
    with pytest.raises(StoreError, match="THREATEN facts: wrote 0 of 1"):
        store.write_article(graph)
    assert store.query("MATCH (n) RETURN count(n) AS n") == [{"n": 0}]
    assert not store.has_article("art-hostile")


def test_store_write_articles_leaves_out_only_the_bad_article(store: GraphStore) -> None:
    good = _small_world()
    bad = _hostile_graph()
    ghost = Actor("a-ghost", "Ghost", "Person")
    bad.facts.append(_fact(bad.article, 3, IMG_ACTOR, "THREATEN", ghost, "Boo."))
    with pytest.raises(StoreError, match="article hostile"):
        store.write_articles([good[0], bad, good[1], good[2]], batch_size=10_000)
    assert store.has_article(good[0].article.id)
    assert not store.has_article(bad.article.id)
    assert store.query("MATCH (n:Actor {id: 'a-img'}) RETURN count(n) AS n") == [{"n": 0}]


def test_store_actor_keeps_its_kind_and_gains_aliases(store: GraphStore) -> None:
    store.write_article(_hostile_graph())
    later = Article(id="art-later", doc_id="later", text="", published="2022-06-01")
    renamed = Actor(
        "a-org",
        "Roscosmos",
        "Group",
        aliases=["State Space Corporation"],
        roles=["space agency"],
        gazetteer_id="Q1",
    )
    store.write_article(ArticleGraph(article=later, actors=[renamed], mentions={"a-org": 1}))
    store.write_article(_hostile_graph())  # again, after: changes nothing
    (org,) = [a for a in store.known_actors() if a.id == "a-org"]
    assert org.kind == "Organization"
    assert org.name == "Roscosmos `x` {y}"
    assert org.aliases == ["Роскосмос", "Roscosmos", "State Space Corporation"]
    assert org.roles == ["space agency"]
    assert org.gazetteer_id == "Q1"
    labels = store.query("MATCH (a:Actor {id: 'a-org'}) RETURN labels(a) AS labels")
    assert sorted(labels[0]["labels"]) == ["Actor", "Organization"]


def test_store_query_returns_plain_json_values(store: GraphStore) -> None:
    store.write_article(_hostile_graph())
    rows = store.query(
        "MATCH p = (s:Actor)-[r:ACCUSE]->(o:Actor) "
        "RETURN s, r, p, date('2022-05-08') AS day, "
        "datetime('2022-05-08T10:30:00Z') AS moment, [s.name, 1, 2.5, true, null] AS mixed"
    )
    assert json.loads(json.dumps(rows)) == rows
    (row,) = rows
    assert row["day"] == "2022-05-08"
    assert row["moment"] == "2022-05-08T10:30:00+00:00"
    assert row["mixed"] == ["Roscosmos `x` {y}", 1, 2.5, True, None]
    assert sorted(row["s"]["labels"]) == ["Actor", "Organization"]
    assert row["s"]["properties"]["name"] == "Roscosmos `x` {y}"
    assert row["r"]["type"] == "ACCUSE"
    assert row["r"]["properties"]["sentence"] == HOSTILE_SENTENCE
    assert row["r"]["start"] == row["s"]["element_id"]
    assert [n["properties"]["id"] for n in row["p"]["nodes"]] == ["a-org", "a-img"]
    assert [r["properties"]["id"] for r in row["p"]["relationships"]] == ["art-hostile-f1"]


def test_store_query_passes_values_only_as_parameters(store: GraphStore) -> None:
    store.write_article(_hostile_graph())
    rows = store.query(
        "MATCH (a:Actor) WHERE $alias IN a.aliases RETURN a.id AS id", {"alias": HOSTILE}
    )
    assert rows == [{"id": "a-img"}]


def test_store_query_error_is_one_query_error(store: GraphStore) -> None:
    with pytest.raises(QueryError) as info:
        store.query("MATCH (a:Actor RETURN a")
    assert "\n" not in str(info.value)


# ---------------------------------------------------------------- a small world for views

MUSK = Actor("musk", "Elon Musk", "Person", aliases=["Musk"])
ROGOZIN = Actor("rogozin", "Dmitry Rogozin", "Person", aliases=["Rogozin"])
ROSCOSMOS = Actor("roscosmos", "Roscosmos", "Organization")
ZELENSKY = Actor("zelensky", "Volodymyr Zelensky", "Person", aliases=["Zelensky"])
UKRAINE = Actor("ukraine", "Ukraine", "Country")
RUSSIA = Actor("russia", "Russia", "Country")


def _small_world() -> list[ArticleGraph]:
    """Musk—Rogozin—Roscosmos, Musk—Zelensky—Ukraine—Russia, over three months."""
    a1 = Article(id="art-1", doc_id="one", text="", title="One", published="2022-01-10")
    a2 = Article(id="art-2", doc_id="two", text="", title="Two", published="2022-03-05")
    a3 = Article(id="art-3", doc_id="three", text="", title="Three", published="2022-05-20")
    return [
        ArticleGraph(
            article=a1,
            actors=[MUSK, ROGOZIN, ROSCOSMOS],
            facts=[
                _fact(a1, 1, ROGOZIN, "THREATEN", MUSK, "Rogozin threatened Musk."),
                _fact(a1, 2, ROGOZIN, "LEADS", ROSCOSMOS, "Rogozin heads Roscosmos."),
            ],
            mentions={"musk": 2, "rogozin": 3, "roscosmos": 1},
        ),
        ArticleGraph(
            article=a2,
            actors=[MUSK, ZELENSKY, UKRAINE],
            facts=[
                _fact(a2, 1, ZELENSKY, "THANK", MUSK, "Zelensky thanked Musk."),
                _fact(a2, 2, ZELENSKY, "LEADS", UKRAINE, "Zelensky leads Ukraine."),
            ],
            mentions={"musk": 1, "zelensky": 2, "ukraine": 1},
        ),
        ArticleGraph(
            article=a3,
            actors=[UKRAINE, RUSSIA, ROGOZIN],
            facts=[_fact(a3, 1, RUSSIA, "ATTACK", UKRAINE, "Russia attacked Ukraine.")],
            mentions={"ukraine": 4, "russia": 2, "rogozin": 1},
        ),
    ]


def _names(view_actors: list[Actor]) -> set[str]:
    return {a.name for a in view_actors}


@pytest.mark.parametrize(
    ("around", "depth", "actors"),
    [
        ("musk", 0, {"Elon Musk"}),
        ("Elon Musk", 1, {"Elon Musk", "Dmitry Rogozin", "Volodymyr Zelensky"}),
        ("ROGOZIN", 1, {"Dmitry Rogozin", "Elon Musk", "Roscosmos"}),
        ("Musk", 2, {"Elon Musk", "Dmitry Rogozin", "Volodymyr Zelensky", "Roscosmos", "Ukraine"}),
        (
            "Musk",
            3,
            {"Elon Musk", "Dmitry Rogozin", "Volodymyr Zelensky", "Roscosmos", "Ukraine", "Russia"},
        ),
    ],
)
def test_store_read_view_around_depth(
    store: GraphStore, around: str, depth: int, actors: set[str]
) -> None:
    store.write_articles(_small_world())
    view = store.read_view(around=around, depth=depth)
    assert _names(view.actors) == actors
    ends = {f.relation.subject for f in view.facts} | {f.relation.object for f in view.facts}
    assert ends <= {a.id for a in view.actors}
    assert {f.article_id for f in view.facts} == set(view.articles)


def test_store_read_view_around_unknown_name_raises(store: GraphStore) -> None:
    store.write_articles(_small_world())
    with pytest.raises(QueryError, match="no actor named 'Nobody'"):
        store.read_view(around="Nobody")


@pytest.mark.parametrize(
    ("kwargs", "actors", "predicates"),
    [
        (
            {},
            {"musk", "rogozin", "roscosmos", "zelensky", "ukraine", "russia"},
            {"THREATEN", "LEADS", "THANK", "ATTACK"},
        ),
        ({"min_mentions": 2}, {"musk", "rogozin", "ukraine"}, {"THREATEN"}),
        ({"min_mentions": 3}, set(), set()),
        (
            {"since": "2022-03"},
            {"musk", "zelensky", "ukraine", "russia"},
            {"THANK", "LEADS", "ATTACK"},
        ),
        ({"until": "2022-01"}, {"musk", "rogozin", "roscosmos"}, {"THREATEN", "LEADS"}),
        (
            {"since": "2022-02", "until": "2022-04-30"},
            {"musk", "zelensky", "ukraine"},
            {"THANK", "LEADS"},
        ),
        ({"since": "2022-05-20", "until": "2022-05-20"}, {"ukraine", "russia"}, {"ATTACK"}),
        ({"around": "Zelensky", "depth": 1, "since": "2022-04"}, {"zelensky"}, set()),
        ({"around": "Musk", "depth": 1, "min_mentions": 2}, {"musk", "rogozin"}, {"THREATEN"}),
        ({"around": "Ukraine", "depth": 1, "min_mentions": 2}, {"ukraine"}, set()),
    ],
)
def test_store_read_view_filters(
    store: GraphStore, kwargs: dict[str, object], actors: set[str], predicates: set[str]
) -> None:
    store.write_articles(_small_world())
    view = store.read_view(**kwargs)  # type: ignore[arg-type]
    assert {a.id for a in view.actors} == actors
    assert {f.relation.predicate for f in view.facts} == predicates
    for actor in view.actors:
        assert view.mention_counts[actor.id] >= 1


@pytest.mark.parametrize(
    ("cypher", "actors", "facts"),
    [
        (
            "MATCH (a:Actor)-[r:THREATEN]->(b:Actor) RETURN a, r, b",
            {"rogozin", "musk"},
            {"art-1-f1"},
        ),
        (
            "MATCH p = (:Actor {name: 'Russia'})-[:ATTACK]->(:Actor) RETURN p",
            {"russia", "ukraine"},
            {"art-3-f1"},
        ),
        (
            "MATCH (a:Actor) WHERE a.kind = 'Person' RETURN a.id AS id",
            {"musk", "rogozin", "zelensky"},
            {"art-1-f1", "art-2-f1"},
        ),
        (
            "MATCH (:Actor)-[r:LEADS]->(:Actor) RETURN collect(r.id) AS ids",
            {"rogozin", "roscosmos", "zelensky", "ukraine"},
            {"art-1-f2", "art-2-f2"},
        ),
        (
            "MATCH (a:Actor)-[m:MENTIONED_IN]->(art:Article {id: 'art-3'}) RETURN a, m, art",
            {"ukraine", "russia", "rogozin"},
            {"art-3-f1"},
        ),
        ("MATCH (a:Actor {name: 'Nobody'}) RETURN a", set(), set()),
    ],
)
def test_store_read_view_from_cypher_shapes(
    store: GraphStore, cypher: str, actors: set[str], facts: set[str]
) -> None:
    store.write_articles(_small_world())
    view = store.read_view(cypher=cypher)
    assert {a.id for a in view.actors} == actors
    assert {f.id for f in view.facts} == facts


def test_store_read_view_from_cypher_takes_parameters(store: GraphStore) -> None:
    store.write_articles(_small_world())
    view = store.read_view(
        cypher="MATCH (a:Actor)-[r]->(b:Actor) WHERE a.name = $name RETURN r",
        params={"name": "Volodymyr Zelensky"},
    )
    assert {f.id for f in view.facts} == {"art-2-f1", "art-2-f2"}
    assert {a.id for a in view.actors} == {"zelensky", "musk", "ukraine"}


def test_store_read_view_from_cypher_needs_something_to_draw(store: GraphStore) -> None:
    store.write_articles(_small_world())
    with pytest.raises(QueryError, match="nothing to draw"):
        store.read_view(cypher="MATCH (a:Actor) RETURN a.name AS name")


def test_store_stats_counts(store: GraphStore) -> None:
    store.write_articles(_small_world())
    stats = store.stats(top=2)
    assert stats["articles"] == 3
    assert stats["actors"] == 6
    assert stats["facts"] == 5
    assert stats["actors_by_kind"] == {"Person": 3, "Country": 2, "Organization": 1}
    assert stats["facts_by_predicate"] == {"LEADS": 2, "ATTACK": 1, "THANK": 1, "THREATEN": 1}
    assert stats["top_actors"] == [
        {"name": "Dmitry Rogozin", "kind": "Person", "facts": 2, "articles": 2},
        {"name": "Elon Musk", "kind": "Person", "facts": 2, "articles": 2},
    ]
    assert json.loads(json.dumps(stats)) == stats
