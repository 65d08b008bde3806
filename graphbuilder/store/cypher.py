"""Every Cypher statement the stores run: one query layer for ArcadeDB and Neo4j.

Data only ever travels as ``$parameters``. Labels and relationship types cannot be
parameters (ArcadeDB rejects ``[:$($t)]``), so the few builders that put one into a
statement take it from an allow-list only: actor kinds from
:data:`graphbuilder.types.ACTOR_KINDS`, relationship types through
:meth:`graphbuilder.ontology.Ontology.relationship_type`. Nothing read from an article
can become Cypher text.

Every write statement ends in ``RETURN count(...) AS n`` so the caller can check that
each row found its nodes (a fact whose actor is missing must fail the whole article,
not vanish silently).
"""

from __future__ import annotations

from graphbuilder.errors import OntologyError
from graphbuilder.ontology import MODEL_RELATIONSHIP_TYPES, Ontology
from graphbuilder.types import ACTOR_KINDS

# ---------------------------------------------------------------- schema

ARTICLE_CONSTRAINT = (
    "CREATE CONSTRAINT graphbuilder_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE"
)
ACTOR_CONSTRAINT = (
    "CREATE CONSTRAINT graphbuilder_actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE"
)
ACTOR_NAME_INDEX = "CREATE INDEX graphbuilder_actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)"
SHOW_CONSTRAINTS = "SHOW CONSTRAINTS"
SHOW_INDEXES = "SHOW INDEXES"


def fact_type(ontology: Ontology, predicate: str) -> str:
    """A fact's relationship type: an ontology predicate, never one of the graph model's
    own types (MENTIONED_IN), even if a user's ontology defines it."""
    if predicate in MODEL_RELATIONSHIP_TYPES:
        raise OntologyError(
            f"{predicate} is the graph's own relationship type and cannot be an ontology "
            "predicate; rename it in the ontology"
        )
    if predicate not in ontology:
        raise OntologyError(f"relationship type {predicate!r} is not in the ontology")
    return ontology.relationship_type(predicate)


def fact_constraint_name(rel_type: str) -> str:
    return f"graphbuilder_fact_id_{rel_type.lower()}"


def fact_constraint(ontology: Ontology, predicate: str) -> str:
    """Unique fact ids per relationship type (Neo4j >= 5.7, ArcadeDB)."""
    t = fact_type(ontology, predicate)
    return (
        f"CREATE CONSTRAINT {fact_constraint_name(t)} IF NOT EXISTS "
        f"FOR ()-[r:{t}]-() REQUIRE r.id IS UNIQUE"
    )


def fact_index(ontology: Ontology, predicate: str) -> str:
    """The fallback where relationship uniqueness constraints are not supported."""
    t = fact_type(ontology, predicate)
    return f"CREATE INDEX {fact_constraint_name(t)} IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.id)"


# ---------------------------------------------------------------- writes

# An article node is created once and never changed. The statement returns the ids of
# the articles it created: the facts and mentions of those are then CREATEd, not MERGEd
# (see rows.plan_writes). Two writers racing on one new article both try to create it,
# and the unique constraint on Article.id fails one of them: "new" is never wrong.
CREATE_ARTICLES = """
UNWIND $rows AS row
OPTIONAL MATCH (existing:Article {id: row.id})
WITH row, existing WHERE existing IS NULL
CREATE (a:Article {id: row.id, doc_id: row.doc_id, title: row.title, url: row.url,
                   source: row.source, published: row.published})
RETURN a.id AS id
"""


def actor_label(kind: str) -> str:
    """The second label of an actor node; only kinds from ACTOR_KINDS pass."""
    if kind not in ACTOR_KINDS:
        raise OntologyError(f"actor kind {kind!r} is not one of {', '.join(ACTOR_KINDS)}")
    return kind


