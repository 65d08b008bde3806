"""The optional accurate pipeline: trimmed on disk, whole again at load, offline."""

from __future__ import annotations

import importlib.util
import io
import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import srsly
import torch
from spacy.language import Language
from typer.testing import CliRunner

from graphbuilder import accurate
from graphbuilder.cli import app
from graphbuilder.errors import ModelError
from graphbuilder.nlp import load_pipeline

runner = CliRunner()
# required seed facts (of 19) the accurate pipeline was measured to find
SEED_FACTS_FOUND = 19


def _no_network(*args: object, **kwargs: object) -> None:
    raise OSError("network access attempted during an offline test")


@pytest.fixture(scope="module")
def table() -> torch.Tensor:
    return accurate.minilm_embeddings()


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    """The shipped accurate pipeline, loaded from scratch with the network blocked."""
    from graphbuilder.nlp import _load_cached

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", _no_network)
        mp.setattr(socket, "create_connection", _no_network)
        _load_cached.cache_clear()
        pipeline = load_pipeline(accurate.ACCURATE_ALIAS)
    yield pipeline


def _model_file(state: dict[str, torch.Tensor]) -> bytes:
    """A transformer component's ``model`` file as spacy-transformers writes it."""
    buffer = io.BytesIO()
    torch.save(state, buffer)
    hf = {"config": {"hidden_size": 384}, "state": buffer.getvalue(), "tokenizer": {}}
    return srsly.msgpack_dumps(
        {"nodes": [{}, {}], "attrs": [{}, {}], "params": [{}, {}],
         "shims": [[], [srsly.msgpack_dumps(hf)]]}
    )


def _state(model_bytes: bytes) -> dict[str, torch.Tensor]:
    outer = srsly.msgpack_loads(model_bytes)
    hf = srsly.msgpack_loads(outer["shims"][1][0])
    return torch.load(io.BytesIO(hf["state"]), weights_only=True)


def test_trim_drops_the_table_and_halves_the_rest(table: torch.Tensor) -> None:
    layer = torch.randn(384, 384)
    full = _model_file({accurate.EMBEDDINGS: table.clone(), "encoder.weight": layer})
    trimmed = accurate.trim(full)
    state = _state(trimmed)
    assert accurate.EMBEDDINGS not in state
    assert state["encoder.weight"].dtype == torch.float16
    assert len(trimmed) < len(full) / 10  # the table is most of this file


def test_untrim_restores_the_table_exactly_and_the_rest_to_fp16(table: torch.Tensor) -> None:
    layer = torch.randn(384, 384)
    full = _model_file({accurate.EMBEDDINGS: table.clone(), "encoder.weight": layer})
    state = _state(accurate.untrim(accurate.trim(full), table))
    assert torch.equal(state[accurate.EMBEDDINGS], table)
    assert state["encoder.weight"].dtype == torch.float32
    assert torch.allclose(state["encoder.weight"], layer, atol=1e-2, rtol=1e-3)


def test_trim_refuses_a_trained_table(table: torch.Tensor) -> None:
    trained = table.clone()
    trained[100, 0] += 0.5
    with pytest.raises(ValueError, match="was trained"):
        accurate.trim(_model_file({accurate.EMBEDDINGS: trained}))


def test_untrim_refuses_another_minilm(table: torch.Tensor) -> None:
    trimmed = accurate.trim(_model_file({accurate.EMBEDDINGS: table.clone()}))
    other = table.clone()
    other[0, 0] += 1.0
    with pytest.raises(ModelError, match="another MiniLM"):
        accurate.untrim(trimmed, other)


def test_missing_optional_packages_are_named_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = importlib.util.find_spec

    def without_transformers(name: str, *args: object) -> object:
        return None if name == "spacy_transformers" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", without_transformers)
    with pytest.raises(ModelError) as err:
        accurate.check_requirements("accurate")
    assert "spacy_transformers" in str(err.value)
    assert accurate.INSTALL_HINT in str(err.value)


