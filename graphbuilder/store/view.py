"""Read a subgraph out of a store as a GraphView, for drawing and export."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphbuilder.errors import QueryError
from graphbuilder.store import cypher as q
from graphbuilder.store import values
from graphbuilder.store.rows import actor_from_row, article_from_row, fact_from_row
from graphbuilder.types import Fact, GraphView

if TYPE_CHECKING:
    from graphbuilder.store.base import GraphStore


def read_view(
    store: GraphStore,
    *,
    around: str | None = None,
    depth: int = 1,
    min_mentions: int = 1,
    since: str | None = None,
    until: str | None = None,
    cypher: str | None = None,
    params: dict[str, Any] | None = None,
) -> GraphView:
    """The actors and facts to draw.

    Without ``cypher``: every actor mentioned in at least ``min_mentions`` articles and
    the facts between them. ``around`` (a name or alias, case-insensitive) keeps only
    the actors within ``depth`` fact hops of the actors so named (they are kept whatever
    their mention count). ``since``/``until`` are ISO dates of any precision ("2022",
    "2022-05", "2022-05-08"), both inclusive, matched against the article date of each
    fact; with either one, actors left without facts are dropped.

    With ``cypher`` (and its ``params``): the query's result decides. Accepted shapes,
    anywhere in any column (also inside lists): Actor nodes, fact relationships, paths,
    and strings that are actor or fact ids (``RETURN a.id``, ``collect(r.id)``).
    Returned facts are drawn with both their actors; if the result holds actors but
    no facts, the facts between those actors are drawn. Article nodes and MENTIONED_IN
    are ignored, and so are the other arguments, which the query can express itself.
    """
    if params and cypher is None:
        raise QueryError("query parameters need a Cypher query to go with them")
    if cypher is not None:
        if around is not None:
            raise QueryError("draw either the actors around a name or a Cypher query, not both")
        return _view_from_query(store, cypher, params or {})
    if depth < 0:
        raise QueryError("depth must be 0 or more")
    counts = {r["id"]: int(r["n"]) for r in store._read(q.MENTION_COUNTS)}
    seeds: set[str] = set()
    ids: set[str] | None = None
    if around is not None:
        seeds = {r["id"] for r in store._read(q.ACTORS_NAMED, {"name": around})}
        if not seeds:
            raise QueryError(f"no actor named {around!r} in {store.describe()}")
        ids = set(seeds)
        frontier = set(seeds)
        for _ in range(depth):
            found = {r["id"] for r in store._read(q.NEIGHBOURS, {"ids": sorted(frontier)})}
            frontier = found - ids
            if not frontier:
                break
            ids |= frontier
        ids = {i for i in ids if i in seeds or counts.get(i, 0) >= min_mentions}
    params = {"ids": sorted(ids) if ids is not None else None, "since": since, "until": until}
    fact_rows = store._read(q.VIEW_FACTS, params)
    if ids is None:
        actor_rows = [
            r for r in store._read(q.ALL_ACTORS) if counts.get(r["id"], 0) >= min_mentions
        ]
        keep = {r["id"] for r in actor_rows}
        fact_rows = [r for r in fact_rows if r["subject"] in keep and r["object"] in keep]
    else:
        actor_rows = store._read(q.ACTORS_BY_ID, {"ids": sorted(ids)})
    if since is not None or until is not None:
        linked = {r["subject"] for r in fact_rows} | {r["object"] for r in fact_rows} | seeds
        actor_rows = [r for r in actor_rows if r["id"] in linked]
    return _assemble(store, actor_rows, [fact_from_row(r) for r in fact_rows], counts)


def _view_from_query(store: GraphStore, text: str, params: dict[str, Any]) -> GraphView:
    rows = store._read(text, params)
    actor_ids: set[str] = set()
    fact_ids: set[str] = set()
    strings: set[str] = set()
    for row in rows:
        for value in row.values():
            for v in values.walk(value):
                if values.is_node(v):
                    node_id = v["properties"].get("id")
                    if "Actor" in v["labels"] and isinstance(node_id, str):
                        actor_ids.add(node_id)
                elif values.is_relationship(v):
                    rel_id = v["properties"].get("id")
                    if v["type"] != "MENTIONED_IN" and isinstance(rel_id, str):
                        fact_ids.add(rel_id)
                elif isinstance(v, str):
                    strings.add(v)
    if strings:
        candidates = sorted(strings)
        actor_ids |= {r["id"] for r in store._read(q.ACTORS_BY_ID, {"ids": candidates})}
        fact_ids |= {r["id"] for r in store._read(q.FACTS_BY_ID, {"ids": candidates})}
    if rows and not actor_ids and not fact_ids:
        raise QueryError(
            "the query returned nothing to draw: return Actor nodes, fact relationships, "
            "paths, or actor/fact id values"
        )
    if fact_ids:
        facts = [fact_from_row(r) for r in store._read(q.FACTS_BY_ID, {"ids": sorted(fact_ids)})]
        actor_ids |= {f.relation.subject for f in facts} | {f.relation.object for f in facts}
    elif actor_ids:
        params = {"ids": sorted(actor_ids), "since": None, "until": None}
        facts = [fact_from_row(r) for r in store._read(q.VIEW_FACTS, params)]
    else:
        facts = []
    actor_rows = store._read(q.ACTORS_BY_ID, {"ids": sorted(actor_ids)}) if actor_ids else []
    counts = {r["id"]: int(r["n"]) for r in store._read(q.MENTION_COUNTS)}
    return _assemble(store, actor_rows, facts, counts)


def _assemble(
    store: GraphStore,
    actor_rows: list[dict[str, Any]],
    facts: list[Fact],
    counts: dict[str, int],
) -> GraphView:
    actors = [actor_from_row(r) for r in actor_rows]
    article_ids = sorted({f.article_id for f in facts if f.article_id})
    article_rows = store._read(q.ARTICLES_BY_ID, {"ids": article_ids}) if article_ids else []
    articles = {r["id"]: article_from_row(r) for r in article_rows}
    return GraphView(
        actors=actors,
        facts=facts,
        articles=articles,
        mention_counts={a.id: counts.get(a.id, 0) for a in actors},
    )
