"""Where actors are, read off the word order around place names.

The parser often hangs a locative phrase on the wrong word, or breaks the sentence apart
around a name; these rules use the mentions and the words between them, so they do not
depend on the attachment:

* "ISIL fighters in Mosul", "the tribe in Anbar province", "refugees near Aleppo and Homs"
  -> the actor just before the place is in it (every place of a list);
* "Near Mosul, three strikes engaged ISIL units and destroyed an ISIL-held building":
  a place fronted before the comma locates the actors of the whole sentence;
* "X met Y in London": both sides of a meeting are where one of them is.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from graphbuilder.extract.args import Arg, ArgResolver
from graphbuilder.extract.document import Cand, Ment, Parse
from graphbuilder.extract.lexicon import PERSON_NOUNS, PLACE_NOUNS
from graphbuilder.extract.syntax import lemma

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
# a preposition that puts what precedes it inside or next to the place after it
LOCATIVE = frozenset({"in", "near", "inside", "at", "around", "outside", "within", "throughout",
                      "across"})
# words between an actor's name and the preposition that keep it one noun phrase:
# "ISIL [tactical units] in", "the Al Bu Nimr [tribe] in"
_NP_POS = frozenset({"NOUN", "ADJ", "NUM", "PROPN"})
_MAX_NP_GAP = 3
# facts whose two sides are in the same place while it happens
GATHERING = frozenset({"MEET", "CONSULT", "NEGOTIATE"})


def _arg(m: Ment, confidence: float) -> Arg:
    assert m.key is not None
    return Arg(m.key, m.start, m.end, confidence, m.label)


class PlaceRules:
    """Surface locative rules over one article's mentions."""

    def __init__(self, parse: Parse, args: ArgResolver, event_nouns: frozenset[str]) -> None:
        self.parse = parse
        self.args = args
        self.event_nouns = event_nouns

    def run(self) -> Iterator[Cand]:
        by_chunk: dict[int, list[Ment]] = {}
        for m in self.parse.mentions:
            if m.key is not None and m.kind in ("name", "group") and m.label in _ACTOR_LABELS:
                by_chunk.setdefault(m.chunk, []).append(m)
        for ci, ms in by_chunk.items():
            ms.sort(key=lambda m: (m.start_tok, -m.end_tok))
            uniq: list[Ment] = []
            for m in ms:  # one mention per stretch of words: the longest
                if not uniq or m.start_tok >= uniq[-1].end_tok:
                    uniq.append(m)
            yield from self._after_actor(ci, uniq)
            yield from self._fronted(ci, uniq)

    # "ISIL fighters in Mosul and Tal Afar"
    def _after_actor(self, ci: int, ms: list[Ment]) -> Iterator[Cand]:
        doc = self.parse.chunks[ci].doc
        for n, p in enumerate(ms):
            if p.label not in _PLACE_LABELS or n == 0:
                continue
            i = _before_place(doc, p.start_tok)
            if i < 1 or doc[i].lower_ not in LOCATIVE or doc[i].is_sent_start:
                continue
            if n >= 2 and ms[n - 1].label in _PLACE_LABELS and _listed(doc, ms[n - 2], ms[n - 1]):
                continue
            actor = self._left_actor(ci, doc, i, ms[:n])
            if actor is None or actor.key == p.key:
                continue
            places = [p, *self._listed_after(doc, ms, n)]
            actors = [_arg(actor, 0.7)]
            for a in actors:
                for place in places:
                    if place.key != a.key:
                        yield Cand("LOCATED_IN", a, _arg(place, 0.7), ci, doc[place.head], 0.6,
                                   "place")

    def _left_actor(self, ci: int, doc: Span, prep: int, before: list[Ment]) -> Ment | None:
        """The mention that ends the noun phrase right before the preposition."""
        if not before:
            return None
        m = before[-1]
        gap = doc[m.end_tok : prep]
        if len(gap) > _MAX_NP_GAP or any((t.pos_ not in _NP_POS and t.tag_ != "POS")
                                         or t.is_punct for t in gap):
            return None
        if any(t.pos_ == "PROPN" and self.parse.mention_at(ci, t) is None for t in gap):
            return None  # an unrecognised name sits between: the phrase is not the actor's
        if any(t.lemma_.lower() in self.event_nouns or t.lower_ in self.event_nouns for t in gap):
            return None  # "a coalition airstrike near X": the strike was there, not its maker
        if len(gap) and lemma(gap[-1]) in PERSON_NOUNS:
            # "X, an ISIL commander in Raqqah": the commander is there, not ISIL
            return self._apposed_person(doc, m.start_tok, before)
        return m

    def _apposed_person(self, doc: Span, start: int, before: list[Ment]) -> Ment | None:
        """The person named before ", a/an/the" + the description starting at ``start``."""
        i = start - 1
        while i >= 0 and doc[i].pos_ == "DET":
            i -= 1
        if i < 1 or doc[i].text != ",":
            return None
        for m in reversed(before):
            if m.end_tok > i:
                continue
            between = doc[m.end_tok : i]
            if len(between) > 3 or not all(t.pos_ == "PROPN" or t.text == "-" for t in between):
                return None
            if m.label == "PERSON":
                return m  # "Abu Ahmad al-Masri, ...": the rest of his name may be unrecognised
        return None

    def _listed_after(self, doc: Span, ms: list[Ment], n: int) -> list[Ment]:
        """Places joined to ``ms[n]`` by "and" / commas: "in Syria and Iraq"."""
        out: list[Ment] = []
        prev = ms[n]
        for m in ms[n + 1 :]:
            if m.label not in _PLACE_LABELS or not _listed(doc, prev, m):
                break
            out.append(m)
            prev = m
        return out

    # "Near Mosul, five strikes engaged four ISIL tactical units; ..."
    def _fronted(self, ci: int, ms: list[Ment]) -> Iterator[Cand]:
        doc = self.parse.chunks[ci].doc
        for n, p in enumerate(ms):
            if p.label not in _PLACE_LABELS:
                continue
            i = p.start_tok - 1
            while i >= 0 and doc[i].pos_ == "DET":
                i -= 1
            if i < 0 or doc[i].lower_ not in LOCATIVE or not _opens_sentence(doc[i]):
                continue
            if p.end_tok >= len(doc) or doc[p.end_tok].text != ",":
                continue
            sent_end = doc[p.start_tok].sent.end
            for m in ms[n + 1 :]:
                if m.start_tok >= sent_end:
                    break
                if m.label in _PLACE_LABELS or m.key == p.key:
                    continue
                yield Cand("LOCATED_IN", _arg(m, 0.7), _arg(p, 0.7), ci, doc[p.head], 0.5,
                           "place")


