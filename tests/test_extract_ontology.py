"""The bundled relation ontology and the CAMEO verb lexicon that feeds it."""

from __future__ import annotations

import pytest

from graphbuilder.errors import OntologyError
from graphbuilder.extract.cameo import CameoVerbs, verb_codes
from graphbuilder.ontology import load_ontology
from graphbuilder.types import QUAD_CLASSES

STRUCTURAL = ["LEADS", "MEMBER_OF", "PART_OF", "ALIAS", "LOCATED_IN", "RELATIVE_OF", "OWNS"]


def test_extract_ontology_covers_all_cameo_roots() -> None:
    onto = load_ontology()
    roots = {p.cameo_root for p in onto.predicates.values() if p.cameo}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}
    assert len(onto.predicates) >= 40


@pytest.mark.parametrize("name", STRUCTURAL)
def test_extract_ontology_structural_predicate(name: str) -> None:
    pred = load_ontology()[name]
    assert pred.structural and pred.cameo is None and pred.quad_class is None


def test_extract_ontology_event_predicates_are_complete() -> None:
    for pred in load_ontology().predicates.values():
        if pred.structural or pred.name in ("BUY", "LAUNCH"):
            continue
        assert pred.cameo and pred.quad_class in QUAD_CLASSES, pred.name
        assert -10.0 <= pred.weight <= 10.0, pred.name
        assert pred.lemmas or pred.preps or pred.light or pred.nouns, pred.name


@pytest.mark.parametrize(
    ("table", "key", "expected"),
    [
        ("by_lemma", "accuse", "ACCUSE"),
        ("by_lemma", "thank", "THANK"),
        ("by_prep", ("feud", "with"), "FEUD"),
        ("by_light", ("hold", "talks"), ("MEET", "with")),
        ("by_inverse_lemma", "include", "MEMBER_OF"),
    ],
)
def test_extract_ontology_lookup_tables(table: str, key: object, expected: object) -> None:
    assert getattr(load_ontology(), table)[key] == expected


@pytest.mark.parametrize(
    ("lemma", "expected"),
    [("bombard", "FIGHT"), ("massacre", "MASS_VIOLENCE"), ("castigate", "CRITICIZE"),
     ("detain", "COERCE"), ("appeal", "APPEAL")],
)
def test_extract_ontology_cameo_verbs_map_to_predicates(lemma: str, expected: str) -> None:
    assert CameoVerbs(load_ontology()).predicate(lemma) == expected


def test_extract_ontology_cameo_lexicon_leaves_out_vague_verbs() -> None:
    codes = verb_codes()
    assert len(codes) > 500
    for vague in ("want", "take", "include", "say", "protect"):
        assert vague not in codes


def test_extract_ontology_user_file_replaces_bundled(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "mini.yaml"
    path.write_text("- predicate: SMUGGLE\n  cameo: '070'\n  quad_class: MATERIAL_COOPERATION\n"
                    "  weight: 1\n  lemmas: [smuggle]\n  inverse_lemmas: [receive]\n",
                    encoding="utf-8")
    onto = load_ontology(path)
    assert onto.by_lemma == {"smuggle": "SMUGGLE"} and onto.by_inverse_lemma == {
        "receive": "SMUGGLE"}
    assert CameoVerbs(onto).predicate("donate") == "SMUGGLE"  # same CAMEO root 07
    with pytest.raises(OntologyError):
        onto.relationship_type("ATTACK")


def test_extract_ontology_model_type_is_reserved(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.yaml"
    path.write_text("- predicate: MENTIONED_IN\n  weight: 0\n", encoding="utf-8")
    with pytest.raises(OntologyError, match="reserved"):
        load_ontology(path)
