"""Facts expressed inside noun phrases.

* titles and appositions: "Tesla CEO Elon Musk", "US President Joe Biden",
  "Dmitry Rogozin, head of the Russian space agency Roscosmos", "Rogozin is the head
  of Roscosmos" -> LEADS / MEMBER_OF / PART_OF; "his own mother, Maye Musk" -> RELATIVE_OF
* possession of organisations and products: "SpaceX's Starlink" -> OWNS
* names in brackets and "also known as": ALIAS
* place: "U.S. forces in Syria", "Mosul, Iraq" -> LOCATED_IN
* event nouns with their own actors: "Russia's invasion of Ukraine", "U.S. airstrikes
  against ISIL" -> INVADE / ATTACK

Each title also becomes a :class:`Role` of the holder, which coreference uses to
resolve descriptions such as "the head of the Russian space agency".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from graphbuilder.extract.args import Arg, ArgResolver
from graphbuilder.extract.document import Cand, Ment, Parse, Role
from graphbuilder.extract.lexicon import (
    ALIAS_CUES,
    INCLUDING_PREPS,
    MEMBER_GROUPS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
)
from graphbuilder.extract.names import norm
from graphbuilder.extract.relations import deep_targets, logical_objects, logical_subjects
from graphbuilder.extract.syntax import (
    copular_head,
    kids,
    lemma,
    listed_appos,
    np_span,
    np_tokens,
    prep_args,
    role,
)
from graphbuilder.ontology import Ontology

LOC_PREPS = frozenset({"in", "near", "at", "inside", "across", "throughout", "around", "within",
                       "close to"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_TARGET_LABELS = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "FAC"})
_LABEL_RANK = {"ORG": 0, "GPE": 1, "PRODUCT": 2, "FAC": 3, "LOC": 4, "PERSON": 5, "NORP": 6}
_TITLE_PREPS = frozenset({"of", "at", "for", "in"})
_UNIT_WORDS = frozenset({"battalion", "brigade", "regiment", "group", "wing", "squadron",
                         "division", "battery", "company", "corps", "command", "fleet",
                         "army", "force", "forces", "unit", "task force", "detachment"})
# words that may sit inside a title: "former Prime Minister", "acting Defence Secretary"
_TITLE_MODIFIERS = frozenset({"former", "acting", "interim", "deputy", "vice", "prime", "foreign",
                              "defence", "defense", "chief", "senior", "first", "top", "then",
                              "incoming", "outgoing", "new", "late", "general", "executive"})


def title_predicate(onto: Ontology, tok: Token) -> tuple[str, str] | None:
    """(structural predicate, title) when ``tok`` heads a title: "CEO", "prime minister".

    A title word the tagger read as an adjective counts when the parser made it a subject or
    object: "The NATO chief thanked Poland" ("chief" ADJ, nsubj)."""
    if tok.pos_ not in ("NOUN", "PROPN") and not (
            tok.pos_ == "ADJ" and role(tok) in ("subj", "subjpass", "obj")):
        return None
    words = [lemma(tok), tok.lower_]
    left = tok.i - 1
    if left >= 0:
        prev = tok.doc[left]
        words = [f"{prev.lower_} {lemma(tok)}", f"{prev.lower_} {tok.lower_}", *words]
    for w in words:
        for pred in onto.by_noun.get(w, []):
            if onto[pred].structural:
                return pred, w
    return None


class NominalRules:
    def __init__(self, parse: Parse, onto: Ontology, args: ArgResolver,
                 kinds: dict[str, str] | None = None) -> None:
        self.parse = parse
        self.onto = onto
        self.args = args
        self.parse_kinds = kinds or {}  # entity key -> actor kind, when known

    # ------------------------------------------------------------------ helpers
    def np_actor(self, ci: int, tok: Token, *, labels: frozenset[str] = _TARGET_LABELS,
                 exclude: str | None = None) -> Arg | None:
        """The best actor named inside the noun phrase ``tok`` heads (ORG before GPE ...)."""
        direct = self.args.one(ci, tok, promote="none")
        if direct and direct.key != exclude and (direct.label in labels or not direct.label):
            return direct
        best: tuple[int, Ment] | None = None
        toks = set(np_tokens(tok)) | {c for c in tok.children if role(c) in ("appos", "flat")}
        for t in sorted(toks, key=lambda x: x.i):
            m = self.parse.mention_at(ci, t)
            if m is None or m.key is None or m.key == exclude or m.label not in labels:
                continue
            rank = _LABEL_RANK.get(m.label, 9)
            if best is None or rank < best[0]:
                best = (rank, m)
        if best is not None:
            m = best[1]
            # found inside a bigger phrase: lower confidence marks it as not the phrase itself
            if m.label == "NORP":
                return Arg(m.country, m.start, m.end, 0.6, "GPE") if m.country else None
            return Arg(m.key, m.start, m.end, 0.6, m.label)
        c = self.parse.coref.get((ci, tok.i))
        if c is not None and c.key and c.key != exclude:
            return Arg(c.key, c.start, c.end, 0.8, c.label)
        return None

    def title_target(self, ci: int, title: Token, holder: str | None,
                     pred: str) -> tuple[Arg | None, str]:
        """Whom a title is of: "head of Roscosmos", "Ukraine's president", "Tesla CEO"."""
        labels = frozenset({"PERSON"}) if pred == "RELATIVE_OF" else _TARGET_LABELS
        for c in kids(title, "poss"):
            a = self.args.one(ci, c, promote="none")
            if a and a.key != holder:
                return a, norm(c.text)
        preps = [(p, n) for p, n in prep_args(title) if p in _TITLE_PREPS]
        # "leader of X" first; "an ISIL leader in Raqqah" leads in ISIL, not Raqqah
        for p, n in preps:
            if p == "in":
                continue
            # "Minister for Central Asia", "envoy for Yemen": a place after "for" is the
            # office's brief, not whom it serves ("a spokesman for the Pentagon" is)
            a = self.np_actor(ci, n, labels=labels - {"GPE", "NORP"} if p == "for" else labels,
                              exclude=holder)
            if a:
                return a, norm(np_span(n).text)
        for c in sorted(kids(title, "compound", "amod", "nmod"), key=lambda t: -t.i):
            if c.i > title.i:
                continue
            a = self.np_actor(ci, c, labels=labels, exclude=holder)
            if a:
                return a, norm(c.text)
        for n in [n for p, n in preps if p == "in"]:
            a = self.np_actor(ci, n, labels=labels, exclude=holder)
            if a:
                return a, norm(np_span(n).text)
        doc = title.doc
        if title.i + 1 < len(doc) and doc[title.i + 1].lower_ in _TITLE_PREPS:
            # read off the words when the parse lost the "of": "head of the ... Roscosmos,"
            if doc[title.i + 1].lower_ == "for":
                labels = labels - {"GPE", "NORP"}  # the brief, as above
            for t in doc[title.i + 2 : title.i + 10]:
                if t.is_punct or t.pos_ in ("VERB", "AUX"):
                    break
                m = self.parse.mention_at(ci, t)
                if m is not None and m.key and m.key != holder and m.label in labels:
                    last = m
                    while m is not None and m.end_tok < len(doc) and (
                            doc[m.end_tok].pos_ in ("PROPN", "NOUN")):
                        nxt = self.parse.mention_at(ci, doc[m.end_tok])
                        if nxt is None or nxt is m:
                            break
                        m = nxt  # "the Russian space agency Roscosmos": the name at the end
                    last = m or last
                    return _marg(last), norm(doc[title.i + 2 : last.end_tok].text)
        if title.i + 2 < len(doc) and doc[title.i + 1].text == ",":
            # "Joseph Votel, commander, U.S. Central Command": the office after a comma
            m = self.parse.mention_at(ci, doc[title.i + 2])
            if m is not None and m.key and m.key != holder and m.label in ("ORG",):
                return _marg(m), norm(m.text)
        return None, ""

    def _holder_mention(self, ci: int, tok: Token) -> Arg | None:
        m = self.parse.mention_at(ci, tok)
        if m is not None and m.key and m.label == "PERSON":
            return self.args.mention_arg(m)
        a = self.args.one(ci, tok, promote="none")
        return a if a and a.label in ("PERSON", "") else None

    # ------------------------------------------------------------------ rules
    def run(self, *, roles_only: bool = False) -> Iterator[Cand]:
        """The facts of every rule, in text order. ``roles_only``: only the rules that state
        roles (``_role``: appositions, titles before names), for coreference to read
        ``parse.roles`` before the facts are extracted; the others change nothing."""
        for ci, chunk in enumerate(self.parse.chunks):
            for tok in chunk.doc:
                yield from self.apposition(ci, tok)
                if roles_only:
                    continue
                yield from self.event_noun(ci, tok)
                yield from self.possession(ci, tok)
                yield from self.location(ci, tok)
                yield from self.including(ci, tok)
                yield from self.part_of(ci, tok)
                yield from self.between(ci, tok)
                if tok.lower_ in _CONTROL_WORDS:
                    yield from self.control(ci, tok)
                elif tok.lower_ in MEMBER_GROUPS and tok.tag_ == "NNS":
                    yield from self.members_of(ci, tok)
            yield from self.name_titles(ci)
            if roles_only:
                continue
            yield from self.aliases(ci)
            yield from self.place_pairs(ci)
            yield from self.unit_chains(ci)

    def _role(self, holder: Arg, pred: str, title: str, target: Arg | None, text: str) -> None:
        r = Role(holder.key, pred, title, target.key if target else None, text)
        if r not in self.parse.roles:
            self.parse.roles.append(r)

    def _left_titles(self, ci: int, m: Ment) -> list[Token]:
        """Words just before a name that can belong to its title: "Tesla CEO", "US President".

        Read from the surface, so a parser that split the phrase does not lose the title.
        """
        doc = self.parse.chunks[ci].doc
        out: list[Token] = []
        i = m.start_tok - 1
        while i >= 0 and i >= m.start_tok - 8:
            t = doc[i]
            inside = self.parse.mention_at(ci, t) is not None
            if t.pos_ in ("PUNCT", "DET", "ADP", "VERB", "AUX", "CCONJ", "PRON", "NUM"):
                if not (t.tag_ == "POS" or t.text in ("-",)) and not inside:
                    break
            if not inside and t.is_lower and t.tag_ != "POS" and not title_predicate(
                    self.onto, t) and t.lower_ not in _TITLE_MODIFIERS:
                break
            out.append(t)
            i -= 1
        return sorted(out, key=lambda t: t.i)

    def name_titles(self, ci: int) -> Iterator[Cand]:
        """Titles before a person's name: "Tesla CEO Elon Musk", "US President Joe Biden"."""
        for m in [x for x in self.parse.mentions if x.chunk == ci and x.kind == "name"]:
            if m.label != "PERSON" or m.key is None:
                continue
            phrase = self._left_titles(ci, m)
            titles = [t for t in phrase if title_predicate(self.onto, t)
                      and self.parse.mention_at(ci, t) is None]
            if not titles:
                continue
            title = titles[-1]
            found = title_predicate(self.onto, title)
            assert found is not None
            pred, word = found
            holder = Arg(m.key, m.start, m.end, 1.0, "PERSON")
            target = None
            text = ""
            for t in reversed(phrase):
                if t.i >= title.i:
                    continue
                tm = self.parse.mention_at(ci, t)
                if tm is not None and tm.key and tm.key != m.key and tm.label in _TARGET_LABELS:
                    if tm.label == "NORP":
                        if not tm.country:
                            continue  # "Foreign" tagged as a nationality is no target
                        target = Arg(tm.country, tm.start, tm.end, 0.9, "GPE")
                    else:
                        target = self.args.one(ci, t, promote="subject") or Arg(
                            tm.key, tm.start, tm.end, 0.9, tm.label)
                    text = norm(tm.text)
                    break
            if target is None:
                target, text = self.title_target(ci, title, m.key, pred)
            self._role(holder, pred, word, target, text)
            if target is not None:
                yield Cand(pred, holder, target, ci, title, 0.9, "title")

    def _surface_appositions(self, ci: int) -> list[tuple[Token, Token]]:
        """"Rogozin, head of Roscosmos," and "the head of Roscosmos, Rogozin" by punctuation."""
        doc = self.parse.chunks[ci].doc
        pairs = []
        for m in [x for x in self.parse.mentions if x.chunk == ci and x.kind == "name"]:
            if m.label != "PERSON":
                continue
            j = m.end_tok
            while j < min(len(doc), m.end_tok + 3) and (doc[j].pos_ == "PROPN" or doc[j].text == "-"
                                                        ) and doc[j].text != ",":
                j += 1  # the rest of a name the recogniser cut short: "Abu Ahmad al-Masri,"
            if j < len(doc) and doc[j].text == ",":
                for k in range(j + 1, min(len(doc), j + 8)):
                    t = doc[k]
                    if title_predicate(self.onto, t) or lemma(t) in PERSON_NOUNS:
                        nxt = self.parse.mention_at(ci, doc[k + 1]) if k + 1 < len(doc) else None
                        if nxt is None or nxt.label != "PERSON":  # not "..., German Chancellor
                            pairs.append((doc[m.head], t))        # Olaf Scholz": his title
                        break
                    if t.pos_ in ("PUNCT", "AUX") or (t.pos_ == "VERB" and t.tag_ != "VBN"):
                        break
            j = m.start_tok - 1
            if j > 0 and doc[j].text == ",":
                t = doc[j - 1]
                while t.pos_ in ("PROPN", "NOUN") and role(t) in ("compound", "flat", "nmod"
                                                                   ) and t.head.i < j:
                    t = t.head
                head = t
                for cand in [t, *t.ancestors]:
                    if cand.i >= j:
                        break
                    if title_predicate(self.onto, cand):
                        head = cand
                        break
                if title_predicate(self.onto, head):
                    pairs.append((doc[m.head], head))
        return pairs

    def apposition(self, ci: int, tok: Token) -> Iterator[Cand]:
        """"Rogozin, head of Roscosmos" / "the head of Roscosmos, Rogozin" / "X is head of Y"."""
        pairs: list[tuple[Token, Token]] = []
        if tok.i == 0:
            pairs += self._surface_appositions(ci)
        if role(tok) == "appos" and not listed_appos(tok):
            pairs += [(tok.head, tok), (tok, tok.head)]
        s = copular_head(tok) if role(tok) == "subj" else None
        if s is not None:
            pairs.append((tok, s))
        for holder_tok, title_tok in pairs:
            found = title_predicate(self.onto, title_tok)
            holder = self._holder_mention(ci, holder_tok)
            if holder is None:
                if found is None and role(tok) == "appos":
                    yield from self._appos_alias(ci, holder_tok, title_tok)
                continue
            if found is None:
                named = self.parse.mention_at(ci, title_tok) is not None
                if lemma(title_tok) in PERSON_NOUNS and not named:
                    self._role(holder, "", lemma(title_tok), None, "")
                continue
            pred, word = found
            target, text = self.title_target(ci, title_tok, holder.key, pred)
            self._role(holder, pred, word, target, text)
            if target is not None:
                yield Cand(pred, holder, target, ci, title_tok, 0.9, "apposition")
            at_title = self.parse.mention_at(ci, title_tok)
            if pred != "RELATIVE_OF" and (at_title is None or (  # or coref made it his
                    at_title.kind == "description" and at_title.key == holder.key)):
                # "Tobias Ellwood, Minister for the Middle East": the title names him too
                s, e = self.parse.offsets(ci, _title_span(title_tok))
                if not (s < holder.end and holder.start < e):
                    yield Cand("ALIAS", holder, Arg(holder.key, s, e, 0.8, "PERSON"), ci,
                               title_tok, 0.8, "apposition")

    def _appos_alias(self, ci: int, a: Token, b: Token) -> Iterator[Cand]:
        ma, mb = self.parse.mention_at(ci, a), self.parse.mention_at(ci, b)
        if ma is None or mb is None or ma is mb or not ma.key or not mb.key or a.i > b.i:
            return
        if ma.label == "PERSON" or mb.label == "PERSON":
            return
        if ma.label in _PLACE_LABELS and mb.label in _PLACE_LABELS:
            yield from self._place_in_place(ci, ma, mb)
            return
        yield Cand("ALIAS", _marg(ma), _marg(mb), ci, b, 0.8, "alias")

    def _place_in_place(self, ci: int, ma: Ment, mb: Ment) -> Iterator[Cand]:
        """"Virginia Beach, Virginia": a place, a comma, the bigger place (not a list)."""
        doc = self.parse.chunks[ci].doc
        gap = doc[ma.end_tok : mb.start_tok]
        if gap.text.strip() != "," and not (  # "Anbar province, Iraq"
                len(gap) == 2 and gap[1].text == "," and lemma(gap[0]) in PLACE_NOUNS):
            return
        # the words around the pair, over blanks ("Lebanon,\xa0Egypt,\xa0Jordan, Qatar")
        before_i = ma.start_tok - 1
        while before_i >= 0 and doc[before_i].is_space:
            before_i -= 1
        after_i = mb.end_tok
        while after_i < len(doc) and doc[after_i].is_space:
            after_i += 1
        after = doc[after_i].lower_ if after_i < len(doc) else ""
        before = doc[before_i].lower_ if before_i >= 0 else ""
        after2 = doc[after_i + 1] if after_i + 1 < len(doc) else None
        if after in ("and", "or") or before == "," or (after == "," and after2 is not None and (
                self.parse.mention_at(ci, after2) is not None or after2.lower_ in ("and", "or"))):
            return  # "Australia, Belgium, Canada and Denmark" is a list
        kinds = self.parse_kinds
        if kinds.get(ma.key or "") == "Country":
            return  # a country lies in no other place that a comma names
        yield Cand("LOCATED_IN", _marg(ma), _marg(mb), ci, doc[mb.head], 0.8, "place")

    def place_pairs(self, ci: int) -> Iterator[Cand]:
        """Places side by side: "Mosul, Iraq" (comma) and "Syria's Idlib province" (possessive)."""
        ms = sorted((m for m in self.parse.mentions if m.chunk == ci and m.kind == "name"
                     and m.label in _PLACE_LABELS and m.key), key=lambda m: m.start_tok)
        for i in range(len(ms) - 1):
            yield from self._place_in_place(ci, ms[i], ms[i + 1])
        doc = self.parse.chunks[ci].doc
        for m in ms:
            head = doc[m.head]
            if role(head) != "poss":
                continue
            owned = self.parse.mention_at(ci, head.head)
            if owned is not None and owned.key and owned.label in _PLACE_LABELS and (
                    owned.key != m.key):
                yield Cand("LOCATED_IN", _marg(owned), _marg(m), ci, head.head, 0.8, "place")

    def aliases(self, ci: int) -> Iterator[Cand]:
        """"Syrian Democratic Forces (SDF)", "Daesh, also known as ISIL"."""
        doc = self.parse.chunks[ci].doc
        ms = sorted((m for m in self.parse.mentions if m.chunk == ci and m.kind == "name"
                     and m.label != "PERSON" and m.key), key=lambda m: m.start_tok)
        for a, b in itertools.pairwise(ms):
            between = doc[a.end_tok : b.start_tok].text.strip().lower()
            after = doc[b.end_tok].text if b.end_tok < len(doc) else ""
            cue = _alias_cue(between)
            if ("(" in between and after == ")" and cue in ("", *ALIAS_CUES)) or (
                    "(" not in between and cue in ALIAS_CUES):
                yield Cand("ALIAS", _marg(a), _marg(b), ci, doc[b.head], 0.95, "alias")

    def possession(self, ci: int, tok: Token) -> Iterator[Cand]:
        """"SpaceX's Starlink", "Elon Musk's Starlink satellite company" -> OWNS."""
        if role(tok) != "poss":
            return
        owner = self.args.one(ci, tok, promote="none")
        if owner is None or owner.label not in ("PERSON", "ORG", "GPE"):
            return
        owned_tok = tok.head
        m = self.parse.mention_at(ci, owned_tok)
        if m is None and lemma(owned_tok) in ORG_NOUNS:
            for c in kids(owned_tok, "compound"):
                cm = self.parse.mention_at(ci, c)
                if cm is not None:
                    m = cm
        if m is None or m.key is None or m.key == owner.key or m.label not in ("ORG", "PRODUCT"):
            return
        if m.generic:  # "its troops", "our people": members of the owner, nobody's property
            if owned_tok.lower_ in MEMBER_GROUPS and owner.label in ("ORG", "GPE"):
                yield Cand("MEMBER_OF", _marg(m), owner, ci, owned_tok, 0.7, "possession")
            elif owned_tok.lower_ in ("partners", "allies", "friends") and (
                    "COOPERATE" in self.onto):  # "its partners": they work together
                yield Cand("COOPERATE", owner, _marg(m), ci, owned_tok, 0.6, "possession")
            return
        if owner.label == "GPE" and m.label == "ORG":
            return  # "Ukraine's military": belonging, not ownership; too vague to state
        yield Cand("OWNS", owner, _marg(m), ci, owned_tok, 0.8, "possession")

    def location(self, ci: int, tok: Token) -> Iterator[Cand]:
        """An actor placed in a place by "in/near/at": on the noun, or on its verb."""
        places: list[tuple[str, Token]] = [(p, n) for p, n in prep_args(tok) if p in LOC_PREPS]
        if not places:
            return
        targets = []
        for _, n in places:
            m = self.parse.mention_at(ci, n)
            if m is not None and m.key and m.label in _PLACE_LABELS:
                targets.append(_marg(m))
        if not targets:
            return
        subjects: list[Arg] = []
        if tok.pos_ in ("VERB", "AUX"):
            # who acted there and whom it was done to: "defeat ISIL in Syria", "met X in London"
            for s in logical_subjects(tok):
                subjects.extend(self.args.resolve(ci, s, promote="none"))
            for o in logical_objects(tok):
                subjects.extend(self.args.resolve(ci, o, promote="object"))
                if lemma(o) in self.onto.by_noun:  # "conducted strikes against ISIL targets"
                    for n in [n for p, n in prep_args(o) if p in ("against", "on")] + (
                            deep_targets(tok, o)):
                        subjects.extend(self.args.resolve(ci, n, promote="object"))
            conf = 0.5
        elif tok.pos_ in ("NOUN", "PROPN"):
            # "ISIL targets in Syria", "ISIL's presence in Palmyra": the actor behind the noun;
            # but "an RAF airstrike near Mosul" was there, not the RAF
            event = lemma(tok) in self.onto.by_noun or tok.lower_ in self.onto.by_noun
            subjects = self.args.resolve(ci, tok, promote="none" if event else "object")
            if not subjects:
                # an event noun: "the defeat of Daesh in Iraq", "strikes against ISIL in Syria"
                for p, n in prep_args(tok):
                    if p in ("of", "against", "on", "by"):
                        subjects.extend(self.args.resolve(ci, n, promote="object"))
                for c in kids(tok, "poss"):
                    subjects.extend(self.args.resolve(ci, c, promote="none"))
            conf = 0.7
        for s in subjects:
            for t in targets:
                if s.key != t.key:
                    yield Cand("LOCATED_IN", s, t, ci, tok, conf * s.confidence, "place")

    def part_of(self, ci: int, tok: Token) -> Iterator[Cand]:
        """"The UK, as part of the Global Coalition, ..." -> UK MEMBER_OF Global Coalition."""
        if lemma(tok) != "part" or tok.pos_ != "NOUN":
            return
        wholes = [a for p, n in prep_args(tok) if p == "of"
                  for a in self.args.resolve(ci, n, promote="none")]
        if not wholes:
            return
        members: list[Arg] = []
        head = tok.head
        if role(tok) in ("obl", "nmod", "pobj", "advcl") or tok.head.lower_ == "as":
            while head.pos_ == "ADP" and head.head.i != head.i:
                head = head.head
            if head.pos_ in ("VERB", "AUX", "ADJ"):
                for s in logical_subjects(head) or kids(head, "subj", "subjpass"):
                    members.extend(self.args.resolve(ci, s, promote="none"))
            else:
                members.extend(self.args.resolve(ci, head, promote="none"))
        elif role(tok) == "subj":
            return
        else:  # copular "X is part of Y"
            for s in kids(tok, "subj"):
                members.extend(self.args.resolve(ci, s, promote="none"))
        for m in members:
            for w in wholes:
                if m.key != w.key:
                    yield Cand("MEMBER_OF", m, w, ci, tok, 0.7, "including")

    def unit_chains(self, ci: int) -> Iterator[Cand]:
        """"2nd Battalion, 5th Special Forces Group": a unit, a comma, the unit above it."""
        doc = self.parse.chunks[ci].doc
        ms = sorted((m for m in self.parse.mentions if m.chunk == ci and m.kind == "name"
                     and m.key and m.label == "ORG"), key=lambda m: m.start_tok)
        for i in range(len(ms) - 1):
            a, b = ms[i], ms[i + 1]
            if doc[a.end_tok : b.start_tok].text.strip() != ",":
                continue
            if doc[a.end_tok - 1].lower_ in _UNIT_WORDS and doc[b.end_tok - 1].lower_ in (
                    _UNIT_WORDS):
                yield Cand("PART_OF", _marg(a), _marg(b), ci, doc[b.head], 0.7, "including")

    def between(self, ci: int, tok: Token) -> Iterator[Cand]:
        """"the agreement between Baghdad and Erbil", "talks between X and Y"."""
        if tok.pos_ != "NOUN":
            return
        preds = [p for p in self.onto.by_noun.get(lemma(tok), []) + self.onto.by_noun.get(
            tok.lower_, []) if not self.onto[p].structural]
        if not preds:
            return
        # "the agreement reached yesterday between X and Y": the phrase may hang on the verb
        pairs = prep_args(tok) + [pa for c in tok.children if role(c) == "acl"
                                  and c.tag_ == "VBN" for pa in prep_args(c)]
        sides = [a for p, n in pairs if p == "between"
                 for a in self.args.resolve(ci, n, promote="subject")]
        if len(sides) < 2:
            sides = self._surface_between(ci, tok) or sides
        for i, a in enumerate(sides):
            for b in sides[i + 1 :]:
                if a.key != b.key:
                    yield Cand(preds[0], a, b, ci, tok, 0.7, "noun")

    def _surface_between(self, ci: int, tok: Token) -> list[Arg]:
        """"the agreement reached on Monday between X and Y", read off the words when the
        parser hung "between" elsewhere: the actors right after "between" and after "and"."""
        doc = tok.doc
        end = min(tok.sent.end, tok.i + 10)
        j = next((k for k in range(tok.i + 1, end) if doc[k].lower_ == "between"), None)
        if j is None or any(doc[k].pos_ == "VERB" and doc[k].tag_ not in ("VBN", "VBD")
                            for k in range(tok.i + 1, j)):
            return []
        out: list[Arg] = []
        k = j + 1
        while k < min(tok.sent.end, j + 16) and len(out) < 2:
            a = self.args.one(ci, doc[k], promote="none")
            m = self.parse.mention_at(ci, doc[k])
            if a is not None and m is not None:
                if a not in out:
                    out.append(a)
                k = m.end_tok
                # the second side comes after "and", past any ", led by ..." aside
                while k < tok.sent.end and doc[k].lower_ != "and" and len(out) < 2:
                    if doc[k].lower_ in (";", ".", "on", "over", "to"):
                        return []
                    k += 1
                k += 1
                continue
            if doc[k].pos_ not in ("DET", "ADJ", "PROPN", "NOUN", "PUNCT"):
                return []
            k += 1
        return out if len(out) == 2 else []

    def including(self, ci: int, tok: Token) -> Iterator[Cand]:
        """"coalition partners including Jordan" -> Jordan MEMBER_OF coalition partners."""
        if tok.pos_ not in ("NOUN", "PROPN"):
            return
        pairs = [(p, n) for p, n in prep_args(tok) if p in INCLUDING_PREPS]
        for c in tok.children:  # the parser made the member the head: "[G7 leaders] including"
            if role(c) == "case" and c.lower_ in INCLUDING_PREPS and c.i > 0 and (
                    tok.doc[c.i - 1].pos_ in ("NOUN", "PROPN")):
                yield from self._members_of(ci, tok.doc[c.i - 1], [("including", tok)])
        if not pairs:
            return
        yield from self._members_of(ci, tok, pairs)

    def _members_of(self, ci: int, tok: Token, pairs: list[tuple[str, Token]]) -> Iterator[Cand]:
        whole = self.args.one(ci, tok, promote="none")
        if whole is None or whole.label == "PERSON":
            return
        for _, n in pairs:
            part = self.args.one(ci, n, promote="none")
            if part is not None and part.key != whole.key:
                yield Cand("MEMBER_OF", part, whole, ci, n, 0.6, "including")

    def event_noun(self, ci: int, tok: Token) -> Iterator[Cand]:
        """"Russia's invasion of Ukraine", "U.S. airstrikes against ISIL"."""
        if tok.pos_ != "NOUN":
            return
        preds = [p for p in self.onto.by_noun.get(lemma(tok), []) + self.onto.by_noun.get(
            tok.lower_, []) if not self.onto[p].structural]
        if not preds:
            return
        agent: Arg | None = None
        for c in kids(tok, "poss"):
            agent = self.args.one(ci, c, promote="none")
        if agent is None:
            for c in kids(tok, "compound", "amod"):
                if c.i < tok.i:
                    agent = self.args.one(ci, c, promote="subject") or agent
        by = [n for p, n in prep_args(tok) if p == "by"]
        if agent is None and by:
            agent = self.args.one(ci, by[0], promote="subject")
        pred = preds[0]
        cooperation = (self.onto[pred].quad_class or "").endswith("_COOPERATION")
        agents = [agent] if agent is not None else []
        if self.onto[pred].quad_class == "MATERIAL_CONFLICT":
            agents += [a for a in self._in_fight(ci, tok) if a not in agents]
        if agents and agent is None:
            agent = agents[0]
        if agent is None:
            if cooperation:
                yield from self._support_phrase(ci, tok, pred)
            return
        allowed = {"against", "on", "upon", "with", "to", "at", "into", "toward", "towards"}
        if self.onto[pred].quad_class == "MATERIAL_CONFLICT":
            allowed.add("of")
        if cooperation:
            allowed |= {"for", "of"}  # "its support of the government", "aid for Ukraine"
        if lemma(tok) in _JUDGEMENT_NOUNS:
            allowed.add("of")  # "its condemnation of the junta"
        for prep, n in prep_args(tok):
            if prep not in allowed:
                continue
            for target in self.args.resolve(ci, n, promote="object"):
                for a in agents:
                    if target.key != a.key:
                        yield Cand(pred, a, target, ci, tok, 0.7 * a.confidence, "noun")

    def members_of(self, ci: int, tok: Token) -> Iterator[Cand]:
        """"70 members of the clan", "soldiers of the Kenyan army" -> MEMBER_OF."""
        m = self.parse.mention_at(ci, tok)
        if m is None or m.key is None or m.kind != "group" or m.end_tok > tok.i + 1:
            return  # "the people of Iraq" is one group phrase already
        ofs = [n for p, n in prep_args(tok) if p == "of"]
        if not ofs:
            return
        whole = self.args.one(ci, ofs[0], promote="object")  # not its conjuncts: another set
        body = lemma(ofs[0]) in ORG_NOUNS or lemma(ofs[0]) in _KIN_GROUPS
        if whole is not None and (whole.label == "ORG" or body) and whole.key != m.key:
            yield Cand("MEMBER_OF", _marg(m), whole, ci, tok, 0.8, "members")

    def control(self, ci: int, tok: Token) -> Iterator[Cand]:
        """Who holds a place: "Taliban-held Kandahar", "Kismayo, under the control of
        al-Shabaab", "under Taliban control", "the fall of Kabul to the Taliban"."""
        doc = tok.doc
        pairs: list[tuple[Token, Token]] = []  # (holder, place)
        if tok.lower_ in ("held", "controlled", "occupied") and tok.i >= 2 and (
                doc[tok.i - 1].text in ("-", "\u2010", "\u2011")):
            # the noun it modifies, or (when the parser made it a verb) the word after it
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else tok
            place = tok.head if tok.head.i > tok.i and tok.head.pos_ in ("NOUN", "PROPN") else (
                nxt if nxt.pos_ in ("NOUN", "PROPN") else None)
            if place is not None:
                pairs.append((doc[tok.i - 2], place))
        elif tok.lower_ == "control" and any(c.lower_ == "under" for c in kids(tok, "case")):
            holders = [n for p, n in prep_args(tok) if p == "of"] or [
                c for c in kids(tok, "compound", "amod") if c.i < tok.i]
            place = tok.head
            if role(tok) == "pobj":
                place = tok.head.head
            pairs += [(h, place) for h in holders if place.i != tok.i]
        elif tok.lower_ == "fall":
            args = prep_args(tok)
            pairs += [(h, n) for p, n in args if p == "of" for q, h in args if q == "to"]
        for holder_tok, place_tok in pairs:
            holder = self.args.one(ci, holder_tok, promote="none")
            if holder is None or holder.label in _PLACE_LABELS - {"GPE"}:
                continue
            for place in self.args.resolve(ci, place_tok, promote="none"):
                if place.label in _PLACE_LABELS and place.key != holder.key:
                    yield Cand("LEADS", holder, place, ci, tok, 0.8 * holder.confidence,
                               "control")

    def _in_fight(self, ci: int, tok: Token) -> list[Arg]:
        """"support for Iraq in its fight against ISIL": whoever the "in" phrase hangs on
        (and those listed with it) is the one fighting."""
        if role(tok) not in ("nmod", "obl", "pobj") or "in" not in (
                [c.lower_ for c in tok.children if role(c) == "case"]
                + ([tok.head.lower_] if role(tok) == "pobj" else [])):
            return []
        head = tok.head.head if role(tok) == "pobj" else tok.head
        if head.pos_ not in ("NOUN", "PROPN"):
            return []
        out = self.args.resolve(ci, head, promote="none")  # not "its support [in the fight]"
        if not out:
            # "its support of the army [in the fight]" hung on "support", beside "the army"
            before = [c for c in head.children if c.i < tok.i and role(c) in ("nmod", "pobj")
                      and c.right_edge.i == tok.left_edge.i - 1]
            if before:
                out = self.args.resolve(ci, before[-1], promote="none")
        if role(head) == "conj":  # "the Government of Iraq and the Iraqi people in their fight"
            first = head.head
            while role(first) == "conj":
                first = first.head
            while role(first) in ("nmod", "compound") and first.head.pos_ in ("NOUN", "PROPN"):
                if self.args.one(ci, first, promote="none") and self.args.one(
                        ci, first.head, promote="none"):
                    first = first.head  # "the Government of [Iraq] and ...": the whole phrase
                else:
                    break
            out += [a for a in self.args.resolve(ci, first, promote="none") if a not in out]
        return out


    def _support_phrase(self, ci: int, tok: Token, pred: str) -> Iterator[Cand]:
        """"struck ISIL in support of our partners": the clause's actor helps the partners;
        "with the support of the Coalition, the SDF advanced": the Coalition helps the SDF."""
        # the preposition next to the noun: "coordinated with and in support of X" is "in"
        cases = [c.lower_ for c in sorted(tok.children, key=lambda c: -c.i)
                 if role(c) == "case" and c.i < tok.i]
        if role(tok) == "pobj":
            cases.append(tok.head.lower_)
        # "in support of the Mosul operation" helps no city; "of SDF operations" helps the SDF
        ofs = [a for p, n in prep_args(tok) if p == "of"
               for a in self.args.resolve(ci, n, promote="object")
               if a.confidence >= 1.0 or a.label not in _PLACE_LABELS]
        if not cases or not ofs:
            return
        actors = self._clause_actors(ci, tok)
        if cases[0] == "in" and not kids(tok, "det"):
            pairs = [(a, o) for a in actors for o in ofs]
        elif cases[0] == "with":
            pairs = [(o, a) for a in actors for o in ofs]
        else:
            return
        for a, b in pairs:
            if a.key != b.key:
                yield Cand(pred, a, b, ci, tok, 0.6 * min(a.confidence, b.confidence), "noun")

    def _clause_actors(self, ci: int, tok: Token) -> list[Arg]:
        """The logical subjects of the nearest clause above ``tok`` that has any."""
        cur = tok.head
        for _ in range(6):
            if cur.pos_ in ("VERB", "AUX"):
                found = [a for s in logical_subjects(cur)
                         for a in self.args.resolve(ci, s, promote="subject")]
                if found:
                    return found
            if cur.head.i == cur.i:
                break
            cur = cur.head
        return []


