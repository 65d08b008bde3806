"""The resolve stage: article entities → graph-wide actors with stable ids.

An entity becomes an actor id in this order:

1. its gazetteer id, when the extractor linked it (``gb:UKR``, ``gb:elon-musk``);
2. a known actor (from the store, or an earlier article of this run) with the same
   normalised name or alias and a compatible kind;
3. for a bare surname ("Musk"), the one known person whose name ends with it; two
   known people sharing the surname means no link (never merge without evidence);
4. else a new id: ``<kind>:<slug of the name>`` ("person:dmitry-rogozin").

An unnamed group ("militants", "the enemy" where the article names no opponent, "our
partners") is an actor of its own article only: ``group:militants@<article id>``. The
militants of one story are not those of another.

Everything is deterministic: the same articles and known actors give the same ids.
Facts get ``Fact.id`` = hash of article id, predicate, both ends and the evidence
offsets, so re-ingesting an article produces the same facts.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from typing import Any

from graphbuilder.extract.names import name_words, norm, slug
from graphbuilder.types import Actor, ArticleGraph, Entity, Extraction, Fact


def fact_id(article_id: str, predicate: str, subject: str, obj: str, start: int, end: int) -> str:
    raw = "\x1f".join((article_id, predicate, subject, obj, str(start), str(end)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]


def actor_id(kind: str, name: str) -> str:
    return f"{kind.lower()}:{slug(name)}"


def _person(kind: str) -> bool:
    return kind == "Person"


def is_unnamed_group(kind: str, name: str, gazetteer_id: str | None) -> bool:
    """A group the article describes but does not name: all lower case ("militants")."""
    return kind == "Group" and gazetteer_id is None and name == name.lower()


class Resolver:
    """Assigns actor ids; remembers the actors it has seen for the next articles."""

    def __init__(self, known: Iterable[Actor] = (), *, gazetteer: Any | None = None) -> None:
        self.gazetteer = gazetteer
        self.actors: dict[str, Actor] = {}
        self._by_name: dict[tuple[bool, str], list[str]] = {}
        self._by_gazetteer: dict[str, str] = {}
        self._by_surname: dict[str, list[str]] = {}
        for actor in sorted(known, key=lambda a: a.id):
            self._remember(actor)

    # ------------------------------------------------------------------ index
    def _remember(self, actor: Actor) -> None:
        if is_unnamed_group(actor.kind, actor.name, actor.gazetteer_id):
            self.actors.setdefault(actor.id, actor)
            return  # never found by name from another article
        old = self.actors.get(actor.id)
        if old is not None:
            for alias in [actor.name, *actor.aliases]:
                if alias != old.name and alias not in old.aliases:
                    old.aliases.append(alias)
            for r in actor.roles:
                if r not in old.roles:
                    old.roles.append(r)
            actor = old
        else:
            self.actors[actor.id] = actor
        person = _person(actor.kind)
        for name in [actor.name, *actor.aliases]:
            ids = self._by_name.setdefault((person, norm(name)), [])
            if actor.id not in ids:
                ids.append(actor.id)
            words = name_words(name)
            if person and len(words) > 1:
                ids = self._by_surname.setdefault(words[-1], [])
                if actor.id not in ids:
                    ids.append(actor.id)
        if actor.gazetteer_id:
            self._by_gazetteer.setdefault(actor.gazetteer_id, actor.id)

    def _match(self, e: Entity, article_id: str) -> str:
        if is_unnamed_group(e.kind, e.name, e.gazetteer_id):
            return f"{actor_id(e.kind, e.name)}@{article_id[:12]}"
        if e.gazetteer_id:
            return self._by_gazetteer.get(e.gazetteer_id, e.gazetteer_id)
        person = _person(e.kind)
        for name in [e.name, *e.aliases]:
            ids = self._by_name.get((person, norm(name)), [])
            same_kind = [i for i in ids if self.actors[i].kind == e.kind] or ids
            if len(same_kind) == 1:
                return same_kind[0]
        words = name_words(e.name)
        if person and len(words) == 1:
            ids = self._by_surname.get(words[0], [])
            if len(ids) == 1:
                return ids[0]
        return actor_id(e.kind, e.name)

    # ------------------------------------------------------------------ resolve
    def resolve(self, extraction: Extraction) -> ArticleGraph:
        article = extraction.article
        ids: dict[str, str] = {}
        # full names first, so "Musk" in the same article finds "Elon Musk"
        order = sorted(extraction.entities, key=lambda e: -len(name_words(e.name)))
        for e in order:
            aid = self._match(e, article.id)
            ids[e.key] = aid
            self._remember(self._actor(aid, e))
        actors: dict[str, Actor] = {}
        mentions: dict[str, int] = {}
        for e in extraction.entities:
            aid = ids[e.key]
            actors[aid] = self.actors[aid]
            mentions[aid] = mentions.get(aid, 0) + len(e.mentions)
        facts: list[Fact] = []
        seen: set[str] = set()
        for r in extraction.relations:
            s, o = ids.get(r.subject), ids.get(r.object)
            if s is None or o is None or s == o:
                continue  # a self-loop (an alias of itself, a coreference slip) says nothing
            rel = dataclasses.replace(
                r, subject=s, object=o,
                attributed_to=ids.get(r.attributed_to) if r.attributed_to else None)
            fid = fact_id(article.id, r.predicate, s, o, r.start, r.end)
            if fid in seen:
                continue
            seen.add(fid)
            facts.append(Fact(id=fid, article_id=article.id, relation=rel))
        return ArticleGraph(article=article, actors=sorted(actors.values(), key=lambda a: a.id),
                            facts=facts, mentions=mentions)

    def _actor(self, aid: str, e: Entity) -> Actor:
        known = self.actors.get(aid)
        name = known.name if known else e.name
        if known is None and e.gazetteer_id and self.gazetteer is not None:
            entry = self.gazetteer.get(e.gazetteer_id)
            name = getattr(entry, "name", None) or name
        aliases = [n for n in [e.name, *e.aliases] if n != name]
        return Actor(id=aid, name=name, kind=known.kind if known else e.kind,
                     aliases=aliases, gazetteer_id=e.gazetteer_id,
                     country=e.country or (known.country if known else None),
                     roles=list(e.roles))
