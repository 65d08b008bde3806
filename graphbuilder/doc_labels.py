"""One label per name in a document: a pipeline component that runs after the NER.

A statistical NER labels each mention from its sentence alone, so one article may call
"Kessler" a PERSON in "Kessler said" and a GPE in "according to Kessler". Within one article a
name nearly always means one thing, so the component settles each name on one label:

- a one-word entity that is the last word of a longer PERSON entity of the same document is a
  PERSON ("Jimmy Dean Watkins ... Watkins");
- a name of two words or more ending in a word such as "University", "Party" or "Battalion"
  is an ORG, one ending in "Lake", "River" or "Bay" or starting with "Mount" a LOC, whatever
  the NER said ("Columbia University" as a PERSON);
- otherwise an entity whose exact text has another label more often in the document takes
  that label (a tie changes nothing).

A name that took in the preposition opening its sentence ("Near Rawah, strikes hit ..." as
a PERSON) loses it and is a place (GPE, or the LOC or FAC it was).

A name entity with no capital letter and no digit at all ("space internet" as an ORG) is
dropped, unless it is a fragment of short words ("al"). Only names are touched (PERSON, ORG,
GPE, LOC, NORP, FAC, EVENT, PRODUCT), not dates or numbers of other pipelines.

It runs before the actor gazetteer's ruler, so names the gazetteer knows keep the ruler's
label. Measured on GUM test named mentions (``graphbuilder model evaluate``): see the bundled
pipeline's README.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a pipeline is loaded, not with graphbuilder.nlp
    from spacy.tokens import Doc, Span

COMPONENT = "graphbuilder_doc_labels"
# Labels of names; dates, numbers and other labels of other pipelines are left alone
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})


def consistent_labels(doc: Doc) -> Doc:
    """doc (Doc): a document with entities from the NER.
    RETURNS (Doc): the same document, each name settled on one label."""
    found = doc.ents
    ents = [_without_place_preposition(e) for e in found
            if not (e.label_ in NAME_LABELS and _no_capital(e))]
    names = [e for e in ents if e.label_ in NAME_LABELS]
    surnames = {e[-1].text for e in names if e.label_ == "PERSON" and len(e) > 1 and e[-1].is_title}
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for ent in names:
        votes[ent.text]["PERSON" if ent.text in surnames else ent.label_] += 1
    settled = [
        _relabel(ent, _label_of(ent, surnames, votes[ent.text])) if ent.label_ in NAME_LABELS
        else ent
        for ent in ents
    ]
    if len(settled) != len(found) or any(new is not old for new, old in zip(settled, found,
                                                                          strict=True)):
        doc.ents = settled
    return doc


# Prepositions that open a sentence with a place: "Near Rawah, a strike destroyed ..."
PLACE_PREPOSITIONS = frozenset({"near", "outside", "around", "inside"})


def _without_place_preposition(ent: Span) -> Span:
    """"Near Rawah" as a PERSON: the NER took the capitalised first word of the sentence into
    the name. The name is what follows it, and a place."""
    first = ent[0]
    if (len(ent) < 2 or ent.label_ not in NAME_LABELS or not first.is_sent_start
            or first.lower_ not in PLACE_PREPOSITIONS):
        return ent
    from spacy.tokens import Span

    label = ent.label_ if ent.label_ in ("GPE", "LOC", "FAC") else "GPE"
    return Span(ent.doc, ent.start + 1, ent.end, label=label, kb_id=ent.kb_id)


def _no_capital(ent: Span) -> bool:
    """No capital letter and no digit: "space internet" is no name, whatever the NER said.
    A short fragment ("al" of "al-Bab") stays: extraction grows it into the whole name."""
    text = ent.text
    return not any(c.isupper() or c.isdigit() for c in text) and any(
        len(t) > 2 and t.is_alpha for t in ent)


# Last words that make a name an organisation or a natural place, whatever its other words
# ("Columbia University", "Crater Lake"), and first words that make it a place ("Mount Hood")
ORG_HEADS = frozenset(
    "university college school academy institute party army navy council committee ministry "
    "department agency association society federation league bank corporation company inc. "
    "ltd. foundation commission parliament senate assembly organization organisation brigade "
    "battalion regiment corps police bureau authority coalition movement alliance "
    "directorate command militia".split()
)
LOC_HEADS = frozenset(
    "river lake sea ocean mountain mountains valley desert island islands bay gulf coast "
    "peninsula forest falls beach canyon strait channel glacier reef".split()
)
LOC_FIRSTS = frozenset({"mount", "mt.", "lake", "cape", "isle"})


def _head_label(ent: Span) -> str | None:
    if len(ent) < 2:
        return None
    last, first = ent[-1].lower_, ent[0].lower_
    if last in ORG_HEADS:
        return "ORG"
    if last in LOC_HEADS or first in LOC_FIRSTS:
        return "LOC"
    return None


def _label_of(ent: Span, surnames: set[str], votes: Counter[str]) -> str:
    by_head = _head_label(ent)
    if by_head is not None:
        return by_head
    if len(ent) == 1 and ent.text in surnames:
        return "PERSON"
    ranked = votes.most_common(2)
    if len(ranked) == 2 and ranked[0][1] > ranked[1][1]:
        return ranked[0][0]
    return ent.label_


def _relabel(ent: Span, label: str) -> Span:
    from spacy.tokens import Span

    if label == ent.label_:
        return ent
    return Span(ent.doc, ent.start, ent.end, label=label, kb_id=ent.kb_id)
