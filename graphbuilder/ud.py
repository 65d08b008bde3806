"""Read the Universal Dependencies English treebanks (EWT, GUM) as spaCy documents.

Used by the training recipe (``training/ud_to_spacy.py``) and by :func:`graphbuilder.nlp.evaluate`;
the treebanks themselves are never needed at run time.

Splits are by document id (``# newdoc id``): *train* is every document in ``<treebank>/sources/``
whose id is not in the official dev/test files; *dev* and *test* are the official files. GUM's
``whow`` and ``fiction`` genres are left out of every split: they are CC BY-NC-SA.

Each document becomes one spaCy ``Doc`` keeping the UD annotation: words (multiword tokens are
contractions, so their parts are the tokens), real whitespace (``SpaceAfter=No``), UPOS in
``pos_``, XPOS in ``tag_``, FEATS in ``morph``, lemmas, heads and UD labels (the root label is
spaCy's ``ROOT``), gold sentence starts. Named entities come from GUM's ``Entity`` annotation
(:func:`named_entities`); EWT has none, so its entities stay *missing*, not "O".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from graphbuilder.titles import PERSON_TITLES

NON_COMMERCIAL_GUM_GENRES = ("whow", "fiction")

# Words in a named place that tell a facility or a natural location from a political entity.
_FAC_WORDS = frozenset(
    "street st. road avenue boulevard highway motorway bridge tunnel airport station port harbour "
    "harbor museum gallery library stadium arena tower castle palace cathedral church chapel abbey "
    "mosque temple synagogue hall building house center centre square park gardens zoo hospital "
    "prison dam canal wall gate memorial monument theatre theater cemetery campus mall mansion "
    "trail tube".split()
)
_LOC_WORDS = frozenset(
    "river lake sea ocean mountain mountains mount mt. valley desert island islands isles bay gulf "
    "coast peninsula forest falls beach canyon hill hills strait channel glacier plain plains "
    "region continent reef cape".split()
)
_LOC_NAMES = frozenset(
    {
        "Europe", "Asia", "Africa", "Antarctica", "Oceania", "North America", "South America",
        "Latin America", "Central America", "Middle East", "Near East", "Far East", "Caribbean",
        "Mediterranean", "Balkans", "Arctic", "Sahara", "Himalayas", "Alps", "Midwest", "Pacific",
        "Atlantic", "Scandinavia", "Siberia", "Eurasia", "Southeast Asia", "East Asia",
        "Central Asia", "South Asia", "West Africa", "East Africa", "Sub-Saharan Africa",
        "Amazon", "Earth", "the West", "West", "East", "Persian Gulf", "Gulf", "Levant",
    }
)  # fmt: skip
# Words that may join two proper-noun runs in one name: "Bank of England", "Trinidad and Tobago".
_NAME_JOINERS = frozenset({"of", "and", "&", "for", "de", "du", "la", "von", "van", "the", "on"})
_ENTITY_TYPES = {"person", "organization", "place", "event", "object"}
# Endings of demonyms and of religious or political adjectives ("Syrian", "Chinese", "Kurdish",
# "Iraqi", "Islamic", "French", "Swiss", "Greek", "Thai", "Buddhist"), and a few that end otherwise
_GROUP_SUFFIXES = ("an", "ese", "ish", "i", "ic", "ch", "ss", "ek", "ai", "ist", "ox")
_GROUP_WORDS = frozenset({"Muslim", "Hindu", "Sikh", "Shia", "Jew", "Maori", "Inuit"})


@dataclass
class Token:
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int  # index in the document, or -1 for the root
    deprel: str
    space_after: bool
    sent_start: bool
    misc: dict[str, str] = field(default_factory=dict)
    par_start: bool = False  # first word of a paragraph (``# newpar``, or the document's first)


@dataclass
class Mention:
    start: int  # first token (document index)
    end: int  # one past the last token
    etype: str
    identity: str | None


@dataclass
class Document:
    doc_id: str
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] | None = None  # None when the treebank has no entity layer


def _parse_misc(misc: str) -> dict[str, str]:
    if misc == "_":
        return {}
    pairs = (item.split("=", 1) for item in misc.split("|"))
    return {p[0]: p[1] if len(p) > 1 else "" for p in pairs}


_NEWPAR = re.compile(r"#\s*newpar(\s|$)")


def read_conllu(path: Path) -> Iterator[Document]:
    """Yield the documents of one CoNLL-U file, tokens indexed across the document."""
    doc: Document | None = None
    sentence: list[list[str]] = []
    new_paragraph = False
    # word ids followed by no space: the parts of a multiword token but its last, and its last
    # when the multiword token has SpaceAfter=No
    mwt_no_space: set[int] = set()

    def flush_sentence() -> None:
        nonlocal sentence, mwt_no_space, new_paragraph
        if not sentence or doc is None:
            sentence, mwt_no_space = [], set()
            return
        offset = len(doc.tokens)
        for i, cols in enumerate(sentence):
            misc = _parse_misc(cols[9])
            head = int(cols[6])
            no_space = misc.get("SpaceAfter") == "No" or int(cols[0]) in mwt_no_space
            doc.tokens.append(
                Token(
                    form=cols[1],
                    lemma=cols[2],
                    upos=cols[3],
                    xpos=cols[4],
                    feats="" if cols[5] == "_" else cols[5],
                    head=-1 if head == 0 else offset + head - 1,
                    deprel="ROOT" if cols[7] == "root" else cols[7],
                    space_after=not no_space,
                    sent_start=i == 0,
                    misc=misc,
                    par_start=i == 0 and (new_paragraph or offset == 0),
                )
            )
        sentence, mwt_no_space, new_paragraph = [], set(), False

    with path.open(encoding="utf-8") as lines:
        for line in lines:
            line = line.rstrip("\n")
            if line.startswith("# newdoc id"):
                flush_sentence()
                if doc is not None:
                    yield doc
                doc = Document(doc_id=line.split("=", 1)[1].strip())
            elif _NEWPAR.match(line):  # as UD's conllu_to_text.pl reads it, not "newpar_block"
                new_paragraph = True
            elif line.startswith("#"):
                continue
            elif not line.strip():
                flush_sentence()
            else:
                cols = line.split("\t")
                if "." in cols[0]:
                    continue  # empty node of the enhanced graph
                if "-" in cols[0]:
                    first, last = (int(n) for n in cols[0].split("-"))
                    mwt_no_space.update(range(first, last))
                    if _parse_misc(cols[9]).get("SpaceAfter") == "No":
                        mwt_no_space.add(last)
                    continue
                sentence.append(cols)
    flush_sentence()
    if doc is not None:
        yield doc


_BRACKET = re.compile(r"\((?P<open>[^()]+)(?P<close>\))?|(?P<closer>[^()]+)\)")


def parse_entities(doc: Document) -> list[Mention]:
    """Read the CoNLL-2012 style brackets of GUM's ``Entity`` MISC attribute."""
    mentions: list[Mention] = []
    open_: dict[str, list[tuple[int, str, str | None]]] = {}
    for i, token in enumerate(doc.tokens):
        value = token.misc.get("Entity")
        if not value:
            continue
        for m in _BRACKET.finditer(value):
            if m.group("open"):
                fields = m.group("open").split("-")
                group, etype = fields[0], fields[1]
                # GRP-etype-infstat-[salience-]centering-minspan-link-identity
                n_fixed = 7 if len(fields) >= 7 and fields[3][:1] in "sn" else 6
                identity = "-".join(fields[n_fixed:]) or None
                if m.group("close"):
                    mentions.append(Mention(i, i + 1, etype, identity))
                else:
                    open_.setdefault(group, []).append((i, etype, identity))
            else:
                group = m.group("closer")
                start, etype, identity = open_[group].pop()
                mentions.append(Mention(start, i + 1, etype, identity))
    return mentions


