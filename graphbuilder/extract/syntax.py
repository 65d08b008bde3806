"""Dependency helpers that read UD and ClearNLP parses the same way.

Our own pipeline is trained on Universal Dependencies (nsubj, obj, obl + case,
nsubj:pass, obl:agent, nmod:poss ...); spaCy's en_core_web_* models use ClearNLP
labels (nsubj, dobj, prep + pobj, nsubjpass, agent, poss ...). Every rule in the
extractor asks the questions below instead of looking at ``dep_`` strings, so the
rules are written once for both schemes.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

# dep label (either scheme) -> role name used by the rules
_ROLE: dict[str, str] = {
    "nsubj": "subj",
    "nsubj:pass": "subjpass",
    "nsubjpass": "subjpass",
    "nsubj:outer": "subj",
    "csubj": "csubj",
    "csubj:pass": "csubj",
    "csubjpass": "csubj",
    "expl": "expl",
    "obj": "obj",
    "dobj": "obj",
    "iobj": "iobj",
    "dative": "iobj",
    "obl:agent": "agent",
    "agent": "agent",
    "obl": "obl",
    "obl:npmod": "npmod",
    "obl:tmod": "tmod",
    "nmod:tmod": "tmod",
    "nmod:npmod": "npmod",
    "npadvmod": "npmod",
    "nmod": "nmod",
    "nmod:poss": "poss",
    "poss": "poss",
    "prep": "prep",
    "pobj": "pobj",
    "pcomp": "pcomp",
    "case": "case",
    "mark": "mark",
    "acl:relcl": "relcl",
    "relcl": "relcl",
    "acl": "acl",
    "appos": "appos",
    "compound": "compound",
    "flat": "flat",
    "flat:name": "flat",
    "compound:prt": "prt",
    "prt": "prt",
    "conj": "conj",
    "cc": "cc",
    "cc:preconj": "cc",
    "preconj": "cc",
    "xcomp": "xcomp",
    "ccomp": "ccomp",
    "advcl": "advcl",
    "advcl:relcl": "advcl",
    "parataxis": "parataxis",
    "aux": "aux",
    "aux:pass": "auxpass",
    "auxpass": "auxpass",
    "cop": "cop",
    "attr": "attr",
    "acomp": "acomp",
    "oprd": "oprd",
    "neg": "neg",
    "advmod": "advmod",
    "amod": "amod",
    "det": "det",
    "det:poss": "poss",
    "det:predet": "det",
    "predet": "det",
    "nummod": "nummod",
    "quantmod": "nummod",
    "punct": "punct",
    "dep": "dep",
    "ROOT": "root",
    "root": "root",
}

NEGATORS = frozenset({"not", "n't", "never", "no", "nor", "neither"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that", "whose"})
# preposition-like words that UD attaches as "mark" to a clause ("accused X of providing")
_CLAUSE_MARKERS = frozenset({"of", "for", "by", "to", "about", "against", "from", "in", "on",
                             "with", "without", "after", "before", "over", "into"})


# role of each dependency label seen so far, by the label's hash (``Token.dep``): the
# rules ask for roles very often, and the hash needs no string from the vocabulary
_ROLE_BY_ID: dict[int, str] = {}


def role(tok: Token) -> str:
    """The scheme-independent role of ``tok`` towards its head."""
    r = _ROLE_BY_ID.get(tok.dep)
    if r is None:
        dep = tok.dep_
        r = _ROLE.get(dep)
        if r is None:
            r = _ROLE.get(dep.split(":")[0], dep)
        _ROLE_BY_ID[tok.dep] = r
    if r == "advmod" and tok.lower_ in NEGATORS:
        return "neg"
    if r == "det" and tok.lower_ == "no":
        return "neg"
    return r


def children(tok: Token) -> Iterable[Token]:
    """``tok.children``, without walking the token's subtree when it has none (most words)."""
    return tok.children if tok.n_lefts or tok.n_rights else ()


def kids(tok: Token, *roles: str) -> list[Token]:
    """Children of ``tok`` having one of ``roles``."""
    return [c for c in children(tok) if role(c) in roles]