def test_shipped_pipeline_is_trimmed_and_small() -> None:
    path = accurate.accurate_model_path()
    assert accurate.is_trimmed(path)
    assert not (path / "transformer" / "model").exists()
    size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    assert size < 40e6


def test_shipped_pipeline_parses_with_ud_labels(nlp: Language) -> None:
    doc = nlp("Russia accused Ukraine of shelling the nuclear plant on Tuesday.")
    by_text = {t.text: t for t in doc}
    assert by_text["accused"].dep_ == "ROOT"
    assert by_text["Russia"].dep_ == "nsubj"
    assert by_text["Ukraine"].dep_ == "obj"
    assert by_text["Ukraine"].head.text == "accused"
    assert by_text["accused"].pos_ == "VERB"
    assert {e.text for e in doc.ents if e.label_ == "GPE"} >= {"Russia", "Ukraine"}


def test_shipped_pipeline_leaves_no_temporary_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a temporary folder of this test's own: another process loading the pipeline at the same
    # moment has its copy in the shared one
    import tempfile

    from graphbuilder.nlp import _load_cached

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    _load_cached.cache_clear()
    try:
        loaded = load_pipeline(accurate.ACCURATE_ALIAS)
    finally:
        _load_cached.cache_clear()
    assert "parser" in loaded.pipe_names
    assert list(tmp_path.glob("graphbuilder-accurate-*")) == []


def test_cli_extract_with_the_accurate_model_finds_the_seed_facts(
    nlp: Language, shared_dir: Path, tmp_path: Path
) -> None:
    seed = shared_dir / "data" / "seed"
    out = tmp_path / "seed.jsonl"
    result = runner.invoke(
        app, ["extract", str(seed / "starlink_rogozin.txt"), "-o", str(out), "--model", "accurate"]
    )
    assert result.exit_code == 0, result.output
    scored = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), str(out),
         "--seed", str(seed / "gold_facts.jsonl"), "--docs", str(seed), "--json", "-"],
        capture_output=True, text=True, check=True,
    )
    found = json.loads(scored.stdout)["seed"]
    assert found["found"] >= SEED_FACTS_FOUND, found["missing"]


def test_cli_extract_with_workers_gives_the_facts_of_one_process(
    nlp: Language, examples_dir: Path, tmp_path: Path
) -> None:
    # forked workers inherit PyTorch without its threads; before the fix they hung forever,
    # so this runs in a child process with a time limit
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    result = runner.invoke(app, ["extract", str(examples_dir), "-o", str(one),
                                 "--model", "accurate"])
    assert result.exit_code == 0, result.output
    subprocess.run(
        [sys.executable, "-m", "graphbuilder", "extract", str(examples_dir), "-o", str(two),
         "--model", "accurate", "--workers", "2"],
        capture_output=True, text=True, check=True, timeout=600,
    )
    facts = [
        {(r["doc_id"], r["subject"], r["predicate"], r["object"], r["start"])
         for r in srsly.read_jsonl(path) if r["type"] == "relation"}
        for path in (one, two)
    ]
    assert facts[0]
    assert facts[0] == facts[1]


def test_accurate_parse_by_paragraph_joins_quietly(nlp: Language) -> None:
    # the transformer's whole-Doc output cannot be joined across paragraphs; spaCy warned
    # about it once per document in every `model evaluate --model accurate`
    import warnings

    from spacy.tokens import Doc

    from graphbuilder.nlp import _parse_by_paragraph

    gold = Doc(nlp.vocab, words=["Troops", "leave", "Kherson", "Russia", "withdrew", "."])
    gold.user_data["paragraph_starts"] = [0, 3]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (joined,) = _parse_by_paragraph(nlp, [gold])
    assert joined.text == gold.text
    assert [str(w.message) for w in caught if "W101" in str(w.message)] == []
