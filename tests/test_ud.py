"""Reading UD CoNLL-U (EWT, GUM) into spaCy documents with named entities."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.vocab import Vocab

from graphbuilder.ud import (
    Document,
    Mention,
    Token,
    is_excluded,
    named_entities,
    parse_entities,
    read_conllu,
    to_spacy,
)

# Two sentences of a GUM-style document: a multiword token ("don't"), SpaceAfter=No, an
# organization acting as a state, a person behind a common-noun head, a demonym.
GUM_DOC = "\n".join(
    [
        "# newdoc id = GUM_news_sample",
        "# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity",
        "# sent_id = GUM_news_sample-1",
        "# text = North Korea threatened South Korean towns.",
        "1\tNorth\tNorth\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-organization-new-sssss-cf1-1,2-coref-North_Korea",
        "2\tKorea\tKorea\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)",
        "3\tthreatened\tthreaten\tVERB\tVBD\t_\t0\troot\t_\t_",
        "4\tSouth\tSouth\tPROPN\tNNP\t_\t5\tamod\t_\tEntity=(2-place-new-nnnnn-cf2-3-sgl(3-place-new-nnnnn-cf3-1,2-sgl-South_Korea",
        "5\tKorean\tKorean\tADJ\tJJ\t_\t6\tamod\t_\tEntity=3)",
        "6\ttowns\ttown\tNOUN\tNNS\t_\t3\tobj\t_\tEntity=2)|SpaceAfter=No",
        "7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_",
        "",
        "# sent_id = GUM_news_sample-2",
        "# text = Russians don't trust his co-star Jensen Ackles.",
        "1\tRussians\tRussian\tPROPN\tNNPS\t_\t4\tnsubj\t_\tEntity=(4-person-new-nnnnn-cf1-1-sgl)",
        "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
        "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_",
        "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
        "4\ttrust\ttrust\tVERB\tVB\t_\t0\troot\t_\t_",
        "5\this\this\tPRON\tPRP$\t_\t6\tnmod:poss\t_\tEntity=(5-person-new-nnnnn-cf2-2-coref-Jensen_Ackles(6-person-new-nnnnn-cf3-1-sgl)",
        "6\tco-star\tco-star\tNOUN\tNN\t_\t4\tobj\t_\t_",
        "7\tJensen\tJensen\tPROPN\tNNP\t_\t6\tappos\t_\t_",
        "8\tAckles\tAckles\tPROPN\tNNP\t_\t7\tflat\t_\tEntity=5)|SpaceAfter=No",
        "9\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_",
        "",
    ]
)


@pytest.fixture
def gum_doc(tmp_path: Path) -> Document:
    path = tmp_path / "sample.conllu"
    path.write_text(GUM_DOC, encoding="utf-8")
    (doc,) = read_conllu(path)
    doc.mentions = parse_entities(doc)
    return doc


def test_ud_read_conllu_splits_contractions_and_keeps_spaces(gum_doc: Document) -> None:
    sdoc = to_spacy(gum_doc, Vocab(), None)
    first, second = "North Korea threatened South Korean towns.", "Russians don't trust"
    assert sdoc.text.startswith(f"{first} {second} his co-star")
    assert [t.text for t in sdoc[7:10]] == ["Russians", "do", "n't"]


def test_ud_read_conllu_marks_paragraph_starts(tmp_path: Path) -> None:
    # EWT writes "# newpar" after "# sent_id", GUM before it; "# newpar_block" is no paragraph
    lines = ["# newdoc id = d1"]
    for n, comments in enumerate([["# newpar id = p1"], ["# newpar_block = p (2 s)"],
                                  ["# newpar"], []]):
        word = f"1\tWord{n}\tword\tNOUN\tNN\t_\t0\troot\t_\t_"
        lines += [f"# sent_id = d1-{n}", *comments, word, ""]
    path = tmp_path / "pars.conllu"
    path.write_text("\n".join(lines), encoding="utf-8")
    (doc,) = read_conllu(path)
    assert [t.par_start for t in doc.tokens] == [True, False, True, False]
    assert to_spacy(doc, Vocab(), None).user_data["paragraph_starts"] == [0, 2]


def test_ud_to_spacy_keeps_ud_annotation(gum_doc: Document) -> None:
    sdoc = to_spacy(gum_doc, Vocab(), None)
    korea, threatened = sdoc[1], sdoc[2]
    assert (korea.dep_, korea.head.i, korea.pos_, korea.tag_) == ("nsubj", 2, "PROPN", "NNP")
    assert (threatened.dep_, threatened.lemma_) == ("ROOT", "threaten")
    assert [s.start for s in sdoc.sents] == [0, 7]


def test_ud_to_spacy_without_entity_layer_leaves_entities_missing(gum_doc: Document) -> None:
    sdoc = to_spacy(gum_doc, Vocab(), None)
    assert all(t.ent_iob_ == "" for t in sdoc)


def test_ud_parse_entities_reads_nested_brackets(gum_doc: Document) -> None:
    spans = {(m.start, m.end, m.etype, m.identity) for m in gum_doc.mentions or []}
    assert (0, 2, "organization", "North_Korea") in spans
    assert (3, 6, "place", None) in spans
    assert (3, 5, "place", "South_Korea") in spans
    assert (11, 15, "person", "Jensen_Ackles") in spans


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("North Korea", "GPE"),  # organization whose name is a GPE elsewhere
        ("South Korean", "GPE"),  # place mention whose head is a capitalised adjective
        ("Russians", "NORP"),  # plural proper noun naming people
        ("Jensen Ackles", "PERSON"),  # the name inside "his co-star Jensen Ackles"
    ],
)
def test_ud_named_entities_rule(gum_doc: Document, text: str, label: str) -> None:
    words = [t.form for t in gum_doc.tokens]
    found = {(" ".join(words[s:e]), lab) for s, e, lab in named_entities(gum_doc, {"North Korea"})}
    assert (text, label) in found


def test_ud_named_entities_skip_pronouns_and_common_nouns(gum_doc: Document) -> None:
    words = [t.form for t in gum_doc.tokens]
    found = {" ".join(words[s:e]) for s, e, _ in named_entities(gum_doc, set())}
    assert not found & {"his", "co-star", "towns"}


@pytest.mark.parametrize(
    ("doc_id", "excluded"),
    [("GUM_whow_basil", True), ("GUM_fiction_giants", True), ("GUM_news_korea", False)],
)
def test_ud_is_excluded_drops_non_commercial_genres(doc_id: str, excluded: bool) -> None:
    assert is_excluded(doc_id) is excluded


def _document(words: str, tags: str, mentions: list[tuple[int, int, str]]) -> Document:
    """A one-sentence document: words, ``UPOS/XPOS`` tags, mentions as (start, end, etype).
    Every word hangs on the last word of the smallest mention holding it, else on the root."""
    forms, pairs = words.split(), [tag.split("/") for tag in tags.split()]
    tokens = []
    for i, (form, (upos, xpos)) in enumerate(zip(forms, pairs, strict=True)):
        holders = sorted((m for m in mentions if m[0] <= i < m[1]), key=lambda m: m[1] - m[0])
        head = holders[0][1] - 1 if holders and holders[0][1] - 1 != i else -1
        tokens.append(Token(form, form, upos, xpos, "_", head, "dep", True, i == 0))
    return Document("GUM_test", tokens, [Mention(s, e, etype, None) for s, e, etype in mentions])


def _names(doc: Document) -> set[tuple[str, str]]:
    words = [t.form for t in doc.tokens]
    return {(" ".join(words[s:e]), label) for s, e, label in named_entities(doc, set())}


PN, PS, NN, CC, AD, DT, VB = "PROPN/NNP", "PROPN/NNPS", "NOUN/NN", "CCONJ/CC", "ADP/IN", "DET/DT", \
    "VERB/VBD"


@pytest.mark.parametrize(
    ("words", "tags", "mentions", "expected"),
    [
        # two neighbouring mentions do not share a name; a bare title names nobody
        ("Robert Pangborn Vice President spoke", f"{PN} {PN} {PN} {PN} {VB}",
         [(0, 2, "person"), (2, 4, "person")], {("Robert Pangborn", "PERSON")}),
        # a byline: the person and the university, not "Durham" alone
        ("Andrew Beresford Durham University wrote", f"{PN} {PN} {PN} {PN} {VB}",
         [(0, 2, "person"), (2, 4, "organization"), (2, 3, "place")],
         {("Andrew Beresford", "PERSON"), ("Durham University", "ORG")}),
        # a mention nested inside a name does not cut it
        ("United States Congress met", f"{PN} {PN} {PN} {VB}",
         [(0, 3, "organization"), (0, 2, "place")], {("United States Congress", "ORG")}),
        # people are not named "A and B"
        ("Kate and Ashley Olsen smiled", f"{PN} {CC} {PN} {PN} {VB}",
         [(0, 4, "person"), (0, 1, "person"), (2, 4, "person")],
         {("Kate", "PERSON"), ("Ashley Olsen", "PERSON")}),
        # ... but places and organisations may be: one province
        ("Newfoundland and Labrador voted", f"{PN} {CC} {PN} {VB}", [(0, 3, "place")],
         {("Newfoundland and Labrador", "GPE")}),
        # a title of a place: the place is the name
        ("the King of Spain spoke", f"{DT} {PN} {AD} {PN} {VB}",
         [(0, 4, "person"), (3, 4, "place")], {("Spain", "GPE")}),
        # titles of office are left out of a person's name, and are no name alone
        ("Justice Scalia thanked Madam Speaker", f"{PN} {PN} {VB} {PN} {PN}",
         [(0, 2, "person"), (3, 5, "person")], {("Scalia", "PERSON")}),
        # a proper noun written in lower case is no name
        ("the whip spoke", f"{DT} {PN} {VB}", [(0, 2, "person")], set()),
        # a plural proper noun names a people, in one word or two
        ("Puerto Ricans voted", f"{PN} {PS} {VB}", [(0, 2, "person")], {("Puerto Ricans", "NORP")}),
        # a lower-case joiner at the edge of a cut name is left out; a capitalised one stays
        ("De Certeau wrote", f"{PN} {PN} {VB}", [(0, 2, "person")], {("De Certeau", "PERSON")}),
        # the place of a facility's name by its last word
        ("Pittock Mansion opened", f"{PN} {PN} {VB}", [(0, 2, "place")],
         {("Pittock Mansion", "FAC")}),
    ],
)
def test_ud_named_entities_conventions(words: str, tags: str,
                                       mentions: list[tuple[int, int, str]],
                                       expected: set[tuple[str, str]]) -> None:
    assert _names(_document(words, tags, mentions)) == expected
