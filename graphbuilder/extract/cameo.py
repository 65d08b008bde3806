"""A wider verb lexicon: verb lemma -> CAMEO code -> a predicate of the ontology.

``data/cameo_verbs.tsv`` lists about 800 verbs with the CAMEO code PETRARCH2's verb
dictionary gives them (built by ``training/build_cameo_verbs.py``; MIT licence, Open
Event Data Alliance). The ontology stays the only source of relationship types: a code
is mapped to the ontology predicate with the same code, else the first predicate
(in file order) under the same three-digit code, else under the same root.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from graphbuilder.ontology import Ontology


@lru_cache(maxsize=1)
def verb_codes() -> dict[str, str]:
    text = resources.files("graphbuilder").joinpath("data/cameo_verbs.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            lemma, code = line.split("\t")
            out[lemma] = code
    return out


class CameoVerbs:
    """Looks up a verb lemma's predicate in a given ontology."""

    def __init__(self, onto: Ontology) -> None:
        self.by_code: dict[str, str] = {}
        for pred in onto.predicates.values():
            if pred.structural or not pred.cameo:
                continue
            for n in (len(pred.cameo), 3, 2):
                self.by_code.setdefault(pred.cameo[:n], pred.name)

    def predicate(self, lemma: str) -> str | None:
        code = verb_codes().get(lemma)
        if code is None:
            return None
        for n in (len(code), 3, 2):
            if code[:n] in self.by_code:
                return self.by_code[code[:n]]
        return None
