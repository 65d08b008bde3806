"""The ingest run: read → extract → resolve → store, streaming, one article at a time.

This module only wires the stages together; each stage lives in its own module. The
CLI's ``ingest`` command is a thin wrapper around :func:`ingest`. Extraction runs in
chunks, in worker processes when ``workers > 1`` (:mod:`graphbuilder.parallel`); the
results come back in input order, so the graph does not depend on ``workers``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, TextIO

from graphbuilder.errors import ReadError
from graphbuilder.parallel import extract_stream
from graphbuilder.read import iter_articles
from graphbuilder.resolve import Resolver
from graphbuilder.types import Article

if TYPE_CHECKING:
    from spacy.language import Language

    from graphbuilder.gazetteer import Gazetteer
    from graphbuilder.ontology import Ontology
    from graphbuilder.store import GraphStore

log = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    """What one ingest run did; the CLI prints it."""

    articles_read: int = 0
    articles_new: int = 0
    articles_unchanged: int = 0  # already in the store (same content hash): not parsed again
    actors: int = 0  # actors written (counted once per article that mentions them)
    relations: int = 0
    words: int = 0
    skipped: list[ReadError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when nothing usable came out of the run but something was skipped."""
        return bool(self.skipped) and self.articles_read == 0


ProgressCallback = Callable[[str, Article | ReadError], None]


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    nlp: Language,
    *,
    gazetteer: Gazetteer | None = None,
    ontology: Ontology | None = None,
    stdin: TextIO | BinaryIO | None = None,
    workers: int = 1,
    batch_size: int = 32,
    on_progress: ProgressCallback | None = None,
    exclude: Iterable[str | Path] = (),
) -> IngestSummary:
    """Ingest articles from ``paths`` into ``store``; return a summary.

    Articles whose content hash is already in the store are skipped before parsing, so
    re-running over the same directory is cheap and changes nothing (the store's actors
    are loaded for resolution only once a new article has been extracted). Bad inputs become
    entries of ``summary.skipped`` and never stop the run. ``exclude`` lists paths never
    read as input (the store directory, when it sits inside an input directory).
    """
    summary = IngestSummary()
    store.ensure_schema()
    resolver: Resolver | None = None
    seen: set[str] = set()

    def new_articles() -> Iterator[Article]:
        for item in iter_articles(paths, stdin=stdin, exclude=exclude):
            if isinstance(item, ReadError):
                summary.skipped.append(item)
                if on_progress:
                    on_progress("skipped", item)
                continue
            summary.articles_read += 1
            if item.id in seen or store.has_article(item.id):
                summary.articles_unchanged += 1
                if on_progress:
                    on_progress("unchanged", item)
                continue
            seen.add(item.id)
            yield item

    for extraction in extract_stream(
        new_articles(),
        nlp,
        workers=workers,
        batch_size=batch_size,
        ontology=ontology,
        gazetteer=gazetteer,
    ):
        if resolver is None:
            resolver = Resolver(store.known_actors(), gazetteer=gazetteer)
        graph = resolver.resolve(extraction)
        store.write_article(graph)
        log.info(
            "stored %r: %d actor(s), %d fact(s)",
            extraction.article.source or extraction.article.doc_id,
            len(graph.actors),
            len(graph.facts),
        )
        summary.articles_new += 1
        summary.actors += len(graph.actors)
        summary.relations += len(graph.facts)
        summary.words += len(extraction.article.text.split())
        if on_progress:
            on_progress("ingested", extraction.article)
    return summary
