"""From a syntactic argument (a token) to the actor(s) it denotes.

"Musk", "he", "the billionaire", "who" (in "Musk, who ..."), "Ukrainian forces",
"Musk's attempts" and "branches of the Ukrainian military" all end at an entity key
plus the span of the mention in the sentence. Arguments that are not actors
(dates, quantities, generic nouns) resolve to nothing, so they never become nodes.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graphbuilder.extract.document import Ment, Parse
from graphbuilder.extract.lexicon import (
    ASSET_NOUNS,
    GROUP_NOUNS,
    INCLUDING_PREPS,
    NAMING_VERBS,
    ORG_NOUNS,
    PARTITIVE_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
    PORTION_NOUNS,
)
from graphbuilder.extract.syntax import (
    children,
    kids,
    lemma,
    lemma_in,
    name_modifiers,
    prep_args,
    role,
    with_conjuncts,
)


@dataclass(frozen=True)
class Arg:
    """One end of a fact: entity key, mention span in the article, how sure we are."""

    key: str
    start: int
    end: int
    confidence: float = 1.0
    label: str = ""


def _relcl_antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for ("Musk, who ..." -> Musk)."""
    if tok.lower_ not in ("who", "whom", "which", "that", "whose"):
        return None
    if tok.tag_ not in ("WP", "WDT", "WP$") and tok.lower_ != "that":
        return None
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            break
        if role(cur) == "relcl":
            return cur.head
        cur = cur.head
    # the parse left the clause unattached: "Musk, who is trying ..." by the comma
    doc = tok.doc
    if tok.i >= 2 and doc[tok.i - 1].text == "," and doc[tok.i - 2].pos_ in ("PROPN", "NOUN"):
        return doc[tok.i - 2]
    return None


def _listed_antecedents(tok: Token) -> list[Token]:
    """"Finland and Sweden, which are weighing ...": a relative pronoun after a list stands
    for every item when its verb is plural, for the nearest when it is singular ("..., which
    is weighing"), whichever item the parse hung the clause on (UD: the first). Empty when
    the pronoun does not follow a list."""
    ante = _relcl_antecedent(tok)
    if ante is None or "Plur" in ante.morph.get("Number"):
        return []
    while role(ante) == "conj" and ante.head.i < ante.i:
        ante = ante.head
    items = with_conjuncts(ante)
    if len(items) < 2 or tok.i < max(t.i for t in items):
        return []
    verb = tok.head
    forms = [verb, *(c for c in verb.children if c.dep_.startswith("aux") or c.dep_ == "cop")]
    if any(f.tag_ == "VBP" or "Plur" in f.morph.get("Number") for f in forms):
        return items
    if any(f.tag_ == "VBZ" or "Sing" in f.morph.get("Number") for f in forms):
        return [max(items, key=lambda t: t.i)]
    return []


def _fronted_name(tok: Token) -> Token | None:
    """"Volodymyr Zelensky, the country's president, took ...": the name, not "president".

    Parsers sometimes hang a fronted name on the title noun that follows it as a possessor
    (``nmod:poss``) or a compound; a real possessor has its "'s" and no comma after it.
    """
    if lemma(tok) not in PERSON_NOUNS and tok.lower_ not in PERSON_NOUNS:
        return None
    for c in children(tok):
        if c.i >= tok.i or role(c) not in ("poss", "compound") or c.pos_ != "PROPN":
            continue
        if any(role(g) == "case" or g.tag_ == "POS" for g in children(c)):
            continue
        end = max(t.i for t in c.subtree if t.i < tok.i and not t.is_punct)
        if tok.doc[end + 1].text == ",":  # the name is set off by a comma: an apposition
            return c
    return None


def _named_by(tok: Token) -> Token | None:
    """"what they call the Nazi Azov Battalion" -> the naming verb's name phrase."""
    if tok.lower_ != "what":
        return None
    verbs = [tok.head] if lemma_in(tok.head, NAMING_VERBS) else []
    verbs += [c for c in tok.children if lemma_in(c, NAMING_VERBS)]
    for v in verbs:
        for c in v.children:
            if c.i != tok.i and role(c) in ("xcomp", "oprd", "obj", "attr") and c.pos_ in (
                "NOUN", "PROPN"
            ):
                return c
    return None