def create_actors(kind: str) -> str:
    """Create the actors of one kind that do not exist yet.

    An actor keeps the kind (and so the label) it was created with: ArcadeDB models a
    label set as a type, and moving an existing node to another label set fails, so
    labels are never changed after creation. The rows must have distinct ids (and
    distinct aliases and roles, as rows.plan_writes makes them). A new actor is created
    with the aliases, roles and ids UPDATE_ACTORS would give it, so that statement does
    not grow the record (ArcadeDB moves the records after a grown one in its page).
    """
    label = actor_label(kind)
    return f"""
UNWIND $rows AS row
OPTIONAL MATCH (existing:Actor {{id: row.id}})
WITH row, existing WHERE existing IS NULL
CREATE (a:Actor:{label} {{id: row.id, kind: row.kind, name: row.name,
                          aliases: [x IN row.aliases WHERE x <> row.name], roles: row.roles,
                          gazetteer_id: row.gazetteer_id, country: row.country}})
RETURN count(a) AS n
"""


# Properties merge monotonically, so writing any article twice, or articles in any
# order, gives the same node: aliases and roles are unions (a new spelling of the name
# becomes an alias), the name and kind stay as created, ids and country are kept once set.
UPDATE_ACTORS = """
UNWIND $rows AS row
MATCH (a:Actor {id: row.id})
SET a.aliases = reduce(acc = coalesce(a.aliases, []), x IN row.aliases |
                       CASE WHEN x = a.name OR x IN acc THEN acc ELSE acc + x END),
    a.roles = reduce(acc = coalesce(a.roles, []), x IN row.roles |
                     CASE WHEN x IN acc THEN acc ELSE acc + x END),
    a.gazetteer_id = coalesce(a.gazetteer_id, row.gazetteer_id),
    a.country = coalesce(a.country, row.country)
RETURN count(a) AS n
"""

# Written from the article's side: ArcadeDB's MERGE scans the edges of the pattern's
# first node, and an article has a few dozen where a busy actor has thousands.
MERGE_MENTIONS = """
UNWIND $rows AS row
MATCH (art:Article {id: row.article_id}), (a:Actor {id: row.actor_id})
MERGE (art)<-[m:MENTIONED_IN]-(a)
SET m.count = row.count
RETURN count(m) AS n
"""

# The mentions of an article that did not exist when its transaction began: there is
# nothing to merge with, and a relationship created with its property costs ArcadeDB
# less than one created and then updated (the update grows the record at commit, which
# moves the records after it in the page).
CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (art:Article {id: row.article_id}), (a:Actor {id: row.actor_id})
CREATE (art)<-[m:MENTIONED_IN {count: row.count}]-(a)
RETURN count(m) AS n
"""

FACT_PROPERTIES: tuple[str, ...] = (
    "article_id",
    "sentence",
    "start",
    "end",
    "subject_span",
    "object_span",
    "quad_class",
    "cameo",
    "weight",
    "confidence",
    "trigger",
    "negated",
    "hedged",
    "attributed_to",
    "published",
)


def merge_facts(ontology: Ontology, predicate: str) -> str:
    """MERGE one relationship per fact of one predicate, keyed by the fact id.

    ``row.props`` holds the FACT_PROPERTIES that are not null; one map assignment costs
    ArcadeDB a third less than fifteen single ones.
    """
    t = fact_type(ontology, predicate)
    return f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.subject}}), (o:Actor {{id: row.object}})
MERGE (s)-[r:{t} {{id: row.id}}]->(o)
SET r += row.props
RETURN count(r) AS n
"""


def create_facts(ontology: Ontology, predicate: str) -> str:
    """CREATE one relationship per fact of one predicate, all properties at once.

    Only for the facts of an article created in the same transaction: a fact id is a
    hash of its article's id (among other things), so such a fact cannot exist yet, and
    the unique constraint on fact ids would refuse a duplicate anyway. A property
    missing from ``row.props`` reads as null, and CREATE stores no null property, as
    ``SET r += row.props`` stores none.
    """
    t = fact_type(ontology, predicate)
    props = ", ".join(f"`{p}`: row.props.`{p}`" for p in FACT_PROPERTIES)
    return f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.subject}}), (o:Actor {{id: row.object}})
