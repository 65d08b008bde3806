"""Coreference within one article: pronouns and definite descriptions to actors.

A salience model in the tradition of Lappin & Leass: walking the article in order,
every actor mention enters a history; a pronoun picks the compatible entity with the
best score (recent, subject, often mentioned), never a co-argument of its own verb
("He called him ..."). Non-actor noun phrases enter the history too, so "it" and
"they" stay unresolved when the likelier antecedent is not an actor.

Definite descriptions use what the article states about its actors (``Parse.roles``,
from appositions and titles anywhere in the article, so "the head of the Russian space
agency" finds Rogozin even before he is named), then the gazetteer's office holders at
the article's date ("the Russian president"), then salience ("the billionaire").
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Span, Token

from graphbuilder.extract.args import Arg, ArgResolver
from graphbuilder.extract.document import Ment, Parse
from graphbuilder.extract.entities import EntInfo
from graphbuilder.extract.gaz import Gaz
from graphbuilder.extract.lexicon import (
    COUNTRY_NOUNS,
    FEMALE_NOUNS,
    FEMALE_PRONOUNS,
    HOSTILE_NOUNS,
    MALE_NOUNS,
    MALE_PRONOUNS,
    ORG_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    PRONOUNS_FIRST,
    PRONOUNS_PERSON,
    PRONOUNS_PLURAL,
    PRONOUNS_THING,
    SPEECH_VERBS,
)
from graphbuilder.extract.names import norm
from graphbuilder.extract.nominal import NominalRules, title_predicate
from graphbuilder.extract.relations import logical_subjects
from graphbuilder.extract.syntax import kids, lemma, lemma_in, np_span, np_tokens, prep_args, role
from graphbuilder.ontology import Ontology

_CAT = {"PERSON": "person", "ORG": "org", "PRODUCT": "org", "GPE": "place", "LOC": "place",
        "FAC": "place", "NORP": "group"}
_WINDOW = 3  # sentences back a pronoun may reach
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass
class _Item:
    key: str | None  # None: a noun phrase that is not an actor (blocks "it"/"they")
    cat: str  # person, org, place, group, thing
    plural: bool
    sent: int
    chunk: int
    tok: int
    subject: bool
    bonus: float = 0.0  # main-clause subject +, inside a prepositional phrase or indefinite -


def _compatible(pron: str, item: _Item, gender: str | None) -> bool:
    if pron in PRONOUNS_PERSON:
        if item.cat != "person" or item.plural:
            return False
        if gender == "f" and pron in MALE_PRONOUNS:
            return False
        return not (gender == "m" and pron in FEMALE_PRONOUNS)
    if pron in PRONOUNS_PLURAL:
        return item.plural or item.cat in ("org", "group")
    if pron in PRONOUNS_THING:
        return not item.plural and item.cat in ("org", "place", "thing")
    return False


class Coref:
    def __init__(self, parse: Parse, entities: dict[str, EntInfo], onto: Ontology, gaz: Gaz,
                 args: ArgResolver) -> None:
        self.parse = parse
        self.entities = entities
        self.onto = onto
        self.gaz = gaz
        self.args = args
        self.nominal = NominalRules(parse, onto, args)
        self.history: list[_Item] = []
        self.count: Counter[str] = Counter()
        self.subject_count: Counter[str] = Counter()
        self.enemy: str | None = None  # the named group the article fights (see _enemies)
        self.gender: dict[str, str] = {}
        self.sent = 0
        self.last_speaker: tuple[int, Arg] | None = None
        for r in parse.roles:
            g = "f" if r.title in FEMALE_NOUNS else "m" if r.title in MALE_NOUNS else None
            if g:
                self.gender.setdefault(r.holder, g)
        # the noun phrase each organisation is named in: "the Russian space agency Roscosmos"
        self.org_phrases: dict[str, set[str]] = {}
        for m in parse.mentions:
            if m.key and m.kind == "name" and m.label in ("ORG", "PRODUCT"):
                tok = parse.chunks[m.chunk].doc[m.head]
                top = tok
                while role(top) in ("appos", "compound", "flat") and top.head.i != top.i:
                    top = top.head
                self.org_phrases.setdefault(m.key, set()).add(norm(np_span(top).text))

    # ------------------------------------------------------------------ walk
    def run(self) -> None:
        self._enemies()
        for ci, chunk in enumerate(self.parse.chunks):
            for sent in chunk.doc.sents:
                for tok in sent:
                    self.token(ci, tok)
                self._note_speaker(ci, sent)
                self.sent += 1

    def _enemies(self) -> None:
        """"the enemy", "these terrorists": the armed group the article names and fights.

        The named group the article most often sets against someone (object of a violent
        verb, after "against", called "ISIL terrorists") takes over the definite hostile
        descriptions; without one they stay an unnamed group.
        """
        score: Counter[str] = Counter()
        violent = {lem for lem, p in self.onto.by_lemma.items()
                   if self.onto[p].quad_class == "MATERIAL_CONFLICT"}
        for m in self.parse.mentions:
            ent = self.entities.get(m.key or "")
            if m.generic or ent is None or m.kind not in ("name", "group") or ent.kind not in (
                    "Group", "Organization", "Country"):
                continue
            tok = self.parse.chunks[m.chunk].doc[m.head]
            if role(tok) in ("compound", "amod") and tok.head.lower_ in HOSTILE_NOUNS:
                score[m.key] += 1  # "ISIL terrorists"
            while role(tok) in ("compound", "amod", "flat") and tok.head.i != tok.i:
                tok = tok.head  # "ISIL fighters" is fought as a whole
            gov = tok.head.head if tok.head.pos_ == "ADP" else tok.head
            hostile = any(c.lower_ == "against" for c in tok.children if role(c) == "case") or (
                tok.head.lower_ == "against") or (role(tok) == "obj" and lemma_in(gov, violent))
            score[m.key] += hostile
        if not score or max(score.values()) == 0:
            return
        target = max(score, key=lambda k: (score[k], len(self.entities[k].mentions), k))
        self.enemy = target
        for m in self.parse.mentions:
            tok = self.parse.chunks[m.chunk].doc[m.head]
            if not m.generic or tok.lower_ not in HOSTILE_NOUNS or m.key == target:
                continue
            if not {d.lower_ for d in kids(tok, "det")} & _DEFINITE:
                continue  # "killed 20 militants": some militants, not the group itself
            old = self.entities.get(m.key or "")
            if old is not None and m in old.mentions:
                old.mentions.remove(m)
            m.key = target
            self.entities[target].mentions.append(m)

    def _note_speaker(self, ci: int, sent: Span) -> None:
        """Remember who spoke last: "Tobias Ellwood said:" introduces the next sentences."""
        for verb in sent:
            if verb.pos_ == "VERB" and lemma_in(verb, SPEECH_VERBS):
                for s in kids(verb, "subj"):
                    a = self.args.one(ci, s, promote="none")
                    if a is not None:
                        self.last_speaker = (self.sent, a)
                        return

    def token(self, ci: int, tok: Token) -> None:
        m = self.parse.mention_at(ci, tok)
        if m is not None and m.key and m.head == tok.i:
            if m.label == "NORP" and (tok.pos_ == "ADJ" or role(tok) in ("amod", "compound")):
                return  # "Dutch" in "Dutch libraries" is not something "they" can point to
            self._push(m.key, _CAT.get(m.label, "org"), m.kind == "group" or m.label == "NORP",
                       ci, tok)
            return
        if m is not None:
            return
        low = tok.lower_
        if tok.pos_ == "PRON" and low in PRONOUNS_FIRST:
            key = self.first_person(ci, tok)
            if key:
                self._register(ci, tok, key, "pronoun", tok.doc[tok.i : tok.i + 1])
            return
        if tok.pos_ == "PRON" and low in PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING:
            key = self.pronoun(ci, tok)
            if key:
                self._register(ci, tok, key, "pronoun", tok.doc[tok.i : tok.i + 1])
            return
        # "the Foreign Secretary" is often tagged a proper noun, "the NATO chief" as a subject
        # an adjective (title_predicate takes such an adjective)
        if tok.pos_ == "NOUN" or (tok.pos_ in ("PROPN", "ADJ") and title_predicate(self.onto, tok)):
            key = self.description(ci, tok)
            if key:
                self._register(ci, tok, key, "description", _description_span(tok))
            elif role(tok) in ("subj", "subjpass", "obj"):
                self.history.append(_Item(None, "thing", tok.tag_ in ("NNS", "NNPS"), self.sent,
                                          ci, tok.i, role(tok) in ("subj", "subjpass")))

    def _push(self, key: str, cat: str, plural: bool, ci: int, tok: Token) -> None:
        subject = role(tok) in ("subj", "subjpass")
        self.history.append(_Item(key, cat, plural, self.sent, ci, tok.i, subject,
                                  _position_bonus(tok)))
        self.count[key] += 1
        self.subject_count[key] += subject

    def _register(self, ci: int, tok: Token, key: str, kind: str, span: Span) -> None:
        ent = self.entities[key]
        s, e = self.parse.offsets(ci, span)
        m = Ment(chunk=ci, start_tok=span.start, end_tok=span.end, start=s, end=e,
                 text=span.text, label=ent.label, kind=kind, head=tok.i, key=key)
        self.parse.coref[(ci, tok.i)] = m
        self.parse.mentions.append(m)
        ent.mentions.append(m)
        cat = _CAT.get(ent.label, "org")
        self._push(key, cat, cat == "group", ci, tok)
        if kind == "pronoun" and key not in self.gender:
            if tok.lower_ in FEMALE_PRONOUNS:
                self.gender[key] = "f"
            elif tok.lower_ in MALE_PRONOUNS:
                self.gender[key] = "m"

    # ------------------------------------------------------------------ scoring
    def _excluded(self, ci: int, tok: Token) -> set[str]:
        """Co-arguments a pronoun or description cannot refer to ("He called him")."""
        if role(tok) == "poss" or tok.lower_.endswith("self") or tok.lower_.endswith("selves"):
            return set()
        verb = tok.head
        if role(tok) in ("pobj",):
            verb = verb.head
        if role(tok) in ("subj", "subjpass"):
            return set()
        out: set[str] = set()
        if verb.pos_ in ("VERB", "AUX"):
            for s in logical_subjects(verb):
                for a in self.args.resolve(ci, s, promote="none"):
                    out.add(a.key)
        return out

    def _ranked(self, ci: int, tok: Token, accept: object, window: int,
                prominence: bool = False) -> list[tuple[float, _Item]]:
        """Candidates by salience. Pronouns favour the recent subject; descriptions ("the
        billionaire") favour the article's most prominent actor of the right sort."""
        best: dict[str | None, tuple[float, _Item]] = {}
        for item in reversed(self.history):
            dist = self.sent - item.sent
            if dist > window:
                break
            if not accept(item):  # type: ignore[operator]
                continue
            if prominence:
                score = -0.3 * dist + (0.5 if item.subject else 0.0)
                if item.key is not None:
                    score += 2.0 * math.log1p(self.count[item.key])
            else:
                score = 3.0 - 1.5 * dist + (1.0 if item.subject else 0.0) + item.bonus
                if item.key is not None:
                    score += 0.6 * math.log1p(self.count[item.key])
            ident = item.key if item.key is not None else f"np{item.chunk}:{item.tok}"
            if ident not in best or best[ident][0] < score:  # type: ignore[index]
                best[ident] = (score, item)  # type: ignore[index]
        return sorted(best.values(), key=lambda x: (-x[0], -x[1].sent, -x[1].tok))

    def pronoun(self, ci: int, tok: Token) -> str | None:
        low = tok.lower_
        if low == "it" and _pleonastic(tok):
            return None
        excluded = self._excluded(ci, tok)
        if low.endswith("self") or low.endswith("selves"):
            for s in logical_subjects(tok.head):
                a = self.args.one(ci, s, promote="none")
                if a:
                    return a.key
        ranked = self._ranked(
            ci, tok,
            lambda it: it.key not in excluded and _compatible(
                low, it, self.gender.get(it.key) if it.key else None),
            _WINDOW)
        if not ranked:
            return None
        top = ranked[0][1]
        return top.key

    def _speaker(self, ci: int, tok: Token) -> tuple[Arg, Token] | None:
        """Who speaks the sentence ``tok`` is in: "...," said Votel / Votel said: "..."."""
        best: tuple[int, Arg, Token] | None = None
        for verb in tok.sent:
            if not lemma_in(verb, SPEECH_VERBS) or verb.pos_ != "VERB":
                continue
            for s in kids(verb, "subj"):
                if tok in s.subtree:
                    continue
                a = self.args.one(ci, s, promote="none")
                if a is not None and (best is None or abs(verb.i - tok.i) < best[0]):
                    best = (abs(verb.i - tok.i), a, verb)
        if best is not None:
            self.last_speaker = (self.sent, best[1])
            return best[1], best[2]
        if self.last_speaker and self.sent - self.last_speaker[0] <= 3:
            return self.last_speaker[1], tok  # a quotation running on after "X said:"
        return None

    def first_person(self, ci: int, tok: Token) -> str | None:
        """"I" is the person quoted; "we" the organisation or country they speak for.

        A statement often runs on for paragraphs after "X said:", so the last speaker of the
        article is used when the sentence names none. "We" with no speaker to go by is the
        organisation the article speaks for: a press release's "we" is its most prominent
        organisation or country ("Coalition forces ... We will continue to strike").
        """
        found = self._speaker(ci, tok)
        speaker = found[0] if found else (self.last_speaker[1] if self.last_speaker else None)
        singular = tok.lower_ in ("i", "me", "my", "mine", "myself")
        ent = self.entities.get(speaker.key) if speaker is not None else None
        if ent is not None and speaker is not None:
            if singular:
                return speaker.key if ent.label == "PERSON" else None
            if ent.label != "PERSON":
                return speaker.key
            org = self._speaks_for(speaker.key, ent)
            if org is not None:
                return org
        return None if singular else self._author()

    def _speaks_for(self, key: str, ent: EntInfo) -> str | None:
        """The organisation or country a person speaks for, as the article or the gazetteer
        says."""
        for r in self.parse.roles:  # "the Minister for ..., Tobias Ellwood": his government
            if r.holder == key and r.target and r.predicate in ("MEMBER_OF", "LEADS"):
                return r.target
        if ent.gazetteer_id and self.gaz:
            codes = [of for _, of in self.gaz.roles(ent.gazetteer_id,
                                                    self.parse.article.published)]
            for e in self.entities.values():
                if e.label == "GPE" and codes and (
                        e.country in codes or (e.gazetteer_id or "").removeprefix("gb:") in codes):
                    return e.key
        return None

    def _author(self) -> str | None:
        """The organisation or country the article has named most often as a subject so far
        (never the group it fights)."""
        best: tuple[int, int, str] | None = None
        for key, n in self.count.items():
            ent = self.entities.get(key)
            if ent is None or ent.label not in ("ORG", "GPE") or ent.kind not in (
                    "Organization", "Country", "Group") or key == self.enemy or (
                    not self.subject_count[key]) or all(m.generic for m in ent.names):
                continue  # an unnamed group ("militants") issues no statements
            rank = (self.subject_count[key], n, key)
            if best is None or rank[:2] > best[:2]:
                best = rank
        return best[2] if best else None

    def description(self, ci: int, tok: Token) -> str | None:
        """Resolve "the billionaire", "Tesla's CEO", "the embattled country", "the organisation"."""
        dets = {d.lower_ for d in kids(tok, "det")}
        has_poss = bool(kids(tok, "poss"))
        if not (dets & _DEFINITE) and not has_poss:
            return None
        if tok.tag_ in ("NNS", "NNPS") or (tok.lower_.endswith("s") and tok.pos_ == "PROPN"):
            return None
        word = lemma(tok)
        excluded = self._excluded(ci, tok)
        named = self._apposed_name(ci, tok)
        if named is not None:
            return named  # "SpaceX, the rocket company": the name beside it
        found = title_predicate(self.onto, tok)
        if found is not None and found[0] in ("LEADS", "MEMBER_OF", "RELATIVE_OF"):
            # a title: its holder as the article or the gazetteer states, else no guessing
            return self._title_holder(ci, tok, found[0], found[1], excluded)
        if word in PERSON_NOUNS:
            described = [r.holder for r in self.parse.roles if r.title == word]
            return self._salient(ci, tok, {"person"}, excluded, prefer=described, window=12,
                                 prominence=True)
        if word in ORG_NOUNS:
            mods = [c for c in tok.children if role(c) in ("amod", "compound") and (
                self.parse.mention_at(ci, c) is not None)]
            if mods:
                text = norm(np_span(tok).text)
                for key, phrases in self.org_phrases.items():
                    if any(_contains(p, text) for p in phrases) and key not in excluded:
                        return key
                return None
            return self._salient(ci, tok, {"org"}, excluded, window=6, prominence=True)
        if word in COUNTRY_NOUNS:
            known = [k for k in self._countries_of_holder(ci, tok) if k not in excluded]
            if known:
                return known[0]
            return self._salient(ci, tok, {"place"}, excluded, window=8, only=self._country_like)
        if word in PLACE_NOUNS:
            return self._salient(ci, tok, {"place"}, excluded, window=4)
        return None

    def _apposed_name(self, ci: int, tok: Token) -> str | None:
        """The named actor a description stands in apposition to, if any."""
        cands = []
        if role(tok) == "appos":
            cands.append(tok.head)
        cands += [c for c in tok.children if role(c) == "appos"]
        first = min(t.i for t in np_tokens(tok))
        if first >= 2 and tok.doc[first - 1].text == ",":
            cands.append(tok.doc[first - 2])
        for c in cands:
            m = self.parse.mention_at(ci, c)
            if m is not None and m.key and m.kind in ("name", "group") and (
                    (m.label == "PERSON") == (lemma(tok) in PERSON_NOUNS)):
                return m.key
        return None

    def _countries_of_holder(self, ci: int, tok: Token) -> list[str]:
        """"Zelensky, the embattled country's president": the countries the named holder of
        that title leads according to the gazetteer, at the article's date."""
        if role(tok) != "poss" or title_predicate(self.onto, tok.head) is None or not self.gaz:
            return []
        title = tok.head
        doc = tok.doc
        people = []
        if role(title) == "appos":
            people.append(title.head)
        people += [c for c in title.children if role(c) == "appos"]
        first = min(t.i for t in title.subtree)
        if first >= 2 and doc[first - 1].text == ",":
            people.append(doc[first - 2])
        codes: list[str] = []
        for p in people:
            m = self.parse.mention_at(ci, p)
            if m is None or m.label != "PERSON" or not m.key:
                continue
            ent = self.entities[m.key]
            if ent.gazetteer_id:
                codes += [of for _, of in self.gaz.roles(ent.gazetteer_id,
                                                        self.parse.article.published)]
        return [e.key for e in self.entities.values() if codes and e.label == "GPE" and (
            e.country in codes or (e.gazetteer_id or "").removeprefix("gb:") in codes)]

    def _country_like(self, key: str) -> bool:
        """A country, or (without a gazetteer to say) any geopolitical entity."""
        e = self.entities[key]
        return e.kind == "Country" or (e.gazetteer_id is None and e.label == "GPE" and bool(
            [m for m in e.mentions if m.kind == "name"]) and not self.gaz)

    def _salient(self, ci: int, tok: Token, cats: set[str], excluded: set[str], *,
                 prefer: list[str] | None = None, window: int = 6,
                 only: object = None, prominence: bool = False) -> str | None:
        if prefer:
            ranked_pref = [k for k in prefer if k not in excluded]
            if ranked_pref:
                return max(ranked_pref, key=lambda k: self.count[k])
        ranked = self._ranked(
            ci, tok,
            lambda it: it.key is not None and it.key not in excluded and it.cat in cats and (
                only is None or only(it.key)),  # type: ignore[operator]
            window, prominence=prominence)
        return ranked[0][1].key if ranked else None

    def _title_holder(self, ci: int, tok: Token, pred: str, title: str,
                      excluded: set[str]) -> str | None:
        target, text = self.nominal.title_target(ci, tok, None, pred)
        holders = []
        for r in self.parse.roles:
            if r.predicate != pred or r.holder in excluded:
                continue
            same_target = target is not None and r.target == target.key
            same_text = bool(text) and (_contains(r.target_text, text))
            # "the Foreign Secretary" with no "of": whoever the article calls that
            # "the secretary" for the article's "Defense Secretary Ash Carter" too
            same_title = target is None and not text and (
                r.title == title or r.title.endswith(" " + title))
            if same_text or same_title or (same_target and _exact(target, tok)):
                holders.append((r.title == title, r.holder))
        if holders:
            holders.sort(key=lambda h: (not h[0], -self.count[h[1]]))
            return holders[0][1]
        if target is not None and _exact(target, tok) and self.gaz:
            ent = self.entities.get(target.key)
            gid = ent.gazetteer_id if ent else None
            if gid:
                for hit in self.gaz.holders(title, gid, self.parse.article.published):
                    return self._gazetteer_entity(hit.id, hit.name, hit.kind)
        if pred in ("LEADS", "MEMBER_OF") and tok.text[:1].isupper():
            return self._office(tok)
        return None

    def _office(self, tok: Token) -> str:
        """"The Foreign Secretary" whom the article never names: the office holder as an
        actor of its own, one per title within the article."""
        words = norm(_description_span(tok).text).split()
        while words and words[0] in ("the", "a", "an"):
            words = words[1:]
        name = " ".join(words)
        key = f"o:{name}"
        if key not in self.entities:
            self.entities[key] = EntInfo(key=key, label="PERSON", kind="Person",
                                         gazetteer_name=_description_span(tok).text.removeprefix(
                                             "the ").removeprefix("The "))
        return key

    def _gazetteer_entity(self, gid: str, name: str, kind: str | None) -> str:
        for e in self.entities.values():
            if e.gazetteer_id == gid:
                return e.key
        key = f"g:{gid}"
        if key not in self.entities:
            self.entities[key] = EntInfo(key=key, label="PERSON", gazetteer_id=gid,
                                         gazetteer_name=name, kind=kind or "Person")
        return key


_RAISING = frozenset({"seem", "appear", "become", "turn", "happen", "matter", "take", "remain",
                      "mean", "follow", "emerge", "transpire"})


def _pleonastic(tok: Token) -> bool:
    """"it is crucial that", "it seems", "it became apparent": an "it" that points nowhere."""
    if role(tok) == "expl":
        return True
    if role(tok) not in ("subj", "subjpass"):
        return False
    head = tok.head
    clause = [c for c in head.children if role(c) in ("ccomp", "csubj", "xcomp", "advcl")
              and c.i > tok.i and any(m.lower_ in ("that", "to", "whether", "if", "how")
                                      for m in c.children if role(m) == "mark")]
    if lemma(head) in _RAISING:
        return True
    if head.pos_ == "ADJ" or (head.pos_ == "NOUN" and kids(head, "cop")):
        return bool(clause) or (head.pos_ == "ADJ" and bool(kids(head, "cop")))
    return False


def _position_bonus(tok: Token) -> float:
    """Main-clause subjects are likelier antecedents; names inside a prepositional phrase or
    after "a" less so ("Placed under the care of a Dr. Bailey, he ...")."""
    bonus = 0.0
    r = role(tok)
    if r in ("subj", "subjpass") and tok.head.dep_ in ("ROOT", "root"):
        bonus += 0.5
    if r in ("obl", "nmod", "pobj") or any(role(c) == "case" and c.tag_ != "POS"
                                           for c in tok.children):
        bonus -= 0.5
    if any(d.lower_ in ("a", "an") for d in kids(tok, "det")):
        bonus -= 1.0
    return bonus


def _description_span(tok: Token) -> Span:
    """"the head of the Russian space agency": determiner to head, plus an of-phrase."""
    toks = [t for t in np_tokens(tok) if t.i <= tok.i]
    for p, n in prep_args(tok):
        if p == "of" and n.i > tok.i:
            toks += [t for t in np_tokens(n)] + [c for c in n.children if role(c) == "case"]
            break
    toks.sort(key=lambda t: t.i)
    return tok.doc[toks[0].i : toks[-1].i + 1]


def _contains(haystack: str, needle: str) -> bool:
    """Word-sequence containment: "russian space agency" in "russian space agency roscosmos"."""
    if not needle or not haystack:
        return False
    h, n = haystack.split(), needle.split()
    return any(h[i : i + len(n)] == n for i in range(len(h) - len(n) + 1))


def _exact(target: Arg, tok: Token) -> bool:
    """The title's target is the actor itself, not something inside a bigger phrase."""
    return target.label != "" and target.confidence >= 0.85