def _syntactic_head(tokens: list[Token], start: int, end: int) -> int:
    """The first token of [start, end) whose head lies outside the span."""
    for i in range(start, end):
        if not start <= tokens[i].head < end:
            return i
    return start


def _place_label(text: str) -> str:
    words = text.lower().split()
    if text in _LOC_NAMES or text.removeprefix("the ") in _LOC_NAMES:
        return "LOC"
    if any(w in _FAC_WORDS for w in words[1:]):
        return "FAC"
    if any(w in _LOC_WORDS for w in words):
        return "LOC"
    return "GPE"


def _in_name(token: Token) -> bool:
    """A proper noun (by UPOS or XPOS: "United" is VERB/NNP), or a word UD lemmatises with a
    capital inside a name ("New")."""
    return (
        token.upos == "PROPN"
        or token.xpos in {"NNP", "NNPS"}
        or (token.upos in {"ADJ", "NOUN", "NUM", "X"} and token.lemma[:1].isupper())
    )


def _name_runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Maximal runs of name words that contain a proper noun, before joining across "of"."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if _in_name(tokens[i]):
            j = i
            while j + 1 < len(tokens) and _in_name(tokens[j + 1]) and not tokens[j + 1].sent_start:
                j += 1
            if any(t.upos == "PROPN" for t in tokens[i : j + 1]):
                runs.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return runs


