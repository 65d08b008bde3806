"""Actor mentions from named entities and group phrases, clustered into article entities.

Only actors become entities: people, organisations, countries and places, groups
("Ukrainian forces", "the Kurds") and named products. Dates, quantities and common
nouns never do. Clustering is within one article: "Musk" joins "Elon Musk", "SDF"
joins "Syrian Democratic Forces", two names with the same gazetteer id join.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from graphbuilder.extract.document import Ment, Parse
from graphbuilder.extract.gaz import Gaz, Hit
from graphbuilder.extract.lexicon import (
    AGENT_PLURALS,
    ALIAS_CUES,
    COLLECTIVE_NOUNS,
    GENERIC_GROUPS,
    GROUP_NOUNS,
    PARTITIVE_NOUNS,
    PERSON_NOUNS,
    PLACE_NOUNS,
)
from graphbuilder.extract.names import (
    TITLE_WORDS,
    demonym_stem_match,
    is_acronym_of,
    name_words,
    norm,
)
from graphbuilder.extract.syntax import kids, lemma, name_modifiers, np_tokens, prep_args, role
from graphbuilder.types import Mention
from graphbuilder.unionfind import UnionFind

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT"})
# spaCy label -> actor kind when the gazetteer does not say better
LABEL_KIND = {"PERSON": "Person", "ORG": "Organization", "GPE": "Location", "LOC": "Location",
              "FAC": "Location", "NORP": "Group", "PRODUCT": "Product"}
_EDGE_SKIP = frozenset({"PUNCT", "DET"})
# Group heads whose "of" phrase names their country ("the government of Iraq"), though
# they are partitive elsewhere ("the forces of the regime")
_OF_GROUPS = frozenset({"government", "people", "army", "military", "forces", "citizens",
                        "population", "leadership"})
# Group heads a person can modify ("the Assad regime"); other group nouns need a country.
_PERSON_GROUPS = frozenset({"regime", "government", "administration", "forces", "loyalists",
                            "supporters", "camp"})


@dataclass
class EntInfo:
    """An entity under construction (becomes ``types.Entity``)."""

    key: str
    label: str
    mentions: list[Ment] = field(default_factory=list)
    gazetteer_id: str | None = None
    gazetteer_name: str | None = None
    kind: str | None = None
    country: str | None = None  # ISO 3166 alpha-3, from the gazetteer
    country_key: str | None = None  # groups: the entity key of their country in this article
    extra: list[Mention] = field(default_factory=list)  # descriptive mentions (titles)

    @property
    def names(self) -> list[Ment]:
        """Name and group mentions; nationality words only for a nationality entity."""
        return [m for m in self.mentions if m.kind in ("name", "group")
                and (m.label != "NORP" or self.label == "NORP")]

    @property
    def name(self) -> str:
        """The gazetteer's name where linked (one name across articles), else the fullest
        name the article uses."""
        if self.gazetteer_name and self.label != "NORP":
            return self.gazetteer_name
        names = [m for m in self.names if not m.generic] or self.names
        if not names:
            return self.gazetteer_name or (self.mentions[0].text if self.mentions else self.key)
        best = max(names, key=lambda m: (len(name_words(m.text)), -m.start))
        text = best.text
        return text[4:] if text.lower().startswith("the ") else text


def _trim(span: Span) -> Span:
    """Drop determiners, punctuation and a possessive 's at the edges of a name."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].pos_ in _EDGE_SKIP or doc[start].lower_ == "the"):
        start += 1
    while end > start and (doc[end - 1].pos_ == "PUNCT" or doc[end - 1].tag_ == "POS"
                           or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return doc[start:end]


_CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "yesterday", "tomorrow",
})
# Capitalised words that look like acronyms or names but are titles or units.
_NOT_NAMES = frozenset({"ceo", "cfo", "coo", "cto", "pm", "mp", "tv", "am", "gmt", "utc", "ad",
                        "bc", "km", "kg", "mph", "ok", "dna", "pr", "ai", "it"})


_PERSON_TITLES = frozenset({"president", "minister", "secretary", "chancellor", "premier",
                            "ceo", "king", "queen", "prince", "general", "gen", "colonel",
                            "col", "governor", "senator", "mayor", "ambassador", "envoy"})


_PLACE_PREPS = frozenset({"near", "in", "at", "outside", "around", "inside"})


def _places_tagged_as_people(parse: Parse, ci: int) -> None:
    """"in Madaya", "near Sinjar": an unknown name after a place preposition is a place; so
    is one that a place noun takes with "of" ("the town of Madaya", "the site of Bamiyan"),
    whether the NER said person or organisation."""
    doc = parse.chunks[ci].doc
    for m in parse.mentions:
        if m.chunk != ci or m.label not in ("PERSON", "ORG") or m.gazetteer_id \
                or m.kind != "name":
            continue
        head = doc[m.head]
        preps = [c.lower_ for c in head.children if role(c) == "case" and c.i < head.i]
        if role(head) == "pobj":
            preps.append(head.head.lower_)
        if m.label == "PERSON" and any(p in _PLACE_PREPS for p in preps):
            m.label = "GPE"
        elif "of" in preps and _named_by_place_noun(head):
            m.label = "GPE"