def name_modifiers(tok: Token) -> list[Token]:
    """The compound and adjective modifiers of a noun, and a name the parse hung on a date just
    before it: in "On Sunday, May 8 G7 leaders held talks" the parser may make "G7" a
    modifier of "8"; with no comma between them, it names the leaders."""
    mods = kids(tok, "compound", "amod")
    prev = tok.doc[tok.i - 1] if tok.i > tok.sent.start else None
    if (prev is not None and prev.pos_ == "PROPN" and prev.head.i < prev.i
            and prev.head.like_num and prev not in mods):
        mods.append(prev)
    return mods


def with_conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the tokens conjoined to it ("Russia and Ukraine" -> both).

    A list the parser read as an apposition counts too: in "the UK, the Coalition and
    Iraq" the middle item is often hung on the first as ``appos``.
    """
    out = [tok]
    for c in children(tok):
        if role(c) == "conj" or listed_appos(c):
            out.extend(with_conjuncts(c))
    nxt = _list_resumed(tok)
    if nxt is not None:
        out.extend(with_conjuncts(nxt))
    return out


# roles under which a parse re-hangs the rest of a list of names on the list's verb
_RESUMING = frozenset({"obl", "obj", "nmod", "dep", "appos", "npadvmod"})


def _list_resumed(tok: Token) -> Token | None:
    """"include Australia, ..., Jordan, the Netherlands, the UK and the US": the parse broke
    the list after Jordan and hung "the Netherlands" (with the rest) on the verb. A name right
    after the comma that ends a list of names, with no preposition of its own, goes on with it.
    """
    if tok.pos_ != "PROPN" or tok.head.i == tok.i or not any(
            role(c) == "conj" for c in children(tok)):
        return None
    doc, end = tok.doc, tok.right_edge.i
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return None
    for sib in children(tok.head):
        if sib.i > end and sib.left_edge.i in (end + 1, end + 2):  # its comma, or the next
            if sib.pos_ == "PROPN" and role(sib) in _RESUMING and not kids(sib, "case", "mark"):
                return sib
            return None
    return None


def listed_appos(tok: Token) -> bool:
    """An ``appos`` that is really an item of a list: a name after a comma, followed directly
    by "and" or hung on a name that heads a list."""
    if role(tok) != "appos" or tok.i < tok.head.i or tok.pos_ != "PROPN":
        return False
    doc = tok.doc
    first, nxt = tok.left_edge.i, tok.right_edge.i + 1
    comma_before = doc[first].text == "," or (first > 0 and doc[first - 1].text == ",")
    if not comma_before:
        return False
    if nxt < len(doc) and doc[nxt].lower_ in ("and", "or"):
        return True
    # one name among a list of names: "Chile, Peru, [the Netherlands], the UK and the US",
    # or the middle of three: "The UK, [the Coalition] and the Government of Iraq"
    return tok.head.pos_ == "PROPN" and any(
        role(c) == "conj" for c in (*children(tok.head), *children(tok)))




def particle(verb: Token) -> str | None:
    prt = kids(verb, "prt")
    return prt[0].lower_ if prt else None


def lemma(tok: Token) -> str:
    """Lower-case lemma, falling back to the word when the lemmatizer left it empty."""
    return (tok.lemma_ or tok.text).lower()


# Past forms a suffix rule cannot undo, for the verbs news reports use most.
IRREGULAR: dict[str, str] = {
    "fought": "fight", "struck": "strike", "stricken": "strike", "held": "hold", "met": "meet",
    "sent": "send", "gave": "give", "given": "give", "took": "take", "taken": "take",
    "brought": "bring", "led": "lead", "won": "win", "beat": "beat", "beaten": "beat",
    "shot": "shoot", "hit": "hit", "bought": "buy", "sold": "sell", "told": "tell",
    "said": "say", "spoke": "speak", "spoken": "speak", "wrote": "write", "written": "write",
    "thought": "think", "sought": "seek", "caught": "catch", "threw": "throw",
    "thrown": "throw", "drove": "drive", "driven": "drive", "broke": "break",
    "broken": "break", "chose": "choose", "chosen": "choose", "forbade": "forbid",
    "forgave": "forgive", "forgiven": "forgive", "froze": "freeze", "frozen": "freeze",
    "overran": "overrun", "overtook": "overtake", "undertook": "undertake", "withdrew":
    "withdraw", "withdrawn": "withdraw", "swore": "swear", "sworn": "swear", "lent": "lend",
    "paid": "pay", "laid": "lay", "kept": "keep", "left": "leave", "lost": "lose",
    "made": "make", "ran": "run", "rose": "rise", "saw": "see", "seen": "see",
    "stood": "stand", "understood": "understand", "shook": "shake", "slew": "slay",
    "slain": "slay", "bore": "bear", "borne": "bear", "bade": "bid", "flew": "fly",
    "flown": "fly", "blew": "blow", "blown": "blow", "began": "begin", "begun": "begin",
    "fled": "flee", "bled": "bleed", "fed": "feed", "sped": "speed", "spun": "spin",
    "stole": "steal", "stolen": "steal", "went": "go", "gone": "go", "came": "come",
    "became": "become", "did": "do", "done": "do", "had": "have", "was": "be", "were": "be",
}


def lemma_in(tok: Token, words: frozenset[str] | set[str]) -> bool:
    """Whether any lemma candidate of ``tok`` is one of ``words``."""
    return any(c in words for c in _candidates(lemma(tok), tok.lower_))


def lemma_candidates(tok: Token) -> list[str]:
    """The lemma, then base forms guessed from the word itself ("accused" -> accuse).

    A statistical lemmatizer sometimes cuts a word wrong ("accus"); the rules look a word
    up under each candidate in turn.
    """
    return list(_candidates(lemma(tok), tok.lower_))


@lru_cache(maxsize=1 << 15)
def _candidates(lem: str, w: str) -> tuple[str, ...]:
    out = [lem]
    guesses: list[str] = [w]
    if w in IRREGULAR:
        guesses.insert(0, IRREGULAR[w])
    if w.endswith("ied") or w.endswith("ies"):
        guesses.append(w[:-3] + "y")
    for suffix in ("ing", "ed", "es", "s", "d"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            stem = w[: -len(suffix)]
            guesses += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                guesses.append(stem[:-1])  # "planned" -> plan
    if w.endswith("ying"):
        guesses.append(w[:-4] + "ie")  # "lying" -> lie
    for g in guesses:
        if g not in out:
            out.append(g)
    return tuple(out)


def phrasal_lemma(verb: Token) -> str:
    """Verb lemma with its particle: "take over", "turn down"."""
    p = particle(verb)
    return f"{lemma(verb)} {p}" if p else lemma(verb)


_TITLED_PREPS = frozenset({"near", "in", "at", "outside", "inside", "around", "across"})


def _case_words(noun: Token) -> str | None:
    """UD: the preposition(s) attached to an oblique/nominal modifier ("according to")."""
    cases = [c for c in children(noun) if role(c) == "case" and c.i < noun.i and c.tag_ != "POS"]
    if not cases:  # parsers sometimes hang the preposition on a modifier: "with [President] X"
        for mod in children(noun):
            if role(mod) in ("compound", "amod", "flat", "det") and mod.i < noun.i:
                cases += [c for c in children(mod) if role(c) == "case" and c.tag_ != "POS"
                          and c.i < mod.i]
    if not cases:
        # a sentence-initial "Near Rawah" tagged as part of the name
        first = min(noun.subtree, key=lambda t: t.i)
        if first.i < noun.i and first.is_title and first.lower_ in _TITLED_PREPS:
            return first.lower_
        return None
    return " ".join(c.lower_ for c in sorted(cases, key=lambda t: t.i))


# prep_args of the tokens asked about so far, per Doc, as (preposition, token index): the
# rules ask it of every word, several times over
_PREP_ARGS: WeakKeyDictionary[Doc, dict[int, list[tuple[str, int]]]] = WeakKeyDictionary()


def prep_args(head: Token) -> list[tuple[str, Token]]:
    """Prepositional arguments of a verb or noun as (preposition, noun) pairs.

    The passive agent comes back as ("by", noun). Conjoined objects are included:
    "talks with Biden and Macron" gives two pairs.
    """
    if not (head.n_lefts or head.n_rights):
        return []
    doc = head.doc
    memo = _PREP_ARGS.get(doc)
    if memo is None:
        memo = _PREP_ARGS[doc] = {}
    found = memo.get(head.i)
    if found is None:
        found = memo[head.i] = [(p, n.i) for p, n in _prep_args(head)]
    return [(p, doc[i]) for p, i in found]


def _two_phrases(noun: Token) -> list[tuple[str, Token]]:
    """"an agreement with Turkey on grain exports" parsed as one phrase "with Turkey on
    exports", "Turkey" a compound of "exports": a name between two prepositions heads the
    first phrase."""
    cases = sorted((c for c in children(noun) if role(c) == "case" and c.i < noun.i
                    and c.tag_ != "POS"), key=lambda t: t.i)
    if len(cases) < 2:
        return []
    names = [m for m in children(noun) if m.pos_ == "PROPN" and cases[0].i < m.i < cases[1].i
             and role(m) in ("compound", "flat", "nmod", "amod")]
    if not names:
        return []
    rest = " ".join(c.lower_ for c in cases[1:])
    return [(cases[0].lower_, names[0]), (rest, noun)]


def _prep_args(head: Token) -> list[tuple[str, Token]]:
    out: list[tuple[str, Token]] = []
    for c in children(head):
        r = role(c)
        if r in ("obl", "nmod", "agent") and c.dep_ != "nmod:poss":
            split = _two_phrases(c)
            if split:
                out.extend(split)
                continue
            prep = _case_words(c) or ("by" if r == "agent" else None)
            if prep is None:
                continue
            out.extend((prep, n) for n in with_conjuncts(c))
        elif r in ("prep", "agent") and c.pos_ in ("ADP", "SCONJ", "ADV", "VERB", "ADJ"):
            word = c.lower_
            for p in children(c):
                pr = role(p)
                if pr == "pobj":
                    out.extend((word, n) for n in with_conjuncts(p))
                elif pr == "prep":  # "according to X", "out of X"
                    for q in kids(p, "pobj"):
                        out.extend((f"{word} {p.lower_}", n) for n in with_conjuncts(q))
    return out


def prep_clauses(head: Token) -> list[tuple[str, Token]]:
    """Clauses introduced by a preposition: "accused Musk of providing" -> ("of", providing)."""
    out: list[tuple[str, Token]] = []
    for c in children(head):
        r = role(c)
        if r in ("advcl", "acl", "xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
            marks = [m.lower_ for m in kids(c, "mark") if m.lower_ in _CLAUSE_MARKERS]
            if marks and marks[0] != "to" and c.tag_ == "VBG":
                out.append((marks[0], c))
        elif r == "prep":
            out.extend((c.lower_, p) for p in kids(c, "pcomp") if p.pos_ in ("VERB", "AUX"))
    return out


def is_passive(verb: Token) -> bool:
    """True for passive clauses, including reduced relatives ("information provided by X")."""
    deps = [(c, role(c)) for c in children(verb)]
    if any(r in ("subjpass", "auxpass") for _, r in deps):
        return True
    vbn = verb.tag_ == "VBN" and not is_finite(verb)
    if vbn and role(verb) == "acl":
        return not main_verb_hung_on_subject(verb) and subject_before_aside(verb) is None
    if any(r == "agent" for _, r in deps):
        return True
    # "was hit by X": an oblique "by" phrase of a past participle after "be"
    return vbn and any(r == "aux" and c.lemma_ == "be" for c, r in deps) and any(
        r == "obl" and _case_words(c) == "by" for c, r in deps)


def is_finite(verb: Token) -> bool:
    """A finite verb by its tag or, where the tagger says participle ("held" as VBN), by the
    morphologizer: the two heads disagree most on past forms, and a finite verb under a noun
    is a clause the parse hung there, never a reduced relative."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") or "Fin" in verb.morph.get("VerbForm")