def _split_at_crossings(
    tokens: list[Token], mentions: list[Mention], start: int, end: int
) -> list[tuple[int, int]]:
    """[start, end) cut where a mention's name begins or ends inside it, so that two
    neighbouring mentions do not share a name ("[Robert Pangborn] [Vice President ...]").
    Mentions nested in the smallest mention that holds the whole name do not cut it
    ("[United States] Congress", "Center for [Advanced Study in the ...]")."""
    owner = _smallest_mention(mentions, start, end)
    outside = [
        m for m in mentions
        if m.start < end and start < m.end
        and (owner is None or not owner.start <= m.start <= m.end <= owner.end)
    ]
    cuts = set()
    for m in outside:
        if any(o is not m and o.start <= m.start and m.end <= o.end for o in outside):
            continue  # "[[Durham] University]": only the outer mention cuts
        m_start, m_end = _name_of(tokens, m)
        cuts.update(k for k in (m_start, m_end) if start < k < end)
    pieces = []
    for piece_start, piece_end in pairwise([start, *sorted(cuts), end]):
        while piece_start < piece_end and tokens[piece_start].form in _NAME_JOINERS:
            piece_start += 1
        while piece_end > piece_start and tokens[piece_end - 1].form in _NAME_JOINERS:
            piece_end -= 1
        if piece_start < piece_end:
            pieces.append((piece_start, piece_end))
    return pieces


def _after_titles(tokens: list[Token], start: int, end: int) -> int:
    """First token of a person's name after leading titles ("Prime Minister Abadi" → "Abadi")."""
    while start < end and tokens[start].form.lower() in PERSON_TITLES:
        start += 1
    return start


def _name_of(tokens: list[Token], mention: Mention) -> tuple[int, int]:
    """The mention without leading determiners and trailing possessive or punctuation."""
    start, end = mention.start, mention.end
    while start < end and tokens[start].upos == "DET":
        start += 1
    while end > start and tokens[end - 1].upos in {"PART", "PUNCT"}:
        end -= 1
    return start, end


def _smallest_mention(mentions: list[Mention], start: int, end: int) -> Mention | None:
    containing = [m for m in mentions if m.start <= start and end <= m.end]
    return min(containing, key=lambda m: m.end - m.start, default=None)


