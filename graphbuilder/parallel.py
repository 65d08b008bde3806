"""Extract articles in chunks, in this process or in worker processes, streaming and in order.

Articles are grouped into chunks of a few tens of thousands of characters. Each chunk is
parsed and extracted inside one ``nlp.memory_zone()``, so the strings and lexemes a chunk
adds to the vocabulary are freed with it and memory stays flat over any number of
articles. With ``workers > 1`` the chunks go to a pool of forked processes, each of which
parses *and* extracts (only the small ``Extraction`` records come back, never a Doc),
with at most ``2 * workers`` chunks in flight, and results come back in input order, so
the facts are exactly those of one process.

Forked workers inherit the loaded pipeline, with its custom components, from the parent;
nothing of it is pickled. The parent may be running the embedded store's JVM, whose
threads a forked child does not have: a child that called into it would wait forever.
JPype calls the JVM from Python's garbage collector (``gc.callbacks``) and the JVM owns
SIGTERM, so each worker drops the inherited GC callbacks and restores the default
SIGTERM, and the parent freezes its objects while forking so that a child's collector
never frees (and so never finalises) anything of the parent's. Where ``fork`` is not
available (Windows), spaCy's own ``n_process`` does the parsing and this process the
extraction.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from graphbuilder.extract import extract_all

if TYPE_CHECKING:
    from spacy.language import Language

    from graphbuilder.ontology import Ontology
    from graphbuilder.types import Article, Extraction

CHUNK_CHARS = 20_000  # characters of text per chunk (one article may be longer)
CHUNK_ARTICLES = 16  # and at most this many articles

# What a forked worker extracts with: set in the parent just before the pool forks.
_worker_setup: tuple[Language, dict[str, Any]] | None = None


def chunks(articles: Iterable[Article], max_chars: int | None = None,
           max_articles: int | None = None) -> Iterator[list[Article]]:
    """Consecutive groups of articles of about ``max_chars`` characters (default
    ``CHUNK_CHARS``), at most ``max_articles`` (default ``CHUNK_ARTICLES``) each."""
    max_chars = max_chars or CHUNK_CHARS
    max_articles = max_articles or CHUNK_ARTICLES
    chunk: list[Article] = []
    size = 0
    for article in articles:
        chunk.append(article)
        size += len(article.text)
        if size >= max_chars or len(chunk) >= max_articles:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def extract_chunk(chunk: list[Article], nlp: Language, **options: Any) -> list[Extraction]:
    """Extract a chunk inside a memory zone: nothing spaCy allocates outlives the chunk."""
    with nlp.memory_zone():
        return list(extract_all(chunk, nlp, **options))


def _start_worker() -> None:
    gc.callbacks.clear()  # JPype's: they call the parent's JVM, which has no threads here
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the JVM's handler would never run
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _extract_in_worker(chunk: list[Article]) -> list[Extraction]:
    assert _worker_setup is not None, "worker started without a pipeline"
    nlp, options = _worker_setup
    return extract_chunk(chunk, nlp, **options)


def extract_stream(
    articles: Iterable[Article],
    nlp: Language,
    *,
    workers: int = 1,
    batch_size: int = 32,
    ontology: Ontology | None = None,
    gazetteer: Any | None = None,
) -> Iterator[Extraction]:
    """Extract ``articles`` in input order with ``workers`` processes; memory stays flat."""
    options: dict[str, Any] = {"batch_size": batch_size, "ontology": ontology,
                               "gazetteer": gazetteer}
    if workers > 1 and "fork" not in multiprocessing.get_all_start_methods():
        yield from extract_all(articles, nlp, n_process=workers, **options)
        return
    groups = chunks(articles)
    if workers <= 1:
        for chunk in groups:
            yield from extract_chunk(chunk, nlp, **options)
        return
    first = next(groups, None)
    if first is None:
        return  # nothing to extract (a re-run over unchanged files): no processes started
    yield from _pooled(first, groups, nlp, options, workers)


def _pooled(first: list[Article], rest: Iterator[list[Article]], nlp: Language,
            options: dict[str, Any], workers: int) -> Iterator[Extraction]:
    # A worker that dies (killed, out of memory) fails the run with BrokenProcessPool,
    # where multiprocessing.Pool would wait forever for its chunk.
    global _worker_setup
    _worker_setup = (nlp, options)
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start_worker)
    try:
        gc.freeze()  # the workers fork on the first submit: the parent's objects stay
        try:         # out of their collections
            window = deque([pool.submit(_extract_in_worker, first)])
        finally:
            gc.unfreeze()
        for chunk in rest:
            window.append(pool.submit(_extract_in_worker, chunk))
            while len(window) >= 2 * workers:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _worker_setup = None
