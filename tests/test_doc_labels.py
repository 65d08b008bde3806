"""One label per name in a document (graphbuilder.doc_labels), on documents built by hand."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from graphbuilder.doc_labels import COMPONENT, consistent_labels


def _doc(text: str, ents: list[tuple[str, str]]) -> Doc:
    """``ents``: (words, label) in order of first appearance, each tagged once per occurrence."""
    words = text.split()
    tags = ["O"] * len(words)
    i = 0
    for name, label in ents:
        size = len(name.split())
        while words[i : i + size] != name.split():
            i += 1
            assert i < len(words), name
        tags[i : i + size] = [f"B-{label}"] + [f"I-{label}"] * (size - 1)
        i += size
    return Doc(spacy.blank("en").vocab, words=words, ents=tags)


def _labels(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in doc.ents]


def test_a_surname_takes_the_label_of_the_full_name() -> None:
    doc = _doc("Jimmy Dean Watkins spoke . Later Watkins left .",
               [("Jimmy Dean Watkins", "PERSON"), ("Watkins", "GPE")])
    assert _labels(consistent_labels(doc)) == [("Jimmy Dean Watkins", "PERSON"),
                                               ("Watkins", "PERSON")]


def test_the_label_most_mentions_have_wins() -> None:
    doc = _doc("Kessler said so . Kessler agreed . According to Kessler it works .",
               [("Kessler", "PERSON"), ("Kessler", "PERSON"), ("Kessler", "GPE")])
    assert [label for _, label in _labels(consistent_labels(doc))] == ["PERSON"] * 3


def test_a_tie_changes_nothing() -> None:
    doc = _doc("Jordan spoke . They flew to Jordan .", [("Jordan", "PERSON"), ("Jordan", "GPE")])
    assert _labels(consistent_labels(doc)) == [("Jordan", "PERSON"), ("Jordan", "GPE")]


def test_head_words_type_a_name() -> None:
    doc = _doc("Dhaka University and Crater Lake and Mount Hood .",
               [("Dhaka University", "PERSON"), ("Crater Lake", "PERSON"),
                ("Mount Hood", "PERSON")])
    assert _labels(consistent_labels(doc)) == [
        ("Dhaka University", "ORG"), ("Crater Lake", "LOC"), ("Mount Hood", "LOC")]


def test_one_word_names_and_labels_of_non_names_are_left_alone() -> None:
    doc = _doc("University said . The Lake Party ended . Lake Party came .",
               [("University", "PERSON"), ("Lake Party", "DATE"), ("Lake Party", "EVENT")])
    assert _labels(consistent_labels(doc)) == [("University", "PERSON"), ("Lake Party", "DATE"),
                                               ("Lake Party", "ORG")]


def test_the_bundled_pipeline_runs_it_between_the_ner_and_the_gazetteer() -> None:
    from graphbuilder.nlp import ACTOR_RULER, load_pipeline

    names = load_pipeline().pipe_names
    assert names.index("ner") < names.index(COMPONENT) < names.index(ACTOR_RULER)


def test_a_name_without_capitals_is_dropped_but_a_short_fragment_stays() -> None:
    doc = _doc("SpaceX launched Starlink space internet satellites near al - Bab .",
               [("SpaceX", "ORG"), ("Starlink", "PRODUCT"), ("space internet", "ORG"),
                ("al", "GPE")])
    assert _labels(consistent_labels(doc)) == [("SpaceX", "ORG"), ("Starlink", "PRODUCT"),
                                               ("al", "GPE")]


def test_a_place_preposition_opening_the_sentence_is_cut_off_a_name() -> None:
    # "Near Rawah" as a PERSON: the name is "Rawah", a place; a LOC stays a LOC
    words = ["Near", "Rawah", ",", "strikes", "hit", ".", "Outside", "Mount", "Sinjar", ",",
             "Near", "East", "scholars", "met", "."]
    tags = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-LOC", "I-LOC", "I-LOC", "O",
            "B-LOC", "I-LOC", "O", "O", "O"]
    starts = [i in (0, 6) for i in range(len(words))]
    doc = Doc(spacy.blank("en").vocab, words=words, ents=tags, sent_starts=starts)
    assert _labels(consistent_labels(doc)) == [("Rawah", "GPE"), ("Mount Sinjar", "LOC"),
                                               ("Near East", "LOC")]
