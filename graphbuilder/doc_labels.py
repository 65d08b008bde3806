"""One label per name in a document: a pipeline component that runs after the NER.

A statistical NER labels each mention from its sentence alone, so one article may call
"Kessler" a PERSON in "Kessler said" and a GPE in "according to Kessler". Within one article a
name nearly always means one thing, so the component settles each name on one label:

- a one-word entity that is the last word of a longer PERSON entity of the same document is a
  PERSON ("Jimmy Dean Watkins ... Watkins");
- a name of two words or more ending in a word such as "University", "Party" or "Battalion"
  is an ORG, one ending in "Lake", "River" or "Bay" or starting with "Mount" a LOC, whatever
  the NER said ("Columbia University" as a PERSON), one ending in "Dam", "Bridge", "Square" or
  another word of a building or road a FAC ("Tabqa Dam"); and as OntoNotes labels them, a name
  ending in "Resolution" or "Treaty" is a LAW, a ship ("USS Hopper", and "the Hopper" after
  it) a PRODUCT, "Exercise Eager Lion" an EVENT, and "May 15" a DATE, so none is an actor;
- otherwise an entity whose exact text has another label more often in the document takes
  that label (a tie changes nothing).

Before that, each entity is repaired on its own:

- a name that took in the preposition opening its sentence ("Near Rawah, strikes hit ..." as
  a PERSON) loses it and is a place (GPE, or the LOC or FAC it was);
- lower-case function words and an opening bracket at the end of a name are cut off ("House
  of", "Barracuda and");
- a name with a person's title inside ("Pentagon Press Secretary Peter Cook" as one ORG) is
  cut at the title: the words after it are a PERSON, and one word before the title stays an
  entity of its own ("US President Joe Biden"); a PERSON loses any leading title ("Justice
  Thomas"), unless nothing but titles would be left ("Foreign Secretary");
- a PERSON after "near" or "in" ("in al-Hilla"), or a PERSON or ORG that a place noun takes
  with "of" ("the town of Zumar"), is a GPE;
- a name entity with no capital letter and no digit at all ("space internet" as an ORG) is
  dropped, unless it is a fragment of short words ("al"), and so is one title-case word the
  tagger reads as an adverb, verb or other word of no name ("Accordingly" as a PERSON).

And after it, a surname of the document's people written alone where the NER found nothing
("Cook said") becomes a PERSON. Only names are touched (PERSON, ORG, GPE, LOC, NORP, FAC,
EVENT, PRODUCT), not dates or numbers of other pipelines.

It runs before the actor gazetteer's ruler, so names the gazetteer knows keep the ruler's
label. ``graphbuilder extract`` parses an article paragraph by paragraph, so it settles the
labels once more across the paragraphs (:func:`settle_across`), after the ruler, keeping the
labels of the names the gazetteer linked. Measured on GUM test named mentions
(``graphbuilder model evaluate``): see the bundled pipeline's README.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from graphbuilder.titles import PERSON_TITLES, QUALIFIER_TITLES

if TYPE_CHECKING:  # spaCy is imported when a pipeline is loaded, not with graphbuilder.nlp
    from spacy.tokens import Doc, Span, Token

COMPONENT = "graphbuilder_doc_labels"
# Labels of names; dates, numbers and other labels of other pipelines are left alone
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT"})


def consistent_labels(doc: Doc) -> Doc:
    """doc (Doc): a document with entities from the NER.
    RETURNS (Doc): the same document, each name settled on one label."""
    found = doc.ents
    (settled,) = _settled([(doc, [piece for ent in found for piece in _repaired(ent)])])
    if len(settled) != len(found) or any(new is not old for new, old in zip(settled, found,
                                                                          strict=True)):
        doc.ents = settled
    return doc


def settle_across(docs: list[Doc], keep: Callable[[Span], bool]) -> None:
    """The paragraphs of one article, each parsed on its own: settle each name on one label
    across all of them, as :func:`consistent_labels` does within one document ("Peter Cook"
    in the first paragraph, "Cook said" in the fourth). Runs after the whole pipeline, so a
    name ``keep`` holds (one the gazetteer linked) keeps its label. Changes ``docs`` in place.
    """
    for doc, settled in zip(docs, _settled([(d, list(d.ents)) for d in docs], keep),
                            strict=True):
        if settled != list(doc.ents):
            doc.ents = settled


def _settled(docs: list[tuple[Doc, list[Span]]],
             keep: Callable[[Span], bool] = lambda ent: False) -> list[list[Span]]:
    """Each document's entities settled: surname echoes added, names relabelled by the
    votes, surnames and ships of all the documents together."""
    names = [e for _, ents in docs for e in ents if e.label_ in NAME_LABELS]
    surnames = {e[-1].text for e in names
                if e.label_ == "PERSON" and len(e) > 1 and _surname(e[-1])}
    ships = {e[-1].text for e in names if len(e) > 1 and e[0].lower_ in SHIP_PREFIXES}
    votes: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for ent in names:
        votes[ent.text]["PERSON" if ent.text in surnames else ent.label_] += 1
    return [
        [
            _relabel(ent, _label_of(ent, surnames, ships, votes[ent.text]))
            if ent.label_ in NAME_LABELS and not keep(ent) else ent
            for ent in ents + _surname_echoes(doc, ents, surnames)
        ]
        for doc, ents in docs
    ]


def _repaired(ent: Span) -> list[Span]:
    """The entity repaired on its own: none if it is no name, two if a title cuts it."""
    if ent.label_ not in NAME_LABELS:
        return [ent]
    trimmed = _without_trailing_words(ent)
    if trimmed is None or _no_capital(trimmed) or _not_a_name(trimmed):
        return []
    ent = _without_plural_title(_without_place_preposition(trimmed))
    return [_place_by_context(piece) for piece in _split_at_title(ent)]


# Parts of speech of lower-case words a name never ends in: "House of", "Barracuda and"
_NO_LAST_POS = frozenset("ADP DET CCONJ SCONJ PART PRON NUM AUX".split())


def _without_trailing_words(ent: Span) -> Span | None:
    """The entity without lower-case function words or an opening bracket at its end."""
    end = ent.end
    while end > ent.start and (
            (ent.doc[end - 1].is_lower and ent.doc[end - 1].pos_ in _NO_LAST_POS)
            or ent.doc[end - 1].text in ("(", "[", ",", ";", "-")):
        end -= 1
    if end == ent.end:
        return ent
    if end == ent.start:
        return None
    from spacy.tokens import Span

    return Span(ent.doc, ent.start, end, label=ent.label_, kb_id=ent.kb_id)


# Parts of speech no one-word name has, whatever the NER said ("Accordingly" as a PERSON)
_NOT_NAME_POS = frozenset("ADV VERB AUX ADP SCONJ CCONJ DET PRON PART INTJ".split())


def _not_a_name(ent: Span) -> bool:
    """One title-case word the tagger reads as no noun ("Accordingly", "Responding"), or the
    plural of a title ("Senators", "Ministers")."""
    token = ent[0]
    return len(ent) == 1 and token.is_title and (token.pos_ in _NOT_NAME_POS
                                                 or _plural_title(token))


def _plural_title(token: Token) -> bool:
    return token.lower_.endswith("s") and token.lower_[:-1] in _HEAD_TITLES


def _without_plural_title(ent: Span) -> Span:
    """"Republican Senators" as a PERSON: people of a party or a country, named by the first
    words, a NORP."""
    if len(ent) < 2 or ent.label_ not in NAME_LABELS or not _plural_title(ent[-1]):
        return ent
    from spacy.tokens import Span

    label = "NORP" if ent.label_ == "PERSON" else ent.label_
    return Span(ent.doc, ent.start, ent.end - 1, label=label, kb_id=ent.kb_id)


def _surname(token: Token) -> bool:
    """A last word that may name its person alone: not a regnal number or an initial ("Norton
    I", "John Q"), which would make every "I" a person, nor "Jr." ."""
    return token.is_title and len(token.text) > 1 and token.text.rstrip(".") not in ("Jr", "Sr")


def _surname_echoes(doc: Doc, ents: list[Span], surnames: set[str]) -> list[Span]:
    """A surname of the document's people, written alone where the NER found nothing
    ("Peter Cook ... Cook said"), is that person."""
    if not surnames:
        return []
    from spacy.tokens import Span

    taken = {i for e in ents for i in range(e.start, e.end)}
    echoes = []
    for token in doc:
        if (token.text in surnames and token.i not in taken
                and not (token.i + 1 < len(doc) and doc[token.i + 1].is_title)):
            echoes.append(Span(doc, token.i, token.i + 1, label="PERSON"))
    return echoes


# Titles that end an office right before the name ("Press Secretary", "CEO")
_HEAD_TITLES = (PERSON_TITLES - QUALIFIER_TITLES) | {"spokesman", "spokeswoman", "spokesperson",
                                                     "envoy", "ceo"}
# Lower-case words inside names ("Staffan de Mistura", "Abu Bakr al-Baghdadi")
_NAME_PARTICLES = frozenset("de da di du del della van von der den la le al el bin ibn - '".split())


def _split_at_title(ent: Span) -> list[Span]:
    """"Pentagon Press Secretary Peter Cook" as one ORG: the words after the last title are a
    person. One word before the title stays an entity of its own ("US President Joe Biden");
    longer offices are dropped, and the gazetteer's ruler, after this component, tags the
    names it knows in them ("Pentagon")."""
    if len(ent) < 2 or ent.label_ not in NAME_LABELS:
        return [ent]
    # in a PERSON, "Justice Thomas": any title; elsewhere "General Motors" is no person
    titles = PERSON_TITLES | _HEAD_TITLES if ent.label_ == "PERSON" else _HEAD_TITLES
    k = len(ent) - 2
    while k >= 0 and ent[k].lower_ not in titles:
        k -= 1
    person = ent[k + 1:]
    if (k < 0 or not 0 < len(person) <= 4 or not person[0].is_title
            or not all(t.is_title or t.pos_ == "PROPN" or t.lower_ in _NAME_PARTICLES
                       for t in person)
            or any(t.lower_ in titles for t in person)
            or person[-1].lower_ in ORG_HEADS or person[-1].lower_ in LOC_HEADS):
        return [ent]
    from spacy.tokens import Span

    first = k
    while first > 0 and ent[first - 1].lower_ in PERSON_TITLES:
        first -= 1
    pieces = [Span(ent.doc, ent.start + k + 1, ent.end, label="PERSON")]
    if first == 1:  # "US President Joe Biden"; a longer office goes ("Pentagon Press")
        label = "ORG" if ent.label_ == "PERSON" else ent.label_
        pieces.insert(0, Span(ent.doc, ent.start, ent.start + first, label=label))
    return pieces


# Prepositions that open a sentence with a place: "Near Rawah, a strike destroyed ..."
PLACE_PREPOSITIONS = frozenset({"near", "outside", "around", "inside"})


def _without_place_preposition(ent: Span) -> Span:
    """"Near Rawah" as a PERSON: the NER took the capitalised first word of the sentence into
    the name. The name is what follows it, and a place."""
    first = ent[0]
    if (len(ent) < 2 or ent.label_ not in NAME_LABELS or first.lower_ not in PLACE_PREPOSITIONS
            or not _opens_sentence(first)):
        return ent
    from spacy.tokens import Span

    label = ent.label_ if ent.label_ in ("GPE", "LOC", "FAC") else "GPE"
    return Span(ent.doc, ent.start + 1, ent.end, label=label, kb_id=ent.kb_id)


# Words before a place, never before a person's name: "near Rawah", "in Sarmin"
_PLACE_CUES = frozenset({"near", "in", "outside", "around", "inside"})
# Arabic articles the NER leaves out of a name ("al-Hilla" as "Hilla")
_ARTICLES = frozenset({"al", "el"})
# Nouns whose "of" names a place: "the town of Zumar", "the ancient site of Nimrud"
_PLACE_OF_NOUNS = frozenset("city town village capital province district governorate region "
                            "port suburb outskirts site".split())


def _place_by_context(ent: Span) -> Span:
    """A person after "near" or "in", or a person or organisation that a place noun takes with
    "of" ("the town of Zumar"), is a place. Not before a possessive ("in Trump's speech")."""
    if ent.label_ not in ("PERSON", "ORG") or ent.start == 0:
        return ent
    from spacy.tokens import Span

    doc = ent.doc
    if ent.end < len(doc) and doc[ent.end].tag_ == "POS":
        return ent
    start = ent.start
    if start > 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _ARTICLES \
            and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_ \
            and not doc[start - 2].ent_type_ and not doc[start - 1].ent_type_:
        start -= 2  # "in al-Hilla" with "Hilla" the NER's name
    before = doc[start - 1].lower_
    if (ent.label_ == "PERSON" and before in _PLACE_CUES) or (
            before == "of" and start > 1 and doc[start - 2].lower_ in _PLACE_OF_NOUNS):
        return Span(doc, start, ent.end, label="GPE", kb_id=ent.kb_id)
    return ent


def _opens_sentence(token: Token) -> bool:
    """First word of its sentence, blanks before it aside (".\xa0 \xa0 Near Rawah")."""
    doc = token.doc
    if not doc.has_annotation("SENT_START"):
        return token.is_sent_start is True
    return all(t.is_space for t in doc[token.sent.start:token.i])


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
# Last words of buildings, works and roads: "Tabqa Dam", "Tahrir Square", "Carnegie Hall"
FAC_HEADS = frozenset(
    "airfield airport airbase base dam bridge street road highway avenue boulevard square "
    "hall mansion stadium palace prison tunnel tower mosque church cathedral temple "
    "checkpoint trail".split()
)
# Words that make a name a law, a ship or an event, as OntoNotes labels them: "Security
# Council Resolution", "Law of Armed Conflict"; "USS Hopper", "FS Forbin"; "Exercise Eager Lion"
LAW_HEADS = frozenset("resolution resolutions treaty act accord accords charter protocol "
                      "convention conventions".split())
LAW_FIRSTS = frozenset({"law", "treaty"})
SHIP_PREFIXES = frozenset("uss usns hms hmas hmcs hmnzs fs ins rfs tcg its".split())
EVENT_FIRSTS = frozenset({"exercise"})
# A date the NER took for a name: "May 15", "Dec.14th"
DATE_NAME = re.compile(
    r"(?i)(january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s*\d{1,2}(st|nd|rd|th)?")


def _head_label(ent: Span) -> str | None:
    if DATE_NAME.fullmatch(ent.text):
        return "DATE"
    if len(ent) < 2:
        return None
    last, first = ent[-1].lower_, ent[0].lower_
    if first in SHIP_PREFIXES:
        return "PRODUCT"
    if last in LAW_HEADS or (first in LAW_FIRSTS and ent[1].lower_ == "of"):
        return "LAW"
    if first in EVENT_FIRSTS:
        return "EVENT"
    if last in ORG_HEADS:
        return "ORG"
    if last in LOC_HEADS or first in LOC_FIRSTS:
        return "LOC"
    if last in FAC_HEADS:
        return "FAC"
    return None


def _label_of(ent: Span, surnames: set[str], ships: set[str], votes: Counter[str]) -> str:
    by_head = _head_label(ent)
    if by_head is not None:
        return by_head
    if len(ent) == 1 and ent.text in ships:
        return "PRODUCT"  # "FS Forbin ... the Forbin"
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
