"""Negation, hedging and attribution of facts.

From the trigger word the rules climb the dependency tree towards the sentence root:

* negated: "did not accuse", "refused to meet", "denied that ..."
* hedged: modals ("could destroy"), attempts and plans ("is trying to buy", "Musk's
  attempts to buy"), conditions ("if ..."), hedging adverbs ("reportedly")
* attributed: the fact sits in what someone says, claims or alleges ("accused Musk of
  providing ...", "Rogozin said ...", "according to X"); ``speaker`` is who says it.

The climb stops at a subject: what is inside a subject is not governed by the verb.
Coordinated verbs are siblings, so "accused X and criticized Y" attributes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from graphbuilder.extract.args import Arg, ArgResolver
from graphbuilder.extract.document import Cand
from graphbuilder.extract.lexicon import (
    CONDITIONAL_MARKS,
    HEDGE_ADVERBS,
    HEDGE_NOUNS,
    HEDGE_VERBS,
    MODALS,
    SPEECH_VERBS,
)
from graphbuilder.extract.relations import logical_subjects
from graphbuilder.extract.syntax import is_negated, kids, lemma, lemma_in, prep_args, role

NEGATING_VERBS = frozenset({"refuse", "fail", "deny", "decline", "reject"})
# "accused Musk of supplying ...": the clause hangs off the object, and is still the claim
ACCUSING_VERBS = frozenset({"accuse", "blame", "charge", "suspect", "indict"})
# roles through which a governing word's modality, speech or negation reaches down
_GOVERNED = frozenset({"ccomp", "xcomp", "advcl", "acl", "pcomp", "prep", "pobj", "obl", "nmod",
                       "parataxis", "mark", "obj", "conj"})
_STOP = frozenset({"subj", "subjpass", "csubj", "appos", "relcl", "root"})


@dataclass
class Flags:
    negated: bool = False
    hedged: bool = False
    speech: Token | None = None


def _own(tok: Token) -> tuple[bool, bool]:
    """(negated, hedged) from the word's own dependents."""
    neg = is_negated(tok)
    hedged = any(c.lower_ in MODALS for c in kids(tok, "aux", "auxpass"))
    hedged = hedged or any(c.lower_ in HEDGE_ADVERBS for c in kids(tok, "advmod"))
    hedged = hedged or any(c.lower_ in CONDITIONAL_MARKS for c in kids(tok, "mark"))
    return neg, hedged


def analyse(trigger: Token) -> Flags:
    f = Flags()
    f.negated, f.hedged = _own(trigger)
    i = trigger.i
    if i >= 2 and trigger.doc[i - 1].lower_ == "to":  # "attempts to buy", "trying to buy"
        prev = trigger.doc[i - 2]
        if lemma_in(prev, HEDGE_NOUNS | HEDGE_VERBS):
            f.hedged = True
    cur = trigger
    for _ in range(12):
        r = role(cur)
        head = cur.head
        if head.i == cur.i or r in _STOP:
            break
        if r not in _GOVERNED:
            break
        if r == "conj":  # a sibling act: inherit its modality, not its content
            neg, hedged = _own(head)
            f.hedged = f.hedged or hedged
            cur = head
            continue
        hl = lemma(head)
        if head.pos_ in ("VERB", "AUX") and lemma_in(head, SPEECH_VERBS) and (
                r != "obj" or lemma_in(head, ACCUSING_VERBS)):
            f.speech = head
            if is_negated(head) or hl == "deny":
                f.negated = f.negated or hl == "deny"
                f.hedged = True
            break
        if r == "obj":  # "mocked the idea that ..." is not a statement of the idea
            cur = head
            continue
        neg, hedged = _own(head)
        if lemma_in(head, HEDGE_VERBS | HEDGE_NOUNS):
            f.hedged = True
        if lemma_in(head, NEGATING_VERBS):
            f.negated = True
        if r == "xcomp":
            f.negated = f.negated or neg
            f.hedged = f.hedged or hedged
        elif r in ("acl", "advcl", "pcomp", "prep", "pobj", "obl") and hedged:
            f.hedged = True
        cur = head
    if f.speech is None:
        f.speech = _sentence_reporter(trigger)
    return f


def _sentence_reporter(trigger: Token) -> Token | None:
    """`"...," he said.` parsed with "said" hanging off the quote's root (parataxis)."""
    root = trigger.sent.root
    if trigger.i == root.i:
        return None
    for c in root.children:
        if role(c) in ("parataxis", "ccomp") and lemma_in(c, SPEECH_VERBS) and c.i > trigger.i:
            if trigger not in c.subtree and kids(c, "subj"):
                return c
    return None


def _according_to(trigger: Token) -> Token | None:
    for tok in [trigger, *trigger.ancestors]:
        for prep, n in prep_args(tok):
            if prep in ("according to", "according"):
                return n
    return None


# Facts read off a noun phrase describe the actors; the clause around them does not make
# them claims ("Musk tweeted information from Rogozin, head of Roscosmos").
_DESCRIPTIVE_RULES = frozenset({"title", "apposition", "alias", "possession", "place",
                                "including"})


def apply(cands: list[Cand], args: ArgResolver) -> None:
    """Set negated/hedged/speaker on every candidate fact."""
    for c in cands:
        if c.rule in _DESCRIPTIVE_RULES:
            continue
        f = analyse(c.trigger)
        c.negated = c.negated or f.negated
        c.hedged = c.hedged or f.hedged
        if c.speaker is not None:
            continue
        speaker: Arg | None = None
        if f.speech is not None:
            c.speech = f.speech
            for s in logical_subjects(f.speech):
                found = args.resolve(c.chunk, s, promote="none")
                if found:
                    speaker = found[0]
                    break
        else:
            src = _according_to(c.trigger)
            if src is not None:
                found = args.resolve(c.chunk, src, promote="subject")
                speaker = found[0] if found else None
        c.speaker = speaker  # a claim about oneself is still a claim
