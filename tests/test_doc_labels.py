"""One label per name in a document (graphbuilder.doc_labels), on documents built by hand."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from graphbuilder.doc_labels import COMPONENT, consistent_labels, settle_across


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
    doc = _doc("Dhaka University and Crater Lake and Mount Hood and Tabqa Dam .",
               [("Dhaka University", "PERSON"), ("Crater Lake", "PERSON"),
                ("Mount Hood", "PERSON"), ("Tabqa Dam", "ORG")])
    assert _labels(consistent_labels(doc)) == [
        ("Dhaka University", "ORG"), ("Crater Lake", "LOC"), ("Mount Hood", "LOC"),
        ("Tabqa Dam", "FAC")]


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


def _tagged(words: list[str], pos: list[str], ents: list[tuple[int, int, str]],
            tags: list[str] | None = None, spaces: list[bool] | None = None) -> Doc:
    """A document with parts of speech (and tags), entities by token offsets."""
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, pos=pos, tags=tags)
    doc.ents = [doc.char_span(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), label=label)
                for s, e, label in ents]
    return doc


def test_a_title_inside_a_name_cuts_it_and_the_surname_alone_follows() -> None:
    doc = _doc("Pentagon Press Secretary Peter Cook spoke . Later Cook said no .",
               [("Pentagon Press Secretary Peter Cook", "ORG")])
    assert _labels(consistent_labels(doc)) == [("Peter Cook", "PERSON"), ("Cook", "PERSON")]


def test_one_word_before_a_title_stays_an_entity() -> None:
    doc = _doc("US President Joe Biden spoke .", [("US President Joe Biden", "PERSON")])
    assert _labels(consistent_labels(doc)) == [("US", "ORG"), ("Joe Biden", "PERSON")]
    doc = _doc("Turkish Foreign Minister Mevlut Cavusoglu spoke .",
               [("Turkish Foreign Minister Mevlut Cavusoglu", "GPE")])
    assert _labels(consistent_labels(doc)) == [("Turkish", "GPE"),
                                               ("Mevlut Cavusoglu", "PERSON")]


def test_titles_that_qualify_other_nouns_do_not_cut_a_name() -> None:
    names = [("General Motors", "ORG"), ("Home Office", "ORG"), ("Foreign Ministry", "ORG"),
             ("Prince Edward Island", "LOC"), ("Minister Smith", "PERSON")]
    doc = _doc("General Motors and Home Office and Foreign Ministry and Prince Edward Island "
               "and Minister Smith .", names)
    assert _labels(consistent_labels(doc)) == [*names[:4], ("Smith", "PERSON")]


def test_a_surname_before_another_capitalised_word_is_left_alone() -> None:
    doc = _doc("Ash Carter spoke . The Carter Center opened .", [("Ash Carter", "PERSON")])
    assert _labels(consistent_labels(doc)) == [("Ash Carter", "PERSON")]


def test_settle_across_paragraphs_parsed_one_by_one() -> None:
    first = _doc("Peter Cook spoke in Kessler .", [("Peter Cook", "PERSON"), ("Kessler", "GPE")])
    second = _doc("Later Cook said no .", [])
    third = _doc("Kessler agreed and Kessler left .",
                 [("Kessler", "PERSON"), ("Kessler", "PERSON")])
    settle_across([first, second, third], keep=lambda ent: False)
    assert _labels(second) == [("Cook", "PERSON")]  # the surname of another paragraph
    assert _labels(first) == [("Peter Cook", "PERSON"), ("Kessler", "PERSON")]  # 2 votes to 1


def test_settle_across_keeps_the_labels_it_is_told_to_keep() -> None:
    first = _doc("They flew to Jordan .", [("Jordan", "GPE")])
    second = _doc("Jordan spoke and Jordan left .", [("Jordan", "PERSON"), ("Jordan", "PERSON")])
    settle_across([first, second], keep=lambda ent: ent.doc is first)
    assert _labels(first) == [("Jordan", "GPE")]
    assert _labels(second) == [("Jordan", "PERSON"), ("Jordan", "PERSON")]


def test_a_regnal_number_or_an_initial_is_no_surname() -> None:
    doc = _doc("Emperor Norton I ruled . I know John Q well . Q said so .",
               [("Norton I", "PERSON"), ("John Q", "PERSON")])
    assert _labels(consistent_labels(doc)) == [("Norton I", "PERSON"), ("John Q", "PERSON")]


def test_a_person_after_near_or_in_or_named_by_a_place_noun_is_a_place() -> None:
    words = ["Strikes", "near", "Rawah", ",", "in", "al", "-", "Hilla", "and", "in", "the",
             "town", "of", "Zumar", "."]
    spaces = [True, True, False, True, True, False, False, True, True, True, True, True, True,
              False, False]
    doc = _tagged(words, ["NOUN", "ADP", "PROPN", "PUNCT", "ADP", "PROPN", "PUNCT", "PROPN",
                          "CCONJ", "ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
                  [(2, 3, "PERSON"), (7, 8, "PERSON"), (13, 14, "ORG")], spaces=spaces)
    assert _labels(consistent_labels(doc)) == [("Rawah", "GPE"), ("al-Hilla", "GPE"),
                                               ("Zumar", "GPE")]


def test_a_person_in_a_possessive_stays_a_person() -> None:
    doc = _tagged(["in", "Trump", "'s", "speech"], ["ADP", "PROPN", "PART", "NOUN"],
                  [(1, 2, "PERSON")], tags=["IN", "NNP", "POS", "NN"])
    assert _labels(consistent_labels(doc)) == [("Trump", "PERSON")]


def test_a_word_the_tagger_reads_as_no_noun_is_no_name() -> None:
    doc = _tagged(["Accordingly", ",", "Russia", "agreed", "."],
                  ["ADV", "PUNCT", "PROPN", "VERB", "PUNCT"],
                  [(0, 1, "PERSON"), (2, 3, "GPE")])
    assert _labels(consistent_labels(doc)) == [("Russia", "GPE")]


def test_a_place_preposition_after_blanks_still_opens_the_sentence() -> None:
    words = ["Strikes", ".", "\u00a0 ", "Near", "Rawah", ",", "one", "strike", "hit", "."]
    doc = Doc(spacy.blank("en").vocab, words=words,
              sent_starts=[True, False, True, False, False, False, False, False, False, False])
    doc.ents = [Span(doc, 3, 5, label="PERSON")]
    assert _labels(consistent_labels(doc)) == [("Rawah", "GPE")]


def test_laws_ships_exercises_and_dates_are_no_actors() -> None:
    doc = _doc("FS Forbin sailed . The Forbin docked . Security Council Resolution passed . "
               "Exercise Eager Lion began on Dec.14th .",
               [("FS Forbin", "ORG"), ("Forbin", "GPE"), ("Security Council Resolution", "ORG"),
                ("Exercise Eager Lion", "PERSON"), ("Dec.14th", "ORG")])
    assert _labels(consistent_labels(doc)) == [
        ("FS Forbin", "PRODUCT"), ("Forbin", "PRODUCT"), ("Security Council Resolution", "LAW"),
        ("Exercise Eager Lion", "EVENT"), ("Dec.14th", "DATE")]


def test_plural_titles_are_no_people() -> None:
    doc = _doc("Republican Senators met . Senators voted .",
               [("Republican Senators", "PERSON"), ("Senators", "NORP")])
    assert _labels(consistent_labels(doc)) == [("Republican", "NORP")]


def test_function_words_at_the_end_of_a_name_are_cut_off() -> None:
    doc = _tagged(["the", "House", "of", "voted", "and", "Barracuda", "and"],
                  ["DET", "PROPN", "ADP", "VERB", "CCONJ", "PROPN", "CCONJ"],
                  [(1, 3, "ORG"), (5, 7, "GPE")])
    assert _labels(consistent_labels(doc)) == [("House", "ORG"), ("Barracuda", "GPE")]


def test_a_person_loses_any_leading_title_but_a_title_alone_stays() -> None:
    doc = _doc("Justice Thomas wrote . The Foreign Secretary spoke .",
               [("Justice Thomas", "PERSON"), ("Foreign Secretary", "PERSON")])
    assert _labels(consistent_labels(doc)) == [("Thomas", "PERSON"),
                                               ("Foreign Secretary", "PERSON")]


def test_an_article_that_is_an_entity_of_its_own_is_not_taken_into_a_place() -> None:
    words = ["in", "al", "-", "Hilla", "."]
    doc = _tagged(words, ["ADP", "PROPN", "PUNCT", "PROPN", "PUNCT"],
                  [(1, 2, "ORG"), (3, 4, "PERSON")], spaces=[True, False, False, False, False])
    assert _labels(consistent_labels(doc)) == [("al", "ORG"), ("Hilla", "PERSON")]


def test_only_month_names_make_a_date() -> None:
    doc = _doc("Decree 15 and Marines 3 and Sept. 11 .",
               [("Decree 15", "ORG"), ("Marines 3", "ORG"), ("Sept. 11", "ORG")])
    assert _labels(consistent_labels(doc)) == [("Decree 15", "ORG"), ("Marines 3", "ORG"),
                                               ("Sept. 11", "DATE")]