# Bodies of people by descent: "members of the Al Jabour tribe" (a name of any label)
_KIN_GROUPS = frozenset({"tribe", "clan", "family", "community", "sect", "dynasty"})
# Words that say who holds a place ("Taliban-held", "under the control of", "the fall of")
_CONTROL_WORDS = frozenset({"held", "controlled", "occupied", "control", "fall"})
# Judgements whose "of" phrase names what is judged (unlike "the threat of sanctions").
_JUDGEMENT_NOUNS = frozenset({"condemnation", "criticism", "denunciation", "rejection",
                              "censure", "disapproval"})


def _alias_cue(between: str) -> str:
    """The words between two names without quotes, brackets, commas, a possessive 's or a
    last "the": 'X's (Y)' -> "", 'X, also called "the Y"' -> "also called"."""
    text = between[2:] if between[:2] in ("'s", "\u2019s") else between
    text = re.sub(r"[\"'\u201c\u201d\u2018\u2019(,]", " ", text)
    words = text.split()
    if words and words[-1] == "the":
        words = words[:-1]
    return " ".join(words)


def _title_span(title: Token) -> Span:
    """"the Minister for the Middle East": determiner and modifiers, the title, its of/for."""
    toks = [t for t in np_tokens(title) if t.i <= title.i]
    # the name in apposition ends the title: "the Kenyan Foreign Minister, Alfred Mutua in
    # Oslo" does not make "in Oslo" part of it, wherever the parse hung the phrase
    end = min((c.i for c in kids(title, "appos") if c.i > title.i), default=len(title.doc))
    for p, n in prep_args(title):
        if p in _TITLE_PREPS and title.i < n.i < end:
            toks += np_tokens(n)
    toks.sort(key=lambda t: t.i)
    return title.doc[toks[0].i : toks[-1].i + 1]


def _marg(m: Ment) -> Arg:
    assert m.key is not None
    return Arg(m.key, m.start, m.end, 1.0, m.label)
