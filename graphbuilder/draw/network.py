"""GraphView → networkx, importance scores, and facts merged into drawable edges."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

import networkx as nx

from graphbuilder.draw.style import UNKNOWN_KIND
from graphbuilder.ontology import load_ontology
from graphbuilder.types import Fact, GraphView, Relation

SizeBy = Literal["pagerank", "degree"]


def fact_classes(relation: Relation) -> tuple[str | None, str | None]:
    """(quad class, CAMEO code) of a fact, from the relation or else from the ontology."""
    quad, cameo = relation.quad_class, relation.cameo
    ontology = load_ontology()
    if relation.predicate in ontology:
        pred = ontology[relation.predicate]
        quad = quad if quad is not None else pred.quad_class
        cameo = cameo if cameo is not None else pred.cameo
    return quad, cameo


def fact_date(view: GraphView, fact: Fact) -> str | None:
    """The fact's date: the first 10 characters (YYYY-MM-DD) of its article's published date."""
    article = view.articles.get(fact.article_id)
    if article is None or not article.published:
        return None
    day = article.published.strip()[:10]
    return day if len(day) == 10 and day[4] == "-" and day[7] == "-" else None


def to_networkx(view: GraphView) -> nx.MultiDiGraph:
    """One node per actor and one edge per fact mention, keyed by ``Fact.id``.

    Node attributes: ``name``, ``kind``, ``aliases`` (list), ``roles`` (list), ``country``
    (str or None), ``mentions`` (articles mentioning the actor). Edge attributes: ``id``,
    ``predicate``, ``quad_class``, ``cameo``, ``goldstein`` (the Relation's weight, kept
    out of ``weight`` so that networkx algorithms do not take it for a distance),
    ``confidence``, ``negated``, ``hedged``, ``attributed_to``, ``trigger``, ``sentence``,
    ``start``, ``end``, ``subject_span``, ``object_span`` (lists), ``article_id``,
    ``article_title``, ``article_url``, ``published``. A fact whose end is not among the
    actors gets a node of kind ``Unknown`` named by its id.

    Examples
    --------
    >>> from graphbuilder.types import Actor, GraphView
    >>> g = to_networkx(GraphView(actors=[Actor(id="a1", name="Roscosmos", kind="Organization")]))
    >>> g.nodes["a1"]["name"], g.number_of_edges()
    ('Roscosmos', 0)
    """
    graph = nx.MultiDiGraph(name="graphbuilder actor network")
    for actor in view.actors:
        graph.add_node(
            actor.id,
            name=actor.name,
            kind=actor.kind,
            aliases=list(actor.aliases),
            roles=list(actor.roles),
            country=actor.country,
            mentions=int(view.mention_counts.get(actor.id, 0)),
        )
    for fact in view.facts:
        rel = fact.relation
        for end in (rel.subject, rel.object):
            if end not in graph:
                graph.add_node(
                    end, name=end, kind=UNKNOWN_KIND, aliases=[], roles=[], country=None,
                    mentions=0,
                )
        quad, cameo = fact_classes(rel)
        article = view.articles.get(fact.article_id)
        graph.add_edge(
            rel.subject,
            rel.object,
            key=fact.id,
            id=fact.id,
            predicate=rel.predicate,
            quad_class=quad,
            cameo=cameo,
            goldstein=rel.weight,
            confidence=rel.confidence,
            negated=rel.negated,
            hedged=rel.hedged,
            attributed_to=rel.attributed_to,
            trigger=rel.trigger,
            sentence=rel.sentence,
            start=rel.start,
            end=rel.end,
            subject_span=list(rel.subject_span),
            object_span=list(rel.object_span),
            article_id=fact.article_id,
            article_title=article.title if article else None,
            article_url=article.url if article else None,
            published=fact_date(view, fact),
        )
    return graph


def importance(graph: nx.MultiDiGraph, by: SizeBy = "pagerank") -> dict[str, float]:
    """Score each actor: ``degree`` counts its facts (in + out); ``pagerank`` runs on the
    undirected graph weighted by the number of facts between two actors.

    Undirected on purpose: in news text who is the grammatical subject says little about
    who matters, and a directed PageRank would shrink every actor that mostly speaks.
    """
    if by == "degree":
        return {node: float(deg) for node, deg in graph.degree()}
    if by != "pagerank":
        raise ValueError(f"size_by must be 'pagerank' or 'degree', not {by!r}")
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    weights: Counter[tuple[str, str]] = Counter()
    for u, v in graph.edges():
        if u != v:
            weights[(u, v) if u <= v else (v, u)] += 1
    simple.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
    if simple.number_of_nodes() == 0:
        return {}
    return nx.pagerank(simple, weight="weight")


@dataclass
class MergedEdge:
    """All fact mentions of one (subject, object, predicate, negated) drawn as one edge.

    Negation is part of the key: "X did not attack Y" must never thicken "X attacked Y".
    """

    source: str
    target: str
    predicate: str
    negated: bool
    facts: list[Fact] = field(default_factory=list)

    @property
    def uncertain(self) -> bool:
        """True when no fact behind the edge is stated plainly (all hedged or alleged)."""
        return all(f.relation.hedged or f.relation.attributed_to for f in self.facts)


def merge_facts(view: GraphView) -> list[MergedEdge]:
    """Group facts into edges, in first-seen order, facts within an edge sorted by date."""
    merged: dict[tuple[str, str, str, bool], MergedEdge] = {}
    for fact in view.facts:
        rel = fact.relation
        key = (rel.subject, rel.object, rel.predicate, rel.negated)
        if key not in merged:
            merged[key] = MergedEdge(rel.subject, rel.object, rel.predicate, rel.negated)
        merged[key].facts.append(fact)
    for edge in merged.values():
        edge.facts.sort(key=lambda f: (fact_date(view, f) or "", f.id))
    return list(merged.values())
