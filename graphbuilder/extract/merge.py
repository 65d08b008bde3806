"""Join the extractions of consecutive sections of one very long article.

A long text is extracted section by section so memory stays flat; the sections'
entities are then joined the way names are joined within a section: same gazetteer id,
same normalised name, or a bare surname that matches one full name.
"""

from __future__ import annotations

from graphbuilder.extract.names import name_words, norm
from graphbuilder.types import Article, Entity, Extraction, Relation


def _identity(e: Entity) -> tuple[str, ...]:
    if e.gazetteer_id:
        return ("gazetteer", e.gazetteer_id)
    return ("name", str(e.kind == "Person"), norm(e.name))


def merge(article: Article, parts: list[Extraction]) -> Extraction:
    if len(parts) == 1:
        return parts[0]
    merged: dict[tuple[str, ...], Entity] = {}
    surnames: dict[str, list[tuple[str, ...]]] = {}
    remap: list[dict[str, str]] = []
    for part in parts:
        keys: dict[str, str] = {}
        for e in part.entities:
            ident = _identity(e)
            words = name_words(e.name)
            if ident not in merged and e.kind == "Person" and len(words) == 1:
                found = surnames.get(words[0], [])
                if len(found) == 1:
                    ident = found[0]
            if ident not in merged:
                merged[ident] = Entity(key=f"e{len(merged) + 1}", name=e.name, label=e.label,
                                       kind=e.kind, gazetteer_id=e.gazetteer_id,
                                       country=e.country)
                if e.kind == "Person" and len(words) > 1:
                    surnames.setdefault(words[-1], []).append(ident)
            target = merged[ident]
            target.mentions.extend(e.mentions)
            for alias in [e.name, *e.aliases]:
                if alias != target.name and alias not in target.aliases:
                    target.aliases.append(alias)
            target.roles.extend(r for r in e.roles if r not in target.roles)
            if len(name_words(e.name)) > len(name_words(target.name)):
                target.aliases.append(target.name)
                target.name = e.name
            keys[e.key] = target.key
        remap.append(keys)
    relations: list[Relation] = []
    for part, keys in zip(parts, remap, strict=True):
        for r in part.relations:
            r.subject = keys.get(r.subject, r.subject)
            r.object = keys.get(r.object, r.object)
            if r.attributed_to:
                r.attributed_to = keys.get(r.attributed_to, r.attributed_to)
            relations.append(r)
    return Extraction(article=article, entities=list(merged.values()), relations=relations)
