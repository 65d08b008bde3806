"""The label-independent dependency helpers, on parses built by hand in both schemes.

Each sentence is given twice: with Universal Dependencies labels (our pipeline) and
with ClearNLP labels (spaCy's en_core_web_* models). The helpers must answer the same.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from graphbuilder.extract.build import build
from graphbuilder.extract.relations import logical_objects, logical_subjects
from graphbuilder.extract.syntax import is_passive, prep_args, role, subject_before_aside
from graphbuilder.ontology import load_ontology
from graphbuilder.types import Article

_VOCAB = spacy.blank("en").vocab

# (word, lemma, pos, tag, head index, dep)
PASSIVE_UD = [
    ("Musk", "Musk", "PROPN", "NNP", 3, "nsubj:pass"),
    ("has", "have", "AUX", "VBZ", 3, "aux"),
    ("been", "be", "AUX", "VBN", 3, "aux:pass"),
    ("threatened", "threaten", "VERB", "VBN", 3, "ROOT"),
    ("by", "by", "ADP", "IN", 5, "case"),
    ("Rogozin", "Rogozin", "PROPN", "NNP", 3, "obl:agent"),
]
PASSIVE_CLEAR = [
    ("Musk", "Musk", "PROPN", "NNP", 3, "nsubjpass"),
    ("has", "have", "AUX", "VBZ", 3, "aux"),
    ("been", "be", "AUX", "VBN", 3, "auxpass"),
    ("threatened", "threaten", "VERB", "VBN", 3, "ROOT"),
    ("by", "by", "ADP", "IN", 3, "agent"),
    ("Rogozin", "Rogozin", "PROPN", "NNP", 4, "pobj"),
]
TALKS_UD = [
    ("Biden", "Biden", "PROPN", "NNP", 1, "nsubj"),
    ("held", "hold", "VERB", "VBD", 1, "ROOT"),
    ("talks", "talk", "NOUN", "NNS", 1, "obj"),
    ("with", "with", "ADP", "IN", 4, "case"),
    ("Zelensky", "Zelensky", "PROPN", "NNP", 1, "obl"),
    ("and", "and", "CCONJ", "CC", 6, "cc"),
    ("Macron", "Macron", "PROPN", "NNP", 4, "conj"),
]
TALKS_CLEAR = [
    ("Biden", "Biden", "PROPN", "NNP", 1, "nsubj"),
    ("held", "hold", "VERB", "VBD", 1, "ROOT"),
    ("talks", "talk", "NOUN", "NNS", 1, "dobj"),
    ("with", "with", "ADP", "IN", 1, "prep"),
    ("Zelensky", "Zelensky", "PROPN", "NNP", 3, "pobj"),
    ("and", "and", "CCONJ", "CC", 4, "cc"),
    ("Macron", "Macron", "PROPN", "NNP", 4, "conj"),
]
ACCUSE_UD = [
    ("Rogozin", "Rogozin", "PROPN", "NNP", 1, "nsubj"),
    ("accused", "accuse", "VERB", "VBD", 1, "ROOT"),
    ("Musk", "Musk", "PROPN", "NNP", 1, "obj"),
    ("of", "of", "SCONJ", "IN", 4, "mark"),
    ("arming", "arm", "VERB", "VBG", 1, "advcl"),
    ("Azov", "Azov", "PROPN", "NNP", 4, "obj"),
]
ACCUSE_CLEAR = [
    ("Rogozin", "Rogozin", "PROPN", "NNP", 1, "nsubj"),
    ("accused", "accuse", "VERB", "VBD", 1, "ROOT"),
    ("Musk", "Musk", "PROPN", "NNP", 1, "dobj"),
    ("of", "of", "ADP", "IN", 1, "prep"),
    ("arming", "arm", "VERB", "VBG", 3, "pcomp"),
    ("Azov", "Azov", "PROPN", "NNP", 4, "dobj"),
]


def _doc(rows: list[tuple[str, str, str, str, int, str]]) -> Doc:
    words, lemmas, pos, tags, heads, deps = zip(*rows, strict=True)
    return Doc(_VOCAB, words=list(words), lemmas=list(lemmas), pos=list(pos), tags=list(tags),
               heads=list(heads), deps=list(deps))


@pytest.mark.parametrize("rows", [PASSIVE_UD, PASSIVE_CLEAR], ids=["ud", "clearnlp"])
def test_extract_syntax_passive_turned_round(rows: list) -> None:
    doc = _doc(rows)
    verb = doc[3]
    assert is_passive(verb)
    assert [t.text for t in logical_subjects(verb)] == ["Rogozin"]
    assert [t.text for t in logical_objects(verb)] == ["Musk"]


@pytest.mark.parametrize("rows", [TALKS_UD, TALKS_CLEAR], ids=["ud", "clearnlp"])
def test_extract_syntax_prep_args_with_conjuncts(rows: list) -> None:
    doc = _doc(rows)
    assert [(p, n.text) for p, n in prep_args(doc[1])] == [("with", "Zelensky"),
                                                            ("with", "Macron")]
    assert not is_passive(doc[1])
    assert role(doc[2]) == "obj"


@pytest.mark.parametrize("rows", [ACCUSE_UD, ACCUSE_CLEAR], ids=["ud", "clearnlp"])
def test_extract_syntax_object_control_gives_embedded_subject(rows: list) -> None:
    doc = _doc(rows)
    assert [t.text for t in logical_subjects(doc[4])] == ["Musk"]
    assert [t.text for t in logical_objects(doc[4])] == ["Azov"]


@pytest.mark.parametrize(
    ("dep", "word", "expected"),
    [
        ("nsubj:pass", "Musk", "subjpass"),
        ("nsubjpass", "Musk", "subjpass"),
        ("obj", "Musk", "obj"),
        ("dobj", "Musk", "obj"),
        ("dative", "Musk", "iobj"),
        ("nmod:poss", "his", "poss"),
        ("poss", "his", "poss"),
        ("acl:relcl", "who", "relcl"),
        ("compound:prt", "over", "prt"),
        ("advmod", "not", "neg"),
        ("neg", "not", "neg"),
        ("obl:unmarked", "Monday", "obl"),
    ],
)
def test_extract_syntax_role_maps_both_schemes(dep: str, word: str, expected: str) -> None:
    doc = Doc(_VOCAB, words=["x", word], heads=[0, 0], deps=["ROOT", dep])
    assert role(doc[1]) == expected


def _doc_with_ents(rows: list, ents: list[str]) -> Doc:
    words, lemmas, pos, tags, heads, deps = zip(*rows, strict=True)
    return Doc(_VOCAB, words=list(words), lemmas=list(lemmas), pos=list(pos), tags=list(tags),
               heads=list(heads), deps=list(deps), ents=ents)


ENTS = {
    "passive": ["B-PERSON", "O", "O", "O", "O", "B-PERSON"],
    "talks": ["B-PERSON", "O", "O", "O", "B-PERSON", "O", "B-PERSON"],
    "accuse": ["B-PERSON", "O", "B-PERSON", "O", "O", "B-ORG"],
}


@pytest.mark.parametrize(
    ("rows", "ents", "facts"),
    [
        (PASSIVE_UD, "passive", {("Rogozin", "THREATEN", "Musk")}),
        (PASSIVE_CLEAR, "passive", {("Rogozin", "THREATEN", "Musk")}),
        (TALKS_UD, "talks", {("Biden", "MEET", "Zelensky"), ("Biden", "MEET", "Macron")}),
        (TALKS_CLEAR, "talks", {("Biden", "MEET", "Zelensky"), ("Biden", "MEET", "Macron")}),
        (ACCUSE_UD, "accuse", {("Rogozin", "ACCUSE", "Musk"), ("Musk", "SUPPLY", "Azov")}),
        (ACCUSE_CLEAR, "accuse", {("Rogozin", "ACCUSE", "Musk"), ("Musk", "SUPPLY", "Azov")}),
    ],
    ids=["passive-ud", "passive-clearnlp", "talks-ud", "talks-clearnlp", "accuse-ud",
         "accuse-clearnlp"],
)
def test_extract_syntax_same_facts_from_both_schemes(rows: list, ents: str,
                                                     facts: set[tuple[str, str, str]]) -> None:
    doc = _doc_with_ents(rows, ENTS[ents])
    article = Article(id="a", doc_id="a", text=doc.text)
    ex = build(article, [(doc, 0)], load_ontology(), None)
    names = {e.key: e.name for e in ex.entities}
    found = {(names[r.subject], r.predicate, names[r.object]) for r in ex.relations}
    assert found == facts


# "Rogozin - who boasted - accused Musk .", parsed with "accused" as a modifier of "Musk"
ASIDE_UD = [
    ("Rogozin", "Rogozin", "PROPN", "NNP", 3, "nsubj"),
    ("-", "-", "PUNCT", ",", 2, "punct"),
    ("who", "who", "PRON", "WP", 0, "appos"),
    ("boasted", "boast", "VERB", "VBD", 3, "ROOT"),
    ("-", "-", "PUNCT", ",", 3, "punct"),
    ("accused", "accuse", "VERB", "VBN", 6, "amod"),
    ("Musk", "Musk", "NOUN", "NN", 3, "obj"),
    (".", ".", "PUNCT", ".", 3, "punct"),
]


def test_extract_syntax_aside_subject_when_the_name_is_tagged_a_common_noun() -> None:
    # the tagger read "Musk" as NOUN; the NER's PERSON still makes it a name, not "the
    # accused man"
    named = _doc_with_ents(ASIDE_UD, ["B-PERSON"] + ["O"] * 5 + ["B-PERSON", "O"])
    subject = subject_before_aside(named[5])
    assert subject is not None and subject.text == "Rogozin"
    unnamed = _doc_with_ents(ASIDE_UD, ["B-PERSON"] + ["O"] * 7)
    assert subject_before_aside(unnamed[5]) is None
