"""Copy one store into another (``graphbuilder push``): article by article, idempotent."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphbuilder.store import cypher as q
from graphbuilder.store.rows import actor_from_row, article_from_row, fact_from_row
from graphbuilder.types import ArticleGraph

if TYPE_CHECKING:
    from graphbuilder.store.base import GraphStore

_ARTICLES_PER_READ = 200


def copy_store(src: GraphStore, dst: GraphStore) -> dict[str, int]:
    """Write everything in ``src`` into ``dst``; running it again changes nothing.

    Each article is rebuilt as the ArticleGraph it was written from (its mentioned
    actors, mention counts and facts) and written with ``dst.write_articles``, so every
    article lands whole or not at all and an interrupted copy completes on a rerun.
    Returns counts: articles, articles_new (not in ``dst`` before), actors, facts.
    """
    dst.ensure_schema()
    actors = {a.id: a for a in (actor_from_row(r) for r in src._read(q.ALL_ACTORS))}
    ids = [r["id"] for r in src._read(q.ARTICLE_IDS)]
    totals = {"articles": len(ids), "articles_new": 0, "actors": len(actors), "facts": 0}
    for i in range(0, len(ids), _ARTICLES_PER_READ):
        chunk = ids[i : i + _ARTICLES_PER_READ]
        present = {r["id"] for r in dst._read(q.ARTICLES_BY_ID, {"ids": chunk})}
        totals["articles_new"] += len(set(chunk) - present)
        graphs = _graphs(src, chunk, actors)
        totals["facts"] += sum(len(g.facts) for g in graphs)
        dst.write_articles(graphs)
    return totals


def _graphs(src: GraphStore, ids: list[str], actors: dict[str, Any]) -> list[ArticleGraph]:
    params = {"ids": ids}
    graphs = {
        r["id"]: ArticleGraph(article=article_from_row(r))
        for r in src._read(q.ARTICLES_BY_ID, params)
    }
    for r in src._read(q.MENTIONS_OF_ARTICLES, params):
        graph = graphs[r["article_id"]]
        graph.mentions[r["actor_id"]] = int(r["count"] or 1)
    for r in src._read(q.FACTS_OF_ARTICLES, params):
        graphs[r["article_id"]].facts.append(fact_from_row(r))
    for graph in graphs.values():
        wanted = set(graph.mentions)
        for fact in graph.facts:
            wanted.update((fact.relation.subject, fact.relation.object))
        graph.actors = [actors[a] for a in sorted(wanted) if a in actors]
    return [graphs[i] for i in ids if i in graphs]