def named_entities(doc: Document, gpe_names: set[str]) -> list[tuple[int, int, str]]:
    """Named mentions of a GUM document as (start, end, label) token spans.

    The rule: a *name* is a maximal run of proper nouns (UPOS PROPN) and of words whose UD lemma
    is capitalised ("New York", "United Nations"), two runs joined when one
    joiner word ("of", "and", "&", "for", "the", ...) separates them inside the same mention
    ("Bank of England"), but not "and" inside a person mention ("Kate and Ashley Olsen" are
    two people). A name is cut where a mention outside the one holding it begins or ends
    ("Robert Pangborn Vice President ..." is two mentions), and needs a proper noun not
    written in lower case ("the whip"). The name takes the type of the smallest GUM mention
    that contains it: person → PERSON (proper nouns ending in a plural one, such as
    "Americans" or "Puerto Ricans" → NORP; leading titles such as "President" or "Justice" are
    left out, and a title of a place, "King of Spain", leaves the place typed by its own
    mention), organization → ORG, place → GPE, LOC or FAC by the words in the name, event →
    EVENT, object → PRODUCT. A name that is a GPE elsewhere in the corpus (by text
    or Wikipedia identity) is a GPE whatever the mention ("North Korea" acting as a state, "U.S."
    in "U.S. citizens"). Names in abstract, time, animal, plant and substance mentions, and names in
    no mention, are not entities. Adjectives with a capitalised UD lemma outside names that
    look like demonyms or religious/political groups ("Russian", "Kurdish", "Muslim"; not
    "Foreign" of "Foreign Secretary") are NORP.
    """
    assert doc.mentions is not None
    tokens = doc.tokens
    runs = _name_runs(tokens)
    joined: list[tuple[int, int]] = []
    for start, end in runs:
        if joined:
            prev_start, prev_end = joined[-1]
            gap = tokens[prev_end:start]
            if (
                len(gap) == 1
                and gap[0].form.lower() in _NAME_JOINERS
                and not gap[0].sent_start
                and not tokens[start].sent_start
            ):
                outer = _smallest_mention(doc.mentions, prev_start, end)
                if (
                    outer is not None
                    and tokens[_syntactic_head(tokens, outer.start, outer.end)].upos == "PROPN"
                    # people are not named "A and B": "Kate and Ashley Olsen" are two
                    and not (outer.etype == "person" and gap[0].form.lower() in {"and", "&"})
                ):
                    joined[-1] = (prev_start, end)
                    continue
        joined.append((start, end))

    names = [
        (start, end)
        for joined_start, joined_end in joined
        for start, end in _split_at_crossings(tokens, doc.mentions, joined_start, joined_end)
        if any(t.upos == "PROPN" and not t.form.islower() for t in tokens[start:end])
    ]
    spans: list[tuple[int, int, str]] = []
    for start, end in names:
        mention = _smallest_mention(doc.mentions, start, end)
        if mention is None or mention.etype not in _ENTITY_TYPES:
            continue
        if mention.etype == "person":
            name_start, start = start, _after_titles(tokens, start, end)
            if start == end:
                continue  # a bare title: "the President"
            if start > name_start and tokens[start].form in _NAME_JOINERS:
                # a title of a place ("King of Spain", "Protector of Mexico"): the place is
                # the name, typed by its own mention
                while start < end and tokens[start].form in _NAME_JOINERS:
                    start += 1
                inner = _smallest_mention(doc.mentions, start, end)
                if start == end or inner is None or inner is mention:
                    continue
                mention = inner
                if mention.etype not in _ENTITY_TYPES:
                    continue
        text = " ".join(t.form for t in tokens[start:end])
        whole = (start, end) == _name_of(tokens, mention)
        if mention.etype != "place" and (
            (text in gpe_names and not (whole and mention.etype == "person"))
            or (whole and f"id:{mention.identity}" in gpe_names)
        ):
            label = "GPE"  # "North Korea" acting as a state, "U.S." in "U.S. citizens"
        elif mention.etype == "person":
            # a plural proper noun names a people: "Americans", "Puerto Ricans"
            plural = tokens[end - 1].xpos == "NNPS" and all(
                t.xpos in {"NNP", "NNPS"} for t in tokens[start:end]
            )
            label = "NORP" if plural else "PERSON"
        elif mention.etype == "organization":
            label = "ORG"
        elif mention.etype == "place":
            label = _place_label(text)
        elif mention.etype == "event":
            label = "EVENT"
        else:
            label = "PRODUCT"
        spans.append((start, end, label))

    in_names = {i for s, e in joined for i in range(s, e)}  # titles dropped above included
    for i, token in enumerate(tokens):
        if i not in in_names and _is_group_adjective(token):
            spans.append((i, i + 1, "NORP"))
    return sorted(spans)


