"""Helpers for the extraction tests: run the bundled pipeline, find facts by actor names."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any

from graphbuilder.extract import extract
from graphbuilder.extract.names import norm
from graphbuilder.types import Article, Extraction, Relation


@lru_cache(maxsize=1)
def _tools() -> tuple[Any, Any]:
    from graphbuilder.gazetteer import Gazetteer
    from graphbuilder.nlp import load_pipeline

    return load_pipeline(), Gazetteer.load()


def run(text: str, published: str | None = "2022-05-10") -> Extraction:
    """Extract one text with the bundled pipeline and gazetteer."""
    nlp, gazetteer = _tools()
    digest = hashlib.sha256(text.encode()).hexdigest()
    article = Article(id=digest, doc_id="test", text=text, published=published)
    return extract(article, nlp, gazetteer=gazetteer)


def _names(ex: Extraction, key: str, span: tuple[int, int]) -> set[str]:
    out = {norm(ex.article.text[span[0] : span[1]])}
    for e in ex.entities:
        if e.key == key:
            out |= {norm(n) for n in [e.name, *e.aliases]}
            out.add(norm(e.name).split()[-1] if norm(e.name) else "")
    return out


def find(ex: Extraction, subject: str, predicate: str, obj: str) -> Relation | None:
    """The relation ``subject PREDICATE object``, matching actors by name, alias or span."""
    for r in ex.relations:
        if r.predicate != predicate:
            continue
        if norm(subject) in _names(ex, r.subject, r.subject_span) and norm(obj) in _names(
            ex, r.object, r.object_span
        ):
            return r
    return None


def show(ex: Extraction) -> list[str]:
    """Readable facts for assertion messages."""
    name = {e.key: e.name for e in ex.entities}
    return [f"{name.get(r.subject, r.subject)} {r.predicate} {name.get(r.object, r.object)}"
            + (" [neg]" if r.negated else "") + (" [hedged]" if r.hedged else "")
            + (f" [by {name.get(r.attributed_to)}]" if r.attributed_to else "")
            for r in ex.relations]