# Nouns whose "of" names a place: "the city of Mosul", "the ancient site of Bamiyan"
_OF_PLACE_NOUNS = PLACE_NOUNS | {"site"}


def _named_by_place_noun(name: Token) -> bool:
    """Whether ``name`` is the "of" noun of a place noun: "the town of [Madaya]"."""
    governor = name.head.head if role(name) == "pobj" else name.head
    return governor.i != name.i and governor.i < name.i and governor.lower_ in _OF_PLACE_NOUNS \
        and role(name) in ("nmod", "pobj")


def _after_title(span: Span) -> Span | None:
    """The name after a person's title inside an entity span, when something precedes the
    title: "US President Joe Biden" -> "Joe Biden"; None when there is no such title."""
    for k in range(len(span) - 2, 0, -1):
        tok = span[k]
        if tok.lower_.rstrip(".") in _PERSON_TITLES and span[k + 1].is_title:
            rest = span[k + 1 :]
            if all(t.pos_ == "PROPN" or t.is_title for t in rest):
                return rest
    return None


# Lower-case words inside European surnames ("Staffan de Mistura", "Ursula von der Leyen")
_SURNAME_PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "van", "von", "der",
                                "den", "la", "le", "dos", "das", "ter"})
# Arabic name particles written joined to the next word by a hyphen ("al-Kuwaiti")
_NAME_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "an", "ash", "az", "bin", "ibn",
                             "abu", "abd", "ul"})


def _hyphen_joined(doc: Doc, i: int) -> bool:
    """``doc[i]``, a hyphen and a capitalised word, with no blank between them."""
    return (i + 2 < len(doc) and not doc[i].whitespace_ and doc[i + 1].text in ("-", "‑")
            and not doc[i + 1].whitespace_ and doc[i + 2].is_title)


def _extend_name(span: Span) -> Span:
    """"Gen. Joseph" + "Votel": a person's name the tagger cut before the surname (or
    after a first name, or at a hyphen-joined particle: "Abu Omar al-Tunisi")."""
    doc = span.doc
    end = span.end
    while end < len(doc) and end - span.start < 6:
        if doc[end].pos_ == "PROPN" and doc[end].is_title and not doc[end].ent_type_:
            end += 1
            continue
        j = end  # "Staffan [de Mistura]", "Ursula [von der Leyen]"
        while j < min(len(doc) - 1, end + 2) and doc[j].lower_ in _SURNAME_PARTICLES:
            j += 1
        if j == end or not (doc[j].pos_ == "PROPN" and doc[j].is_title
                            and doc[j].ent_type_ in ("", "PERSON")):
            break
        end = j + 1
    # "Abu Jandal [al-Kuwaiti]", "Abu Jandal al[-Kuwaiti]": a name particle and the word it
    # is joined to by a hyphen
    if end < len(doc) and doc[end].lower_ in _NAME_PARTICLES and _hyphen_joined(doc, end):
        end += 3
    elif doc[end - 1].lower_ in _NAME_PARTICLES and _hyphen_joined(doc, end - 1):
        end += 2
    start = span.start
    if start >= 2 and doc[start - 2].lower_ in _NAME_PARTICLES and _hyphen_joined(
            doc, start - 2):
        start -= 2  # "Abu Omar [al-]Tunisi"
    # and a first name left out: "[Hunter] Biden"
    while (start > 0 and end - start < 6 and doc[start - 1].pos_ == "PROPN"
           and doc[start - 1].is_title and not doc[start - 1].ent_type_
           and doc[start - 1].lower_.rstrip(".") not in TITLE_WORDS):
        start -= 1
    return doc[start:end]


def _untitle(span: Span) -> Span:
    """"President Zelensky" -> "Zelensky": the title is read separately (nominal.py)."""
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_.rstrip(".") in TITLE_WORDS:
        start += 1
    return span.doc[start : span.end]


# Names that only ever name a language ("a report in Arabic"), and words that name a
# language or a people ("English"): the latter are a language after "in", "into" or a
# speaking verb ("said in Russian", "translated into French", "speaks Ukrainian").
_LANGUAGE_ONLY = frozenset({"arabic", "farsi", "pashto", "dari", "urdu", "hindi", "mandarin",
                            "cantonese", "swahili", "tagalog", "esperanto", "sanskrit",
                            "amharic", "tigrinya", "yiddish"})
