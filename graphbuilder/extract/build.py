"""Run the extraction rules over parsed chunks and assemble the ``Extraction`` record."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from graphbuilder.extract import entities as entity_rules
from graphbuilder.extract import flags
from graphbuilder.extract.args import Arg, ArgResolver
from graphbuilder.extract.cameo import CameoVerbs
from graphbuilder.extract.coref import Coref
from graphbuilder.extract.document import Cand, Chunk, Ment, Parse, Role
from graphbuilder.extract.entities import EntInfo
from graphbuilder.extract.gaz import Gaz
from graphbuilder.extract.lexicon import AGENT_PLURALS, THREAT_SPEECH
from graphbuilder.extract.located import PlaceRules, gathering_places
from graphbuilder.extract.nominal import NominalRules
from graphbuilder.extract.relations import VerbRules
from graphbuilder.extract.syntax import lemma_candidates, lemma_in, prep_args, role
from graphbuilder.ontology import Ontology
from graphbuilder.types import Article, Entity, Extraction, Mention, Relation


def analyse(article: Article, docs: list[tuple[Doc, int]], onto: Ontology,
            gazetteer: Any | None) -> tuple[Parse, dict[str, EntInfo], ArgResolver]:
    """Mentions, entities, stated roles and coreference of one parsed article."""
    gaz = Gaz(gazetteer)
    parse = Parse(article, [Chunk(doc, offset) for doc, offset in docs])
    entity_rules.collect(parse, gaz, EventVerbs(onto))
    ents = entity_rules.cluster(parse, gaz)
    args = ArgResolver(parse)
    kinds = {k: e.kind or "" for k, e in ents.items()}
    for _ in NominalRules(parse, onto, args, kinds).run(roles_only=True):  # roles, for coref
        pass
    Coref(parse, ents, onto, gaz, args).run()
    return parse, ents, args


class EventVerbs:
    """Whether a verb expresses a fact of the ontology (its own words or the CAMEO list)."""

    def __init__(self, onto: Ontology) -> None:
        self.words = set(onto.by_lemma) | set(onto.by_inverse_lemma) | {v for v, _ in onto.by_prep}
        self.words |= {v for v, _ in onto.by_light}
        self.cameo = CameoVerbs(onto)

    def __call__(self, tok: Token) -> bool:
        return any(c in self.words or self.cameo.predicate(c) for c in lemma_candidates(tok))


def build(article: Article, docs: list[tuple[Doc, int]], onto: Ontology,
          gazetteer: Any | None) -> Extraction:
    parse, ents, args = analyse(article, docs, onto, gazetteer)
    nominal = NominalRules(parse, onto, args, {k: e.kind or "" for k, e in ents.items()})
    cands = list(VerbRules(parse, onto, args).run()) + list(nominal.run())
    event_nouns = frozenset(n for n, ps in onto.by_noun.items()
                            if any(not onto[p].structural for p in ps))
    cands += PlaceRules(parse, args, event_nouns).run()
    flags.apply(cands, args)
    cands = _threats(cands, onto)
    cands += _visits(cands, onto)
    cands += gathering_places(cands)
    cands += _fighting_together(cands, onto)
    # a user's ontology may lack a predicate the rules know (LEADS, LOCATED_IN ...): drop
    cands = _dedupe([c for c in cands if c.predicate in onto])
    generic = _bare_generic(parse, ents)
    cands = [c for c in cands if c.subj.key not in generic and c.obj.key not in generic]
    relations = [_relation(parse, c, onto) for c in cands]
    for c in cands:  # a title in apposition is one more mention of its holder
        if c.predicate == "ALIAS" and c.rule == "apposition" and c.obj.key in ents:
            text = article.text[c.obj.start : c.obj.end]
            ents[c.obj.key].extra.append(Mention(c.obj.start, c.obj.end, text,
                                                 ents[c.obj.key].label))
    used = {r.subject for r in relations} | {r.object for r in relations}
    used |= {r.attributed_to for r in relations if r.attributed_to}
    entities = [_entity(e, ents, parse.roles) for e in ents.values()
                if e.mentions or e.key in used]
    return Extraction(article=article, entities=entities, relations=relations)


def _bare_generic(parse: Parse, ents: dict[str, EntInfo]) -> set[str]:
    """Entities named only by a bare common plural ("people", "officials", "own troops").

    Such a group is not an actor of its own: facts about it are dropped. A group with a
    modifier or a possessor stays ("Ukrainian forces", "ISIL fighters", "coalition
    troops", "our partners", "brave service members").
    """
    out: set[str] = set()
    for key, e in ents.items():
        if not e.mentions or not all((m.kind == "group" and m.generic) or _lone_agent_word(m)
                                     for m in e.mentions):
            continue
        if all(_bare(parse, m) for m in e.mentions):
            out.add(key)
    return out


def _lone_agent_word(m: Ment) -> bool:
    """"Troops" opening a sentence, taken for a name."""
    return m.end_tok - m.start_tok == 1 and m.text.lower() in AGENT_PLURALS


def _bare(parse: Parse, m: Ment) -> bool:
    """A lone plural noun with no word of its own that says whose ("officials", "own
    troops"): not "our partners", "Kurdish fighters", "coalition forces" or "the
    international community"."""
    doc = parse.chunks[m.chunk].doc
    head = doc[m.head]
    if head.lower_ not in AGENT_PLURALS:  # (the tagger may call "Troops" a name)
        return False
    if any(role(c) == "poss" for c in head.children) or any(
            p == "of" for p, _ in prep_args(head)):
        return False  # "its troops", "members of the tribe": whose they are is said
    return all(t.i == m.head or t.lower_ == "own" for t in doc[m.start_tok : m.end_tok])


def _threats(cands: list[Cand], onto: Ontology) -> list[Cand]:
    """A speaker saying someone could or will use force is making a threat.

    "Rogozin boasted that Russia can destroy NATO" -> THREATEN(Rogozin, NATO), which
    replaces the hypothetical attack.
    """
    out: list[Cand] = []
    for c in cands:
        pred = onto.predicates.get(c.predicate)
        if (pred is not None and pred.quad_class == "MATERIAL_CONFLICT" and c.hedged
                and not c.negated and c.speaker is not None and c.speech is not None
                and lemma_in(c.speech, THREAT_SPEECH) and c.speaker.key != c.obj.key
                and "THREATEN" in onto):
            out.append(Cand("THREATEN", c.speaker, c.obj, c.chunk, c.speech,
                            c.confidence * 0.8, "threat"))
            continue
        out.append(c)
    return out


# Deeds that actors named together in one clause do together
_JOINT_ACTION = frozenset({"MATERIAL_CONFLICT", "MATERIAL_COOPERATION"})


def _fighting_together(cands: list[Cand], onto: Ontology) -> list[Cand]:
    """"The UK and Iraq are committed to defeating ISIL", "Norway and Denmark sent aid to
    Kenya": those who fight a common foe or help a common friend in one clause act
    together (COOPERATE)."""
    if "COOPERATE" not in onto:
        return []
    sides: dict[tuple[int, int, str], list[Cand]] = {}
    for c in cands:
        pred = onto.predicates.get(c.predicate)
        if pred is not None and pred.quad_class in _JOINT_ACTION and not c.negated and (
                not c.hedged or c.rule == "verb"):
            sides.setdefault((c.chunk, c.trigger.i, c.obj.key), []).append(c)
    out: list[Cand] = []
    for group in sides.values():
        allies = list({c.subj.key: c for c in group}.values())
        for i, a in enumerate(allies):
            for b in allies[i + 1 :]:
                out.append(Cand("COOPERATE", a.subj, b.subj, a.chunk, a.trigger,
                                0.6 * min(a.confidence, b.confidence), "together"))
    return out


def _visits(cands: list[Cand], onto: Ontology) -> list[Cand]:
    """Whoever visits a place is, for that time, in it: VISIT to a place adds LOCATED_IN."""
    if "LOCATED_IN" not in onto:
        return []
    return [Cand("LOCATED_IN", c.subj, c.obj, c.chunk, c.trigger, c.confidence * 0.9, "place")
            for c in cands if c.predicate == "VISIT" and c.obj.label in ("GPE", "LOC", "FAC")
            and not c.hedged and not c.negated]


def _dedupe(cands: list[Cand]) -> list[Cand]:
    """One fact per (predicate, ends, sentence): keep the surest, asserted over hedged."""
    best: dict[tuple[str, str, str, int, int], Cand] = {}
    order: list[tuple[str, str, str, int, int]] = []
    for c in cands:
        if c.subj.key == c.obj.key and c.predicate != "ALIAS":
            continue
        sent = c.trigger.sent
        k = (c.predicate, c.subj.key, c.obj.key, c.chunk, sent.start)
        if k not in best:
            best[k] = c
            order.append(k)
        elif (c.confidence, not c.hedged) > (best[k].confidence, not best[k].hedged):
            best[k] = c
    return [best[k] for k in order]


def _named_span(parse: Parse, a: Arg, start: int, end: int) -> tuple[int, int]:
    """Point evidence at the actor's name when the sentence names it before a pronoun
    ("the Iraqi people in their fight against ISIL")."""
    m = next((x for x in parse.mentions if x.start == a.start and x.end == a.end), None)
    if m is None or m.kind != "pronoun" or m.key != a.key:
        return a.start, a.end
    named = [x for x in parse.mentions if x.key == a.key and x.kind in ("name", "group")
             and start <= x.start and x.end <= a.start]
    return (named[-1].start, named[-1].end) if named else (a.start, a.end)


def _relation(parse: Parse, c: Cand, onto: Ontology) -> Relation:
    pred = onto[c.predicate]
    start, end, sentence = parse.sentence(c.chunk, c.trigger)
    return Relation(
        subject=c.subj.key,
        predicate=c.predicate,
        object=c.obj.key,
        subject_span=_named_span(parse, c.subj, start, end),
        object_span=_named_span(parse, c.obj, start, end),
        start=start,
        end=end,
        sentence=sentence,
        quad_class=pred.quad_class,
        cameo=pred.cameo,
        weight=pred.weight,
        confidence=round(c.confidence, 3),
        trigger=c.trigger_text or c.trigger.text,
        negated=c.negated,
        hedged=c.hedged,
        attributed_to=c.speaker.key if c.speaker else None,
    )


def _role_text(r: Role, ents: dict[str, EntInfo]) -> str:
    if r.target and r.target in ents:
        return f"{r.title} of {ents[r.target].name}"
    return f"{r.title} of {r.target_text}" if r.target_text else r.title


def _entity(e: EntInfo, ents: dict[str, EntInfo], roles: list[Role]) -> Entity:
    names = []
    for m in e.names:
        text = m.text[4:] if m.text.lower().startswith("the ") else m.text
        if text not in names:
            names.append(text)
    name = e.name
    country = e.country
    if country is None and e.country_key and e.country_key in ents:
        country = ents[e.country_key].country
    return Entity(
        key=e.key,
        name=name,
        label=e.label,
        kind=e.kind or "Organization",
        mentions=sorted([Mention(m.start, m.end, m.text, m.label) for m in e.mentions] + e.extra,
                        key=lambda m: (m.start, m.end)),
        aliases=[n for n in [*names, e.gazetteer_name] if n and n != name],
        gazetteer_id=e.gazetteer_id,
        country=country,
        roles=list(dict.fromkeys(_role_text(r, ents) for r in roles if r.holder == e.key)),
    )

