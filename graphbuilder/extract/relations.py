"""Facts expressed by verbs: "Rogozin accused Musk", "Musk has been threatened by ...".

For every verb the rules work out its logical subject and object (passive turned the
right way round; subjects understood from a controlling verb, a relative pronoun or a
coordinated verb), then look the verb up in the ontology: light verbs ("held talks
with"), verb + preposition ("feuding with"), then the bare lemma.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from graphbuilder.extract.args import Arg, ArgResolver
from graphbuilder.extract.cameo import CameoVerbs
from graphbuilder.extract.document import Cand, Parse
from graphbuilder.extract.lexicon import (
    ATTITUDES,
    HEDGE_NOUNS,
    HEDGE_VERBS,
    INCLUDING_PREPS,
    LIGHT_VERBS,
    NAMING_VERBS,
    OBJECT_CONTROL,
    PORTION_NOUNS,
)
from graphbuilder.extract.syntax import (
    agents,
    is_finite,
    is_passive,
    kids,
    lemma,
    lemma_candidates,
    lemma_in,
    main_verb_hung_on_subject,
    particle,
    prep_args,
    role,
    subject_before_aside,
    with_conjuncts,
)
from graphbuilder.ontology import Ontology

_VERBAL = ("VERB", "AUX")
_CONTROLLED = ("xcomp", "advcl", "ccomp", "pcomp", "acl", "relcl")
# prepositions that introduce the target of an event noun ("strikes against ISIL")
TARGET_PREPS = frozenset({"against", "on", "upon", "with", "to", "at", "into", "toward",
                          "towards"})


# Head words of places things are taken from ("Bagram Air Base", "the fuel depot")
_SITE_WORDS = frozenset({"base", "airbase", "airfield", "field", "airport", "depot", "port",
                         "camp", "complex", "facility", "building", "compound", "station",
                         "dam", "bridge", "warehouse", "storehouse", "arsenal", "barracks"})


# Undergoing hostile fire: "came under fire from X", "took mortar fire from X"
_UNDERGOING = frozenset({"receive", "take", "come", "face", "suffer", "endure"})
_HOSTILE_FIRE = frozenset({"fire", "attack", "shelling", "bombardment", "strike", "barrage",
                           "gunfire", "assault"})
# Verbs two parties do together whatever their object: "X and Y discussed the war"
_DISCUSSING = frozenset({"discuss", "debate", "review"})
# Verbs of taking part with someone: "joined X for talks" (an event), else membership
_JOINING = frozenset({"join", "accompany"})
# A will or a resolve is its holder's: "the resolve of X in its determination to ..."
_RESOLVE_NOUNS = frozenset({"resolve", "determination", "commitment", "will", "unity",
                            "courage", "resilience", "morale"})


def _expand(toks: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in toks:
        out.extend(x for x in with_conjuncts(t) if x not in out)
    return out


def surface_subjects(verb: Token) -> list[Token]:
    found = kids(verb, "subj", "subjpass", "csubj")
    return _expand(_names_read_as_dates(verb, found) + found)


# labels of a bare noun phrase hung on a verb as a time or measure ("Monday", "last year")
_BARE_NP = frozenset({"obl:unmarked", "obl:tmod", "obl:npmod", "npadvmod", "nmod:tmod"})


def _names_read_as_dates(verb: Token, subjects: list[Token]) -> list[Token]:
    """"Theresa May and President Macron discussed ...": the parse read "Theresa May" as a
    date on the verb. A name the NER calls an actor, hung on the verb as a bare time phrase
    and joined to the subject by "and", is one of the subjects."""
    if not subjects:
        return []
    first = min(s.left_edge.i for s in subjects)
    out = []
    for c in verb.children:
        if (c.i < first and c.dep_ in _BARE_NP and c.pos_ == "PROPN"
                and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                and any(t.lower_ in ("and", "&") for t in c.doc[c.right_edge.i + 1 : first + 1])):
            out.append(c)
    return out


def controller(verb: Token, depth: int = 0) -> list[Token]:
    """The understood subject of a verb that has none of its own.

    "took to Twitter to thank X" -> subject of took; "accused Musk of providing" ->
    Musk (object control); "Musk's attempts to buy" -> Musk; "Musk, who is in the
    process of trying to buy" -> who (-> Musk); coordinated verbs share the subject.
    """
    if depth > 6:
        return []
    surface = _surface_controller(verb, depth)
    if surface is not None:
        return surface
    before_aside = subject_before_aside(verb)
    if before_aside is not None:
        return [before_aside]  # "Rogozin - who ... - accused Musk", whatever the parse did
    if verb.head.i == verb.i:
        # "In support of the ISF[,] Coalition aircraft conducted ...": the subject was taken
        # into the fronted phrase
        fronted = _noun_before(verb)
        return [fronted] if fronted is not None else []
    r, head = role(verb), verb.head
    fronted = _noun_before(verb) if r in _SUBJECTLESS_FINITE else None
    if fronted is not None:
        return [fronted]
    if r == "conj":
        if head.pos_ in _VERBAL or head.pos_ == "ADJ":
            return logical_subjects(head, depth + 1) if not is_passive(head) else surface_subjects(
                head) or controller(head, depth + 1)
        if head.pos_ in ("PROPN", "NOUN", "PRON") and verb.tag_ in ("VBD", "VBZ", "VBP", "VBN"):
            return [head]  # "Dmitry Rogozin, the head of ..., accused Musk": the parse made
        return []          # the subject the root and the verb its conjunct
    if r == "pcomp":  # ClearNLP: accused [of] providing
        head = head.head
    elif r in ("obl", "nmod", "obj", "dep") and any(m.lower_ == "to" for m in kids(verb, "mark")):
        r = "advcl"  # a purpose infinitive the parser took for a noun ("working ... to defeat")
    elif r not in _CONTROLLED:
        return []
    if r == "acl" and (verb.tag_ == "VBG" or is_finite(verb) or main_verb_hung_on_subject(
            verb)) and not kids(verb, "mark", "aux"):
        return [head]  # "forces operating in the north"; "leaders [who] held talks"
    if head.pos_ in _VERBAL or head.pos_ == "ADJ":
        # "accused Musk of arming", "invited Scholz to visit": the object;
        # "took to Twitter to thank": the subject
        if lemma_in(head, OBJECT_CONTROL) and not is_passive(head):
            objs = _expand(kids(head, "obj"))
            if objs:
                return objs
        subj = surface_subjects(head)
        return subj if subj else controller(head, depth + 1)
    if head.pos_ in ("NOUN", "PROPN"):
        poss = kids(head, "poss")
        if poss:
            return _pronoun_owner(head, poss)
        subj = kids(head, "subj")  # copular predicate: "who is in the process of trying"
        if subj:
            return _expand(subj)
        gov = head.head
        while gov.pos_ == "ADP" and gov.head.i != gov.i:
            gov = gov.head
        if gov.i != head.i and (gov.pos_ in _VERBAL or gov.pos_ == "ADJ"):
            marks = {m.lower_ for m in kids(verb, "mark")}
            objs = _expand(kids(gov, "obj"))
            if marks & {"of", "for", "from"} and lemma_in(gov, OBJECT_CONTROL) and objs and (
                    head.i not in {o.i for o in objs}):
                return objs  # "accused Musk on Sunday of supplying": misattached to "Sunday"
            subj = surface_subjects(gov)
            return subj if subj else controller(gov, depth + 1)
    return []


# Roles under which a past or present-tense verb with no subject of its own is a parse error:
# "Reported by X, on Sunday G7 leaders held talks" hangs "held" on "Reported" as xcomp.
_SUBJECTLESS_FINITE = frozenset({"xcomp", "advcl", "parataxis", "ccomp", "dep"})


def _noun_before(verb: Token) -> Token | None:
    """The noun phrase ending right before a finite verb that the parse left subjectless."""
    if verb.tag_ not in ("VBD", "VBZ") or kids(verb, "mark", "aux", "subj", "subjpass", "expl"):
        return None
    if verb.i == 0:
        return None
    tok = verb.doc[verb.i - 1]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.head.i == verb.i:
        return None
    # up to the head of its phrase ("leaders including [Biden]"), not into a list or a phrase
    # it is an item of ("in support of the ISF, [Coalition aircraft]")
    while (tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i < verb.i
           and role(tok) in ("flat", "compound", "nmod", "amod", "fixed")):
        tok = tok.head
    return tok


def _pronoun_owner(noun: Token, poss: list[Token]) -> list[Token]:
    """"helped the army in its efforts to defeat X": "its" is the one helped.

    An attempt noun in an "in" phrase of a verb with an object belongs to that object,
    whatever a nearest-antecedent reading of the pronoun would say.
    """
    if poss[0].pos_ != "PRON" or poss[0].lower_ not in ("its", "their"):
        return poss
    verb = noun.head
    if role(noun) in ("obl", "nmod") and verb.pos_ == "VERB" and any(
            c.lower_ == "in" for c in kids(noun, "case")):
        objs = _expand(kids(verb, "obj"))
        if objs and all(o.i < noun.i for o in objs):
            # "stiffened the resolve of the union in its determination": the union's
            return [n for o in objs for n in (
                [a for p, a in prep_args(o) if p == "of"] if lemma(o) in _RESOLVE_NOUNS else [o])]
    return poss


def _surface_controller(verb: Token, depth: int) -> list[Token] | None:
    """"trying to buy", "attempts to buy" read off the words, whatever the parser attached.

    An infinitive right after a verb or an attempt/plan noun belongs to that word; parsers
    often hang it elsewhere, which would give the infinitive the wrong subject.
    """
    doc = verb.doc
    prep = [m for m in kids(verb, "mark") if m.lower_ in ("of", "for", "from")
            and m.i == verb.i - 1 and verb.tag_ == "VBG"]
    if prep and prep[0].i >= 2:
        # "accused Musk of providing": the object of the accusing verb before the name
        noun = doc[prep[0].i - 1]
        j = noun.i - 1
        while j > 0 and doc[j].pos_ in ("PROPN", "DET", "ADJ") and doc[j].lemma_ not in (
                OBJECT_CONTROL):
            j -= 1  # over the rest of the name: "accused [the] Elon Musk of"
        if noun.pos_ in ("PROPN", "NOUN", "PRON") and lemma_in(doc[j], OBJECT_CONTROL) and (
                doc[j].pos_ in ("VERB", "ADJ")):
            return [noun]
    marks = [m for m in kids(verb, "mark") if m.lower_ == "to" and m.i == verb.i - 1]
    if not marks or marks[0].i == 0:
        return None
    prev = verb.doc[marks[0].i - 1]
    if prev.i == verb.head.i and role(verb) in ("xcomp", "acl"):
        return None  # the parse already says so
    if prev.pos_ == "VERB" and lemma_in(prev, HEDGE_VERBS):
        subj = surface_subjects(prev)
        return subj if subj else controller(prev, depth + 1)
    if prev.pos_ == "NOUN" and lemma(prev) in HEDGE_NOUNS:
        poss = kids(prev, "poss")
        if poss:
            return _pronoun_owner(prev, poss)
    return None


def deep_targets(verb: Token, noun: Token) -> list[Token]:
    """"against"/"on" phrases below the event noun or the verb, not inside another clause
    with a subject of its own."""
    out: list[Token] = []
    stack = list(noun.children) + [c for c in verb.children if c.i != noun.i]
    while stack:
        t = stack.pop()
        if role(t) in ("subj", "subjpass", "ccomp", "parataxis", "relcl") or kids(t, "subj"):
            continue
        for p, n in prep_args(t):
            if p in ("against", "on", "upon"):
                out.append(n)
        stack.extend(t.children)
    return sorted(out, key=lambda t: t.i)


def _followed_by_name(objs: list[Token]) -> bool:
    """"called Musk a little devil": a second noun phrase right after the object."""
    for o in objs:
        nxt = o.i + 1
        if nxt < len(o.doc) and o.doc[nxt].lower_ in ("a", "an", '"', "'", "“", "‘"):
            return True
    return False


def logical_subjects(verb: Token, depth: int = 0) -> list[Token]:
    if is_passive(verb):
        return agents(verb)
    found = kids(verb, "subj", "csubj")
    subj = _expand(_names_read_as_dates(verb, found) + found)
    return subj if subj else controller(verb, depth)


def logical_objects(verb: Token) -> list[Token]:
    if is_passive(verb):
        pas = _expand(kids(verb, "subjpass"))
        if pas:
            return pas
        if role(verb) == "acl":
            return [verb.head]  # "information provided by Rogozin"
        if role(verb) == "conj" and is_passive(verb.head):
            return logical_objects(verb.head)
        return []
    objs = kids(verb, "obj")
    if lemma_in(verb, NAMING_VERBS) and (kids(verb, "oprd", "xcomp") or len(objs) > 1 or any(
            o.lower_ in ("what", "which", "whom") for o in objs) or verb.head.lower_ == "what"
            or _followed_by_name(objs)):
        return []  # "called him a devil", "what they call X": naming, not a phone call
    if not objs and role(verb) == "amod" and verb.head.i > verb.i and (
            kids(verb, "subj") or subject_before_aside(verb) is not None):
        # "Microsoft acquired Activision" parsed as a noun phrase "acquired Activision" with
        # the subject hung on its modifier, or "X - who ... - accused Musk": the noun is the
        # object
        objs = [verb.head]
    return _expand(objs)


class VerbRules:
    """Finds verb-expressed facts in one article."""

    def __init__(self, parse: Parse, onto: Ontology, args: ArgResolver) -> None:
        self.parse = parse
        self.onto = onto
        self.args = args
        self.cameo = CameoVerbs(onto)

    def run(self) -> Iterator[Cand]:
        for ci, chunk in enumerate(self.parse.chunks):
            for tok in chunk.doc:
                if tok.lower_ in ATTITUDES:
                    yield from self.attitude(ci, tok)
                elif tok.pos_ in _VERBAL and tok.lemma_ != "be":
                    yield from self.verb(ci, tok)

    def attitude(self, ci: int, tok: Token) -> Iterator[Cand]:
        """"We are grateful for the support of X", "I am appalled by the attack by X": a
        feeling about a deed is a judgement of whoever did it (PRAISE / CRITICIZE)."""
        pred = ATTITUDES[tok.lower_]
        if pred not in self.onto:
            return
        subj = kids(tok, "subj", "subjpass")
        if not subj and role(tok) in ("acl", "amod", "appos") and tok.head.pos_ in (
                "NOUN", "PROPN", "PRON"):
            subj = [tok.head]  # "ministers, appalled by the attack, ..."
        subjects = self._resolve(ci, _expand(subj), "subject")
        if not subjects:
            return
        preps = {"by", "at", "with", "for", "of", "about", "to"}
        targets = [n for p, n in prep_args(tok) if p in preps]
        found = self._resolve(ci, targets)
        if found:
            yield from self._emit(pred, subjects, found, ci, tok, "attitude")

    def _subjects(self, ci: int, verb: Token) -> list[Arg]:
        out: list[Arg] = []
        for s in logical_subjects(verb):
            out.extend(self.args.resolve(ci, s, promote="subject"))
            # "G7 leaders including Joe Biden held talks": a parser that makes Biden the
            # subject leaves "including" as his preposition; the set before it acts too
            for c in s.children:
                if role(c) == "case" and c.lower_ in INCLUDING_PREPS and c.i > 0:
                    prev = s.doc[c.i - 1]
                    if prev.pos_ in ("NOUN", "PROPN"):
                        out.extend(a for a in self.args.resolve(ci, prev, promote="subject")
                                   if a not in out)
        return out

    def _resolve(self, ci: int, toks: list[Token], promote: str = "object") -> list[Arg]:
        out: list[Arg] = []
        for t in toks:
            out.extend(a for a in self.args.resolve(ci, t, promote=promote) if a not in out)
        return out

    def verb(self, ci: int, verb: Token) -> Iterator[Cand]:
        onto = self.onto
        bases = lemma_candidates(verb)
        prt = particle(verb)
        names = [f"{b} {prt}" for b in bases] + bases if prt else bases

        def by_lemma(table: dict[str, str]) -> str | None:
            return next((table[n] for n in names if n in table), None)

        def by_prep(prep: str) -> str | None:
            return next((onto.by_prep[(n, prep)] for n in names if (n, prep) in onto.by_prep),
                        None)

        preps = prep_args(verb)
        subjects = self._subjects(ci, verb)
        if is_passive(verb):
            # "was assigned to X", "is based in X": the one assigned is the grammatical subject
            for prep, noun in preps:
                pred = by_prep(prep)
                if pred is not None and onto[pred].structural:
                    surface = self._resolve(ci, _expand(kids(verb, "subjpass")), "subject")
                    found = self._resolve(ci, [noun])
                    if surface and found:
                        yield from self._emit(pred, surface, found, ci, verb, "prep")
                        return
        if not subjects and is_passive(verb):
            yield from self._delivered(ci, verb, preps, by_prep)
            return
        if not subjects:
            return
        objs = logical_objects(verb)
        if len(subjects) > 1 and any(b in _DISCUSSING for b in bases) and "CONSULT" in onto and (
                not any(by_prep(p) is not None for p, _ in preps)):
            # "May and Macron discussed migration": with each other, whatever the topic
            for i, s in enumerate(subjects):
                yield from self._emit("CONSULT", [s], subjects[i + 1 :], ci, verb, "verb")
            return
        if not objs and not kids(verb, "iobj") and len(subjects) > 1:
            # "The secretary and Abadi agreed", "Hamas and Fatah met": with each other
            pred = by_lemma(onto.by_lemma)
            # (a date or place phrase is fine; "met with X" names the other side itself)
            partner = any(by_prep(p) is not None for p, _ in preps)
            if pred is not None and onto[pred].symmetric and not partner:
                for i, s in enumerate(subjects):
                    yield from self._emit(pred, [s], subjects[i + 1 :], ci, verb, "verb")
                return
        # "came under fire from X", "received heavy fire from X": X attacks the subject
        if any(b in _UNDERGOING for b in bases) and "ATTACK" in onto:
            hit = [n for n in objs + [n for p, n in preps if p == "under"]
                   if lemma(n) in _HOSTILE_FIRE]
            sources = [n for h in hit for p, n in prep_args(h) + preps if p == "from"]
            found = self._resolve(ci, sources, "subject")
            if found:
                yield from self._emit("ATTACK", found, subjects, ci, verb, "undergo")
                return
        # 0. "joined X in Paris for talks": taking part with X in an event, not membership
        if any(b in _JOINING for b in bases) and objs:
            # the "for <event>" phrase may hang on a date or place before it
            window = verb.doc[verb.i + 1 : min(verb.sent.end, verb.i + 20)]
            events = [q for n in window if n.pos_ in ("NOUN", "PROPN") and any(
                c.lower_ in ("for", "in") for c in kids(n, "case"))
                for q in onto.by_noun.get(lemma(n), []) + onto.by_noun.get(n.lower_, [])
                if not onto[q].structural]
            if events:
                pred = events[0]
                found = self._resolve(ci, objs)
                if found:
                    yield from self._emit(pred, subjects, found, ci, verb, "join")
                return
            joined = self._resolve(ci, objs)
            if joined and all(a.label in ("PERSON", "GPE") for a in joined):
                return  # "joined Kerry", "joined Jordan in an exercise": no one joins as member
        # 1. light verb + event noun: "held talks with Zelensky", "carried out strikes on"
        for noun in objs:
            inner = [n for p, n in prep_args(noun) if p == "of"]
            if inner and lemma(noun) in PORTION_NOUNS:  # "held a round of talks with X"
                noun = inner[0]
            nouns = [lemma(noun), noun.lower_]
            hit = next((onto.by_light[(b, n)] for b in bases for n in nouns
                        if (b, n) in onto.by_light), None)
            noun_preps = prep_args(noun) + preps + [pa for o in objs if o.i != noun.i
                                                    for pa in prep_args(o) if pa[0] != "of"]
            text = f"{verb.text} {noun.text}"
            if hit:
                pred, want = hit
                targets = [n for p, n in noun_preps if p == want] if want else kids(verb, "iobj")
                found = self._resolve(ci, targets)
                if found:
                    yield from self._emit(pred, subjects, found, ci, verb, "light", text)
                    return
            if any(b in LIGHT_VERBS for b in bases):
                for pred in onto.by_noun.get(nouns[0], []) + onto.by_noun.get(nouns[1], []):
                    if onto[pred].structural:
                        continue
                    # "strikes against ISIL", "delivered ISIL a defeat", and "conducted 15
                    # strikes using aircraft against ISIL targets" (the PP hangs further down)
                    targets = [n for p, n in noun_preps if p in TARGET_PREPS] or kids(
                        verb, "iobj") or deep_targets(verb, noun)
                    found = self._resolve(ci, targets)
                    if found:
                        yield from self._emit(pred, subjects, found, ci, verb, "light", text)
                        return
        # 2. verb + preposition: "feuding with the billionaire", "provide services for Ukraine"
        obj_preps = [(p, n) for o in objs for p, n in prep_args(o) if p not in ("of",)]
        for prep, noun in preps + obj_preps:
            pred = by_prep(prep)
            if pred is None:
                continue
            found = self._resolve(ci, [noun])
            if prep in ("from", "of"):  # "seized tanks from the airfield": a source, no foe
                found = [] if noun.lower_ in _SITE_WORDS else [
                    a for a in found if a.label not in ("LOC", "FAC")]
            if found:
                yield from self._emit(pred, subjects, found, ci, verb, "prep")
                return
        # 3. the bare lemma: recipient (indirect object) first, then the direct object
        pred = by_lemma(onto.by_lemma)
        if lemma_in(verb, NAMING_VERBS) and (kids(verb, "oprd", "xcomp") or _followed_by_name(
                kids(verb, "obj", "iobj"))):
            return  # "called Musk a little devil": name-calling, not a phone call
        if pred is not None:
            found = self._resolve(ci, kids(verb, "iobj")) or self._resolve(ci, objs)
            if found:
                yield from self._emit(pred, subjects, found, ci, verb, "verb")
                return
        inv = by_lemma(onto.by_inverse_lemma)
        if inv is not None:  # "the coalition includes Jordan" -> Jordan MEMBER_OF coalition
            found = self._resolve(ci, objs, promote="none")
            if found:
                yield from self._emit(inv, found, subjects, ci, verb, "verb")
            return
        # 4. the wider CAMEO verb lexicon, less sure than the curated ontology
        pred = next((p for p in (self.cameo.predicate(n) for n in names) if p), None)
        if pred is not None:
            found = self._resolve(ci, kids(verb, "iobj")) or self._resolve(ci, objs)
            if found:
                for c in self._emit(pred, subjects, found, ci, verb, "cameo"):
                    c.confidence *= 0.7
                    yield c

    def _delivered(self, ci: int, verb: Token, preps: list[tuple[str, Token]],
                   by_prep: Callable[[str], str | None]) -> Iterator[Cand]:
        """"Starlink terminals had been delivered to the Azov Battalion": with no agent, what
        was handed over stands for its maker or owner (SUPPLY(Starlink, Azov Battalion))."""
        for prep, noun in preps:
            pred = by_prep(prep)
            if pred is None or (self.onto[pred].cameo or "")[:2] != "07":
                continue
            themes = self._resolve(ci, _expand(kids(verb, "subjpass")), "subject")
            found = self._resolve(ci, [noun])
            for c in self._emit(pred, themes, found, ci, verb, "theme"):
                c.confidence *= 0.6
                yield c
            return

    def _emit(self, pred: str, subjects: list[Arg], objects: list[Arg], ci: int,
              trigger: Token, rule: str, text: str | None = None) -> Iterator[Cand]:
        for s in subjects:
            for o in objects:
                if s.key != o.key:
                    yield Cand(pred, s, o, ci, trigger, min(s.confidence, o.confidence), rule,
                               trigger_text=text)