_LANGUAGES = _LANGUAGE_ONLY | frozenset({
    "english", "french", "russian", "ukrainian", "german", "spanish", "italian", "portuguese",
    "chinese", "japanese", "korean", "turkish", "kurdish", "persian", "hebrew", "polish",
    "dutch", "greek", "romanian", "hungarian", "czech", "serbian", "croatian", "belarusian",
    "georgian", "armenian", "somali", "bengali", "vietnamese", "thai", "indonesian"})
_SPEAKING = frozenset({"speak", "translate", "write", "learn", "teach", "broadcast", "publish",
                       "fluent", "interpret", "say", "sing", "dub", "subtitle"})


def is_language(span: Span) -> bool:
    """"in Arabic", "spoke Russian", "translated into English": a language, not an actor."""
    if len(span) != 1:
        return False
    tok = span[0]
    word = tok.lower_
    if word not in _LANGUAGES:
        return False
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.pos_ in ("NOUN", "PROPN"):
        return False  # "English officials", "Arabic media": a modifier; its head decides
    if word in _LANGUAGE_ONLY:
        return True
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.lower_ in ("in", "into"):
        return True
    return tok.head.lemma_ in _SPEAKING and role(tok) in ("obj", "dobj")


def _not_a_name(span: Span, gazetteer_id: str | None) -> bool:
    """Statistical entities that cannot be actor names: clauses, dates, lone common words."""
    if span[-1].lower_.rstrip(".") in TITLE_WORDS:
        return True  # "US President", "Ukrainian President": a title, the name comes next
    if gazetteer_id:
        return False
    root = span.root
    if ((root.lower_ in TITLE_WORDS or lemma(root) in PERSON_NOUNS) and root.tag_ != "NNPS"
            and root.tag_ != "NNS" and root.i + 1 < span.end
            and span.doc[root.i + 1].lower_ in ("of", "for")):
        # "Minister for Central Asia", "Special Envoy for Yemen": an office, whose holder is
        # named apart; a plural is a body ("Physicians for Human Rights")
        return True
    if span.start > 0 and span.doc[span.start - 1].lower_ in ("a", "an"):
        return True  # "a UAV launch site": an unknown name does not take "a"
    if any(t.pos_ in ("VERB", "AUX") for t in span) and len(span) > 2:
        return True
    if span.text.lower() in _CALENDAR or span.text.lower() in _NOT_NAMES:
        return True
    # a single sentence-initial word the tagger calls a common noun ("Drones")
    return len(span) == 1 and span[0].is_sent_start and span[0].pos_ == "NOUN"


def collect(parse: Parse, gaz: Gaz, event_verb: Callable[[Token], bool] | None = None) -> None:
    """Add name mentions (NER) and group mentions to ``parse``.

    ``event_verb`` tells whether a verb expresses a fact of the ontology: a proper name
    the tagger missed is still taken as an actor when it is such a verb's argument.
    """
    for ci, chunk in enumerate(parse.chunks):
        doc = chunk.doc
        rejected: set[int] = set()  # tokens of entities dropped as junk: names may hide inside
        absorbed: set[int] = set()  # tokens a person's name took in beyond its entity
        for ent in doc.ents:
            if ent.label_ not in ACTOR_LABELS or all(t.i in absorbed for t in ent):
                continue
            span = _trim(ent)
            label = ent.label_
            gid = gaz.span_id(ent)
            if len(span) > 1 and span[0].lower_ in _PLACE_PREPS and not gid:
                span, label = span[1:], "GPE"  # "Near Rawah" tagged as a person's name
            cut = _after_title(span) if label in ("PERSON", "ORG") else None
            if cut is not None:
                # "US President Joe Biden", "Ukrainian President Zelensky": the title and
                # whatever names it are read separately; the person is what follows
                rejected.update(range(span.start, cut.start))
                span, label, gid = cut, "PERSON", None
            if label == "PERSON" and not gid and _after_alias_cue(span):
                # 'Bagram Airfield, also called "the Bag"': an alias names the thing before it
                label = _label_before(parse, ci, span) or label
            if label == "PERSON":
                span = _untitle(_extend_name(span))
                absorbed.update(range(ent.end, span.end))
            if len(span) == 0 or not any(c.isalpha() for c in span.text):
                continue  # "G7" has letters; "2,000" has none
            if is_language(span):
                continue  # "said in Arabic": a language, and no name hides in it
            if len(span) == 1 and span[0].lower_ in AGENT_PLURALS and not gid:
                continue  # "Troops", "Marines" alone: a group word, not a name (see below)
            if _not_a_name(span, gid):
                rejected.update(range(ent.start, ent.end))
                continue
            s, e = parse.offsets(ci, span)
            parse.add(Ment(chunk=ci, start_tok=span.start, end_tok=span.end, start=s, end=e,
                           text=span.text, label=label, kind="name", head=span.root.i,
                           gazetteer_id=gid))
        _collect_unlabelled_names(parse, ci, gaz, rejected, event_verb)
        _places_tagged_as_people(parse, ci)
        _collect_groups(parse, ci)
        _collect_generic_groups(parse, ci)
    parse.mentions.sort(key=lambda m: (m.start, -m.end))


