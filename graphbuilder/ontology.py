"""The relation ontology: predicates, their CAMEO codes, quad classes and trigger words.

The ontology is the only source of relationship types in the graph. Anything that
builds a relationship type checks it with :meth:`Ontology.relationship_type`, so no
text from an article can ever become part of a Cypher statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from graphbuilder.errors import OntologyError
from graphbuilder.types import QUAD_CLASSES

# Relationship types that are not facts between actors but part of the graph model.
MODEL_RELATIONSHIP_TYPES: frozenset[str] = frozenset({"MENTIONED_IN"})

_NAME = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")


@dataclass(frozen=True)
class Predicate:
    """One predicate of the ontology."""

    name: str
    cameo: str | None
    quad_class: str | None
    weight: float
    lemmas: tuple[str, ...] = ()
    preps: tuple[tuple[str, str], ...] = ()  # (verb lemma, preposition), e.g. ("meet", "with")
    light: tuple[tuple[str, str, str], ...] = ()  # (verb, noun, prep), prep may be ""
    nouns: tuple[str, ...] = ()
    inverse_lemmas: tuple[str, ...] = ()  # verbs whose object is the subject ("include")
    symmetric: bool = False
    structural: bool = False

    @property
    def cameo_root(self) -> str | None:
        return self.cameo[:2] if self.cameo else None


@dataclass
class Ontology:
    """All predicates, with lookup tables built once."""

    predicates: dict[str, Predicate]
    by_lemma: dict[str, str] = field(default_factory=dict)
    by_prep: dict[tuple[str, str], str] = field(default_factory=dict)
    by_light: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)
    by_noun: dict[str, list[str]] = field(default_factory=dict)
    by_inverse_lemma: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # First predicate in file order wins a shared trigger word: put specific ones first.
        for pred in self.predicates.values():
            for lemma in pred.lemmas:
                self.by_lemma.setdefault(lemma, pred.name)
            for verb, prep in pred.preps:
                self.by_prep.setdefault((verb, prep), pred.name)
            for verb, noun, prep in pred.light:
                self.by_light.setdefault((verb, noun), (pred.name, prep))
            for noun in pred.nouns:
                self.by_noun.setdefault(noun, []).append(pred.name)
            for lemma in pred.inverse_lemmas:
                self.by_inverse_lemma.setdefault(lemma, pred.name)

    def __contains__(self, name: object) -> bool:
        return name in self.predicates

    def __getitem__(self, name: str) -> Predicate:
        return self.predicates[name]

    def relationship_type(self, name: str) -> str:
        """Return ``name`` if it may be used as a relationship type, else raise.

        This is the allow-list check every Cypher builder goes through.
        """
        if name in self.predicates or name in MODEL_RELATIONSHIP_TYPES:
            return name
        raise OntologyError(f"relationship type {name!r} is not in the ontology")

    @property
    def relationship_types(self) -> list[str]:
        return sorted(self.predicates)


def _light_entries(items: list[str] | None, where: str) -> list[tuple[str, str, str]]:
    """Split "hold talks with" into (verb, noun phrase, prep); the prep is optional."""
    out = []
    for item in items or []:
        words = str(item).lower().split()
        if len(words) < 2:
            raise OntologyError(f"{where}: light verb {item!r} needs 'verb noun [prep]'")
        verb, *rest = words
        prep = rest[-1] if len(rest) > 1 and rest[-1] in _PREPS else ""
        out.append((verb, " ".join(rest[:-1] if prep else rest), prep))
    return out


_PREPS = {"with", "to", "on", "against", "for", "into", "of", "at", "from", "near", "in", "about"}


def _parse(entries: object, where: str) -> dict[str, Predicate]:
    if not isinstance(entries, list):
        raise OntologyError(f"{where}: expected a list of predicates")
    preds: dict[str, Predicate] = {}
    for i, e in enumerate(entries, 1):
        if not isinstance(e, dict) or "predicate" not in e:
            raise OntologyError(f"{where}: entry {i} has no 'predicate'")
        name = str(e["predicate"])
        if not _NAME.match(name):
            raise OntologyError(f"{where}: predicate {name!r} must be UPPER_CASE letters/digits/_")
        qc = e.get("quad_class")
        if qc is not None and qc not in QUAD_CLASSES:
            raise OntologyError(f"{where}: {name}: unknown quad_class {qc!r}")
        if name in preds:
            raise OntologyError(f"{where}: predicate {name} defined twice")
        if name in MODEL_RELATIONSHIP_TYPES:
            raise OntologyError(f"{where}: {name} is reserved for the graph model")
        preps = []
        for item in e.get("preps") or []:
            words = str(item).lower().split()
            if len(words) < 2:
                raise OntologyError(f"{where}: {name}: prep entry {item!r} needs 'verb prep'")
            # "lash out at" -> verb "lash", prep "at" (particle ignored)
            preps.append((words[0], words[-1]))
        preds[name] = Predicate(
            name=name,
            cameo=str(e["cameo"]) if e.get("cameo") is not None else None,
            quad_class=qc,
            weight=float(e.get("weight", 0.0)),
            lemmas=tuple(str(x).lower() for x in e.get("lemmas") or []),
            preps=tuple(preps),
            light=tuple(_light_entries(e.get("light"), f"{where}: {name}")),
            nouns=tuple(str(x).lower() for x in e.get("nouns") or []),
            inverse_lemmas=tuple(str(x).lower() for x in e.get("inverse_lemmas") or []),
            symmetric=bool(e.get("symmetric", False)),
            structural=bool(e.get("structural", False)),
        )
    return preds


def load_ontology(path: str | Path | None = None) -> Ontology:
    """Load the bundled ontology, or a user's file (which replaces it) when ``path`` is given."""
    if path is None:
        return _bundled()
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise OntologyError(f"{p}: cannot read ontology: {exc}") from exc
    return Ontology(_parse(data, str(p)))


@lru_cache(maxsize=1)
def _bundled() -> Ontology:
    text = resources.files("graphbuilder").joinpath("data/ontology.yaml").read_text("utf-8")
    return Ontology(_parse(yaml.safe_load(text), "ontology.yaml"))
