"""The extract API: actors only, offsets into the article, streaming, the eval contract."""

from __future__ import annotations

import pytest
from extract_helpers import _tools, run

import graphbuilder.extract as extract_module
from graphbuilder.extract import eval_records, extract_all
from graphbuilder.extract.entities import ACTOR_LABELS
from graphbuilder.types import ACTOR_KINDS, Article

TEXT = ("On May 8, 2022, G7 leaders held talks with Volodymyr Zelensky. "
        "More than 3,000 Ukrainians had died by then, the UN said.\n\n"
        "Dmitry Rogozin accused Elon Musk of helping Ukraine.")


def test_extract_records_only_actors_become_entities() -> None:
    ex = run(TEXT)
    assert ex.entities
    for e in ex.entities:
        assert e.label in ACTOR_LABELS and e.kind in ACTOR_KINDS, e
        assert not e.name[0].isdigit() and e.name not in ("May", "Sunday"), e  # no dates


def test_extract_records_offsets_point_into_article() -> None:
    ex = run(TEXT)
    text = ex.article.text
    for e in ex.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text
    for r in ex.relations:
        assert text[r.start : r.end] == r.sentence
        assert r.start <= r.subject_span[0] < r.subject_span[1] <= r.end
        assert r.start <= r.object_span[0] < r.object_span[1] <= r.end
        assert r.quad_class is not None or r.predicate in ("LEADS", "MEMBER_OF", "OWNS",
                                                          "PART_OF", "ALIAS", "LOCATED_IN",
                                                          "RELATIVE_OF", "LAUNCH", "BUY")


def test_extract_records_eval_contract() -> None:
    ex = run(TEXT)
    records = list(eval_records(ex))
    kinds = {r["type"] for r in records}
    assert kinds == {"entity", "relation"}
    for r in records:
        assert r["doc_id"] == "test"
        if r["type"] == "entity":
            assert set(r) >= {"name", "label", "mentions"}
            assert all(len(m) == 2 and m[0] < m[1] for m in r["mentions"])
        else:
            assert set(r) >= {"subject", "subject_span", "predicate", "object", "object_span",
                              "quad_class", "start", "end"}
            assert r["predicate"].isupper()


def test_extract_records_stream_in_order_across_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "MAX_CHUNK_CHARS", 80)
    nlp, gazetteer = _tools()
    articles = [Article(id=f"a{i}", doc_id=f"d{i}", text=TEXT) for i in range(3)]
    out = list(extract_all(articles, nlp, gazetteer=gazetteer, batch_size=2))
    assert [x.article.doc_id for x in out] == ["d0", "d1", "d2"]
    late = [r for r in out[0].relations if r.start > 120]
    assert late, "facts from the second chunk are found"
    for r in late:
        assert TEXT[r.start : r.end] == r.sentence
        assert TEXT[r.subject_span[0] : r.subject_span[1]]


def test_extract_records_empty_article() -> None:
    nlp, gazetteer = _tools()
    (ex,) = extract_all([Article(id="e", doc_id="e", text="")], nlp, gazetteer=gazetteer)
    assert ex.entities == [] and ex.relations == []


def test_extract_records_long_article_in_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    nlp, gazetteer = _tools()
    text = (TEXT + "\n\n") * 3 + "Musk thanked Zelensky."
    whole = next(extract_all([Article(id="w", doc_id="w", text=text)], nlp, gazetteer=gazetteer))
    monkeypatch.setattr(extract_module, "SECTION_CHARS", 150)
    parts = next(extract_all([Article(id="w", doc_id="w", text=text)], nlp, gazetteer=gazetteer))
    assert sorted(e.name for e in parts.entities) == sorted(e.name for e in whole.entities)
    keys = {e.key for e in parts.entities}
    assert all(r.subject in keys and r.object in keys for r in parts.relations)
    assert len(parts.relations) == len(whole.relations)
    musk = next(e for e in parts.entities if e.name == "Elon Musk")
    assert len(musk.mentions) == 4  # "Elon Musk" three times, "Musk" once, across sections


def test_extract_records_settle_labels_across_paragraphs() -> None:
    # Paragraphs are parsed one by one; on its own the NER reads "Ellwood" as a place
    ex = run("Foreign Office minister Tobias Ellwood arrived in Amman on Tuesday.\n\n"
             "Ellwood condemned the attack on the convoy.")
    names = {e.name: e for e in ex.entities}
    assert "Ellwood" not in names
    assert [m.text for m in names["Tobias Ellwood"].mentions] == ["Tobias Ellwood", "Ellwood"]


def test_extract_records_user_ontology_without_structural_types(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from graphbuilder.ontology import load_ontology

    path = tmp_path / "mini.yaml"
    path.write_text("- predicate: ACCUSE\n  cameo: '112'\n  quad_class: VERBAL_CONFLICT\n"
                    "  weight: -2\n  lemmas: [accuse]\n", encoding="utf-8")
    nlp, gazetteer = _tools()
    article = Article(id="o", doc_id="o", text="Tesla CEO Elon Musk was accused by Rogozin.")
    (ex,) = extract_all([article], nlp, ontology=load_ontology(path), gazetteer=gazetteer)
    assert {r.predicate for r in ex.relations} <= {"ACCUSE"}
