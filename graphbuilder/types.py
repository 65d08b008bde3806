"""Plain records passed between the stages: read → extract → resolve → store → draw.

Each stage takes and returns these dataclasses only; no stage reaches into another's
internals. Offsets are Python string (code point) offsets into ``Article.text``,
end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Actor kinds are also Neo4j labels (``(:Actor:Person)``): keep them CamelCase words.
ACTOR_KINDS: tuple[str, ...] = (
    "Person",
    "Organization",
    "Country",
    "Group",
    "Product",
    "Location",
)

QUAD_CLASSES: tuple[str, ...] = (
    "VERBAL_COOPERATION",
    "MATERIAL_COOPERATION",
    "VERBAL_CONFLICT",
    "MATERIAL_CONFLICT",
)


@dataclass(frozen=True)
class Article:
    """One article as read from disk or stdin.

    ``id`` is the content hash (sha256 hex of the normalised text), so the same
    article under another file name is the same article. ``doc_id`` is the file
    name without its extension (or the JSON record's id); it is what the eval
    contract calls ``doc_id``.
    """

    id: str
    doc_id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None  # path (and line number for JSON Lines) it came from
    published: str | None = None  # ISO 8601 date or datetime, as given


@dataclass(frozen=True)
class Mention:
    """A span of the article text that names (or refers to) an entity."""

    start: int
    end: int
    text: str
    label: str  # spaCy-style label: PERSON, ORG, GPE, LOC, NORP, PRODUCT, FAC, ...


@dataclass
class Entity:
    """An entity within one article: a cluster of mentions of the same thing.

    ``key`` is unique within the article only; the resolve stage assigns the
    graph-wide ``Actor.id``.
    """

    key: str
    name: str  # best (longest proper) name seen in the article
    label: str  # spaCy-style label of the best mention
    kind: str  # one of ACTOR_KINDS
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    gazetteer_id: str | None = None
    country: str | None = None  # ISO 3166 alpha-3 where known
    # descriptors the article states ("head of Roscosmos")
    roles: list[str] = field(default_factory=list)


@dataclass
class Relation:
    """One fact mention: subject PREDICATE object, proven by one sentence."""

    subject: str  # Entity.key in the extraction result; Actor.id after resolve
    predicate: str  # ontology predicate, e.g. ACCUSES
    object: str
    subject_span: tuple[int, int]  # the mention that is the subject, in the article text
    object_span: tuple[int, int]
    start: int  # evidence sentence span
    end: int
    sentence: str
    quad_class: str | None = None
    cameo: str | None = None
    weight: float | None = None  # Goldstein-style, -10 (conflict) .. +10 (cooperation)
    confidence: float = 1.0
    trigger: str | None = None  # the verb or noun that expresses the relation
    negated: bool = False
    hedged: bool = False
    attributed_to: str | None = None  # Entity.key / Actor.id of whoever claims it (reported speech)


@dataclass
class Extraction:
    """What the extract stage returns for one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)


@dataclass
class Actor:
    """A graph-wide actor after resolution; ``id`` is stable and deterministic."""

    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    gazetteer_id: str | None = None
    country: str | None = None
    roles: list[str] = field(default_factory=list)


@dataclass
class Fact:
    """A resolved relation ready for the store: ends are ``Actor.id`` values."""

    id: str  # stable: hash of article id, predicate, ends, evidence offsets
    article_id: str
    relation: Relation


@dataclass
class ArticleGraph:
    """One article's resolved actors and facts: the unit the store commits atomically."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    mentions: dict[str, int] = field(default_factory=dict)  # Actor.id -> mention count here


@dataclass
class GraphView:
    """A (sub)graph read back from a store, for drawing, export and statistics.

    ``facts[i].relation.subject``/``object`` are ``Actor.id`` values; ``articles`` holds
    the articles the facts cite (``text`` may be empty: stores keep evidence sentences,
    not whole articles). ``mention_counts`` is the number of articles mentioning each actor.
    """

    actors: list[Actor] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    mention_counts: dict[str, int] = field(default_factory=dict)