# Head words that make an unlabelled proper name an organisation ("Azov Battalion").
_ORG_HEADS = frozenset({
    "forces", "force", "army", "navy", "party", "council", "agency", "ministry", "brigade",
    "battalion", "regiment", "division", "corps", "coalition", "command", "group", "front",
    "union", "organization", "organisation", "committee", "commission", "company", "bank",
    "corporation", "inc", "ltd", "guard", "movement", "alliance", "league", "service",
    "services", "office", "department", "government", "parliament", "assembly", "court",
    "institute", "university", "foundation", "fund", "network", "squadron", "wing", "fleet",
    "unit", "task", "militia", "brigades", "authority", "directorate", "bureau",
})


def _free(parse: Parse, ci: int, tok: Token, rejected: set[int]) -> bool:
    """A proper-noun token (or an all-capitals one: "G7" tagged as an adjective) no entity
    claims."""
    return ((tok.pos_ == "PROPN" or (tok.text.isupper() and len(tok) > 1))
            and parse.mention_at(ci, tok) is None
            and (not tok.ent_type_ or tok.i in rejected)
            and not (tok.lower_ in _LANGUAGES and is_language(tok.doc[tok.i : tok.i + 1])))


def _collect_unlabelled_names(parse: Parse, ci: int, gaz: Gaz, rejected: set[int],
                              event_verb: Callable[[Token], bool] | None = None) -> None:
    """Proper names the NER missed: known to the gazetteer, acronyms, or organisation names."""
    doc = parse.chunks[ci].doc
    i = 0
    while i < len(doc):
        tok = doc[i]
        if (tok.pos_ == "ADJ" and tok.is_title and parse.mention_at(ci, tok) is None
                and (not tok.ent_type_ or tok.i in rejected) and gaz
                and gaz.demonym_country(tok.text) is not None):
            s, e = parse.offsets(ci, tok)  # a nationality word the tagger missed: "Ukrainian"
            parse.add(Ment(chunk=ci, start_tok=i, end_tok=i + 1, start=s, end=e, text=tok.text,
                           label="NORP", kind="name", head=i))
        if not _free(parse, ci, tok, rejected):
            i += 1
            continue
        j = i
        while j < len(doc) and _free(parse, ci, doc[j], rejected):
            j += 1
        run = doc[i:j]
        i = j
        for span in _known_pieces(run, gaz):
            _add_unlabelled(parse, ci, span, gaz, event_verb)


def _known_pieces(run: Span, gaz: Gaz) -> list[Span]:
    """Split a run of proper nouns into the longest pieces the gazetteer knows
    ("US President Joe Biden" -> US, Joe Biden); the whole run when it knows none."""
    if not gaz or len(run) == 1:
        return [run]
    pieces: list[Span] = []
    k = 0
    while k < len(run):
        for end in range(len(run), k, -1):
            if gaz.lookup(run[k:end].text) is not None:
                pieces.append(run[k:end])
                k = end
                break
        else:
            k += 1
    return pieces or [run]


_COMMON_HEADS = PERSON_NOUNS | GROUP_NOUNS | frozenset({"member", "members", "command",
                                                       "resolution", "summit", "operation"})


def _event_argument(span: Span, event_verb: Callable[[Token], bool] | None) -> bool:
    """The phrase is the subject, object or prepositional object of an event verb."""
    if event_verb is None:
        return False
    tok = span.root
    r = role(tok)
    head = tok.head
    if r == "pobj":
        r, head = "obl", head.head
    if r not in ("subj", "subjpass", "obj", "iobj", "agent", "obl"):
        return False
    return head.pos_ == "VERB" and event_verb(head)