def _is_group_adjective(token: Token) -> bool:
    """A demonym or a religious or political adjective: "Russian", "Kurdish", "Muslim"."""
    lemma = token.lemma
    return (
        token.upos == "ADJ"
        and lemma[:1].isupper()
        and not lemma.isupper()
        and (lemma in _GROUP_WORDS or lemma.endswith(_GROUP_SUFFIXES))
    )


def gpe_names_of(docs: Iterable[Document]) -> set[str]:
    """Names of places that are GPEs, and their Wikipedia identities as ``"id:<title>"``.

    Read from the place mentions of GUM documents that are just a name ("the United States").
    """
    names: set[str] = set()
    for doc in docs:
        assert doc.mentions is not None
        for m in doc.mentions:
            if m.etype != "place":
                continue
            tokens = doc.tokens[m.start : m.end]
            while tokens and tokens[0].upos == "DET":
                tokens = tokens[1:]
            if tokens and all(_in_name(t) for t in tokens):
                text = " ".join(t.form for t in tokens)
                if _place_label(text) == "GPE":
                    names.add(text)
                    if m.identity:
                        names.add(f"id:{m.identity}")
    return names


def to_spacy(doc: Document, vocab: Vocab, gpe_names: set[str] | None) -> Doc:
    tokens = doc.tokens
    sdoc = Doc(
        vocab,
        words=[t.form for t in tokens],
        spaces=[t.space_after for t in tokens],
        pos=[t.upos for t in tokens],
        tags=[t.xpos for t in tokens],
        morphs=[t.feats for t in tokens],
        lemmas=[t.lemma for t in tokens],
        heads=[i if t.head < 0 else t.head for i, t in enumerate(tokens)],
        deps=[t.deprel for t in tokens],
        sent_starts=[t.sent_start for t in tokens],
    )
    sdoc.user_data["doc_id"] = doc.doc_id
    sdoc.user_data["paragraph_starts"] = [i for i, t in enumerate(tokens) if t.par_start]
    if doc.mentions is not None and gpe_names is not None:
        ents = [Span(sdoc, s, e, label=label) for s, e, label in named_entities(doc, gpe_names)]
        sdoc.set_ents(ents, default="outside")
    return sdoc


def doc_ids(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as lines:
        return {line.split("=", 1)[1].strip() for line in lines if line.startswith("# newdoc id")}


def is_excluded(doc_id: str) -> bool:
    return any(doc_id.startswith(f"GUM_{genre}_") for genre in NON_COMMERCIAL_GUM_GENRES)


def load_treebank(ud_dir: Path, name: str) -> dict[str, list[Document]]:
    """Documents of one treebank ("ewt" or "gum") by split; excluded genres dropped."""
    root = ud_dir / name
    dev_file, test_file = root / f"en_{name}-ud-dev.conllu", root / f"en_{name}-ud-test.conllu"
    held_out = doc_ids(dev_file) | doc_ids(test_file)
    splits: dict[str, list[Document]] = {"train": [], "dev": [], "test": []}
    for path in sorted((root / "sources").rglob("*.conllu")):
        splits["train"].extend(d for d in read_conllu(path) if d.doc_id not in held_out)
    splits["dev"] = list(read_conllu(dev_file))
    splits["test"] = list(read_conllu(test_file))
    for split, docs in splits.items():
        splits[split] = [d for d in docs if not is_excluded(d.doc_id)]
        if name == "gum":
            for d in splits[split]:
                d.mentions = parse_entities(d)
    return splits