# Words for a spot within a place: "the ancient site of X", "the heart of X"
_PLACE_PARTS = frozenset({"site", "heart", "centre", "center", "edge", "west", "east",
                          "north", "south", "part", "neighbourhood", "neighborhood"})


def _before_place(doc: Span, start: int) -> int:
    """The word before a place's phrase: past "the" and past "the (old) city of"."""
    i = start - 1
    while i >= 0 and doc[i].pos_ == "DET":
        i -= 1
    if i >= 2 and doc[i].lower_ == "of" and (lemma(doc[i - 1]) in PLACE_NOUNS
                                             or lemma(doc[i - 1]) in _PLACE_PARTS):
        j = i - 2
        while j >= 0 and doc[j].pos_ in ("ADJ", "DET"):
            j -= 1
        return j
    return i


def _listed(doc: Span, a: Ment, b: Ment) -> bool:
    between = [t.lower_ for t in doc[a.end_tok : b.start_tok]]
    between = [w for w in between if w not in ("the",)]
    return bool(between) and between in (["and"], [","], [",", "and"], ["or"])


def _opens_sentence(tok: Token) -> bool:
    """The first word of its sentence, perhaps after list punctuation ('.   Near Mosul')."""
    start = tok.sent.start
    return all(t.is_punct or t.is_space for t in tok.doc[start : tok.i])


def gathering_places(cands: list[Cand]) -> list[Cand]:
    """"X met Y in London": whoever meets someone in a place is there too."""
    where: dict[tuple[int, int, str], list[Cand]] = {}
    for c in cands:
        if c.predicate == "LOCATED_IN" and c.obj.label in _PLACE_LABELS:
            where.setdefault((c.chunk, c.trigger.sent.start, c.subj.key), []).append(c)
    out: list[Cand] = []
    for c in cands:
        if c.predicate not in GATHERING or c.negated or c.hedged:
            continue
        sent = c.trigger.sent.start
        for here, other in ((c.subj, c.obj), (c.obj, c.subj)):
            for loc in where.get((c.chunk, sent, here.key), []):
                if loc.obj.key != other.key and other.label not in _PLACE_LABELS:
                    out.append(Cand("LOCATED_IN", other, loc.obj, c.chunk, loc.trigger,
                                    0.8 * min(c.confidence, loc.confidence), "place"))
    return out