def _add_unlabelled(parse: Parse, ci: int, span: Span, gaz: Gaz,
                    event_verb: Callable[[Token], bool] | None = None) -> None:
    text = span.text
    if not any(c.isalpha() for c in text) or text.lower() in ("the", "mr", "ms"):
        return
    if text.lower() in _NOT_NAMES or text.lower() in _CALENDAR:
        return
    label = None
    hit = gaz.lookup(text) if gaz else None
    if hit is not None and len(span) == 1 and text not in (hit.name, *hit.aliases):
        hit = None  # one word must match as written: "Lt" is no "LT" (Lashkar-e-Taiba)
    if (span.start > 0 and span.doc[span.start - 1].lower_ in ("a", "an")) or any(
            d.lower_ in ("a", "an") for d in span.root.children if role(d) == "det"):
        return  # "a VBIED", "a nationwide Cessation": a proper name takes no indefinite article
    if len(span) == 1 and (span[0].lower_.rstrip(".") in TITLE_WORDS or lemma(span[0]) in (
            _COMMON_HEADS)):
        return  # "the Foreign Secretary", "the Members": descriptions, left to coreference
    if hit is not None and hit.kind is not None:
        label = {"Person": "PERSON", "Organization": "ORG", "Country": "GPE",
                 "Group": "ORG", "Product": "PRODUCT", "Location": "GPE"}.get(hit.kind)
    elif (len(text) >= 2 and text.replace(".", "").isalpha() and text.replace(".", "").isupper()
          and role(span.root) != "compound"):
        label = "ORG"  # an unknown acronym heading its phrase ("the SDF"), not "UAV sites"
    elif span[-1].lower_ in _ORG_HEADS and (len(span) > 1 or (
            span[0].is_title and not span[0].is_sent_start)):
        label = "ORG"  # "Azov Battalion", "the Coalition"
    elif _after_alias_cue(span) and all(t.is_title or t.text[:1].isupper() for t in span):
        label = _label_before(parse, ci, span) or "ORG"  # 'Bagram Airfield, also called "the Bag"'
    elif _event_argument(span, event_verb) and all(t.is_title or t.text[:1].isupper()
                                                   for t in span):
        # "Russia detained Evan Gershkovich", "Musk sued OpenAI": a name in an actor's slot
        label = "PERSON" if len(span) > 1 and all(t.is_title for t in span) else "ORG"
    if label is None:
        return
    s, e = parse.offsets(ci, span)
    parse.add(Ment(chunk=ci, start_tok=span.start, end_tok=span.end, start=s, end=e,
                   text=text, label=label, kind="name", head=span.root.i,
                   gazetteer_id=hit.id if hit else None))


