"""GraphStore: everything both backends share. A backend supplies four primitives.

``_read(cypher, params)``
    Run a read query, return rows of plain values (see :mod:`graphbuilder.store.values`).
``_write(statements)``
    Run the statements in ONE transaction with :func:`~graphbuilder.store.rows.run_statements`
    (which checks each one's row count and runs the statements that one's results call
    for); commit all of them or none.
``_schema(cypher)``
    Run one schema statement (constraints, indexes) on its own.
``_close()``
    Release the database or driver.

All Cypher comes from :mod:`graphbuilder.store.cypher`, so both backends run the same
statements.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any

from graphbuilder.errors import OntologyError, StoreAuthError, StoreError, StoreUnavailable
from graphbuilder.ontology import Ontology, load_ontology
from graphbuilder.store import cypher
from graphbuilder.store.rows import Statement, actor_from_row, plan_writes, row_count
from graphbuilder.types import Actor, ArticleGraph, GraphView

log = logging.getLogger(__name__)

# A write transaction holds about this many UNWIND batches' worth of facts (see
# write_articles): fewer, fuller statements per fact; measured in
# benchmarks/bench_store_load.py.
GROUP_FACTOR = 5


class GraphStore:
    """An actor graph in a Cypher database. Use it as a context manager.

    Writes are idempotent (MERGE on stable ids) and atomic per article; see
    :meth:`write_articles` for how batching keeps that promise.
    """

    backend: str = "abstract"

    def __init__(self, *, ontology: Ontology | None = None, batch_size: int = 1000) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.ontology = ontology or load_ontology()
        self.batch_size = batch_size
        self._schema_ready = False
        self._fact_schema: set[str] = set()  # relationship types with their constraint
        self._closed = False

    # ---------------------------------------------------------------- backend primitives

    def _read(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _write(self, statements: Sequence[Statement]) -> None:
        raise NotImplementedError

    def _schema(self, cypher: str) -> None:
        raise NotImplementedError

    def _close(self) -> None:
        raise NotImplementedError

    def describe(self) -> str:
        """Where the store is, for messages (never with credentials)."""
        return self.backend

    # ---------------------------------------------------------------- lifecycle

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._close()

    # ---------------------------------------------------------------- schema

    def ensure_schema(self) -> None:
        """Create the constraints and indexes that are missing; safe to call any time.

        Unique ids on Article and Actor nodes and an index on actor names now; a unique
        fact id per relationship type when that type is first written (an index where
        the server has no relationship constraints, as before Neo4j 5.7), so a store
        only holds the types it uses.
        """
        existing = self._schema_names()
        for name, statement in (
            ("graphbuilder_article_id", cypher.ARTICLE_CONSTRAINT),
            ("graphbuilder_actor_id", cypher.ACTOR_CONSTRAINT),
            ("graphbuilder_actor_name", cypher.ACTOR_NAME_INDEX),
        ):
            if name not in existing:
                self._schema(statement)
        self._fact_schema = {
            t
            for t in self.ontology.relationship_types
            if cypher.fact_constraint_name(t) in existing
        }
        self._schema_ready = True

    def _ensure_fact_schema(self, graphs: Iterable[ArticleGraph]) -> None:
        """Constraints for the relationship types about to be written (schema changes
        cannot share a transaction with data, so this runs before the write)."""
        if not self._schema_ready:
            self.ensure_schema()
        wanted = {
            cypher.fact_type(self.ontology, f.relation.predicate) for g in graphs for f in g.facts
        }
        for rel_type in sorted(wanted - self._fact_schema):
            try:
                self._schema(cypher.fact_constraint(self.ontology, rel_type))
            except (StoreUnavailable, StoreAuthError):
                raise
            except StoreError as exc:
                log.info("%s: no relationship constraint (%s); using an index", rel_type, exc)
                self._schema(cypher.fact_index(self.ontology, rel_type))
            self._fact_schema.add(rel_type)

    def _schema_names(self) -> set[str]:
        names: set[str] = set()
        for listing in (cypher.SHOW_CONSTRAINTS, cypher.SHOW_INDEXES):
            try:
                rows = self._read(listing)
            except (StoreUnavailable, StoreAuthError):
                raise
            except StoreError:
                continue  # no SHOW support: fall back to IF NOT EXISTS on every statement
            names.update(str(r["name"]) for r in rows if r.get("name"))
        return names

    # ---------------------------------------------------------------- writes

    def has_article(self, article_id: str) -> bool:
        rows = self._read(cypher.HAS_ARTICLE, {"id": article_id})
        return bool(rows and rows[0].get("n"))

    def write_article(self, graph: ArticleGraph) -> None:
        """Write one article, its actors, mentions and facts in one transaction.

        Writing the same article again changes nothing. A predicate outside the
        ontology or an actor kind outside ACTOR_KINDS raises OntologyError before
        anything is sent; a fact whose actor is missing raises StoreError and rolls
        the whole article back.
        """
        statements = plan_writes([graph], self.ontology, self.batch_size)
        self._ensure_fact_schema([graph])
        self._write(statements)

    def write_articles(
        self, graphs: Iterable[ArticleGraph], *, batch_size: int | None = None
    ) -> int:
        """Write many articles with few transactions; return how many were written.

        Articles are grouped until a group holds ``GROUP_FACTOR * batch_size`` facts
        (or four times as many rows of any kind, for articles with few facts); each
        group is ONE transaction of UNWIND batches of at most ``batch_size`` rows, and
        an article is never split between groups. So every article is committed whole
        or not at all, exactly as with :meth:`write_article`. (Facts are written one
        statement per relationship type, some fifty of them, so a group must hold many
        facts for those statements to be batches at all.) If a group fails for a
        reason other than the store being unreachable, its articles are retried one
        per transaction, so only the bad article is left out; that error is then
        raised and writing stops there. Everything before it is committed, and
        running again completes the job.
        """
        size = batch_size or self.batch_size
        if size < 1:
            raise ValueError("batch_size must be at least 1")
        written = 0
        group: list[ArticleGraph] = []
        facts = rows = 0
        for graph in graphs:
            group.append(graph)
            facts += len(graph.facts)
            rows += row_count(graph)
            if facts >= GROUP_FACTOR * size or rows >= 4 * GROUP_FACTOR * size:
                written += self._write_group(group, size)
                group, facts, rows = [], 0, 0
        if group:
            written += self._write_group(group, size)
        return written

    def _write_group(self, group: list[ArticleGraph], size: int) -> int:
        try:
            statements = plan_writes(group, self.ontology, size)
            self._ensure_fact_schema(group)
            self._write(statements)
            return len(group)
        except (StoreUnavailable, StoreAuthError):
            raise
        except (StoreError, OntologyError):
            if len(group) == 1:
                raise
        written = 0
        for graph in group:
            try:
                statements = plan_writes([graph], self.ontology, size)
                self._ensure_fact_schema([graph])
                self._write(statements)
            except (StoreUnavailable, StoreAuthError):
                raise
            except (StoreError, OntologyError) as exc:
                where = graph.article.doc_id or graph.article.id
                raise type(exc)(
                    f"article {where}: {exc} ({written} article(s) of its batch were written)"
                ) from exc
            written += 1
        return written

    # ---------------------------------------------------------------- reads

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a read query; rows of plain JSON-ready values (see ``store.values``)."""
        return self._read(cypher, params or {})

    def known_actors(self) -> list[Actor]:
        """Every actor in the store, for cross-article entity resolution."""
        return [actor_from_row(r) for r in self._read(cypher.ALL_ACTORS)]

    def read_view(
        self,
        *,
        around: str | None = None,
        depth: int = 1,
        min_mentions: int = 1,
        since: str | None = None,
        until: str | None = None,
        cypher: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> GraphView:
        """A subgraph for drawing and export; see :func:`graphbuilder.store.view.read_view`."""
        from graphbuilder.store.view import read_view

        return read_view(
            self,
            around=around,
            depth=depth,
            min_mentions=min_mentions,
            since=since,
            until=until,
            cypher=cypher,
            params=params,
        )

    def stats(self, *, top: int = 10) -> dict[str, Any]:
        """Counts by actor kind and predicate, articles, and the ``top`` busiest actors."""
        by_kind = {r["kind"]: r["n"] for r in self._read(cypher.ACTORS_BY_KIND)}
        by_predicate = {r["predicate"]: r["n"] for r in self._read(cypher.FACTS_BY_PREDICATE)}
        articles = self._read(cypher.COUNT_ARTICLES)
        return {
            "articles": articles[0]["n"] if articles else 0,
            "actors": sum(by_kind.values()),
            "facts": sum(by_predicate.values()),
            "actors_by_kind": by_kind,
            "facts_by_predicate": by_predicate,
            "top_actors": self._read(cypher.TOP_ACTORS, {"limit": int(top)}),
        }
