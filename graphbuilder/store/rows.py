"""Between records and Cypher rows: ArticleGraphs → UNWIND batches, query rows → records.

A batch is planned in Python before anything is sent: every relationship type and
label is checked against its allow-list first (so a bad one writes nothing), and rows
are de-duplicated and aggregated, because an UNWIND that touches the same new node
twice misbehaves in ArcadeDB (and wastes locks in Neo4j).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from graphbuilder.errors import StoreError
from graphbuilder.ontology import Ontology
from graphbuilder.store import cypher
from graphbuilder.types import Actor, Article, ArticleGraph, Fact, Relation


@dataclass(frozen=True)
class Statement:
    """One parameterised statement of a write transaction.

    ``expect`` is the count its ``n`` column must report; anything else means a row did
    not find its nodes, and the whole transaction is rolled back. ``then``, if set,
    turns the statement's rows into the statements to run right after it, in the same
    transaction (see :func:`run_statements`).
    """

    cypher: str
    params: dict[str, Any]
    expect: int | None = None
    what: str = ""
    then: Callable[[list[dict[str, Any]]], list[Statement]] | None = None

    def check(self, rows: Sequence[dict[str, Any]]) -> None:
        if self.expect is None:
            return
        got = sum(int(r.get("n") or 0) for r in rows)
        if got != self.expect:
            raise StoreError(
                f"{self.what}: wrote {got} of {self.expect} rows "
                "(a fact or mention refers to an actor or article that is not in the batch)"
            )


def run_statements(
    statements: Sequence[Statement], execute: Callable[[Statement], list[dict[str, Any]]]
) -> None:
    """Run ``statements`` in order with ``execute`` (which runs one inside the caller's
    transaction and returns its rows), checking each, and the statements each one's
    ``then`` makes of its rows right after it. Nothing is kept between calls, so a
    transaction that is retried plans its later statements afresh."""
    pending = list(reversed(statements))
    while pending:
        statement = pending.pop()
        rows = execute(statement)
        statement.check(rows)
        if statement.then is not None:
            pending.extend(reversed(statement.then(rows)))


def _union(*lists: Iterable[str]) -> list[str]:
    out: list[str] = []
    for items in lists:
        for x in items:
            if x and x not in out:
                out.append(x)
    return out


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


@dataclass
class _Rows:
    """The de-duplicated rows of a group of articles, before any statement is made."""

    articles: dict[str, dict[str, Any]]
    actors: dict[str, dict[str, Any]]
    mentions: dict[tuple[str, str], dict[str, Any]]
    facts: dict[str, dict[str, dict[str, Any]]]  # relationship type → fact id → row
    fact_article: dict[str, str]  # fact id → the article whose graph carried it


def _collect(graphs: Sequence[ArticleGraph], ontology: Ontology) -> _Rows:
    """Rows of ``graphs``; raises OntologyError for an actor kind or predicate outside
    the allow-lists."""
    rows = _Rows({}, {}, {}, {}, {})
    for g in graphs:
        art = g.article
        rows.articles.setdefault(art.id, _article_row(art))
        for actor in g.actors:
            cypher.actor_label(actor.kind)  # allow-list check, raises OntologyError
            row = rows.actors.get(actor.id)
            if row is None:
                rows.actors[actor.id] = {
                    "id": actor.id,
                    "kind": actor.kind,
                    "name": actor.name,
                    "aliases": _union([actor.name], actor.aliases),
                    "roles": _union(actor.roles),
                    "gazetteer_id": actor.gazetteer_id,
                    "country": actor.country,
                }
            else:
                row["aliases"] = _union(row["aliases"], [actor.name], actor.aliases)
                row["roles"] = _union(row["roles"], actor.roles)
                row["gazetteer_id"] = row["gazetteer_id"] or actor.gazetteer_id
                row["country"] = row["country"] or actor.country
            rows.mentions[(actor.id, art.id)] = {
                "actor_id": actor.id,
                "article_id": art.id,
                "count": int(g.mentions.get(actor.id, 1)),
            }
        for fact in g.facts:
            rel_type = cypher.fact_type(ontology, fact.relation.predicate)
            if fact.id in rows.fact_article:
                continue
            rows.fact_article[fact.id] = art.id
            rows.facts.setdefault(rel_type, {})[fact.id] = _fact_row(fact, art)
    return rows


def _statements(
    text: str, rows: list[dict[str, Any]], what: str, batch_size: int, check: bool = True
) -> list[Statement]:
    return [
        Statement(text, {"rows": chunk}, len(chunk) if check else None, what)
        for chunk in _chunks(rows, batch_size)
    ]


def _after_articles(
    rows: _Rows, ontology: Ontology, batch_size: int, new: frozenset[str]
) -> list[Statement]:
    """Everything after the articles, once it is known which of them are ``new``."""
    out: list[Statement] = []
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for row in rows.actors.values():
        by_kind.setdefault(row["kind"], []).append(row)
    for kind in sorted(by_kind):
        # How many are new is not known in advance: no count check here; UPDATE_ACTORS
        # right after checks that every actor exists.
        out += _statements(
            cypher.create_actors(kind), by_kind[kind], f"{kind} actors", batch_size, False
        )
    out += _statements(cypher.UPDATE_ACTORS, list(rows.actors.values()), "actors", batch_size)
    created = [m for m in rows.mentions.values() if m["article_id"] in new]
    merged = [m for m in rows.mentions.values() if m["article_id"] not in new]
    out += _statements(cypher.CREATE_MENTIONS, created, "mentions", batch_size)
    out += _statements(cypher.MERGE_MENTIONS, merged, "mentions", batch_size)
    for rel_type in sorted(rows.facts):
        # a fact is created only with the article it belongs to, whose id its id hashes
        created, merged = [], []
        for fact_id, row in rows.facts[rel_type].items():
            article = rows.fact_article[fact_id]
            fresh = article in new and row["props"].get("article_id") == article
            (created if fresh else merged).append(row)
        what = f"{rel_type} facts"
        out += _statements(cypher.create_facts(ontology, rel_type), created, what, batch_size)
        out += _statements(cypher.merge_facts(ontology, rel_type), merged, what, batch_size)
    return out


def plan_writes(
    graphs: Sequence[ArticleGraph], ontology: Ontology, batch_size: int = 1000
) -> list[Statement]:
    """The statements that write ``graphs`` as one transaction's work, for
    :func:`run_statements`.

    The first statements create the articles that are not in the store yet and report
    which they were; the rest are planned from that report when it comes, inside the
    transaction: the mentions and facts of a new article are CREATEd, with all their
    properties at once, those of an article already stored are MERGEd (ArcadeDB writes
    the first kind about a fifth faster; measured in benchmarks/bench_store_load.py).
    Either way writing an article twice changes nothing.

    Raises OntologyError (before anything is written) for an actor kind or predicate
    outside the allow-lists.
    """
    rows = _collect(graphs, ontology)
    chunks = list(_chunks(list(rows.articles.values()), batch_size))

    def articles(i: int, new: frozenset[str]) -> list[Statement]:
        if i == len(chunks):
            return _after_articles(rows, ontology, batch_size, new)

        def then(result: list[dict[str, Any]]) -> list[Statement]:
            return articles(i + 1, new | {str(r["id"]) for r in result})

        return [Statement(cypher.CREATE_ARTICLES, {"rows": chunks[i]}, None, "articles", then)]

    return articles(0, frozenset())


def plan_writes_of_new(
    graphs: Sequence[ArticleGraph], ontology: Ontology, batch_size: int = 1000
) -> list[Statement]:
    """The statements :func:`plan_writes` comes to for articles that are all new, as one
    flat list (for the load benchmark, which runs them one per transaction)."""
    rows = _collect(graphs, ontology)
    out = _statements(cypher.CREATE_ARTICLES, list(rows.articles.values()), "", batch_size, False)
    return out + _after_articles(rows, ontology, batch_size, frozenset(rows.articles))


def _article_row(art: Article) -> dict[str, Any]:
    return {
        "id": art.id,
        "doc_id": art.doc_id,
        "title": art.title,
        "url": art.url,
        "source": art.source,
        "published": art.published,
    }


def _fact_row(fact: Fact, art: Article) -> dict[str, Any]:
    rel = fact.relation
    props = {
        "article_id": fact.article_id,
        "sentence": rel.sentence,
        "start": rel.start,
        "end": rel.end,
        "subject_span": [int(rel.subject_span[0]), int(rel.subject_span[1])],
        "object_span": [int(rel.object_span[0]), int(rel.object_span[1])],
        "quad_class": rel.quad_class,
        "cameo": rel.cameo,
        "weight": None if rel.weight is None else float(rel.weight),
        "confidence": float(rel.confidence),
        "trigger": rel.trigger,
        "negated": bool(rel.negated),
        "hedged": bool(rel.hedged),
        "attributed_to": rel.attributed_to,
        "published": art.published if art.id == fact.article_id else None,
    }
    return {
        "id": fact.id,
        "subject": rel.subject,
        "object": rel.object,
        # absent rather than null: the same on both backends (Neo4j stores no nulls)
        "props": {k: v for k, v in props.items() if v is not None},
    }


def row_count(graph: ArticleGraph) -> int:
    """Rows one article adds to a transaction (article, actors twice, mentions, facts)."""
    return 1 + 3 * len(graph.actors) + len(graph.facts)


# ---------------------------------------------------------------- rows → records


def actor_from_row(row: dict[str, Any]) -> Actor:
    return Actor(
        id=row["id"],
        name=row.get("name") or row["id"],
        kind=row.get("kind") or "Organization",
        aliases=list(row.get("aliases") or []),
        gazetteer_id=row.get("gazetteer_id"),
        country=row.get("country"),
        roles=list(row.get("roles") or []),
    )


def _span(value: Any) -> tuple[int, int]:
    if isinstance(value, list | tuple) and len(value) == 2:
        return int(value[0]), int(value[1])
    return 0, 0


def fact_from_row(row: dict[str, Any]) -> Fact:
    rel = Relation(
        subject=row["subject"],
        predicate=row["predicate"],
        object=row["object"],
        subject_span=_span(row.get("subject_span")),
        object_span=_span(row.get("object_span")),
        start=int(row.get("start") or 0),
        end=int(row.get("end") or 0),
        sentence=row.get("sentence") or "",
        quad_class=row.get("quad_class"),
        cameo=row.get("cameo"),
        weight=row.get("weight"),
        confidence=float(row["confidence"]) if row.get("confidence") is not None else 1.0,
        trigger=row.get("trigger"),
        negated=bool(row.get("negated")),
        hedged=bool(row.get("hedged")),
        attributed_to=row.get("attributed_to"),
    )
    return Fact(id=row["id"], article_id=row.get("article_id") or "", relation=rel)


def article_from_row(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        doc_id=row.get("doc_id") or row["id"],
        text="",  # the store keeps evidence sentences, not whole articles
        title=row.get("title"),
        url=row.get("url"),
        source=row.get("source"),
        published=row.get("published"),
    )