def main_verb_hung_on_subject(verb: Token) -> bool:
    """"Dmitry Rogozin, the head of X, accused Musk ...": the parse made the subject the root
    and the sentence's verb a participle modifying it. A reduced relative ("the aid provided
    by X") has no object of its own; this verb has one, and its head is the root noun."""
    head = verb.head
    return (role(verb) == "acl" and verb.tag_ in ("VBN", "VBD") and head.head.i == head.i
            and head.pos_ in ("PROPN", "NOUN") and verb.i > head.i
            and bool(kids(verb, "obj")) and not kids(verb, "mark", "aux", "subj"))


# Marks that set off an aside ("X - who ... - accused Y", "X, who ..., accused Y") and the
# relative pronouns that open one
_ASIDE_MARKS = frozenset({"-", "–", "—", ","})
_ASIDE_RELATIVES = frozenset({"who", "which"})


def subject_before_aside(verb: Token) -> Token | None:
    """"Rogozin - who yesterday boasted that ... - accused Musk of ...": after a relative aside
    set off by dashes or commas, parsers lose the sentence's verb: they hang "accused" on
    "Musk" as a modifier, on the aside's last noun as a clause, or on the aside's verb as a
    conjunct. A finite or past form right after the aside's closing mark is the main verb,
    and its subject is the phrase before the aside. Returns the head of that phrase, or None
    (also when the verb has a subject or an auxiliary of its own)."""
    doc = verb.doc
    if verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP") or verb.i < 4 or kids(
            verb, "subj", "subjpass", "aux", "auxpass", "mark"):
        return None
    if role(verb) == "amod" and (verb.head.i != verb.i + 1 or not _is_name(verb.head)):
        return None  # "the accused man": a modifier inside a noun phrase
    close = doc[verb.i - 1]
    if close.text not in _ASIDE_MARKS:
        return None
    for k in range(verb.i - 3, verb.sent.start, -1):
        if doc[k].text != close.text:
            continue
        noun = doc[k - 1]
        if doc[k + 1].lower_ not in _ASIDE_RELATIVES or noun.pos_ not in ("PROPN", "NOUN"):
            return None  # another aside or a list: not this structure
        # up to the head of its phrase: "Dmitry [Rogozin]", "officials in [Kyiv]"
        while role(noun) in ("flat", "compound", "nmod", "fixed") and noun.head.i != noun.i and (
                noun.head.i < k and noun.head.pos_ in ("PROPN", "NOUN")):
            noun = noun.head
        return noun
    return None