class ArgResolver:
    """Maps argument tokens of one article to actor mentions."""

    def __init__(self, parse: Parse) -> None:
        self.parse = parse

    def resolve(self, ci: int, tok: Token, *, promote: str = "none") -> list[Arg]:
        """Actors an argument denotes, with its conjuncts and "including" members.

        ``promote``: "subject" also accepts a modifier actor ("Russian attacks" -> Russia,
        "the Starlink system" -> Starlink); "object" accepts possessors and compound names;
        "none" only direct mentions.
        """
        out: list[Arg] = []
        seen: set[str] = set()
        for t in _listed_antecedents(tok) or with_conjuncts(tok):
            for a in self._members(ci, t, promote):
                if a.key not in seen:
                    seen.add(a.key)
                    out.append(a)
        return out

    def _members(self, ci: int, t: Token, promote: str) -> list[Arg]:
        first = self.one(ci, t, promote=promote)
        out = [first] if first else []
        for prep, n in prep_args(t):
            if prep in INCLUDING_PREPS:
                out.extend(a for a in (self.one(ci, m, promote="none") for m in with_conjuncts(n))
                           if a)
        return out

    def one(self, ci: int, tok: Token, *, promote: str = "none", depth: int = 0) -> Arg | None:
        if depth > 3:
            return None
        parse = self.parse
        m = parse.mention_at(ci, tok)
        if m is not None and m.key is not None:
            if m.label == "NORP" and m.kind == "name" and role(tok) in ("amod", "compound"):
                return self._country(m)
            if m.head == tok.i or tok.pos_ in ("PROPN", "NOUN", "PRON") or m.kind == "group":
                return _arg(m)
        c = parse.coref.get((ci, tok.i))
        if c is not None and c.key is not None:
            return _arg(c, confidence=0.85)
        fronted = _fronted_name(tok)
        if fronted is not None:
            return self.one(ci, fronted, promote=promote, depth=depth + 1)
        ante = _relcl_antecedent(tok)
        if ante is not None:
            return self.one(ci, ante, promote=promote, depth=depth + 1)
        named = _named_by(tok)
        if named is not None:
            return self.one(ci, named, promote=promote, depth=depth + 1)
        if tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM") and not tok.tag_.startswith("NN"):
            return None
        # "ISIL fighters", "the SDF forces": the organisation itself
        if tok.lower_ in GROUP_NOUNS:
            for c in name_modifiers(tok):
                cm = parse.mention_at(ci, c)
                if cm is not None and cm.key and cm.label in ("ORG", "PRODUCT"):
                    return _arg(cm, span=parse.offsets(ci, tok.doc[cm.start_tok : tok.i + 1]))
        if lemma(tok) in _NEWS and promote == "object":
            # "welcomed the news that the army had retaken the town": the army
            for c in tok.children:
                if role(c) in ("acl", "ccomp", "relcl") and any(
                        m.lower_ == "that" for m in kids(c, "mark")):
                    for sj in kids(c, "subj"):
                        a = self.one(ci, sj, promote="none", depth=depth + 1)
                        if a:
                            return Arg(a.key, a.start, a.end, 0.6, a.label)
        if lemma(tok) in PORTION_NOUNS and promote != "none":
            for prep, n in prep_args(tok):  # "a series of U.S. airstrikes" acts as the strikes
                if prep == "of":
                    return self.one(ci, n, promote=promote, depth=depth + 1)
        if (lemma(tok) in PARTITIVE_NOUNS or tok.lower_ in PARTITIVE_NOUNS
                or lemma(tok) in PLACE_NOUNS):  # "branches of X", "the city of Mosul"
            for prep, n in prep_args(tok):
                if prep == "of":
                    a = self.one(ci, n, promote="none", depth=depth + 1)
                    if a:
                        return Arg(a.key, a.start, a.end, a.confidence * 0.8, a.label)
        if promote == "none" or lemma(tok) in PERSON_NOUNS:
            return None  # "the country's president" is not the country
        owner = _stands_for_owner(tok)
        deed = lemma(tok) in _DEEDS and any(p == "of" for p, _ in prep_args(tok))
        if owner or deed:
            for c in kids(tok, "poss"):
                a = self.one(ci, c, promote="none", depth=depth + 1)
                if a:
                    return Arg(a.key, a.start, a.end, 0.7, a.label)
        if owner or deed or lemma(tok) in _CONDUCT:
            # "the recapture of the town by the army", "the latest attack by the regime",
            # "the support provided by X", "the decision of X to ..."
            done = [pa for c in tok.children if role(c) == "acl" and c.tag_ == "VBN"
                    for pa in prep_args(c)]
            for p, n in prep_args(tok) + done:
                if p == "by" or (p == "of" and (lemma(tok) in _DECISIONS
                                                or lemma(tok) in _CONDUCT)):
                    a = self.one(ci, n, promote="none", depth=depth + 1)
                    if a:
                        return Arg(a.key, a.start, a.end, 0.7, a.label)
        if lemma(tok) in _CONDUCT:
            for c in kids(tok, "poss"):  # "the regime's brutality"
                a = self.one(ci, c, promote="none", depth=depth + 1)
                if a:
                    return Arg(a.key, a.start, a.end, 0.7, a.label)
        for c in sorted(kids(tok, "compound", "amod"), key=lambda t: -t.i):
            cm = parse.mention_at(ci, c)
            if cm is None or cm.key is None:
                continue
            if cm.label == "NORP":
                if promote == "subject" or lemma(tok) in ASSET_NOUNS:
                    return self._country(cm, confidence=0.6)  # "Russian positions"
                continue
            if role(c) == "compound" or cm.label in ("ORG", "PRODUCT"):
                return _arg(cm, confidence=0.7)
        return None

    def _country(self, m: Ment, confidence: float = 0.9) -> Arg | None:
        if m.country is None:
            return None
        return Arg(m.country, m.start, m.end, confidence, "GPE")

    def mention_arg(self, m: Ment) -> Arg | None:
        return _arg(m) if m.key else None


