"""Packaging the default pipeline with a separately trained NER (training/package_model.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.training import Example

from graphbuilder.nlp import bundled_model_path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "training"))
from package_model import replace_ner  # noqa: E402


def _with_ner(label: str, *, before: tuple[str, ...] = (), after: tuple[str, ...] = ()) -> Language:
    """A blank pipeline whose NER knows one label (its own default encoder, no listener)."""
    nlp = spacy.blank("en")
    for name in before:
        nlp.add_pipe(name)
    nlp.add_pipe("ner")
    for name in after:
        nlp.add_pipe(name)
    doc = nlp.make_doc("Kyiv thanked Musk")
    example = Example.from_dict(doc, {"entities": [(0, 4, label)]})
    nlp.initialize(lambda: [example])
    return nlp


def test_replace_ner_keeps_the_place_and_takes_the_new_labels() -> None:
    base = _with_ner("PERSON", before=("sentencizer",), after=("entity_ruler",))
    trained = _with_ner("GPE")
    replace_ner(base, trained)
    assert base.pipe_names == ["sentencizer", "ner", "entity_ruler"]
    assert base.get_pipe("ner").labels == ("GPE",)


def test_replace_ner_as_the_first_component() -> None:
    base = _with_ner("PERSON", after=("sentencizer",))
    replace_ner(base, _with_ner("ORG"))
    assert base.pipe_names == ["ner", "sentencizer"]
    assert base.get_pipe("ner").labels == ("ORG",)


def test_replace_ner_refuses_other_static_vectors() -> None:
    base, trained = _with_ner("PERSON"), _with_ner("GPE")
    trained.vocab.vectors.name = "some_other_vectors"
    with pytest.raises(ValueError, match="static vectors"):
        replace_ner(base, trained)
    assert base.get_pipe("ner").labels == ("PERSON",)  # left as it was


def test_replace_ner_refuses_an_ner_that_listens_to_a_shared_encoder() -> None:
    listening = spacy.blank("en")
    listening.add_pipe("tok2vec")
    listening.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner",
        "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1", "width": 96}}})
    doc = listening.make_doc("Kyiv thanked Musk")
    listening.initialize(lambda: [Example.from_dict(doc, {"entities": [(0, 4, "GPE")]})])
    base = _with_ner("PERSON")
    with pytest.raises(ValueError, match="listens"):
        replace_ner(base, listening)
    assert base.get_pipe("ner").labels == ("PERSON",)


def test_replace_ner_needs_an_ner_on_both_sides() -> None:
    base = spacy.blank("en")
    base.add_pipe("sentencizer")
    with pytest.raises(ValueError, match="'ner'"):
        replace_ner(base, _with_ner("GPE"))


def test_shipped_default_ner_has_its_own_encoder() -> None:
    """The bundled NER was trained alone (configs/ner.cfg): it listens to no tok2vec."""
    nlp = spacy.load(bundled_model_path())
    ner_nodes = {node.name for node in nlp.get_pipe("ner").model.walk()}
    assert not any("listener" in name for name in ner_nodes)
    assert "static_vectors" in ner_nodes
    # the other components still share the pipeline's tok2vec
    tagger_nodes = {node.name for node in nlp.get_pipe("tagger").model.walk()}
    assert any("listener" in name for name in tagger_nodes)