def _is_name(token: Token) -> bool:
    """A proper noun, or a word of a named entity the tagger read as a common noun."""
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")


def agents(verb: Token) -> list[Token]:
    """The by-phrase of a passive verb."""
    out = []
    for c in children(verb):
        r = role(c)
        if r == "agent":
            if c.pos_ in ("ADP",) or c.lower_ == "by":
                for p in kids(c, "pobj"):
                    out.extend(with_conjuncts(p))
            else:
                out.extend(with_conjuncts(c))
        elif r == "obl" and _case_words(c) == "by" and is_passive(verb):
            out.extend(with_conjuncts(c))
    return out


def is_negated(tok: Token) -> bool:
    return any(role(c) == "neg" for c in children(tok))


def copular_head(subject: Token) -> Token | None:
    """The predicate nominal of a copular clause, for "X is the head of Y" (both schemes)."""
    head = subject.head
    if role(subject) != "subj":
        return None
    if head.pos_ in ("NOUN", "PROPN") and kids(head, "cop"):
        return head
    if head.lemma_ == "be":
        attrs = kids(head, "attr")
        return attrs[0] if attrs else None
    return None


def np_tokens(tok: Token) -> list[Token]:
    """The noun phrase headed by ``tok``, without clauses, appositions and conjuncts."""
    stop = {"relcl", "acl", "appos", "conj", "cc", "punct", "parataxis", "advcl", "ccomp",
            "mark"}
    out = [tok]

    def keep(c: Token) -> bool:
        # UD hangs the preposition under its noun: "of" in "head of X" is not part of X
        return role(c) not in stop and not (role(c) == "case" and c.tag_ != "POS" and c.i < tok.i)

    stack = [c for c in children(tok) if keep(c)]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in children(t) if role(c) not in stop)
    return sorted(out, key=lambda t: t.i)


def np_span(tok: Token) -> Span:
    """Contiguous span of :func:`np_tokens` (gaps filled)."""
    toks = np_tokens(tok)
    return tok.doc[toks[0].i : toks[-1].i + 1]