# Nouns through which "X's N" acts for X: "Russia's army", "Musk's attempts", "ISIL's
# positions", "Moscow's invasion"; not "his death" or "ISIL's ability to defend".
_OWNED_AGENTS = GROUP_NOUNS | ORG_NOUNS | ASSET_NOUNS | frozenset({
    "attempt", "effort", "plan", "bid", "policy", "statement", "remark", "comment", "proposal",
    "offer", "decision", "action", "support", "aggression", "war", "campaign", "operation",
    "invasion", "attack", "strike", "airstrike", "offensive", "threat", "demand", "claim",
    "position",
    "stance", "approach", "move", "call", "request", "response", "behaviour", "behavior",
    "conduct", "regime", "leadership", "presence", "troops", "military",
})


# Deeds done to something, whose possessor is the doer only when the thing done to is
# named: "Iraq's liberation of Tikrit" (Iraq acts), not "Kuwait's liberation" (Kuwait is freed).
_DEEDS = frozenset({"liberation", "recapture", "retaking", "capture", "seizure", "destruction",
                    "defence", "defense", "protection", "release", "evacuation", "bombardment",
                    "bombing", "shelling", "killing", "treatment", "persecution"})
# Tidings whose "that" clause says who did something: "the news that X had ..."
_NEWS = frozenset({"news", "fact", "announcement", "report", "reports", "confirmation"})
# Choices whose "of" phrase names who made them: "the decision of the president to ..."
_DECISIONS = frozenset({"decision", "choice", "efforts", "effort", "leadership", "initiative"})
# Conduct that is its doer's: "the regime's brutality", "atrocities by the militants",
# "the savagery of the militia".
_CONDUCT = frozenset({"brutality", "savagery", "barbarity", "inhumanity", "cruelty",
                      "atrocity", "crime", "violence", "terror", "terrorism", "repression",
                      "crackdown", "abuse", "aggression", "policy", "action", "conduct",
                      "behaviour", "behavior", "leadership", "progress", "success", "victory",
                      "achievement", "scourge", "evil", "menace", "tyranny"})


def _stands_for_owner(tok: Token) -> bool:
    return lemma(tok) in _OWNED_AGENTS or tok.lower_ in _OWNED_AGENTS


def _arg(m: Ment, *, confidence: float = 1.0, span: tuple[int, int] | None = None) -> Arg:
    assert m.key is not None
    s, e = span or (m.start, m.end)
    return Arg(m.key, s, e, confidence, m.label)
