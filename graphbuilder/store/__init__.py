"""The store stage: the actor graph in embedded ArcadeDB (default) or in Neo4j over Bolt.

Graph model (the same in both stores)::

    (:Article {id, doc_id, title, url, source, published})
        id is the article's content hash; published is the ISO date as given.
    (:Actor:<Kind> {id, name, kind, aliases, gazetteer_id, country, roles})
        <Kind> is one of graphbuilder.types.ACTOR_KINDS (Person, Organization, Country,
        Group, Product, Location), fixed when the actor is created; aliases and roles
        grow as later articles add spellings and descriptions.
    (:Actor)-[:<PREDICATE> {id, article_id, sentence, start, end, subject_span,
              object_span, quad_class, cameo, weight, confidence, trigger, negated,
              hedged, attributed_to, published}]->(:Actor)
        one relationship per fact mention, typed by its ontology predicate (ACCUSE,
        MEET, ...); id is Fact.id, start/end the evidence sentence's offsets in the
        article, subject_span/object_span the offsets of the two mentions,
        attributed_to the Actor id of whoever claims it, published the article date.
    (:Actor)-[:MENTIONED_IN {count}]->(:Article)
        count = mentions of the actor in that article.

Unique constraints on Article.id and Actor.id, an index on Actor.name, and a unique
constraint on the fact id of each relationship type, created when the type is first
written (an index instead on Neo4j before 5.7). Relationship types and labels come
only from allow-lists (the ontology, ACTOR_KINDS); everything else is passed as query
parameters. Every write MERGEs on these stable ids, so writing an article again
changes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

from graphbuilder.ontology import Ontology
from graphbuilder.store.base import GraphStore
from graphbuilder.store.copy import copy_store

DEFAULT_LOCATION = "graphbuilder-data"

__all__ = ["DEFAULT_LOCATION", "GraphStore", "copy_store", "open_store"]


def open_store(
    location: str | Path | None = None,
    *,
    neo4j_uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    batch_size: int = 1000,
    ontology: Ontology | None = None,
) -> GraphStore:
    """Open the embedded store at ``location``, or Neo4j when ``neo4j_uri`` is given.

    ``location`` defaults to $GRAPHBUILDER_STORE, then ./graphbuilder-data (created on
    first use). For Neo4j, ``user``/``password``/``database`` default to
    $NEO4J_USERNAME/$NEO4J_PASSWORD/$NEO4J_DATABASE. ``ontology`` (default: the bundled
    one) is the allow-list of relationship types. Raises StoreUnavailable or
    StoreAuthError with a one-line reason.
    """
    if neo4j_uri:
        from graphbuilder.store.neo4j import Neo4jStore

        return Neo4jStore(
            neo4j_uri,
            user=user,
            password=password,
            database=database,
            ontology=ontology,
            batch_size=batch_size,
        )
    from graphbuilder.store.arcadedb import EmbeddedStore

    if location is None:
        location = os.environ.get("GRAPHBUILDER_STORE") or DEFAULT_LOCATION
    return EmbeddedStore(location, ontology=ontology, batch_size=batch_size)
