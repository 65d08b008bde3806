"""Synthetic article graphs of any size, for the load benchmark and store tests.

Deterministic for a given seed: the same call always yields the same ids, so loading
twice must leave the counts unchanged.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator

from graphbuilder.ontology import Ontology, load_ontology
from graphbuilder.types import ACTOR_KINDS, Actor, Article, ArticleGraph, Fact, Relation


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]


def synthetic_actors(n: int, seed: int = 0) -> list[Actor]:
    rng = random.Random(seed)
    return [
        Actor(
            id=f"syn-{seed}-{i}",
            name=f"Actor {i}",
            kind=ACTOR_KINDS[rng.randrange(len(ACTOR_KINDS))],
            aliases=[f"A{i}"],
        )
        for i in range(n)
    ]


def synthetic_graphs(
    n_facts: int,
    *,
    n_actors: int = 500,
    facts_per_article: int = 10,
    seed: int = 0,
    ontology: Ontology | None = None,
) -> Iterator[ArticleGraph]:
    """Articles of ``facts_per_article`` facts each, ``n_facts`` facts in all, between
    ``n_actors`` actors, with predicates drawn from the ontology."""
    ontology = ontology or load_ontology()
    predicates = [p for p in ontology.relationship_types if not ontology[p].structural]
    actors = synthetic_actors(n_actors, seed)
    by_id = {a.id: a for a in actors}
    rng = random.Random(seed)
    made = 0
    number = 0
    while made < n_facts:
        count = min(facts_per_article, n_facts - made)
        article_id = _hash("article", seed, number)
        day = 1 + number % 28
        article = Article(
            id=article_id,
            doc_id=f"synthetic-{number:06d}",
            text="",
            title=f"Synthetic article {number}",
            published=f"2022-{1 + number % 12:02d}-{day:02d}",
        )
        facts: list[Fact] = []
        mentions: dict[str, int] = {}
        for k in range(count):
            subject, obj = rng.sample(actors, 2)
            predicate = predicates[rng.randrange(len(predicates))]
            pred = ontology[predicate]
            sentence = f"{subject.name} {predicate.lower()} {obj.name} (fact {k})."
            start = 100 * k
            relation = Relation(
                subject=subject.id,
                predicate=predicate,
                object=obj.id,
                subject_span=(start, start + len(subject.name)),
                object_span=(start + len(sentence) - len(obj.name) - 11, start + len(sentence)),
                start=start,
                end=start + len(sentence),
                sentence=sentence,
                quad_class=pred.quad_class,
                cameo=pred.cameo,
                weight=pred.weight,
                confidence=0.9,
                trigger=predicate.lower(),
            )
            fact_id = _hash("fact", article_id, predicate, subject.id, obj.id, start)
            facts.append(Fact(id=fact_id, article_id=article_id, relation=relation))
            for actor in (subject, obj):
                mentions[actor.id] = mentions.get(actor.id, 0) + 1
        yield ArticleGraph(
            article=article,
            actors=[by_id[a] for a in mentions],
            facts=facts,
            mentions=mentions,
        )
        made += count
        number += 1
