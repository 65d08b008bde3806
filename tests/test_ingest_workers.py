"""``ingest(..., workers=N)``: worker processes give exactly the graph of one process."""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from graphbuilder import parallel
from graphbuilder.gazetteer import Gazetteer
from graphbuilder.ingest import IngestSummary, ingest
from graphbuilder.nlp import load_pipeline
from graphbuilder.store import open_store
from graphbuilder.types import Article, GraphView

RE3D_DOCS = 8  # with the examples and the seed article: 14 articles, 14 chunks of one


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path,
           shared_dir: Path) -> Path:
    """The examples, the seed article and a few re3d documents in one folder."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(examples_dir, folder / "examples")
    shutil.copy(shared_dir / "data" / "seed" / "starlink_rogozin.txt", folder)
    for path in sorted((shared_dir / "data" / "re3d-dev" / "docs").glob("*.txt"))[:RE3D_DOCS]:
        shutil.copy(path, folder / path.name)
    return folder


def _ingest(corpus: Path, store_dir: Path, workers: int) -> tuple[IngestSummary, GraphView]:
    with open_store(store_dir) as store:
        summary = ingest([corpus], store, load_pipeline(), gazetteer=Gazetteer.load(None),
                         workers=workers)
        return summary, store.read_view()


@pytest.fixture(scope="module")
def runs(corpus: Path, tmp_path_factory: pytest.TempPathFactory
         ) -> dict[int, tuple[IngestSummary, GraphView]]:
    # one article per chunk: the two workers interleave, so order really is restored
    patch = pytest.MonkeyPatch()
    patch.setattr(parallel, "CHUNK_ARTICLES", 1)
    try:
        return {w: _ingest(corpus, tmp_path_factory.mktemp(f"store{w}"), w) for w in (1, 2)}
    finally:
        patch.undo()


def _facts(view: GraphView) -> list[tuple[object, ...]]:
    return sorted(
        (f.id, f.article_id, f.relation.predicate, f.relation.subject, f.relation.object,
         f.relation.sentence, f.relation.start, f.relation.end, f.relation.confidence)
        for f in view.facts
    )


def _actors(view: GraphView) -> list[tuple[object, ...]]:
    return sorted((a.id, a.name, a.kind, tuple(sorted(a.aliases)), a.gazetteer_id, a.country)
                  for a in view.actors)


def test_ingest_workers_same_facts(runs: dict[int, tuple[IngestSummary, GraphView]]) -> None:
    one, two = runs[1][1], runs[2][1]
    assert len(one.facts) >= 10  # a graph worth comparing
    assert _facts(two) == _facts(one)


def test_ingest_workers_same_actors(runs: dict[int, tuple[IngestSummary, GraphView]]) -> None:
    one, two = runs[1][1], runs[2][1]
    assert _actors(two) == _actors(one)
    assert two.mention_counts == one.mention_counts


@pytest.mark.parametrize("field", ["articles_read", "articles_new", "actors", "relations", "words"])
def test_ingest_workers_same_summary(runs: dict[int, tuple[IngestSummary, GraphView]],
                                     field: str) -> None:
    assert getattr(runs[2][0], field) == getattr(runs[1][0], field)
    assert runs[1][0].articles_new == RE3D_DOCS + 6


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_workers_rerun_parses_nothing(corpus: Path, tmp_path: Path, workers: int,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    store_dir = tmp_path / "store"
    first, _ = _ingest(corpus, store_dir, workers)
    sent: list[Article] = []  # every article on its way to the parser passes here
    real_chunks = parallel.chunks

    def counting(articles: Iterable[Article]) -> Iterator[list[Article]]:
        for chunk in real_chunks(articles):
            sent.extend(chunk)
            yield chunk

    monkeypatch.setattr(parallel, "chunks", counting)
    second, view = _ingest(corpus, store_dir, workers)
    assert sent == []
    assert (second.articles_new, second.articles_unchanged) == (0, first.articles_new)
    assert len(view.facts) == first.relations
