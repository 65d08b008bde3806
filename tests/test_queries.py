"""Every file in queries/ runs against the examples, in the embedded store and over Bolt.

The examples are ingested once into an embedded store through the real pipeline; the
same graph is then pushed to the session's Bolt server (ArcadeDB's Bolt plugin) with
``copy_store``, and each query must return the same rows on both backends.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graphbuilder.querylib import load_query
from graphbuilder.store import GraphStore, copy_store, open_store

REPO = Path(__file__).resolve().parents[1]
QUERIES = sorted((REPO / "queries").glob("*.cypher"))


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    from graphbuilder.gazetteer import Gazetteer
    from graphbuilder.ingest import ingest
    from graphbuilder.nlp import load_pipeline

    with open_store(tmp_path_factory.mktemp("examples") / "store") as store:
        summary = ingest([REPO / "examples"], store, load_pipeline(), gazetteer=Gazetteer.load())
        assert summary.articles_new == 5 and not summary.skipped
        yield store


@pytest.fixture(scope="module")
def example_bolt_store(example_store: GraphStore, bolt_server: Any) -> Iterator[GraphStore]:
    bolt_server.clear()
    with open_store(
        neo4j_uri=bolt_server.uri,
        user=bolt_server.user,
        password=bolt_server.password,
        database=bolt_server.database,
    ) as store:
        copy_store(example_store, store)
        yield store


def run(store: GraphStore, query_file: str, **params: Any) -> list[dict[str, Any]]:
    query = load_query(str(REPO / "queries" / query_file))
    return store.query(query.text, {**query.defaults, **params})


def test_queries_library_has_documented_files() -> None:
    assert len(QUERIES) >= 8
    for path in QUERIES:
        text = path.read_text()
        header = [line for line in text.splitlines() if line.startswith("//")]
        assert any("Answers:" in line for line in header), path.name
        assert any("Example:" in line for line in header), path.name
        assert any("Parameters:" in line for line in header), path.name


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_queries_same_rows_on_both_backends(
    path: Path, example_store: GraphStore, example_bolt_store: GraphStore
) -> None:
    embedded = run(example_store, path.name)
    bolt = run(example_bolt_store, path.name)
    assert embedded, f"{path.name} returned no rows on the examples"
    assert canonical(embedded) == canonical(bolt)


def canonical(rows: list[dict[str, Any]]) -> list[str]:
    """Rows as sorted strings; collect() lists compared as sets (Cypher leaves their order open)."""

    def cell(value: Any) -> Any:
        return sorted(map(repr, value)) if isinstance(value, list) else value

    return sorted(repr(sorted((k, cell(v)) for k, v in row.items())) for row in rows)


def _pairs(rows: list[dict[str, Any]], a: str, b: str) -> set[tuple[str, str]]:
    return {(row[a], row[b]) for row in rows}


def test_queries_who_accuses_whom(example_store: GraphStore) -> None:
    rows = run(example_store, "who_accuses_whom.cypher")
    assert ("Dmitry Rogozin", "Elon Musk") in _pairs(rows, "accuser", "accused")
    assert all(row["evidence"] for row in rows)


def test_queries_friends_and_foes(example_store: GraphStore) -> None:
    rows = {row["actor"]: row for row in run(example_store, "friends_and_foes.cypher")}
    assert rows["Dmitry Rogozin"]["stance"] == "foe"
    assert rows["Volodymyr Zelensky"]["stance"] == "friend"
    alias_rows = run(example_store, "friends_and_foes.cypher", name="musk")
    assert {row["actor"] for row in alias_rows} == set(rows)


def test_queries_paths_between(example_store: GraphStore) -> None:
    rows = run(example_store, "paths_between.cypher", source="Rogozin", target="Zelensky")
    assert rows
    best = rows[0]
    assert best["actors"][0] == "Dmitry Rogozin" and best["actors"][-1] == "Volodymyr Zelensky"
    assert best["hops"] == len(best["predicates"]) >= 1


def test_queries_most_central(example_store: GraphStore) -> None:
    rows = run(example_store, "most_central.cypher", limit=3)
    assert len(rows) == 3
    assert "Elon Musk" in {row["actor"] for row in rows}
    assert rows[0]["facts"] >= rows[-1]["facts"]


def test_queries_evidence(example_store: GraphStore) -> None:
    rows = run(example_store, "evidence.cypher", source="Zelensky", target="Musk")
    thanks = [row for row in rows if row["predicate"] == "THANK"]
    assert thanks and "thanked" in thanks[0]["evidence"]
    assert thanks[0]["subject"] == "Volodymyr Zelensky"
    assert thanks[0]["quad_class"] == "VERBAL_COOPERATION"


def test_queries_timeline(example_store: GraphStore) -> None:
    rows = run(example_store, "timeline.cypher", name="Rogozin")
    assert any(row["predicate"] == "ACCUSE" and row["object"] == "Elon Musk" for row in rows)
    dates = [row["published"] for row in rows if row["published"]]
    assert dates == sorted(dates) and dates


def test_queries_cooperation_conflict_balance(example_store: GraphStore) -> None:
    rows = run(example_store, "cooperation_conflict_balance.cypher")
    by_pair = {(row["actor_1"], row["actor_2"]): row for row in rows}
    hostile = by_pair[("Dmitry Rogozin", "Elon Musk")]
    assert hostile["conflict"] > 0 and hostile["goldstein"] < 0
    friendly = by_pair[("Elon Musk", "Volodymyr Zelensky")]
    assert friendly["cooperation"] > 0 and friendly["goldstein"] > 0


def test_queries_newest_facts(example_store: GraphStore) -> None:
    rows = run(example_store, "newest_facts.cypher", limit=4)
    assert len(rows) == 4
    assert rows[0]["published"] == "2022-07-22"  # the grain deal article is the newest


def test_queries_who_leads_what(example_store: GraphStore) -> None:
    rows = run(example_store, "who_leads_what.cypher")
    triples = {(row["actor"], row["relation"], row["of"]) for row in rows}
    assert ("Dmitry Rogozin", "LEADS", "Roscosmos") in triples
    assert ("Maye Musk", "RELATIVE_OF", "Elon Musk") in triples


def test_queries_allegations(example_store: GraphStore) -> None:
    rows = run(example_store, "allegations.cypher")
    assert any(row["claimed_by"] == "Dmitry Rogozin" for row in rows)


def test_queries_actor_mentions(example_store: GraphStore) -> None:
    people = run(example_store, "actor_mentions.cypher", kind="Person")
    assert people and all(row["kind"] == "Person" for row in people)
    articles = {row["actor"]: row["articles"] for row in people}
    assert articles["Dmitry Rogozin"] == 2  # the Starlink story and the NATO story
    assert articles["Volodymyr Zelensky"] == 2  # the Starlink story and the G7 talks
    everyone = run(example_store, "actor_mentions.cypher")
    assert len(everyone) > len(people)