def _after_alias_cue(span: Span) -> bool:
    """Whether "also called", "known as" ... (then quotes or "the") comes right before."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and (doc[i].is_quote or doc[i].lower_ == "the"):
        i -= 1
    words = " ".join(t.lower_ for t in doc[max(0, i - 2) : i + 1])
    return any(words.endswith(cue) for cue in ALIAS_CUES)


def _label_before(parse: Parse, ci: int, span: Span) -> str | None:
    """The label of the nearest name before ``span`` in its sentence (not a person's)."""
    before = [m for m in parse.mentions if m.chunk == ci and m.kind == "name"
              and m.end_tok <= span.start and m.start_tok >= span.sent.start]
    if not before:
        return None
    nearest = max(before, key=lambda m: m.end_tok)
    return None if nearest.label == "PERSON" else nearest.label


def _collect_groups(parse: Parse, ci: int) -> None:
    """"Ukrainian forces", "the Syrian regime": a group actor tied to a country or leader."""
    doc = parse.chunks[ci].doc
    for tok in doc:
        if tok.lower_ not in GROUP_NOUNS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if parse.mention_at(ci, tok) is not None:
            continue
        mods = [c for c in tok.children if role(c) in ("amod", "compound", "poss") and c.i < tok.i]
        inner = [parse.mention_at(ci, c) for c in mods]
        inner_ms = [m for m in inner if m is not None]
        of_country = [m for p, n in prep_args(tok) if p == "of" and n.i > tok.i
                      for m in [parse.mention_at(ci, n)] if m is not None and m.label == "GPE"]
        if not inner_ms and of_country and tok.lower_ not in PARTITIVE_NOUNS - _OF_GROUPS:
            # "the government of Iraq", "the people of Syria": the country's group
            _add_group(parse, ci, tok, of_country[0], end=of_country[0].end_tok)
            continue
        if not inner_ms:
            # "Coalition military forces": a capitalised name the tagger did not label
            named = [c for c in np_tokens(tok) if c.i < tok.i and c.is_title and (
                c.pos_ == "PROPN" or (c.pos_ == "NOUN" and not c.is_sent_start))]
            if named and role(tok) != "compound":
                _add_group(parse, ci, tok, None)
            continue
        base = inner_ms[-1]
        if base.label == "PERSON" and tok.lower_ not in _PERSON_GROUPS:
            continue
        if base.label not in ("NORP", "GPE", "PERSON"):
            continue  # "ISIL fighters" are the organisation itself (see args.py)
        if base.label == "GPE" and role(doc[base.head]) == "poss":
            continue  # "Ukraine's forces": keep the country as its own mention
        if _add_group(parse, ci, tok, base) and base.label == "NORP":
            parse.mentions.remove(base)  # the adjective now belongs to the group phrase


# Where an unnamed group counts as an actor: as an argument, not as a modifier ("coalition
# aircraft" is the coalition's, "militant positions" are places).
_ARGUMENT_ROLES = frozenset({"subj", "subjpass", "obj", "iobj", "agent", "obl", "nmod", "pobj",
                             "conj", "appos", "poss", "root", "dep"})
# Words before a group noun that say how many, not who: "more than 20 militants"
_QUANTIFIERS = frozenset({"more", "than", "less", "fewer", "about", "some", "several", "many",
                          "all", "both", "most", "over", "nearly", "almost", "around", "at",
                          "least", "approximately", "roughly", "up", "to", "dozens", "hundreds",
                          "thousands", "of"})


def _collect_generic_groups(parse: Parse, ci: int) -> None:
    """"militants", "the enemy", "our partners", "the international community": unnamed
    groups that act or are acted upon are Group actors of the article."""
    doc = parse.chunks[ci].doc
    for tok in doc:
        if tok.lower_ not in GENERIC_GROUPS or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        # "coalition aircraft", "regime forces": a collective modifier is the actor
        modifier = role(tok) in ("compound", "amod") and tok.lower_ in COLLECTIVE_NOUNS
        if role(tok) not in _ARGUMENT_ROLES and not modifier:
            continue
        if parse.mention_at(ci, tok) is not None or (tok.ent_type_ and tok.pos_ == "PROPN"):
            continue
        if any(parse.mention_at(ci, c) is not None
               for c in [*name_modifiers(tok), *kids(tok, "poss", "flat")] if c.i < tok.i):
            continue  # "ISIL fighters", "Syrian people": the named actor's (see above)
        _add_group(parse, ci, tok, None, generic=True)


def _add_group(parse: Parse, ci: int, tok: Token, base: Ment | None, *,
               generic: bool = False, end: int | None = None) -> bool:
    doc = parse.chunks[ci].doc
    left = [t for t in np_tokens(tok) if t.i <= tok.i]
    while left and (left[0].pos_ in _EDGE_SKIP or left[0].lower_ == "the" or left[0].like_num
                    or left[0].lower_ in _CALENDAR or (generic and left[0].i < tok.i and (
                        left[0].lower_ in _QUANTIFIERS or left[0].pos_ == "PRON"))):
        left = left[1:]
    if generic:  # an unnamed group never swallows a name: "strikes against al-Qaida operatives"
        inside = [t.i for t in left if parse.mention_at(ci, t) is not None]
        left = [t for t in left if not inside or t.i > max(inside)]
    if not left:
        return False
    span = doc[left[0].i : end or tok.i + 1]
    s, e = parse.offsets(ci, span)
    m = Ment(chunk=ci, start_tok=span.start, end_tok=span.end, start=s, end=e,
             text=span.text, label="ORG", kind="group", head=tok.i, generic=generic)
    m.country = base.text if base is not None else None  # an entity key after cluster()
    parse.add(m, overwrite=not generic)
    return True


def _same_person(text: str, hit: Hit | None) -> bool:
    """A person's name fits a gazetteer entry unless both give first names that differ."""
    if hit is None:
        return True
    words = name_words(text)
    if len(words) < 2:
        return True
    for name in (hit.name, *hit.aliases):
        known = name_words(name)
        if known and ((known[-1] == words[-1] and known[0] == words[0]) or known == words):
            return True
    return False


def cluster(parse: Parse, gaz: Gaz) -> dict[str, EntInfo]:
    """Group name/group mentions into entities; set ``Ment.key``; return entities by key."""
    ms = [m for m in parse.mentions if m.kind in ("name", "group")]
    for m in ms:
        if m.gazetteer_id is None and m.label != "NORP" and gaz:
            hit = gaz.lookup(m.text)
            if hit is not None:
                m.gazetteer_id = hit.id
        if m.gazetteer_id and m.label == "PERSON" and not _same_person(m.text, gaz.get(
                m.gazetteer_id)):
            m.gazetteer_id = None  # "Hunter Biden" is not the Joe Biden the link points to
    u = UnionFind(len(ms))
    first_by_norm: dict[tuple[bool, str], int] = {}
    first_by_gaz: dict[str, int] = {}
    for i, m in enumerate(ms):
        if m.gazetteer_id:
            j = first_by_gaz.setdefault(m.gazetteer_id, i)
            u.join(i, j)
        k = (m.label == "PERSON", norm(m.text))
        if m.label == "NORP" and m.kind == "name":
            k = (False, "norp:" + k[1])
        j = first_by_norm.setdefault(k, i)
        u.join(i, j)
    _join_short_names(ms, u)
    _join_acronyms(parse, ms, u)
    _join_adjacent_names(ms, u)
    _join_collectives(parse, ms, u)

    entities: dict[str, EntInfo] = {}
    root_key: dict[int, str] = {}
    for i, m in enumerate(ms):
        r = u.find(i)
        if r not in root_key:
            root_key[r] = f"e{len(root_key) + 1}"
            entities[root_key[r]] = EntInfo(key=root_key[r], label=m.label)
        ent = entities[root_key[r]]
        m.key = ent.key
        ent.mentions.append(m)
    for ent in entities.values():
        _finish(ent, gaz)
    _link_countries(parse, entities, gaz)
    return entities


def _join_short_names(ms: list[Ment], u: UnionFind) -> None:
    """"Musk" joins the first-introduced person whose name ends (or starts) with it.

    A one-word organisation the gazetteer does not know, written after a person whose name
    ends in that word, is that person: "Pentagon Press Secretary Peter Cook ... Cook said"
    with the NER calling "Cook" an ORG."""
    surnames: dict[str, int] = {}
    for m in sorted(ms, key=lambda m: m.start):
        words = name_words(m.text)
        if m.label == "PERSON" and m.kind == "name" and len(words) > 1:
            surnames.setdefault(words[-1], m.start)
        elif (m.label == "ORG" and m.kind == "name" and not m.gazetteer_id and len(words) == 1
              and len(m.text.split()) == 1 and surnames.get(words[0], m.start) < m.start):
            m.label = "PERSON"
    people = [(i, name_words(m.text)) for i, m in enumerate(ms) if m.label == "PERSON"]
    people_words = dict(people)
    for i, words in people:
        if len(words) != 1:
            continue
        cands = [j for j, w in people if len(w) > 1 and w[-1] == words[0]]
        if not cands and len(ms[i].text.split()) == 1:
            # a bare first name ("Elon") joins only when one person has it; a first name after
            # a title ("Colonel Dmitry") is more likely a name the tagger cut short
            firsts = [j for j, w in people if len(w) > 1 and w[0] == words[0]]
            if len({" ".join(people_words[j]) for j in firsts}) == 1:
                cands = firsts
        if cands:
            u.join(i, min(cands, key=lambda j: ms[j].start))
    # "Joseph Votel" joins "Gen. Joseph Votel" (same words after titles)
    seen: dict[str, int] = {}
    for i, words in people:
        if len(words) > 1:
            j = seen.setdefault(" ".join(words), i)
            u.join(i, j)


def _join_acronyms(parse: Parse, ms: list[Ment], u: UnionFind) -> None:
    longs = [(j, m) for j, m in enumerate(ms) if m.label != "PERSON" and m.kind == "name"
             and len(m.text.split()) > 1]
    for i, m in enumerate(ms):
        if m.label == "PERSON" or " " in m.text or m.kind != "name":
            continue
        for j, other in longs:
            if m.gazetteer_id and other.gazetteer_id and m.gazetteer_id != other.gazetteer_id:
                continue  # the gazetteer knows them as two actors
            if is_acronym_of(m.text, other.text):
                u.join(i, j)
                break


_DEFINITE = frozenset({"the", "this", "that"})


def _join_collectives(parse: Parse, ms: list[Ment], u: UnionFind) -> None:
    """"the regime" after "the Assad regime", "the coalition" after "the Global Coalition":
    a definite collective is the last organisation named with the same head word."""
    heads: dict[str, int] = {}
    for i, m in enumerate(ms):
        tok = parse.chunks[m.chunk].doc[m.head]
        word = tok.lower_
        if m.generic:
            dets = {d.lower_ for d in tok.children if role(d) == "det"}
            if word in COLLECTIVE_NOUNS and dets & _DEFINITE and word in heads:
                u.join(i, heads[word])
            continue
        if m.label in ("ORG", "NORP") or m.kind == "group":
            heads[word] = i
            heads[lemma(tok)] = i


def _join_adjacent_names(ms: list[Ment], u: UnionFind) -> None:
    """"the Russian space agency Roscosmos": a description and a name side by side."""
    for i in range(len(ms) - 1):
        a, b = ms[i], ms[i + 1]
        if (a.chunk == b.chunk and a.end_tok == b.start_tok and a.label == b.label == "ORG"
                and a.kind == b.kind == "name" and not (a.gazetteer_id and b.gazetteer_id)):
            u.join(i, i + 1)


_KIND_LABEL = {"Person": "PERSON", "Organization": "ORG", "Country": "GPE", "Group": "ORG",
               "Product": "PRODUCT", "Location": "GPE"}


def _finish(ent: EntInfo, gaz: Gaz) -> None:
    labels = Counter(m.label for m in ent.mentions if m.kind == "name")
    if labels:
        # most frequent label; ties go to the first mention's label
        best = max(labels.values())
        ent.label = next(m.label for m in ent.mentions if labels[m.label] == best)
    if any(m.kind == "group" for m in ent.mentions) and not labels:
        ent.label = "ORG"
    ids = _agreed_ids(ent, gaz)
    if ids:
        ent.gazetteer_id = Counter(ids).most_common(1)[0][0]
        hit = gaz.get(ent.gazetteer_id)
        if hit is not None:
            ent.gazetteer_name = hit.name
            ent.kind = hit.kind
            ent.country = hit.country
            # the gazetteer knows better than the tagger what a known actor is
            label = _KIND_LABEL.get(hit.kind or "")
            if label and not (ent.label == "NORP" and hit.kind in ("Group", "Country")):
                if ent.label in ("LOC", "FAC") and label == "GPE":
                    label = ent.label
                ent.label = label
                for m in ent.mentions:
                    if m.kind == "name" and m.label != "NORP":
                        m.label = label
    if ent.kind is None:
        if any(m.kind == "group" for m in ent.mentions):
            ent.kind = "Group"
        else:
            ent.kind = LABEL_KIND.get(ent.label, "Organization")


def _agreed_ids(ent: EntInfo, gaz: Gaz) -> list[str]:
    """The gazetteer ids of the entity's mentions, less a lone surname's link that the
    article's own full name for the person contradicts: in "Francesca Albanese ...
    Albanese said", "Albanese" alone is a known alias of Anthony Albanese, but the article
    named someone else."""
    ids = [m.gazetteer_id for m in ent.mentions if m.gazetteer_id]
    if not ids or ent.label != "PERSON":
        return ids
    unknown_full = [words for m in ent.mentions if m.kind == "name" and not m.gazetteer_id
                    and len(words := name_words(m.text)) > 1]
    if not unknown_full:
        return ids
    kept = []
    for m in ent.mentions:
        if not m.gazetteer_id:
            continue
        hit = gaz.get(m.gazetteer_id) if len(name_words(m.text)) == 1 else None
        if hit is None or not any(_other_given_name(words, hit) for words in unknown_full):
            kept.append(m.gazetteer_id)
    return kept


def _other_given_name(words: list[str], hit: Hit) -> bool:
    """Whether a full name's first word is none of the known person's given names (an
    initial counts when its letter fits: "V. Putin")."""
    givens = {name[0] for name in map(name_words, (hit.name, *hit.aliases)) if len(name) > 1}
    first = words[0].rstrip(".")
    if not givens:
        return False
    if len(first) == 1:
        return not any(g.startswith(first) for g in givens)
    return first not in givens


def _link_countries(parse: Parse, entities: dict[str, EntInfo], gaz: Gaz) -> None:
    """Tie groups and nationality words to a country entity ("Ukrainian" -> Ukraine)."""
    places = [e for e in entities.values() if e.label == "GPE"]
    moved: list[tuple[Ment, EntInfo, EntInfo]] = []
    junk: list[tuple[Ment, EntInfo]] = []
    for ent in list(entities.values()):
        for m in ent.mentions:
            word = m.country if m.kind == "group" else (m.text if m.label == "NORP" else None)
            if not word:
                continue
            target = country_for(word, places, gaz, entities, parse)
            if target is None and m.label == "NORP" and m.kind == "name" and gaz and not (
                    m.gazetteer_id or gaz.lookup(m.text)):
                junk.append((m, ent))  # "Foreign" of "Foreign Secretary" is no nationality
                continue
            m.country = target.key if target else None
            if target is not None and m.label == "NORP" and m.kind == "name" and (
                parse.chunks[m.chunk].doc[m.head].pos_ == "ADJ"
            ):
                moved.append((m, ent, target))
            if m.kind == "group" and target and ent.country_key is None:
                ent.country_key = target.key
                ent.country = ent.country or target.country
    for m, ent in junk:
        ent.mentions.remove(m)
        parse.mentions.remove(m)
        for i in range(m.start_tok, m.end_tok):
            if parse.by_token.get((m.chunk, i)) is m:
                del parse.by_token[(m.chunk, i)]
    # "Russian" as an adjective is a mention of Russia, not an actor of its own
    for m, old, new in moved:
        m.key = new.key
        old.mentions.remove(m)
        new.mentions.append(m)
    for key in [k for k, e in entities.items() if not e.mentions and not k.startswith("g:")]:
        del entities[key]


def country_for(word: str, places: list[EntInfo], gaz: Gaz, entities: dict[str, EntInfo],
                parse: Parse) -> EntInfo | None:
    """The article's entity for the country a nationality or place word points to.

    Creates a mention-less country entity from the gazetteer when the article never
    names the country itself.
    """
    hit = gaz.demonym_country(word) if gaz else None
    if hit is None and gaz:
        hit = gaz.lookup(word)
    if hit is not None:
        for e in places:
            if e.gazetteer_id == hit.id:
                return e
        for e in entities.values():
            if e.gazetteer_id == hit.id and e.label != "NORP":
                return e
        key = f"g:{hit.id}"
        if key not in entities:
            entities[key] = EntInfo(key=key, label="GPE", gazetteer_id=hit.id,
                                    gazetteer_name=hit.name, kind=hit.kind or "Country",
                                    country=hit.country)
        return entities[key]
    for e in places:
        if any(norm(m.text) == norm(word) for m in e.mentions):
            return e
    for e in places:
        if any(demonym_stem_match(word, m.text) for m in e.names):
            return e
    return None