CREATE (s)-[r:{t} {{id: row.id, {props}}}]->(o)
RETURN count(r) AS n
"""


# ---------------------------------------------------------------- reads

HAS_ARTICLE = "MATCH (a:Article {id: $id}) RETURN count(a) AS n"

_ACTOR_COLUMNS = (
    "a.id AS id, a.name AS name, a.kind AS kind, a.aliases AS aliases, "
    "a.gazetteer_id AS gazetteer_id, a.country AS country, a.roles AS roles"
)
ALL_ACTORS = f"MATCH (a:Actor) RETURN {_ACTOR_COLUMNS} ORDER BY id"
ACTORS_BY_ID = f"MATCH (a:Actor) WHERE a.id IN $ids RETURN {_ACTOR_COLUMNS} ORDER BY id"

# `around`: a name or alias, case-insensitive, as the query library matches actors.
ACTORS_NAMED = """
MATCH (a:Actor)
WHERE toLower(a.name) = toLower($name)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($name))
RETURN a.id AS id ORDER BY id
"""

# Fact relationships only join actors, MENTIONED_IN joins an actor to an article, so an
# (Actor)-[]-(Actor) pattern follows facts and nothing else.
NEIGHBOURS = """
MATCH (a:Actor)-[]-(b:Actor)
WHERE a.id IN $ids
RETURN DISTINCT b.id AS id
"""

MENTION_COUNTS = """
MATCH (a:Actor)-[m:MENTIONED_IN]->(:Article)
RETURN a.id AS id, count(m) AS n
"""

_FACT_COLUMNS = "r.id AS id, type(r) AS predicate, s.id AS subject, o.id AS object, " + ", ".join(
    f"r.`{p}` AS `{p}`" for p in FACT_PROPERTIES
)

# Dates are ISO strings; a bound of any precision compares with the same-length prefix
# of `published`, so until '2022-05' keeps every fact of May 2022.
VIEW_FACTS = f"""
MATCH (s:Actor)-[r]->(o:Actor)
WHERE ($ids IS NULL OR (s.id IN $ids AND o.id IN $ids))
  AND ($since IS NULL OR substring(coalesce(r.published, ''), 0, size($since)) >= $since)
  AND ($until IS NULL OR (r.published IS NOT NULL
                          AND substring(r.published, 0, size($until)) <= $until))
RETURN {_FACT_COLUMNS}
ORDER BY id
"""

FACTS_BY_ID = f"""
MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.id IN $ids
RETURN {_FACT_COLUMNS}
ORDER BY id
"""

FACTS_OF_ARTICLES = f"""
MATCH (s:Actor)-[r]->(o:Actor)
WHERE r.article_id IN $ids
RETURN {_FACT_COLUMNS}
ORDER BY id
"""

_ARTICLE_COLUMNS = (
    "a.id AS id, a.doc_id AS doc_id, a.title AS title, a.url AS url, "
    "a.source AS source, a.published AS published"
)
ARTICLES_BY_ID = f"MATCH (a:Article) WHERE a.id IN $ids RETURN {_ARTICLE_COLUMNS} ORDER BY id"
ARTICLE_IDS = "MATCH (a:Article) RETURN a.id AS id ORDER BY id"

MENTIONS_OF_ARTICLES = """
MATCH (a:Actor)-[m:MENTIONED_IN]->(art:Article)
WHERE art.id IN $ids
RETURN art.id AS article_id, a.id AS actor_id, m.count AS count
ORDER BY article_id, actor_id
"""

# ---------------------------------------------------------------- statistics

COUNT_ARTICLES = "MATCH (a:Article) RETURN count(a) AS n"
ACTORS_BY_KIND = "MATCH (a:Actor) RETURN a.kind AS kind, count(a) AS n ORDER BY n DESC, kind"
FACTS_BY_PREDICATE = """
MATCH (:Actor)-[r]->(:Actor)
RETURN type(r) AS predicate, count(r) AS n
ORDER BY n DESC, predicate
"""
TOP_ACTORS = """
MATCH (a:Actor)
OPTIONAL MATCH (a)-[r]-(:Actor)
WITH a, count(r) AS facts
OPTIONAL MATCH (a)-[:MENTIONED_IN]->(art:Article)
RETURN a.name AS name, a.kind AS kind, facts, count(art) AS articles
ORDER BY facts DESC, articles DESC, name
LIMIT $limit
"""
